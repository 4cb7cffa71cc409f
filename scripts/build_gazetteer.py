"""Build src/readouts/data/gazetteer.json from pycountry and the curated tables below.

Offline tool, never imported at run time: ``python scripts/build_gazetteer.py``
rewrites the JSON (sorted, stable), and checks data/officials.json (hand-edited)
against ISO 3166-1. Run it after editing a table; commit the JSON it writes.

Sources: country codes and ISO names from pycountry (ISO 3166-1, data from
Debian iso-codes, LGPL package). Everything else is curated by hand: news short
forms, demonyms and capitals after the CIA World Factbook (public domain);
seats of government, institutions, state media and non-state bodies from their
own names as news agencies (VOA, AP, Reuters style) write them.

Table rows are ``a | b | c``; inside a cell ``;`` separates alternatives.
"""
from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import pycountry

DATA = Path(__file__).resolve().parents[1] / "src" / "readouts" / "data"

# Codes outside ISO 3166-1 that news treats as a side. XK is the user-assigned
# code for Kosovo used by the EU, the IMF and SWIFT.
USER_ASSIGNED = {"XK": "Kosovo"}

# ISO names (or their unaccented forms) that are a common word or no side at all.
SKIPPED_ISO_NAMES = {"Jersey", "Antarctica", "Bouvet Island", "Heard Island and McDonald Islands", "Reunion"}

# News writes these abbreviations with and without dots; every entry that
# starts with one gets the other spelling too ("U.N. Security Council").
DOTTED = {"US": "U.S.", "UN": "U.N.", "UK": "U.K.", "EU": "E.U."}

# Country and capital names that are also common given names: ``scan`` drops
# them before a capitalised word that is no title ("Chad Smith", not "Chad's army").
ALSO_GIVEN_NAMES = ["Chad", "Jordan", "Georgia", "Paris", "Sanaa", "Sucre", "Israel"]

# Prefixes that turn a name into no side at all: "pro-Russian rebels", "anti-American".
NO_SIDE_PREFIXES = ["pro", "anti", "non", "ex", "neo", "post", "pre", "counter"]

# Suffixes after which a name is a place or a patron, not the speaker's side:
# "a Dakar-based spokesman", "Iran-backed Houthis", "Russia-annexed Crimea".
NO_SIDE_SUFFIXES = [
    "based", "backed", "allied", "aligned", "funded", "sponsored", "supported", "linked",
    "affiliated", "born", "educated", "trained", "inspired", "made", "built", "style",
    "annexed", "occupied", "held",
]

# Heads after which "to/at/in <name>" is the post, not the side: "U.S. Ambassador to
# the United Nations Nikki Haley" speaks for the US, "the envoy in Moscow" for his own state.
POSTED_TO_HEADS = [
    "ambassador", "ambassadors", "envoy", "envoys", "representative", "representatives",
    "mission", "delegation", "delegate", "delegates", "emissary", "attache", "consul",
]

# Capitalised words that may follow such a name when it is the country ("Chad Tuesday accused").
CALENDAR_WORDS = [
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]

# code | news names, the first is the display name | demonyms (adjective first;
# a trailing "!" means no plural "s") | capitals as news write them.
# Ambiguous forms are left out on purpose: "Korea", "Korean" (KP or KR),
# capitals that are also common first names or surnames (Sofia, Victoria,
# Santiago, Wellington, Georgetown, San Jose, Male).
COUNTRIES = """
AD | Andorra | Andorran | Andorra la Vella
AE | United Arab Emirates;UAE;U.A.E.;the Emirates | Emirati | Abu Dhabi
AF | Afghanistan | Afghan | Kabul
AG | Antigua and Barbuda | Antiguan |
AL | Albania | Albanian | Tirana
AM | Armenia | Armenian | Yerevan
AO | Angola | Angolan | Luanda
AR | Argentina | Argentine;Argentinian | Buenos Aires
AT | Austria | Austrian | Vienna
AU | Australia | Australian | Canberra
AZ | Azerbaijan | Azerbaijani;Azeri | Baku
BA | Bosnia and Herzegovina;Bosnia;Bosnia-Herzegovina | Bosnian | Sarajevo
BB | Barbados | Barbadian | Bridgetown
BD | Bangladesh | Bangladeshi | Dhaka
BE | Belgium | Belgian |
BF | Burkina Faso | Burkinabe! | Ouagadougou
BG | Bulgaria | Bulgarian |
BH | Bahrain | Bahraini | Manama
BI | Burundi | Burundian | Gitega;Bujumbura
BJ | Benin | Beninese | Porto-Novo;Cotonou
BN | Brunei | Bruneian | Bandar Seri Begawan
BO | Bolivia | Bolivian | La Paz;Sucre
BR | Brazil | Brazilian | Brasilia;Brasília
BS | Bahamas | Bahamian | Nassau
BT | Bhutan | Bhutanese | Thimphu
BW | Botswana | Motswana!;Batswana! | Gaborone
BY | Belarus | Belarusian;Belarussian | Minsk
BZ | Belize | Belizean | Belmopan
CA | Canada | Canadian | Ottawa
CD | Democratic Republic of Congo;Democratic Republic of the Congo;DR Congo;DRC;D.R.C.;Congo;Congo-Kinshasa | Congolese | Kinshasa
CF | Central African Republic;CAR | Central African | Bangui
CG | Republic of Congo;Republic of the Congo;Congo-Brazzaville;Congo Republic | | Brazzaville
CH | Switzerland | Swiss | Bern
CI | Ivory Coast;Côte d'Ivoire;Cote d'Ivoire | Ivorian | Yamoussoukro;Abidjan
CL | Chile | Chilean |
CM | Cameroon | Cameroonian | Yaounde;Yaoundé
CN | China;People's Republic of China;PRC;mainland China | Chinese | Beijing;Peking
CO | Colombia | Colombian | Bogota;Bogotá
CR | Costa Rica | Costa Rican |
CU | Cuba | Cuban | Havana
CV | Cape Verde;Cabo Verde | Cape Verdean | Praia
CY | Cyprus | Cypriot | Nicosia
CZ | Czech Republic;Czechia | Czech! | Prague
DE | Germany | German | Berlin
DJ | Djibouti | Djiboutian |
DK | Denmark | Danish!;Danes! | Copenhagen
DM | Dominica | | Roseau
DO | Dominican Republic | Dominican | Santo Domingo
DZ | Algeria | Algerian | Algiers
EC | Ecuador | Ecuadorean;Ecuadorian | Quito
EE | Estonia | Estonian | Tallinn
EG | Egypt | Egyptian | Cairo
ER | Eritrea | Eritrean | Asmara
ES | Spain | Spanish!;Spaniard | Madrid
ET | Ethiopia | Ethiopian | Addis Ababa
FI | Finland | Finnish!;Finns! | Helsinki
FJ | Fiji | Fijian | Suva
FM | Micronesia | Micronesian | Palikir
FR | France;French Republic | French! | Paris
GA | Gabon | Gabonese | Libreville
GB | Britain;Great Britain;United Kingdom;UK;U.K.;the UK | British!;Briton | London
GD | Grenada | Grenadian |
GE | Georgia | Georgian | Tbilisi
GH | Ghana | Ghanaian | Accra
GM | Gambia;The Gambia | Gambian | Banjul
GN | Guinea | Guinean | Conakry
GQ | Equatorial Guinea | Equatorial Guinean;Equatoguinean | Malabo
GR | Greece | Greek | Athens
GT | Guatemala | Guatemalan | Guatemala City
GW | Guinea-Bissau | Bissau-Guinean | Bissau
GY | Guyana | Guyanese |
HK | Hong Kong | Hong Konger |
HN | Honduras | Honduran | Tegucigalpa
HR | Croatia | Croatian;Croat | Zagreb
HT | Haiti | Haitian | Port-au-Prince
HU | Hungary | Hungarian | Budapest
ID | Indonesia | Indonesian | Jakarta
IE | Ireland;Republic of Ireland | Irish! | Dublin
IL | Israel | Israeli |
IN | India | Indian | New Delhi
IQ | Iraq | Iraqi | Baghdad
IR | Iran;Islamic Republic of Iran;Islamic Republic | Iranian | Tehran;Teheran
IS | Iceland | Icelandic!;Icelander | Reykjavik
IT | Italy | Italian | Rome
JM | Jamaica | Jamaican |
JO | Jordan | Jordanian | Amman
JP | Japan | Japanese | Tokyo
KE | Kenya | Kenyan | Nairobi
KG | Kyrgyzstan;Kyrgyz Republic | Kyrgyz! | Bishkek
KH | Cambodia | Cambodian | Phnom Penh
KI | Kiribati | I-Kiribati! | Tarawa
KM | Comoros | Comoran;Comorian | Moroni
KN | Saint Kitts and Nevis;St. Kitts and Nevis | Kittitian | Basseterre
KP | North Korea;Democratic People's Republic of Korea;DPRK;D.P.R.K. | North Korean | Pyongyang
KR | South Korea;Republic of Korea;ROK | South Korean | Seoul
KW | Kuwait | Kuwaiti | Kuwait City
KZ | Kazakhstan | Kazakh!;Kazakhstani | Astana;Nur-Sultan
LA | Laos | Lao!;Laotian | Vientiane
LB | Lebanon | Lebanese | Beirut
LC | Saint Lucia;St. Lucia | Saint Lucian | Castries
LI | Liechtenstein | | Vaduz
LK | Sri Lanka | Sri Lankan | Colombo
LR | Liberia | Liberian | Monrovia
LS | Lesotho | Basotho! | Maseru
LT | Lithuania | Lithuanian | Vilnius
LU | Luxembourg | Luxembourger |
LV | Latvia | Latvian | Riga
LY | Libya | Libyan | Tripoli
MA | Morocco | Moroccan | Rabat
MC | Monaco | Monegasque |
MD | Moldova | Moldovan | Chisinau;Chișinău
ME | Montenegro | Montenegrin | Podgorica
MG | Madagascar | Malagasy! | Antananarivo
MH | Marshall Islands | Marshallese | Majuro
MK | North Macedonia;Macedonia | Macedonian | Skopje
ML | Mali | Malian | Bamako
MM | Myanmar;Burma | Burmese | Naypyidaw;Naypyitaw;Nay Pyi Taw
MN | Mongolia | Mongolian | Ulaanbaatar;Ulan Bator
MR | Mauritania | Mauritanian | Nouakchott
MT | Malta | Maltese | Valletta
MU | Mauritius | Mauritian | Port Louis
MV | Maldives | Maldivian |
MW | Malawi | Malawian | Lilongwe
MX | Mexico | Mexican | Mexico City
MY | Malaysia | Malaysian | Kuala Lumpur;Putrajaya
MZ | Mozambique | Mozambican | Maputo
NA | Namibia | Namibian | Windhoek
NE | Niger | Nigerien | Niamey
NG | Nigeria | Nigerian | Abuja
NI | Nicaragua | Nicaraguan | Managua
NL | Netherlands;the Netherlands;Holland | Dutch! | Amsterdam;The Hague
NO | Norway | Norwegian | Oslo
NP | Nepal | Nepali;Nepalese | Kathmandu
NR | Nauru | Nauruan | Yaren
NZ | New Zealand | New Zealander |
OM | Oman | Omani | Muscat
PA | Panama | Panamanian | Panama City
PE | Peru | Peruvian |
PG | Papua New Guinea | Papua New Guinean | Port Moresby
PH | Philippines;the Philippines | Philippine!;Filipino | Manila
PK | Pakistan | Pakistani | Islamabad
PL | Poland | Polish!;Pole | Warsaw
PS | Palestine;Palestinian territories;Palestinian Territories;State of Palestine | Palestinian | Ramallah
PT | Portugal | Portuguese | Lisbon
PW | Palau | Palauan | Ngerulmud
PY | Paraguay | Paraguayan | Asuncion;Asunción
QA | Qatar | Qatari | Doha
RO | Romania | Romanian | Bucharest
RS | Serbia | Serbian;Serb | Belgrade
RU | Russia;Russian Federation | Russian | Moscow
RW | Rwanda | Rwandan | Kigali
SA | Saudi Arabia | Saudi | Riyadh
SB | Solomon Islands | Solomon Islander | Honiara
SC | Seychelles | Seychellois! |
SD | Sudan | Sudanese | Khartoum
SE | Sweden | Swedish!;Swede | Stockholm
SG | Singapore | Singaporean |
SI | Slovenia | Slovenian;Slovene | Ljubljana
SK | Slovakia | Slovak | Bratislava
SL | Sierra Leone | Sierra Leonean | Freetown
SM | San Marino | Sammarinese |
SN | Senegal | Senegalese | Dakar
SO | Somalia | Somali | Mogadishu
SR | Suriname | Surinamese | Paramaribo
SS | South Sudan | South Sudanese | Juba
ST | Sao Tome and Principe;São Tomé and Príncipe | Santomean |
SV | El Salvador | Salvadoran | San Salvador
SY | Syria;Syrian Arab Republic | Syrian | Damascus
SZ | Eswatini;Swaziland | Swazi | Mbabane
TD | Chad | Chadian | N'Djamena;Ndjamena
TG | Togo | Togolese | Lome;Lomé
TH | Thailand | Thai | Bangkok
TJ | Tajikistan | Tajik | Dushanbe
TL | East Timor;Timor-Leste | Timorese | Dili
TM | Turkmenistan | Turkmen! | Ashgabat
TN | Tunisia | Tunisian | Tunis
TO | Tonga | Tongan | Nuku'alofa
TR | Turkey;Türkiye;Turkiye | Turkish!;Turk | Ankara
TT | Trinidad and Tobago | Trinidadian | Port of Spain
TV | Tuvalu | Tuvaluan | Funafuti
TW | Taiwan;Republic of China | Taiwanese | Taipei
TZ | Tanzania | Tanzanian | Dodoma;Dar es Salaam
UA | Ukraine | Ukrainian | Kyiv;Kiev
UG | Uganda | Ugandan | Kampala
US | United States;United States of America;US;U.S.;USA;U.S.A.;America | American | Washington;Washington, D.C.;Washington, DC
UY | Uruguay | Uruguayan | Montevideo
UZ | Uzbekistan | Uzbek | Tashkent
VA | Vatican;Holy See;Vatican City | Vatican! |
VC | Saint Vincent and the Grenadines | Vincentian | Kingstown
VE | Venezuela | Venezuelan | Caracas
VN | Vietnam;Viet Nam | Vietnamese | Hanoi
VU | Vanuatu | Ni-Vanuatu! | Port Vila
WS | Samoa | Samoan | Apia
XK | Kosovo | Kosovar;Kosovan | Pristina;Prishtina
YE | Yemen | Yemeni | Sanaa;Sana'a
ZA | South Africa | South African | Pretoria
ZM | Zambia | Zambian | Lusaka
ZW | Zimbabwe | Zimbabwean | Harare
"""

# Seats of government and presidential offices used as actors ("the Kremlin said").
# code | names | canonical
SEATS = """
RU | Kremlin | Kremlin (Russia)
US | White House | White House (United States)
US | Oval Office | White House (United States)
US | Capitol Hill | U.S. Congress (United States)
US | Foggy Bottom | Department of State (United States)
FR | Elysee;Élysée;Elysée;Elysee Palace;Élysée Palace;Elysée Palace | Élysée Palace (France)
FR | Matignon | Prime Minister's Office (France)
GB | Downing Street;Number 10;No. 10;No 10;Whitehall | Downing Street (United Kingdom)
CN | Zhongnanhai | Zhongnanhai (China)
UA | Bankova | Office of the President (Ukraine)
KR | Blue House;Cheong Wa Dae;Yongsan presidential office | Presidential Office (South Korea)
JP | Kantei | Prime Minister's Office (Japan)
IT | Palazzo Chigi | Prime Minister's Office (Italy)
ES | Moncloa;La Moncloa | Prime Minister's Office (Spain)
AR | Casa Rosada | Presidency (Argentina)
BR | Planalto;Planalto Palace | Presidency (Brazil)
VE | Miraflores;Miraflores Palace | Presidency (Venezuela)
IL | Jerusalem | Government of Israel (Israel)
"""

# Institutions of one state: ministries, legislatures, forces, services, state media.
# code | names | canonical
INSTITUTIONS = """
US | Pentagon;Department of Defense;Defense Department;U.S. Defense Department;US Defense Department;Department of War;War Department | Department of Defense (United States)
US | State Department;Department of State;U.S. State Department;US State Department;U.S. Department of State | Department of State (United States)
US | Treasury Department;U.S. Treasury;US Treasury;Department of the Treasury | Department of the Treasury (United States)
US | Justice Department;Department of Justice;U.S. Justice Department | Department of Justice (United States)
US | Department of Homeland Security;Homeland Security Department | Department of Homeland Security (United States)
US | Central Intelligence Agency;CIA | Central Intelligence Agency (United States)
US | FBI;Federal Bureau of Investigation | Federal Bureau of Investigation (United States)
US | U.S. Congress;US Congress;U.S. Senate;US Senate;U.S. House of Representatives | U.S. Congress (United States)
US | U.S. military;US military;U.S. Army;US Army;U.S. Navy;US Navy;U.S. Air Force;US Air Force;U.S. Marines;U.S. Central Command;CENTCOM;U.S. Forces Korea;USFK;INDOPACOM;EUCOM;AFRICOM | Armed Forces (United States)
US | USAID;U.S. Agency for International Development | USAID (United States)
GB | Foreign Office;Foreign and Commonwealth Office;Foreign, Commonwealth and Development Office;FCDO | Foreign Office (United Kingdom)
GB | MoD;British Ministry of Defence | Ministry of Defence (United Kingdom)
GB | Home Office | Home Office (United Kingdom)
GB | MI5;MI6;GCHQ;Scotland Yard | Security and Intelligence Services (United Kingdom)
GB | House of Commons;House of Lords | Parliament (United Kingdom)
GB | Royal Navy;Royal Air Force;RAF;British Army | Armed Forces (United Kingdom)
FR | Quai d'Orsay | Ministry for Europe and Foreign Affairs (France)
FR | National Assembly of France;French National Assembly | National Assembly (France)
DE | Bundestag;Bundesrat | Bundestag (Germany)
DE | Bundeswehr | Bundeswehr (Germany)
DE | German Foreign Office;Auswärtiges Amt | Federal Foreign Office (Germany)
DE | Kanzleramt;Bundeskanzleramt | Federal Chancellery (Germany)
RU | State Duma;Duma;Federation Council | Federal Assembly (Russia)
RU | FSB;Federal Security Service;SVR;GRU;KGB | Security Services (Russia)
RU | Russian Security Council;Security Council of Russia | Security Council (Russia)
RU | TASS;ITAR-TASS;RIA Novosti;RIA;Sputnik;RT;Russia Today;Rossiya 1 | State Media (Russia)
RU | Rosatom;Roscosmos | State Corporations (Russia)
RU | Investigative Committee of Russia;Russian Investigative Committee;Rosgvardia;Roskomnadzor | Federal Agencies (Russia)
UA | Verkhovna Rada;Rada | Verkhovna Rada (Ukraine)
UA | SBU;Security Service of Ukraine | Security Service (Ukraine)
UA | Ukrinform | Ukrinform (Ukraine)
BY | BelTA | BelTA (Belarus)
CN | Xinhua;People's Daily;Global Times;China Daily;CCTV;China Central Television;CGTN;China News Service | State Media (China)
CN | People's Liberation Army;PLA;PLA Navy;Eastern Theater Command | People's Liberation Army (China)
CN | National People's Congress;NPC;State Council | State Council (China)
CN | Chinese Communist Party;Communist Party of China;CCP;CPC | Communist Party of China (China)
CN | Taiwan Affairs Office | Taiwan Affairs Office (China)
CN | China Coast Guard;PLA Daily;Ministry of State Security of China | Security Forces (China)
TW | Mainland Affairs Council;Central News Agency;Legislative Yuan;Executive Yuan | Government (Taiwan)
KP | Korean Central News Agency;KCNA;Rodong Sinmun;Korean Central Television;KCTV;Uriminzokkiri | State Media (North Korea)
KP | Workers' Party of Korea;Korean People's Army;KPA | Workers' Party of Korea (North Korea)
KP | Committee for the Peaceful Reunification of the Fatherland;Supreme People's Assembly;National Defense Commission;State Affairs Commission;Korean Central Broadcasting Station;Minju Joson | Government (North Korea)
KP | North Korean Red Cross | Red Cross Society (North Korea)
KR | Unification Ministry;Ministry of Unification;National Assembly of South Korea;National Intelligence Service | Government (South Korea)
KR | Yonhap | Yonhap (South Korea)
KR | South Korean Red Cross;Korean Red Cross | Red Cross (South Korea)
JP | Japan Self-Defense Forces;Self-Defense Forces;Japan Coast Guard | Security Forces (Japan)
IL | Knesset | Knesset (Israel)
IL | Israel Defense Forces;IDF;Israeli Defense Forces;Mossad;Shin Bet;Shabak;COGAT;Israel Police;Israel Prison Service | Security Forces (Israel)
PS | Palestinian Authority;Palestine Liberation Organization;PLO;WAFA;Palestinian Authority's | Palestinian Authority (Palestine)
IR | Islamic Revolutionary Guard Corps;Revolutionary Guard Corps;Revolutionary Guards;Revolutionary Guard;IRGC;Quds Force;Basij | Revolutionary Guards (Iran)
IR | IRNA;Islamic Republic News Agency;Fars;Fars news agency;Tasnim;Mehr;ISNA;Press TV;IRIB | State Media (Iran)
IR | Atomic Energy Organization of Iran;AEOI | Atomic Energy Organization (Iran)
IR | Supreme National Security Council;Guardian Council;Expediency Council | Councils of State (Iran)
SY | SANA;Syrian Arab News Agency | State Media (Syria)
TR | Anadolu;Anadolu Agency;TRT | State Media (Turkey)
SA | Saudi Press Agency;SPA | State Media (Saudi Arabia)
AE | WAM | State Media (United Arab Emirates)
QA | Qatar News Agency;QNA | State Media (Qatar)
EG | Middle East News Agency;Al-Ahram | State Media (Egypt)
LB | National News Agency of Lebanon;Lebanese National News Agency | State Media (Lebanon)
ET | Ethiopian News Agency;Ethiopian National Defense Force;ENDF | Government (Ethiopia)
SD | Sudan News Agency;SUNA | State Media (Sudan)
IN | Ministry of External Affairs;External Affairs Ministry | Ministry of External Affairs (India)
UA | Armed Forces of Ukraine | Armed Forces (Ukraine)
PS | Palestinian Red Crescent;Palestinian Red Crescent Society | Red Crescent Society (Palestine)
HK | Hong Kong government | Government (Hong Kong)
KW | KUNA;Kuwait News Agency | State Media (Kuwait)
IQ | Iraqi National News Agency | State Media (Iraq)
PK | Inter-Services Public Relations;ISPR;Inter-Services Intelligence;ISI;Radio Pakistan;Associated Press of Pakistan | Armed Forces (Pakistan)
IN | Lok Sabha;Rajya Sabha | Parliament (India)
AF | Afghan National Army;Afghan National Security Forces;National Directorate of Security | Security Forces (Afghanistan)
VN | Vietnam News Agency;VNA | State Media (Vietnam)
VN | Vietnam Fisheries Surveillance Department | Fisheries Surveillance (Vietnam)
CU | Prensa Latina;Granma | State Media (Cuba)
MY | Bernama | State Media (Malaysia)
ID | Antara | State Media (Indonesia)
PL | Sejm | Sejm (Poland)
SE | Riksdag | Riksdag (Sweden)
NO | Storting | Storting (Norway)
DK | Folketing | Folketing (Denmark)
SD | Sudanese Armed Forces;SAF | Armed Forces (Sudan)
TD | Chadian National Army | Armed Forces (Chad)
"""

# Bodies that speak for themselves: ORG:<name> | names | canonical.
BODIES = """
UN | United Nations;UN;U.N.;United Nations Security Council;UN Security Council;U.N. Security Council;Security Council;UN General Assembly;U.N. General Assembly;General Assembly;UN Secretariat;UNHCR;UNICEF;World Food Programme;World Food Program;WFP;OCHA;UNESCO;UNRWA;UNDP;UNIFIL;MONUSCO;MONUC;UNMISS;UNAMID;UNAMA;UNFPA;UNAIDS;UN Women;UNOCHA;Secretary-General's office;UN Human Rights Council;U.N. Human Rights Council;Human Rights Council;Office of the High Commissioner for Human Rights;OHCHR | United Nations
NATO | NATO;Nato;North Atlantic Treaty Organization;North Atlantic Treaty Organisation;North Atlantic Council;NATO-led International Security Assistance Force;ISAF | NATO
EU | European Union;EU;E.U.;European Commission;European Council;Council of the European Union;European Parliament;European External Action Service;EEAS;EU Commission;European Central Bank;ECB;Frontex;Europol;Eurogroup | European Union
IAEA | International Atomic Energy Agency;IAEA;U.N. nuclear watchdog;UN nuclear watchdog | International Atomic Energy Agency
WHO | World Health Organization;WHO | World Health Organization
ICRC | International Committee of the Red Cross;ICRC;Red Cross | International Committee of the Red Cross
IFRC | International Federation of Red Cross and Red Crescent Societies;IFRC;Red Crescent | International Federation of Red Cross and Red Crescent Societies
ICC | International Criminal Court;ICC | International Criminal Court
ICJ | International Court of Justice;ICJ;World Court | International Court of Justice
IMF | International Monetary Fund;IMF | International Monetary Fund
World Bank | World Bank | World Bank
WTO | World Trade Organization;WTO | World Trade Organization
OSCE | Organization for Security and Co-operation in Europe;Organization for Security and Cooperation in Europe;OSCE | OSCE
Council of Europe | Council of Europe | Council of Europe
African Union | African Union;AU | African Union
ECOWAS | Economic Community of West African States;ECOWAS | ECOWAS
IGAD | Intergovernmental Authority on Development;IGAD | IGAD
SADC | Southern African Development Community;SADC | SADC
ASEAN | Association of Southeast Asian Nations;ASEAN | ASEAN
Arab League | Arab League;League of Arab States | Arab League
GCC | Gulf Cooperation Council;GCC | Gulf Cooperation Council
OPEC | Organization of the Petroleum Exporting Countries;OPEC;OPEC+ | OPEC
OIC | Organization of Islamic Cooperation;Organisation of Islamic Cooperation;Organization of the Islamic Conference;OIC | Organization of Islamic Cooperation
SCO | Shanghai Cooperation Organization;Shanghai Cooperation Organisation;SCO | Shanghai Cooperation Organization
CSTO | Collective Security Treaty Organization;CSTO | Collective Security Treaty Organization
G7 | G7;G-7;Group of Seven | Group of Seven
G20 | G20;G-20;Group of 20 | Group of Twenty
BRICS | BRICS | BRICS
Amnesty International | Amnesty International;Amnesty | Amnesty International
Human Rights Watch | Human Rights Watch;HRW | Human Rights Watch
Doctors Without Borders | Doctors Without Borders;Medecins Sans Frontieres;Médecins Sans Frontières;MSF | Doctors Without Borders
Reporters Without Borders | Reporters Without Borders;Reporters Sans Frontieres;Reporters sans frontières | Reporters Without Borders
Committee to Protect Journalists | Committee to Protect Journalists;CPJ | Committee to Protect Journalists
International Crisis Group | International Crisis Group | International Crisis Group
Hamas | Hamas;Izz el-Deen al-Qassam Brigades;Qassam Brigades;al-Qassam Brigades | Hamas
Fatah | Fatah | Fatah
Islamic Jihad | Islamic Jihad;Palestinian Islamic Jihad | Palestinian Islamic Jihad
Hezbollah | Hezbollah;Hizbollah;Hizballah;Hizbullah | Hezbollah
Taliban | Taliban;Afghan Taliban;Islamic Emirate;Islamic Emirate of Afghanistan | Taliban
Pakistani Taliban | Pakistani Taliban;Tehrik-e-Taliban Pakistan;Tehrik-i-Taliban Pakistan;TTP | Tehrik-e-Taliban Pakistan
Haqqani network | Haqqani network;Haqqani Network | Haqqani network
Islamic State | Islamic State;ISIS;ISIL;Daesh;Islamic State group;Islamic State of Iraq and the Levant;Islamic State of Iraq and Syria | Islamic State
al-Qaida | al-Qaida;al-Qaeda;Al-Qaida;Al-Qaeda;al Qaeda;Al Qaeda;al Qaida;Al Qaida | al-Qaida
AQAP | al-Qaida in the Arabian Peninsula;al-Qaeda in the Arabian Peninsula;AQAP | al-Qaida in the Arabian Peninsula
AQIM | al-Qaida in the Islamic Maghreb;al-Qaeda in the Islamic Maghreb;AQIM | al-Qaida in the Islamic Maghreb
al-Shabab | al-Shabab;al-Shabaab;Al-Shabab;Al-Shabaab;al Shabab | al-Shabab
Boko Haram | Boko Haram | Boko Haram
Houthis | Houthis;Houthi rebels;Houthi movement;Ansar Allah;Ansarallah | Houthis
PKK | PKK;Kurdistan Workers' Party | Kurdistan Workers' Party
SDF | Syrian Democratic Forces;SDF | Syrian Democratic Forces
Free Syrian Army | Free Syrian Army;FSA | Free Syrian Army
HTS | Hayat Tahrir al-Sham;HTS | Hayat Tahrir al-Sham
Syrian Observatory for Human Rights | Syrian Observatory for Human Rights | Syrian Observatory for Human Rights
Muslim Brotherhood | Muslim Brotherhood | Muslim Brotherhood
Lashkar-e-Taiba | Lashkar-e-Taiba;Lashkar-e-Toiba | Lashkar-e-Taiba
Jaish-e-Mohammed | Jaish-e-Mohammed;Jaish-e-Muhammad | Jaish-e-Mohammed
LTTE | Tamil Tigers;Liberation Tigers of Tamil Eelam;LTTE | Liberation Tigers of Tamil Eelam
FARC | FARC;Revolutionary Armed Forces of Colombia | FARC
ELN | National Liberation Army of Colombia;ELN | National Liberation Army (Colombia)
Polisario Front | Polisario Front;Polisario | Polisario Front
Wagner Group | Wagner Group | Wagner Group
Rapid Support Forces | Rapid Support Forces | Rapid Support Forces
Justice and Equality Movement | Justice and Equality Movement;JEM | Justice and Equality Movement
Sudan Liberation Army | Sudan Liberation Army;Sudan Liberation Movement;SLA | Sudan Liberation Army
SPLM-N | SPLM-N;Sudan People's Liberation Movement-North | Sudan People's Liberation Movement-North
Lord's Resistance Army | Lord's Resistance Army;LRA | Lord's Resistance Army
M23 | M23;March 23 Movement | M23
FDLR | FDLR;Democratic Forces for the Liberation of Rwanda | FDLR
National Liberation Forces | National Liberation Forces;FNL;Forces for National Liberation | National Liberation Forces (Burundi)
Forces for the Defense of Democracy | Forces for the Defense of Democracy;FDD;CNDD-FDD | Forces for the Defense of Democracy (Burundi)
Ogaden National Liberation Front | Ogaden National Liberation Front;ONLF | Ogaden National Liberation Front
Tigray People's Liberation Front | Tigray People's Liberation Front;TPLF | Tigray People's Liberation Front
Kosovo Liberation Army | Kosovo Liberation Army;KLA | Kosovo Liberation Army
IRA | Irish Republican Army;Provisional IRA | Irish Republican Army
FAO | Food and Agriculture Organization;FAO | Food and Agriculture Organization
ILO | International Labour Organization;International Labor Organization;ILO | International Labour Organization
IOM | International Organization for Migration;IOM | International Organization for Migration
OPCW | Organisation for the Prohibition of Chemical Weapons;Organization for the Prohibition of Chemical Weapons;OPCW | OPCW
Interpol | Interpol;INTERPOL | Interpol
IEA | International Energy Agency;IEA | International Energy Agency
OAS | Organization of American States;OAS | Organization of American States
Mercosur | Mercosur | Mercosur
CARICOM | Caribbean Community;CARICOM | Caribbean Community
East African Community | East African Community;EAC | East African Community
Pacific Islands Forum | Pacific Islands Forum | Pacific Islands Forum
Oxfam | Oxfam | Oxfam
Save the Children | Save the Children | Save the Children
Norwegian Refugee Council | Norwegian Refugee Council | Norwegian Refugee Council
International Rescue Committee | International Rescue Committee;IRC | International Rescue Committee
Transparency International | Transparency International | Transparency International
Freedom House | Freedom House | Freedom House
Greenpeace | Greenpeace | Greenpeace
Physicians for Human Rights | Physicians for Human Rights | Physicians for Human Rights
Institute for the Study of War | Institute for the Study of War;ISW | Institute for the Study of War
Kataib Hezbollah | Kataib Hezbollah;Kata'ib Hezbollah | Kataib Hezbollah
Islamic Resistance in Iraq | Islamic Resistance in Iraq | Islamic Resistance in Iraq
Popular Mobilization Forces | Popular Mobilization Forces;Popular Mobilisation Forces;PMF | Popular Mobilization Forces
Nusra Front | Nusra Front;al-Nusra Front;Jabhat al-Nusra | Nusra Front
Ahrar al-Sham | Ahrar al-Sham | Ahrar al-Sham
YPG | YPG;People's Protection Units | People's Protection Units
Kurdistan Regional Government | Kurdistan Regional Government;KRG | Kurdistan Regional Government
Islamic State Khorasan | Islamic State Khorasan;Islamic State Khorasan Province;ISIS-K;ISKP | Islamic State Khorasan Province
ISWAP | Islamic State West Africa Province;ISWAP | Islamic State West Africa Province
JNIM | JNIM;Jama'at Nusrat al-Islam wal-Muslimin | Jama'at Nusrat al-Islam wal-Muslimin
Allied Democratic Forces | Allied Democratic Forces | Allied Democratic Forces
Oromo Liberation Army | Oromo Liberation Army;OLA | Oromo Liberation Army
SPLM-IO | SPLM-IO;Sudan People's Liberation Movement-in-Opposition | Sudan People's Liberation Movement-in-Opposition
MNLA | National Movement for the Liberation of Azawad;MNLA | National Movement for the Liberation of Azawad
Abu Sayyaf | Abu Sayyaf | Abu Sayyaf
Moro Islamic Liberation Front | Moro Islamic Liberation Front;MILF | Moro Islamic Liberation Front
New People's Army | New People's Army | New People's Army
Donetsk People's Republic | Donetsk People's Republic;DNR | Donetsk People's Republic (Russian-backed)
Luhansk People's Republic | Luhansk People's Republic;Lugansk People's Republic;LPR;LNR | Luhansk People's Republic (Russian-backed)
"""

# Longer phrases that contain a name or demonym but are not the state speaking,
# among them news outlets that are publicly funded but editorially independent
# (they report; they do not speak for their state, unlike Xinhua or KCNA).
# Listed so that the longest match takes them and ``scan`` drops them.
NOT_ACTORS = """
Voice of America;Agence France-Presse;Radio Free Europe;Radio Free Asia;France 24;Deutsche Welle;Russian Service
Washington Post;Washington Times;Washington State;George Washington;University of Washington;Washington Institute
New York Times;New Mexico;New Jersey;New Guinea;New England;New South Wales
Latin America;Latin American;Latin Americans;South America;South American;South Americans;North America;North American;North Americans;Central America;Central American;Central Americans
African American;African Americans;Native American;Native Americans;Asian American;Asian Americans;Arab American;Arab Americans
Indian Ocean;Indian Country;American Samoa
Moscow Times;Kyiv Independent;Kyiv Post;Kiev Post;Jerusalem Post;Paris Agreement;Paris Club;Paris Saint-Germain
East Jerusalem;West Bank;Gaza Strip
Korean Peninsula;Korean War;Korean Air;Chinese New Year;French Open;British Open;Turkish Airlines;Russian Orthodox Church
Georgia Tech;Jordan River;Jordan Valley;Chad Basin;Lake Chad;Congo River;Congo Basin;Niger Delta;Niger River
South China Sea;East China Sea;Sea of Japan;Gulf of Mexico;Gulf of Oman;Taiwan Strait;Panama Canal;Northern Ireland
National Security Council;National Security Adviser;National Security Advisor
"""

# Heads that take their side from a demonym or country modifier ("the Russian
# defence ministry"), and the modifier words that may stand with them.
GENERIC_HEADS = """
ministry ministries department government administration regime military army navy air force forces
troops embassy consulate mission parliament legislature assembly congress senate cabinet presidency
palace office chancellery council committee agency service services intelligence police guard guards
media television tv radio newspaper agency spokesman spokeswoman spokesperson spokespeople officials
official authorities leadership leaders leader diplomats diplomat envoy envoys delegation negotiators
prosecutors prosecutor court judiciary junta command staff force president minister prime premier chancellor
king emperor monarch foreign secretary
"""
GENERIC_MODIFIERS = """
the foreign defence defense interior home justice finance economy economic trade information security
national state federal central public armed border coast naval military air presidential prime minister's
ministry of affairs and for general joint chiefs news unification communications culture health
education energy emergency emergencies situations internal external
"""


def cells(row: str) -> list[str]:
    return [c.strip() for c in row.split("|")]


def alts(cell: str) -> list[str]:
    return [a.strip() for a in cell.split(";") if a.strip()]


def plural(demonym: str) -> str | None:
    """English plural of a demonym used as a noun ("Israelis"), None when it takes none."""
    if demonym.endswith(("ese", "sh", "ch", "ss")):
        return None
    return demonym + "s"


def unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def iso_names() -> dict[str, str]:
    return {c.alpha_2: c.name for c in pycountry.countries}


def build() -> dict:
    iso = iso_names()
    entries: dict[str, dict] = {}
    names: dict[str, str] = {}

    def add(text: str, side: str, kind: str, canonical: str) -> None:
        text = text.removeprefix("the ")  # looked up without the article
        old = entries.get(text)
        if old and old["side"] != side:
            raise SystemExit(f"{text!r}: both {old['side']} and {side}")
        # The first kind wins (countries before demonyms before capitals).
        entries.setdefault(text, {"side": side, "kind": kind, "canonical": canonical})

    for row in COUNTRIES.strip().splitlines():
        code, country_names, demonyms, capitals = cells(row)
        if code not in iso and code not in USER_ASSIGNED:
            raise SystemExit(f"{code}: not an ISO 3166-1 alpha-2 code")
        display = alts(country_names)[0]
        names[code] = display
        for name in alts(country_names):
            add(name, code, "country", display)
    # pycountry names and official names news also write ("Russian Federation"),
    # but never the inverted ISO forms ("Korea, Republic of").
    for c in pycountry.countries:
        names.setdefault(c.alpha_2, getattr(c, "common_name", None) or c.name)
        for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            # A curated form wins over an ISO one ("Congo" is the DRC in news).
            if name and "," not in name and "(" not in name and name not in entries and name not in SKIPPED_ISO_NAMES:
                add(name, c.alpha_2, "country", names[c.alpha_2])
    for row in COUNTRIES.strip().splitlines():
        code, _, demonyms, capitals = cells(row)
        for dem in alts(demonyms):
            bare = dem.rstrip("!")
            add(bare, code, "demonym", names[code])
            noun = None if dem.endswith("!") else plural(bare)
            if noun and noun not in entries:
                add(noun, code, "demonym", names[code])
        for cap in alts(capitals):
            add(cap, code, "capital", f"{cap} ({names[code]})")
    for table, kind in ((SEATS, "seat"), (INSTITUTIONS, "institution")):
        for row in table.strip().splitlines():
            code, forms, canonical = cells(row)
            assert code in names, code
            for form in alts(forms):
                add(form, code, kind, canonical)
    for row in BODIES.strip().splitlines():
        short, forms, canonical = cells(row)
        side = f"ORG:{short}"
        names[side] = short
        for form in alts(forms):
            add(form, side, "body", canonical)
    # Accented names also as news copy often types them ("Elysee", "Bogota", "Cote d'Ivoire").
    for text, e in list(entries.items()):
        plain = unaccented(text)
        if plain != text and plain not in entries and plain not in SKIPPED_ISO_NAMES:
            add(plain, e["side"], e["kind"], e["canonical"])
    undotted = {v: k for k, v in DOTTED.items()}
    for text, e in list(entries.items()):
        first, _, rest = text.partition(" ")
        other = DOTTED.get(first) or undotted.get(first)
        if other and rest:
            add(f"{other} {rest}", e["side"], e["kind"], e["canonical"])
    not_actors = sorted({p for line in NOT_ACTORS.strip().splitlines() for p in alts(line)} - set(entries))
    return {
        "_source": (
            "ISO 3166-1 alpha-2 codes and names from pycountry "
            f"{getattr(pycountry, '__version__', '')} (data from Debian iso-codes); "
            "news short forms, demonyms and capitals after the CIA World Factbook (public domain), "
            "curated by hand; seats of government, institutions, state media and non-state bodies "
            "curated by hand from their own names as news agencies write them; XK (Kosovo) is the "
            "user-assigned code used by the EU and the IMF. Built by scripts/build_gazetteer.py."
        ).replace("  ", " "),
        "_license": (
            "pycountry is LGPL-2.1; ISO 3166-1 codes and country names are facts; "
            "the CIA World Factbook is public domain; curated tables are part of readouts (Apache-2.0)."
        ),
        "user_assigned": USER_ASSIGNED,
        "names": dict(sorted(names.items())),
        "entries": [{"text": t, **e} for t, e in sorted(entries.items())],
        "not_actors": not_actors,
        "also_given_names": ALSO_GIVEN_NAMES,
        "calendar_words": CALENDAR_WORDS,
        "no_side_prefixes": NO_SIDE_PREFIXES,
        "no_side_suffixes": NO_SIDE_SUFFIXES,
        "posted_to_heads": POSTED_TO_HEADS,
        "generic_heads": sorted(set(GENERIC_HEADS.split())),
        "generic_modifiers": sorted(set(GENERIC_MODIFIERS.split()) - set(GENERIC_HEADS.split())),
    }


def check_officials(valid: set[str]) -> list[str]:
    """Problems in data/officials.json: unknown sides, bad dates, missing sources."""
    path = DATA / "officials.json"
    if not path.exists():
        return []
    problems = []
    for i, o in enumerate(json.loads(path.read_text(encoding="utf-8"))["officials"]):
        if o["side"] not in valid:
            problems.append(f"officials[{i}] {o['name']}: unknown side {o['side']}")
        if not o.get("source"):
            problems.append(f"officials[{i}] {o['name']}: no source")
        if o.get("to") and o.get("from") and o["to"] < o["from"]:
            problems.append(f"officials[{i}] {o['name']}: ends before it starts")
    return problems


def dumps(data: dict) -> str:
    """JSON with one entry per line, so a diff shows which names changed."""
    lines = []
    for key, value in data.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            rows = ",\n".join("  " + json.dumps(v, ensure_ascii=False) for v in value)
            lines.append(f"{json.dumps(key)}: [\n{rows}\n ]")
        else:
            lines.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n " + ",\n ".join(lines) + "\n}\n"


def main() -> int:
    data = build()
    out = DATA / "gazetteer.json"
    out.write_text(dumps(data), encoding="utf-8")
    problems = check_officials(set(data["names"]))
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{out}: {len(data['entries'])} entries, {len(data['names'])} sides")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
