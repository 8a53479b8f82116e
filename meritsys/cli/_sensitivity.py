"""``meritsys sensitivity``: how firmly each agency holds its category when the rules move.

::

    meritsys sensitivity DATA [--rubrik ID] [--draws N] [--seed S]
                         [--konsentrasi X | --rentang R] [--ambang W] [--tidak-berlaku]
                         [--tanpa-survei] [--chunk N] [--workers N] [--top N] [--format table|json]
                         [--quiet] [--dask ADDRESS|local]

``DATA`` is a JSON file of assessments of one rubric.  The table lists, per
agency, its baseline index, category and rank, the probability of keeping the
category, and the 5-95 % rank interval; then the weights (and cut points) whose
draws move the most agencies.  ``--format json`` prints one JSON object on
stdout.  A progress line goes to stderr on long runs, only when stderr is a
terminal and ``--quiet`` is not given.  ``--dask`` runs the draws on a Dask
cluster (``local``: threads in this process) with the same result.

Exit status: 0 success; 1 invalid input; 2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from meritsys._limits import MAX_CHUNK, MAX_DRAWS, MAX_KONSENTRASI, MAX_WORKERS
from meritsys._table import render
from meritsys.cli._xlsx import add_output_option, check_output

if TYPE_CHECKING:
    from meritsys.analysis._sensitivity import HasilSensitivitas, Progress
    from meritsys.model import Penilaian, Rubrik

__all__ = ["add", "run"]

_INTERVAL = (0.05, 0.95)


def _whole(low: int, high: int, shown: str | None = None) -> Any:
    allowed = shown or f"{low:,}..{high:,}"

    def parse(text: str) -> int:
        digits = text.strip().lstrip("+-")
        if not (digits.isascii() and digits.isdigit()) or len(digits) > 60:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number" if len(text) < 60 else "not a whole number of at most 60 digits")
        value = int(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be a whole number in {allowed}, got {value}")
        return value

    return parse


_positive_int = _whole(1, 10**9)


def _number(low: float, high: float, *, low_open: bool = False, high_open: bool = False, inf: bool = False) -> Any:
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if inf and value == math.inf:
            return value
        if math.isnan(value) or math.isinf(value):
            raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
        if value < low or (low_open and value == low) or value > high or (high_open and value == high):
            raise argparse.ArgumentTypeError(
                f"must be within {low:g} ({'exclusive' if low_open else 'inclusive'}) and {high:g} ({'exclusive' if high_open else 'inclusive'}), got {text}"
            )
        return value

    return parse


def add(subparsers: Any) -> None:
    """Register the command."""
    p = subparsers.add_parser(
        "sensitivity",
        help="redraw weights, cut points and the not-applicable rule; how stable is each agency's category?",
        description="Perturb the rubric's weights (and optionally cut points and not-applicable rule) many times "
        "and report each agency's probability of keeping its category, its rank interval and each weight's influence.",
    )
    p.add_argument("data", metavar="DATA", help="JSON file of assessments of one rubric")
    p.add_argument("--rubrik", metavar="ID", help="rubric id or rubric file (default: the assessments' own)")
    p.add_argument("--draws", type=_whole(1, MAX_DRAWS), default=1000, metavar="N", help=f"number of draws, at most {MAX_DRAWS:,} (default 1000)")
    p.add_argument("--seed", type=_whole(0, 2**128 - 1, "0..2**128-1"), default=0, metavar="S", help="seed; the same seed gives the same output (default 0)")
    weights = p.add_mutually_exclusive_group()
    weights.add_argument(
        "--konsentrasi", type=_number(0, MAX_KONSENTRASI, low_open=True, inf=True), default=500.0, metavar="X",
        help="Dirichlet concentration around the baseline weight shares; larger is tighter, 'inf' keeps them (default 500)",
    )
    weights.add_argument(
        "--rentang", type=_number(0, 1, high_open=True), metavar="R",
        help="instead: move each weight uniformly within +-R (a fraction, e.g. 0.2) of its baseline",
    )
    p.add_argument("--ambang", type=_number(0, 1e15), metavar="W", help="move each cut point uniformly within +-W index units")
    p.add_argument("--tidak-berlaku", action="store_true", help="regime B: draw the not-applicable rule (keluarkan/nol/maksimum)")
    p.add_argument("--strategy", metavar="NAME", help="scoring strategy (default: the rubric's own); it must offer a weight model")
    p.add_argument("--tanpa-survei", action="store_true", help="regime B: maturity-only index without the survey")
    p.add_argument("--chunk", type=_whole(1, MAX_CHUNK), default=512, metavar="N", help="draws scored at once; bounds memory (default 512)")
    p.add_argument("--workers", type=_whole(1, MAX_WORKERS), default=1, metavar="N", help="threads scoring chunks side by side (default 1)")
    p.add_argument("--top", type=_positive_int, default=10, metavar="N", help="influential weights listed in the table (default 10)")
    p.add_argument("--format", choices=("table", "json", "xlsx"), default="table")
    add_output_option(p)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress line on stderr")
    p.add_argument("--tahap", choices=("mandiri", "verifikasi", "klarifikasi", "penetapan", "terakhir"), help="the stage to rank where the data holds several of one agency-year ('terakhir': the latest of each)")
    p.add_argument("--tahun", type=int, metavar="TAHUN", help="rank this year only")
    p.add_argument("--campur-tahun", action="store_true", help="rank several years together (the output says so); by default the data must hold one year")
    p.add_argument("--dask", metavar="ADDRESS", help="run on a Dask scheduler at ADDRESS, or 'local' (needs meritsys[dask])")
    p.set_defaults(func=run)


def _rubrik(arg: str | None, items: Sequence[Penilaian]) -> Rubrik:
    from meritsys.errors import ValidationError
    from meritsys.rubrics import get_rubrik, get_rubrik_or_file

    if arg is not None:
        return get_rubrik_or_file(arg)
    ids = sorted({p.rubrik for p in items})
    if len(ids) > 1:
        raise ValidationError(f"the assessments use {len(ids)} rubrics ({', '.join(ids)}); choose one with --rubrik", code="ambiguous")
    return get_rubrik(ids[0])


class _ProgressLine:
    """A progress line on a terminal, rewritten in place whenever the percentage moves."""

    def __init__(self, err: TextIO) -> None:
        self.err = err
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        pct = 100 * done // total if total else 100
        if pct != self.shown:
            self.shown = pct
            self.err.write(f"\rmeritsys sensitivity: {done}/{total} draws ({pct}%)")
            self.err.flush()

    def close(self) -> None:
        if self.shown >= 0:
            self.err.write("\n")
            self.err.flush()


def _describe(h: HasilSensitivitas, letak: Any) -> str:
    from meritsys.model import LetakBobot

    what = "bobot indikator" if letak is LetakBobot.INDIKATOR else "bobot aspek"
    if h.rentang is not None:
        parts = [f"{what} +-{h.rentang:g} (seragam)"]
    elif h.konsentrasi is not None and math.isinf(h.konsentrasi):
        parts = [f"{what} tetap"]
    else:
        parts = [f"{what} ~ Dirichlet(konsentrasi {h.konsentrasi:g})"]
    parts.append("ambang tetap" if h.ambang is None else f"ambang +-{h.ambang:g}")
    if len(h.kebijakan) > 1:
        parts.append("tidak berlaku: " + "/".join(k.value for k in h.kebijakan))
    return "; ".join(parts)


def _fmt(x: float, places: int = 3) -> str:
    return "-" if not math.isfinite(x) else f"{x:.{places}f}"


def _scope(items: Sequence[Penilaian]) -> str:
    years = sorted({p.tahun for p in items})
    stages = sorted({p.tahap.value for p in items})
    parts = [f"tahun {years[0]}" if len(years) == 1 else f"TAHUN CAMPUR {', '.join(map(str, years))} (diperingkat bersama)"]
    parts.append(f"tahap {'/'.join(stages)}")
    return "\n" + "; ".join(parts)


def _table(h: HasilSensitivitas, items: Sequence[Penilaian], rubrik: Rubrik, top: int) -> str:
    p, lo, hi = h.p_keep(), h.rank_quantile(_INTERVAL[0]), h.rank_quantile(_INTERVAL[1])
    r_min, r_max = h.rank_min(), h.rank_max()
    labels, indeks = h.dasar.kategori_label(), h.dasar.indeks()
    places = 2 if h.dasar.desimal is None else h.dasar.desimal + 1
    rows = [
        [
            it.instansi.kode,
            str(it.tahun),
            it.tahap.value,
            format(indeks[i], "f"),
            labels[i],
            str(int(h.peringkat_dasar[i])),
            _fmt(float(p[i])),
            f"{lo[i]}-{hi[i]}",
            f"{r_min[i]}-{r_max[i]}",
            f"{_fmt(float(h.indeks_rerata[i]), places)} ± {_fmt(float(h.indeks_sd[i]), places)}",
        ]
        for i, it in enumerate(items)
    ]
    out = [
        f"{rubrik.nama} [{rubrik.id}]: {h.draws} draws, seed {h.seed}; {_describe(h, rubrik.letak_bobot)}"
        + _scope(items),
        "",
        render(
            ["instansi", "tahun", "tahap", "indeks", "kategori", "peringkat", "P(tetap)", "peringkat 5-95%", "min-maks", "indeks rerata ± sd"],
            rows,
            right=[3, 5, 6, 7, 8, 9],
        ),
        "",
        f"Rata-rata {h.berubah_rerata:.2f} dari {len(h)} instansi berubah kategori per draw.",
    ]
    if len(h.per_kebijakan) > 1:
        out.append(
            "Per kebijakan tidak berlaku: "
            + "; ".join(f"{k.kebijakan.value} {_fmt(k.berubah_rerata, 2)} ({k.draws} draws)" for k in h.per_kebijakan)
        )
    step = float(rubrik.aturan_batas.langkah.nilai)
    ranked = sorted((x for x in h.pengaruh if math.isfinite(x.korelasi)), key=lambda x: -abs(x.korelasi))[:top]
    if ranked:
        out += [
            "",
            "Pengaruh (korelasi dengan jumlah instansi yang berubah kategori; kemiringan: instansi per "
            f"+0.01 bagian bobot, atau per +{rubrik.aturan_batas.langkah.nilai} pada ambang):",
            render(
                ["jenis", "kode", "korelasi", "kemiringan"],
                [[x.jenis, x.kode, _fmt(x.korelasi), _fmt(x.kemiringan * (0.01 if x.jenis == "bobot" else step), 2)] for x in ranked],
                right=[2, 3],
            ),
        ]
    return "\n".join(out)


def _workbook(payload: dict[str, Any], rubrik: Rubrik, args: argparse.Namespace, out: TextIO) -> None:
    from decimal import Decimal

    from meritsys.cli._xlsx import flatten, pairs, provenance, write_workbook

    rows = [flatten({**r, "indeks_dasar": Decimal(r["indeks_dasar"])}) for r in payload["instansi"]]
    summary = {k: v for k, v in payload.items() if k not in ("instansi", "pengaruh", "per_kebijakan")}
    write_workbook(
        args.output,
        [
            ("Ringkasan", pairs(summary)),
            ("Instansi", rows),
            ("Pengaruh", [flatten(r) for r in payload["pengaruh"]]),
            ("Per kebijakan", [flatten(r) for r in payload["per_kebijakan"]]),
            ("Provenans", provenance(rubrik, args.strategy or rubrik.strategi)),
        ],
        out,
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``meritsys sensitivity`` with parsed *args*; results on *out*, the progress line on *err*."""
    from meritsys.analysis._sensitivity import sensitivity
    from meritsys.cli._common import Usage, read_assessments
    from meritsys.errors import ValidationError
    from meritsys.model import LetakBobot
    from meritsys.scoring import Kohort

    check_output(args)
    items = read_assessments(args.data, argparse.Namespace(input_format=getattr(args, 'input_format', None), rubrik=args.rubrik), allow_empty=True)
    if not items:
        raise ValidationError(f"{args.data}: no assessments to analyse", code="empty")
    rubrik = _rubrik(args.rubrik, items)
    if rubrik.letak_bobot is LetakBobot.INDIKATOR and (args.tanpa_survei or args.tidak_berlaku):
        option = "--tanpa-survei" if args.tanpa_survei else "--tidak-berlaku"
        raise Usage(f"{option} applies to regime B rubrics only; {rubrik.id} weighs indicators")
    kohort = Kohort.from_penilaian(rubrik, items)
    if args.tahun is not None:
        kohort = kohort.select(kohort.tahun == args.tahun)
        if len(kohort) == 0:
            raise ValidationError(f"{args.data}: no assessment of {args.tahun}", code="empty")
    if args.tahap == "terakhir":
        kohort = kohort.select_latest()
    elif args.tahap is not None:
        kohort = kohort.select_stage(args.tahap)
        if len(kohort) == 0:
            raise ValidationError(f"{args.data}: no assessment at stage {args.tahap}", code="empty")
    years = sorted({int(t) for t in kohort.tahun})
    if len(years) > 1 and not args.campur_tahun:
        raise Usage(f"{args.data} holds {len(years)} years ({', '.join(map(str, years))}); rank one with --tahun TAHUN, or all together with --campur-tahun")
    items = list(kohort.to_penilaian())
    line = _ProgressLine(err) if not args.quiet and err.isatty() else None
    progress: Progress | None = line
    options: dict[str, Any] = {
        "draws": args.draws,
        "seed": args.seed,
        "konsentrasi": args.konsentrasi,
        "rentang": args.rentang,
        "ambang": args.ambang,
        "kebijakan_tidak_berlaku": args.tidak_berlaku,
        "hanya_maturitas": args.tanpa_survei,
        "strategy": args.strategy,
        "chunk": args.chunk,
        "progress": progress,
    }
    try:
        if args.dask:
            from contextlib import ExitStack

            from meritsys.analysis import connect, sensitivity_dask

            with ExitStack() as stack:
                try:
                    client = stack.enter_context(connect(args.dask))
                except ValueError as exc:  # distributed refuses a malformed address with a ValueError
                    raise Usage(f"--dask {args.dask}: {exc}") from None
                result = sensitivity_dask(rubrik, kohort, client=client, **options)
        else:
            result = sensitivity(rubrik, kohort, workers=args.workers, **options)
    finally:
        if line is not None:
            line.close()
    if args.format in ("json", "xlsx"):
        payload = result.to_dict(_INTERVAL)
        for row, it in zip(payload["instansi"], items, strict=True):
            row["tahun"] = it.tahun
            row["tahap"] = it.tahap.value
        if args.format == "xlsx":
            _workbook(payload, rubrik, args, out)
        else:
            print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
    else:
        print(_table(result, items, rubrik, args.top), file=out)
    return 0
