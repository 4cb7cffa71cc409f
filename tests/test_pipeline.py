"""readouts' stages as spaCy components in a user's own pipeline (entry-point factories): the same
components ``readouts.analyze`` runs, so both paths give the same records."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from readouts import analyze
from readouts.errors import ModelError
from readouts.parse.nlp import MODELS
from readouts.records import Analysis, Article, Contact, Statement

SHARED = Path(__file__).resolve().parents[2] / "shared"
COMPONENTS = ("readouts_statements", "readouts_sides", "readouts_contacts", "readouts_divergence")
TEXT = ("Chilean Defence Minister Ana Ruiz spoke by phone on Wednesday with her Peruvian "
        "counterpart Luis Soto.\n"
        '"Chile neither offered nor accepted anything of the kind," a Chilean official told reporters.')


def _base():
    for name in MODELS:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise AssertionError("no English pipeline installed")


def _user_pipeline(published: str | None = None):
    nlp = _base()
    nlp.add_pipe("readouts_paragraphs", before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name, config={"published": published})
    return nlp


def _as_analysis(article: Article, doc) -> Analysis:
    d = doc._
    return Analysis(article, d.readouts_actors, d.readouts_statements, d.readouts_contacts, d.readouts_disputes,
                    d.readouts_agreements, d.readouts_accounts)


def test_factories_are_registered_through_the_entry_point():
    from importlib.metadata import entry_points

    from spacy.language import Language

    declared = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    for name in ("readouts_paragraphs", *COMPONENTS):
        assert declared[name] == f"readouts.pipeline:make_{name.removeprefix('readouts_')}"
    _base()  # spaCy reads the entry points when it builds a pipeline
    assert all(Language.has_factory(name) for name in COMPONENTS)


def test_components_in_a_user_pipeline_fill_doc_extensions():
    doc = _user_pipeline("2024-04-04")(TEXT)
    statements = doc._.readouts_statements
    assert statements and all(isinstance(s, Statement) for s in statements)
    (quote,) = [s for s in statements if s.direct]
    assert quote.content.text == "Chile neither offered nor accepted anything of the kind"
    assert quote.side == "CL"
    assert {"Ana Ruiz", "Luis Soto"} <= {a.name for a in doc._.readouts_actors}
    contacts = doc._.readouts_contacts
    assert all(isinstance(c, Contact) for c in contacts)
    (call,) = [c for c in contacts if set(c.sides) == {"CL", "PE"}]
    assert call.mode == "call" and call.when == "2024-04-03"  # the Wednesday before the date configured
    assert [a.side for a in doc._.readouts_accounts][:1] == ["CL"]


def test_a_component_without_the_one_before_it_says_so():
    nlp = _base()
    nlp.add_pipe("readouts_sides")
    with pytest.raises(ModelError, match="readouts_sides needs readouts_statements"):
        nlp("The minister said the talks went well.")


def test_the_user_pipeline_gives_what_analyze_gives_with_a_date():
    published = "2024-04-04"
    doc = _user_pipeline(published)(TEXT)
    article = Article(TEXT, published=published)
    assert _as_analysis(article, doc).to_json() == analyze(TEXT, published=published).to_json()


def test_the_user_pipeline_gives_what_analyze_gives_on_the_dev_texts():
    folder = SHARED / "gold" / "dev" / "articles"
    if not folder.is_dir():
        pytest.skip("../shared/gold/dev is absent: the dev texts are needed for this comparison")
    nlp = _user_pipeline()
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(folder.glob("*.json"))]
    for text, doc in zip(texts, nlp.pipe(texts), strict=True):
        mine = _as_analysis(Article(text), doc).to_json()
        theirs = analyze(text).to_json()
        assert mine == theirs, text[:80]
