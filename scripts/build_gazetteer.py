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
SOURCES = Path(__file__).resolve().parent / "gazetteer_sources"


def _table(name: str) -> str:
    """A curated table from gazetteer_sources/, without its '#' comment lines."""
    lines = (SOURCES / name).read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith("#")) + "\n"

# Codes outside ISO 3166-1 that news treats as a side. XK is the user-assigned
# code for Kosovo used by the EU, the IMF and SWIFT.
USER_ASSIGNED = {"XK": "Kosovo"}

# ISO names (or their unaccented forms) that are a common word or no side at all.
SKIPPED_ISO_NAMES = {"Jersey", "Antarctica", "Bouvet Island", "Heard Island and McDonald Islands", "Reunion"}

# News writes these abbreviations with and without dots; every entry that
# starts with one gets the other spelling too ("U.N. Security Council").
DOTTED = {"US": "U.S.", "UN": "U.N.", "UK": "U.K.", "EU": "E.U."}

# Word classes the scan needs; one file each under gazetteer_sources/ (see their headers).
ALSO_GIVEN_NAMES = _table("also_given_names.txt").split()
NO_SIDE_PREFIXES = _table("no_side_prefixes.txt").split()
NO_SIDE_SUFFIXES = _table("no_side_suffixes.txt").split()
POSTED_TO_HEADS = _table("posted_to_heads.txt").split()
CALENDAR_WORDS = _table("calendar_words.txt").split()

COUNTRIES = _table("countries.psv")

SEATS = _table("seats.psv")

INSTITUTIONS = _table("institutions.psv")

BODIES = _table("bodies.psv")

NOT_ACTORS = _table("not_actors.txt")

GENERIC_HEADS = _table("generic_heads.txt")
GENERIC_MODIFIERS = _table("generic_modifiers.txt")


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
