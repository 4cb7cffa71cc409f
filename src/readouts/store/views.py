"""What store queries return: frozen records of plain values, each with ``to_json()``.

The CLI renders them as text or JSON, the web app as pages and ``/api`` JSON,
so both show the same thing. Spans are ``readouts.records.Span`` into the
text of the article named beside them.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from readouts.records import Span


class _JSON:
    __slots__ = ()

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Person(_JSON):
    name: str
    side: str | None


@dataclass(frozen=True, slots=True)
class EventSummary(_JSON):
    """One contact as the corpus knows it: merged from ``reports`` articles."""

    id: str
    mode: str
    sides: tuple[str, ...]
    when: str | None
    range_start: str | None
    range_end: str | None
    planned: bool
    participants: tuple[Person, ...]
    reports: int
    first_published: str | None
    last_published: str | None
    conflicts: int = 0
    shared: int = 0
    year: int | None = None

    def label(self) -> str:
        people = " <-> ".join(f"{p.name} ({p.side})" if p.side else p.name for p in self.participants)
        return people or " <-> ".join(self.sides) or "unknown parties"


@dataclass(frozen=True, slots=True)
class Report(_JSON):
    """One article's report of an event: the contact it found and where."""

    contact_id: str
    article_id: str
    title: str | None
    url: str | None
    published: str | None
    article_sides: tuple[str, ...]  # who speaks in the article, most statements first (not who published it)
    when: str | None
    current: bool
    evidence: Span
    when_span: Span | None
    initiator: str | None
    initiator_per: str | None
    rule: str
    outlet: str | None = None  # who published the article: its url's host, else its source
    also: tuple[Span, ...] = ()  # the article's other mentions of the same event


@dataclass(frozen=True, slots=True)
class StatementView(_JSON):
    id: str
    article_id: str
    side: str | None
    speaker_name: str | None
    stance: str
    direct: bool
    rule: str
    speaker: Span
    cue: Span
    content: Span
    confidence: float
    person: str | None = None  # the person key (see PersonSummary)


@dataclass(frozen=True, slots=True)
class Sided(_JSON):
    side: str | None
    span: Span


@dataclass(frozen=True, slots=True)
class DisputeView(_JSON):
    id: str
    article_id: str
    topic: str
    kind: str
    claim: Sided
    counter: Sided
    rule: str
    confidence: float


@dataclass(frozen=True, slots=True)
class AgreementView(_JSON):
    id: str
    article_id: str
    topic: str
    sides: tuple[str, ...]
    evidence: tuple[Span, ...]
    rule: str
    confidence: float


@dataclass(frozen=True, slots=True)
class PointEvidence(_JSON):
    article_id: str
    side: str | None
    span: Span


@dataclass(frozen=True, slots=True)
class PointView(_JSON):
    """A conflict or shared point found by comparing two accounts of one event."""

    id: str
    kind: str  # conflict | shared
    topic: str
    evidence: tuple[PointEvidence, ...]
    rule: str
    score: float


@dataclass(frozen=True, slots=True)
class Account(_JSON):
    """What one side said, across the articles that report the event as it happened."""

    side: str
    statements: tuple[StatementView, ...]


@dataclass(frozen=True, slots=True)
class EventDetail(_JSON):
    event: EventSummary
    reports: tuple[Report, ...]
    accounts: tuple[Account, ...]
    conflicts: tuple[PointView, ...]
    shared: tuple[PointView, ...]
    disputes: tuple[DisputeView, ...]
    agreements: tuple[AgreementView, ...]


@dataclass(frozen=True, slots=True)
class ContactView(_JSON):
    id: str
    event_id: str | None
    mode: str
    sides: tuple[str, ...]
    when: str | None
    current: bool
    planned: bool
    participants: tuple[Person, ...]
    evidence: Span
    rule: str


@dataclass(frozen=True, slots=True)
class ArticleDetail(_JSON):
    id: str
    title: str | None
    url: str | None
    published: str | None
    source: str | None
    sides: tuple[str, ...]
    text: str
    statements: tuple[StatementView, ...]
    contacts: tuple[ContactView, ...]
    disputes: tuple[DisputeView, ...]
    agreements: tuple[AgreementView, ...]


@dataclass(frozen=True, slots=True)
class PairHistory(_JSON):
    """The contact history of two sides, oldest first."""

    sides: tuple[str, str]
    events: tuple[EventSummary, ...]
    by_mode: tuple[tuple[str, int], ...]
    last: EventSummary | None


@dataclass(frozen=True, slots=True)
class ArticleHit(_JSON):
    id: str
    title: str | None
    published: str | None
    snippet: str


@dataclass(frozen=True, slots=True)
class PersonSummary(_JSON):
    """One person (or body) across articles, merged by ``key`` ("RU|person|putin")."""

    key: str
    name: str  # the fullest name any article gives
    side: str | None
    kind: str
    articles: int
    statements: int


ActorHit = PersonSummary  # the name search results used before people were merged


@dataclass(frozen=True, slots=True)
class StatementHit(_JSON):
    """A statement found by search, with its article."""

    statement: StatementView
    article_title: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class SearchResult(_JSON):
    query: str
    articles: tuple[ArticleHit, ...]
    actors: tuple[PersonSummary, ...]
    events: tuple[EventSummary, ...]
    statements: tuple[StatementHit, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleSummary(_JSON):
    id: str
    title: str | None
    url: str | None
    published: str | None
    outlet: str | None
    sides: tuple[str, ...]
    analyzer_version: str | None


@dataclass(frozen=True, slots=True)
class Facet(_JSON):
    """Counts of one field over the filtered rows: ((value, count), ...), most first."""

    name: str
    values: tuple[tuple[Any, int], ...]


@dataclass(frozen=True, slots=True)
class Page(_JSON):
    """One page of a filtered, sorted list, with the total and the facets of the whole filtered list."""

    items: tuple[Any, ...]
    total: int
    limit: int
    offset: int
    sort: str
    facets: tuple[Facet, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"items": [i.to_json() for i in self.items], "total": self.total, "limit": self.limit,
                "offset": self.offset, "sort": self.sort, "facets": {f.name: [list(v) for v in f.values]
                                                                     for f in self.facets}}


@dataclass(frozen=True, slots=True)
class SideSummary(_JSON):
    side: str
    name: str | None  # the country's name for a code, the body's for ORG:<name>
    events: int
    articles: int
    people: int


@dataclass(frozen=True, slots=True)
class OutletSummary(_JSON):
    outlet: str
    articles: int
    events: int
    first_published: str | None
    last_published: str | None


@dataclass(frozen=True, slots=True)
class PersonEvent(_JSON):
    """What one person said in the articles reporting one event (``event`` None: no event)."""

    event: EventSummary | None
    statements: tuple[StatementView, ...]


@dataclass(frozen=True, slots=True)
class PersonDetail(_JSON):
    """Everything one person said, by event, newest first; ``names`` are the forms articles use."""

    person: PersonSummary
    names: tuple[str, ...]
    by_event: tuple[PersonEvent, ...]
    total_statements: int
    limit: int
    offset: int
