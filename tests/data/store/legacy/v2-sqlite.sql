-- A store made by readouts before Alembic (schema_version 2; commit 723f69f): the handbuilt
-- readout pair and the hostile article, stored by that commit's code. Input of test_store_migrations.py.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE schema_version (
	version INTEGER NOT NULL, 
	description TEXT NOT NULL, 
	applied_at VARCHAR(32) NOT NULL, 
	PRIMARY KEY (version)
);
INSERT INTO schema_version VALUES(1,'articles, actors, statements, contacts, disputes, agreements, events','2026-12-07T17:10:42+00:00');
INSERT INTO schema_version VALUES(2,'indexes for queries by date, side, event and article','2026-12-07T17:10:42+00:00');
CREATE TABLE articles (
	id VARCHAR(80) NOT NULL, 
	source_id TEXT, 
	source TEXT, 
	url TEXT, 
	title TEXT, 
	published VARCHAR(10), 
	text TEXT NOT NULL, 
	sides VARCHAR(200) NOT NULL, 
	analysis JSON NOT NULL, 
	ingested_at VARCHAR(32) NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO articles VALUES('a152f849b17542d2b3705','dp02-us','dp02-us','http://www.zerohedge.com/news/2014-03-06/obama-spoke-putin-one-hour-white-house-summarizes-conversation','Readout of President Obama’s call with President Putin of Russia','2014-03-06',replace('President Obama spoke for an hour this afternoon with President Putin of Russia.\n\n\nPresident Obama emphasized that Russia’s actions are in violation of Ukraine’s sovereignty and territorial integrity, which has led us to take several steps in response, in coordination with our European partners.\n\n\nPresident Obama indicated that there is a way to resolve the situation diplomatically, which addresses the interests of Russia, the people of Ukraine, and the international community.\n\n\nAs a part of that resolution, the governments of Ukraine and Russia would hold direct talks, facilitated by the international community; international monitors could ensure that the rights of all Ukrainians are protected, including ethnic Russians; Russian forces would return to their bases; and the international community would work together to support the Ukrainian people as they prepare for elections in May.\n\n\nPresident Obama indicated that Secretary Kerry would continue discussions with Foreign Minister Lavrov, the government of Ukraine, and other international partners in the days to come to advance those objectives.','\n',char(10)),'US','{"id": "dp02-us", "document": {"id": "dp02-us", "published": "2014-03-06", "url": "http://www.zerohedge.com/news/2014-03-06/obama-spoke-putin-one-hour-white-house-summarizes-conversation", "title": "Readout of President Obama’s call with President Putin of Russia"}, "actors": [{"id": "obama", "name": "Barack Obama", "kind": "person", "side": "US", "title": "President", "side_rule": null, "side_evidence": null, "mentions": [{"start": 0, "end": 15, "text": "President Obama"}]}, {"id": "putin", "name": "Vladimir Putin", "kind": "person", "side": "RU", "title": "President", "side_rule": null, "side_evidence": null, "mentions": [{"start": 54, "end": 69, "text": "President Putin"}]}], "statements": [{"id": "s1", "speaker": {"start": 0, "end": 15, "text": "President Obama"}, "speaker_name": "Barack Obama", "actor": "obama", "side": "US", "cue": {"start": 99, "end": 109, "text": "emphasized"}, "content": {"start": 115, "end": 199, "text": "Russia’s actions are in violation of Ukraine’s sovereignty and territorial integrity"}, "direct": false, "stance": "assert", "rule": "handbuilt", "speaker_rule": "name", "parent": null, "confidence": 0.8}, {"id": "s2", "speaker": {"start": 0, "end": 15, "text": "President Obama"}, "speaker_name": "Barack Obama", "actor": "obama", "side": "US", "cue": {"start": 315, "end": 324, "text": "indicated"}, "content": {"start": 330, "end": 384, "text": "there is a way to resolve the situation diplomatically"}, "direct": false, "stance": "assert", "rule": "handbuilt", "speaker_rule": "name", "parent": null, "confidence": 0.8}, {"id": "s3", "speaker": {"start": 902, "end": 917, "text": "President Obama"}, "speaker_name": "Barack Obama", "actor": "obama", "side": "US", "cue": {"start": 918, "end": 927, "text": "indicated"}, "content": {"start": 933, "end": 1004, "text": "Secretary Kerry would continue discussions with Foreign Minister Lavrov"}, "direct": false, "stance": "assert", "rule": "handbuilt", "speaker_rule": "name", "parent": null, "confidence": 0.8}], "contacts": [{"id": "c1", "participants": [{"name": "Barack Obama", "side": "US", "actor": "obama", "mention": null}, {"name": "Vladimir Putin", "side": "RU", "actor": "putin", "mention": null}], "sides": ["RU", "US"], "mode": "call", "when": "2014-03-06", "when_span": {"start": 34, "end": 48, "text": "this afternoon"}, "when_rule": null, "current": true, "planned": false, "initiator": null, "initiator_per": null, "initiator_evidence": null, "evidence": {"start": 0, "end": 79, "text": "President Obama spoke for an hour this afternoon with President Putin of Russia"}, "all_evidence": [{"start": 0, "end": 79, "text": "President Obama spoke for an hour this afternoon with President Putin of Russia"}], "rule": "handbuilt", "confidence": 0.8}], "planned_contacts": [], "disputes": [], "agreements": [], "accounts": [{"side": "US", "groups": [{"topic": "Russia’s actions are in violation of Ukraine’s sovereignty ...", "contact": null, "statements": ["s1"]}, {"topic": "there is a way to resolve the situation ...", "contact": null, "statements": ["s2"]}, {"topic": "Secretary Kerry would continue discussions with Foreign Minister ...", "contact": null, "statements": ["s3"]}]}]}','2026-12-07T17:10:42+00:00');
INSERT INTO articles VALUES('a5d360c2135725bf0da30','dp02-ru','dp02-ru','http://en.kremlin.ru/events/president/news/20395','Telephone conversation with US President Barack Obama','2014-03-07',replace('Vladimir Putin had a telephone conversation with President of the United States Barack Obama on the American side’s initiative.\n\n\nThe presidents continued their discussion of the critical situation unfolding in Ukraine. During the conversation, they addressed the differences in approaches and assessments of the causes for the current crisis and the present state of affairs.\n\nIn particular, Vladimir Putin noted that the current Ukrainian government, which came to power as the result of an unconstitutional coup and was not supported by a nationwide mandate, is imposing entirely illegitimate decisions onto Crimea and the eastern and southeastern regions of Ukraine. Russia cannot ignore calls for help on this matter and is responding accordingly, in full compliance with international law.\n\nThe President of Russia stressed the paramount importance of Russian-US relations for ensuring stability and security in the world. These relations should not be sacrificed due to disagreements on individual international issues, even if they are very significant.\n\nThe leaders of the two nations agreed that Foreign Minister Sergei Lavrov and Secretary of State John Kerry will continue close communication.','\n',char(10)),'RU','{"id": "dp02-ru", "document": {"id": "dp02-ru", "published": "2014-03-07", "url": "http://en.kremlin.ru/events/president/news/20395", "title": "Telephone conversation with US President Barack Obama"}, "actors": [{"id": "putin", "name": "Vladimir Putin", "kind": "person", "side": "RU", "title": "President", "side_rule": null, "side_evidence": null, "mentions": [{"start": 0, "end": 14, "text": "Vladimir Putin"}]}, {"id": "obama", "name": "Barack Obama", "kind": "person", "side": "US", "title": "President", "side_rule": null, "side_evidence": null, "mentions": [{"start": 80, "end": 92, "text": "Barack Obama"}]}], "statements": [{"id": "s1", "speaker": {"start": 393, "end": 413, "text": "Vladimir Putin noted"}, "speaker_name": "Vladimir Putin", "actor": "putin", "side": "RU", "cue": {"start": 408, "end": 413, "text": "noted"}, "content": {"start": 419, "end": 514, "text": "the current Ukrainian government, which came to power as the result of an unconstitutional coup"}, "direct": false, "stance": "assert", "rule": "handbuilt", "speaker_rule": "name", "parent": null, "confidence": 0.8}, {"id": "s2", "speaker": {"start": 393, "end": 407, "text": "Vladimir Putin"}, "speaker_name": "Vladimir Putin", "actor": "putin", "side": "RU", "cue": {"start": 408, "end": 413, "text": "noted"}, "content": {"start": 671, "end": 794, "text": "Russia cannot ignore calls for help on this matter and is responding accordingly, in full compliance with international law"}, "direct": false, "stance": "assert", "rule": "handbuilt", "speaker_rule": "name", "parent": null, "confidence": 0.8}, {"id": "s3", "speaker": {"start": 797, "end": 820, "text": "The President of Russia"}, "speaker_name": "Vladimir Putin", "actor": "putin", "side": "RU", "cue": {"start": 821, "end": 829, "text": "stressed"}, "content": {"start": 830, "end": 927, "text": "the paramount importance of Russian-US relations for ensuring stability and security in the world"}, "direct": false, "stance": "assert", "rule": "handbuilt", "speaker_rule": "name", "parent": null, "confidence": 0.8}], "contacts": [{"id": "c1", "participants": [{"name": "Vladimir Putin", "side": "RU", "actor": "putin", "mention": null}, {"name": "Barack Obama", "side": "US", "actor": "obama", "mention": null}], "sides": ["RU", "US"], "mode": "call", "when": null, "when_span": null, "when_rule": null, "current": true, "planned": false, "initiator": "US", "initiator_per": "RU", "initiator_evidence": {"start": 93, "end": 126, "text": "on the American side’s initiative"}, "evidence": {"start": 0, "end": 92, "text": "Vladimir Putin had a telephone conversation with President of the United States Barack Obama"}, "all_evidence": [{"start": 0, "end": 92, "text": "Vladimir Putin had a telephone conversation with President of the United States Barack Obama"}], "rule": "handbuilt", "confidence": 0.8}], "planned_contacts": [], "disputes": [], "agreements": [{"id": "g1", "topic": "Lavrov and Kerry will continue close communication", "sides": ["RU", "US"], "evidence": [{"start": 1063, "end": 1204, "text": "The leaders of the two nations agreed that Foreign Minister Sergei Lavrov and Secretary of State John Kerry will continue close communication"}], "statements": [], "rule": "handbuilt", "confidence": 0.7}], "accounts": [{"side": "RU", "groups": [{"topic": "the current Ukrainian government, which came to power ...", "contact": null, "statements": ["s1"]}, {"topic": "Russia cannot ignore calls for help on this ...", "contact": null, "statements": ["s2"]}, {"topic": "the paramount importance of Russian-US relations for ensuring ...", "contact": null, "statements": ["s3"]}]}]}','2026-12-07T17:10:48+00:00');
INSERT INTO articles VALUES('ab03594dde06982c232e8','hostile-1','hostile-1','https://example.org/hostile','<script>window.__pwned_title = 1</script>Hostile <b>headline</b>','2024-05-02',replace('French Defence Minister Sebastien Lecornu spoke by phone with Russian Defence Minister Sergei Shoigu on Wednesday.\n\n"<script>window.__pwned = 1; document.title = ''PWNED'';</script> We will not back down," Shoigu said.\n\nLecornu said the call covered <img src=x onerror="window.__pwned_img = 1"> the war in Ukraine & nothing else.','\n',char(10)),'FR|RU','{"id": "hostile-1", "document": {"id": "hostile-1", "published": "2024-05-02", "url": "https://example.org/hostile", "title": "<script>window.__pwned_title = 1</script>Hostile <b>headline</b>"}, "actors": [{"id": "lecornu", "name": "Sebastien Lecornu", "kind": "person", "side": "FR", "title": null, "side_rule": null, "side_evidence": null, "mentions": [{"start": 24, "end": 41, "text": "Sebastien Lecornu"}]}, {"id": "shoigu", "name": "Sergei Shoigu", "kind": "person", "side": "RU", "title": null, "side_rule": null, "side_evidence": null, "mentions": [{"start": 87, "end": 100, "text": "Sergei Shoigu"}]}], "statements": [{"id": "s1", "speaker": {"start": 204, "end": 210, "text": "Shoigu"}, "speaker_name": "Sergei Shoigu", "actor": "shoigu", "side": "RU", "cue": {"start": 211, "end": 215, "text": "said"}, "content": {"start": 117, "end": 201, "text": "<script>window.__pwned = 1; document.title = ''PWNED'';</script> We will not back down"}, "direct": true, "stance": "assert", "rule": "handbuilt", "speaker_rule": "name", "parent": null, "confidence": 0.8}, {"id": "s2", "speaker": {"start": 218, "end": 225, "text": "Lecornu"}, "speaker_name": "Sebastien Lecornu", "actor": "lecornu", "side": "FR", "cue": {"start": 226, "end": 230, "text": "said"}, "content": {"start": 231, "end": 326, "text": "the call covered <img src=x onerror=\"window.__pwned_img = 1\"> the war in Ukraine & nothing else"}, "direct": false, "stance": "assert", "rule": "handbuilt", "speaker_rule": "name", "parent": null, "confidence": 0.8}], "contacts": [{"id": "c1", "participants": [{"name": "Sebastien Lecornu", "side": "FR", "actor": "lecornu", "mention": null}, {"name": "Sergei Shoigu", "side": "RU", "actor": "shoigu", "mention": null}], "sides": ["FR", "RU"], "mode": "call", "when": "2024-05-01", "when_span": {"start": 104, "end": 113, "text": "Wednesday"}, "when_rule": null, "current": true, "planned": false, "initiator": null, "initiator_per": null, "initiator_evidence": null, "evidence": {"start": 24, "end": 113, "text": "Sebastien Lecornu spoke by phone with Russian Defence Minister Sergei Shoigu on Wednesday"}, "all_evidence": [{"start": 24, "end": 113, "text": "Sebastien Lecornu spoke by phone with Russian Defence Minister Sergei Shoigu on Wednesday"}], "rule": "handbuilt", "confidence": 0.8}], "planned_contacts": [], "disputes": [{"id": "d1", "topic": "<script>window.__pwned_topic = 1</script>", "kind": "contradiction", "claim": {"side": "RU", "start": 117, "end": 201, "text": "<script>window.__pwned = 1; document.title = ''PWNED'';</script> We will not back down", "statement": "s1"}, "counter": {"side": "FR", "start": 231, "end": 326, "text": "the call covered <img src=x onerror=\"window.__pwned_img = 1\"> the war in Ukraine & nothing else", "statement": "s2"}, "conflict_words": [], "rule": "handbuilt", "confidence": 0.7}], "agreements": [], "accounts": [{"side": "FR", "groups": [{"topic": "the call covered <img src=x onerror=\"window.__pwned_img = 1\"> ...", "contact": null, "statements": ["s2"]}]}, {"side": "RU", "groups": [{"topic": "<script>window.__pwned = 1; document.title = ''PWNED'';</script> We will ...", "contact": null, "statements": ["s1"]}]}]}','2026-12-07T17:10:48+00:00');
CREATE TABLE actors (
	id VARCHAR(80) NOT NULL, 
	article_id VARCHAR(80) NOT NULL, 
	local_id TEXT NOT NULL, 
	name TEXT NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	side VARCHAR(120), 
	title TEXT, 
	side_rule TEXT, 
	side_evidence JSON, 
	mentions JSON NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(article_id) REFERENCES articles (id)
);
INSERT INTO actors VALUES('a152f849b17542d2b3705:obama','a152f849b17542d2b3705','obama','Barack Obama','person','US','President',NULL,'null','[{"start": 0, "end": 15, "text": "President Obama"}]');
INSERT INTO actors VALUES('a152f849b17542d2b3705:putin','a152f849b17542d2b3705','putin','Vladimir Putin','person','RU','President',NULL,'null','[{"start": 54, "end": 69, "text": "President Putin"}]');
INSERT INTO actors VALUES('a5d360c2135725bf0da30:putin','a5d360c2135725bf0da30','putin','Vladimir Putin','person','RU','President',NULL,'null','[{"start": 0, "end": 14, "text": "Vladimir Putin"}]');
INSERT INTO actors VALUES('a5d360c2135725bf0da30:obama','a5d360c2135725bf0da30','obama','Barack Obama','person','US','President',NULL,'null','[{"start": 80, "end": 92, "text": "Barack Obama"}]');
INSERT INTO actors VALUES('ab03594dde06982c232e8:lecornu','ab03594dde06982c232e8','lecornu','Sebastien Lecornu','person','FR',NULL,NULL,'null','[{"start": 24, "end": 41, "text": "Sebastien Lecornu"}]');
INSERT INTO actors VALUES('ab03594dde06982c232e8:shoigu','ab03594dde06982c232e8','shoigu','Sergei Shoigu','person','RU',NULL,NULL,'null','[{"start": 87, "end": 100, "text": "Sergei Shoigu"}]');
CREATE TABLE statements (
	id VARCHAR(80) NOT NULL, 
	article_id VARCHAR(80) NOT NULL, 
	local_id TEXT NOT NULL, 
	actor_id VARCHAR(80), 
	speaker_name TEXT, 
	side VARCHAR(120), 
	stance VARCHAR(40) NOT NULL, 
	direct BOOLEAN NOT NULL, 
	rule TEXT NOT NULL, 
	speaker_rule TEXT, 
	parent VARCHAR(80), 
	confidence FLOAT NOT NULL, 
	speaker_start INTEGER NOT NULL, 
	speaker_end INTEGER NOT NULL, 
	speaker_text TEXT NOT NULL, 
	cue_start INTEGER NOT NULL, 
	cue_end INTEGER NOT NULL, 
	cue_text TEXT NOT NULL, 
	content_start INTEGER NOT NULL, 
	content_end INTEGER NOT NULL, 
	content_text TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(article_id) REFERENCES articles (id)
);
INSERT INTO statements VALUES('a152f849b17542d2b3705:s1','a152f849b17542d2b3705','s1','a152f849b17542d2b3705:obama','Barack Obama','US','assert',0,'handbuilt','name',NULL,0.8000000000000000444,0,15,'President Obama',99,109,'emphasized',115,199,'Russia’s actions are in violation of Ukraine’s sovereignty and territorial integrity');
INSERT INTO statements VALUES('a152f849b17542d2b3705:s2','a152f849b17542d2b3705','s2','a152f849b17542d2b3705:obama','Barack Obama','US','assert',0,'handbuilt','name',NULL,0.8000000000000000444,0,15,'President Obama',315,324,'indicated',330,384,'there is a way to resolve the situation diplomatically');
INSERT INTO statements VALUES('a152f849b17542d2b3705:s3','a152f849b17542d2b3705','s3','a152f849b17542d2b3705:obama','Barack Obama','US','assert',0,'handbuilt','name',NULL,0.8000000000000000444,902,917,'President Obama',918,927,'indicated',933,1004,'Secretary Kerry would continue discussions with Foreign Minister Lavrov');
INSERT INTO statements VALUES('a5d360c2135725bf0da30:s1','a5d360c2135725bf0da30','s1','a5d360c2135725bf0da30:putin','Vladimir Putin','RU','assert',0,'handbuilt','name',NULL,0.8000000000000000444,393,413,'Vladimir Putin noted',408,413,'noted',419,514,'the current Ukrainian government, which came to power as the result of an unconstitutional coup');
INSERT INTO statements VALUES('a5d360c2135725bf0da30:s2','a5d360c2135725bf0da30','s2','a5d360c2135725bf0da30:putin','Vladimir Putin','RU','assert',0,'handbuilt','name',NULL,0.8000000000000000444,393,407,'Vladimir Putin',408,413,'noted',671,794,'Russia cannot ignore calls for help on this matter and is responding accordingly, in full compliance with international law');
INSERT INTO statements VALUES('a5d360c2135725bf0da30:s3','a5d360c2135725bf0da30','s3','a5d360c2135725bf0da30:putin','Vladimir Putin','RU','assert',0,'handbuilt','name',NULL,0.8000000000000000444,797,820,'The President of Russia',821,829,'stressed',830,927,'the paramount importance of Russian-US relations for ensuring stability and security in the world');
INSERT INTO statements VALUES('ab03594dde06982c232e8:s1','ab03594dde06982c232e8','s1','ab03594dde06982c232e8:shoigu','Sergei Shoigu','RU','assert',1,'handbuilt','name',NULL,0.8000000000000000444,204,210,'Shoigu',211,215,'said',117,201,'<script>window.__pwned = 1; document.title = ''PWNED'';</script> We will not back down');
INSERT INTO statements VALUES('ab03594dde06982c232e8:s2','ab03594dde06982c232e8','s2','ab03594dde06982c232e8:lecornu','Sebastien Lecornu','FR','assert',0,'handbuilt','name',NULL,0.8000000000000000444,218,225,'Lecornu',226,230,'said',231,326,'the call covered <img src=x onerror="window.__pwned_img = 1"> the war in Ukraine & nothing else');
CREATE TABLE events (
	id VARCHAR(80) NOT NULL, 
	mode VARCHAR(20) NOT NULL, 
	sides VARCHAR(200) NOT NULL, 
	when_date VARCHAR(10), 
	range_start VARCHAR(10), 
	range_end VARCHAR(10), 
	planned BOOLEAN NOT NULL, 
	participants JSON NOT NULL, 
	first_published VARCHAR(10), 
	last_published VARCHAR(10), 
	reports INTEGER NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO events VALUES('e14df45173accb565','call','RU|US','2014-03-06','2014-03-06','2014-03-06',0,'[{"name": "Vladimir Putin", "side": "RU"}, {"name": "Barack Obama", "side": "US"}]','2014-03-06','2014-03-07',2);
INSERT INTO events VALUES('e79444db64d3f7061','call','FR|RU','2024-05-01','2024-05-01','2024-05-01',0,'[{"name": "Sebastien Lecornu", "side": "FR"}, {"name": "Sergei Shoigu", "side": "RU"}]','2024-05-02','2024-05-02',1);
CREATE TABLE event_sides (
	event_id VARCHAR(80) NOT NULL, 
	side VARCHAR(120) NOT NULL, 
	PRIMARY KEY (event_id, side), 
	FOREIGN KEY(event_id) REFERENCES events (id)
);
INSERT INTO event_sides VALUES('e14df45173accb565','RU');
INSERT INTO event_sides VALUES('e14df45173accb565','US');
INSERT INTO event_sides VALUES('e79444db64d3f7061','FR');
INSERT INTO event_sides VALUES('e79444db64d3f7061','RU');
CREATE TABLE contacts (
	id VARCHAR(80) NOT NULL, 
	article_id VARCHAR(80) NOT NULL, 
	local_id TEXT NOT NULL, 
	event_id VARCHAR(80), 
	mode VARCHAR(20) NOT NULL, 
	sides VARCHAR(200) NOT NULL, 
	when_date VARCHAR(10), 
	when_span JSON, 
	current BOOLEAN NOT NULL, 
	planned BOOLEAN NOT NULL, 
	participants JSON NOT NULL, 
	initiator VARCHAR(120), 
	initiator_per VARCHAR(120), 
	rule TEXT NOT NULL, 
	confidence FLOAT NOT NULL, 
	evidence_start INTEGER NOT NULL, 
	evidence_end INTEGER NOT NULL, 
	evidence_text TEXT NOT NULL, 
	all_evidence JSON NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(article_id) REFERENCES articles (id), 
	FOREIGN KEY(event_id) REFERENCES events (id)
);
INSERT INTO contacts VALUES('a152f849b17542d2b3705:c1','a152f849b17542d2b3705','c1','e14df45173accb565','call','RU|US','2014-03-06','{"start": 34, "end": 48, "text": "this afternoon"}',1,0,'[{"name": "Barack Obama", "side": "US", "actor": "obama", "mention": null, "kind": "person"}, {"name": "Vladimir Putin", "side": "RU", "actor": "putin", "mention": null, "kind": "person"}]',NULL,NULL,'handbuilt',0.8000000000000000444,0,79,'President Obama spoke for an hour this afternoon with President Putin of Russia','[{"start": 0, "end": 79, "text": "President Obama spoke for an hour this afternoon with President Putin of Russia"}]');
INSERT INTO contacts VALUES('a5d360c2135725bf0da30:c1','a5d360c2135725bf0da30','c1','e14df45173accb565','call','RU|US',NULL,'null',1,0,'[{"name": "Vladimir Putin", "side": "RU", "actor": "putin", "mention": null, "kind": "person"}, {"name": "Barack Obama", "side": "US", "actor": "obama", "mention": null, "kind": "person"}]','US','RU','handbuilt',0.8000000000000000444,0,92,'Vladimir Putin had a telephone conversation with President of the United States Barack Obama','[{"start": 0, "end": 92, "text": "Vladimir Putin had a telephone conversation with President of the United States Barack Obama"}]');
INSERT INTO contacts VALUES('ab03594dde06982c232e8:c1','ab03594dde06982c232e8','c1','e79444db64d3f7061','call','FR|RU','2024-05-01','{"start": 104, "end": 113, "text": "Wednesday"}',1,0,'[{"name": "Sebastien Lecornu", "side": "FR", "actor": "lecornu", "mention": null, "kind": "person"}, {"name": "Sergei Shoigu", "side": "RU", "actor": "shoigu", "mention": null, "kind": "person"}]',NULL,NULL,'handbuilt',0.8000000000000000444,24,113,'Sebastien Lecornu spoke by phone with Russian Defence Minister Sergei Shoigu on Wednesday','[{"start": 24, "end": 113, "text": "Sebastien Lecornu spoke by phone with Russian Defence Minister Sergei Shoigu on Wednesday"}]');
CREATE TABLE disputes (
	id VARCHAR(80) NOT NULL, 
	article_id VARCHAR(80) NOT NULL, 
	local_id TEXT NOT NULL, 
	topic TEXT NOT NULL, 
	kind VARCHAR(40) NOT NULL, 
	claim_side VARCHAR(120), 
	claim_statement VARCHAR(80), 
	claim_start INTEGER NOT NULL, 
	claim_end INTEGER NOT NULL, 
	claim_text TEXT NOT NULL, 
	counter_side VARCHAR(120), 
	counter_statement VARCHAR(80), 
	counter_start INTEGER NOT NULL, 
	counter_end INTEGER NOT NULL, 
	counter_text TEXT NOT NULL, 
	conflict_words JSON NOT NULL, 
	rule TEXT NOT NULL, 
	confidence FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(article_id) REFERENCES articles (id)
);
INSERT INTO disputes VALUES('ab03594dde06982c232e8:d1','ab03594dde06982c232e8','d1','<script>window.__pwned_topic = 1</script>','contradiction','RU','ab03594dde06982c232e8:s1',117,201,'<script>window.__pwned = 1; document.title = ''PWNED'';</script> We will not back down','FR','ab03594dde06982c232e8:s2',231,326,'the call covered <img src=x onerror="window.__pwned_img = 1"> the war in Ukraine & nothing else','[]','handbuilt',0.69999999999999995559);
CREATE TABLE agreements (
	id VARCHAR(80) NOT NULL, 
	article_id VARCHAR(80) NOT NULL, 
	local_id TEXT NOT NULL, 
	topic TEXT NOT NULL, 
	sides VARCHAR(200) NOT NULL, 
	evidence JSON NOT NULL, 
	statement_ids JSON NOT NULL, 
	rule TEXT NOT NULL, 
	confidence FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(article_id) REFERENCES articles (id)
);
INSERT INTO agreements VALUES('a5d360c2135725bf0da30:g1','a5d360c2135725bf0da30','g1','Lavrov and Kerry will continue close communication','RU|US','[{"start": 1063, "end": 1204, "text": "The leaders of the two nations agreed that Foreign Minister Sergei Lavrov and Secretary of State John Kerry will continue close communication"}]','[]','handbuilt',0.69999999999999995559);
CREATE TABLE event_points (
	id VARCHAR(80) NOT NULL, 
	event_id VARCHAR(80) NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	topic TEXT NOT NULL, 
	evidence JSON NOT NULL, 
	rule TEXT NOT NULL, 
	score FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(event_id) REFERENCES events (id)
);
INSERT INTO event_points VALUES('p7360585754ad7900','e14df45173accb565','conflict','legality of Russia''s actions in Ukraine','[{"article_id": "a152f849b17542d2b3705", "side": "US", "start": 115, "end": 199, "text": "Russia’s actions are in violation of Ukraine’s sovereignty and territorial integrity"}, {"article_id": "a5d360c2135725bf0da30", "side": "RU", "start": 671, "end": 794, "text": "Russia cannot ignore calls for help on this matter and is responding accordingly, in full compliance with international law"}]','handbuilt',0.9000000000000000222);
INSERT INTO event_points VALUES('p36d8f319be0c6a16','e14df45173accb565','shared','Kerry and Lavrov will keep talking','[{"article_id": "a152f849b17542d2b3705", "side": "US", "start": 933, "end": 1004, "text": "Secretary Kerry would continue discussions with Foreign Minister Lavrov"}, {"article_id": "a5d360c2135725bf0da30", "side": "RU", "start": 1106, "end": 1204, "text": "Foreign Minister Sergei Lavrov and Secretary of State John Kerry will continue close communication"}]','handbuilt',0.8000000000000000444);
CREATE INDEX ix_articles_published ON articles (published);
CREATE INDEX ix_actors_article ON actors (article_id);
CREATE INDEX ix_actors_name ON actors (name);
CREATE INDEX ix_statements_article ON statements (article_id);
CREATE INDEX ix_contacts_article ON contacts (article_id);
CREATE INDEX ix_contacts_event ON contacts (event_id);
CREATE INDEX ix_disputes_article ON disputes (article_id);
CREATE INDEX ix_agreements_article ON agreements (article_id);
CREATE INDEX ix_events_key ON events (mode, sides);
CREATE INDEX ix_events_when ON events (when_date);
CREATE INDEX ix_event_sides_side ON event_sides (side);
CREATE INDEX ix_event_points_event ON event_points (event_id);
COMMIT;
