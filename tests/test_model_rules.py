import copy
import datetime as dt
import os
import pickle
import subprocess
import sys
from decimal import Decimal

import attrs
import pytest

from meritsys import (
    Instansi,
    JenisInstansi,
    MeritsysError,
    Penilaian,
    ValidationError,
)
from meritsys.errors import Problem
from meritsys.io import parse_rubrik, structure
from meritsys.model import Angka, Aspek, FrozenMap, Gerbang, Indikator, Kategori, Level, Status, Syarat
from tests.helpers import instansi, kasn, rezim_b

_ALLOWED = "'kementerian', 'lembaga', 'lembaga_negara', 'provinsi', 'kabupaten', 'kota'"

# --- builders for small rubrics as plain data (the shape of a rubric file) ---------------


def _num(nilai):
    return {"nilai": nilai, "status": "resmi"}


def _indikator(kode, bobot="1", **extra):
    data = {
        "kode": kode,
        "nama": f"Pertanyaan {kode}",
        "level": [{"nilai": n, "deskriptor": f"Level {n}"} for n in range(5)],
    }
    if bobot is not None:
        data["bobot"] = _num(bobot)
    return {**data, **extra}


def _gerbang(kode="g", **extra):
    return {"kode": kode, "pertanyaan": "Ada kejadian?", "opsi": {"ya": "Ya", "tidak": "Tidak"}, **extra}


def _data_a(**overrides):
    """A valid two-aspect rubric that weighs indicators (regime A shape), index 0..8."""
    data = {
        "id": "uji-a",
        "nama": "Rubrik uji A",
        "rujukan": [],
        "berlaku_mulai": "2020-01-01",
        "skala": {"minimum": _num("0"), "maksimum": _num("8")},
        "aspek": [
            {"kode": "1", "nama": "Aspek satu", "indikator": [_indikator("1.1")]},
            {"kode": "2", "nama": "Aspek dua", "indikator": [_indikator("2.1")]},
        ],
        "kategori": [
            {"kode": "I", "label": "Rendah", "batas_bawah": _num("0"), "batas_atas": _num("3")},
            {"kode": "II", "label": "Tinggi", "batas_bawah": _num("4"), "batas_atas": _num("8")},
        ],
        "aturan_batas": {"jenis": "bawah_inklusif", "langkah": _num("1"), "status": "resmi"},
        "letak_bobot": "indikator",
        "jumlah_bobot": _num("2"),
        "strategi": "weighted-sum",
    }
    return {**data, **overrides}


def _data_b(**overrides):
    """A valid two-aspect rubric that weighs aspects (regime B shape), index 0..1."""
    data = _data_a(
        id="uji-b",
        letak_bobot="aspek",
        jumlah_bobot=_num("1"),
        komposisi={"bobot_maturitas": _num("0.75"), "bobot_survei": _num("0.25")},
        skala={"minimum": _num("0"), "desimal": _num("2")},
        kategori=[
            {"kode": "1", "label": "Dasar", "batas_bawah": _num("0"), "batas_atas": _num("0.50")},
            {"kode": "2", "label": "Maju", "batas_bawah": _num("0.51"), "batas_atas": _num("1")},
        ],
        aturan_batas={"jenis": "bawah_inklusif", "langkah": _num("0.01"), "status": "resmi"},
    )
    for asp in data["aspek"]:
        asp["bobot"] = _num("0.5")
        for ind in asp["indikator"]:
            del ind["bobot"]
    return {**data, **overrides}


def _problems(data):
    """The messages of the ValidationError that parsing *data* raises."""
    with pytest.raises(ValidationError) as info:
        parse_rubrik(data)
    return info.value.messages


def _ind(data, aspek=0, indikator=0):
    return data["aspek"][aspek]["indikator"][indikator]


# --- FrozenMap -------------------------------------------------------------------------------


class TestFrozenMap:
    def test_reads_like_a_mapping_in_insertion_order(self):
        """A FrozenMap answers lookups, len, membership and views like a dict, in insertion order."""
        m = FrozenMap({"b": 2, "a": 1})
        assert (m["a"], len(m), list(m), "a" in m, "z" in m) == (1, 2, ["b", "a"], True, False)
        assert (list(m.keys()), list(m.values()), list(m.items())) == (
            ["b", "a"],
            [2, 1],
            [("b", 2), ("a", 1)],
        )
        assert (m.get("a"), m.get("z"), m.get("z", 0)) == (1, None, 0)

    def test_missing_key_raises_key_error(self):
        """Looking up an absent key raises KeyError, as a mapping must."""
        with pytest.raises(KeyError, match="z"):
            FrozenMap({"a": 1})["z"]

    def test_empty_by_default(self):
        """FrozenMap() is an empty mapping."""
        assert (len(FrozenMap()), dict(FrozenMap())) == (0, {})

    def test_item_assignment_and_deletion_are_refused(self):
        """A FrozenMap cannot be changed through item assignment or deletion."""
        m = FrozenMap({"a": 1})
        with pytest.raises(TypeError):
            m["a"] = 2  # type: ignore[index]
        with pytest.raises(TypeError):
            del m["a"]  # type: ignore[attr-defined]
        assert dict(m) == {"a": 1}

    def test_has_no_mutating_methods(self):
        """None of dict's mutating methods exist on a FrozenMap."""
        m = FrozenMap({"a": 1})
        for name in ("update", "pop", "popitem", "clear", "setdefault", "__setitem__", "__delitem__"):
            assert not hasattr(m, name), name

    def test_copies_its_input(self):
        """Changing the dict a FrozenMap was built from does not change the FrozenMap."""
        source = {"a": 1}
        m = FrozenMap(source)
        source["b"] = 2
        del source["a"]
        assert dict(m) == {"a": 1}

    def test_equal_to_any_mapping_with_the_same_items(self):
        """A FrozenMap equals a dict or FrozenMap with the same items, whatever their order."""
        m = FrozenMap({"a": 1, "b": 2})
        assert m == {"b": 2, "a": 1}
        assert m == FrozenMap({"b": 2, "a": 1})
        assert m != {"a": 1}
        assert m != {"a": 1, "b": 2, "c": 3}
        assert m != {"a": 1, "b": 3}

    def test_not_equal_to_non_mappings(self):
        """A FrozenMap never equals something that is not a mapping, even with the same pairs."""
        m = FrozenMap({"a": 1})
        assert m != [("a", 1)]
        assert m != "a"
        assert FrozenMap() != None  # noqa: E711

    def test_equal_maps_hash_equal_and_work_as_keys(self):
        """Equal FrozenMaps hash alike, so they can be set members and dict keys."""
        a, b = FrozenMap({"x": 1, "y": 2}), FrozenMap({"y": 2, "x": 1})
        assert hash(a) == hash(b)
        assert hash(a) == hash(a)
        assert len({a, b}) == 1
        assert {a: "ok"}[b] == "ok"

    def test_unhashable_values_make_it_unhashable(self):
        """A FrozenMap holding a list cannot be hashed (it would not be immutable)."""
        with pytest.raises(TypeError, match="unhashable"):
            hash(FrozenMap({"a": [1]}))

    def test_repr_shows_the_items(self):
        """The repr names the class and shows the items."""
        assert repr(FrozenMap({"a": 1})) == "FrozenMap({'a': 1})"

    def test_copy_and_pickle_round_trip(self):
        """A FrozenMap survives copy.deepcopy and pickling as an equal, hashable map."""
        m = FrozenMap({"a": 1})
        hash(m)
        for again in (copy.deepcopy(m), pickle.loads(pickle.dumps(m))):
            assert again == m
            assert hash(again) == hash(m)

    def test_unpickled_in_another_process_hashes_like_a_fresh_map(self, tmp_path):
        """A FrozenMap hashed, pickled and loaded in a process with another hash seed equals and hashes like a fresh one."""
        dump = tmp_path / "m.pkl"
        write = (
            "import pickle, sys; from meritsys.model import FrozenMap; m = FrozenMap({'ya': 'Ya'}); hash(m); "
            "open(sys.argv[1], 'wb').write(pickle.dumps(m))"
        )
        read = (
            "import pickle, sys; from meritsys.model import FrozenMap; m = pickle.load(open(sys.argv[1], 'rb')); "
            "print(m in {FrozenMap({'ya': 'Ya'})})"
        )
        subprocess.run(
            [sys.executable, "-c", write, str(dump)], check=True, env={**os.environ, "PYTHONHASHSEED": "1"}
        )
        out = subprocess.run(
            [sys.executable, "-c", read, str(dump)],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": "2"},
            capture_output=True,
            text=True,
        )
        assert out.stdout.strip() == "True"

    def test_model_mappings_are_frozen(self):
        """Mappings handed to model classes are stored as FrozenMaps the caller cannot change."""
        opsi = {"ya": "Ya", "tidak": "Tidak"}
        g = Gerbang("g", "Ada?", opsi)
        opsi["mungkin"] = "Mungkin"
        assert isinstance(g.opsi, FrozenMap)
        assert list(g.opsi) == ["ya", "tidak"]
        assert Gerbang("g", "Ada?", FrozenMap({"ya": "Ya", "tidak": "Tidak"})) == g


# --- errors ----------------------------------------------------------------------------------


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


# --- Instansi and Penilaian --------------------------------------------------------------------


class TestInstansi:
    @pytest.mark.parametrize(
        ("jenis", "pusat"),
        [
            ("kementerian", True),
            ("lembaga", True),
            ("lembaga_negara", True),
            ("provinsi", False),
            ("kabupaten", False),
            ("kota", False),
        ],
        ids=["kementerian", "lembaga", "lembaga-negara", "provinsi", "kabupaten", "kota"],
    )
    def test_pusat_is_true_for_central_agencies_only(self, jenis, pusat):
        """Ministries, LPNK and state bodies are central; provinces and regions are not."""
        assert JenisInstansi(jenis).pusat is pusat

    def test_unknown_jenis_lists_allowed(self):
        """An unknown agency type is rejected at jenis with the allowed types listed."""
        with pytest.raises(ValidationError) as info:
            Instansi("desa-x", "Desa X", "desa")
        assert info.value.messages == (f"$.jenis: 'desa' is not one of {_ALLOWED}",)

    def test_unknown_jenis_from_data_is_named_once(self):
        """Structured from plain data, an unknown agency type is reported at jenis, not at jenis.jenis."""
        with pytest.raises(ValidationError) as info:
            structure({"kode": "desa-x", "nama": "Desa X", "jenis": "desa"}, Instansi)
        assert info.value.messages == (f"$.jenis: 'desa' is not one of {_ALLOWED}",)

    def test_provinsi_must_be_text(self):
        """A province that is not a string is rejected at provinsi."""
        with pytest.raises(ValidationError) as info:
            Instansi("kota-x", "Kota X", "kota", provinsi=12)  # type: ignore[arg-type]
        assert info.value.messages == ("$.provinsi: must be a string or null, got 12",)

    @pytest.mark.parametrize(
        "kode", ["", " kota-x", "kota-x "], ids=["empty", "leading-space", "trailing-space"]
    )
    def test_kode_must_be_trimmed_text(self, kode):
        """An empty or space-padded agency code is rejected at kode."""
        with pytest.raises(ValidationError) as info:
            Instansi(kode, "Kota X", "kota")
        assert info.value.messages == (
            f"$.kode: must be a non-empty string without surrounding spaces, got {kode!r}",
        )


class TestPenilaian:
    def _errors(self, *args, **kw):
        with pytest.raises(ValidationError) as info:
            Penilaian(*args, **kw)
        return info.value.messages

    def test_jawaban_keys_must_be_codes(self):
        """Non-string or empty answer keys are each rejected at jawaban."""
        assert self._errors(instansi(), 2023, "kasn-2019", {1: 3, "": 2}) == (
            "$.jawaban: keys must be indicator codes, got 1",
            "$.jawaban: keys must be indicator codes, got ''",
        )

    @pytest.mark.parametrize(
        ("level", "shown"),
        [("3", "'3'"), (True, "True"), (Decimal(3), "Decimal('3')")],
        ids=["str", "bool", "decimal"],
    )
    def test_levels_must_be_whole_numbers(self, level, shown):
        """A level that is not an int (strings, booleans, decimals) is rejected at its code."""
        assert self._errors(instansi(), 2023, "kasn-2019", {"1.1": level}) == (
            f'$.jawaban["1.1"]: must be a whole-number level, got {shown}',
        )

    def test_jawaban_must_be_a_mapping(self):
        """Answers given as a list of pairs are refused at jawaban, not converted."""
        assert self._errors(instansi(), 2023, "kasn-2019", [("1.1", 3)]) == (
            "$.jawaban: expected a mapping, got list",
        )

    def test_gerbang_must_be_a_mapping(self):
        """Gate answers given as a list are refused at gerbang."""
        assert self._errors(instansi(), 2026, "permenpanrb-19-2025", {}, gerbang=["ya"]) == (
            "$.gerbang: expected a mapping, got list",
        )

    def test_gate_answers_must_be_strings(self):
        """A gate answer that is not a string is rejected at its gate code."""
        msgs = self._errors(instansi(), 2026, "permenpanrb-19-2025", {}, gerbang={"kematian": True})
        assert msgs == ('$.gerbang["kematian"]: must be a string answer, got True',)

    def test_evidence_must_be_lists_of_strings(self):
        """Each evidence entry that is a bare string or holds non-strings is named; lists and tuples pass."""
        msgs = self._errors(
            instansi(),
            2023,
            "kasn-2019",
            {},
            bukti={"1.1": "SK", "1.2": ("SK 1", "SK 2"), "1.3": [1], "1.4": ["SK"]},
        )
        assert msgs == (
            '$.bukti["1.1"]: must be a list of evidence references (strings)',
            '$.bukti["1.3"]: must be a list of evidence references (strings)',
        )

    def test_evidence_lists_are_frozen_to_tuples(self):
        """Evidence lists are stored as tuples the caller cannot change."""
        refs = ["SK 1"]
        p = Penilaian(instansi(), 2023, "kasn-2019", {}, bukti={"1.1": refs})
        refs.append("SK 2")
        assert p.bukti["1.1"] == ("SK 1",)

    def test_evidence_must_be_a_mapping(self):
        """Evidence given as a list instead of a mapping is refused at bukti."""
        assert self._errors(instansi(), 2023, "kasn-2019", {}, bukti=["SK"]) == (
            "$.bukti: expected a mapping, got list",
        )

    def test_none_gates_and_evidence_mean_none_given(self):
        """Passing None for gates or evidence gives empty mappings."""
        p = Penilaian(instansi(), 2023, "kasn-2019", {"1.1": 3}, gerbang=None, bukti=None)
        assert (p.gerbang, p.bukti) == (FrozenMap(), FrozenMap())

    @pytest.mark.parametrize("survei", ["-0.01", "1.01"], ids=["below-0", "above-1"])
    def test_survei_lies_in_0_to_1(self, survei):
        """A survey score outside 0..1 is rejected at survei."""
        msgs = self._errors(instansi(), 2026, "permenpanrb-19-2025", {}, survei=survei)
        assert msgs == (f"$.survei: must lie in 0..1, got {survei}",)

    @pytest.mark.parametrize(
        ("kw", "message"),
        [
            ({"survei": 0.5}, "$.survei: 0.5 is a float; pass the number as a string or Decimal, e.g. '0.5'"),
            ({"survei": "x"}, "$.survei: 'x' is not a number"),
            ({"koreksi": -0.25}, "$.koreksi: -0.25 is a float; pass the number as a string or Decimal, e.g. '-0.25'"),
            ({"koreksi": True}, "$.koreksi: True is a boolean, not a number"),
        ],
        ids=["survei-float", "survei-text", "koreksi-float", "koreksi-bool"],
    )
    def test_survey_and_correction_must_be_exact_numbers(self, kw, message):
        """A survey score or correction that is not an exact number is rejected at its field."""
        assert self._errors(instansi(), 2026, "permenpanrb-19-2025", {}, **kw) == (message,)

    def test_unknown_tahap_is_named(self):
        """An unknown stage is rejected at tahap with the allowed stages listed."""
        assert self._errors(instansi(), 2023, "kasn-2019", {}, tahap="final") == (
            "$.tahap: 'final' is not one of 'mandiri', 'verifikasi', 'klarifikasi', 'penetapan'",
        )

    @pytest.mark.parametrize("survei", ["0", "1"], ids=["0", "1"])
    def test_survei_bounds_are_allowed(self, survei):
        """Survey scores of exactly 0 and 1 are accepted."""
        assert Penilaian(instansi(), 2026, "permenpanrb-19-2025", {}, survei=survei).survei == Decimal(survei)

    @pytest.mark.parametrize(
        ("tahun", "message"),
        [
            (True, "$.tahun: must be a whole number, got True"),
            (1999, "$.tahun: must lie in 2000..2100, got 1999"),
        ],
        ids=["bool", "too-early"],
    )
    def test_tahun_is_a_plausible_year(self, tahun, message):
        """The year must be an int (not a bool) in 2000..2100."""
        assert self._errors(instansi(), tahun, "kasn-2019", {}) == (message,)

    def test_instansi_must_be_an_instansi(self):
        """An agency given as a plain string is rejected at instansi."""
        msgs = self._errors("kab-sukamaju", 2023, "kasn-2019", {})
        assert len(msgs) == 1
        assert msgs[0].startswith("$.instansi: ")
        assert msgs[0] == "$.instansi: must be Instansi, got str 'kab-sukamaju'"

    def test_instansi_message_is_readable(self):
        """The message for a wrong instansi type does not dump attrs internals."""
        msgs = self._errors("kab-sukamaju", 2023, "kasn-2019", {})
        assert "Attribute(name=" not in msgs[0]


# --- parts of a rubric -------------------------------------------------------------------------


class TestRubricParts:
    def test_level_must_be_an_int(self):
        """A level value given as a bool is refused at nilai."""
        with pytest.raises(ValidationError) as info:
            Level(True, "Ada")
        assert info.value.messages == ("$.nilai: must be a whole number, got True",)

    def test_level_needs_a_descriptor(self):
        """A level without a descriptor is refused at deskriptor."""
        with pytest.raises(ValidationError) as info:
            Level(1, "")
        assert info.value.messages == (
            "$.deskriptor: must be a non-empty string without surrounding spaces, got ''",
        )

    def test_a_string_is_never_split_into_a_list(self):
        """A string where a list of answers is expected is refused at jawaban, not split into characters."""
        with pytest.raises(ValidationError) as info:
            Syarat(gerbang="g", jawaban="ya")
        assert info.value.messages == ("$.jawaban: expected a list, got a string 'ya'",)

    def test_aspect_indicators_must_be_a_list(self):
        """An aspect given one indicator code instead of a list of indicators is refused at indikator."""
        with pytest.raises(ValidationError) as info:
            Aspek("1", "A", "1.1")
        assert info.value.messages == ("$.indikator: expected a list, got a string '1.1'",)

    @pytest.mark.parametrize(
        ("kw", "message"),
        [
            ({"subaspek": {"Analisis Jabatan": "AJ"}}, "$.subaspek: expected a list, got a mapping"),
            ({"subaspek": 3}, "$.subaspek: expected a list, got int 3"),
        ],
        ids=["mapping", "number"],
    )
    def test_lists_refuse_mappings_and_scalars(self, kw, message):
        """A mapping (whose values would be lost) or a number where a list is expected is refused at the field."""
        with pytest.raises(ValidationError) as info:
            Aspek("1", "A", [], **kw)
        assert info.value.messages == (message,)

    def test_unknown_agency_type_in_a_condition_is_named_by_position(self):
        """An unknown agency type in a condition is rejected at its place in jenis."""
        with pytest.raises(ValidationError) as info:
            Syarat(jenis=["kota", "desa"])
        assert info.value.messages == (f"$.jenis[1]: 'desa' is not one of {_ALLOWED}",)

    def test_condition_needs_gate_or_agency_types(self):
        """A condition naming neither a gate nor agency types is refused."""
        with pytest.raises(
            ValidationError, match=r"a condition needs a gerbang \(with jawaban\) or a list of jenis"
        ):
            Syarat()

    @pytest.mark.parametrize(
        "kw",
        [{"gerbang": "g"}, {"jenis": ["kota"], "jawaban": ["ya"]}],
        ids=["gate-without-answers", "answers-without-gate"],
    )
    def test_gate_and_answers_go_together(self, kw):
        """A gate without opening answers, or answers without a gate, is refused."""
        with pytest.raises(ValidationError, match="gerbang and jawaban go together"):
            Syarat(**kw)

    def test_condition_on_agency_type_alone(self):
        """A condition listing only agency types applies to exactly those types, whatever the gates."""
        ind_data = _indikator("1.1", berlaku_jika={"jenis": ["kota", "kabupaten"]})
        data = _data_a()
        data["aspek"][0]["indikator"] = [ind_data]
        ind = parse_rubrik(data).indicator("1.1")
        assert [j.value for j in JenisInstansi if ind.applies_to(j, {})] == ["kabupaten", "kota"]

    def test_condition_on_gate_and_agency_type(self):
        """A condition with a gate and types applies only to those types and only when the gate opens."""
        data = _data_a(gerbang=[_gerbang()])
        data["aspek"][0]["indikator"] = [
            _indikator("1.1", berlaku_jika={"gerbang": "g", "jawaban": ["ya"], "jenis": ["kota"]})
        ]
        ind = parse_rubrik(data).indicator("1.1")
        assert ind.applies_to(JenisInstansi.KOTA, {"g": "ya"})
        assert not ind.applies_to(JenisInstansi.KOTA, {"g": "tidak"})
        assert not ind.applies_to(JenisInstansi.KOTA, {})
        assert not ind.applies_to(JenisInstansi.PROVINSI, {"g": "ya"})

    def test_gate_needs_two_answers(self):
        """A gate question with fewer than two answers is refused at opsi."""
        with pytest.raises(ValidationError) as info:
            Gerbang("g", "Ada?", {"ya": "Ya"})
        assert info.value.messages == ("$.opsi: a gate needs at least two answers, got 1",)

    def test_gate_aliases_must_be_a_list(self):
        """A gate alias given as a bare string is refused at alias."""
        with pytest.raises(ValidationError) as info:
            Gerbang("g", "Ada?", {"ya": "Ya", "tidak": "Tidak"}, alias="g-lama")
        assert info.value.messages == ("$.alias: expected a list, got a string 'g-lama'",)

    def test_indicator_levels_must_be_a_list(self):
        """Indicator levels given as a number are refused at level."""
        with pytest.raises(ValidationError) as info:
            Indikator("1.1", "Satu", 4)
        assert info.value.messages == ("$.level: expected a list, got int 4",)

    def test_every_model_converter_names_its_field(self):
        """Every converter of every model class reports a value it cannot convert at its own field."""
        import meritsys.model as model

        checked = 0
        for cls in (getattr(model, name) for name in model.__all__):
            if not attrs.has(cls):
                continue
            for a in attrs.fields(cls):
                if a.converter is None:
                    continue
                with pytest.raises(ValidationError) as info:
                    a.converter(object())
                assert all(p.path == a.name or p.path.startswith(f"{a.name}[") for p in info.value.problems), (
                    cls.__name__,
                    a.name,
                    info.value.messages,
                )
                checked += 1
        assert checked >= 30

    def test_band_bounds_must_not_be_inverted(self):
        """A category whose lower bound is above its upper bound is refused, naming both."""
        with pytest.raises(ValidationError) as info:
            Kategori("I", "Buruk", Angka("175", Status.RESMI), Angka("174", Status.RESMI))
        assert info.value.messages == ("$: batas_bawah 175 is above batas_atas 174",)

    def test_single_value_band_is_allowed(self):
        """A category whose two bounds are equal (one published value) is accepted."""
        kat = Kategori("I", "Tepat", Angka("5", Status.RESMI), Angka("5", Status.RESMI))
        assert kat.batas_bawah == kat.batas_atas


# --- whole rubrics ------------------------------------------------------------------------------


def _set_ind(**kw):
    return lambda d: _ind(d).update(kw)


class TestRubrikRules:
    def test_small_rubrics_are_valid(self):
        """The builders used below give valid rubrics, so each case tests only its own change."""
        assert parse_rubrik(_data_a()).id == "uji-a"
        assert parse_rubrik(_data_b()).id == "uji-b"

    @pytest.mark.parametrize(
        ("mutate", "expected"),
        [
            (
                lambda d: d.update(berlaku_sampai="2019-12-31"),
                ("$.berlaku_sampai: 2019-12-31 is before berlaku_mulai 2020-01-01",),
            ),
            (
                lambda d: d.update(id="uji a"),
                ("$.id: must be a non-empty string without spaces, got 'uji a'",),
            ),
            (
                lambda d: d.update(aspek=[], jumlah_bobot=_num("0")),
                ("$.aspek: a rubric needs at least one aspect",),
            ),
            (
                lambda d: d.update(gerbang=[_gerbang(), _gerbang()]),
                ("$.gerbang[1].kode: duplicate gate code 'g'",),
            ),
            (
                lambda d: d.update(gerbang=[_gerbang(), _gerbang("h", alias=["g"])]),
                ("$.gerbang[1].alias[0]: duplicate gate code 'g'",),
            ),
            (
                lambda d: d.update(gerbang=[_gerbang(), _gerbang("h", alias=["h-lama", "g"])]),
                ("$.gerbang[1].alias[1]: duplicate gate code 'g'",),
            ),
            (
                lambda d: d.update(gerbang=[_gerbang(alias=["g-lama"]), _gerbang("g-lama")]),
                ("$.gerbang[1].kode: duplicate gate code 'g-lama'",),
            ),
            (
                lambda d: d.update(gerbang=[_gerbang(opsi={"ya": "Ya"})]),
                ("$.gerbang[0].opsi: a gate needs at least two answers, got 1",),
            ),
            (
                lambda d: d["aspek"][1].update(kode="1"),
                ("$.aspek[1].kode: duplicate aspect code '1'",),
            ),
            (
                lambda d: d["aspek"][1].update(indikator=[]) or d.update(jumlah_bobot=_num("1")),
                ("$.aspek[1].indikator: an aspect needs at least one indicator",),
            ),
            (
                _set_ind(alias=["2.1"]),
                (
                    "$.aspek[1].indikator[0].kode: duplicate indicator code '2.1' (also aspek[0].indikator[0])",
                ),
            ),
            (
                lambda d: _ind(d, 1).update(alias=["q2", "1.1"]),
                (
                    "$.aspek[1].indikator[0].alias[1]: duplicate indicator code '1.1' (also aspek[0].indikator[0])",
                ),
            ),
            (
                _set_ind(level=[]),
                ("$.aspek[0].indikator[0].level: level must list at least one level",),
            ),
            (
                _set_ind(level=[{"nilai": 101, "deskriptor": "Terlalu tinggi"}]),
                ("$.aspek[0].indikator[0].level[0].nilai: must lie in 0..100, got 101",),
            ),
            (
                _set_ind(level=[{"nilai": 1, "deskriptor": "Satu"}, {"nilai": 0, "deskriptor": "Nol"}]),
                (
                    "$.aspek[0].indikator[0].level: level values must be consecutive and ascending, got [1, 0]",
                ),
            ),
            (
                lambda d: (
                    d["aspek"][0].update(subaspek=["Analisis Jabatan"]) or _ind(d).update(subaspek="Evaluasi")
                ),
                ("$.aspek[0].indikator[0].subaspek: 'Evaluasi' is not a subaspek of aspect 1",),
            ),
            (
                _set_ind(subaspek="Evaluasi"),
                (
                    "$.aspek[0].indikator[0].subaspek: 'Evaluasi' is not a subaspek of aspect 1, which declares none",
                ),
            ),
            (
                _set_ind(berlaku_jika={}),
                (
                    "$.aspek[0].indikator[0].berlaku_jika: a condition needs a gerbang (with jawaban) or a list of jenis",
                ),
            ),
            (
                _set_ind(berlaku_jika={"gerbang": "g"}),
                (
                    "$.aspek[0].indikator[0].berlaku_jika: gerbang and jawaban go together: name the gate and the answers that open it",
                ),
            ),
            (
                _set_ind(berlaku_jika={"gerbang": "g", "jawaban": ["ya"]}),
                ("$.aspek[0].indikator[0].berlaku_jika.gerbang: no gate 'g' in this rubric",),
            ),
            (
                lambda d: (
                    d.update(gerbang=[_gerbang()])
                    or _ind(d).update(berlaku_jika={"gerbang": "g", "jawaban": ["ya", "mungkin"]})
                ),
                (
                    "$.aspek[0].indikator[0].berlaku_jika.jawaban[1]: 'mungkin' is not an answer of gate g; one of: ya, tidak",
                ),
            ),
            (
                lambda d: _ind(d).pop("bobot"),
                (
                    "$.aspek[0].indikator[0].bobot: required: this rubric weighs indicators",
                    "$.jumlah_bobot: declared 2 but the indikator weights add up to 1",
                ),
            ),
            (
                lambda d: _ind(d).update(bobot=_num("0")) or d.update(jumlah_bobot=_num("1")),
                ("$.aspek[0].indikator[0].bobot: weight 0 must be positive",),
            ),
            (
                lambda d: _ind(d).update(bobot=_num("-1")) or _ind(d, 1).update(bobot=_num("3")),
                ("$.aspek[0].indikator[0].bobot: weight -1 must be positive",),
            ),
            (
                lambda d: d["aspek"][0].update(bobot=_num("1")),
                ("$.aspek[0].bobot: not allowed: this rubric weighs indicators",),
            ),
            (
                lambda d: d["aspek"][0].update(maksimum=_num("5")),
                ("$.aspek[0].maksimum: declared 5 but the indicators give 4 (sum of bobot x highest level)",),
            ),
            (
                lambda d: d.update(komposisi={"bobot_maturitas": _num("0.75"), "bobot_survei": _num("0.5")}),
                (
                    "$.komposisi: not allowed: this rubric weighs indicators (a composition combines aspect maturity with the survey)",
                ),
            ),
            (
                lambda d: d.update(jumlah_bobot=_num("100")),
                ("$.jumlah_bobot: declared 100 but the indikator weights add up to 2",),
            ),
            (
                lambda d: d["skala"].update(minimum=_num("8")),
                ("$.skala.maksimum: 8 must be above minimum 8",),
            ),
            (
                lambda d: d["skala"].update(desimal=_num("1.5")),
                ("$.skala.desimal: must be a whole number of places in 0..28, got 1.5",),
            ),
            (
                lambda d: d["skala"].update(desimal=_num("29")),
                ("$.skala.desimal: must be a whole number of places in 0..28, got 29",),
            ),
            (
                lambda d: d["skala"].update(desimal=_num("-1")),
                ("$.skala.desimal: must be a whole number of places in 0..28, got -1",),
            ),
        ],
        ids=[
            "ends-before-start",
            "id-with-space",
            "no-aspects",
            "duplicate-gate",
            "gate-alias-clashes",
            "gate-second-alias-clashes",
            "gate-code-clashes-with-alias",
            "gate-one-answer",
            "duplicate-aspect",
            "empty-aspect",
            "alias-clashes-with-code",
            "indicator-alias-clashes",
            "no-levels",
            "level-above-100",
            "levels-descending",
            "unknown-subaspek",
            "subaspek-none-declared",
            "empty-condition",
            "gate-without-answers",
            "unknown-gate",
            "unknown-gate-answer",
            "indicator-weight-missing",
            "indicator-weight-zero",
            "indicator-weight-negative",
            "aspect-weight-in-regime-a",
            "aspect-maximum-mismatch",
            "composition-in-regime-a",
            "weights-total-mismatch",
            "scale-max-not-above-min",
            "decimals-fractional",
            "decimals-above-28",
            "decimals-negative",
        ],
    )
    def test_regime_a_rule(self, mutate, expected):
        """Each broken rule of an indicator-weighted rubric is reported at its path with what is wrong."""
        data = _data_a()
        mutate(data)
        assert _problems(data) == expected

    @pytest.mark.parametrize(
        ("mutate", "expected"),
        [
            (
                lambda d: d["aspek"][0].pop("bobot"),
                (
                    "$.aspek[0].bobot: required: this rubric weighs aspects",
                    "$.jumlah_bobot: declared 1 but the aspek weights add up to 0.5",
                ),
            ),
            (
                lambda d: d["aspek"][0].update(bobot=_num("0")) or d["aspek"][1].update(bobot=_num("1")),
                ("$.aspek[0].bobot: weight 0 must be positive",),
            ),
            (
                _set_ind(bobot=_num("1")),
                ("$.aspek[0].indikator[0].bobot: not allowed: this rubric weighs aspects",),
            ),
            (
                lambda d: d.pop("komposisi"),
                ("$.komposisi: required: a rubric that weighs aspects must declare its composition",),
            ),
            (
                lambda d: d["komposisi"].update(bobot_survei=_num("0.3")),
                ("$.komposisi: bobot_maturitas + bobot_survei must be 1, got 1.05",),
            ),
            (
                lambda d: d["komposisi"].update(bobot_maturitas=_num("1.25"), bobot_survei=_num("-0.25")),
                ("$.komposisi: bobot_maturitas and bobot_survei must not be negative",),
            ),
            (
                lambda d: d["aspek"][1].update(maksimum=_num("4")),
                (
                    "$.aspek[1].maksimum: not allowed: this rubric weighs aspects (an aspect maximum is checked against indicator weights)",
                ),
            ),
        ],
        ids=[
            "aspect-weight-missing",
            "aspect-weight-zero",
            "indicator-weight-in-regime-b",
            "composition-missing",
            "composition-not-one",
            "composition-negative",
            "aspect-maximum-in-regime-b",
        ],
    )
    def test_regime_b_rule(self, mutate, expected):
        """Each broken rule of an aspect-weighted rubric is reported at its path with what is wrong."""
        data = _data_b()
        mutate(data)
        assert _problems(data) == expected

    def test_every_problem_is_reported_at_once(self):
        """Independent problems in one rubric are all listed in one ValidationError, in document order."""
        data = _data_a(berlaku_sampai="2019-12-31")
        data["aspek"][1]["kode"] = "1"
        data["kategori"][1]["label"] = "rendah"
        assert _problems(data) == (
            "$.berlaku_sampai: 2019-12-31 is before berlaku_mulai 2020-01-01",
            "$.aspek[1].kode: duplicate aspect code '1'",
            "$.kategori[1].label: duplicate category label 'rendah'",
        )

    def test_whole_decimal_places_written_with_a_point_are_accepted(self):
        """Rounding places written as "2.0" are a whole number and are accepted."""
        data = _data_b()
        data["skala"]["desimal"] = _num("2.0")
        assert parse_rubrik(data).skala.desimal_int == 2

    def test_rules_run_again_on_evolve(self):
        """Changing a rubric with attrs.evolve re-checks it, with paths relative to the rubric."""
        with pytest.raises(ValidationError) as info:
            attrs.evolve(kasn(), berlaku_sampai=dt.date(2018, 12, 31))
        assert info.value.messages == ("$.berlaku_sampai: 2018-12-31 is before berlaku_mulai 2019-01-01",)

    def test_condition_may_name_a_gate_by_code(self):
        """A condition naming a gate by code is accepted and the indicator applies when the gate opens."""
        data = _data_a(gerbang=[_gerbang(alias=["g-lama"])])
        _ind(data)["berlaku_jika"] = {"gerbang": "g", "jawaban": ["ya"]}
        ind = parse_rubrik(data).indicator("1.1")
        assert ind.dapat_tidak_berlaku
        assert ind.applies_to(JenisInstansi.KOTA, {"g": "ya"})
        assert not ind.applies_to(JenisInstansi.KOTA, {"g": "tidak"})

    def test_condition_naming_a_gate_by_alias_is_refused(self):
        """A condition must name its gate by code (assessments answer gates by code), and is told which code."""
        data = _data_a(gerbang=[_gerbang(alias=["g-lama"])])
        _ind(data)["berlaku_jika"] = {"gerbang": "g-lama", "jawaban": ["ya"]}
        with pytest.raises(ValidationError) as exc:
            parse_rubrik(data)
        assert exc.value.messages == (
            "$.aspek[0].indikator[0].berlaku_jika.gerbang: 'g-lama' is an alias of gate 'g'; name the gate by its code",
        )


class TestBands:
    def _bands(self, jenis="bawah_inklusif", langkah="1", *bands):
        data = _data_a()
        data["aturan_batas"] = {"jenis": jenis, "langkah": _num(langkah), "status": "resmi"}
        if bands:
            data["kategori"] = [
                {
                    "kode": k,
                    "label": label,
                    **({"batas_bawah": _num(lo)} if lo else {}),
                    **({"batas_atas": _num(hi)} if hi else {}),
                }
                for k, label, lo, hi in bands
            ]
        return data

    @pytest.mark.parametrize(
        ("data", "expected"),
        [
            (
                _data_a(kategori=[]),
                ("$.kategori: a rubric needs at least one category",),
            ),
            (
                _data_a(
                    kategori=[
                        {"kode": "I", "label": "Rendah", "batas_bawah": _num("0"), "batas_atas": _num("3")},
                        {"kode": "I", "label": "Tinggi", "batas_bawah": _num("4"), "batas_atas": _num("8")},
                    ]
                ),
                ("$.kategori[1].kode: duplicate category code 'I'",),
            ),
            (
                _data_a(
                    kategori=[
                        {"kode": "I", "label": "Rendah", "batas_bawah": _num("5"), "batas_atas": _num("3")},
                        {"kode": "II", "label": "Tinggi", "batas_bawah": _num("6"), "batas_atas": _num("8")},
                    ]
                ),
                ("$.kategori[0]: batas_bawah 5 is above batas_atas 3",),
            ),
        ],
        ids=["no-categories", "duplicate-code", "inverted-band"],
    )
    def test_category_list_rules(self, data, expected):
        """A rubric needs categories with unique codes and upright bounds."""
        assert _problems(data) == expected

    def test_duplicate_label_ignores_case(self):
        """Two categories whose labels differ only in case are duplicates."""
        data = self._bands("bawah_inklusif", "1", ("I", "Baik", "0", "3"), ("II", "BAIK", "4", "8"))
        assert _problems(data) == ("$.kategori[1].label: duplicate category label 'BAIK'",)

    @pytest.mark.parametrize("langkah", ["0", "-1"], ids=["zero", "negative"])
    def test_step_must_be_positive(self, langkah):
        """A non-positive published step is rejected at aturan_batas.langkah, and only there (no gap is claimed)."""
        assert _problems(self._bands("bawah_inklusif", langkah)) == (
            f"$.aturan_batas.langkah: must be positive, got {langkah}",
        )

    def test_overlap_is_still_reported_with_a_non_positive_step(self):
        """Overlapping bands are reported even when the step is also wrong: the overlap does not depend on it."""
        data = self._bands("atas_inklusif", "0", ("I", "Rendah", "0", "5"), ("II", "Tinggi", "4", "8"))
        assert _problems(data) == (
            "$.aturan_batas.langkah: must be positive, got 0",
            "$.kategori[1].batas_bawah: band Tinggi (4) overlaps band Rendah (up to 5)",
        )

    @pytest.mark.parametrize(
        ("jenis", "bands", "expected"),
        [
            (
                "bawah_inklusif",
                (("I", "Rendah", "0", "3"), ("II", "Tinggi", None, "8")),
                "$.kategori[1].batas_bawah: required: lower bounds are inclusive, so every band above the first needs one",
            ),
            (
                "atas_inklusif",
                (("I", "Rendah", "0", None), ("II", "Tinggi", "4", "8")),
                "$.kategori[0].batas_atas: required: upper bounds are inclusive, so every band below the last needs one",
            ),
            (
                "bawah_inklusif",
                (("I", "Rendah", "4", "8"), ("II", "Tinggi", "0", "3")),
                "$.kategori[1].batas_bawah: bands must ascend: 0 is not above 4",
            ),
            (
                "atas_inklusif",
                (("I", "Rendah", "4", "8"), ("II", "Tinggi", "0", "3")),
                "$.kategori[1].batas_atas: bands must ascend: 3 is not above 8",
            ),
            (
                "atas_inklusif",
                (("I", "Rendah", "0", "5"), ("II", "Tinggi", "4", "8")),
                "$.kategori[1].batas_bawah: band Tinggi (4) overlaps band Rendah (up to 5)",
            ),
            (
                "bawah_inklusif",
                (("I", "Rendah", "0", "0.40"), ("II", "Tinggi", "0.42", "1")),
                "$.kategori[1].batas_bawah: gap between band Rendah (up to 0.40) and band Tinggi (from 0.42): "
                "published bands must meet one step (1) apart",
            ),
        ],
        ids=[
            "lower-rule-needs-lower",
            "upper-rule-needs-upper",
            "lower-descending",
            "upper-descending",
            "overlap",
            "gap",
        ],
    )
    def test_band_rule(self, jenis, bands, expected):
        """Bands must carry the bound the rule needs, ascend, and meet exactly one step apart."""
        assert _problems(self._bands(jenis, "1", *bands)) == (expected,)

    @pytest.mark.parametrize(
        ("jenis", "langkah", "bands"),
        [
            ("bawah_inklusif", "1", (("I", "Rendah", None, "3"), ("II", "Tinggi", "4", None))),
            ("atas_inklusif", "1", (("I", "Rendah", None, "3"), ("II", "Tinggi", "4", None))),
            (
                "bawah_inklusif",
                "1",
                (("I", "Rendah", "0", None), ("II", "Sedang", "4", None), ("III", "Tinggi", "6", None)),
            ),
            (
                "atas_inklusif",
                "1",
                (("I", "Rendah", None, "3"), ("II", "Sedang", None, "5"), ("III", "Tinggi", None, "8")),
            ),
            ("bawah_inklusif", "0.01", (("I", "Rendah", "0", "0.40"), ("II", "Tinggi", "0.41", "1"))),
        ],
        ids=[
            "open-ends-lower-rule",
            "open-ends-upper-rule",
            "lower-bounds-only",
            "upper-bounds-only",
            "hundredth-step",
        ],
    )
    def test_valid_band_layouts(self, jenis, langkah, bands):
        """Open-ended outer bands, one-sided bounds matching the rule, and fine steps are accepted."""
        r = parse_rubrik(self._bands(jenis, langkah, *bands))
        assert [k.kode for k in r.kategori] == [b[0] for b in bands]


class TestLookups:
    def test_indicator_by_code_and_alias(self):
        """cari_indikator finds an indicator by code and by alias."""
        r = rezim_b()
        assert r.indicator("1.1") is r.indicator("a1q1")

    def test_unknown_indicator_names_the_rubric(self):
        """An unknown indicator code raises a ValidationError naming the code and the rubric."""
        with pytest.raises(ValidationError) as info:
            kasn().indicator("9.9")
        assert info.value.messages == ("$: '9.9' is not an indicator of rubrik kasn-2019",)

    @pytest.mark.parametrize(
        "nama",
        ["III", "iii", "Baik", " baik ", "BAIK"],
        ids=["code", "code-lower", "label", "padded", "upper"],
    )
    def test_category_by_code_or_label_ignoring_case(self, nama):
        """cari_kategori matches a code or label case-insensitively, ignoring surrounding spaces."""
        assert kasn().category(nama).label == "Baik"

    def test_unknown_category_lists_the_categories(self):
        """An unknown category raises a ValidationError listing the rubric's categories."""
        with pytest.raises(ValidationError) as info:
            kasn().category("Cukup")
        assert info.value.messages == (
            "$: 'Cukup' is not a category of rubrik kasn-2019; one of: Buruk, Kurang, Baik, Sangat Baik",
        )
