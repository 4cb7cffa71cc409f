"""readouts' stages as spaCy components in a user's own pipeline (entry-point factories)."""
from __future__ import annotations

import spacy

from readouts.parse.nlp import MODELS
from readouts.records import Contact, Statement

TEXT = ("French Defence Minister Sebastien Lecornu spoke by phone on Wednesday with his Russian "
        "counterpart Sergei Shoigu.\n"
        '"France neither accepted nor proposed anything of the sort," a French official told reporters.')


def _user_pipeline():
    for name in MODELS:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise AssertionError("no English pipeline installed")


def test_factories_are_registered_through_the_entry_point():
    from importlib.metadata import entry_points

    declared = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    assert declared["readouts_statements"] == "readouts.pipeline:make_statements"
    assert declared["readouts_contacts"] == "readouts.pipeline:make_contacts"
    from spacy.language import Language

    _user_pipeline()  # spaCy reads the entry points when it builds a pipeline
    assert Language.has_factory("readouts_statements") and Language.has_factory("readouts_contacts")


def test_components_in_a_user_pipeline_fill_doc_extensions():
    nlp = _user_pipeline()
    nlp.add_pipe("readouts_statements")
    nlp.add_pipe("readouts_contacts", config={"published": "2024-04-04"})
    doc = nlp(TEXT)
    statements = doc._.readouts_statements
    assert statements and all(isinstance(s, Statement) for s in statements)
    (quote,) = [s for s in statements if s.direct]
    assert quote.content.text == "France neither accepted nor proposed anything of the sort"
    assert quote.side == "FR"
    names = {a.name for a in doc._.readouts_actors}
    assert {"Sebastien Lecornu", "Sergei Shoigu"} <= names
    contacts = doc._.readouts_contacts
    assert all(isinstance(c, Contact) for c in contacts)
    assert any(set(c.sides) == {"FR", "RU"} and c.mode == "call" for c in contacts)
