"""``meritsys plan``: the cheapest level increases that reach a target, on the command line.

::

    meritsys plan FILE --target KATEGORI_OR_INDEKS [--rubrik ID] [--biaya FILE.toml]
                  [--instansi KODE] [--tahun TAHUN] [--tahap TAHAP] [--tanpa-survei] [--format table|json]

``FILE`` holds one assessment, or a list of them from which ``--instansi``
(with ``--tahun`` where the agency appears more than once) picks one.  The
cost file is TOML; both tables are optional::

    [biaya]                  # the cost of one step; a step not listed costs 1
    "3.2" = 2                # every step of 3.2
    "5.1" = [1, 1, 2.5, 4]   # one cost per step from the lowest level: 0->1, 1->2, 2->3, 3->4

    [batas]                  # the highest level the plan may give
    "3.2" = 3

Exit status: 0 when the plan reaches the target (an empty plan when it is
already reached); 1 for invalid input, and when no plan can reach the target
(the closest plan is still printed, and stderr says why); 2 for wrong usage.
``--format json`` prints one JSON object on stdout, including the raised
assessment (``penilaian``) in the input format, ready for ``meritsys score``.
"""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO

from meritsys._numbers import fmt
from meritsys._table import render
from meritsys.cli._xlsx import add_output_option, check_output

if TYPE_CHECKING:
    from meritsys.analysis import Rencana
    from meritsys.model import Hasil, Penilaian, Rubrik
    from meritsys.scoring import ScoringStrategy

__all__ = ["add", "run"]

_STAGES = ("mandiri", "verifikasi", "klarifikasi", "penetapan")
"""The stages (:class:`~meritsys.model.Tahap`), spelled here so the parser needs no model (a test keeps them equal)."""


def add(subparsers: Any) -> None:
    """Register the command."""
    p = subparsers.add_parser(
        "plan",
        help="the cheapest level increases that bring an assessment to a target category or index",
        description="Find the cheapest set of level increases that lifts one assessment to a target.",
    )
    p.add_argument("file", metavar="FILE", help="JSON file: one assessment, or a list (pick one with --instansi)")
    p.add_argument("--target", required=True, metavar="KATEGORI_OR_INDEKS", help="a category (label or code) or an index value")
    p.add_argument("--rubrik", metavar="ID", help="rubric id or rubric file (default: the assessment's own)")
    p.add_argument("--biaya", metavar="FILE.toml", help="TOML file with [biaya] step costs and [batas] level caps")
    p.add_argument("--instansi", metavar="KODE", help="the agency code of the assessment to plan for, in a list")
    p.add_argument("--tahun", metavar="TAHUN", type=int, help="the assessment year, where the agency appears more than once")
    p.add_argument("--tahap", metavar="TAHAP", choices=_STAGES, help="the stage, where the agency appears more than once")
    p.add_argument("--strategy", metavar="NAME", help="scoring strategy to plan with (default: the rubric's own); it must offer a linear model")
    p.add_argument("--tanpa-survei", action="store_true", help="regime B: plan on the maturity-only index (flagged)")
    p.add_argument("--format", choices=("table", "json", "xlsx"), default="table")
    add_output_option(p)
    p.set_defaults(func=run)


def _rubrik(arg: str | None, fallback: str) -> Rubrik:
    from meritsys.rubrics import get_rubrik_or_file

    return get_rubrik_or_file(arg if arg is not None else fallback)


def _pick(args: argparse.Namespace) -> Penilaian | str:
    """The assessment to plan for, or a usage message."""
    from meritsys.cli._common import read_assessments

    items = read_assessments(args.file, argparse.Namespace(input_format=None, rubrik=args.rubrik))
    found = [
        p for p in items
        if (args.instansi is None or p.instansi.kode == args.instansi)
        and (args.tahun is None or p.tahun == args.tahun)
        and (getattr(args, "tahap", None) is None or p.tahap.value == args.tahap)
    ]
    if len(found) == 1:
        return found[0]
    listed = ", ".join(f"{p.instansi.kode} {p.tahun} {p.tahap.value}" for p in (found or items)[:10])
    if not found:
        return f"no assessment in {args.file} matches the selection; it holds: {listed}"
    return f"{args.file} holds {len(found)} assessments ({listed}); pick one with --instansi KODE (and --tahun, --tahap)"


def _strategy(args: argparse.Namespace, rubrik: Rubrik) -> ScoringStrategy | None:
    from meritsys.cli._common import strategy_of

    return strategy_of(args, rubrik) if args.tanpa_survei or args.strategy else None


def _hasil(h: Hasil) -> dict[str, Any]:
    return {"indeks": fmt(h.indeks), "kategori": {"kode": h.kategori.kode, "label": h.kategori.label}}


def _json(r: Rencana) -> dict[str, Any]:
    from meritsys.io import unstructure

    t = r.target
    return {
        "instansi": unstructure(r.awal.instansi),
        "tahun": r.awal.tahun,
        "tahap": r.awal.tahap.value,
        "rubrik": r.awal.rubrik.id,
        "strategi": r.awal.strategi,
        "target": {
            "indeks": None if t.indeks is None else fmt(t.indeks),
            "kategori": None if t.kategori is None else {"kode": t.kategori.kode, "label": t.kategori.label},
        },
        "tercapai": r.tercapai,
        "alasan": r.alasan,
        "awal": _hasil(r.awal),
        "akhir": _hasil(r.akhir),
        "biaya": fmt(r.biaya),
        "tambahan": fmt(r.tambahan),
        "langkah": [
            {"kode": s.kode, "aspek": s.aspek, "dari": s.dari, "ke": s.ke, "biaya": fmt(s.biaya), "tambahan": fmt(s.tambahan)}
            for s in r.langkah
        ],
        "penilaian": unstructure(r.penilaian),
    }


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _signed(value: Decimal) -> str:
    text = fmt(value)
    return text if text.startswith("-") else f"+{text}"


def _table(r: Rencana, rubrik: Rubrik) -> str:
    h0, h1 = r.awal, r.akhir
    lines = [
        f"{h0.instansi.nama} ({h0.instansi.kode}) {h0.tahun}, {h0.tahap.value} [{h0.rubrik.id}]",
        f"target: {r.target}",
        f"awal:   {fmt(h0.indeks)} ({h0.kategori.label})",
        "",
    ]
    if not r.langkah:
        lines.append("Target sudah tercapai: tidak ada level yang perlu dinaikkan." if r.tercapai else "Tidak ada level yang dapat dinaikkan.")
        return "\n".join(lines)
    lines.append("Naikkan level:" if r.tercapai else "Target tidak tercapai; kenaikan terbesar yang mungkin:")
    rows = [
        [s.kode, _short(rubrik.indicator(s.kode).nama), str(s.dari), str(s.ke), fmt(s.biaya), _signed(s.tambahan)]
        for s in r.langkah
    ]
    lines.append(render(["indikator", "nama", "dari", "ke", "biaya", "tambahan"], rows, right=[2, 3, 4, 5]))
    lines.append("")
    lines.append(f"total biaya: {fmt(r.biaya)}")
    lines.append(f"setelah rencana: {fmt(h1.indeks)} ({h1.kategori.label}), {_signed(r.tambahan)}")
    return "\n".join(lines)


def _workbook(r: Rencana, rubrik: Rubrik, path: str, out: TextIO) -> None:
    from meritsys.cli._xlsx import pairs, provenance, write_workbook

    h0, h1, t = r.awal, r.akhir, r.target
    summary = {
        "instansi": h0.instansi.kode,
        "nama": h0.instansi.nama,
        "tahun": h0.tahun,
        "tahap": h0.tahap.value,
        "target": str(t),
        "tercapai": r.tercapai,
        "alasan": r.alasan,
        "indeks_awal": h0.indeks,
        "kategori_awal": h0.kategori.label,
        "indeks_akhir": h1.indeks,
        "kategori_akhir": h1.kategori.label,
        "biaya": r.biaya,
        "tambahan": r.tambahan,
    }
    steps = [
        {"indikator": s.kode, "nama": rubrik.indicator(s.kode).nama, "aspek": s.aspek, "dari": s.dari, "ke": s.ke, "biaya": s.biaya, "tambahan": s.tambahan}
        for s in r.langkah
    ]
    write_workbook(path, [("Ringkasan", pairs(summary)), ("Langkah", steps), ("Provenans", provenance(rubrik, h0.strategi))], out)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``meritsys plan``: print the plan; return the exit status (see the module docstring).

    Raises:
        ValidationError: for invalid input (the assessment, the target, the cost file).
    """
    from meritsys.analysis import load_biaya, plan
    from meritsys.cli._common import Usage

    check_output(args)
    picked = _pick(args)
    if isinstance(picked, str):
        raise Usage(picked)
    rubrik = _rubrik(args.rubrik, picked.rubrik)
    biaya, batas = load_biaya(args.biaya) if args.biaya else (None, None)
    rencana = plan(picked, args.target, rubrik, biaya=biaya, batas=batas, strategy=_strategy(args, rubrik))
    for w in rencana.awal.peringatan:
        print(f"meritsys: warning: {picked.instansi.kode} {picked.tahun}: {w}", file=err)
    if args.format == "xlsx":
        _workbook(rencana, rubrik, args.output, out)
    elif args.format == "json":
        print(json.dumps(_json(rencana), ensure_ascii=False, indent=2), file=out)
    else:
        print(_table(rencana, rubrik), file=out)
    if not rencana.tercapai:
        print(f"meritsys: error: {rencana.alasan}", file=err)
        return 1
    return 0
