"""``meritsys score FILE``: score assessments and show, as a table, CSV or JSON, what they got and why."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from meritsys.cli._common import add_csv_options, add_input_options, score_file, warn, write_csv
from meritsys.cli._rows import Kolom, Record, Tabel
from meritsys.cli._xlsx import add_output_option, check_output

if TYPE_CHECKING:
    from meritsys.model import Hasil, Rubrik

__all__ = ["add", "result_table", "run", "side_by_side_table"]

OUT_OF_SCALE = "* di luar skala resmi: tetap dikategorikan ke pita terdekat"
MATURITY_ONLY = "† indeks maturitas saja, tanpa survei (diminta dengan --tanpa-survei)"
INTERIM = "‡ SEMENTARA: pertanyaan yang belum dijawab dihitung 0 (diminta dengan --sementara); bukan hasil penilaian"


def add(sub: Any) -> None:
    """Register the command."""
    p = sub.add_parser("score", help="score assessments from a JSON, CSV or Excel file")
    p.add_argument("file", metavar="FILE", help="JSON file (one assessment or a list), CSV file (wide or long) or Excel workbook (worksheet or cohort sheet); '-' reads standard input")
    p.add_argument("--rubrik", metavar="ID", help="rubric id or rubric file (default: each assessment's own)")
    p.add_argument("--strategy", metavar="NAME", help="scoring strategy (default: the rubric's own)")
    p.add_argument("--format", choices=("table", "json", "csv", "xlsx"), default="table")
    add_output_option(p)
    p.add_argument("--tanpa-survei", action="store_true", help="regime B: maturity-only index without the survey (flagged)")
    p.add_argument(
        "--berdampingan", action="store_true",
        help="one row per agency, year and stage with each rubric's index and category side by side (e.g. the merit index and the JPT quality index)",
    )
    p.add_argument("--sementara", action="store_true", help="the interim index of a partly filled assessment: unanswered questions count 0 (flagged, with completeness)")
    add_input_options(p)
    add_csv_options(p)
    p.set_defaults(func=run)


def _kategori(r: Record) -> str:
    return str(r["kategori"]) + (" *" if r["di_luar_skala"] else "") + (" †" if r["hanya_maturitas"] else "") + (" ‡" if r.get("sementara") else "")


def _next(r: Record) -> str:
    if r["ke_kategori_berikut"] is None:
        return "-"
    return f"{r['ke_kategori_berikut']} (+{format(r['kurang'], 'f')})"


def result_table(results: Sequence[Hasil]) -> Tabel:
    """One record per result: the agency, the index, the category, the distance to the next one, each aspect's value."""
    aspek = [a.kode for a in results[0].aspek] if results else []
    mixed = len({h.rubrik.id for h in results}) > 1  # results of several rubrics (a merit and a JPT index) say which is which
    interim = any(h.sementara for h in results)
    kolom = (
        Kolom("instansi", "instansi"),
        Kolom("nama"),
        Kolom("jenis", "jenis"),
        Kolom("tahun", "tahun"),
        Kolom("tahap", "tahap"),
        Kolom("rubrik", "rubrik" if mixed else None),
        Kolom("strategi"),
        Kolom("indeks", "indeks", kanan=True),
        Kolom("kategori_kode"),
        Kolom("kategori", "kategori", tampil=_kategori),
        Kolom("di_luar_skala"),
        Kolom("survei"),
        Kolom("koreksi"),
        Kolom("hanya_maturitas"),
        *((Kolom("sementara"), Kolom("kelengkapan", "kelengkapan", kanan=True, tampil=_completeness), Kolom("terisi"), Kolom("berlaku")) if interim else ()),
        *(Kolom(f"aspek_{k}") for k in aspek),
        Kolom("ke_kategori_berikut", "ke kategori berikut", tampil=_next, csv=False),
        Kolom("kurang", csv=False),
    )
    rows = []
    for h in results:
        nxt = h.ke_kategori_berikut
        by_code = {a.kode: a.nilai for a in h.aspek}
        rows.append(
            {
                "instansi": h.instansi.kode,
                "nama": h.instansi.nama,
                "jenis": h.instansi.jenis.value,
                "tahun": h.tahun,
                "tahap": h.tahap.value,
                "rubrik": h.rubrik.id,
                "strategi": h.strategi,
                "indeks": h.indeks,
                "kategori_kode": h.kategori.kode,
                "kategori": h.kategori.label,
                "di_luar_skala": h.di_luar_skala,
                "survei": h.survei,
                "koreksi": h.koreksi,
                "hanya_maturitas": h.hanya_maturitas,
                **({"sementara": h.sementara, "kelengkapan": h.kelengkapan.rasio if h.kelengkapan else None, "terisi": h.kelengkapan.terisi if h.kelengkapan else None, "berlaku": h.kelengkapan.berlaku if h.kelengkapan else None} if interim else {}),
                **{f"aspek_{k}": by_code.get(k) for k in aspek},
                "ke_kategori_berikut": None if nxt is None else nxt.kategori.label,
                "kurang": None if nxt is None else nxt.kurang,
            }
        )
    return Tabel(kolom, rows)


def side_by_side_table(results: Sequence[Hasil]) -> Tabel:
    """One record per agency, year and stage: each rubric's index and category in its own columns (:func:`meritsys.side_by_side`).

    A result that is out of scale, maturity-only or interim keeps its flag:
    a mark in the table, a column per rubric in CSV and JSON.
    """
    from meritsys.analysis import side_by_side

    pairs = side_by_side(results)
    rubrics = list(dict.fromkeys(rid for p in pairs for rid in p.hasil))
    flags = ["di_luar_skala"]
    flags += ["hanya_maturitas"] if any(h.hanya_maturitas for h in results) else []
    flags += ["sementara"] if any(h.sementara for h in results) else []
    per_rubrik = []
    for rid in rubrics:
        per_rubrik += [
            Kolom(f"indeks_{rid}", rid, kanan=True, tampil=_marked(rid)),
            Kolom(f"kategori_{rid}", "kategori"),
            *(Kolom(f"{flag}_{rid}") for flag in flags),
        ]
    kolom = (Kolom("instansi", "instansi"), Kolom("nama"), Kolom("jenis", "jenis"), Kolom("tahun", "tahun"), Kolom("tahap", "tahap"), *per_rubrik)
    rows = []
    for p in pairs:
        row: dict[str, Any] = {"instansi": p.instansi.kode, "nama": p.instansi.nama, "jenis": p.instansi.jenis.value, "tahun": p.tahun, "tahap": p.tahap.value}
        for rid, h in p.hasil.items():
            row[f"indeks_{rid}"] = h.indeks
            row[f"kategori_{rid}"] = h.kategori.label
            for flag in flags:
                row[f"{flag}_{rid}"] = getattr(h, flag)
        rows.append(row)
    return Tabel(kolom, rows)


def _marked(rid: str) -> Callable[[Record], str]:
    def show(r: Record) -> str:
        value = r.get(f"indeks_{rid}")
        if value is None:
            return "-"
        marks = (" *" if r.get(f"di_luar_skala_{rid}") else "") + (" †" if r.get(f"hanya_maturitas_{rid}") else "")
        return format(value, "f") + marks + (" ‡" if r.get(f"sementara_{rid}") else "")

    return show


def _completeness(r: Record) -> str:
    return "-" if r["terisi"] is None else f"{r['terisi']}/{r['berlaku']}"


def footnotes(results: Sequence[Hasil]) -> list[str]:
    """The notes a table of results needs (out of scale, maturity-only, interim)."""
    notes = []
    if any(h.sementara for h in results):
        notes.append(INTERIM)
    if any(h.di_luar_skala for h in results):
        notes.append(OUT_OF_SCALE)
    if any(h.hanya_maturitas for h in results):
        notes.append(MATURITY_ONLY)
    return notes


def _detail(h: Hasil) -> str:
    from meritsys._numbers import fmt
    from meritsys._table import render

    rows = [
        [a.kode, a.nama, format(a.nilai, "f"), format(a.maksimum, "f"), format(a.capaian, "f"), a.kategori.label if a.kategori else ""]
        for a in h.aspek
    ]
    out = [render(["aspek", "nama", "nilai", "maksimum", "capaian", "level"], rows, right=[2, 3, 4])]
    if h.koreksi:  # a deduction (JPT: complaints and violations) or regime B correction, already in the index
        out.append(f"koreksi: {fmt(h.koreksi)} (sudah dihitung dalam indeks)")
    if h.kelengkapan is not None:
        k = h.kelengkapan
        out += ["", f"Kelengkapan: {k.terisi} dari {k.berlaku} pertanyaan yang berlaku terjawab ({fmt(k.rasio * 100)}%)"]
        out.append(render(["aspek", "terisi", "berlaku"], [[a.kode, str(a.terisi), str(a.berlaku)] for a in k.aspek], right=[1, 2]))
        if k.sisa:
            out.append("Belum dijawab: " + ", ".join(k.sisa))
        if k.sisa_gerbang:
            out.append("Pertanyaan gerbang belum dijawab: " + ", ".join(k.sisa_gerbang))
    if h.saran:
        out.append("")
        out.append("Naik satu level dengan tambahan terbesar:")
        out.append(
            render(
                ["indikator", "dari", "ke", "tambahan"],
                [[s.kode, str(s.level_sekarang), str(s.level_berikut), "+" + fmt(s.tambahan)] for s in h.saran[:5]],
                right=[1, 2, 3],
            )
        )
    return "\n".join(out)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Score the file; print the results."""
    check_output(args)
    results, many = score_file(args, args.file)
    warn(results, err)
    if args.berdampingan:
        return _side_by_side(results, args, out)
    if args.format == "xlsx":
        _workbook(results, args, out)
    elif args.format == "json":
        from meritsys.io import dumps

        print(dumps(list(results) if many else results[0], indent=2), file=out)
    elif args.format == "csv":
        write_csv(result_table(results), args, out)
    else:
        print(result_table(results).text(), file=out)
        for note in footnotes(results):
            print(note, file=out)
        if len(results) == 1:
            print("", file=out)
            print(_detail(results[0]), file=out)
    return 0


def _side_by_side(results: Sequence[Hasil], args: argparse.Namespace, out: TextIO) -> int:
    """``--berdampingan``: the results of each agency, year and stage in one row, in every output format."""
    table = side_by_side_table(results)
    if args.format == "xlsx":
        from meritsys.cli._xlsx import write_workbook

        write_workbook(args.output, [("Berdampingan", table.records())], out)
    elif args.format == "json":
        import json

        print(json.dumps(table.records(), ensure_ascii=False, indent=2), file=out)
    elif args.format == "csv":
        write_csv(table, args, out)
    else:
        print(table.text(), file=out)
        for note in footnotes(results):
            print(note, file=out)
    return 0


def _workbook(results: Sequence[Hasil], args: argparse.Namespace, out: TextIO) -> None:
    """The results as a workbook: summary, aspects, contributions, suggestions, warnings, provenance."""
    from meritsys.cli._common import resolve_rubrik
    from meritsys.cli._xlsx import provenance, write_workbook

    rubrics: dict[str, Rubrik] = {}
    for h in results:
        if h.rubrik.id not in rubrics:
            rubrics[h.rubrik.id] = resolve_rubrik(args.rubrik, h.rubrik.id)

    def who(h: Hasil) -> dict[str, Any]:
        return {"instansi": h.instansi.kode, "tahun": h.tahun, "tahap": h.tahap.value}

    def name(h: Hasil, code: str) -> str:
        return rubrics[h.rubrik.id].indicator(code).nama

    summary = result_table(results)
    aspek = [
        {**who(h), "aspek": a.kode, "nama": a.nama, "nilai": a.nilai, "maksimum": a.maksimum, "capaian": a.capaian, "level": a.kategori.label if a.kategori else None}
        for h in results for a in h.aspek
    ]
    kontribusi = [
        {**who(h), "indikator": k.kode, "nama": name(h, k.kode), "aspek": k.aspek, "level": k.level, "nilai": k.nilai, "berlaku": k.berlaku, "diisi_kebijakan": k.diisi_kebijakan}
        for h in results for k in h.kontribusi
    ]
    saran = [
        {**who(h), "indikator": s.kode, "nama": name(h, s.kode), "dari": s.level_sekarang, "ke": s.level_berikut, "tambahan": s.tambahan}
        for h in results for s in h.saran
    ]
    peringatan = [{**who(h), "peringatan": w} for h in results for w in h.peringatan]
    sisa = [
        {**who(h), "indikator": code, "nama": name(h, code)}
        for h in results if h.kelengkapan is not None for code in h.kelengkapan.sisa
    ]
    prov: list[dict[str, Any]] = []
    for h in results:
        if not any(p["nilai"] == h.rubrik.id for p in prov if p["kunci"] == "rubrik"):
            prov += provenance(rubrics[h.rubrik.id], h.strategi)
    write_workbook(
        args.output,
        [
            ("Ringkasan", [{k.kunci: r.get(k.kunci) for k in summary.kolom if k.csv} for r in summary.baris]),
            ("Aspek", aspek),
            ("Kontribusi", kontribusi),
            ("Saran", saran),
            ("Peringatan", peringatan),
            *((("Belum dijawab", sisa),) if any(h.sementara for h in results) else ()),
            ("Provenans", prov),
        ],
        out,
    )
