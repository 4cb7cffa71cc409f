"""Run an ingest slowly, so a test can kill it part-way: ``python slow_ingest.py DB FOLDER SECONDS``.

The analyzer is ``simple_analysis`` below (one statement per paragraph, a
contact for the first line), so the test knows every article's rows exactly.
"""
from __future__ import annotations

import sys
import time

from readouts.records import Analysis, Contact, Participant, Span, Statement


def simple_analysis(article) -> Analysis:
    text = article.text
    statements, at = [], 0
    for n, para in enumerate(p for p in text.split("\n") if p.strip()):
        start = text.index(para, at)
        at = start + len(para)
        first = para.split()[0]
        statements.append(Statement(f"s{n}", Span(start, start + len(first), first), Span(start, start + len(first), first),
                                    Span(start, at, para), False, "assert", "test:paragraph", side="US"))
    contact = Contact("c1", (Participant("Barack Obama", "US"), Participant("Vladimir Putin", "RU")), ("RU", "US"),
                      "call", "2014-03-06", True, (statements[0].content,), "test:first-line")
    return Analysis(article, statements=tuple(statements), contacts=(contact,))


def slow_analyzer(seconds: float):
    def analyse(batch):
        out = []
        for article in batch:
            time.sleep(seconds)
            out.append(simple_analysis(article))
        return out
    return analyse


if __name__ == "__main__":
    from readouts.corpus import ingest
    from readouts.store import open_store

    db, folder, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    with open_store(db, create=True) as store:
        ingest(store, [folder], comparer=None, batch_size=1, analyzer=slow_analyzer(seconds),
               on_progress=lambda p: print(p.stored, flush=True))
