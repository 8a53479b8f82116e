"""``meritsys gap DATA --from mandiri --to penetapan``: paper versus field, per agency and for the cohort."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO

from meritsys.cli._common import add_csv_options, add_input_options, write_csv
from meritsys.cli._rows import Kolom, Record, Tabel
from meritsys.cli._xlsx import add_output_option, check_output

if TYPE_CHECKING:
    from meritsys.analysis._stages import SelisihInstansi, SelisihTahap
    from meritsys.model import Rubrik

__all__ = ["add", "run"]

_STAGES = ("mandiri", "verifikasi", "klarifikasi", "penetapan")


def add(sub: Any) -> None:
    """Register the command."""
    p = sub.add_parser("gap", help="paper versus field: one stage of each agency's assessment against a later one")
    p.add_argument("data", metavar="DATA", help="assessments holding both stages (JSON, CSV or Excel); '-' reads standard input")
    p.add_argument("--from", dest="dari", choices=_STAGES, default="mandiri", help="the earlier stage (default: mandiri)")
    p.add_argument("--to", dest="ke", choices=_STAGES, default="penetapan", help="the later stage (default: penetapan)")
    p.add_argument("--rubrik", metavar="ID", help="rubric id or rubric file (default: the assessments' own, one for all)")
    p.add_argument("--tahun", type=int, metavar="TAHUN", help="only this year (default: every year, each agency-year on its own)")
    p.add_argument("--strategy", metavar="NAME", help="scoring strategy (default: the rubric's own)")
    p.add_argument("--top", type=int, default=5, metavar="N", help="indicators and agencies listed in the summary (default 5)")
    p.add_argument("--format", choices=("table", "json", "csv", "xlsx"), default="table")
    add_output_option(p)
    add_input_options(p)
    add_csv_options(p)
    p.set_defaults(func=run)


def _signed(value: Decimal | None) -> str:
    if value is None:
        return "-"
    text = format(value, "f")
    return text if text.startswith("-") or value == 0 else f"+{text}"


def _rows(gap: SelisihTahap) -> Tabel:
    """One record per agency-year: both indices and categories, the gap, the indicators lowered and raised, each aspect's change."""
    aspek = [a.kode for a in gap.baris[0].aspek] if gap.baris else []
    dari, ke = gap.dari.value, gap.ke.value

    def kategori(r: Record) -> str:
        return r["kategori_dari"] if r["kategori_dari"] == r["kategori_ke"] else f"{r['kategori_dari']} -> {r['kategori_ke']}"

    kolom = (
        Kolom("instansi", "instansi"),
        Kolom("tahun", "tahun"),
        Kolom("indeks_dari", dari, kanan=True),
        Kolom("indeks_ke", ke, kanan=True),
        Kolom("selisih", "selisih", kanan=True, tampil=lambda r: _signed(r["selisih"])),
        Kolom("kategori_dari"),
        Kolom("kategori_ke", "kategori", tampil=kategori),
        Kolom("langkah"),
        Kolom("turun", "diturunkan", tampil=lambda r: r["turun"] or "-"),
        Kolom("naik", "dinaikkan", tampil=lambda r: r["naik"] or "-"),
        *(Kolom(f"aspek_{k}") for k in aspek),
    )
    records = [
        {
            "instansi": b.kode,
            "tahun": b.tahun,
            "indeks_dari": b.dari.indeks,
            "indeks_ke": b.ke.indeks,
            "selisih": b.selisih,
            "kategori_dari": b.dari.kategori.label,
            "kategori_ke": b.ke.kategori.label,
            "langkah": b.langkah,
            "turun": " ".join(b.turun),
            "naik": " ".join(b.naik),
            **{f"aspek_{a.kode}": a.selisih for a in b.aspek},
        }
        for b in gap.baris
    ]
    return Tabel(kolom, records)


def _indicators(b: SelisihInstansi) -> list[dict[str, Any]]:
    return [
        {"instansi": b.kode, "tahun": b.tahun, "indikator": i.kode, "nama": i.nama, "aspek": i.aspek, "level_dari": i.level_dari, "level_ke": i.level_ke, "efek": i.efek}
        for i in b.indikator
    ]


def _summary(gap: SelisihTahap, top: int) -> dict[str, Any]:
    down, up, total = gap.category_changed()
    return {
        "rubrik": gap.rubrik_id,
        "dari": gap.dari.value,
        "ke": gap.ke.value,
        "instansi_tahun": total,
        "selisih_rerata": gap.mean_gap(),
        "kategori_turun": down,
        "kategori_naik": up,
        "selisih_rerata_aspek": gap.mean_gap_by_aspect(),
        "paling_sering_diturunkan": [{"indikator": k, "instansi_tahun": n} for k, n in gap.most_lowered(top)],
        "selisih_terbesar": [{"instansi": b.kode, "tahun": b.tahun, "selisih": b.selisih} for b in gap.largest_gaps(top)],
        "tanpa_pasangan": [{"instansi": k, "tahun": t, "tahap": s.value} for k, t, s in gap.tanpa_pasangan],
    }


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _text(gap: SelisihTahap, rubrik: Rubrik, top: int) -> str:
    from meritsys._table import render

    down, up, total = gap.category_changed()
    lines = [f"{rubrik.id}: {gap.dari.value} -> {gap.ke.value}, {total} instansi-tahun"]
    if not gap.baris:
        lines.append(f"Tidak ada instansi dengan kedua tahap ({gap.dari.value} dan {gap.ke.value}).")
    else:
        lines += ["", _rows(gap).text()]
        if total == 1:
            b = gap.baris[0]
            lines += ["", "Per indikator:"]
            rows = [[i.kode, _short(i.nama), _level(i.level_dari), _level(i.level_ke), _signed(i.efek)] for i in b.indikator]
            lines.append(render(["indikator", "nama", gap.dari.value, gap.ke.value, "efek"], rows, right=[2, 3, 4]) if rows else "(tidak ada level yang berubah)")
            lines += ["", render(["aspek", "nama", gap.dari.value, gap.ke.value, "selisih"], [[a.kode, a.nama, format(a.dari, "f"), format(a.ke, "f"), _signed(a.selisih)] for a in b.aspek], right=[2, 3, 4])]
        else:
            means = gap.mean_gap_by_aspect()
            lines += [
                "",
                f"Selisih indeks rerata: {_signed(gap.mean_gap())}",
                "Selisih rerata per aspek: " + ", ".join(f"{k} {_signed(v)}" for k, v in means.items()),
                f"Kategori berubah: turun {down}, naik {up}, dari {total}",
                "Paling sering diturunkan: " + (", ".join(f"{k} ({n})" for k, n in gap.most_lowered(top)) or "-"),
                "Selisih terbesar: " + ", ".join(f"{b.kode} {b.tahun} ({_signed(b.selisih)})" for b in gap.largest_gaps(top)),
            ]
    if gap.tanpa_pasangan:
        lines.append("Tanpa pasangan (tidak dibandingkan): " + ", ".join(f"{k} {t} {s.value}" for k, t, s in gap.tanpa_pasangan))
    return "\n".join(lines)


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _level(level: int | None) -> str:
    return "-" if level is None else str(level)


def _rubrik(arg: str | None, items: Sequence[Any]) -> Rubrik:
    from meritsys.errors import ValidationError
    from meritsys.rubrics import get_rubrik_or_file

    if arg is not None:
        return get_rubrik_or_file(arg)
    ids = sorted({p.rubrik for p in items})
    if len(ids) != 1:
        raise ValidationError(f"the assessments use {len(ids)} rubrics ({', '.join(ids)}); choose one with --rubrik", code="ambiguous")
    return get_rubrik_or_file(ids[0])


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Compare the stages; print the gaps."""
    from meritsys.analysis import compare_stages
    from meritsys.cli._common import read_assessments

    check_output(args)
    items = read_assessments(args.data, args)
    rubrik = _rubrik(args.rubrik, items)
    gap = compare_stages(items, rubrik, dari=args.dari, ke=args.ke, tahun=args.tahun, strategy=args.strategy)
    for k, t, s in gap.tanpa_pasangan:
        if args.format != "table":
            print(f"meritsys: warning: {k} {t}: only the {s.value} stage is in the data; not compared", file=err)
    if args.format == "json":
        payload = {**_summary(gap, args.top), "baris": _rows(gap).records(), "indikator": [r for b in gap.baris for r in _indicators(b)]}
        print(json.dumps(_plain(payload), ensure_ascii=False, indent=2), file=out)
    elif args.format == "csv":
        write_csv(_rows(gap), args, out)
    elif args.format == "xlsx":
        from meritsys.cli._xlsx import pairs, provenance, write_workbook

        summary = _summary(gap, args.top)
        aspek = [{"instansi": b.kode, "tahun": b.tahun, "aspek": a.kode, "nama": a.nama, "dari": a.dari, "ke": a.ke, "selisih": a.selisih} for b in gap.baris for a in b.aspek]
        write_workbook(
            args.output,
            [
                ("Ringkasan", pairs({k: v for k, v in summary.items() if not isinstance(v, list)})),
                ("Instansi", [{k.kunci: r.get(k.kunci) for k in _rows(gap).kolom} for r in _rows(gap).baris]),
                ("Indikator", [r for b in gap.baris for r in _indicators(b)]),
                ("Aspek", aspek),
                ("Paling sering diturunkan", summary["paling_sering_diturunkan"]),
                ("Tanpa pasangan", summary["tanpa_pasangan"]),
                ("Provenans", provenance(rubrik, args.strategy or rubrik.strategi)),
            ],
            out,
        )
    else:
        print(_text(gap, rubrik, args.top), file=out)
    return 0
