"""The JSON Schemas: valid themselves, in step with the model, met by every example and generated document, and never stricter than meritsys."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import tempfile
import tomllib
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import meritsys
from meritsys.errors import MeritsysError, SchemaNotFoundError, ValidationError
from meritsys.io import SCHEMAS, dumps_rubrik, load_rubrik, schema, structure, unstructure
from meritsys.model import (
    Angka,
    Aspek,
    AturanBatas,
    Gerbang,
    Hasil,
    HasilAspek,
    Indikator,
    Instansi,
    JenisBatas,
    JenisInstansi,
    Kategori,
    KategoriHasil,
    KebijakanKosong,
    KebijakanTidakBerlaku,
    Komposisi,
    Kontribusi,
    LetakBobot,
    Level,
    Normalisasi,
    Penilaian,
    Rubrik,
    RubrikRef,
    Rujukan,
    Saran,
    Skala,
    Status,
    Syarat,
    Tahap,
)
from meritsys.policy import IndikatorBaru, Reform, run_file
from meritsys.rubrics import get_rubrik
from meritsys.testing import generators as gen
from tests.helpers import EXAMPLES, ROOT, SHIPPED, schema_errors, schema_validator

RUBRIKS = (get_rubrik(gen.KASN), get_rubrik(gen.PERMEN))


def as_json(data: Any) -> Any:
    """Parsed TOML as the JSON it maps to: dates become ``YYYY-MM-DD`` strings."""
    if isinstance(data, dict):
        return {k: as_json(v) for k, v in data.items()}
    if isinstance(data, list):
        return [as_json(v) for v in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def toml_file(path: Path) -> Any:
    return as_json(tomllib.loads(path.read_text(encoding="utf-8")))


def valid(name: str, doc: Any) -> bool:
    return schema_validator(name).is_valid(doc)


class TestSchemaFiles:
    def test_every_name_has_a_file_and_every_file_a_name(self):
        """SCHEMAS lists exactly the schema files shipped in meritsys/io/schemas."""
        shipped = sorted(p.stem for p in (ROOT / "meritsys" / "io" / "schemas").glob("*.json"))
        assert sorted(SCHEMAS) == shipped
        assert len(set(SCHEMAS)) == len(SCHEMAS) == 11

    @pytest.mark.parametrize("name", SCHEMAS)
    def test_each_schema_is_a_valid_draft_2020_12_schema(self, name):
        """Each schema passes the draft 2020-12 meta-schema and names itself, its draft, a title and a description."""
        s = schema(name)
        jsonschema.Draft202012Validator.check_schema(s)
        assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert s["$id"] == f"https://meritsys.github.io/schemas/{name}.json"
        assert s["title"]
        assert s["description"]

    @pytest.mark.parametrize("name", SCHEMAS)
    def test_each_schema_is_self_contained(self, name):
        """Every $ref points into the schema's own $defs, and every definition there is used."""
        s = schema(name)
        refs = set()

        def walk(node):
            if isinstance(node, dict):
                if "$ref" in node:
                    refs.add(node["$ref"])
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(s)
        assert refs == {f"#/$defs/{d}" for d in s.get("$defs", {})}

    def test_shared_definitions_are_the_same_everywhere(self):
        """A part several schemas carry (instansi, penilaian, angka, reform ...) is the same in each, and the same as the schema of that name."""

        def bare(node):
            return {k: v for k, v in node.items() if k not in ("$schema", "$id", "$defs", "title", "description")}

        seen: dict[str, tuple[str, Any]] = {}
        shared = set()
        for name in SCHEMAS:
            s = schema(name)
            parts = {key: bare(d) for key, d in s.get("$defs", {}).items()}
            if name in ("penilaian", "rubrik", "reform", "hasil"):
                parts[name] = bare(s)
            for key, part in parts.items():
                if key in seen:
                    shared.add(key)
                    assert part == seen[key][1], f"{key} differs between {seen[key][0]} and {name}"
                else:
                    seen[key] = (name, part)
        assert {"instansi", "penilaian", "hasil", "reform", "desimal", "tahap", "angka", "level"} <= shared


class TestSchemaFunction:
    def test_an_unknown_name_is_a_meritsys_lookup_error_listing_the_names(self):
        """schema() of a name it does not know raises SchemaNotFoundError, a MeritsysError and LookupError, naming every schema."""
        with pytest.raises(SchemaNotFoundError) as info:
            schema("assessment")
        assert isinstance(info.value, MeritsysError)
        assert isinstance(info.value, LookupError)
        for name in SCHEMAS:
            assert name in str(info.value)

    def test_each_call_returns_a_new_dict(self):
        """Changing the dict schema() returned leaves the next call's untouched."""
        first = schema("hasil")
        first["required"].clear()
        assert "indeks" in schema("hasil")["required"]

    def test_the_error_is_exported_at_the_top_level(self):
        """SchemaNotFoundError is one of meritsys' public errors."""
        assert meritsys.SchemaNotFoundError is SchemaNotFoundError


def _object(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """The object schema *node* describes: through $ref, a nullable anyOf or an allOf with a $ref."""
    if "$ref" in node:
        return _object(defs[node["$ref"].rsplit("/", 1)[1]], defs)
    if "anyOf" in node and "properties" not in node:
        (inner,) = [n for n in node["anyOf"] if n.get("type") != "null"]
        return _object(inner, defs)
    if "allOf" in node and "properties" not in node:
        return _object(node["allOf"][0], defs)
    return node


def _objects() -> list[tuple[str, dict[str, Any], type]]:
    """Each object schema that stands for a model class, with the class."""
    r, h, f = schema("rubrik"), schema("hasil"), schema("reform")
    rd, hd, fd = r["$defs"], h["$defs"], f["$defs"]
    rp, hp = r["properties"], h["properties"]
    return [
        ("penilaian", schema("penilaian"), Penilaian),
        ("instansi", hd["instansi"], Instansi),
        ("rubrik", r, Rubrik),
        ("rujukan", rd["rujukan"], Rujukan),
        ("angka", rd["angka"], Angka),
        ("level", rd["level"], Level),
        ("syarat", rd["syarat"], Syarat),
        ("gerbang", rd["gerbang"], Gerbang),
        ("indikator", rd["indikator"], Indikator),
        ("aspek", rd["aspek"], Aspek),
        ("kategori", rd["kategori"], Kategori),
        ("skala", _object(rp["skala"], rd), Skala),
        ("aturan_batas", _object(rp["aturan_batas"], rd), AturanBatas),
        ("komposisi", _object(rp["komposisi"], rd), Komposisi),
        ("hasil", h, Hasil),
        ("rubrik_ref", hd["rubrik_ref"], RubrikRef),
        ("kategori_hasil", hd["kategori_hasil"], KategoriHasil),
        ("hasil.aspek", hp["aspek"]["items"], HasilAspek),
        ("hasil.kontribusi", hp["kontribusi"]["items"], Kontribusi),
        ("hasil.saran", hp["saran"]["items"], Saran),
        ("reform", f, Reform),
        ("reform.tambah_indikator", f["properties"]["tambah_indikator"]["items"], IndikatorBaru),
        ("kasus.reform", schema("kasus")["$defs"]["reform"], Reform),
        ("rencana.penilaian", schema("rencana")["$defs"]["penilaian"], Penilaian),
        ("reform.ubah angka", fd["angka"], Angka),
    ]


class TestSchemasFollowTheModel:
    @pytest.mark.parametrize(("where", "node", "cls"), _objects(), ids=[w for w, _, _ in _objects()])
    def test_keys_and_required_keys_are_the_model_fields(self, where, node, cls):
        """An object schema lists exactly its class's fields, requires exactly those without a default, and refuses other keys."""
        fields = [a for a in attrs.fields(cls) if a.init]
        assert set(node["properties"]) == {a.name for a in fields}, where
        assert set(node.get("required", [])) == {a.name for a in fields if a.default is attrs.NOTHING}, where
        assert node["additionalProperties"] is False, where

    def test_reform_paths_name_the_fields_a_reform_may_change(self):
        """The change paths the reform schema takes name exactly the rubric's fields, but kode, id, reform and whole sections."""
        paths = re.compile(schema("reform")["properties"]["ubah"]["propertyNames"]["pattern"])
        heads = {
            "aspek.1.": Aspek, "indikator.3.1.": Indikator, "kategori.Sangat Baik.": Kategori, "gerbang.g.": Gerbang,
            "skala.": Skala, "aturan_batas.": AturanBatas, "komposisi.": Komposisi, "": Rubrik,
        }
        sections = {"aspek", "kategori", "gerbang", "skala", "aturan_batas", "komposisi"}
        for head, cls in heads.items():
            for field in attrs.fields(cls):
                allowed = field.name not in ("kode", "id", "reform") and not (head == "" and field.name in sections)
                assert bool(paths.search(head + field.name)) == allowed, head + field.name
            assert not paths.search(head + "warna")

    @pytest.mark.parametrize(
        ("enum", "cls"),
        [
            (lambda: schema("penilaian")["$defs"]["tahap"], Tahap),
            (lambda: schema("penilaian")["$defs"]["jenis"], JenisInstansi),
            (lambda: schema("rubrik")["$defs"]["status"], Status),
            (lambda: schema("rubrik")["properties"]["letak_bobot"], LetakBobot),
            (lambda: schema("rubrik")["properties"]["kebijakan_kosong"], KebijakanKosong),
            (lambda: _object(schema("rubrik")["properties"]["aturan_batas"], {})["properties"]["jenis"], JenisBatas),
            (lambda: _object(schema("rubrik")["properties"]["komposisi"], {})["properties"]["normalisasi"], Normalisasi),
            (lambda: _object(schema("rubrik")["properties"]["komposisi"], {})["properties"]["tidak_berlaku"], KebijakanTidakBerlaku),
            (lambda: schema("sensitivitas")["properties"]["per_kebijakan"]["items"]["properties"]["kebijakan"], KebijakanTidakBerlaku),
        ],
        ids=["tahap", "jenis", "status", "letak_bobot", "kebijakan_kosong", "aturan_batas.jenis", "normalisasi", "tidak_berlaku", "per_kebijakan"],
    )
    def test_enums_are_the_model_enums(self, enum, cls):
        """Each enumeration lists the values of its model enum, in order."""
        assert enum()["enum"] == [m.value for m in cls]


# --------------------------------------------------------------------------- patterns against meritsys' own reading


def _pattern_of(name: str, *path: str) -> str:
    node: Any = schema(name)
    for step in path:
        node = node[int(step)] if isinstance(node, list) else node[step]
    return node["pattern"]


def _angka_pattern(*path: str) -> str:
    return _pattern_of("rubrik", "properties", *path, "allOf", "1", "properties", "nilai")


DECIMAL = _pattern_of("penilaian", "$defs", "desimal")
UNIT = _pattern_of("penilaian", "properties", "survei", "anyOf", "0")
POSITIVE = _angka_pattern("aturan_batas", "properties", "langkah")
PLACES = _pattern_of("rubrik", "properties", "skala", "properties", "desimal", "anyOf", "0", "allOf", "1", "properties", "nilai")
COST = _pattern_of("biaya", "properties", "biaya", "additionalProperties", "anyOf", "1")
TEKS = _pattern_of("penilaian", "$defs", "teks")
TANGGAL = _pattern_of("rubrik", "$defs", "tanggal")

LIMITS = ("significant digits", "decimal places", "out of range", "too long")
"""What meritsys refuses that a pattern does not count: digits, places, magnitude."""
NUMERALS = st.one_of(
    st.text(alphabet="0123456789+-.eE_ \t\n\u00a0\u2003\u0661x", max_size=10),
    st.from_regex(DECIMAL, fullmatch=True),
    st.from_regex(r"[+-]?[0-9]{0,3}\.?[0-9]{0,3}([eE][+-]?[0-9]{1,2})?", fullmatch=True),
)
SPACES = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())


def _matches(pattern: str, text: str) -> bool:
    """Whether *text* matches *pattern* the way jsonschema applies a pattern."""
    return jsonschema.Draft202012Validator({"pattern": pattern}).is_valid(text)


def _read_decimal(text: str) -> tuple[Decimal | None, str]:
    """The decimal meritsys reads from *text*, or ``None`` and why not."""
    try:
        return structure(text, Decimal), ""
    except ValidationError as exc:
        return None, str(exc)


def _check_numeral(pattern: str, text: str, rule: Any) -> None:
    """meritsys reads *text* and keeps *rule* => the pattern matches; the pattern matches plain notation => meritsys reads it (but for the digit limits)."""
    value, why = _read_decimal(text)
    accepted = value is not None and rule(value)
    if accepted:
        assert _matches(pattern, text), text
    elif _matches(pattern, text) and not any(c in text for c in "eE"):
        assert value is None, text
        assert any(limit in why for limit in LIMITS), (text, why)


def _above_zero(text):
    """Whether a numeral meritsys refuses as too large is above zero (``0E1000000000000000000`` is zero, however large its exponent)."""
    mantissa = re.split("[eE]", text.strip())[0]
    return not mantissa.startswith("-") and any(c in "123456789" for c in mantissa)


class TestPatterns:
    @given(NUMERALS)
    def test_decimal_strings(self, text):
        """The decimal pattern matches a string exactly when meritsys reads it as a number (digit limits aside)."""
        value, why = _read_decimal(text)
        assert _matches(DECIMAL, text) == (value is not None or any(limit in why for limit in LIMITS)), (text, why)

    @given(NUMERALS)
    def test_survey_scores(self, text):
        """The survey pattern matches every decimal in 0..1 and, in plain notation, nothing else."""
        _check_numeral(UNIT, text, lambda v: 0 <= v <= 1)

    @given(NUMERALS)
    @example("0E1000000000000000000")  # zero, refused as too large: not a positive decimal
    def test_positive_decimals(self, text):
        """The pattern of weights and steps matches exactly the positive decimals."""
        value, why = _read_decimal(text)
        assert _matches(POSITIVE, text) == ((value is not None and value > 0) or (any(limit in why for limit in LIMITS) and _above_zero(text))), (text, why)

    @given(NUMERALS)
    def test_rounding_places(self, text):
        """The pattern of skala.desimal matches every whole number 0..28 and, in plain notation, nothing else."""
        _check_numeral(PLACES, text, lambda v: v == v.to_integral_value() and 0 <= v <= 28)

    @given(NUMERALS)
    def test_step_costs(self, text):
        """The cost pattern matches every cost the planner takes (not negative, at most 6 places) and, in plain notation, nothing else."""
        _check_numeral(COST, text, lambda v: v >= 0 and (Fraction(v) * 10**6).denominator == 1)

    @given(st.text(alphabet=SPACES[:8] + SPACES[-8:] + "ab\n", max_size=5))
    def test_names_without_surrounding_spaces(self, text):
        """The pattern of codes and names matches exactly what meritsys takes, by its own idea of whitespace."""
        try:
            structure({"kode": text, "nama": "n", "jenis": "kota"}, Instansi)
            accepted = True
        except ValidationError:
            accepted = False
        # a final newline: $ also matches before it in Python's (and PCRE's, Java's) regular expressions
        assert _matches(TEKS, text) == accepted or (text.endswith("\n") and not accepted), repr(text)

    @given(st.one_of(st.dates().map(dt.date.isoformat), st.from_regex(r"[0-9]{4}-?[0-9]{2}-?[0-9]{2}", fullmatch=True), st.text(max_size=10)))
    def test_dates(self, text):
        """A date string meets the schema (pattern and format) exactly when meritsys reads it as a date."""
        cls = jsonschema.Draft202012Validator
        date = cls(schema("rubrik")["$defs"]["tanggal"], format_checker=cls.FORMAT_CHECKER)
        try:
            structure(text, dt.date)
            accepted = True
        except ValidationError:
            accepted = False
        assert date.is_valid(text) == accepted, repr(text)
        assert _matches(TANGGAL, text) or not accepted


# --------------------------------------------------------------------------- documents that must meet their schema


def _assessment_files() -> list[Path]:
    return sorted((EXAMPLES / "data").glob("*.json"))


def _rubric_files() -> list[Path]:
    return sorted([*SHIPPED.glob("*.toml"), *EXAMPLES.glob("rubrik/*.toml"), *EXAMPLES.glob("plugins/*/src/*/*.toml")])


class TestExamples:
    @pytest.mark.parametrize("path", _assessment_files(), ids=lambda p: p.name)
    def test_assessment_files(self, path):
        """Every example assessment file meets penilaian (one object) or penilaian-list (a list), and each item meets penilaian."""
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, list):
            assert schema_errors("penilaian-list", data) == []
            assert all(valid("penilaian", item) for item in data)
        else:
            assert schema_errors("penilaian", data) == []

    @pytest.mark.parametrize("path", _rubric_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
    def test_rubric_files(self, path):
        """Every rubric file (shipped, example, plugin example) meets rubrik, as TOML and as written back in JSON."""
        assert schema_errors("rubrik", toml_file(path)) == []
        assert schema_errors("rubrik", json.loads(dumps_rubrik(load_rubrik(path)))) == []

    @pytest.mark.parametrize(
        ("pattern", "name"),
        [("reform/*.toml", "reform"), ("kebijakan/*.toml", "kasus"), ("biaya/*.toml", "biaya")],
        ids=["reforms", "policy-tests", "cost-files"],
    )
    def test_rule_files(self, pattern, name):
        """Every example reform, policy test file and cost file meets its schema."""
        paths = sorted(EXAMPLES.glob(pattern))
        assert paths
        for path in paths:
            assert schema_errors(name, toml_file(path)) == [], path

    def test_the_broken_examples_are_refused_by_both(self):
        """The example files with mistakes are refused by their schema and by meritsys alike."""
        wrong = json.loads((EXAMPLES / "invalid" / "penilaian-salah.json").read_text(encoding="utf-8"))
        assert sorted(e.split(":")[0] for e in schema_errors("penilaian-list", wrong)) == ["1/survei", "1/tahap"]
        with pytest.raises(ValidationError):
            meritsys.loads_penilaian(json.dumps(wrong))
        costs = toml_file(EXAMPLES / "invalid" / "biaya-salah.toml")
        assert [e.split(":")[0] for e in schema_errors("biaya", costs)] == ["biaya/3.4"]


# --------------------------------------------------------------------------- generated documents


def _no_nulls(data: Any) -> Any:
    """*data* without keys that hold null (a TOML file cannot write null; meritsys reads a missing key as its default)."""
    if isinstance(data, dict):
        return {k: _no_nulls(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [_no_nulls(v) for v in data]
    return data


@st.composite
def assessments(draw: Any) -> dict[str, Any]:
    """A generated assessment of a shipped rubric, as plain data."""
    rubrik = draw(st.sampled_from(RUBRIKS))
    p = draw(gen.penilaian(rubrik, dengan_bukti=draw(st.booleans()), pakai_alias=draw(st.booleans())))
    return unstructure(p)


@st.composite
def results(draw: Any) -> dict[str, Any]:
    """The result of scoring a generated assessment, as plain data."""
    rubrik = draw(st.sampled_from(RUBRIKS))
    return unstructure(meritsys.score(draw(gen.penilaian(rubrik)), rubrik))


@st.composite
def reforms(draw: Any) -> tuple[dict[str, Any], Rubrik]:
    """A generated reform of a shipped or random rubric, as plain data, with the rubric it is for."""
    rubrik = draw(st.one_of(st.sampled_from(RUBRIKS), gen.rubrik()))
    return unstructure(draw(gen.reform(rubrik))), rubrik


@st.composite
def policy_files(draw: Any) -> dict[str, Any]:
    """A policy test file of one or two cases, as the JSON its TOML maps to (no nulls)."""
    cases = []
    for _ in range(draw(st.integers(1, 2))):
        rubrik = draw(st.sampled_from(RUBRIKS))
        p = draw(gen.penilaian(rubrik))
        hasil = meritsys.score(p, rubrik)
        harapan: dict[str, Any] = {}
        if draw(st.booleans()):
            harapan["indeks"] = draw(st.sampled_from([str(hasil.indeks), format(hasil.indeks, "f")]))
        if draw(st.booleans()) or not harapan:
            harapan["kategori"] = draw(st.sampled_from([hasil.kategori.label, hasil.kategori.kode]))
        if draw(st.booleans()):
            harapan["aspek"] = {a.kode: str(a.nilai) for a in hasil.aspek[: draw(st.integers(1, 3))]}
        if draw(st.booleans()):
            harapan["di_luar_skala"] = hasil.di_luar_skala
        if draw(st.booleans()):
            harapan["toleransi"] = "0"
        case: dict[str, Any] = {"nama": draw(gen.teks()), "penilaian": _no_nulls(unstructure(p)), "harapan": harapan}
        if draw(st.booleans()):
            case["rubrik"] = rubrik.id
        cases.append(case)
    if draw(st.booleans()):  # a case that picks its assessment from a shipped file
        cases.append({
            "nama": "dari berkas",
            "penilaian": (EXAMPLES / "data" / "kohort-kasn-2023.json").as_posix(),
            "instansi": "kab-sukamaju",
            "tahap": "penetapan",
            "reform": [(EXAMPLES / "reform" / "baik-260.toml").as_posix()],
            "harapan": {"kategori": "Baik"},
        })
    return {"kasus": cases}


@st.composite
def cost_files(draw: Any) -> tuple[dict[str, Any], Rubrik]:
    """A cost file for a shipped rubric (numbers and decimal strings, single costs and one per step), with the rubric."""
    rubrik = draw(st.sampled_from(RUBRIKS))
    inds = draw(st.lists(st.sampled_from(rubrik.indikator), max_size=5, unique_by=lambda i: i.kode))
    one = st.one_of(
        st.integers(0, 10),
        st.decimals(0, 10, places=draw(st.integers(0, 6))).map(lambda d: format(d, "f")),
        st.sampled_from([0.5, 2.5, 0.25]),
    )
    biaya: dict[str, Any] = {}
    for ind in inds:
        steps = ind.level_maks - ind.level_min
        biaya[ind.kode] = draw(st.one_of(one, st.lists(one, min_size=steps, max_size=steps)))
    caps = draw(st.lists(st.sampled_from(rubrik.indikator), max_size=3, unique_by=lambda i: i.kode))
    batas = {ind.kode: draw(st.integers(ind.level_min, ind.level_maks)) for ind in caps}
    doc: dict[str, Any] = {}
    if biaya or draw(st.booleans()):
        doc["biaya"] = biaya
    if batas or draw(st.booleans()):
        doc["batas"] = batas
    return doc, rubrik


# --------------------------------------------------------------------------- what the schemas refuse, meritsys refuses


def _nodes(doc: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    found = [(path, doc)]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += _nodes(value, (*path, key))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            found += _nodes(value, (*path, i))
    return found


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__


_OTHERS = (None, True, 7, 2.5, "x", [], {})


def _edit(doc: Any, path: tuple[Any, ...], change: Any) -> Any:
    out = copy.deepcopy(doc)
    *head, last = path
    holder = out
    for step in head:
        holder = holder[step]
    change(holder, last)
    return out


_NUMERAL = re.compile(r"\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})?\s*")


@st.composite
def mutations(draw: Any, doc: Any, *, nulls: bool = True) -> Any:
    """*doc* with one mistake: a value of the wrong type, an extra or a missing key, a float for a decimal string, a wrong word, a number out of range."""
    nodes = _nodes(doc)[1:]
    eligible = {
        "type": nodes,
        "extra": [((*p, "tambahan"), v) for p, v in [((), doc), *nodes] if isinstance(v, dict)],
        "missing": [(p, v) for p, v in nodes if isinstance(p[-1], str)],
        "float": [(p, v) for p, v in nodes if isinstance(v, str) and _NUMERAL.fullmatch(v)],
        "word": [(p, v) for p, v in nodes if isinstance(v, str)],
        "range": [(p, v) for p, v in nodes if _kind(v) == "int"],
    }
    kind = draw(st.sampled_from(sorted(k for k, found in eligible.items() if found)))
    path, value = draw(st.sampled_from(eligible[kind]))
    if kind == "missing":
        return _edit(doc, path, lambda holder, last: holder.__delitem__(last))
    if kind == "type":
        new = draw(st.sampled_from([o for o in _OTHERS if _kind(o) != _kind(value) and (nulls or o is not None)]))
    elif kind == "extra":
        new = "x"
    elif kind == "float":
        new = float(value)
    elif kind == "word":
        new = draw(st.sampled_from([value + "x", "", " " + value]))
    else:
        new = draw(st.sampled_from([-1, 101, 2101, 10**16]))
    return _edit(doc, path, lambda holder, last: holder.__setitem__(last, new))


def _refused(check: Any) -> BaseException | None:
    try:
        check()
    except MeritsysError as exc:
        return exc
    return None


def _score_all(items: list[Penilaian]) -> None:
    for p in items:
        meritsys.score(p, get_rubrik(p.rubrik))


def _toml(value: Any) -> str:
    """*value* (no nulls) as a TOML value: inline tables and arrays, basic strings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        out = "".join(f"\\u{ord(c):04x}" if ord(c) < 0x20 or ord(c) == 0x7F else "\\\\" if c == "\\" else '\\"' if c == '"' else c for c in value)
        return f'"{out}"'
    if isinstance(value, list):
        return "[" + ", ".join(map(_toml, value)) + "]"
    return "{" + ", ".join(f"{_toml(str(k))} = {_toml(v)}" for k, v in value.items()) + "}"


def _run_policy_file(doc: dict[str, Any]) -> list[Any]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "test_schema.toml"
        path.write_text("\n".join(f"{_toml(k)} = {_toml(v)}" for k, v in doc.items()) + "\n", encoding="utf-8")
        return run_file(path)


def _plan_with(doc: dict[str, Any], rubrik: Rubrik) -> None:
    from meritsys.analysis import load_biaya

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "biaya.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        biaya, batas = load_biaya(path)
    example = "penilaian-kab-sukamaju-2023.json" if rubrik.id == gen.KASN else "penilaian-kota-contoh-2026.json"
    (p,) = meritsys.read_penilaian(EXAMPLES / "data" / example)
    meritsys.plan(p, rubrik.kategori[-1].label, rubrik, biaya=biaya, batas=batas)


def _assert_refused(name: str, doc: Any, check: Any) -> None:
    if valid(name, doc):
        return  # the schema accepts it: meritsys may still refuse what the schema cannot say
    refusal = _refused(check)
    assert isinstance(refusal, ValidationError), f"{name}: the schema refuses {schema_errors(name, doc)} but meritsys reads {json.dumps(doc)[:2000]}"


HEAVY = settings(max_examples=max(10, settings.default.max_examples // 3))
"""For the properties that score or load whole rubrics: a third of the profile's examples."""


class TestGeneratedDocuments:
    """Generated documents meet their schemas; with one mistake the schema refuses, meritsys refuses them too."""

    @given(st.data())
    def test_assessments(self, data):
        """A generated assessment (gates, aliases, evidence) meets penilaian; one the schema refuses is refused when read or checked against its rubric."""
        doc = data.draw(assessments())
        assert schema_errors("penilaian", doc) == []
        wrong = data.draw(mutations(doc))
        _assert_refused("penilaian", wrong, lambda: _score_all([structure(wrong, Penilaian)]))

    @given(st.data())
    def test_lists_of_assessments(self, data):
        """A generated list of assessments meets penilaian-list; one the schema refuses is refused by meritsys."""
        doc = data.draw(st.lists(assessments(), max_size=3))
        assert schema_errors("penilaian-list", doc) == []
        wrong = data.draw(mutations(doc)) if doc else [None]
        _assert_refused("penilaian-list", wrong, lambda: _score_all(list(meritsys.loads_penilaian(json.dumps(wrong)))))

    @HEAVY
    @given(st.data())
    def test_rubrics(self, data):
        """A generated rubric of either regime meets rubrik; one the schema refuses does not load."""
        doc = unstructure(data.draw(st.one_of(st.sampled_from(RUBRIKS), gen.rubrik())))
        assert schema_errors("rubrik", doc) == []
        wrong = data.draw(mutations(doc))
        _assert_refused("rubrik", wrong, lambda: meritsys.io.parse_rubrik(wrong))

    @given(st.data())
    def test_reforms(self, data):
        """A generated reform meets reform; one the schema refuses does not load, or does not apply to the rubric it was written for."""
        doc, rubrik = data.draw(reforms())
        assert schema_errors("reform", doc) == []
        wrong = data.draw(mutations(doc))
        _assert_refused("reform", wrong, lambda: Reform.from_dict(wrong).apply(rubrik))

    @HEAVY
    @given(st.data())
    def test_results(self, data):
        """The result of scoring a generated assessment meets hasil (a list of them hasil-list); one the schema refuses does not load back."""
        doc = data.draw(results())
        assert schema_errors("hasil", doc) == []
        assert schema_errors("hasil-list", [doc]) == []
        wrong = data.draw(mutations(doc))
        _assert_refused("hasil", wrong, lambda: structure(wrong, Hasil))
        many = data.draw(mutations([doc]))
        _assert_refused("hasil-list", many, lambda: meritsys.loads_hasil(json.dumps(many)))

    @given(st.data())
    def test_policy_files(self, data):
        """A generated policy test file meets kasus and passes; one the schema refuses has a case meritsys test reports as an error."""
        doc = data.draw(policy_files())
        assert schema_errors("kasus", doc) == []
        assert all(r.lulus for r in _run_policy_file(doc))
        wrong = data.draw(mutations(doc, nulls=False))
        if not valid("kasus", wrong):
            outcomes = _run_policy_file(wrong)
            assert any(r.galat is not None for r in outcomes), (schema_errors("kasus", wrong), [r.report() for r in outcomes])

    @given(st.data())
    def test_cost_files(self, data):
        """A generated cost file meets biaya and plans; one the schema refuses is refused when read or checked against the rubric."""
        doc, rubrik = data.draw(cost_files())
        assert schema_errors("biaya", doc) == []
        _plan_with(doc, rubrik)
        wrong = data.draw(mutations(doc))
        _assert_refused("biaya", wrong, lambda: _plan_with(wrong, rubrik))
