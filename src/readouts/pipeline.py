"""readouts' stages as spaCy pipeline components.

Registered through the ``spacy_factories`` entry point, so a user can add them
to a pipeline of their own and read the results from ``doc._`` extensions::

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("readouts_statements")
    nlp.add_pipe("readouts_contacts", config={"published": "2024-04-04"})
    doc = nlp(text)
    doc._.readouts_statements, doc._.readouts_actors, doc._.readouts_contacts

Each component is a small class whose ``__call__`` runs a pure ``find`` step
and then writes its records to the Doc. Stage modules are imported lazily so
that loading spaCy (which loads every entry point) never imports more than this.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

for _name in ("readouts_statements", "readouts_actors", "readouts_contacts"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=())


class StatementsComponent:
    """Finds actors and statements; sets ``doc._.readouts_actors`` and ``doc._.readouts_statements``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        from readouts.analyze import find_actors_and_statements

        actors, statements = find_actors_and_statements(doc)
        doc._.readouts_actors = actors
        doc._.readouts_statements = statements
        return doc


class ContactsComponent:
    """Finds contacts between sides; sets ``doc._.readouts_contacts`` (needs readouts_statements).
    Planned or proposed contacts are included with ``planned=True``."""

    def __init__(self, nlp: Language, name: str, published: str | None) -> None:
        self.name = name
        self.published = published

    def __call__(self, doc: Doc) -> Doc:
        from readouts.contacts.find import find_contacts

        doc._.readouts_contacts = tuple(find_contacts(doc, doc._.readouts_actors, self.published, planned=True))
        return doc


def make_statements(nlp: Language, name: str) -> StatementsComponent:
    return StatementsComponent(nlp, name)


def make_contacts(nlp: Language, name: str, published: str | None) -> ContactsComponent:
    return ContactsComponent(nlp, name, published)


if not Language.has_factory("readouts_statements"):
    Language.factory(
        "readouts_statements",
        assigns=["doc._.readouts_statements", "doc._.readouts_actors"],
        requires=["token.dep", "token.head", "doc.ents"],
        func=make_statements,
    )
if not Language.has_factory("readouts_contacts"):
    Language.factory(
        "readouts_contacts",
        default_config={"published": None},
        assigns=["doc._.readouts_contacts"],
        requires=["doc._.readouts_actors"],
        func=make_contacts,
    )
