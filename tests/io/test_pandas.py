"""pandas frames in and out: the wide layout, every problem at its row label and column, exact results."""

import sys
from decimal import Decimal

import numpy as np
import pytest

pd = pytest.importorskip("pandas")

import meritsys  # noqa: E402
from meritsys import KebijakanKosong, Kohort, MeritsysError, ValidationError, WeightedSum  # noqa: E402
from tests.helpers import KOHORT_A, KOHORT_B, kasn, messages, rezim_b  # noqa: E402

JENIS = "'kementerian', 'lembaga', 'lembaga_negara', 'provinsi', 'kabupaten', 'kota'"
UNKNOWN = "not an indicator or gate of rubrik kasn-2019, nor one of the columns instansi, nama, jenis, provinsi, tahun, tahap, rubrik, survei, koreksi"


def _frame(n=3, level=3, **answers):
    """A kasn-2019 frame of *n* rows, every answer *level* except the columns given."""
    codes = [i.kode for i in kasn().indikator]
    data = {
        "instansi": [f"kab-{i}" for i in range(n)],
        "nama": [f"Kabupaten {i}" for i in range(n)],
        "jenis": ["kabupaten"] * n,
        "tahun": [2023] * n,
    }
    data.update({c: answers.get(c, [level] * n) for c in codes})
    return pd.DataFrame(data)


def _without_evidence(items):
    import attrs

    return tuple(attrs.evolve(p, bukti={}) for p in items)


def _same_cohort(a, b):
    """Two cohorts hold the same rows: cells, metadata and the assessments they stand for."""
    np.testing.assert_array_equal(a.jawaban, b.jawaban)
    assert _without_evidence(a.to_penilaian()) == _without_evidence(b.to_penilaian())


class TestRoundTrip:
    @pytest.mark.parametrize("path", [KOHORT_A, KOHORT_B], ids=["kasn-2019", "permenpanrb-19-2025"])
    def test_shipped_cohorts_round_trip(self, path):
        """A cohort written to a frame and read back is the same cohort, and writes the same frame again."""
        items = meritsys.read_penilaian(path)
        r = meritsys.get_rubrik(items[0].rubrik)
        kohort = Kohort.from_penilaian(r, items)
        df = kohort.to_pandas()
        back = Kohort.from_pandas(df)
        _same_cohort(back, kohort)
        pd.testing.assert_frame_equal(back.to_pandas(), df)

    def test_missing_answers_stay_missing(self):
        """Missing answers read as missing (-2), write as <NA> and read back missing: `from_pandas(df).to_pandas()` equals the frame."""
        df = _frame(2, **{"1.1": [3, None], "1.2": [None, None]})
        df = df.astype({i.kode: "Int8" for i in kasn().indikator}).assign(tahun=np.array([2023, 2023], dtype=np.int16))
        df["jenis"] = pd.Categorical(df["jenis"], categories=[j.value for j in meritsys.JenisInstansi])
        df.insert(4, "tahap", pd.Categorical(["mandiri"] * 2, categories=[t.value for t in meritsys.Tahap], ordered=True))
        df.insert(5, "rubrik", pd.Categorical(["kasn-2019"] * 2))
        kohort = Kohort.from_pandas(df)
        assert kohort.jawaban[:, :2].tolist() == [[3, -2], [-2, -2]]
        pd.testing.assert_frame_equal(kohort.to_pandas(), df)

    def test_results_are_those_of_the_assessments(self):
        """A cohort read from a frame scores bit-identically to the same assessments laid out by from_penilaian."""
        for path in (KOHORT_A, KOHORT_B):
            items = meritsys.read_penilaian(path)
            r = meritsys.get_rubrik(items[0].rubrik)
            direct = Kohort.from_penilaian(r, items).score(r)
            framed = Kohort.from_pandas(Kohort.from_penilaian(r, items).to_pandas(decimals="float"), r).score(r)
            np.testing.assert_array_equal(framed.indeks_unit, direct.indeks_unit)
            np.testing.assert_array_equal(framed.kategori, direct.kategori)
            assert framed.indeks() == [h.indeks for h in meritsys.score_many(items)]

    def test_random_cohorts_round_trip(self):
        """Random valid cohorts of either shipped rubric, some answers left out, survive frame and back unchanged."""
        from hypothesis import given, settings
        from hypothesis import strategies as st

        from meritsys.testing.generators import cohort

        @settings(max_examples=30, deadline=None)
        @given(st.sampled_from(["kasn-2019", "permenpanrb-19-2025"]).flatmap(lambda r: cohort(r, max_size=6, kosong=True)), st.sampled_from(["decimal", "float", "string"]))
        def check(items, decimals):
            r = meritsys.get_rubrik(items[0].rubrik)
            kohort = Kohort.from_penilaian(r, items)
            df = kohort.to_pandas(decimals=decimals)
            back = Kohort.from_pandas(df, r)
            _same_cohort(back, kohort)
            pd.testing.assert_frame_equal(back.to_pandas(decimals=decimals), df)

        check()


class TestCells:
    @pytest.mark.parametrize(
        ("column", "expected"),
        [
            (pd.Series([3, 0, 4], dtype="int8"), [3, 0, 4]),
            (pd.Series([3, 0, 4], dtype="int64"), [3, 0, 4]),
            (pd.Series([3.0, np.nan, 4.0]), [3, -2, 4]),
            (pd.Series([3, None, 4], dtype="Int8"), [3, -2, 4]),
            (pd.Series([3.0, None, 4.0], dtype="Float64"), [3, -2, 4]),
            (pd.Series([3, None, "4"], dtype=object), [3, -2, 4]),
            (pd.Series([Decimal("3"), "", 4.0], dtype=object), [3, -2, 4]),
            (pd.Series(["3", None, " 4 "], dtype="string"), [3, -2, 4]),
            (pd.Series(pd.Categorical([3, None, 4])), [3, -2, 4]),
            (pd.Series(pd.Categorical(["3", "", "4"])), [3, -2, 4]),
        ],
        ids=["int8", "int64", "float-nan", "Int8-na", "Float64-na", "object", "object-blank", "string", "categorical", "categorical-text"],
    )
    def test_every_kind_of_column_reads(self, column, expected):
        """Numeric, nullable, object, string and categorical answer columns read alike; NaN, None, pd.NA and "" are missing."""
        kohort = Kohort.from_pandas(_frame(3, **{"1.1": column}), kasn())
        assert kohort.jawaban[:, 0].tolist() == expected

    def test_whole_numbers_in_any_form_are_levels(self):
        """3.0, "3", " 3 " and Decimal("3.0") are level 3 (a spreadsheet's numbers)."""
        column = pd.Series([3.0, "3", " 3 ", Decimal("3.0")], dtype=object)
        assert Kohort.from_pandas(_frame(4, **{"1.1": column}), kasn()).jawaban[:, 0].tolist() == [3, 3, 3, 3]

    def test_missing_answers_follow_the_policy(self):
        """A missing answer is an error when scored under the rubric's policy, and counts as the caller's policy says."""
        df = _frame(2, **{"1.1": [np.nan, 2.0]})
        kohort = Kohort.from_pandas(df, kasn())
        assert messages(kohort.score, kasn()) == ('$[0]["1.1"]: missing answer (levels 0..4); no missing-answer policy is declared',)
        filled = kohort.score(kasn(), WeightedSum(kebijakan_kosong=KebijakanKosong.NOL))
        assert filled.indeks() == Kohort.from_pandas(_frame(2, **{"1.1": [0, 2]}), kasn()).score(kasn()).indeks()

    def test_the_callers_frame_is_left_alone(self):
        """Reading copies: the frame is unchanged, and changing it afterwards does not change the cohort."""
        df = _frame(2, **{"1.1": pd.Series(["3", ""], dtype=object)})
        before = df.copy()
        kohort = Kohort.from_pandas(df, kasn())
        pd.testing.assert_frame_equal(df, before)
        df.loc[0, "1.2"] = 0
        assert kohort.jawaban[0, 1] == 3


class TestLayout:
    def test_regime_b_gates_survey_and_correction(self):
        """Gate columns, float survey scores and corrections read exactly: the regime B cohort of the JSON file."""
        items = meritsys.read_penilaian(KOHORT_B)
        df = Kohort.from_penilaian(rezim_b(), items).to_pandas(decimals="float")
        assert {"kecelakaan_kerja", "kematian", "survei", "koreksi"} <= set(df.columns)
        assert df["survei"].dtype == np.float64
        kohort = Kohort.from_pandas(df, rezim_b())
        assert kohort.survei == tuple(p.survei for p in items)
        assert kohort.koreksi == tuple(p.koreksi for p in items)
        assert kohort.to_penilaian() == tuple(items)

    def test_the_rubric_from_the_column_an_id_or_given(self):
        """The rubric is taken from the rubrik column, or passed as a rubric or an id; a row naming another is refused."""
        df = _frame(2).assign(rubrik="kasn-2019")
        for rubrik in (None, "kasn-2019", kasn()):
            assert Kohort.from_pandas(df, rubrik).rubrik.id == "kasn-2019"
        df.loc[1, "rubrik"] = "permenpanrb-19-2025"
        assert messages(Kohort.from_pandas, df, kasn()) == ("$.baris[1][\"rubrik\"]: 'permenpanrb-19-2025' is not the rubric the frame is read for (kasn-2019)",)
        assert messages(Kohort.from_pandas, df) == ("$.kolom[\"rubrik\"]: the rows name different rubrics or none ('kasn-2019', 'permenpanrb-19-2025'); one frame holds one rubric's assessments",)
        assert messages(Kohort.from_pandas, _frame(1)) == ("$.kolom: no rubrik column: name the rubric in a column 'rubrik' or pass it",)

    def test_metadata_may_sit_in_the_index(self):
        """A frame indexed by instansi reads its codes from the index, and its problems are addressed by them."""
        df = _frame(2, **{"1.1": [3, 9]}).set_index("instansi")
        assert messages(Kohort.from_pandas, df, kasn()) == ('$.baris["kab-1"]["1.1"]: level 9 is outside 0..4',)
        assert Kohort.from_pandas(df.assign(**{"1.1": 1}), kasn()).kode.tolist() == ["kab-0", "kab-1"]

    def test_metadata_of_any_kind(self):
        """Years as floats, an empty stage (mandiri), categorical types, and provinces (an empty text kept, a missing one None) read as given."""
        df = _frame(2).assign(tahun=[2023.0, 2024.0], tahap=["penetapan", None], provinsi=["", None])
        df["jenis"] = pd.Categorical(["kota", "provinsi"])
        df["instansi"] = ["kab-a\x00", "kab-b"]  # a text numpy strings could not hold exactly
        kohort = Kohort.from_pandas(df, kasn())
        assert kohort.tahun.tolist() == [2023, 2024]
        assert [p.tahap.value for p in kohort.to_penilaian()] == ["penetapan", "mandiri"]
        assert [j.value for j in kohort.jenis_instansi] == ["kota", "provinsi"]
        assert kohort.provinsi.tolist() == ["", None]
        assert kohort.kode.tolist() == ["kab-a\x00", "kab-b"]

    def test_an_alias_answers_its_indicator(self):
        """A column named by an indicator's alias answers it; naming one indicator twice is refused."""
        r = rezim_b()
        ind = next(i for i in r.indikator if i.alias)
        df = Kohort.from_penilaian(r, meritsys.read_penilaian(KOHORT_B)).to_pandas()
        aliased = df.rename(columns={ind.kode: ind.alias[0]})
        _same_cohort(Kohort.from_pandas(aliased, r), Kohort.from_pandas(df, r))
        twice = df.assign(**{ind.alias[0]: df[ind.kode]})
        assert messages(Kohort.from_pandas, twice, r) == (f'$.kolom["{ind.alias[0]}"]: answers indicator {ind.kode}, as the column {ind.kode!r} does',)


class TestProblems:
    def test_every_bad_cell_together_by_label_and_column(self):
        """3.5, "tiga", a 5, a boolean, a bad type and a bad year are all named at once, by row label and column."""
        df = _frame(4, **{"1.1": pd.Series([3.5, "tiga", 3, True], dtype=object), "1.2": [3, 3, 5, 3]})
        df.loc[3, "jenis"] = "desa"
        df["tahun"] = df["tahun"].astype(object)
        df.loc[2, "tahun"] = "dua ribu"
        df.index = ["kab-a", "kab-b", "kab-c", "kab-d"]
        assert messages(Kohort.from_pandas, df, kasn()) == (
            '$.baris["kab-a"]["1.1"]: 3.5 is not a whole level',
            "$.baris[\"kab-b\"][\"1.1\"]: 'tiga' is not a level (a whole number)",
            "$.baris[\"kab-c\"][\"tahun\"]: 'dua ribu' is not a year",
            '$.baris["kab-c"]["1.2"]: level 5 is outside 0..4',
            f"$.baris[\"kab-d\"][\"jenis\"]: 'desa' is not one of {JENIS}",
            '$.baris["kab-d"]["1.1"]: True is a boolean, not a level',
        )

    def test_every_problem_has_its_code(self):
        """Each problem carries the stable code of its kind, as the other readers' problems do."""
        df = _frame(3, **{"1.1": pd.Series([3.5, 3, 3], dtype=object), "1.2": [3, 5, 3]}).assign(kode="x", rubrik="kasn-2019")
        df.loc[2, "jenis"] = "desa"
        df.loc[2, "rubrik"] = "lain"
        with pytest.raises(ValidationError) as info:
            Kohort.from_pandas(df, kasn())
        assert [(p.path, p.code) for p in info.value.problems] == [
            ('kolom["kode"]', "unknown-key"),
            ('baris[0]["1.1"]', "not-a-level"),
            ('baris[1]["1.2"]', "level-out-of-range"),
            ('baris[2]["jenis"]', "not-one-of"),
            ('baris[2]["rubrik"]', "wrong-rubric"),
        ]
        empty = _frame(1).assign(tahun=[None])
        with pytest.raises(ValidationError) as info:
            Kohort.from_pandas(empty, kasn())
        assert [p.code for p in info.value.problems] == ["missing-key"]

    @pytest.mark.parametrize(
        ("column", "message"),
        [
            ([3.5, 3.0], "3.5 is not a whole level"),
            ([np.inf, 3.0], "inf is not a level (a whole number)"),
            ([-1.0, 3.0], "level -1 is outside 0..4"),
            ([5, 3], "level 5 is outside 0..4"),
            (pd.Series([300, 3], dtype="Int16"), "level 300 is outside 0..4"),
            (pd.Series(pd.Categorical(["tiga", "3"])), "'tiga' is not a level (a whole number)"),
            (pd.Series(["3.5", "3"], dtype="string"), "3.5 is not a whole level"),
        ],
        ids=["half", "infinite", "negative", "too-high", "nullable", "categorical", "string"],
    )
    def test_bad_cells_of_every_kind_of_column(self, column, message):
        """Each kind of column refuses what is not a level of the indicator, at its cell."""
        assert messages(Kohort.from_pandas, _frame(2, **{"1.1": column}), kasn()) == (f'$.baris[0]["1.1"]: {message}',)

    def test_bad_metadata_cells(self):
        """Missing, malformed and out-of-range metadata are named at their cells, in column order within a row."""
        df = _frame(4)
        df["tahun"] = [2023.0, np.nan, 1999.0, 2023.5]
        df["instansi"] = ["a", None, " b", "c"]
        df["tahap"] = ["mandiri", None, "akhir", "penetapan"]
        df["survei"] = ["0.5", "0,72", 0.25, None]
        assert messages(Kohort.from_pandas, df, kasn()) == (
            '$.baris[1]["instansi"]: must be a string, got None',
            '$.baris[1]["tahun"]: missing: every assessment needs a value here',
            "$.baris[1][\"survei\"]: '0,72' is not a number",
            "$.baris[2][\"instansi\"]: must be a non-empty string without surrounding spaces, got ' b'",
            '$.baris[2]["tahun"]: must lie in 2000..2100, got 1999',
            "$.baris[2][\"tahap\"]: 'akhir' is not one of 'mandiri', 'verifikasi', 'klarifikasi', 'penetapan'",
            '$.baris[3]["tahun"]: 2023.5 is not a year',
        )

    @pytest.mark.parametrize(
        ("column", "value", "message"),
        [
            ("1.1", [3], "[3] is not a level (a whole number)"),
            ("1.1", 5, "level 5 is outside 0..4"),
            ("1.1", Decimal("2.5"), "2.5 is not a whole level"),
            ("tahun", True, "True is not a year"),
            ("jenis", ["kota"], "['kota'] is not one of " + JENIS),
            ("survei", True, "True is not a number"),
            ("survei", [1], "[1] is not a number"),
        ],
        ids=["list-answer", "object-int", "decimal", "boolean-year", "list-type", "boolean-survey", "list-survey"],
    )
    def test_odd_values_in_object_columns(self, column, value, message):
        """Values a text column may hold that are not what the column needs are refused at their cell."""
        df = _frame(2).assign(survei=pd.Series([Decimal("0.5"), 1], dtype=object))
        df[column] = df[column].astype(object)
        df.at[1, column] = value
        assert messages(Kohort.from_pandas, df, kasn()) == (f'$.baris[1]["{column}"]: {message}',)

    def test_a_refused_type_hides_the_rows_applicability(self):
        """A row whose agency type is refused is not also told which questions do not apply to a type it does not have."""
        df = Kohort.from_penilaian(rezim_b(), meritsys.read_penilaian(KOHORT_B)).to_pandas()
        df["jenis"] = df["jenis"].astype(object)
        df.loc[0, "jenis"] = "desa"
        assert messages(Kohort.from_pandas, df) == (f"$.baris[0][\"jenis\"]: 'desa' is not one of {JENIS}",)

    def test_many_answers_that_do_not_apply_are_counted(self):
        """Past 20 answers that do not apply in one column, the rest are counted at the column."""
        only = next(i for i in rezim_b().indikator if i.berlaku_jika is not None and i.berlaku_jika.jenis)
        other = next(j.value for j in meritsys.JenisInstansi if j not in only.berlaku_jika.jenis)
        df = Kohort.from_penilaian(rezim_b(), meritsys.read_penilaian(KOHORT_B)).to_pandas().iloc[[0] * 25].reset_index(drop=True)
        df["jenis"] = other
        gated = [i.kode for i in rezim_b().indikator if i.berlaku_jika is not None and i.berlaku_jika.jenis and other not in {j.value for j in i.berlaku_jika.jenis}]
        for code in gated:
            df[code] = pd.array([1] * 25, dtype="Int8")
        found = messages(Kohort.from_pandas, df)
        assert found[-1] == f'$.kolom["{gated[-1]}"]: 5 more rows have problems like these'
        assert len(found) == 21 * len(gated)

    def test_the_rubric_argument_must_be_a_rubric(self):
        """A rubric argument that is neither a Rubrik, an id nor None is a TypeError."""
        with pytest.raises(TypeError, match="rubrik must be a Rubrik, a rubric id or None, got int"):
            Kohort.from_pandas(_frame(1), 2019)

    def test_rows_in_equal_rows_loaded_plus_rows_reported(self):
        """Of five rows, three load and two are reported: nothing is dropped without a word."""
        df = _frame(5, **{"1.1": [3, 3, 3, 9, 3]})
        df.loc[4, "jenis"] = "desa"
        with pytest.raises(ValidationError) as info:
            Kohort.from_pandas(df, kasn())
        reported = {p.path.split("]")[0] for p in info.value.problems}
        assert reported == {"baris[3", "baris[4"}
        assert len(Kohort.from_pandas(df.drop(index=[3, 4]), kasn())) == 3

    def test_unknown_columns_are_named(self):
        """A mistyped indicator code and a column the layout does not know are named, not ignored."""
        df = _frame(1).rename(columns={"1.1": "1.1x"}).assign(kode="x")
        assert messages(Kohort.from_pandas, df, kasn()) == (
            f'$.kolom["1.1x"]: {UNKNOWN}',
            f"$.kolom[\"kode\"]: {UNKNOWN} (the agency's code goes in the column 'instansi')",
        )

    def test_an_answer_that_does_not_apply(self):
        """A regime B answer to a question the agency type excludes is named at its cell."""
        df = Kohort.from_penilaian(rezim_b(), meritsys.read_penilaian(KOHORT_B)).to_pandas()
        only = next(i for i in rezim_b().indikator if i.berlaku_jika is not None and i.berlaku_jika.jenis)
        row = next(r for r in range(len(df)) if pd.isna(df.loc[r, only.kode]) and df.loc[r, "jenis"] not in {j.value for j in only.berlaku_jika.jenis})
        df.loc[row, only.kode] = 1
        (message,) = messages(Kohort.from_pandas, df)
        assert message.startswith(f'$.baris[{row}]["{only.kode}"]: does not apply to a {df.loc[row, "jenis"]}')
        assert message.endswith("; leave the cell empty")

    def test_an_unanswered_gate_and_a_bad_gate_answer(self):
        """A gate answer that is not one of its answers, and a deciding gate left unanswered, are named at the gate's cell."""
        df = Kohort.from_penilaian(rezim_b(), meritsys.read_penilaian(KOHORT_B)).to_pandas()
        bad, empty = df.copy(), df.copy()
        bad.loc[1, "kematian"] = "mungkin"
        assert messages(Kohort.from_pandas, bad) == ("$.baris[1][\"kematian\"]: 'mungkin' is not an answer; one of 'ya', 'tidak'",)
        empty.loc[0, "kecelakaan_kerja"] = None
        (message,) = messages(Kohort.from_pandas, empty)
        assert message.startswith('$.baris[0]["kecelakaan_kerja"]: missing: answer ')

    def test_at_most_twenty_cells_per_column_then_a_count(self):
        """A column of 25 bad cells names the first 20 and counts the rest, as a cohort built from arrays does."""
        found = messages(Kohort.from_pandas, _frame(25, **{"1.1": [9] * 25}), kasn())
        assert len(found) == 21
        assert found[-1] == '$.kolom["1.1"]: 5 more rows have problems like these'

    @pytest.mark.parametrize(
        ("df", "expected"),
        [
            (pd.DataFrame(), "$: the frame is empty: it has no columns"),
            (_frame(0), "$: the frame has columns but no rows"),
            (pd.concat([_frame(1), _frame(1)[["nama"]]], axis=1), '$.kolom["nama"]: the column appears more than once'),
            (_frame(1).rename(columns={"1.1": 11}), "$.kolom[\"11\"]: column names must be text (metadata names, indicator and gate codes), got 11"),
            (_frame(1).drop(columns=["nama", "tahun"]), '$.kolom["nama"]: missing: every assessment needs this column'),
            (pd.DataFrame({"instansi": ["x"], "tahun": [2023], "indikator": ["1.1"], "level": [3]}), "$.kolom[\"indikator\"]: the long layout (one row per answer) is read from CSV files; pivot the frame to one row per assessment first"),
        ],
        ids=["empty", "no-rows", "repeated-column", "unnamed-column", "missing-columns", "long-layout"],
    )
    def test_frames_without_data(self, df, expected):
        """An empty frame, a frame without rows and bad columns say what they are."""
        assert messages(Kohort.from_pandas, df, kasn())[0] == expected

    def test_not_a_frame(self):
        """Anything but a DataFrame is a TypeError naming what was given."""
        with pytest.raises(TypeError, match="df must be a pandas DataFrame, got list"):
            Kohort.from_pandas([[3] * 37], kasn())


class TestKohortFrame:
    def test_columns_and_types(self):
        """Metadata first, then Int8 answers with <NA> where missing or not applicable; jenis and tahap categoricals."""
        kohort = Kohort.from_penilaian(rezim_b(), meritsys.read_penilaian(KOHORT_B))
        df = kohort.to_pandas()
        assert list(df.columns[:11]) == ["instansi", "nama", "jenis", "provinsi", "tahun", "tahap", "rubrik", "survei", "koreksi", "kecelakaan_kerja", "kematian"]
        assert list(df.columns[11:]) == list(kohort.kode_indikator)
        assert {str(t) for t in df.dtypes[11:]} == {"Int8"}
        assert df[list(kohort.kode_indikator)].isna().to_numpy().tolist() == (kohort.jawaban < 0).tolist()
        assert df["tahap"].cat.ordered
        assert list(df["tahap"].cat.categories) == ["mandiri", "verifikasi", "klarifikasi", "penetapan"]
        assert df["survei"].tolist() == list(kohort.survei)

    def test_the_frame_is_the_callers(self):
        """Changing the frame leaves the cohort as it was."""
        kohort = Kohort.from_penilaian(kasn(), meritsys.read_penilaian(KOHORT_A))
        df = kohort.to_pandas()
        df.loc[0, "instansi"] = "lain"
        df.loc[0, "1.1"] = 0
        assert kohort.kode[0] == "kab-sukamaju"
        assert kohort.jawaban[0, 0] == 3


class TestResultsFrame:
    def test_one_row_per_assessment_with_ordered_categories(self):
        """Results carry the cohort's agency columns, the exact index and kategori as an ordered categorical, lowest band first."""
        kohort = Kohort.read(KOHORT_A, kasn())
        batch = kohort.score(kasn())
        df = batch.to_pandas(kohort)
        assert list(df.columns) == ["instansi", "nama", "jenis", "provinsi", "tahun", "tahap", "rubrik", "strategi", "indeks", "kategori_kode", "kategori", "di_luar_skala"]
        assert df["kategori"].cat.ordered
        assert df["kategori_kode"].cat.ordered
        assert list(df["kategori"].cat.categories) == [k.label for k in kasn().kategori]
        assert df["kategori"].tolist() == batch.kategori_label()
        assert df.loc[df["kategori"] >= "Baik", "instansi"].tolist() == [k for k, lab in zip(kohort.kode, batch.kategori_label(), strict=True) if lab in ("Baik", "Sangat Baik")]
        assert df["di_luar_skala"].tolist() == batch.di_luar_skala.tolist()

    @pytest.mark.parametrize(
        ("decimals", "check"),
        [
            ("decimal", lambda col, batch: col.tolist() == batch.indeks() and all(type(v) is Decimal for v in col)),
            ("float", lambda col, batch: col.dtype == np.float64 and col.tolist() == [float(d) for d in batch.indeks()]),
            ("string", lambda col, batch: col.tolist() == [format(d, "f") for d in batch.indeks()]),
        ],
        ids=["decimal", "float", "string"],
    )
    def test_the_decimal_choice(self, decimals, check):
        """indeks holds Decimal objects by default (exact), or floats, or the decimal text, as asked; categories never change."""
        kohort = Kohort.read(KOHORT_B, rezim_b())
        batch = kohort.score(rezim_b())
        df = batch.to_pandas(decimals=decimals)
        assert check(df["indeks"], batch)
        assert df["indeks"].tolist()[0] in (Decimal("0.72"), 0.72, "0.72")
        assert df["kategori"].tolist() == batch.kategori_label()

    def test_the_decimals_are_exact(self):
        """The default Decimal column sums to the exact sum of the decimals, not a float near it."""
        kohort = Kohort.read(KOHORT_B, rezim_b())
        df = kohort.score(rezim_b()).to_pandas()
        assert df["indeks"].sum() == sum(kohort.score(rezim_b()).indeks())

    def test_a_bad_decimal_choice_and_another_cohort(self):
        """An unknown decimals value, and a cohort the results were not scored from, are refused."""
        kohort = Kohort.read(KOHORT_A, kasn())
        batch = kohort.score(kasn())
        assert messages(batch.to_pandas, decimals="exact") == ("$.decimals: must be one of 'decimal', 'float', 'string', got 'exact'",)
        assert messages(kohort.to_pandas, decimals="exact") == ("$.decimals: must be one of 'decimal', 'float', 'string', got 'exact'",)
        assert messages(batch.to_pandas, kohort.select([0, 1])) == ("$.kohort: is not the cohort these results were scored from: it has 2 rows for 12 results",)
        assert messages(Kohort.read(KOHORT_B, rezim_b()).score(rezim_b()).to_pandas, kohort.select(np.arange(5))) == (
            "$.kohort: is not the cohort these results were scored from: it is for 'kasn-2019', the results for 'permenpanrb-19-2025'",
        )


class TestParquet:
    def test_cohort_and_results_round_trip_through_parquet(self, tmp_path):
        """A cohort's frame and a results frame written to Parquet read back equal; the index stays an exact decimal."""
        try:
            import pyarrow.parquet  # noqa: F401
        except ImportError as exc:  # also the newest pyarrow beside numpy 1.26, which imports but refuses to load
            pytest.skip(f"Parquet needs pyarrow: {exc}")
        kohort = Kohort.read(KOHORT_B, rezim_b())
        kohort.to_pandas().to_parquet(tmp_path / "kohort.parquet")
        back = Kohort.from_pandas(pd.read_parquet(tmp_path / "kohort.parquet"))
        _same_cohort(back, kohort)
        assert back.survei == kohort.survei
        _same_cohort(Kohort.read(tmp_path / "kohort.parquet", rezim_b()), kohort)
        results = kohort.score(rezim_b()).to_pandas(kohort)
        results.to_parquet(tmp_path / "hasil.parquet")
        again = pd.read_parquet(tmp_path / "hasil.parquet")
        assert again["indeks"].tolist() == results["indeks"].tolist()
        assert all(type(v) is Decimal for v in again["indeks"])
        assert again["kategori"].cat.ordered


class TestWithoutParquetEngine:
    def test_the_message_names_pyarrow(self, monkeypatch, tmp_path):
        """Kohort.read of a .parquet file without a Parquet engine says what to install."""

        def no_engine(path):
            raise ImportError("Unable to find a usable engine")

        monkeypatch.setattr(pd, "read_parquet", no_engine)
        with pytest.raises(MeritsysError, match="reading Parquet needs pyarrow: pip install pyarrow"):
            Kohort.read(tmp_path / "kohort.parquet", kasn())


class TestWithoutPandas:
    def test_the_message_names_the_extra(self, monkeypatch):
        """Without pandas, reading or writing a frame says which extra to install."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        kohort = Kohort.read(KOHORT_A, kasn())
        for call in (lambda: Kohort.from_pandas(object(), kasn()), kohort.to_pandas, kohort.score(kasn()).to_pandas):
            with pytest.raises(MeritsysError, match=r"pip install 'meritsys\[pandas\]'"):
                call()
