"""The error family: ValidationError, its problems addressed by path, and the stable codes of both."""

import ast
import json
import re
from pathlib import Path

import attrs
import pytest

from meritsys import (
    IncompatibleStrategyError,
    MeritsysError,
    Penilaian,
    PluginError,
    Reform,
    RubricNotFoundError,
    ValidationError,
    score,
    score_many,
)
from meritsys.errors import ERROR_CODES, PROBLEM_CODES, Problem, code_of, with_code
from meritsys.io import parse_csv, parse_json, parse_rubrik, read_json, structure
from meritsys.model import KebijakanKosong
from tests.helpers import SATU, kasn, penilaian_a, penilaian_b, rezim_b, rubrik_data


class TestValidationError:
    def test_is_a_meritsys_error_and_a_value_error(self):
        """ValidationError can be caught as MeritsysError or as ValueError."""
        err = ValidationError("kaput")
        assert isinstance(err, MeritsysError)
        assert isinstance(err, ValueError)

    def test_a_plain_message_is_about_the_root(self):
        """A ValidationError built from a string has one problem at the root ``$``."""
        err = ValidationError("kaput")
        assert err.problems == (Problem("", "kaput"),)
        assert str(err) == "$: kaput"

    def test_lists_every_problem_one_per_line(self):
        """str() lists every problem on its own line; index paths join without a dot."""
        err = ValidationError([Problem("a.b", "one"), Problem("[2]", "two")])
        assert err.messages == ("$.a.b: one", "$[2]: two")
        assert str(err) == "$.a.b: one\n$[2]: two"

    def test_at_re_addresses_every_problem(self):
        """at(prefix) puts every problem below the prefix, joining keys with '.' and indices directly."""
        err = ValidationError([Problem("a", "m"), Problem("[0]", "n"), Problem("", "o")]).at("x")
        assert err.messages == ("$.x.a: m", "$.x[0]: n", "$.x: o")

    def test_at_empty_prefix_keeps_paths(self):
        """at('') leaves every path as it was."""
        err = ValidationError([Problem("a", "m"), Problem("", "o")]).at("")
        assert err.messages == ("$.a: m", "$: o")


ROOT = Path(__file__).resolve().parent.parent
KEBAB = re.compile(r"^[a-z]+(-[a-z]+)*$")


def _calls(name: str):
    """Every call of *name* (a plain or dotted name) in the package, with its file."""
    for path in sorted((ROOT / "meritsys").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                f = node.func
                called = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
                if called == name:
                    yield path.relative_to(ROOT).as_posix(), node


def _is_text(node: ast.expr) -> bool:
    """Whether an argument is a message (a string, an f-string, str(...), or a concatenation of those)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_text(node.left) or _is_text(node.right)
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "str"


def _literal_codes():
    """Every string literal passed as a problem code in the package (code=..., with_code's second argument)."""
    for name in ("Problem", "ValidationError", "with_code", "code_of", "_PathError"):
        for where, node in _calls(name):
            values = [k.value for k in node.keywords if k.arg in ("code", "default")]
            if name in ("with_code", "code_of", "_PathError") and len(node.args) > 1:
                values.append(node.args[1])
            for value in values:
                for sub in ast.walk(value):
                    if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                        yield where, node.lineno, sub.value


class TestVocabulary:
    def test_a_small_closed_set_of_kebab_case_codes(self):
        """The problem codes are unique kebab-case words, a vocabulary of 20 to 35."""
        assert len(set(PROBLEM_CODES)) == len(PROBLEM_CODES)
        assert 20 <= len(PROBLEM_CODES) <= 35
        assert all(KEBAB.match(c) for c in PROBLEM_CODES)
        assert all(KEBAB.match(c) for c in ERROR_CODES)

    def test_every_literal_code_is_in_the_vocabulary(self):
        """Every code written in meritsys is one of PROBLEM_CODES, and every code of the vocabulary is used."""
        found = list(_literal_codes())
        unknown = [f"{where}:{line}: {code!r}" for where, line, code in found if code not in PROBLEM_CODES]
        assert not unknown
        used = {code for _, _, code in found}
        assert set(PROBLEM_CODES) - used == set()

    def test_every_problem_is_built_with_a_code(self):
        """Every Problem(...) in meritsys passes its code, and so does every ValidationError made from one message."""
        missing = [f"{where}:{node.lineno}" for where, node in _calls("Problem") if not any(k.arg == "code" for k in node.keywords)]
        missing += [
            f"{where}:{node.lineno}"
            for where, node in _calls("ValidationError")
            if node.args and _is_text(node.args[0]) and not any(k.arg == "code" for k in node.keywords)
        ]
        assert not missing

    def test_every_code_is_documented(self):
        """docs/reference/errors.md describes each problem code and each error code in a table row, and no other."""
        text = (ROOT / "docs" / "reference" / "errors.md").read_text(encoding="utf-8")
        rows = re.findall(r"^\| `([a-z-]+)` \|", text, flags=re.MULTILINE)
        assert sorted(rows) == sorted([*PROBLEM_CODES, *ERROR_CODES])

    def test_each_error_class_has_its_code(self):
        """Every MeritsysError class names its kind with a code from ERROR_CODES."""
        classes = {
            MeritsysError: "error",
            ValidationError: "validation",
            RubricNotFoundError: "rubric-not-found",
            IncompatibleStrategyError: "incompatible-strategy",
            PluginError: "plugin",
        }
        for cls, code in classes.items():
            assert cls.code == code
            assert code in ERROR_CODES


class TestProblem:
    def test_code_defaults_to_invalid_and_must_be_known(self):
        """Problem(path, message) still works (code 'invalid'); an unknown code is refused."""
        assert Problem("a", "m").code == "invalid"
        with pytest.raises(ValueError, match="code"):
            Problem("a", "m", code="kaput")

    def test_at_keeps_the_code(self):
        """Re-addressing a problem keeps its code, at the root and below it."""
        p = Problem('["3.2"]', "level 5 is outside 0..4", code="level-out-of-range")
        assert p.at("jawaban") == Problem('jawaban["3.2"]', "level 5 is outside 0..4", code="level-out-of-range")
        assert Problem("", "m", code="empty").at("[2]").code == "empty"

    def test_str_is_unchanged_and_the_record_has_the_full_path(self):
        """str() is still `$.path: message`; to_dict() gives path (with its `$`), code and message."""
        p = Problem('jawaban["3.2"]', "level 5 is outside 0..4", code="level-out-of-range")
        assert str(p) == '$.jawaban["3.2"]: level 5 is outside 0..4'
        assert p.to_dict() == {"path": '$.jawaban["3.2"]', "code": "level-out-of-range", "message": "level 5 is outside 0..4"}
        assert Problem("", "m").to_dict()["path"] == "$"
        assert Problem("[0].x", "m").location == "$[0].x"

    def test_equal_problems_need_equal_codes(self):
        """The code is part of a problem's value."""
        assert Problem("a", "m", code="type") != Problem("a", "m", code="empty")

    def test_validation_error_of_one_message_takes_a_code(self):
        """ValidationError('message', code=...) is one problem at the root with that code; to_dict() lists it."""
        err = ValidationError("the document is empty", code="empty")
        assert err.problems == (Problem("", "the document is empty", code="empty"),)
        assert err.to_dict() == {
            "code": "validation",
            "message": "invalid input (1 problem)",
            "problems": [{"path": "$", "code": "empty", "message": "the document is empty"}],
        }

    def test_built_in_exceptions_carry_a_code(self):
        """with_code marks a ValueError with a code that code_of reads back; a TypeError reads as 'type'."""
        exc = with_code(ValueError("x"), "not-finite")
        assert (type(exc), str(exc), code_of(exc)) == (ValueError, "x", "not-finite")
        assert code_of(TypeError("x")) == "type"
        assert code_of(KeyError("x"), "missing-key") == "missing-key"


def _penilaian(**changes):
    data = json.loads(SATU.read_text(encoding="utf-8"))
    jawaban = changes.pop("jawaban", {})
    data["jawaban"].update(jawaban)
    data.update(changes)
    return data


def _rubric(edit):
    data = rubrik_data(kasn())
    edit(data)
    return lambda: parse_rubrik(data)


def _bands(ki, field, value):
    return _rubric(lambda d: d["kategori"][ki].__setitem__(field, {"nilai": value, "status": "acuan", "catatan": "uji"}))


def _no_answers_in_aspect_8():
    r = attrs.evolve(rezim_b(), kebijakan_kosong=KebijakanKosong.TIDAK_BERLAKU)
    p = penilaian_b()
    return lambda: score(attrs.evolve(p, jawaban={k: v for k, v in p.jawaban.items() if not k.startswith("8.")}), r)


def _csv(*rows):
    head = "instansi,nama,jenis,tahun,rubrik,1.1"
    return lambda: parse_csv("\n".join([head, *rows]) + "\n")


# One input per code: what a user (or a program) gets that code for.
EXAMPLES = [
    ("unreadable", lambda: read_json(ROOT / "tidak-ada.json"), "$"),
    ("syntax", lambda: parse_json('{"tahun": }'), "$"),
    ("empty", lambda: parse_json("  \n"), "$"),
    ("too-large", lambda: parse_json("[" + "1" * 5000 + "]"), "$"),
    ("type", lambda: structure(_penilaian(tahun="2023"), Penilaian), "$.tahun"),
    ("unknown-key", lambda: structure(_penilaian(warna="biru"), Penilaian), "$.warna"),
    ("missing-key", lambda: structure({k: v for k, v in _penilaian().items() if k != "tahun"}, Penilaian), "$.tahun"),
    ("duplicate-key", lambda: parse_json('{"tahun": 2023, "tahun": 2024}'), "$.tahun"),
    ("shape", _csv("kab-a,A,kabupaten,2023,kasn-2019,3,4"), "$.baris[2]"),
    ("not-a-number", lambda: structure(_penilaian(koreksi="nol"), Penilaian), "$.koreksi"),
    ("not-finite", lambda: structure(_penilaian(koreksi="NaN"), Penilaian), "$.koreksi"),
    ("not-a-date", _rubric(lambda d: d.update(berlaku_mulai="kemarin")), "$.berlaku_mulai"),
    ("not-one-of", lambda: structure(_penilaian(tahap="final"), Penilaian), "$.tahap"),
    ("out-of-range", lambda: structure(_penilaian(survei="1.5"), Penilaian), "$.survei"),
    ("conflict", _rubric(lambda d: d["aspek"][0].__setitem__("bobot", {"nilai": "10", "status": "acuan", "catatan": "uji"})), "$.aspek[0].bobot"),
    ("ambiguous", _csv("kab-a,A,kabupaten,2023,kasn-2019,3", "kab-b,B,kabupaten,2023,permenpanrb-19-2025,3"), '$.baris[1]["rubrik"]'),
    ("not-a-level", lambda: structure(_penilaian(jawaban={"1.1": 2.5}), Penilaian), '$.jawaban["1.1"]'),
    ("level-out-of-range", lambda: score(penilaian_a({**{i.kode: 3 for i in kasn().indikator}, "3.2": 5})), '$.jawaban["3.2"]'),
    ("not-applicable", lambda: score(penilaian_b(jenis="kota", override={"4.1a": 2})), '$.jawaban["4.1a"]'),
    ("missing-answer", lambda: score(penilaian_a({i.kode: 3 for i in kasn().indikator if i.kode != "1.1"})), '$.jawaban["1.1"]'),
    ("unknown-indicator", lambda: score(penilaian_a({**{i.kode: 3 for i in kasn().indikator}, "9.9": 1})), '$.jawaban["9.9"]'),
    ("unknown-gate", lambda: score(penilaian_b(gerbang={"kecelakaan_kerja": "tidak", "kematian": "tidak", "banjir": "ya"})), '$.gerbang["banjir"]'),
    ("unknown-rubric", lambda: score_many([penilaian_a(), attrs.evolve(penilaian_a(), rubrik="kasn-2099")]), "$[1].rubrik"),
    ("wrong-rubric", lambda: score(penilaian_a(), rezim_b()), "$.rubrik"),
    ("undefined", _no_answers_in_aspect_8(), "$.jawaban"),
    ("unknown-aspect", lambda: Reform("r", {"aspek.9.bobot": "12"}).apply(kasn()), '$.ubah["aspek.9.bobot"]'),
    ("unknown-category", lambda: kasn().category("Luar Biasa"), "$"),
    ("duplicate-code", _rubric(lambda d: d["kategori"][1].__setitem__("kode", "I")), "$.kategori[1].kode"),
    ("weights-sum", _rubric(lambda d: d["jumlah_bobot"].__setitem__("nilai", "101")), "$.jumlah_bobot"),
    ("bands-order", _bands(2, "batas_bawah", "170"), "$.kategori[2].batas_bawah"),
    ("bands-overlap", _bands(2, "batas_bawah", "240"), "$.kategori[2].batas_bawah"),
    ("bands-gap", _bands(2, "batas_bawah", "260"), "$.kategori[2].batas_bawah"),
    ("invalid", lambda: structure({"id": "a b"}, Reform), "$.id"),
]


class TestEachCode:
    def test_every_code_has_an_example(self):
        """The examples below cover the whole vocabulary."""
        assert sorted(code for code, _, _ in EXAMPLES) == sorted(PROBLEM_CODES)

    @pytest.mark.parametrize(("code", "make", "where"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
    def test_an_input_gets_its_code(self, code, make, where):
        """A representative bad input is reported with its code, at its path."""
        with pytest.raises(ValidationError) as info:
            make()
        assert (code, where) in [(p.code, p.location) for p in info.value.problems], info.value.problems
