"""Build the example workbooks under examples/ from the JSON examples beside them.

    python examples/workbooks.py

Each workbook is the worksheet ``meritsys template`` writes, filled in cell by
cell as a person would (the template's formatting and protection untouched):

* ``data/kertas-kerja-kab-sukamaju-2023.xlsx`` and
  ``data/kertas-kerja-kota-contoh-2026.xlsx``: one agency's worksheet each,
  the answers of ``penilaian-kab-sukamaju-2023.json`` and
  ``penilaian-kota-contoh-2026.json``;
* ``data/kohort-kasn-2023.xlsx``: the cohort sheet of ``kohort-kasn-2023.json``;
* ``data/kertas-kerja-sebagian.xlsx``: the Sukamaju worksheet partly filled (the
  first 12 of its 37 questions), as a team has it in the middle of its self-assessment;
* ``invalid/kertas-kerja-salah.xlsx``: the Sukamaju worksheet with a mistyped
  code, a level 5, a blank answer and the text ``tiga``.

A test reads every workbook back and checks it equals its JSON source.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import openpyxl

import meritsys
from meritsys.model import Penilaian

HERE = Path(__file__).parent


def _fill_worksheet(p: Penilaian, path: Path) -> Any:
    rubrik = meritsys.get_rubrik(p.rubrik)
    meritsys.write_template(rubrik, path)
    wb = openpyxl.load_workbook(path)
    values: dict[str, Any] = {
        "instansi": p.instansi.kode,
        "nama": p.instansi.nama,
        "jenis": p.instansi.jenis.value,
        "provinsi": p.instansi.provinsi,
        "tahun": p.tahun,
        "tahap": p.tahap.value,
        "survei": None if p.survei is None else float(p.survei),
        "koreksi": float(p.koreksi) if p.koreksi else None,
        **{f"gerbang.{k}": v for k, v in p.gerbang.items()},
    }
    for row in wb["Instansi"].iter_rows(min_row=2):
        if row[0].value in values:
            row[2].value = values[row[0].value]
    header = [c.value for c in wb["Jawaban"][1]]
    answer, evidence = header.index("Jawaban"), header.index("Bukti")
    for row in wb["Jawaban"].iter_rows(min_row=2):
        code = row[0].value
        if code in p.jawaban:
            row[answer].value = p.jawaban[code]
        if code in p.bukti:
            row[evidence].value = "\n".join(p.bukti[code])
    return wb


def _cohort(items: tuple[Penilaian, ...], path: Path) -> None:
    rubrik = meritsys.get_rubrik(items[0].rubrik)
    meritsys.write_template(rubrik, path, kohort=True)
    wb = openpyxl.load_workbook(path)
    ws = wb["Kohort"]
    header = [c.value for c in ws[1]]
    for r, p in enumerate(items, start=2):
        meta = {
            "instansi": p.instansi.kode,
            "nama": p.instansi.nama,
            "jenis": p.instansi.jenis.value,
            "provinsi": p.instansi.provinsi,
            "tahun": p.tahun,
            "tahap": p.tahap.value,
            "rubrik": p.rubrik,
        }
        for c, key in enumerate(header, start=1):
            value = meta.get(key, p.jawaban.get(key))
            if value is not None:
                ws.cell(row=r, column=c, value=value)
    wb.save(path)


def main() -> None:
    """Write every example workbook."""
    data = HERE / "data"
    [sukamaju] = meritsys.read_penilaian(data / "penilaian-kab-sukamaju-2023.json")
    [contoh] = meritsys.read_penilaian(data / "penilaian-kota-contoh-2026.json")
    _fill_worksheet(sukamaju, data / "kertas-kerja-kab-sukamaju-2023.xlsx").save(data / "kertas-kerja-kab-sukamaju-2023.xlsx")
    _fill_worksheet(contoh, data / "kertas-kerja-kota-contoh-2026.xlsx").save(data / "kertas-kerja-kota-contoh-2026.xlsx")
    _cohort(meritsys.read_penilaian(data / "kohort-kasn-2023.json"), data / "kohort-kasn-2023.xlsx")

    half = attrs.evolve(sukamaju, jawaban=dict(list(sukamaju.jawaban.items())[:12]), bukti={}, tahap="mandiri")
    _fill_worksheet(half, data / "kertas-kerja-sebagian.xlsx").save(data / "kertas-kerja-sebagian.xlsx")

    bad = HERE / "invalid" / "kertas-kerja-salah.xlsx"
    wb = _fill_worksheet(sukamaju, bad)
    header = [c.value for c in wb["Jawaban"][1]]
    answer = header.index("Jawaban")
    for row in wb["Jawaban"].iter_rows(min_row=2):
        changes = {"1.3": ("code", "1.9"), "2.1": ("level", 5), "3.2": ("level", None), "5.1": ("level", "tiga")}
        if row[0].value in changes:
            what, value = changes[row[0].value]
            row[0 if what == "code" else answer].value = value
    wb.save(bad)


if __name__ == "__main__":
    main()
