"""Hand-built analyses of the bundled texts, so store and web tests do not depend on the rules.

Every span is found in its text with ``str.index``, so ``text[start:end] ==
span.text`` holds by construction; a phrase missing from the text fails loudly.
Used by tests/test_store*.py, tests/test_web*.py, tests/test_browser*.py and
scripts/screenshot.py. Texts and licences: SOURCES.md beside this file.
"""
from __future__ import annotations

import json
from pathlib import Path

from readouts.records import (
    Actor,
    Agreement,
    Analysis,
    Article,
    Contact,
    Dispute,
    Participant,
    SidedSpan,
    Span,
    Statement,
)

HERE = Path(__file__).parent
PAIR = HERE / "dp02-obama-putin-2014.jsonl"
HOSTILE = HERE / "hostile.jsonl"
CONFLICT = ("Russia’s actions are in violation of Ukraine’s sovereignty and territorial integrity",
            ("Russia cannot ignore calls for help on this matter and is responding accordingly, "
            "in full compliance with international law"))
SHARED = ("Secretary Kerry would continue discussions with Foreign Minister Lavrov",
          "Foreign Minister Sergei Lavrov and Secretary of State John Kerry will continue close communication")


def read_jsonl(path: Path) -> list[Article]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Article(text=r["text"], id=r["id"], published=r["published"], url=r["url"], title=r["title"])
            for r in rows]


def span(text: str, phrase: str, after: int = 0) -> Span:
    start = text.index(phrase, after)
    return Span(start, start + len(phrase), phrase)


def _statement(text, sid, speaker, cue, content, side, name, actor, stance="assert") -> Statement:
    cue_span = span(text, cue)
    return Statement(sid, span(text, speaker), cue_span, span(text, content, cue_span.end), False, stance,
                     "handbuilt", name, actor, side, "name")


def pair_analyses() -> tuple[Analysis, Analysis]:
    """The White House (US) and Kremlin (RU) readouts of the call of 6 March 2014."""
    us_art, ru_art = read_jsonl(PAIR)
    us, ru = us_art.text, ru_art.text
    us_actors = (
        Actor("obama", "Barack Obama", "person", "US", (span(us, "President Obama"),), "President"),
        Actor("putin", "Vladimir Putin", "person", "RU", (span(us, "President Putin"),), "President"),
    )
    us_statements = (
        _statement(us, "s1", "President Obama", "emphasized", CONFLICT[0], "US", "Barack Obama", "obama"),
        _statement(us, "s2", "President Obama", "indicated",
                   "there is a way to resolve the situation diplomatically", "US", "Barack Obama", "obama"),
        Statement("s3", span(us, "President Obama", us.index("Secretary Kerry") - 40),
                  span(us, "indicated", us.index("Secretary Kerry") - 20), span(us, SHARED[0]), False, "assert",
                  "handbuilt", "Barack Obama", "obama", "US", "name"),
    )
    us_contact = Contact(
        "c1", (Participant("Barack Obama", "US", "obama"), Participant("Vladimir Putin", "RU", "putin")),
        ("RU", "US"), "call", "2014-03-06", True,
        (span(us, "President Obama spoke for an hour this afternoon with President Putin of Russia"),),
        "handbuilt", when_span=span(us, "this afternoon"))
    ru_actors = (
        Actor("putin", "Vladimir Putin", "person", "RU", (span(ru, "Vladimir Putin"),), "President"),
        Actor("obama", "Barack Obama", "person", "US", (span(ru, "Barack Obama"),), "President"),
    )
    ru_statements = (
        _statement(ru, "s1", "Vladimir Putin noted", "noted",
                   "the current Ukrainian government, which came to power as the result of an unconstitutional coup",
                   "RU", "Vladimir Putin", "putin"),
        Statement("s2", span(ru, "Vladimir Putin", ru.index("noted") - 20), span(ru, "noted"),
                  span(ru, CONFLICT[1]), False, "assert", "handbuilt", "Vladimir Putin", "putin", "RU", "name"),
        _statement(ru, "s3", "The President of Russia", "stressed",
                   "the paramount importance of Russian-US relations for ensuring stability and security in the world",
                   "RU", "Vladimir Putin", "putin"),
        _statement(ru, "s4", "The leaders of the two nations", "agreed", SHARED[1], "RU", "Vladimir Putin", "putin"),
    )
    ru_contact = Contact(
        "c1", (Participant("Vladimir Putin", "RU", "putin"), Participant("Barack Obama", "US", "obama")),
        ("RU", "US"), "call", None, True,
        (span(ru, "Vladimir Putin had a telephone conversation with President of the United States Barack Obama"),),
        "handbuilt", initiator="US", initiator_per="RU", initiator_evidence=span(ru, "on the American side’s initiative"))
    ru_agreement = Agreement("g1", "Lavrov and Kerry will continue close communication", ("RU", "US"),
                             (span(ru, "The leaders of the two nations agreed that " + SHARED[1]),), "handbuilt")
    return (Analysis(us_art, us_actors, us_statements, (us_contact,)),
            Analysis(ru_art, ru_actors, ru_statements, (ru_contact,), (), (ru_agreement,)))


def pair_comparer(left, right) -> list[tuple]:
    """Stands in for the comparer of stored points: the conflict and the shared point the gold file names.

    ``left`` and ``right`` are two sides' stored statements (``readouts.store.StoredPoint``);
    returns ``(kind, i, j, topic, rule, score)`` for each pair whose texts are the named phrases.
    """
    def index(points, phrases) -> int | None:
        return next((i for i, p in enumerate(points) if p.text in phrases), None)

    out = []
    for kind, phrases, topic, score in (("conflict", CONFLICT, "legality of Russia's actions in Ukraine", 0.9),
                                        ("shared", SHARED, "Kerry and Lavrov will keep talking", 0.8)):
        i, j = index(left, phrases), index(right, phrases)
        if i is not None and j is not None:
            out.append((kind, i, j, topic, "handbuilt", score))
    return out


def hostile_analysis() -> Analysis:
    """The hostile article: script in the title, in a quote and in an image's onerror."""
    (article,) = read_jsonl(HOSTILE)
    t = article.text
    actors = (Actor("lecornu", "Sebastien Lecornu", "person", "FR", (span(t, "Sebastien Lecornu"),)),
              Actor("shoigu", "Sergei Shoigu", "person", "RU", (span(t, "Sergei Shoigu"),)))
    statements = (
        Statement("s1", span(t, "Shoigu", t.index("said") - 8), span(t, "said"),
                  span(t, "<script>window.__pwned = 1; document.title = 'PWNED';</script> We will not back down"),
                  True, "assert", "handbuilt", "Sergei Shoigu", "shoigu", "RU", "name"),
        Statement("s2", span(t, "Lecornu", t.index("Lecornu said")), span(t, "said", t.index("Lecornu said")),
                  span(t, "the call covered <img src=x onerror=\"window.__pwned_img = 1\"> the war in Ukraine & nothing else"),
                  False, "assert", "handbuilt", "Sebastien Lecornu", "lecornu", "FR", "name"),
    )
    contact = Contact("c1", (Participant("Sebastien Lecornu", "FR", "lecornu"), Participant("Sergei Shoigu", "RU", "shoigu")),
                      ("FR", "RU"), "call", "2024-05-01", True,
                      (span(t, "Sebastien Lecornu spoke by phone with Russian Defence Minister Sergei Shoigu on Wednesday"),),
                      "handbuilt", when_span=span(t, "Wednesday"))
    dispute = Dispute("d1", "<script>window.__pwned_topic = 1</script>", "contradiction",
                      SidedSpan("RU", statements[0].content, "s1"), SidedSpan("FR", statements[1].content, "s2"),
                      "handbuilt")
    return Analysis(article, actors, statements, (contact,), (dispute,))


def seeded_store(path: str) -> str:
    """A SQLite store at ``path`` holding the readout pair (merged into one event with its
    conflict) and the hostile article: the fixture of the CLI, web and browser tests."""
    from readouts.corpus import ingest_analyses
    from readouts.store import open_store

    with open_store(path, create=True) as store:
        us, ru = pair_analyses()
        ingest_analyses(store, [us, ru, hostile_analysis()], comparer=pair_comparer)
    return path
