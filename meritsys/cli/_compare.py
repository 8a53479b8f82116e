"""``meritsys compare DATA --baseline ID --reform FILE``: who changes category under a proposed rule."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO

from meritsys._numbers import fmt, plain, round_half_up
from meritsys._table import render
from meritsys.cli._common import add_csv_options, resolve_rubrik, write_csv
from meritsys.cli._rows import Kolom, Record, Tabel
from meritsys.cli._xlsx import add_output_option, check_output

if TYPE_CHECKING:
    from meritsys.policy import BarisPerbandingan

__all__ = ["add", "rows_table", "run"]


def add(sub: Any) -> None:
    """Register the command."""
    p = sub.add_parser("compare", help="score a cohort under a baseline and a reform; list who changes category")
    p.add_argument("data", metavar="DATA", help="assessments: JSON, CSV or Excel; '-' reads standard input")
    p.add_argument("--tahun", type=int, metavar="TAHUN", help="compare this year only")
    p.add_argument("--campur-tahun", action="store_true", help="compare several years in one summary (the output says so); by default the data must hold one year")
    p.add_argument("--tahap", choices=("mandiri", "verifikasi", "klarifikasi", "penetapan", "terakhir"), help="compare one stage ('terakhir': the latest of each agency-year); by default every row on its own")
    p.add_argument("--baseline", metavar="ID", required=True, help="baseline rubric id or rubric file")
    p.add_argument("--reform", metavar="FILE", required=True, action="append", help="reform file (TOML/JSON); repeat to compose in order")
    p.add_argument("--strategy", metavar="NAME", help="scoring strategy for both sides (default: each rubric's own)")
    p.add_argument("--format", choices=("table", "json", "csv", "xlsx"), default="table")
    add_output_option(p)
    add_csv_options(p)
    p.add_argument("--semua", action="store_true", help="list every assessment, not only those that change category")
    p.set_defaults(func=run)


def _signed(value: Decimal) -> str:
    text = fmt(value)
    return text if text.startswith("-") or value == 0 else f"+{text}"


def _plain(key: str) -> Any:
    return lambda r: fmt(r[key])


def rows_table(rows: Sequence[BarisPerbandingan]) -> Tabel:
    """One record per assessment: its index and category under both rules, the change and its direction."""
    kolom = (
        Kolom("instansi", "instansi"),
        Kolom("tahun", "tahun"),
        Kolom("tahap", "tahap"),
        Kolom("indeks_lama", "lama", kanan=True, tampil=_plain("indeks_lama")),
        Kolom("kategori_lama", "kategori lama"),
        Kolom("indeks_baru", "baru", kanan=True, tampil=_plain("indeks_baru")),
        Kolom("kategori_baru", "kategori baru"),
        Kolom("selisih", "selisih", kanan=True, tampil=lambda r: _signed(r["selisih"])),
        Kolom("arah"),
    )
    records: list[Record] = [
        {
            "instansi": b.instansi.kode,
            "tahun": b.tahun,
            "tahap": b.tahap.value,
            "indeks_lama": b.indeks_lama,
            "kategori_lama": b.kategori_lama.label,
            "indeks_baru": b.indeks_baru,
            "kategori_baru": b.kategori_baru.label,
            "selisih": b.selisih,
            "arah": b.arah,
        }
        for b in rows
    ]
    return Tabel(kolom, records)


def _plain_records(table: Tabel) -> list[dict[str, Any]]:
    """JSON records with decimals without trailing zeros (as the comparison reports them)."""
    return [{k: (fmt(v) if isinstance(v, Decimal) else v) for k, v in r.items()} for r in (dict(x) for x in table.baris)]


def _select(items: list[Any], args: argparse.Namespace) -> tuple[list[Any], str]:
    """The assessments to compare (by --tahun and --tahap), and a line saying what the summary mixes, if anything."""
    from meritsys.cli._common import Usage
    from meritsys.scoring._kohort_stages import LATEST_FIRST

    if args.tahun is not None:
        items = [p for p in items if p.tahun == args.tahun]
    if args.tahap == "terakhir":
        best: dict[tuple[str, int], Any] = {}
        for p in items:
            key = (p.instansi.kode, p.tahun)
            if key not in best or LATEST_FIRST.index(p.tahap) < LATEST_FIRST.index(best[key].tahap):
                best[key] = p
        items = [p for p in items if best[(p.instansi.kode, p.tahun)] is p]
    elif args.tahap is not None:
        items = [p for p in items if p.tahap.value == args.tahap]
    years = sorted({p.tahun for p in items})
    if len(years) > 1 and not args.campur_tahun:
        raise Usage(f"{args.data} holds {len(years)} years ({', '.join(map(str, years))}); compare one with --tahun TAHUN, or all in one summary with --campur-tahun")
    notes = []
    if len(years) > 1:
        notes.append(f"TAHUN CAMPUR: {', '.join(map(str, years))} dalam satu ringkasan")
    stages: dict[tuple[str, int], list[str]] = {}
    for p in items:
        stages.setdefault((p.instansi.kode, p.tahun), []).append(p.tahap.value)
    several = [f"{k} {t} ({'/'.join(v)})" for (k, t), v in stages.items() if len(v) > 1]
    if several:
        notes.append(f"beberapa tahap dari satu instansi-tahun, masing-masing dibandingkan sendiri: {', '.join(several[:5])}" + (f" dan {len(several) - 5} lagi" if len(several) > 5 else "") + " (pilih satu dengan --tahap)")
    return items, "\n".join(notes)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Compare; print the movers (or every row), the transition matrix and a summary."""
    from meritsys.cli._common import read_assessments
    from meritsys.io import unstructure
    from meritsys.policy import apply_reforms, compare, load_reform
    from meritsys.scoring import get_strategy

    check_output(args)
    baseline = resolve_rubrik(args.baseline, args.baseline)
    reformed = apply_reforms(baseline, [load_reform(f) for f in args.reform])
    items = read_assessments(args.data, argparse.Namespace(input_format=getattr(args, 'input_format', None), rubrik=args.baseline), allow_empty=True)
    items, scope = _select(items, args)
    strategy = get_strategy(args.strategy) if args.strategy else None
    result = compare(baseline, reformed, items, strategy=strategy)
    table = rows_table(result.baris if args.semua else result.changed())
    notes = [*result.catatan, *filter(None, scope.split("\n"))]
    if args.format != "table":  # machine-readable output on stdout; its notes go to stderr too
        for note in notes:
            print(f"meritsys: warning: {note}", file=err)
    if args.format == "json":
        payload = {
            "baseline": unstructure(result.baseline),
            "reform": unstructure(result.reform),
            "kategori_lama": [k.label for k in result.kategori_lama],
            "kategori_baru": [k.label for k in result.kategori_baru],
            "transisi": [list(r) for r in result.transisi],
            "catatan": notes,
            "ringkasan": {k: (format(v, "f") if isinstance(v, Decimal) else v) for k, v in result.summary().items()},
            "baris": _plain_records(table),
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
        return 0
    if args.format == "xlsx":
        from meritsys.cli._xlsx import pairs, provenance, write_workbook

        name = args.strategy or baseline.strategi
        write_workbook(
            args.output,
            [
                ("Ringkasan", pairs(result.summary())),
                ("Baris", list(table.baris)),
                ("Transisi", [{"baseline": k.label, **{n.label: c for n, c in zip(result.kategori_baru, r, strict=True)}} for k, r in zip(result.kategori_lama, result.transisi, strict=True)]),
                ("Catatan", [{"catatan": note} for note in notes]),
                ("Provenans", [*provenance(baseline, name), *provenance(reformed, name)]),
            ],
            out,
        )
        return 0
    if args.format == "csv":
        write_csv(Tabel(table.kolom, [{k: (plain(v) if isinstance(v, Decimal) else v) for k, v in r.items()} for r in table.baris]), args, out)
        return 0
    reform_ids = "+".join(result.reform.reform)
    print(f"{baseline.id} vs reform {reform_ids}: {len(result.changed())} of {len(result.baris)} change category", file=out)
    if table.baris:
        print(table.text(), file=out)
    print("", file=out)
    print("Transisi (baris: baseline, kolom: reform):", file=out)
    labels = [k.label for k in result.kategori_baru]
    print(render(["", *labels], [[k.label, *map(str, r)] for k, r in zip(result.kategori_lama, result.transisi, strict=True)], right=list(range(1, len(labels) + 1))), file=out)
    s = result.summary()
    mean = s["selisih_rerata"]
    mean_text = _signed(round_half_up(mean, 2)) if isinstance(mean, Decimal) else "-"
    print(f"\nnaik {s['naik']}, turun {s['turun']}, tetap {s['tetap']}; selisih indeks rerata {mean_text}", file=out)
    for note in notes:
        print(f"catatan: {note}", file=out)
    return 0
