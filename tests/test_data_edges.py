"""Edge cases of the data layer: cohorts, answer matrices, resolution, JSON and rubric/strategy sources."""

from __future__ import annotations

import datetime as dt
import json
import os
from decimal import Decimal
from pathlib import Path

import attrs
import numpy as np
import pytest

import meritsys
from meritsys import (
    AnswerMatrix,
    BandClassifier,
    Hasil,
    KebijakanKosong,
    PluginError,
    PluginWarning,
    RubricNotFoundError,
    Tahap,
    ValidationError,
    WeightedSum,
    dumps,
    loads_hasil,
    loads_penilaian,
    score,
    score_batch,
    score_many,
)
from meritsys.analysis import Kohort
from meritsys.io import parse_json, parse_rubrik, read_json, read_penilaian, structure
from meritsys.model import Instansi, JarakKategori, Rubrik
from meritsys.rubrics import (
    clear_registered,
    get_rubrik,
    get_rubrik_or_file,
    list_rubrik,
    register_rubrik,
    rubrik_for_date,
)
from meritsys.scoring import (
    KOSONG,
    TIDAK_BERLAKU,
    get_classifier,
    get_strategy,
    list_classifiers,
    list_strategies,
    reload_plugins,
    resolve,
)
from tests.helpers import KASN, B, kasn, penilaian_a, penilaian_b, rezim_b, rubrik_data

SHIPPED = Path(meritsys.__file__).parent / "rubrics"
K = 24  # indicators of kasn-2019


def _messages(fn, *args, **kwargs):
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    return info.value.messages


def _levels(n=3, level=2):
    return np.full((n, K), level, dtype=np.int8)


def _kasn_variant(**changes) -> Rubrik:
    """The shipped regime A rubric under another id (or with other changes), fully validated."""
    data = rubrik_data(kasn())
    data.update(changes)
    return parse_rubrik(data)


def _kasn_without_level_0() -> Rubrik:
    """Regime A with indicator 1.1 answered on levels 1..4 only (level 0 not allowed)."""
    data = rubrik_data(kasn())
    del data["aspek"][0]["indikator"][0]["level"][0]
    return parse_rubrik(data)


@pytest.fixture
def registered():
    """Forget every user-registered rubric after the test."""
    yield register_rubrik
    clear_registered()


# ---------------------------------------------------------------------- cohorts


class TestKohortFromArrays:
    @pytest.mark.parametrize(
        ("jawaban", "message"),
        [
            (np.zeros(K, dtype=np.int8), "$: jawaban must be (N, 24), got shape (24,)"),
            (np.zeros((2, 3), dtype=np.int8), "$: jawaban must be (N, 24), got shape (2, 3)"),
            (np.zeros((2, K)), "$: jawaban must hold whole numbers, got dtype float64"),
            (np.full((2, K), 200), "$: jawaban values must be levels, -1 (not applicable) or -2 (missing)"),
            (np.full((2, K), -3), "$: jawaban values must be levels, -1 (not applicable) or -2 (missing)"),
        ],
        ids=["1-d", "wrong-width", "float", "above-127", "below-missing"],
    )
    def test_bad_arrays_are_refused(self, jawaban, message):
        """An answer array of the wrong shape, dtype or value range is refused with what it should be."""
        assert _messages(Kohort.from_arrays, kasn(), jawaban) == (message,)

    def test_cells_are_checked_against_the_rubric(self):
        """A level outside an indicator's set is named by row and code; missing (-2) cells are kept."""
        arr = _levels()
        arr[1, 3] = 7
        arr[2, 0] = KOSONG
        assert _messages(Kohort.from_arrays, kasn(), arr) == ('$[1]["2.1"]: level 7 is outside 0..4',)
        arr[1, 3] = 2
        assert Kohort.from_arrays(kasn(), arr).kosong[2, 0]

    def test_defaults(self):
        """Without metadata, rows are numbered agencies of type kabupaten at stage mandiri in 2023."""
        kohort = Kohort.from_arrays(kasn(), _levels(2))
        p = kohort.to_penilaian()[1]
        assert (p.instansi.kode, p.instansi.nama, p.instansi.jenis.value, p.instansi.provinsi) == (
            "baris-1", "Instansi 1", "kabupaten", None
        )
        assert (p.tahun, p.tahap, p.survei, p.koreksi, dict(p.gerbang), dict(p.bukti)) == (
            2023, Tahap.MANDIRI, None, Decimal(0), {}, {}
        )

    def test_metadata_columns_reach_the_assessments(self):
        """Given columns (types by name, years per row, stage, survey, correction, gates) come back per row."""
        b = rezim_b()
        gates = {"kecelakaan_kerja": "tidak", "kematian": "tidak"}
        items = [penilaian_b(2, jenis="kota"), penilaian_b(3, jenis="provinsi")]
        arr = AnswerMatrix.from_penilaian(b, items).jawaban
        kohort = Kohort.from_arrays(
            b, arr, kode=["k1", "p1"], nama=["Kota 1", "Provinsi 1"], jenis=["kota", meritsys.JenisInstansi.PROVINSI],
            provinsi=["Jawa Tengah", None], tahun=[2026, 2027], tahap="verifikasi",
            survei=[Decimal("0.5"), None], koreksi=[Decimal("-0.01"), Decimal(0)], gerbang=[gates, gates],
        )
        assert [j.value for j in kohort.jenis_instansi] == ["kota", "provinsi"]
        out = kohort.to_penilaian()
        assert [(p.instansi.kode, p.instansi.provinsi, p.tahun, p.tahap.value) for p in out] == [
            ("k1", "Jawa Tengah", 2026, "verifikasi"), ("p1", None, 2027, "verifikasi")
        ]
        assert (out[0].survei, out[0].koreksi, dict(out[1].gerbang)) == (Decimal("0.5"), Decimal("-0.01"), gates)
        assert dict(out[0].jawaban) == dict(items[0].jawaban)

    def test_integer_type_codes(self):
        """Agency types may be given as an integer code array into JENIS."""
        codes = np.array([meritsys.analysis.kohort.JENIS.index(meritsys.JenisInstansi.KOTA)] * 3, dtype=np.int8)
        kohort = Kohort.from_arrays(kasn(), _levels(), jenis=codes)
        assert {j.value for j in kohort.jenis_instansi} == {"kota"}

    @pytest.mark.parametrize(
        ("column", "message"),
        [
            ({"kode": ["a"]}, "$.kode: expected 3 values, got shape (1,)"),
            ({"nama": ["a", "b", "c", "d"]}, "$.nama: expected 3 values, got shape (4,)"),
            ({"provinsi": ["Aceh"]}, "$.provinsi: expected 3 values, got shape (1,)"),
            ({"tahun": [2023, 2024]}, "$.tahun: expected 3 values, got shape (2,)"),
            ({"jenis": np.zeros(2, dtype=np.int8)}, "$.jenis: expected 3 values, got shape (2,)"),
            ({"survei": [None]}, "$.survei: expected 3 values, got 1"),
            ({"koreksi": [Decimal(0)] * 4}, "$.koreksi: expected 3 values, got 4"),
            ({"gerbang": [{}]}, "$.gerbang: expected 3 values, got 1"),
        ],
        ids=["kode", "nama", "provinsi", "tahun", "jenis-codes", "survei", "koreksi", "gerbang"],
    )
    def test_metadata_column_of_wrong_length(self, column, message):
        """A metadata column with a different number of values than rows is named."""
        assert _messages(Kohort.from_arrays, kasn(), _levels(), **column) == (message,)


JENIS_ALLOWED = "'kementerian', 'lembaga', 'lembaga_negara', 'provinsi', 'kabupaten', 'kota'"
JENIS_CODES = "0 'kementerian', 1 'lembaga', 2 'lembaga_negara', 3 'provinsi', 4 'kabupaten', 5 'kota'"
TAHAP_CODES = "0 'mandiri', 1 'verifikasi', 2 'klarifikasi', 3 'penetapan'"


class TestKohortMetadata:
    """Every metadata value is checked when the cohort is built, addressed ``$.column[row]``."""

    def test_unknown_type_and_stage_names(self):
        """An unknown agency type is named by row with the allowed names; an unknown stage likewise."""
        msgs = _messages(Kohort.from_arrays, kasn(), _levels(), jenis=["kota", "desa", "kota"], tahap="final")
        assert msgs == (
            f"$.jenis[1]: 'desa' is not one of {JENIS_ALLOWED}",
            "$.tahap: 'final' is not one of 'mandiri', 'verifikasi', 'klarifikasi', 'penetapan'",
        )

    def test_type_names_must_be_names(self):
        """Plain integers or lists in a list of type names are not taken for codes; each is named."""
        msgs = _messages(Kohort.from_arrays, kasn(), _levels(), jenis=[0, [1], "kota"])
        assert msgs == (f"$.jenis[0]: 0 is not one of {JENIS_ALLOWED}", f"$.jenis[1]: [1] is not one of {JENIS_ALLOWED}")

    @pytest.mark.parametrize(
        ("codes", "row", "code"),
        [
            (np.array([0, 1, 99], dtype=np.int8), 2, 99),
            (np.array([-1, 1, 2], dtype=np.int8), 0, -1),
            (np.array([4, 300, 4]), 1, 300),
        ],
        ids=["too-high", "negative", "wide-dtype-not-wrapped"],
    )
    def test_type_codes_out_of_range(self, codes, row, code):
        """An integer type code that is not a position in JENIS is refused by row, never wrapped or defaulted."""
        assert _messages(Kohort.from_arrays, kasn(), _levels(), jenis=codes) == (
            f"$.jenis[{row}]: code {code} is outside 0..5 ({JENIS_CODES})",
        )

    def test_codes_are_checked_on_every_construction(self):
        """Type and stage codes changed with attrs.evolve are checked again."""
        kohort = Kohort.from_arrays(kasn(), _levels())
        assert _messages(attrs.evolve, kohort, jenis=np.array([0, 6, 1], dtype=np.int8)) == (
            f"$.jenis[1]: code 6 is outside 0..5 ({JENIS_CODES})",
        )
        assert _messages(attrs.evolve, kohort, tahap=np.array([0, 0, 4], dtype=np.int8)) == (
            f"$.tahap[2]: code 4 is outside 0..3 ({TAHAP_CODES})",
        )
        assert _messages(attrs.evolve, kohort, jenis=[0, 1, 2]) == ("$.jenis: must be an array of integer codes, got list",)

    @pytest.mark.parametrize(
        ("tahun", "messages"),
        [
            (70000, ("$.tahun: must lie in 2000..2100, got 70000",)),
            (1999, ("$.tahun: must lie in 2000..2100, got 1999",)),
            (True, ("$.tahun: must be a whole number, got True",)),
            ("2023", ("$.tahun: must be a whole number, got '2023'",)),
            (
                [2023, 1999, 70000],
                ("$.tahun[1]: must lie in 2000..2100, got 1999", "$.tahun[2]: must lie in 2000..2100, got 70000"),
            ),
            (np.array([2101, 2023, 2023], dtype=np.int16), ("$.tahun[0]: must lie in 2000..2100, got 2101",)),
            (
                [2023, "2024", None],
                ("$.tahun[1]: must be a whole number, got '2024'", "$.tahun[2]: must be a whole number, got None"),
            ),
            (
                np.array([2023.0, 2024.5, 2025.0]),
                tuple(f"$.tahun[{i}]: must be a whole number, got {y}" for i, y in enumerate([2023.0, 2024.5, 2025.0])),
            ),
        ],
        ids=[
            "one-overflowing", "one-too-early", "one-bool", "one-text",
            "per-row", "int16-array", "per-row-not-numbers", "floats",
        ],
    )
    def test_years_are_checked_as_the_model_checks_them(self, tahun, messages):
        """Years outside the range Penilaian allows, or not whole numbers, are refused (by row when given per row)."""
        assert _messages(Kohort.from_arrays, kasn(), _levels(), tahun=tahun) == messages

    def test_numpy_years_are_whole_numbers(self):
        """A numpy integer year (one, or an array of any integer dtype) is accepted."""
        one = Kohort.from_arrays(kasn(), _levels(), tahun=np.int64(2024))
        many = Kohort.from_arrays(kasn(), _levels(), tahun=np.array([2021, 2022, 2100], dtype=np.uint16))
        assert (one.tahun.tolist(), many.tahun.tolist(), many.tahun.dtype) == ([2024] * 3, [2021, 2022, 2100], np.int16)

    def test_years_changed_later_are_checked(self):
        """A year column changed with attrs.evolve is checked again, by row."""
        kohort = Kohort.from_arrays(kasn(), _levels())
        assert _messages(attrs.evolve, kohort, tahun=np.array([2023, 1999, 2023], dtype=np.int16)) == (
            "$.tahun[1]: must lie in 2000..2100, got 1999",
        )

    def test_survey_correction_and_agency_values(self):
        """Floats, text that is no number, surveys outside 0..1 and bad codes, names or provinces are named by row."""
        msgs = _messages(
            Kohort.from_arrays, kasn(), _levels(),
            kode=["a", "", 3], nama=["A", " B", "C"], provinsi=[None, 5, "Bali"],
            survei=[0.5, "1.5", None], koreksi=["x", None, Decimal(0)],
        )
        assert msgs == (
            "$.kode[1]: must be a non-empty string without surrounding spaces, got ''",
            "$.kode[2]: must be a non-empty string without surrounding spaces, got 3",
            "$.nama[1]: must be a non-empty string without surrounding spaces, got ' B'",
            "$.provinsi[1]: must be a string or null, got 5",
            "$.survei[0]: 0.5 is a float; pass the number as a string or Decimal, e.g. '0.5'",
            "$.survei[1]: must lie in 0..1, got 1.5",
            "$.koreksi[0]: 'x' is not a number",
            "$.koreksi[1]: None (NoneType) is not a number",
        )

    def test_survey_and_correction_become_decimals(self):
        """Surveys and corrections given as numeric strings or whole numbers are kept as exact decimals."""
        kohort = Kohort.from_arrays(kasn(), _levels(), survei=["0.5", None, 1], koreksi=["-0.01", 0, Decimal("0.2")])
        assert (kohort.survei, kohort.koreksi) == (
            (Decimal("0.5"), None, Decimal(1)), (Decimal("-0.01"), Decimal(0), Decimal("0.2"))
        )
        assert kohort.to_penilaian()[0].survei == Decimal("0.5")

    def test_numpy_columns_are_read_as_plain_values(self):
        """A numpy survey column is read value by value: floats are refused with the plain number, strings converted."""
        msgs = _messages(Kohort.from_arrays, kasn(), _levels(), survei=np.array([0.25, 0.5, 1.0]))
        assert msgs[0] == "$.survei[0]: 0.25 is a float; pass the number as a string or Decimal, e.g. '0.25'"
        kohort = Kohort.from_arrays(kasn(), _levels(), survei=np.array(["0.25", "0.5", "1"]), kode=np.array(["a", "b", "c"]))
        assert (kohort.survei[0], type(kohort.kode[0])) == (Decimal("0.25"), str)

    def test_whole_column_of_the_wrong_kind(self):
        """A single value where a per-row column belongs is refused at the column."""
        assert _messages(Kohort.from_arrays, kasn(), _levels(), survei=Decimal("0.5"), gerbang={"g": "ya"}) == (
            "$.survei: expected 3 values, got Decimal",
            "$.gerbang: expected 3 values, got dict",
        )

    def test_gate_answers_are_checked_against_the_rubric(self):
        """Unknown gates, answers that are not options, gates answered twice and non-mappings are named by row."""
        b = rezim_b()
        arr = AnswerMatrix.from_penilaian(b, [penilaian_b(2)] * 4).jawaban
        ok = {"kecelakaan_kerja": "tidak", "kematian": "tidak"}
        gates = [
            {**ok, "banjir": "ya"},
            {"kecelakaan_kerja": "mungkin", "kematian": "tidak"},
            {**ok, "a6q4_kecelakaan_gate": "tidak"},
            "ya",
        ]
        assert _messages(Kohort.from_arrays, b, arr, gerbang=gates) == (
            '$.gerbang[0]["banjir"]: not a gate of rubrik permenpanrb-19-2025; gates: kecelakaan_kerja, kematian',
            """$.gerbang[1]["kecelakaan_kerja"]: 'mungkin' is not an answer; one of 'ya', 'tidak'""",
            '$.gerbang[2]["a6q4_kecelakaan_gate"]: gate kecelakaan_kerja is answered twice (by code and alias)',
            "$.gerbang[3]: expected a mapping, got str",
        )

    def test_gate_answers_on_a_rubric_without_gates(self):
        """A non-string gate answer is refused as the model refuses it; any gate of a gateless rubric, in every row."""
        msgs = _messages(Kohort.from_arrays, kasn(), _levels(2), gerbang=[{}, {"g": 1}])
        assert msgs == ('$.gerbang[1]["g"]: must be a string answer, got 1',)
        msgs = _messages(Kohort.from_arrays, kasn(), _levels(2), gerbang=[{"g": "a"}] * 2)
        assert msgs == tuple(f'$.gerbang[{i}]["g"]: not a gate of rubrik kasn-2019; gates: none' for i in range(2))

    def test_rows_sharing_gate_answers_are_each_checked(self):
        """Rows with equal gate answers (one object or many) all pass, and a bad row among them is still named."""
        b = rezim_b()
        arr = AnswerMatrix.from_penilaian(b, [penilaian_b(2)] * 3).jawaban
        ok = {"kecelakaan_kerja": "tidak", "kematian": "tidak"}
        assert [dict(g) for g in Kohort.from_arrays(b, arr, gerbang=[ok, dict(ok), ok]).gerbang] == [ok] * 3
        bad = {"kecelakaan_kerja": "tidak", "kematian": 0}
        assert _messages(Kohort.from_arrays, b, arr, gerbang=[ok, bad, dict(ok)]) == (
            '$.gerbang[1]["kematian"]: must be a string answer, got 0',
        )

    def test_many_bad_rows_are_counted(self):
        """Past 20 problems in a column the rest are counted, not dropped silently."""
        msgs = _messages(Kohort.from_arrays, kasn(), _levels(25), survei=["2"] * 25)
        assert msgs[:2] == ("$.survei[0]: must lie in 0..1, got 2", "$.survei[1]: must lie in 0..1, got 2")
        assert (len(msgs), msgs[-1]) == (21, "$.survei: 5 more rows have problems like these")

    def test_every_problem_is_reported_together(self):
        """Bad cells and bad metadata of several columns come back in one error."""
        arr = _levels()
        arr[1, 3] = 7
        msgs = _messages(Kohort.from_arrays, kasn(), arr, jenis=np.array([0, 0, 9]), tahun=[2023, 2023, 1999])
        assert msgs == (
            '$[1]["2.1"]: level 7 is outside 0..4',
            f"$.jenis[2]: code 9 is outside 0..5 ({JENIS_CODES})",
            "$.tahun[2]: must lie in 2000..2100, got 1999",
        )

    def test_lengths_are_checked_before_values(self):
        """A column of the wrong length is reported alone: the other columns' rows would not line up."""
        assert _messages(Kohort.from_arrays, kasn(), _levels(), kode=["a"], survei=[0.5] * 3) == (
            "$.kode: expected 3 values, got shape (1,)",
        )


class TestKohortContainer:
    def test_direct_construction_checks_widths(self):
        """A cohort changed with attrs.evolve is checked again: columns against indicators, rows per column."""
        kohort = Kohort.from_arrays(kasn(), _levels())
        assert _messages(attrs.evolve, kohort, kode_indikator=("1.1",)) == ("$: jawaban has 24 columns for 1 indicators",)
        assert _messages(attrs.evolve, kohort, bukti=()) == ("$.bukti: expected 3 values, got 0",)

    def test_answers_are_read_only(self):
        """The checked answer cells cannot be changed in place."""
        kohort = Kohort.from_arrays(kasn(), _levels())
        with pytest.raises(ValueError, match="read-only"):
            kohort.jawaban[0, 0] = 4

    def test_masks_tell_missing_from_not_applicable(self):
        """A missing answer is -2 in `kosong`, a variant that does not apply to the type is -1 in `tidak_berlaku`."""
        b = rezim_b()
        p = penilaian_b(2, jenis="kabupaten")
        dropped = next(iter(p.jawaban))
        p = attrs.evolve(p, jawaban={k: v for k, v in p.jawaban.items() if k != dropped})
        kohort = Kohort.from_penilaian(b, [p])
        codes = kohort.kode_indikator
        assert [codes[j] for j in np.flatnonzero(kohort.kosong[0])] == [dropped]
        not_applicable = {codes[j] for j in np.flatnonzero(kohort.tidak_berlaku[0])}
        assert not_applicable == {i.kode for i in b.indikator if not i.applies_to(p.instansi.jenis, p.gerbang)}
        assert not_applicable
        assert kohort.to_penilaian() == (p,)

    def test_round_trip_through_a_file(self, tmp_path):
        """Assessments written with dumps, read as a cohort, come back exactly (gates, evidence, survey, correction)."""
        b = rezim_b()
        first = penilaian_b(3, jenis="kota", koreksi="-0.02", tahap="klarifikasi")
        evidence = {next(iter(first.jawaban)): ("SK 1/2026", "Laporan")}
        items = [
            attrs.evolve(first, bukti=evidence, instansi=Instansi("kota-a", "Kota A", "kota", "Bali")),
            penilaian_b(1, jenis="kementerian", survei=None, gerbang={"kecelakaan_kerja": "ya", "kematian": "tidak"}),
        ]
        path = tmp_path / "kohort.json"
        path.write_text(dumps(list(items)))
        kohort = Kohort.read(path, b)
        assert len(kohort) == 2
        assert kohort.to_penilaian() == tuple(items)
        assert kohort.to_penilaian() == read_penilaian(path)

    def test_rows_of_another_rubric_are_refused(self):
        """Building a cohort names each row written for another rubric."""
        assert _messages(Kohort.from_penilaian, kasn(), [penilaian_a(3), penilaian_b(2)]) == (
            "$[1].rubrik: assessment is for 'permenpanrb-19-2025', not 'kasn-2019'",
        )

    def test_scoring_against_another_rubric_is_refused(self):
        """A cohort scored against a rubric of another id is refused at `rubrik`."""
        kohort = Kohort.from_arrays(kasn(), _levels())
        assert _messages(kohort.skor, rezim_b()) == ("$.rubrik: the cohort is for 'kasn-2019', not 'permenpanrb-19-2025'",)

    def test_strategy_by_name_or_object(self):
        """skor takes a strategy name or object and gives what the rubric's own strategy gives here."""
        kohort = Kohort.from_penilaian(kasn(), [penilaian_a(3), penilaian_a(1)])
        own = kohort.skor(kasn())
        assert own.indeks() == [Decimal(300), Decimal(100)]
        assert kohort.skor(kasn(), "weighted-sum").indeks() == own.indeks()
        assert kohort.skor(kasn(), WeightedSum()).strategi == "weighted-sum"

    def test_changed_rubric_with_the_same_id_rechecks_cells(self):
        """Cells checked against one rubric are checked again against a changed rubric of the same id."""
        kohort = Kohort.from_arrays(kasn(), _levels(2, level=0))
        stricter = _kasn_without_level_0()
        msgs = _messages(kohort.skor, stricter)
        assert msgs == ('$[0]["1.1"]: level 0 is outside 1..4', '$[1]["1.1"]: level 0 is outside 1..4')

    def test_missing_cells_follow_the_policy_when_scored(self):
        """Missing cells kept by the cohort are refused under 'galat' and filled under a strategy's policy."""
        arr = _levels(2)
        arr[0, 0] = KOSONG
        kohort = Kohort.from_arrays(kasn(), arr)
        assert _messages(kohort.skor, kasn()) == ('$[0]["1.1"]: missing answer (levels 0..4); no missing-answer policy is declared',)
        filled = kohort.skor(kasn(), WeightedSum(kebijakan_kosong=KebijakanKosong.NOL))
        assert filled.indeks() == [Decimal(190), Decimal(200)]


class TestKohortPilih:
    @pytest.fixture
    def kohort(self):
        arr = _levels(3)
        arr[:, 0] = [0, 1, 4]
        return Kohort.from_arrays(
            kasn(), arr, kode=["a", "b", "c"], nama=["A", "B", "C"], jenis=["kota", "provinsi", "lembaga"],
            provinsi=["Aceh", None, "Bali"], tahun=[2021, 2022, 2023],
            survei=[Decimal("0.1"), None, Decimal("0.3")], koreksi=[Decimal(1), Decimal(2), Decimal(3)],
        )

    @pytest.mark.parametrize(
        ("rows", "codes"),
        [
            ([True, False, True], ["a", "c"]),
            ([2, 0], ["c", "a"]),
            ([-1], ["c"]),
            (1, ["b"]),
            ([], []),
            (np.array([2], dtype=np.uint64), ["c"]),
        ],
        ids=["mask", "indices-in-order", "negative", "scalar", "empty", "unsigned"],
    )
    def test_selects_rows(self, kohort, rows, codes):
        """A mask or indices select those rows, in the order given, with every column kept aligned."""
        sub = kohort.pilih(rows)
        assert [str(k) for k in sub.kode] == codes
        assert [p.instansi.kode for p in sub.to_penilaian()] == codes
        assert sub.jawaban.flags.f_contiguous
        assert sub.diperiksa_sha256 == kohort.diperiksa_sha256

    def test_selection_keeps_every_column(self, kohort):
        """Selected rows are exactly those assessments: answers and every metadata column stay aligned."""
        everyone = kohort.to_penilaian()
        assert kohort.pilih([2, 0]).to_penilaian() == (everyone[2], everyone[0])
        assert kohort.pilih([False, True, False]).to_penilaian() == (everyone[1],)
        assert everyone[2].jawaban["1.1"] == 4
        assert (everyone[2].instansi.provinsi, everyone[2].survei, everyone[2].koreksi) == ("Bali", Decimal("0.3"), Decimal(3))

    def test_selection_keeps_gate_answers_aligned(self):
        """Gate answers of a regime B cohort follow their rows through a selection."""
        b = rezim_b()
        items = [penilaian_b(2, gerbang={"kecelakaan_kerja": ans, "kematian": "tidak"}) for ans in ("tidak", "ya")]
        arr = AnswerMatrix.from_penilaian(b, items).jawaban
        kohort = Kohort.from_arrays(b, arr, gerbang=[p.gerbang for p in items])
        assert [dict(g) for g in kohort.pilih([1, 0]).gerbang] == [dict(items[1].gerbang), dict(items[0].gerbang)]

    @pytest.mark.parametrize(
        ("rows", "message"),
        [
            ([True, False], "$: a row mask needs 3 values, got 2"),
            ([3], "$: row index out of range for a cohort of 3"),
            ([-4], "$: row index out of range for a cohort of 3"),
            ([0.0], "$: rows must be a boolean mask or whole-number indices, got dtype float64"),
            (["a"], "$: rows must be a boolean mask or whole-number indices, got dtype <U1"),
            ([[0, 1]], "$: a selection must be one-dimensional, got shape (1, 2)"),
            (np.ones((3, 1), dtype=bool), "$: a selection must be one-dimensional, got shape (3, 1)"),
            (
                [[0], [1, 2]],
                "$: rows must be a boolean mask or whole-number indices, got nested lists of different lengths",
            ),
        ],
        ids=["short-mask", "index-too-high", "index-too-low", "float", "text", "2-d-indices", "column-mask", "ragged"],
    )
    def test_bad_selection(self, kohort, rows, message):
        """A mask of the wrong length or shape, an index out of range or a non-integer selection is refused."""
        assert _messages(kohort.pilih, rows) == (message,)


# ---------------------------------------------------------------------- answer matrices


class TestAnswerMatrix:
    @pytest.mark.parametrize(
        ("jawaban", "message"),
        [
            (np.zeros((2, K)), "$: jawaban must hold whole numbers, got dtype float64"),
            (np.zeros((2, K), dtype=bool), "$: jawaban must hold whole numbers, got dtype bool"),
            (np.full((2, K), 300), "$: jawaban values must fit in int8 (-128..127)"),
            (np.full((2, K), -129), "$: jawaban values must fit in int8 (-128..127)"),
            (np.zeros(K, dtype=np.int8), "$: jawaban must be a 2-D (N, K) array, got 1 dimensions"),
            (np.int8(3), "$: jawaban must be a 2-D (N, K) array, got 0 dimensions"),
        ],
        ids=["float", "bool", "above-int8", "below-int8", "1-d", "scalar"],
    )
    def test_bad_arrays(self, jawaban, message):
        """Arrays that are not whole numbers, do not fit int8 or are not 2-D are refused."""
        assert _messages(AnswerMatrix.from_arrays, jawaban) == (message,)

    def test_wide_integers_are_narrowed(self):
        """Whole numbers of any integer dtype (or nested lists) become int8 cells."""
        m = AnswerMatrix.from_arrays([[2] * K, [3] * K])
        assert (m.jawaban.dtype, m.n, m.jawaban[1, 0]) == (np.int8, 2, 3)

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"survei": [None]}, "$: survei has 1 values for 3 rows"),
            ({"koreksi": [Decimal(0)] * 4}, "$: koreksi has 4 values for 3 rows"),
            ({"kode": ["a"]}, "$: kode has 1 values for 3 rows"),
        ],
        ids=["survei", "koreksi", "kode"],
    )
    def test_row_columns_of_wrong_length(self, kwargs, message):
        """Per-row survey, correction and code columns must have one value per row."""
        assert _messages(AnswerMatrix.from_arrays, _levels(), **kwargs) == (message,)
        assert _messages(AnswerMatrix, _levels(), **{k: tuple(v) for k, v in kwargs.items()}) == (message,)

    def test_survey_and_correction_values_are_checked(self):
        """Floats, booleans, text and surveys outside 0..1 are each named by row."""
        msgs = _messages(AnswerMatrix.from_arrays, _levels(), survei=[0.5, "1.5", "x"], koreksi=["0", True, "0.1"])
        assert msgs == (
            "$[0].survei: 0.5 is a float; pass the number as a string or Decimal, e.g. '0.5'",
            "$[1].survei: must lie in 0..1, got 1.5",
            "$[2].survei: 'x' is not a number",
            "$[1].koreksi: True is a boolean, not a number",
        )

    def test_survey_and_correction_become_decimals(self):
        """Survey and correction given as strings are kept as exact decimals; None stays absent."""
        m = AnswerMatrix.from_arrays(_levels(), survei=["0.5", None, Decimal(1)], koreksi=["-0.01", "0", "0"])
        assert (m.survei, m.koreksi[0]) == ((Decimal("0.5"), None, Decimal(1)), Decimal("-0.01"))

    def test_negative_values_other_than_markers(self):
        """A negative cell that is neither -1 nor -2 is an out-of-range level, not a missing answer."""
        arr = _levels()
        arr[1, 0] = -5
        assert _messages(score_batch, AnswerMatrix.from_arrays(arr), KASN) == ('$[1]["1.1"]: level -5 is outside 0..4',)

    @pytest.mark.parametrize(
        ("policy", "filled"),
        [
            (KebijakanKosong.TIDAK_BERLAKU, [TIDAK_BERLAKU, 2, 2]),
            (KebijakanKosong.NOL, [0, 2, 2]),
            (KebijakanKosong.TERENDAH, [0, 2, 2]),
        ],
    )
    def test_missing_cells_filled_by_policy(self, policy, filled):
        """checked() fills missing cells as the policy says and leaves the matrix itself unchanged."""
        arr = _levels()
        arr[0, 0] = KOSONG
        m = AnswerMatrix.from_arrays(arr)
        assert m.checked(kasn(), policy)[:, 0].tolist() == filled
        assert m.jawaban[0, 0] == KOSONG

    def test_nol_policy_cannot_fill_where_level_0_is_not_allowed(self):
        """Under 'nol', a missing answer to an indicator without level 0 stays an error; 'terendah' fills 1."""
        rubrik = _kasn_without_level_0()
        arr = np.full((2, K), 3, dtype=np.int8)
        arr[1, 0] = KOSONG
        m = AnswerMatrix.from_arrays(arr)
        assert _messages(m.checked, rubrik, KebijakanKosong.NOL) == (
            """$[1]["1.1"]: missing answer, and the policy 'nol' cannot apply: level 0 is not allowed (levels 1..4)""",
        )
        assert m.checked(rubrik, KebijakanKosong.TERENDAH)[1, 0] == 1

    def test_scores_as_floats_and_length(self):
        """A batch result reports its length and the index values as floats for plotting."""
        result = score_batch(AnswerMatrix.from_arrays(np.stack([_levels(1, 1)[0], _levels(1, 4)[0]])), KASN)
        assert len(result) == 2
        assert result.indeks_float().tolist() == [100.0, 400.0]


# ---------------------------------------------------------------------- resolution and API


class TestResolution:
    def test_unknown_gate_on_a_rubric_without_gates(self):
        """A gate answer on a rubric without gates is named, saying there are none."""
        assert _messages(score, penilaian_a(3, gerbang={"banjir": "ya"})) == (
            '$.gerbang["banjir"]: not a gate of rubrik kasn-2019; gates: none',
        )

    def test_gate_answered_by_code_and_alias(self):
        """A gate answered both by its code and by its worksheet alias is refused at the alias."""
        gates = {"kecelakaan_kerja": "tidak", "a6q4_kecelakaan_gate": "ya", "kematian": "tidak"}
        assert _messages(score, penilaian_b(2, gerbang=gates)) == (
            '$.gerbang["a6q4_kecelakaan_gate"]: gate kecelakaan_kerja is answered twice (by code and alias)',
        )

    def test_indicator_answered_by_code_and_alias(self):
        """An indicator answered both by its code and by its worksheet alias is refused at the second key."""
        assert _messages(score, penilaian_b(2, override={"a1q1": 3})) == (
            '$.jawaban["a1q1"]: indicator 1.1 is answered twice (by code and alias)',
        )

    def test_tidak_berlaku_policy_leaves_the_indicator_out(self):
        """Under 'tidak_berlaku' a missing answer is left out of the index, with a warning naming it."""
        p = penilaian_a({i.kode: 3 for i in kasn().indikator[1:]})
        res = resolve(kasn(), p, KebijakanKosong.TIDAK_BERLAKU)
        assert (res.level[0], res.diisi) == (None, frozenset({0}))
        hasil = WeightedSum(kebijakan_kosong=KebijakanKosong.TIDAK_BERLAKU).score(kasn(), p)
        assert hasil.indeks == Decimal(285)
        assert hasil.peringatan == ("1.1: no answer, counted as not applicable (kebijakan_kosong = tidak_berlaku)",)

    def test_nol_policy_where_level_0_is_not_allowed(self):
        """Under 'nol', a missing answer to an indicator without level 0 is an error that says why."""
        rubrik = _kasn_without_level_0()
        p = penilaian_a({i.kode: 3 for i in rubrik.indikator[1:]})
        assert _messages(WeightedSum(kebijakan_kosong=KebijakanKosong.NOL).score, rubrik, p) == (
            "$.jawaban[\"1.1\"]: missing answer, and the policy 'nol' cannot apply: level 0 is not allowed (levels 1..4)",
        )
        lowest = WeightedSum(kebijakan_kosong=KebijakanKosong.TERENDAH).score(rubrik, p)
        assert lowest.peringatan == ("1.1: no answer, counted as level 1 (kebijakan_kosong = terendah)",)


class TestApi:
    def test_strategy_by_name_or_object(self):
        """score takes a strategy name or object and records which one scored."""
        p = penilaian_a(3)
        assert score(p, strategy="weighted-sum").strategi == "weighted-sum"
        assert score(p, KASN, strategy=WeightedSum()).indeks == Decimal(300)

    def test_rubric_of_another_id_is_refused(self):
        """Scoring an assessment against a rubric of another id is refused at `rubrik`."""
        assert _messages(score, penilaian_a(3), rezim_b()) == (
            "$.rubrik: the assessment is for 'kasn-2019', not 'permenpanrb-19-2025'",
        )

    def test_score_many_reports_every_item(self):
        """score_many lists the problems of every item, each under its position."""
        bad_level = attrs.evolve(penilaian_a(3), jawaban={**penilaian_a(3).jawaban, "1.1": 9})
        assert _messages(score_many, [penilaian_a(3), bad_level, penilaian_b(2)], KASN) == (
            '$[1].jawaban["1.1"]: level 9 is outside 0..4',
            "$[2].rubrik: the assessment is for 'permenpanrb-19-2025', not 'kasn-2019'",
        )

    def test_score_many_each_with_its_own_rubric(self):
        """Without a rubric, score_many scores each assessment with its own rubric."""
        results = score_many([penilaian_a(4), penilaian_b(4, survei="1")])
        assert [(h.rubrik.id, h.indeks) for h in results] == [(KASN, Decimal(400)), (B, Decimal("1.00"))]

    def test_score_batch_with_a_strategy_name(self):
        """score_batch takes a strategy name and gives the single path's values."""
        items = [penilaian_a(2), penilaian_a(4)]
        assert score_batch(items, kasn(), strategy="weighted-sum").indeks() == [score(p).indeks for p in items]


# ---------------------------------------------------------------------- converter and JSON


class TestConverterEdges:
    def _rubrik_errors(self, patch):
        data = rubrik_data(kasn())
        patch(data)
        return _messages(parse_rubrik, data)

    @pytest.mark.parametrize(
        ("patch", "message"),
        [
            (lambda d: d["aspek"][0]["indikator"][0].update(bukti_wajib="ya"),
             "$.aspek[0].indikator[0].bukti_wajib: expected true or false, got str 'ya'"),
            (lambda d: d["aspek"][0]["indikator"][0].update(bukti_wajib=1),
             "$.aspek[0].indikator[0].bukti_wajib: expected true or false, got int 1"),
            (lambda d: d.update(berlaku_mulai=20190101),
             "$.berlaku_mulai: expected a date (YYYY-MM-DD), got int 20190101"),
            (lambda d: d.update(berlaku_mulai="2019-13-01"),
             "$.berlaku_mulai: '2019-13-01' is not a date (YYYY-MM-DD)"),
            (lambda d: d.update(berlaku_mulai=dt.datetime(2019, 1, 1)),
             "$.berlaku_mulai: expected a date (YYYY-MM-DD), got datetime datetime.datetime(2019, 1, 1, 0, 0)"),
            (lambda d: d["aspek"][0]["indikator"][0]["bobot"].update(nilai=None),
             "$.aspek[0].indikator[0].bobot.nilai: expected a decimal written as a string, got null"),
            (lambda d: d["aspek"][0]["indikator"][0]["bobot"].update(nilai={}),
             "$.aspek[0].indikator[0].bobot.nilai: expected a decimal written as a string, got an object"),
            (lambda d: d["aspek"][0]["indikator"][0]["bobot"].update(nilai=True),
             "$.aspek[0].indikator[0].bobot.nilai: expected a decimal written as a string, got the boolean true"),
            (lambda d: d["aspek"][0]["indikator"][0]["bobot"].update(nilai="lima"),
             "$.aspek[0].indikator[0].bobot.nilai: 'lima' is not a number"),
            (lambda d: d.update({"warna-latar": "biru"}), '$["warna-latar"]: unknown key'),
        ],
        ids=["bool-text", "bool-int", "date-int", "date-invalid", "date-datetime", "decimal-null",
             "decimal-object", "decimal-bool", "decimal-text", "extra-key-not-identifier"],
    )
    def test_wrong_values_are_named(self, patch, message):
        """Booleans, dates and decimals of the wrong kind are refused at their path, never coerced."""
        assert self._rubrik_errors(patch) == (message,)

    def test_python_dates_and_decimals_are_accepted(self):
        """Data built in Python may carry date and Decimal objects; they load to the same rubric."""
        data = rubrik_data(kasn())
        data["berlaku_mulai"] = dt.date(2019, 1, 1)
        data["aspek"][0]["indikator"][0]["bobot"]["nilai"] = Decimal(5)
        assert parse_rubrik(data) == kasn()

    @pytest.mark.parametrize(
        ("data", "cls", "path", "message"),
        [
            (5, str, "", "$: expected a string, got int 5"),
            (5, str, "nama", "$.nama: expected a string, got int 5"),
            ("lima", Decimal, "nilai", "$.nilai: 'lima' is not a number"),
        ],
        ids=["string", "string-at-path", "decimal-at-path"],
    )
    def test_top_level_primitives(self, data, cls, path, message):
        """structure() of a primitive reports at the path it is given."""
        assert _messages(structure, data, cls, path=path) == (message,)

    @pytest.mark.parametrize(
        ("data", "message"),
        [([1], "$[0]: expected an object, got a list"), (None, "$[0]: expected an object, got null")],
        ids=["list", "null"],
    )
    def test_model_object_must_be_an_object(self, data, message):
        """A model class built from something that is not an object is refused at the path."""
        assert _messages(structure, data, Instansi, path="[0]") == (message,)

    def test_wrong_nested_type_names_the_type(self):
        """A null or object where text is expected says so."""
        assert _messages(structure, {"kode": "a", "nama": None, "jenis": "kota"}, Instansi) == ("$.nama: expected a string, got null",)
        assert _messages(structure, {"kode": "a", "nama": {}, "jenis": "kota"}, Instansi) == ("$.nama: expected a string, got an object",)

    def test_distance_to_next_band_keys(self):
        """A result's distance to the next band needs exactly kategori, kode and kurang."""
        assert _messages(structure, {"kategori": "Baik", "warna": 1}, JarakKategori, path="jarak") == (
            "$.jarak.warna: unknown key",
            "$.jarak.kode: required key is missing",
            "$.jarak.kurang: required key is missing",
        )
        assert _messages(structure, ["Baik"], JarakKategori) == ("$: expected an object, got a list",)


class TestHasilJson:
    def test_results_round_trip(self):
        """Results of both regimes, saved as a list, load back equal."""
        results = [score(penilaian_a(3)), score(penilaian_b(2))]
        assert loads_hasil(dumps(results)) == tuple(results)

    @pytest.mark.parametrize(
        ("jarak", "message"),
        [
            (["Sangat Baik"], "$.ke_kategori_berikut: expected an object, got a list"),
            ({"kategori": "Sangat Baik", "kode": "IV", "kurang": 25},
             '$.ke_kategori_berikut.kurang: expected a decimal written as a string (e.g. "25"), got the number 25'),
            ({"kategori": "Sangat Baik"}, "$.ke_kategori_berikut.kode: required key is missing"),
        ],
        ids=["list", "number", "missing-keys"],
    )
    def test_bad_distance_in_a_result(self, jarak, message):
        """A result file whose distance to the next band is malformed is refused at that key."""
        data = json.loads(dumps(score(penilaian_a(3))))
        data["ke_kategori_berikut"] = jarak
        assert _messages(loads_hasil, json.dumps(data))[0] == message

    def test_list_items_are_addressed(self):
        """Each bad item of a list of results is reported under its position."""
        good = json.loads(dumps(score(penilaian_a(3))))
        msgs = _messages(loads_hasil, json.dumps([good, {**good, "indeks": 300}, 7]))
        assert msgs == (
            '$[1].indeks: expected a decimal written as a string (e.g. "300"), got the number 300',
            "$[2]: expected an object, got int 7",
        )
        assert isinstance(loads_hasil(json.dumps(good))[0], Hasil)


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
        assert _messages(parse_json, text) == (message,)

    def test_repeated_keys_anywhere(self):
        """Keys repeated at the top, in nested objects or inside lists are each named."""
        text = '{"a b": 1, "a b": 2, "x": [{"y": {"z": 1, "z": 2}}], "x2": {"1.1": 3, "1.1": 4}}'
        assert _messages(parse_json, text) == (
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
        assert _messages(read_json, missing) == (f"$: cannot read {missing}: No such file or directory",)
        assert _messages(read_penilaian, missing) == (f"$: cannot read {missing}: No such file or directory",)

    def test_penilaian_list_items_are_addressed(self):
        """Each bad assessment in a list is reported under its position."""
        doc = {"instansi": {"kode": "a", "nama": "A", "jenis": "kota"}, "tahun": 2023, "rubrik": KASN, "jawaban": {"1.1": 3}}
        bad = {**doc, "instansi": {**doc["instansi"], "kode": 5}}
        assert _messages(loads_penilaian, json.dumps([doc, bad, 7])) == (
            "$[1].instansi.kode: expected a string, got int 5",
            "$[2]: expected an object, got int 7",
        )


# ---------------------------------------------------------------------- rubric files and sources


def _write_variant(folder: Path, name: str, **changes) -> Path:
    path = folder / name
    path.write_text(meritsys.dumps_rubrik(_kasn_variant(**changes)))
    return path


class TestRubrikFiles:
    def test_unreadable_rubric_file(self, tmp_path):
        """A rubric file that cannot be read is named with the reason."""
        missing = tmp_path / "r.toml"
        assert _messages(meritsys.load_rubrik, missing) == (f"$: cannot read {missing}: No such file or directory",)

    def test_rubric_document_must_be_an_object(self, tmp_path):
        """A JSON rubric file holding a list is refused, naming the file."""
        path = tmp_path / "r.json"
        path.write_text("[]")
        assert _messages(meritsys.load_rubrik, path) == ("$: r.json: a rubric must be an object, got list",)

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


class TestRubrikSources:
    def test_register_a_rubrik_object(self, registered):
        """A Rubrik object registered by the user is found by id and listed; clearing forgets it."""
        own = _kasn_variant(id="kasn-2019-saya")
        assert registered(own) == (own,)
        assert get_rubrik("kasn-2019-saya") is own
        assert own in list_rubrik()
        clear_registered()
        with pytest.raises(RubricNotFoundError, match="no rubric 'kasn-2019-saya'; known: kasn-2019, permenpanrb-19-2025"):
            get_rubrik("kasn-2019-saya")

    def test_register_a_folder_reads_toml_and_json_only(self, tmp_path, registered):
        """A folder's .toml and .json files are registered in name order; other files are ignored."""
        (tmp_path / "b.toml").write_text((SHIPPED / "kasn-2019.toml").read_text().replace('id = "kasn-2019"', 'id = "dari-toml"', 1))
        _write_variant(tmp_path, "a.json", id="dari-json")
        (tmp_path / "catatan.txt").write_text("bukan rubrik")
        assert [r.id for r in registered(tmp_path)] == ["dari-json", "dari-toml"]

    def test_register_an_invalid_file(self, tmp_path, registered):
        """Registering a file that is not a valid rubric raises its problems and registers nothing."""
        path = tmp_path / "r.json"
        data = rubrik_data(kasn())
        data["id"] = "rusak"
        data["warna"] = "biru"
        path.write_text(json.dumps(data))
        assert _messages(registered, path) == (f"$.warna: unknown key (in {path})",)
        with pytest.raises(RubricNotFoundError):
            get_rubrik("rusak")

    def test_environment_path_lists_files_and_folders(self, tmp_path, monkeypatch):
        """MERITSYS_RUBRIK_PATH takes files and folders separated by the path separator; empty parts are skipped."""
        folder = tmp_path / "map"
        folder.mkdir()
        _write_variant(folder, "a.json", id="env-folder")
        single = _write_variant(tmp_path, "satu.json", id="env-file")
        monkeypatch.setenv("MERITSYS_RUBRIK_PATH", os.pathsep.join([str(folder), "", str(single)]))
        assert (get_rubrik("env-folder").id, get_rubrik("env-file").id) == ("env-folder", "env-file")

    def test_source_priority(self, tmp_path, monkeypatch, registered):
        """For one id, a registered rubric beats MERITSYS_RUBRIK_PATH, which beats the shipped one."""
        _write_variant(tmp_path, "k.json", nama="Dari lingkungan")
        monkeypatch.setenv("MERITSYS_RUBRIK_PATH", str(tmp_path))
        assert get_rubrik(KASN).nama == "Dari lingkungan"
        assert rubrik_for_date(dt.date(2023, 6, 30)).nama == "Dari lingkungan"
        registered(_kasn_variant(nama="Milik saya"))
        assert get_rubrik(KASN).nama == "Milik saya"
        assert rubrik_for_date(dt.date(2023, 6, 30)).nama == "Milik saya"
        monkeypatch.delenv("MERITSYS_RUBRIK_PATH")
        clear_registered()
        assert get_rubrik(KASN) == kasn()

    def test_environment_rubric_in_force_wins_by_date(self, tmp_path, monkeypatch):
        """A rubric from MERITSYS_RUBRIK_PATH in force on a date beats the shipped one in force then."""
        _write_variant(tmp_path, "k.json", id="kasn-daerah")
        monkeypatch.setenv("MERITSYS_RUBRIK_PATH", str(tmp_path))
        assert rubrik_for_date(dt.date(2023, 6, 30)).id == "kasn-daerah"
        assert rubrik_for_date(dt.date(2026, 6, 30)).id == B

    def test_several_in_force_from_one_source(self, registered):
        """Two user rubrics in force on the same date are ambiguous: the error names both."""
        registered(_kasn_variant(id="kasn-a"))
        registered(_kasn_variant(id="kasn-b"))
        with pytest.raises(RubricNotFoundError) as info:
            rubrik_for_date(dt.date(2023, 6, 30))
        assert str(info.value) == "several rubrics are in force on 2023-06-30: kasn-a, kasn-b; name one by id"

    def test_rubrik_or_file(self, tmp_path):
        """A command-line rubric name is an existing .toml/.json file, or else an id."""
        path = _write_variant(tmp_path, "Milik.JSON", nama="Dari berkas")
        assert get_rubrik_or_file(str(path)).nama == "Dari berkas"
        assert get_rubrik_or_file(KASN) == kasn()
        with pytest.raises(RubricNotFoundError, match=r"no rubric 'tidak-ada\.json'"):
            get_rubrik_or_file("tidak-ada.json")


# ---------------------------------------------------------------------- plugins

STRATEGY_MODULE = '''
import attrs
from meritsys import BandClassifier, WeightedSum


@attrs.frozen
class Salinan:
    name: str = "salinan"

    def score(self, rubrik, penilaian):
        return WeightedSum().score(rubrik, penilaian)

    def score_batch(self, rubrik, matrix):
        return WeightedSum().score_batch(rubrik, matrix)


class Setengah:
    name = "setengah"


@attrs.frozen
class Pita(BandClassifier):
    name: str = "pita"
'''


class TestStrategyPlugins:
    def test_plugin_strategy_and_classifier_are_found(self, plugins):
        """Installed strategies and classifiers are listed and made by name."""
        plugins("uji_strategi", STRATEGY_MODULE,
                "[meritsys.strategies]\nsalinan = uji_strategi:Salinan\n[meritsys.classifiers]\npita = uji_strategi:Pita\n")
        assert "salinan" in list_strategies()
        assert get_strategy("salinan").name == "salinan"
        assert score(penilaian_a(3), strategy="salinan").indeks == Decimal(300)
        assert {"band", "pita"} <= set(list_classifiers())
        assert get_classifier("pita").name == "pita"

    def test_plugin_lacking_methods_is_refused(self, plugins):
        """A plugin object without the protocol's methods is a PluginError naming what is needed."""
        plugins("uji_setengah", STRATEGY_MODULE,
                "[meritsys.strategies]\nsetengah = uji_setengah:Setengah\n[meritsys.classifiers]\nsetengah = uji_setengah:Setengah\n")
        with pytest.raises(PluginError, match=r"^strategy 'setengah' lacks name, score or score_batch$"):
            get_strategy("setengah")
        with pytest.raises(PluginError, match=r"^classifier 'setengah' lacks name, classify, classify_units or next_band$"):
            get_classifier("setengah")

    def test_broken_classifier_plugin_warns(self, plugins):
        """A classifier plugin that fails to import is a warning naming it; the built-in still works."""
        plugins("uji_kosong", "", "[meritsys.classifiers]\nrusak = uji_kosong:TidakAda\n")
        with pytest.warns(PluginWarning, match=r"plugin 'rusak' \(uji_kosong:TidakAda\) in meritsys.classifiers failed to load: AttributeError"):
            names = list_classifiers()
        assert ("band" in names, "rusak" in names) == (True, False)
        assert isinstance(get_classifier("band"), BandClassifier)

    def test_unknown_classifier(self):
        """An unknown classifier name lists the available ones."""
        with pytest.raises(PluginError, match=r"^no classifier 'median'; available: .*band"):
            get_classifier("median")

    def test_reload_forgets_uninstalled_plugins(self, plugins, monkeypatch):
        """After a plugin is removed from the path, reload_plugins stops offering it."""
        plugins("uji_hapus", STRATEGY_MODULE, "[meritsys.strategies]\nsalinan = uji_hapus:Salinan\n")
        assert "salinan" in list_strategies()
        monkeypatch.undo()
        assert "salinan" in list_strategies()  # looked up once per process
        reload_plugins()
        assert "salinan" not in list_strategies()


RUBRIC_MODULE = '''
import json
from pathlib import Path

from meritsys.io import parse_rubrik

DATA = json.loads((Path(__file__).parent / "kasn.json").read_text())


def semua():
    return [parse_rubrik({**DATA, "id": "kasn-fungsi"})]


def bukan_rubrik():
    return ["kasn-2019"]


ANGKA = 5
'''


class TestRubricPlugins:
    @pytest.fixture
    def module(self, tmp_path):
        (tmp_path / "kasn.json").write_text(meritsys.dumps_rubrik(kasn()))
        return RUBRIC_MODULE

    def test_callable_returning_rubrics(self, plugins, module):
        """An entry point naming a callable contributes the rubrics it returns."""
        plugins("uji_rubrik_fungsi", module, "[meritsys.rubrics]\nfungsi = uji_rubrik_fungsi:semua\n")
        assert get_rubrik("kasn-fungsi").nama == kasn().nama
        assert [r.id for r in list_rubrik()] == [KASN, "kasn-fungsi", B]

    def test_package_of_rubric_files(self, plugins, tmp_path):
        """An entry point naming a package contributes its .toml/.json files, ignoring others."""
        pkg = tmp_path / "uji_paket_rubrik"
        pkg.mkdir()
        (pkg / "__init__.py").write_text("")
        _write_variant(pkg, "a.json", id="paket-json")
        (pkg / "b.toml").write_text((SHIPPED / "kasn-2019.toml").read_text().replace('id = "kasn-2019"', 'id = "paket-toml"', 1))
        (pkg / "README.md").write_text("bukan rubrik")
        plugins("uji_paket_rubrik", None, "[meritsys.rubrics]\npaket = uji_paket_rubrik\n")
        assert {"paket-json", "paket-toml"} <= {r.id for r in list_rubrik()}

    @pytest.mark.parametrize(
        ("target", "message"),
        [
            ("uji_rubrik_salah:bukan_rubrik", "PluginError: returned str, not a Rubrik"),
            ("uji_rubrik_salah:ANGKA", "PluginError: expected a package or a callable, got int"),
        ],
        ids=["returns-text", "not-callable"],
    )
    def test_bad_rubric_plugin_is_skipped_with_a_warning(self, plugins, module, target, message):
        """A rubric plugin giving something other than rubrics is skipped with a warning saying what it gave."""
        plugins("uji_rubrik_salah", module, f"[meritsys.rubrics]\nsalah = {target}\n")
        with pytest.warns(PluginWarning, match=rf"rubric package 'salah' \({target}\) in meritsys.rubrics failed to load: {message}"):
            assert [r.id for r in list_rubrik()] == [KASN, B]
