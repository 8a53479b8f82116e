"""The cohort (Kohort): many assessments as checked columns, built from assessments, arrays or a file."""

from __future__ import annotations

from decimal import Decimal

import attrs
import numpy as np
import pytest

import meritsys
from meritsys import (
    Instansi,
    KebijakanKosong,
    Kohort,
    RubrikRef,
    Tahap,
    ValidationError,
    WeightedSum,
    dumps,
    read_penilaian,
    rubrik_sha256,
    score_batch,
)
from meritsys.scoring import JENIS, KOSONG, TAHAP, TIDAK_BERLAKU
from tests.helpers import (
    KASN,
    K,
    kasn,
    kasn_without_level_0,
    levels,
    messages,
    penilaian_a,
    penilaian_b,
    rezim_b,
)


def _direct(jawaban, rubrik=None, **columns):
    """A cohort made with the class itself, not a checking constructor: kabupaten, 2023, mandiri."""
    r = kasn() if rubrik is None else rubrik
    n = np.asarray(jawaban).shape[0]
    return Kohort(
        rubrik=RubrikRef(r.id, rubrik_sha256(r), r.reform),
        kode_indikator=tuple(i.kode for i in r.indikator),
        jawaban=jawaban,
        jenis=np.full(n, JENIS.index(meritsys.JenisInstansi.KABUPATEN), dtype=np.int8),
        tahun=np.full(n, 2023, dtype=np.int16),
        tahap=np.zeros(n, dtype=np.int8),
        **columns,
    )


def _regime_b_rows():
    """A kabupaten and a province answering permenpanrb-19-2025 at level 2, as arrays and gate answers."""
    items = [penilaian_b(2, jenis="kabupaten"), penilaian_b(2, jenis="provinsi")]
    arr = np.array(Kohort.from_penilaian(rezim_b(), items).jawaban)
    return arr, ["kabupaten", "provinsi"], [dict(p.gerbang) for p in items]


def _col(code):
    return [i.kode for i in rezim_b().indikator].index(code)


class TestKohortFromArrays:
    @pytest.mark.parametrize(
        ("jawaban", "message"),
        [
            (np.zeros(K, dtype=np.int8), "$: jawaban must be (N, 37), got shape (37,)"),
            (np.zeros((2, 3), dtype=np.int8), "$: jawaban must be (N, 37), got shape (2, 3)"),
            (np.zeros((2, K)), "$: jawaban must hold whole numbers, got dtype float64"),
            (np.full((2, K), 200), "$: jawaban values must be levels, -1 (not applicable) or -2 (missing)"),
            (np.full((2, K), -3), "$: jawaban values must be levels, -1 (not applicable) or -2 (missing)"),
        ],
        ids=["1-d", "wrong-width", "float", "above-127", "below-missing"],
    )
    def test_bad_arrays_are_refused(self, jawaban, message):
        """An answer array of the wrong shape, dtype or value range is refused with what it should be."""
        assert messages(Kohort.from_arrays, kasn(), jawaban) == (message,)

    def test_cells_are_checked_against_the_rubric(self):
        """A level outside an indicator's set is named by row and code; missing (-2) cells are kept."""
        arr = levels()
        arr[1, 3] = 7
        arr[2, 0] = KOSONG
        assert messages(Kohort.from_arrays, kasn(), arr) == ('$[1]["1.4"]: level 7 is outside 0..4',)
        arr[1, 3] = 2
        assert Kohort.from_arrays(kasn(), arr).kosong[2, 0]

    def test_defaults(self):
        """Without metadata, rows are numbered agencies of type kabupaten at stage mandiri in 2023."""
        kohort = Kohort.from_arrays(kasn(), levels(2))
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
        arr = Kohort.from_penilaian(b, items).jawaban
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
        codes = np.array([JENIS.index(meritsys.JenisInstansi.KOTA)] * 3, dtype=np.int8)
        kohort = Kohort.from_arrays(kasn(), levels(), jenis=codes)
        assert {j.value for j in kohort.jenis_instansi} == {"kota"}

    @pytest.mark.parametrize(
        ("column", "message"),
        [
            ({"kode": ["a"]}, "$.kode: expected 3 values, got 1"),
            ({"nama": ["a", "b", "c", "d"]}, "$.nama: expected 3 values, got 4"),
            ({"provinsi": ["Aceh"]}, "$.provinsi: expected 3 values, got 1"),
            ({"tahun": [2023, 2024]}, "$.tahun: expected 3 values, got 2"),
            ({"jenis": np.zeros(2, dtype=np.int8)}, "$.jenis: expected 3 values, got shape (2,)"),
            ({"survei": [None]}, "$.survei: expected 3 values, got 1"),
            ({"koreksi": [Decimal(0)] * 4}, "$.koreksi: expected 3 values, got 4"),
            ({"gerbang": [{}]}, "$.gerbang: expected 3 values, got 1"),
        ],
        ids=["kode", "nama", "provinsi", "tahun", "jenis-codes", "survei", "koreksi", "gerbang"],
    )
    def test_metadata_column_of_wrong_length(self, column, message):
        """A metadata column with a different number of values than rows is named."""
        assert messages(Kohort.from_arrays, kasn(), levels(), **column) == (message,)

    @pytest.mark.parametrize(
        ("row", "code", "value", "gates", "message"),
        [
            (0, "4.1a", 2, None,
             '$[0]["4.1a"]: does not apply to a kabupaten (only to kementerian, lembaga, lembaga_negara, provinsi); leave it out (-1)'),
            (1, "4.1a", TIDAK_BERLAKU, None,
             '$[1]["4.1a"]: not applicable (-1) is not allowed: the indicator applies to this row; give its level, or -2 for a missing answer'),
            (1, "6.4b", 3, None,
             '$[1]["6.4b"]: does not apply: gate kecelakaan_kerja does not open it for this row; leave it out (-1)'),
            (0, "1.1", 2, [{"kecelakaan_kerja": "tidak"}, {"kecelakaan_kerja": "tidak", "kematian": "tidak"}],
             """$.gerbang[0]["kematian"]: missing: answer 'ya', 'tidak' (Ada pegawai meninggal dalam 2 tahun terakhir?)"""),
        ],
        ids=["level-where-type-excludes", "not-applicable-where-it-applies", "level-behind-a-closed-gate", "deciding-gate-unanswered"],
    )
    def test_cells_are_checked_per_row(self, row, code, value, gates, message):
        """Each row's cells are checked against its own agency type and gate answers, as the single path checks it."""
        arr, jenis, own_gates = _regime_b_rows()
        arr[row, _col(code)] = value
        assert messages(Kohort.from_arrays, rezim_b(), arr, jenis=jenis, gerbang=gates or own_gates) == (message,)

    def test_missing_where_nothing_applies_reads_as_not_applicable(self):
        """-2 in a cell whose indicator does not apply to the row is read as -1, and the row converts back unchanged."""
        arr, jenis, gates = _regime_b_rows()
        arr[0, _col("4.1a")] = KOSONG
        kohort = Kohort.from_arrays(rezim_b(), arr, jenis=jenis, gerbang=gates, survei=["0.5", "0.5"])
        assert kohort.jawaban[0, _col("4.1a")] == TIDAK_BERLAKU
        assert not kohort.kosong.any()
        assert kohort.score(rezim_b()).indeks() == [Decimal("0.50"), Decimal("0.50")]

    @pytest.mark.parametrize(
        "jawaban",
        [[[2] * K, [2] * (K - 1)], [[2] * K, 2]],
        ids=["short-row", "row-and-number"],
    )
    def test_ragged_input_is_a_validation_error(self, jawaban):
        """Nested lists of different lengths are refused as a ValidationError, not a numpy error."""
        assert messages(Kohort.from_arrays, kasn(), jawaban) == (
            "$.jawaban: must be an (N, K) array of whole numbers; got rows of different lengths or other values",
        )

    def test_the_callers_array_is_copied_and_left_writable(self):
        """from_arrays copies the answers: the caller's array stays writable and changing it later changes nothing."""
        arr, jenis, gates = _regime_b_rows()
        arr[0, _col("4.1a")] = KOSONG
        before = arr.copy()
        kohort = Kohort.from_arrays(rezim_b(), arr, jenis=jenis, gerbang=gates)
        assert arr.flags.writeable
        np.testing.assert_array_equal(arr, before)
        arr[1, 0] = 4
        assert kohort.jawaban[1, 0] == 2
        assert not kohort.jawaban.flags.writeable

    @pytest.mark.parametrize(
        ("jenis", "tahap", "codes"),
        [
            (meritsys.JenisInstansi.KOTA, Tahap.PENETAPAN, ([5] * 3, [3] * 3)),
            ("kota", "penetapan", ([5] * 3, [3] * 3)),
            (["kota", meritsys.JenisInstansi.PROVINSI, 0], ["mandiri", Tahap.KLARIFIKASI, 3], ([5, 3, 0], [0, 2, 3])),
            (np.array(["kota", "provinsi", "lembaga"]), np.array([1, 1, 0], dtype=np.int8), ([5, 3, 1], [1, 1, 0])),
        ],
        ids=["one-member", "one-name", "per-row-mixed", "per-row-arrays"],
    )
    def test_type_and_stage_one_for_all_or_one_per_row(self, jenis, tahap, codes):
        """Agency types and stages are one value for every row or one per row, as members, names or integer codes."""
        kohort = Kohort.from_arrays(kasn(), levels(), jenis=jenis, tahap=tahap)
        assert (kohort.jenis.tolist(), kohort.tahap.tolist()) == codes
        assert [p.tahap for p in kohort.to_penilaian()] == [TAHAP[c] for c in codes[1]]

    @pytest.mark.parametrize(
        ("tahun", "years"),
        [(2024, [2024] * 3), ([2021, 2022, 2023], [2021, 2022, 2023]), (np.array([2030] * 3), [2030] * 3)],
        ids=["one", "per-row-list", "per-row-array"],
    )
    def test_year_one_for_all_or_one_per_row(self, tahun, years):
        """The year is one whole number for every row or one per row."""
        assert Kohort.from_arrays(kasn(), levels(), tahun=tahun).tahun.tolist() == years


JENIS_ALLOWED = "'kementerian', 'lembaga', 'lembaga_negara', 'provinsi', 'kabupaten', 'kota'"
JENIS_CODES = "0 'kementerian', 1 'lembaga', 2 'lembaga_negara', 3 'provinsi', 4 'kabupaten', 5 'kota'"
TAHAP_CODES = "0 'mandiri', 1 'verifikasi', 2 'klarifikasi', 3 'penetapan'"


class TestKohortMetadata:
    """Every metadata value is checked when the cohort is built, addressed ``$.column[row]``."""

    def test_unknown_type_and_stage_names(self):
        """An unknown agency type is named by row with the allowed names; an unknown stage likewise."""
        msgs = messages(Kohort.from_arrays, kasn(), levels(), jenis=["kota", "desa", "kota"], tahap="final")
        assert msgs == (
            f"$.jenis[1]: 'desa' is not one of {JENIS_ALLOWED}",
            "$.tahap: 'final' is not one of 'mandiri', 'verifikasi', 'klarifikasi', 'penetapan'",
        )

    def test_type_names_must_be_names_or_codes(self):
        """A list in a list of agency types is neither a name, a member nor a code, and is named; a plain code is taken."""
        msgs = messages(Kohort.from_arrays, kasn(), levels(), jenis=[0, [1], "kota"])
        assert msgs == (f"$.jenis[1]: [1] is not one of {JENIS_ALLOWED}",)
        assert messages(Kohort.from_arrays, kasn(), levels(), jenis=[0, 6, True]) == (
            f"$.jenis[1]: 6 is not one of {JENIS_ALLOWED}",
            f"$.jenis[2]: True is not one of {JENIS_ALLOWED}",
        )

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
        assert messages(Kohort.from_arrays, kasn(), levels(), jenis=codes) == (
            f"$.jenis[{row}]: code {code} is outside 0..5 ({JENIS_CODES})",
        )

    def test_codes_are_checked_on_every_construction(self):
        """Type and stage codes changed with attrs.evolve are checked again."""
        kohort = Kohort.from_arrays(kasn(), levels())
        assert messages(attrs.evolve, kohort, jenis=np.array([0, 6, 1], dtype=np.int8)) == (
            f"$.jenis[1]: code 6 is outside 0..5 ({JENIS_CODES})",
        )
        assert messages(attrs.evolve, kohort, tahap=np.array([0, 0, 4], dtype=np.int8)) == (
            f"$.tahap[2]: code 4 is outside 0..3 ({TAHAP_CODES})",
        )

    def test_code_columns_of_a_direct_cohort_must_be_arrays(self):
        """A type code column given to the class (or attrs.evolve) as a list is refused: it must be an array of codes."""
        kohort = Kohort.from_arrays(kasn(), levels())
        assert messages(attrs.evolve, kohort, jenis=[0, 1, 2]) == ("$.jenis: must be an array of integer codes, got list",)

    @pytest.mark.parametrize(
        ("tahun", "expected"),
        [
            (70000, ("$.tahun: must lie in 2000..2100, got 70000",)),
            (1999, ("$.tahun: must lie in 2000..2100, got 1999",)),
            (True, ("$.tahun: must be a whole-number year or one per row, got True",)),
            ("2023", ("$.tahun: must be a whole-number year or one per row, got '2023'",)),
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
                ("$.tahun: must be an array of whole-number years, got dtype float64",),
            ),
        ],
        ids=[
            "one-overflowing", "one-too-early", "one-bool", "one-text",
            "per-row", "int16-array", "per-row-not-numbers", "floats",
        ],
    )
    def test_years_are_checked_as_the_model_checks_them(self, tahun, expected):
        """Years outside the range Penilaian allows, or not whole numbers, are refused (by row when given per row)."""
        assert messages(Kohort.from_arrays, kasn(), levels(), tahun=tahun) == expected

    def test_numpy_years_are_whole_numbers(self):
        """A numpy integer year (one, or an array of any integer dtype) is accepted."""
        one = Kohort.from_arrays(kasn(), levels(), tahun=np.int64(2024))
        many = Kohort.from_arrays(kasn(), levels(), tahun=np.array([2021, 2022, 2100], dtype=np.uint16))
        assert (one.tahun.tolist(), many.tahun.tolist(), many.tahun.dtype) == ([2024] * 3, [2021, 2022, 2100], np.int16)

    def test_years_changed_later_are_checked(self):
        """A year column changed with attrs.evolve is checked again, by row."""
        kohort = Kohort.from_arrays(kasn(), levels())
        assert messages(attrs.evolve, kohort, tahun=np.array([2023, 1999, 2023], dtype=np.int16)) == (
            "$.tahun[1]: must lie in 2000..2100, got 1999",
        )

    def test_survey_correction_and_agency_values(self):
        """Floats, text that is no number, surveys outside 0..1 and bad codes, names or provinces are named by row."""
        msgs = messages(
            Kohort.from_arrays, kasn(), levels(),
            kode=["a", "", 3], nama=["A", " B", "C"], provinsi=[None, 5, "Bali"],
            survei=[0.5, "1.5", None], koreksi=["x", None, Decimal(0)],
        )
        assert msgs == (
            "$.kode[1]: must be a non-empty string without surrounding spaces, got ''",
            "$.kode[2]: must be a string, got 3",
            "$.nama[1]: must be a non-empty string without surrounding spaces, got ' B'",
            "$.provinsi[1]: must be a string or null, got 5",
            "$.survei[0]: 0.5 is a float; pass the number as a string or Decimal, e.g. '0.5'",
            "$.survei[1]: must lie in 0..1, got 1.5",
            "$.koreksi[0]: 'x' is not a number",
            "$.koreksi[1]: None (NoneType) is not a number",
        )

    def test_survey_and_correction_become_decimals(self):
        """Surveys and corrections given as numeric strings or whole numbers are kept as exact decimals."""
        kohort = Kohort.from_arrays(kasn(), levels(), survei=["0.5", None, 1], koreksi=["-0.01", 0, Decimal("0.2")])
        assert (kohort.survei, kohort.koreksi) == (
            (Decimal("0.5"), None, Decimal(1)), (Decimal("-0.01"), Decimal(0), Decimal("0.2"))
        )
        assert kohort.to_penilaian()[0].survei == Decimal("0.5")

    def test_numpy_columns_are_read_as_plain_values(self):
        """A numpy survey column is read value by value: floats are refused with the plain number, strings converted."""
        msgs = messages(Kohort.from_arrays, kasn(), levels(), survei=np.array([0.25, 0.5, 1.0]))
        assert msgs[0] == "$.survei[0]: 0.25 is a float; pass the number as a string or Decimal, e.g. '0.25'"
        kohort = Kohort.from_arrays(kasn(), levels(), survei=np.array(["0.25", "0.5", "1"]), kode=np.array(["a", "b", "c"]))
        assert (kohort.survei[0], type(kohort.kode[0])) == (Decimal("0.25"), str)

    def test_whole_column_of_the_wrong_kind(self):
        """A single value where a per-row column belongs is refused at the column."""
        assert messages(Kohort.from_arrays, kasn(), levels(), survei=Decimal("0.5"), gerbang={"g": "ya"}) == (
            "$.survei: expected 3 values, got Decimal",
            "$.gerbang: expected 3 values, got dict",
        )

    def test_gate_answers_are_checked_against_the_rubric(self):
        """Unknown gates, answers that are not options, gates answered twice and non-mappings are named by row."""
        b = rezim_b()
        arr = Kohort.from_penilaian(b, [penilaian_b(2)] * 4).jawaban
        ok = {"kecelakaan_kerja": "tidak", "kematian": "tidak"}
        gates = [
            {**ok, "banjir": "ya"},
            {"kecelakaan_kerja": "mungkin", "kematian": "tidak"},
            {**ok, "a6q4_kecelakaan_gate": "tidak"},
            "ya",
        ]
        assert messages(Kohort.from_arrays, b, arr, gerbang=gates) == (
            '$.gerbang[0]["banjir"]: not a gate of rubrik permenpanrb-19-2025; gates: kecelakaan_kerja, kematian',
            """$.gerbang[1]["kecelakaan_kerja"]: 'mungkin' is not an answer; one of 'ya', 'tidak'""",
            '$.gerbang[2]["a6q4_kecelakaan_gate"]: gate kecelakaan_kerja is answered twice (by code and alias)',
            "$.gerbang[3]: expected a mapping, got str",
        )

    def test_gate_answers_on_a_rubric_without_gates(self):
        """A non-string gate answer is refused as the model refuses it; any gate of a gateless rubric, in every row."""
        msgs = messages(Kohort.from_arrays, kasn(), levels(2), gerbang=[{}, {"g": 1}])
        assert msgs == ('$.gerbang[1]["g"]: must be a string answer, got 1',)
        msgs = messages(Kohort.from_arrays, kasn(), levels(2), gerbang=[{"g": "a"}] * 2)
        assert msgs == tuple(f'$.gerbang[{i}]["g"]: not a gate of rubrik kasn-2019; gates: none' for i in range(2))

    def test_rows_sharing_gate_answers_are_each_checked(self):
        """Rows with equal gate answers (one object or many) all pass, and a bad row among them is still named."""
        b = rezim_b()
        arr = Kohort.from_penilaian(b, [penilaian_b(2)] * 3).jawaban
        ok = {"kecelakaan_kerja": "tidak", "kematian": "tidak"}
        assert [dict(g) for g in Kohort.from_arrays(b, arr, gerbang=[ok, dict(ok), ok]).gerbang] == [ok] * 3
        bad = {"kecelakaan_kerja": "tidak", "kematian": 0}
        assert messages(Kohort.from_arrays, b, arr, gerbang=[ok, bad, dict(ok)]) == (
            '$.gerbang[1]["kematian"]: must be a string answer, got 0',
        )

    def test_many_bad_rows_are_counted(self):
        """Past 20 problems in a column the rest are counted, not dropped silently."""
        msgs = messages(Kohort.from_arrays, kasn(), levels(25), survei=["2"] * 25)
        assert msgs[:2] == ("$.survei[0]: must lie in 0..1, got 2", "$.survei[1]: must lie in 0..1, got 2")
        assert (len(msgs), msgs[-1]) == (21, "$.survei: 5 more rows have problems like these")

    def test_every_problem_is_reported_together(self):
        """Bad cells and bad metadata of several columns come back in one error."""
        arr = levels()
        arr[1, 3] = 7
        msgs = messages(Kohort.from_arrays, kasn(), arr, jenis=np.array([0, 0, 9]), tahun=[2023, 2023, 1999])
        assert msgs == (
            '$[1]["1.4"]: level 7 is outside 0..4',
            f"$.jenis[2]: code 9 is outside 0..5 ({JENIS_CODES})",
            "$.tahun[2]: must lie in 2000..2100, got 1999",
        )

    def test_lengths_are_checked_before_values(self):
        """A column of the wrong length is reported alone: the other columns' rows would not line up."""
        assert messages(Kohort.from_arrays, kasn(), levels(), kode=["a"], survei=[0.5] * 3) == (
            "$.kode: expected 3 values, got 1",
        )


class TestKohortContainer:
    def test_rubrik_is_a_reference(self):
        """A cohort records which rubric it follows as a RubrikRef: id, content hash and reforms."""
        kohort = Kohort.from_arrays(kasn(), levels())
        assert kohort.rubrik == RubrikRef(KASN, rubrik_sha256(kasn()), ())
        assert (kohort.rubrik.id, kohort.kode_indikator) == (KASN, tuple(i.kode for i in kasn().indikator))

    def test_columns_not_given_read_as_their_defaults(self):
        """Codes, names, provinces, surveys, corrections, gates and evidence not given read as their defaults."""
        kohort = Kohort.from_arrays(kasn(), levels(2))
        assert (list(kohort.kode), list(kohort.nama), list(kohort.provinsi)) == (
            ["baris-0", "baris-1"], ["Instansi 0", "Instansi 1"], [None, None]
        )
        assert (kohort.survei, kohort.koreksi) == ((None, None), (Decimal(0), Decimal(0)))
        assert [dict(g) for g in kohort.gerbang] == [dict(b) for b in kohort.bukti] == [{}, {}]

    def test_direct_construction_checks_widths(self):
        """A cohort changed with attrs.evolve is checked again: columns against indicators, rows per column."""
        kohort = Kohort.from_arrays(kasn(), levels())
        assert messages(attrs.evolve, kohort, kode_indikator=("1.1",)) == ("$.jawaban: has 37 columns for 1 indicators",)
        assert messages(attrs.evolve, kohort, bukti=()) == ("$.bukti: expected 3 values, got 0",)

    def test_answers_are_read_only(self):
        """The checked answer cells cannot be changed in place."""
        kohort = Kohort.from_arrays(kasn(), levels())
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
        assert messages(Kohort.from_penilaian, kasn(), [penilaian_a(3), penilaian_b(2)]) == (
            "$[1].rubrik: assessment is for 'permenpanrb-19-2025', not 'kasn-2019'",
        )

    def test_scoring_against_another_rubric_is_refused(self):
        """A cohort scored against a rubric of another id is refused at `rubrik`."""
        kohort = Kohort.from_arrays(kasn(), levels())
        assert messages(kohort.score, rezim_b()) == ("$.rubrik: the cohort is for 'kasn-2019', not 'permenpanrb-19-2025'",)

    def test_strategy_by_name_or_object(self):
        """score takes a strategy name or object and gives what the rubric's own strategy gives here."""
        kohort = Kohort.from_penilaian(kasn(), [penilaian_a(3), penilaian_a(1)])
        own = kohort.score(kasn())
        assert own.indeks() == [Decimal(300), Decimal(100)]
        assert kohort.score(kasn(), "weighted-sum").indeks() == own.indeks()
        assert kohort.score(kasn(), WeightedSum()).strategi == "weighted-sum"

    def test_changed_rubric_with_the_same_id_rechecks_cells(self):
        """Cells checked against one rubric are checked again against a changed rubric of the same id."""
        kohort = Kohort.from_arrays(kasn(), levels(2, level=0))
        stricter = kasn_without_level_0()
        msgs = messages(kohort.score, stricter)
        assert msgs == ('$[0]["1.1"]: level 0 is outside 1..4', '$[1]["1.1"]: level 0 is outside 1..4')

    def test_missing_cells_follow_the_policy_when_scored(self):
        """Missing cells kept by the cohort are refused under 'galat' and filled under a strategy's policy."""
        arr = levels(2)
        arr[0, 0] = KOSONG
        kohort = Kohort.from_arrays(kasn(), arr)
        assert messages(kohort.score, kasn()) == ('$[0]["1.1"]: missing answer (levels 0..4); no missing-answer policy is declared',)
        filled = kohort.score(kasn(), WeightedSum(kebijakan_kosong=KebijakanKosong.NOL))
        assert filled.indeks() == [Decimal(194), Decimal(200)]


class TestKohortSelect:
    @pytest.fixture
    def kohort(self):
        arr = levels(3)
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
        """A mask or indices select those rows, in the order given, in the cohort's own layout, every column aligned (scores too)."""
        sub = kohort.select(rows)
        assert [str(k) for k in sub.kode] == codes
        assert [p.instansi.kode for p in sub.to_penilaian()] == codes
        assert (sub.jawaban.flags.f_contiguous, sub.jawaban.flags.c_contiguous) == (
            kohort.jawaban.flags.f_contiguous or len(sub) < 2, kohort.jawaban.flags.c_contiguous or len(sub) < 2
        )
        whole = dict(zip(["a", "b", "c"], kohort.score(kasn()).indeks(), strict=True))
        assert sub.score(kasn()).indeks() == [whole[c] for c in codes]

    def test_selection_keeps_every_column(self, kohort):
        """Selected rows are exactly those assessments: answers and every metadata column stay aligned."""
        everyone = kohort.to_penilaian()
        assert kohort.select([2, 0]).to_penilaian() == (everyone[2], everyone[0])
        assert kohort.select([False, True, False]).to_penilaian() == (everyone[1],)
        assert everyone[2].jawaban["1.1"] == 4
        assert (everyone[2].instansi.provinsi, everyone[2].survei, everyone[2].koreksi) == ("Bali", Decimal("0.3"), Decimal(3))

    def test_selection_keeps_gate_answers_aligned(self):
        """Gate answers of a regime B cohort follow their rows through a selection."""
        b = rezim_b()
        items = [penilaian_b(2, gerbang={"kecelakaan_kerja": ans, "kematian": "tidak"}) for ans in ("tidak", "ya")]
        arr = Kohort.from_penilaian(b, items).jawaban
        kohort = Kohort.from_arrays(b, arr, gerbang=[p.gerbang for p in items])
        assert [dict(g) for g in kohort.select([1, 0]).gerbang] == [dict(items[1].gerbang), dict(items[0].gerbang)]

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
        assert messages(kohort.select, rows) == (message,)


class TestKohortLevels:
    """What the strategies read: the checked answers, missing cells filled by a policy (once AnswerMatrix.checked)."""

    @pytest.mark.parametrize(
        ("jawaban", "message"),
        [
            (np.zeros((2, K)), "$: jawaban must hold whole numbers, got dtype float64"),
            (np.zeros((2, K), dtype=bool), "$: jawaban must hold whole numbers, got dtype bool"),
            (np.full((2, K), 300), "$: jawaban values must be levels, -1 (not applicable) or -2 (missing)"),
            (np.full((2, K), -129), "$: jawaban values must be levels, -1 (not applicable) or -2 (missing)"),
            (np.zeros(K, dtype=np.int8), "$: jawaban must be (N, 37), got shape (37,)"),
            (np.int8(3), "$: jawaban must be (N, 37), got shape ()"),
        ],
        ids=["float", "bool", "above-int8", "below-int8", "1-d", "scalar"],
    )
    def test_bad_arrays(self, jawaban, message):
        """Arrays that are not whole numbers, do not fit int8 or are not 2-D are refused."""
        assert messages(Kohort.from_arrays, kasn(), jawaban) == (message,)

    def test_wide_integers_are_narrowed(self):
        """Whole numbers of any integer dtype (or nested lists) become int8 cells."""
        for given in ([[2] * K, [3] * K], np.asarray([[2] * K, [3] * K], dtype=np.int64)):
            kohort = Kohort.from_arrays(kasn(), given)
            assert (kohort.jawaban.dtype, len(kohort), kohort.jawaban[1, 0]) == (np.int8, 2, 3)

    @pytest.mark.parametrize(
        ("column", "message"),
        [
            ({"survei": (None,)}, "$.survei: expected 3 values, got 1"),
            ({"koreksi": (Decimal(0),) * 4}, "$.koreksi: expected 3 values, got 4"),
            ({"kode": np.asarray(["a"], dtype=object)}, "$.kode: expected 3 values, got 1"),
        ],
        ids=["survei", "koreksi", "kode"],
    )
    def test_row_columns_of_wrong_length(self, column, message):
        """Built directly, per-row survey, correction and code columns must have one value per row."""
        assert messages(_direct, levels(), **column) == (message,)

    def test_survey_and_correction_values_are_checked(self):
        """Floats, booleans, text and surveys outside 0..1 are each named by column and row."""
        msgs = messages(Kohort.from_arrays, kasn(), levels(), survei=[0.5, "1.5", "x"], koreksi=["0", True, "0.1"])
        assert msgs == (
            "$.survei[0]: 0.5 is a float; pass the number as a string or Decimal, e.g. '0.5'",
            "$.survei[1]: must lie in 0..1, got 1.5",
            "$.survei[2]: 'x' is not a number",
            "$.koreksi[1]: True is a boolean, not a number",
        )

    def test_survey_and_correction_kept_as_given(self):
        """Survey and correction given as strings are kept as exact decimals; None stays absent."""
        kohort = Kohort.from_arrays(kasn(), levels(), survei=["0.5", None, Decimal(1)], koreksi=["-0.01", "0", "0"])
        assert (kohort.survei, kohort.koreksi[0]) == ((Decimal("0.5"), None, Decimal(1)), Decimal("-0.01"))

    def test_negative_values_other_than_markers(self):
        """A negative cell that is neither -1 nor -2 is an out-of-range level, not a missing answer, named when scored."""
        arr = levels()
        arr[1, 0] = -5
        assert messages(score_batch, _direct(arr), KASN) == ('$[1]["1.1"]: level -5 is outside 0..4',)

    @pytest.mark.parametrize(
        ("policy", "filled"),
        [
            (KebijakanKosong.TIDAK_BERLAKU, [TIDAK_BERLAKU, 2, 2]),
            (KebijakanKosong.NOL, [0, 2, 2]),
            (KebijakanKosong.TERENDAH, [0, 2, 2]),
        ],
        ids=["tidak-berlaku", "nol", "terendah"],
    )
    def test_missing_cells_filled_by_policy(self, policy, filled):
        """levels() fills missing cells as the policy says and leaves the cohort itself unchanged."""
        arr = levels()
        arr[0, 0] = KOSONG
        kohort = Kohort.from_arrays(kasn(), arr)
        assert kohort.levels(kasn(), policy)[:, 0].tolist() == filled
        assert kohort.jawaban[0, 0] == KOSONG

    def test_nol_policy_cannot_fill_where_level_0_is_not_allowed(self):
        """Under 'nol', a missing answer to an indicator without level 0 stays an error; 'terendah' fills 1."""
        rubrik = kasn_without_level_0()
        arr = np.full((2, K), 3, dtype=np.int8)
        arr[1, 0] = KOSONG
        kohort = Kohort.from_arrays(rubrik, arr)
        assert messages(kohort.levels, rubrik, KebijakanKosong.NOL) == (
            """$[1]["1.1"]: missing answer, and the policy 'nol' cannot apply: level 0 is not allowed (levels 1..4)""",
        )
        assert kohort.levels(rubrik, KebijakanKosong.TERENDAH)[1, 0] == 1

    def test_scores_as_floats_and_length(self):
        """A batch result reports its length and the index values as floats for plotting."""
        result = score_batch(Kohort.from_arrays(kasn(), np.stack([levels(1, 1)[0], levels(1, 4)[0]])), KASN)
        assert len(result) == 2
        assert result.indeks_float().tolist() == [100.0, 400.0]


class TestKohortTrust:
    """No public way in marks cells as checked: a cohort made any other way is checked in full when it is scored."""

    def test_no_constructor_takes_a_trust_argument(self):
        """The old trust argument (AnswerMatrix(diperiksa=...)) is gone: the class refuses it like any unknown argument."""
        with pytest.raises(TypeError):
            _direct(levels(), diperiksa=("sha", (False,) * K))
        with pytest.raises(TypeError):
            _direct(levels(), checked=rubrik_sha256(kasn()))

    def test_direct_construction_is_checked_when_scored(self):
        """Cells given to Kohort(...) directly are checked when scored: bad levels and misplaced -1 are named by row."""
        arr = levels()
        arr[0, 3] = 9
        arr[2, 5] = TIDAK_BERLAKU
        kohort = _direct(arr)
        expected = (
            '$[0]["1.4"]: level 9 is outside 0..4',
            '$[2]["2.2"]: not applicable (-1) is not allowed: the indicator applies to this row; give its level, or -2 for a missing answer',
        )
        assert messages(kohort.score, kasn()) == expected
        assert messages(kohort.levels, kasn()) == expected
        assert messages(score_batch, kohort, KASN) == expected

    def test_evolved_answers_are_checked_again(self):
        """attrs.evolve with new answers makes a cohort that is checked again, though the original was checked."""
        kohort = Kohort.from_arrays(kasn(), levels())
        arr = levels()
        arr[1, 0] = 7
        changed = attrs.evolve(kohort, jawaban=arr)
        assert messages(changed.score, kasn()) == ('$[1]["1.1"]: level 7 is outside 0..4',)
        assert messages(WeightedSum().score_batch, kasn(), changed) == ('$[1]["1.1"]: level 7 is outside 0..4',)
        assert kohort.score(kasn()).indeks() == [Decimal(200)] * 3

    def test_direct_construction_checks_the_columns_read_as_given(self):
        """Survey scores (which scores read), corrections and the texts are checked by Kohort(...) itself, as from_arrays checks them."""
        with pytest.raises(ValidationError) as err:
            _direct(
                levels(),
                survei=(Decimal(5), None, "0.5"),
                koreksi=(Decimal(0), "x", 0),
                kode=np.asarray([" a", "b", "c"]),
                nama=["A", "", "C"],
                provinsi=["Jawa", 7, None],
            )
        assert err.value.messages == (
            "$.survei[0]: must lie in 0..1, got 5",
            "$.koreksi[1]: 'x' is not a number",
            "$.kode[0]: must be a non-empty string without surrounding spaces, got ' a'",
            "$.nama[1]: must be a non-empty string without surrounding spaces, got ''",
            "$.provinsi[1]: must be a string or null, got 7",
        )

    def test_direct_construction_owns_what_it_is_given(self):
        """Survey scores given as text become decimals; a numpy text column is copied (the caller's array stays as it is)."""
        kode = np.asarray(["a", "b", "c"])
        kohort = _direct(levels(), survei=("0.5", None, Decimal("0.25")), kode=kode)
        assert kohort.survei == (Decimal("0.5"), None, Decimal("0.25"))
        kode[0] = "z"
        assert kohort.kode.tolist() == ["a", "b", "c"]
        assert kode.flags.writeable

    def test_a_cohorts_own_columns_make_it_again(self):
        """attrs.evolve (and Kohort(...) with a cohort's own columns: ASCII text held as bytes) gives the same cohort."""
        kode = np.asarray([f"kab-{i}" for i in range(3)])
        kohort = Kohort.from_arrays(kasn(), levels(), kode=kode, nama=["Satu", "Dua", "Tiga"], provinsi=np.asarray(["Aceh", "Bali", "Riau"]), survei=["0.5", None, "1"])
        again = attrs.evolve(kohort)
        assert again.to_penilaian() == kohort.to_penilaian()
        assert again.score(kasn()).indeks() == kohort.score(kasn()).indeks()
        with pytest.raises(ValidationError, match=r"\$\.kode: a column of bytes must hold ASCII text"):
            attrs.evolve(kohort, kode=np.asarray([b"\xff", b"b", b"c"]))
        with pytest.raises(ValidationError) as err:
            attrs.evolve(kohort, kode=np.asarray([b"a", b"b ", b""]), provinsi=np.asarray([b"", b" x", b"y"]))
        assert err.value.messages == (
            "$.kode[1]: must be a non-empty string without surrounding spaces, got 'b '",
            "$.kode[2]: must be a non-empty string without surrounding spaces, got ''",
        )

    def test_selecting_rows_keeps_unchecked_rows_unchecked(self):
        """Rows selected from an unchecked cohort are still checked when scored; rows without the bad cell pass."""
        arr = levels()
        arr[1, 0] = 7
        kohort = _direct(arr)
        assert messages(kohort.select([1, 2]).score, kasn()) == ('$[0]["1.1"]: level 7 is outside 0..4',)
        assert kohort.select([0, 2]).score(kasn()).indeks() == [Decimal(200)] * 2

    def test_direct_construction_copies_the_array(self):
        """Kohort(...) copies the answers into its own read-only array; changing the caller's array changes nothing."""
        arr = levels()
        kohort = _direct(arr)
        arr[0, 0] = 9
        assert kohort.jawaban[0, 0] == 2
        assert not kohort.jawaban.flags.writeable
        assert arr.flags.writeable
        assert kohort.score(kasn()).indeks() == [Decimal(200)] * 3

    def test_a_valid_direct_cohort_scores_like_a_checked_one(self):
        """A direct cohort whose cells pass the check scores exactly as the same cohort from from_arrays."""
        arr = np.random.default_rng(3).integers(0, 5, (20, K), dtype=np.int8)
        direct, checked = _direct(arr), Kohort.from_arrays(kasn(), arr)
        assert direct.score(kasn()).indeks() == checked.score(kasn()).indeks()
        np.testing.assert_array_equal(direct.levels(kasn()), checked.levels(kasn()))
