"""The parsed copies of the shipped rubrics: fresh, equal to their TOML, and never able to hide an edit."""

import json
import shutil
from pathlib import Path

import pytest

import meritsys
from meritsys.io import dumps_rubrik, load_rubrik
from meritsys.rubrics import _parsed
from meritsys.rubrics._parsed import copy_of, load_shipped, stamp, write_copies

SHIPPED = Path(meritsys.rubrics.__file__).parent
TOMLS = sorted(SHIPPED.glob("*.toml"))


@pytest.mark.parametrize("path", TOMLS, ids=lambda p: p.stem)
def test_every_shipped_rubric_has_a_fresh_copy(path: Path) -> None:
    copy = copy_of(path)
    assert copy.is_file(), f"no parsed copy of {path.name}: run python -m meritsys.rubrics._parsed"
    saved = json.loads(copy.read_text(encoding="utf-8"))
    assert saved["sumber"] == stamp(path.read_bytes()), f"{copy.name} is stale: run python -m meritsys.rubrics._parsed"
    # the hash depends on the model's fields too: a change there leaves the stamp fresh and the hash stale
    assert saved["sha256"] == meritsys.rubrik_sha256(load_rubrik(path)), f"{copy.name} records another hash: run python -m meritsys.rubrics._parsed"


@pytest.mark.parametrize("path", TOMLS, ids=lambda p: p.stem)
def test_the_copy_gives_the_rubric_the_toml_gives(path: Path) -> None:
    from_toml = load_rubrik(path)
    from_copy = load_shipped(path)
    assert from_copy == from_toml
    # the order of every mapping too (equality of mappings ignores it; messages list options in order)
    assert dumps_rubrik(from_copy) == dumps_rubrik(from_toml)
    assert meritsys.rubrik_sha256(from_copy) == meritsys.rubrik_sha256(from_toml)
    assert meritsys.get_rubrik(from_toml.id) == from_toml


def test_a_stale_copy_is_ignored_and_the_toml_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(SHIPPED / "kasn-2019.toml", tmp_path / "kasn-2019.toml")
    write_copies(tmp_path)
    toml = tmp_path / "kasn-2019.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('nama = "', 'nama = "Edited ', 1), encoding="utf-8")
    rubrik = load_shipped(toml)
    assert rubrik.nama.startswith("Edited ")
    assert rubrik == load_rubrik(toml)


def test_a_fresh_copy_is_what_is_read(tmp_path: Path) -> None:
    # the copy, not the TOML, is parsed when the stamp matches: a copy changed by hand shows through
    shutil.copy(SHIPPED / "kasn-2019.toml", tmp_path / "kasn-2019.toml")
    (copy,) = write_copies(tmp_path)
    saved = json.loads(copy.read_text(encoding="utf-8"))
    saved["dokumen"]["nama"] = "from the copy"
    copy.write_text(json.dumps(saved), encoding="utf-8")
    assert load_shipped(tmp_path / "kasn-2019.toml").nama == "from the copy"


def test_the_recorded_hash_is_the_one_given(tmp_path: Path) -> None:
    # a fresh copy's hash is taken as recorded (the test above keeps the shipped ones right)
    shutil.copy(SHIPPED / "kasn-2019.toml", tmp_path / "kasn-2019.toml")
    (copy,) = write_copies(tmp_path)
    saved = json.loads(copy.read_text(encoding="utf-8"))
    assert saved["sha256"] == meritsys.rubrik_sha256(load_rubrik(tmp_path / "kasn-2019.toml"))
    saved["sha256"] = "0" * 64
    copy.write_text(json.dumps(saved), encoding="utf-8")
    assert meritsys.rubrik_sha256(load_shipped(tmp_path / "kasn-2019.toml")) == "0" * 64


def test_a_copy_without_a_hash_has_it_computed(tmp_path: Path) -> None:
    shutil.copy(SHIPPED / "kasn-2019.toml", tmp_path / "kasn-2019.toml")
    (copy,) = write_copies(tmp_path)
    saved = json.loads(copy.read_text(encoding="utf-8"))
    del saved["sha256"]
    copy.write_text(json.dumps(saved), encoding="utf-8")
    rubrik = load_shipped(tmp_path / "kasn-2019.toml")
    assert meritsys.rubrik_sha256(rubrik) == meritsys.rubrik_sha256(load_rubrik(tmp_path / "kasn-2019.toml"))


def test_a_broken_copy_is_reported_not_ignored(tmp_path: Path) -> None:
    shutil.copy(SHIPPED / "kasn-2019.toml", tmp_path / "kasn-2019.toml")
    (copy,) = write_copies(tmp_path)
    copy.write_text('{"sumber": 1, "sumber": 2}', encoding="utf-8")
    with pytest.raises(meritsys.ValidationError, match="more than once"):
        load_shipped(tmp_path / "kasn-2019.toml")


def test_the_copies_are_written_beside_the_files(tmp_path: Path) -> None:
    assert _parsed.FOLDER == "_parsed"
    shutil.copy(SHIPPED / "jpt-2021.toml", tmp_path / "jpt-2021.toml")
    assert write_copies(tmp_path) == [tmp_path / "_parsed" / "jpt-2021.json"]
