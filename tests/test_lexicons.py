"""The one data loader: every data file is read through ``readouts.lexicons``, typed, and a
missing or corrupt file is a ``ModelError`` naming it."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from readouts import lexicons
from readouts.errors import ModelError

SRC = Path(__file__).resolve().parent.parent / "src" / "readouts"

# accessor -> the data file it reads
ACCESSORS = {
    lexicons.cues: "cues.json",
    lexicons.contact_modes: "contact_modes.json",
    lexicons.divergence: "divergence_lexicon.json",
    lexicons.speech_acts: "speech_acts.json",
    lexicons.titles: "titles.json",
    lexicons.gazetteer_table: "gazetteer.json",
    lexicons.officials: "officials.json",
}


def _clear() -> None:
    lexicons._read.cache_clear()
    for fn in (*ACCESSORS, lexicons.gazetteer, lexicons.speech_verbs):
        fn.cache_clear()


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """Point the loader at an empty package data folder in ``tmp_path``."""
    (tmp_path / "data").mkdir()
    monkeypatch.setattr(lexicons.resources, "files", lambda package: tmp_path)
    _clear()
    yield tmp_path / "data"
    _clear()


@pytest.mark.parametrize(("accessor", "name"), ACCESSORS.items(), ids=ACCESSORS.values())
def test_missing_data_file_is_a_model_error(data_dir, accessor, name):
    with pytest.raises(ModelError, match=f"missing: readouts/data/{name}"):
        accessor()


@pytest.mark.parametrize(("accessor", "name"), ACCESSORS.items(), ids=ACCESSORS.values())
def test_corrupt_data_file_is_a_model_error(data_dir, accessor, name):
    (data_dir / name).write_text('{"entries": [', encoding="utf-8")
    with pytest.raises(ModelError, match=f"corrupt: readouts/data/{name}"):
        accessor()


@pytest.mark.parametrize(("accessor", "name"), ACCESSORS.items(), ids=ACCESSORS.values())
def test_data_file_without_a_field_is_a_model_error(data_dir, accessor, name):
    (data_dir / name).write_text('{"_source": "a test"}', encoding="utf-8")
    with pytest.raises(ModelError, match=f"readouts/data/{name}: missing field"):
        accessor()


def test_the_gazetteer_index_reports_a_missing_table(data_dir):
    from readouts.sides.gazetteer import gazetteer

    with pytest.raises(ModelError, match="missing: readouts/data/gazetteer.json"):
        gazetteer()


def test_accessors_are_typed_and_loaded_once():
    cues = lexicons.cues()
    assert cues is lexicons.cues()
    assert cues.verbs["say"] == "assert" and "deny" in cues.object_verbs
    assert isinstance(lexicons.contact_modes()["light_verbs"], frozenset)
    assert lexicons.contact_modes()["verbs"]["meet"] == "meeting"
    assert "not" in lexicons.divergence()["negators"]
    assert "president" in lexicons.titles()["leader_titles"]
    assert lexicons.titles()["joint_title_matches"]["envoy"] >= {"envoy", "ambassador"}
    assert lexicons.gazetteer_table()["names"]["FR"] == "France"
    assert all("source" in row for row in lexicons.officials())
    assert lexicons.gazetteer().lookup("France").side == "FR"


def test_speech_verbs_come_from_the_cue_lexicon():
    speech = lexicons.speech_verbs()
    assert {"say", "tell", "confirm", "accord"} <= speech  # "accord" of "according to"
    assert not speech & {"deny", "accuse", "hope", "believe"}  # other stances and belief are not speech


def test_every_data_file_states_its_source():
    for name in ACCESSORS.values():
        assert len(lexicons.source(name)) > 40, name


def _opens_data(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "files" and \
                isinstance(node.value, ast.Name) and node.value.id == "resources":
            return True
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                node.value.endswith(".json") and node.value.split("/")[-1] in ACCESSORS.values():
            return True
    return False


def test_no_module_but_the_loader_opens_a_data_file():
    readers = sorted(str(p.relative_to(SRC)) for p in SRC.rglob("*.py") if _opens_data(p))
    assert readers == ["lexicons.py"]
