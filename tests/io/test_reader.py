"""Reading documents: JSON and TOML parsed strictly, unreadable files named, absurd nesting refused."""

import json
from pathlib import PurePath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import meritsys
from meritsys import ValidationError, load_reform, loads_penilaian, read_penilaian
from meritsys.io import parse_json, read_json
from meritsys.io._suffix import file_name, has_suffix
from meritsys.policy import load_cases
from tests.helpers import KASN, SHIPPED, kasn, kasn_variant, messages


def _write_variant(folder, name, **changes):
    path = folder / name
    path.write_text(meritsys.dumps_rubrik(kasn_variant(**changes)))
    return path


class TestParseJson:
    @pytest.mark.parametrize(
        ("text", "message"),
        [
            (b'{"a": "\xff"}', "$: not valid JSON: the text is not UTF-8 (invalid start byte at byte 7)"),
            ("[" * 100_000 + "]" * 100_000, "$: not valid JSON for meritsys: nested too deeply"),
            ('{"a": 1,}', "$: not valid JSON: Expecting property name enclosed in double quotes (line 1, column 9)"),
        ],
        ids=["not-utf8", "too-deep", "syntax"],
    )
    def test_unreadable_text(self, text, message):
        """Text that is not UTF-8, nests absurdly deep or is not JSON is one ValidationError, not a crash."""
        assert messages(parse_json, text) == (message,)

    def test_repeated_keys_anywhere(self):
        """Keys repeated at the top, in nested objects or inside lists are each named."""
        text = '{"a b": 1, "a b": 2, "x": [{"y": {"z": 1, "z": 2}}], "x2": {"1.1": 3, "1.1": 4}}'
        assert messages(parse_json, text) == (
            '$["a b"]: key appears more than once',
            '$.x[0].y["z"]: key appears more than once',
            '$.x2["1.1"]: key appears more than once',
        )

    def test_deep_but_reasonable_nesting_parses(self):
        """Nesting a few hundred levels deep is still parsed, every level kept."""
        node, depth = parse_json("[" * 300 + "]" * 300), 1
        while node:
            node, depth = node[0], depth + 1
        assert depth == 300

    def test_unreadable_file(self, tmp_path):
        """A file that cannot be read is a ValidationError naming it."""
        missing = tmp_path / "tidak-ada.json"
        assert messages(read_json, missing) == (f"$: cannot read {missing}: No such file or directory",)
        assert messages(read_penilaian, missing) == (f"$: cannot read {missing}: No such file or directory",)

    def test_penilaian_list_items_are_addressed(self):
        """Each bad assessment in a list is reported under its position."""
        doc = {"instansi": {"kode": "a", "nama": "A", "jenis": "kota"}, "tahun": 2023, "rubrik": KASN, "jawaban": {"1.1": 3}}
        bad = {**doc, "instansi": {**doc["instansi"], "kode": 5}}
        assert messages(loads_penilaian, json.dumps([doc, bad, 7])) == (
            "$[1].instansi.kode: expected a string, got int 5",
            "$[2]: expected an object, got int 7",
        )

    def test_invalid_json(self):
        """Broken JSON is a ValidationError with line and column."""
        with pytest.raises(ValidationError, match=r"not valid JSON: .*\(line 1, column 2\)"):
            parse_json("{")

    def test_unreadable_assessment_file_is_not_an_os_error(self, tmp_path):
        """A file that cannot be read is a ValidationError, not an OSError."""
        with pytest.raises(ValidationError, match="cannot read"):
            read_penilaian(tmp_path / "tidak-ada.json")


class TestRubrikFiles:
    def test_unreadable_rubric_file(self, tmp_path):
        """A rubric file that cannot be read is named with the reason."""
        missing = tmp_path / "r.toml"
        assert messages(meritsys.load_rubrik, missing) == (f"$: cannot read {missing}: No such file or directory",)

    def test_rubric_document_must_be_an_object(self, tmp_path):
        """A JSON rubric file holding a list is refused, naming the file."""
        path = tmp_path / "r.json"
        path.write_text("[]")
        assert messages(meritsys.load_rubrik, path) == ("$: r.json: a rubric must be an object, got list",)

    def test_toml_that_is_not_utf8(self, tmp_path):
        """A TOML rubric file that is not UTF-8 is a ValidationError naming the file."""
        path = tmp_path / "r.toml"
        path.write_bytes(b'id = "\xff"\n')
        with pytest.raises(ValidationError, match=r"^\$: r\.toml is not valid TOML"):
            meritsys.load_rubrik(path)

    def test_toml_and_json_give_the_same_rubric(self, tmp_path):
        """The shipped TOML and its JSON dump load to equal rubrics."""
        path = _write_variant(tmp_path, "k.json")
        assert meritsys.load_rubrik(SHIPPED / "kasn-2019.toml") == meritsys.load_rubrik(path) == kasn()

    def test_toml_syntax_error(self, tmp_path):
        """A TOML file that does not parse is a ValidationError naming the file."""
        path = tmp_path / "rusak.toml"
        path.write_text("id = \n")
        with pytest.raises(ValidationError, match=r"rusak\.toml is not valid TOML"):
            meritsys.load_rubrik(path)


class TestDeeplyNestedToml:
    @pytest.mark.parametrize("kind", ["kasus", "rubrik", "reform"])
    def test_loaders_refuse_it_by_file_name(self, tmp_path, kind):
        """A pathologically nested TOML file is refused by name instead of aborting with RecursionError."""
        path = tmp_path / f"test_dalam_{kind}.toml"
        path.write_text("[[kasus]]\nx = " + "[" * 100_000 + "\n", encoding="utf-8")
        load = {"kasus": load_cases, "rubrik": meritsys.load_rubrik, "reform": load_reform}[kind]
        with pytest.raises(ValidationError, match=f"{path.name} is not valid TOML for meritsys: nested too deeply"):
            load(path)


class TestFileNames:
    """A file's name and suffix found without pathlib are pathlib's, and unusual paths read as they always did."""

    @settings(max_examples=500, deadline=None)
    @given(st.text(st.sampled_from("ab./\\ :J"), max_size=12))
    def test_name_and_suffix_are_pathlibs(self, text):
        assert file_name(text) == PurePath(text).name
        assert has_suffix(text, ".json") == (PurePath(text).suffix.lower() == ".json")
        assert has_suffix(text, ".toml", ".json") == (PurePath(text).suffix.lower() in (".toml", ".json"))

    @pytest.mark.parametrize("form", ["{dir}/{name}", "{dir}//{name}", "{dir}/./{name}", "{dir}/{name}/", "{dir}/{name}/."])
    def test_a_path_in_any_form_reads_the_file(self, tmp_path, form):
        """pathlib reads ``doc.json/`` as ``doc.json``; so does the reader, and names it alike in every message."""
        (tmp_path / "doc.json").write_text('{"a": 1}', encoding="utf-8")
        path = form.format(dir=tmp_path, name="doc.json")
        assert read_json(path) == {"a": 1}
        (tmp_path / "bad.json").write_text('{"a": 1,}', encoding="utf-8")
        assert messages(read_json, form.format(dir=tmp_path, name="bad.json")) == ("$: bad.json is not valid JSON: Expecting property name enclosed in double quotes (line 1, column 9)",)

    def test_a_missing_or_unreadable_path_is_named_as_pathlib_writes_it(self, tmp_path):
        assert messages(read_json, f"{tmp_path}//nowhere/./x.json") == (f"$: cannot read {tmp_path}/nowhere/x.json: No such file or directory",)
        assert messages(read_json, str(tmp_path)) == (f"$: cannot read {tmp_path}: Is a directory",)
