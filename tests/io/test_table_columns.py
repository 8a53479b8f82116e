"""Kohort.read's columnar path for clean wide CSV files gives what the row reader gives, on clean and damaged files alike."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import meritsys
from meritsys import Kohort
from meritsys.errors import ValidationError
from meritsys.io._csv import kohort_columns

ROOT = Path(__file__).parents[2]
KASN = meritsys.get_rubrik("kasn-2019")
B = meritsys.get_rubrik("permenpanrb-19-2025")


def _wide(items, rubrik, sep=";"):
    codes = [i.kode for i in rubrik.indikator]
    gates = [g.kode for g in rubrik.gerbang]
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator="\n")
    meta = ["instansi", "nama", "jenis", "provinsi", "tahun", "tahap", "rubrik", "survei", "koreksi"]
    w.writerow([*meta, *codes, *gates])
    for p in items:
        survei = "" if p.survei is None else format(p.survei, "f").replace(".", "," if sep == ";" else ".")
        koreksi = format(p.koreksi, "f") if p.koreksi else ""
        w.writerow([
            p.instansi.kode, p.instansi.nama, p.instansi.jenis.value, p.instansi.provinsi or "", p.tahun, p.tahap.value, p.rubrik,
            survei, koreksi, *(p.jawaban.get(c, "") for c in codes), *(p.gerbang.get(g, "") for g in gates),
        ])
    return buf.getvalue()


KASN_TEXT = _wide(meritsys.read_penilaian(ROOT / "examples/data/kohort-kasn-2023.json"), KASN)
B_TEXT = _wide(meritsys.read_penilaian(ROOT / "examples/data/kohort-permenpanrb-2026.json"), B)


def _outcome(path, rubrik):
    """What a user gets from the row reader: the assessments and their scores, or the problems."""
    try:
        items = meritsys.read_penilaian(path, rubrik=rubrik)
        kohort = Kohort.from_penilaian(rubrik, items)
    except ValidationError as exc:
        return ("error", exc.messages)
    return ("ok", kohort.to_penilaian(), _scores(kohort, rubrik))


def _scores(kohort, rubrik):
    try:
        s = kohort.score(rubrik)
    except ValidationError as exc:
        return ("error", exc.messages)
    return (s.indeks(), s.kategori_label())


def _read(path, rubrik):
    try:
        kohort = Kohort.read(path, rubrik)
    except ValidationError as exc:
        return ("error", exc.messages)
    return ("ok", kohort.to_penilaian(), _scores(kohort, rubrik))


CELLS = ["", "0", "1", "3", "4", "5", "3.0", " 3", "03", "/", "tiga", "-1", "127", "128", "é", "9"]
META_CELLS = {
    "jenis": ["kota", "KOTA", "0", "", "desa"],
    "tahun": ["2023", "2023.0", "99999", "", "dua"],
    "tahap": ["", "mandiri", "penetapan", "MANDIRI", "x"],
    "instansi": ["kab-baru", "", " kab-spasi"],
    "provinsi": ["", "Jawa Barat"],
    "survei": ["", "0,5", "0.5", "2", "x"],
    "kecelakaan_kerja": ["", "ya", "tidak", "mungkin"],
}


@st.composite
def damaged(draw, text):
    lines = text.splitlines()
    header = lines[0].split(";")
    rows = [line.split(";") for line in lines[1:]]
    for _ in range(draw(st.integers(0, 4))):
        r = draw(st.integers(0, len(rows) - 1))
        c = draw(st.integers(0, len(header) - 1))
        name = header[c]
        choices = META_CELLS.get(name, CELLS if name not in ("nama", "rubrik", "koreksi") else [rows[r][c]])
        rows[r][c] = draw(st.sampled_from(choices))
    if draw(st.booleans()) and len(header) > 9:
        c = draw(st.integers(9, len(header) - 1))  # an indicator or gate column renamed or dropped
        how = draw(st.sampled_from(["alias", "drop", "unknown"]))
        if how == "drop":
            header.pop(c)
            for row in rows:
                row.pop(c)
        else:
            header[c] = "a1q1" if how == "alias" else "9.9"
    return "\n".join(";".join(row) for row in [header, *rows]) + "\n"


class TestColumnarPath:
    @pytest.mark.parametrize(("text", "rubrik"), [(KASN_TEXT, KASN), (B_TEXT, B)], ids=["kasn-2019", "permenpanrb-19-2025"])
    def test_a_clean_file_takes_the_columnar_path_and_equals_the_row_reader(self, tmp_path, text, rubrik):
        """A clean wide file is read into columns, and the cohort equals the row reader's."""
        path = tmp_path / "k.csv"
        path.write_text(text, encoding="utf-8-sig")
        assert kohort_columns(path, rubrik) is not None
        assert _read(path, rubrik) == _outcome(path, rubrik)

    def test_the_shipped_csv_cohort(self):
        """The shipped example cohort reads the same by either path."""
        path = ROOT / "examples/data/kohort-kasn-2023.csv"
        assert kohort_columns(path, KASN) is not None
        assert _read(path, KASN) == _outcome(path, KASN)

    @pytest.mark.parametrize("cell", ["/", "3.0", " 3", "03", "tiga", "é"], ids=repr)
    def test_a_cell_the_fast_path_does_not_read_goes_to_the_row_reader(self, tmp_path, cell):
        """A cell that is not empty or a plain level sends the file to the row reader, which accepts or names it."""
        text = KASN_TEXT.replace("\nkab-sukamaju;", "\nkab-sukamaju;", 1)
        lines = text.splitlines()
        row = lines[1].split(";")
        row[9] = cell
        lines[1] = ";".join(row)
        path = tmp_path / "k.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        assert kohort_columns(path, KASN) is None
        assert _read(path, KASN) == _outcome(path, KASN)

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(data=st.data())
    def test_a_damaged_file_gives_what_the_row_reader_gives(self, tmp_path, data):
        """Whatever is wrong with a file, Kohort.read answers as the row reader does: the same cohort or the same problems."""
        text, rubrik = data.draw(st.sampled_from([(KASN_TEXT, KASN), (B_TEXT, B)]))
        path = tmp_path / "k.csv"
        path.write_text(data.draw(damaged(text)), encoding="utf-8")
        assert _read(path, rubrik) == _outcome(path, rubrik)


class TestPlainLines:
    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.lists(st.text(st.sampled_from('ab;, \t"\r\né'), max_size=4), min_size=1, max_size=5), max_size=6), st.sampled_from([";", ","]), st.sampled_from(["\n", "\r\n"]))
    def test_a_text_split_without_csv_reader_splits_as_csv_reader_does(self, rows, sep, end):
        """Where the quick split takes a text (no quotes, NULs or lone carriage returns), its rows are csv.reader's."""
        from meritsys.io._csv import plain_lines

        text = end.join(sep.join(row) for row in rows)
        lines = plain_lines(text, sep)
        if lines is None:
            assert '"' in text or "\r" in text.replace("\r\n", "")
            return
        expected = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True) if any(row)]
        assert [line.split(sep) for line in lines] == expected

    def test_a_cell_longer_than_csvs_field_limit_is_refused_as_the_row_reader_refuses_it(self, tmp_path):
        """csv.reader refuses a cell of more than csv.field_size_limit() characters; the quick split leaves such a text to it."""
        from meritsys.io._csv import plain_lines

        lines = KASN_TEXT.splitlines()
        row = lines[1].split(";")
        row[1] = "N" * (csv.field_size_limit() + 1)  # the agency's name
        lines[1] = ";".join(row)
        text = "\n".join(lines) + "\n"
        assert plain_lines(text, ";") is None
        path = tmp_path / "k.csv"
        path.write_text(text, encoding="utf-8")
        assert _read(path, KASN) == _outcome(path, KASN)
        assert _read(path, KASN)[0] == "error"

    @pytest.mark.parametrize(("first", "second"), [("03", ""), ("", "03"), ("33", ""), ("3", "3")])
    def test_answers_of_uneven_width_in_one_row_are_read_cell_by_cell(self, tmp_path, first, second):
        """Two cells of one row that keep the row's length ("03" and an empty one) are still read at their own columns."""
        lines = KASN_TEXT.splitlines()
        row = lines[2].split(";")
        row[9], row[12] = first, second
        lines[2] = ";".join(row)
        path = tmp_path / "k.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        assert _read(path, KASN) == _outcome(path, KASN)
