"""CSV in: wide and long layouts, as spreadsheets save them, every problem at its line and column."""

import pytest

import meritsys
from meritsys import ValidationError
from meritsys.io import parse_csv, read_csv
from tests.helpers import ROOT, messages

DATA = ROOT / "examples" / "data"
KASN_HEAD = "instansi;nama;jenis;provinsi;tahun;tahap;rubrik"


def _without_evidence(items):
    import attrs

    return tuple(attrs.evolve(p, bukti={}) for p in items)


def _kasn_row(kode="kota-a", levels=None, jenis="kota", tahun="2023"):
    rubrik = meritsys.get_rubrik("kasn-2019")
    levels = levels if levels is not None else {i.kode: "3" for i in rubrik.indikator}
    return f"{kode};Kota A;{jenis};Jawa Barat;{tahun};mandiri;kasn-2019;" + ";".join(levels.get(i.kode, "") for i in rubrik.indikator)


def _kasn_head():
    return KASN_HEAD + ";" + ";".join(i.kode for i in meritsys.get_rubrik("kasn-2019").indikator)


class TestLayouts:
    def test_wide_as_excel_saves_it_equals_the_json_cohort(self):
        """The shipped wide file (';', BOM, CRLF) holds the same assessments as the JSON cohort (CSV carries no evidence)."""
        assert read_csv(DATA / "kohort-kasn-2023.csv") == _without_evidence(meritsys.read_penilaian(DATA / "kohort-kasn-2023.json"))

    def test_long_with_gates_and_decimal_comma_equals_the_json_cohort(self):
        """The shipped long file (one row per answer; gates by name; survey '0,72') is the regime B JSON cohort."""
        assert read_csv(DATA / "kohort-permenpanrb-2026-panjang.csv") == meritsys.read_penilaian(DATA / "kohort-permenpanrb-2026.json")

    def test_commas_and_no_bom(self):
        """A comma-separated file without a byte order mark reads the same."""
        text = (DATA / "kohort-kasn-2023.csv").read_text(encoding="utf-8-sig").replace(";", ",")
        assert parse_csv(text.encode()) == read_csv(DATA / "kohort-kasn-2023.csv")

    def test_the_readers_choose_by_suffix(self):
        """read_penilaian and Kohort.read take a .csv file as CSV."""
        kasn = meritsys.get_rubrik("kasn-2019")
        assert meritsys.read_penilaian(DATA / "kohort-kasn-2023.csv") == read_csv(DATA / "kohort-kasn-2023.csv")
        assert len(meritsys.Kohort.read(DATA / "kohort-kasn-2023.csv", kasn)) == 12

    def test_whole_valued_numbers_are_levels_and_empty_cells_missing(self):
        """'3.0' is level 3 (a spreadsheet's number); an empty cell is a missing answer, not a zero."""
        levels = {"1.1": "3.0", "1.2": "", "1.3": "2"}
        [p] = parse_csv(_kasn_head() + "\n" + _kasn_row(levels=levels))
        assert dict(p.jawaban) == {"1.1": 3, "1.3": 2}

    def test_the_rubric_may_be_given_instead_of_a_column(self):
        """Without a rubrik column, the rubric passed in tells the columns apart."""
        head = _kasn_head().replace(";rubrik", "")
        row = _kasn_row().replace(";kasn-2019", "")
        [p] = parse_csv(head + "\n" + row, rubrik=meritsys.get_rubrik("kasn-2019"))
        assert p.rubrik == "kasn-2019"


class TestProblems:
    def test_every_problem_of_every_row_at_its_cell(self):
        """A 5, 'tiga', 3.5, a bad type and a bad year are all reported, by line and column; good rows are not."""
        rows = [
            _kasn_row("a"),
            _kasn_row("b", {"1.1": "5", "1.2": "tiga", "2.1": "3.5"}),
            _kasn_row("c", jenis="desa", tahun="dua ribu"),
        ]
        assert messages(parse_csv, "\n".join([_kasn_head(), *rows])) == (
            '$.baris[3]["1.1"]: level 5 is outside 0..4',
            "$.baris[3][\"1.2\"]: 'tiga' is not a level (a whole number)",
            '$.baris[3]["2.1"]: 3.5 is not a whole level',
            "$.baris[4][\"tahun\"]: 'dua ribu' is not a year",
            "$.baris[4][\"jenis\"]: 'desa' is not one of 'kementerian', 'lembaga', 'lembaga_negara', 'provinsi', 'kabupaten', 'kota'",
        )

    def test_rows_in_equal_rows_read_plus_rows_reported(self):
        """Of five data rows, three read and two reported: nothing is dropped without a word."""
        good = [_kasn_row(f"k{i}") for i in range(3)]
        bad = [_kasn_row("x", {"1.1": "9"}), _kasn_row("y", jenis="desa")]
        text = "\n".join([_kasn_head(), *good, *bad])
        with pytest.raises(ValidationError) as info:
            parse_csv(text)
        reported = {p.path.split("]")[0] for p in info.value.problems}
        assert len(reported) == len(bad)
        assert len(parse_csv("\n".join([_kasn_head(), *good]))) == len(good)

    def test_unknown_columns_are_named(self):
        """A mistyped indicator code is a column nobody would read: it is named, not ignored."""
        head = _kasn_head().replace(";1.1;", ";1.1x;")
        assert messages(parse_csv, head + "\n" + _kasn_row()) == (
            '$.baris[1]["1.1x"]: not an indicator or gate of rubrik kasn-2019, nor one of the columns instansi, nama, jenis, provinsi, tahun, tahap, rubrik, survei, koreksi',
        )

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("", "$: the file is empty"),
            ("\ufeff  \n", "$: the file is empty"),
            (_kasn_head(), "$: the file has a header but no rows"),
            ("instansi;nama\nx;y", "$.baris[1]: no rubrik column: name the rubric in a column 'rubrik' or pass it (--rubrik)"),
            ("a;;b\n1;2;3", "$.baris[1]: column 2 has no name"),
            ('a;a\n1;2', '$.baris[1]["a"]: the column appears more than once'),
        ],
        ids=["empty", "blank", "header-only", "no-rubric", "unnamed-column", "repeated-column"],
    )
    def test_files_without_data(self, text, expected):
        """Empty files, a header alone and bad headers say what they are."""
        assert messages(parse_csv, text) == (expected,)

    def test_a_row_of_another_width(self):
        """A row with more or fewer cells than the header is refused as a whole, at its line."""
        assert messages(parse_csv, _kasn_head() + "\n" + _kasn_row() + ";9") == ("$.baris[2]: has 45 cells for 44 columns",)

    def test_an_answer_that_does_not_apply(self):
        """A regime B answer to a question the agency type excludes is named at its cell."""
        b = meritsys.get_rubrik("permenpanrb-19-2025")
        only = next(i for i in b.indikator if i.berlaku_jika is not None and i.berlaku_jika.jenis)
        other = next(j.value for j in meritsys.JenisInstansi if j not in only.berlaku_jika.jenis)
        text = f"instansi;nama;jenis;tahun;rubrik;indikator;level\nx;X;{other};2026;permenpanrb-19-2025;{only.kode};1\n"
        (message,) = messages(parse_csv, text)
        assert message.startswith(f'$.baris[2]["level"]: indicator {only.kode} does not apply to this agency ({other}')

    def test_long_rows_of_one_assessment_must_agree(self):
        """In the long layout, a name that differs between two rows of one assessment, or an answer given twice, is named."""
        head = "instansi;nama;jenis;tahun;rubrik;indikator;level"
        rows = ["x;X;kota;2023;kasn-2019;1.1;3", "x;Y;kota;2023;kasn-2019;1.2;3", "x;X;kota;2023;kasn-2019;1.1;2"]
        assert messages(parse_csv, "\n".join([head, *rows])) == (
            "$.baris[3][\"nama\"]: 'Y' differs from 'X' on line 2 of the same assessment",
            '$.baris[4]["indikator"]: 1.1 is answered again (first on line 2)',
        )

    def test_a_broken_quote(self):
        """A quote that never closes is bad CSV, reported at its line."""
        (message,) = messages(parse_csv, _kasn_head() + '\n"x;' + _kasn_row()[2:])
        assert message.startswith("$.baris[")
        assert "not valid CSV" in message

    def test_not_utf8(self):
        """Bytes that are not UTF-8 (a file saved as Windows-1252) are refused with the place."""
        (message,) = messages(parse_csv, (_kasn_head() + "\n" + _kasn_row().replace("Kota A", "Kota \xc2")).encode("cp1252"))
        assert message.startswith("$: the file is not valid CSV: the text is not UTF-8")


class TestRoundTrip:
    @pytest.mark.parametrize("sep", [",", ";"])
    def test_random_assessments_read_back_from_a_wide_file(self, sep):
        """Random valid assessments of either shipped rubric, written as a wide file, read back equal (CSV has no evidence)."""
        import csv
        import io

        import attrs
        from hypothesis import given, settings
        from hypothesis import strategies as st

        from meritsys.testing.generators import penilaian

        def cell(value):
            text = "" if value is None else format(value, "f") if not isinstance(value, int | str) else str(value)
            return text.replace(".", ",") if sep == ";" else text

        @settings(max_examples=40, deadline=None)
        @given(st.sampled_from(["kasn-2019", "permenpanrb-19-2025"]).flatmap(lambda r: st.lists(penilaian(r), min_size=1, max_size=4)))
        def check(items):
            rubrik = meritsys.get_rubrik(items[0].rubrik)
            keys = list(dict.fromkeys(k for p in items for k in (*p.jawaban, *p.gerbang)))
            buf = io.StringIO()
            writer = csv.writer(buf, delimiter=sep)
            writer.writerow(["instansi", "nama", "jenis", "provinsi", "tahun", "tahap", "rubrik", "survei", "koreksi", *keys])
            for p in items:
                answers = {**p.jawaban, **p.gerbang}
                writer.writerow([
                    p.instansi.kode, p.instansi.nama, p.instansi.jenis.value, p.instansi.provinsi or "", p.tahun,
                    p.tahap.value, p.rubrik, cell(p.survei), cell(p.koreksi), *(answers.get(k, "") for k in keys),
                ])
            # an empty cell is "no province": a province given as "" reads back as None
            expected = [attrs.evolve(p, instansi=attrs.evolve(p.instansi, provinsi=p.instansi.provinsi or None)) for p in _without_evidence(items)]
            assert list(parse_csv(buf.getvalue(), rubrik=rubrik)) == expected

        check()
