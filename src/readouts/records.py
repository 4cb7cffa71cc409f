"""The records passed between stages and returned by the API.

Every record is a frozen, slotted dataclass of plain values and character
offsets into the article text (never spaCy objects), so it outlives the Doc,
hashes and compares by value. ``to_json()`` gives the JSON of
``shared/eval/OUTPUT.md`` plus ids, rules and confidences.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``start:end`` of the input; ``text`` is exactly that slice."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Article:
    """One input text with its metadata. ``published`` is ``YYYY-MM-DD`` or None."""

    text: str
    id: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "published": self.published, "url": self.url, "title": self.title}


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, body or state the text mentions, with the side it speaks for.

    ``side`` is an ISO 3166-1 alpha-2 code, ``ORG:<name>`` for a non-state
    body speaking for itself, or None when the text does not tell.
    ``side_evidence`` is the span (a title, demonym, name) the side came from.
    """

    id: str
    name: str
    kind: str  # person | body | state | group | other
    side: str | None
    mentions: tuple[Span, ...]
    title: str | None = None
    side_rule: str | None = None
    side_evidence: Span | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "side": self.side,
            "title": self.title,
            "side_rule": self.side_rule,
            "side_evidence": self.side_evidence.to_json() if self.side_evidence else None,
            "mentions": [m.to_json() for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class Statement:
    """One attribution: who (speaker mention), how (cue), what (content).

    ``rule`` names the attribution rule, ``speaker_rule`` how the speaker
    mention was resolved to an actor (``name``, ``pronoun``, ``nominal``...).
    ``parent`` is the id of the statement this one is reported inside.
    """

    id: str
    speaker: Span
    cue: Span
    content: Span
    direct: bool
    stance: str
    rule: str
    speaker_name: str | None = None
    actor_id: str | None = None
    side: str | None = None
    speaker_rule: str | None = None
    parent: str | None = None
    confidence: float = 0.8

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker.to_json(),
            "speaker_name": self.speaker_name,
            "actor": self.actor_id,
            "side": self.side,
            "cue": self.cue.to_json(),
            "content": self.content.to_json(),
            "direct": self.direct,
            "stance": self.stance,
            "rule": self.rule,
            "speaker_rule": self.speaker_rule,
            "parent": self.parent,
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True)
class Participant:
    """One party to a contact: a resolved actor name and its side."""

    name: str
    side: str | None
    actor_id: str | None = None
    mention: Span | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "side": self.side,
            "actor": self.actor_id,
            "mention": self.mention.to_json() if self.mention else None,
        }


@dataclass(frozen=True, slots=True)
class Contact:
    """A call, meeting, video call, letter or talks between two sides.

    ``when`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` resolved against the
    published date, None when the text does not tell. ``current`` is False for
    a contact the article recalls; ``planned`` for one announced, not held.
    ``initiator`` is the side that started it, ``initiator_per`` the side
    that says so. ``evidence`` holds every mention, the main one first.
    Planned contacts are kept in ``Analysis.contacts`` with ``planned=True`` and
    written apart, under ``planned_contacts``, in the JSON.
    """

    id: str
    participants: tuple[Participant, ...]
    sides: tuple[str, ...]
    mode: str  # call | meeting | video | letter | talks
    when: str | None
    current: bool
    evidence: tuple[Span, ...]
    rule: str
    when_span: Span | None = None
    planned: bool = False
    initiator: str | None = None
    initiator_per: str | None = None
    initiator_evidence: Span | None = None
    confidence: float = 0.8
    when_rule: str | None = None  # how `when` was found; "published_day" when the text gives no date
    disputed_by: tuple[str, ...] = ()  # sides that deny the contact took place
    dispute_evidence: tuple[Span, ...] = ()  # their denials
    mediators: tuple[Participant, ...] = ()  # "talks through Omani mediators": go-betweens, not parties

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "participants": [p.to_json() for p in self.participants],
            "sides": list(self.sides),
            "mode": self.mode,
            "when": self.when,
            "when_span": self.when_span.to_json() if self.when_span else None,
            "when_rule": self.when_rule,
            "current": self.current,
            "planned": self.planned,
            "mediators": [m.to_json() for m in self.mediators],
            "disputed": bool(self.disputed_by),
            "disputed_by": list(self.disputed_by),
            "dispute_evidence": [e.to_json() for e in self.dispute_evidence],
            "initiator": self.initiator,
            "initiator_per": self.initiator_per,
            "initiator_evidence": self.initiator_evidence.to_json() if self.initiator_evidence else None,
            "evidence": self.evidence[0].to_json(),
            "all_evidence": [e.to_json() for e in self.evidence],
            "rule": self.rule,
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True)
class SidedSpan:
    """One side's part in a dispute: the side and the span that carries it."""

    side: str | None
    span: Span
    statement_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"side": self.side, **self.span.to_json(), "statement": self.statement_id}


@dataclass(frozen=True, slots=True)
class Dispute:
    """A claim by one side and the denial, rejection or contradiction by another."""

    id: str
    topic: str
    kind: str  # denial | contradiction | rejection
    claim: SidedSpan
    counter: SidedSpan
    rule: str
    conflict_words: tuple[str, ...] = ()
    confidence: float = 0.7

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "topic": self.topic,
            "kind": self.kind,
            "claim": self.claim.to_json(),
            "counter": self.counter.to_json(),
            "conflict_words": list(self.conflict_words),
            "rule": self.rule,
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True)
class Agreement:
    """A point that two or more sides' accounts both confirm."""

    id: str
    topic: str
    sides: tuple[str, ...]
    evidence: tuple[Span, ...]
    rule: str
    statement_ids: tuple[str, ...] = ()
    confidence: float = 0.7

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "topic": self.topic,
            "sides": list(self.sides),
            "evidence": [e.to_json() for e in self.evidence],
            "statements": list(self.statement_ids),
            "rule": self.rule,
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True)
class AnalysisWarning:
    """A part of the analysis that went wrong while the rest stands.

    ``rule`` names the rule or stage (``statements:_noun_statement``, ``input``),
    ``span`` the sentence it ran on (None for the whole article), ``error`` what
    happened, in one line.
    """

    rule: str
    error: str
    span: Span | None = None

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "span": self.span.to_json() if self.span else None, "error": self.error}

    def message(self) -> str:
        where = f" in the sentence at {self.span.start}-{self.span.end}" if self.span else ""
        return f"{self.rule}{where}: {self.error}"


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything readouts found in one article, and the warnings of parts that failed."""

    article: Article
    actors: tuple[Actor, ...] = ()
    statements: tuple[Statement, ...] = ()
    contacts: tuple[Contact, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    warnings: tuple[AnalysisWarning, ...] = ()

    def sides(self) -> tuple[str, ...]:
        """Sides that speak in the article, most statements first."""
        counts: dict[str, int] = {}
        for s in self.statements:
            if s.side:
                counts[s.side] = counts.get(s.side, 0) + 1
        return tuple(sorted(counts, key=lambda k: (-counts[k], k)))

    def accounts(self) -> dict[str | None, tuple[Statement, ...]]:
        """Statements grouped by the side they speak for, in text order."""
        out: dict[str | None, list[Statement]] = {}
        for s in sorted(self.statements, key=lambda s: s.content.start):
            out.setdefault(s.side, []).append(s)
        return {k: tuple(v) for k, v in out.items()}

    def grouped_accounts(self):
        """Each side's statements grouped by the contact or topic they are about (``accounts.SideAccount``)."""
        from readouts.divergence.accounts import group_accounts

        return group_accounts(self)

    def actor(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.article.id,
            "document": self.article.to_json(),
            "actors": [a.to_json() for a in self.actors],
            "statements": [s.to_json() for s in self.statements],
            "contacts": [c.to_json() for c in self.contacts if not c.planned],
            "planned_contacts": [c.to_json() for c in self.contacts if c.planned],
            "disputes": [d.to_json() for d in self.disputes],
            "agreements": [a.to_json() for a in self.agreements],
            "accounts": [a.to_json() for a in self.grouped_accounts()],
            "warnings": [w.to_json() for w in self.warnings],
        }

    def record_ids(self) -> list[str]:
        """The ids of every record, in order; each is unique within the article."""
        return [r.id for r in (*self.actors, *self.statements, *self.contacts, *self.disputes, *self.agreements)]


@dataclass(frozen=True, slots=True)
class DocSpan:
    """A span in one of several compared documents (``doc`` is its index)."""

    doc: int
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"doc": self.doc, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Point:
    """One aligned point of a comparison: shared, only in one doc, or in conflict."""

    topic: str
    evidence: tuple[DocSpan, ...]
    rule: str
    score: float = 0.0
    doc: int | None = None  # for only_in: the document that has it
    conflict_words: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"topic": self.topic, "evidence": [e.to_json() for e in self.evidence]}
        if self.doc is not None:
            out["doc"] = self.doc
        if self.conflict_words:
            out["conflict_words"] = list(self.conflict_words)
        out["rule"] = self.rule
        out["score"] = round(self.score, 3)
        return out


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two or more accounts of one event, aligned point by point."""

    articles: tuple[Article, ...]
    sides: tuple[str | None, ...]
    shared: tuple[Point, ...] = ()
    only_in: tuple[Point, ...] = ()
    conflicts: tuple[Point, ...] = ()
    backend: str = "lexical"
    analyses: tuple[Analysis | None, ...] = field(default=(), compare=False)  # None: not analysable

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": [dict(a.to_json(), side=s) for a, s in zip(self.articles, self.sides)],
            "backend": self.backend,
            "shared": [p.to_json() for p in self.shared],
            "only_in": [p.to_json() for p in self.only_in],
            "conflicts": [p.to_json() for p in self.conflicts],
        }
