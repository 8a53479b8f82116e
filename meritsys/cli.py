"""The ``meritsys`` command: a stable, scriptable contract over the library.

Exit status: 0 success; 1 invalid input (a message on stderr, no traceback);
2 wrong usage.  ``--format json`` prints machine-readable output on stdout only;
warnings go to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import sys
import warnings
from collections.abc import Sequence
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

import meritsys
from meritsys._numbers import fmt, round_half_up
from meritsys._table import render
from meritsys.analysis import plan_cli, sensitivity_cli
from meritsys.errors import (
    IncompatibleStrategyError,
    MeritsysError,
    PluginError,
    PluginWarning,
    Problem,
    RubricNotFoundError,
    ValidationError,
)
from meritsys.io.converter import structure, unstructure
from meritsys.io.jsonio import read_json, read_penilaian
from meritsys.io.rubrikio import load_rubrik, parse_rubrik, rubrik_sha256
from meritsys.model import Hasil, Penilaian, Rubrik, Status
from meritsys.policy.compare import BarisPerbandingan, compare
from meritsys.policy.kasus import find_files, run_file
from meritsys.policy.reform import apply_reforms, load_reform
from meritsys.rubrics import get_rubrik, get_rubrik_or_file, list_rubrik
from meritsys.scoring._api import score
from meritsys.scoring._maturity import MaturityIndex
from meritsys.scoring._protocols import ScoringStrategy
from meritsys.scoring._registry import get_classifier, get_strategy, list_strategies

__all__ = ["main"]


class _Usage(Exception):
    """Wrong usage detected after parsing (exit 2)."""


def _resolve_rubrik(arg: str | None, fallback: str) -> Rubrik:
    """A rubric from ``--rubrik`` (an id or a rubric file), else *fallback*."""
    return get_rubrik_or_file(arg if arg is not None else fallback)


def _strategy(args: argparse.Namespace, rubrik: Rubrik) -> ScoringStrategy:
    name = args.strategy or rubrik.strategi
    if getattr(args, "tanpa_survei", False):
        if name != "maturity":
            raise _Usage("--tanpa-survei applies to the maturity strategy only")
        return MaturityIndex(hanya_maturitas=True)
    return get_strategy(name)


def _score_file(args: argparse.Namespace, path: str) -> tuple[list[Hasil], bool]:
    """Score every assessment in a file, reporting all structural and rubric problems together."""
    data = read_json(path)
    many = isinstance(data, list)
    raw = data if many else [data]
    problems: list[Problem] = []
    items: dict[int, Penilaian] = {}
    for i, item in enumerate(raw):
        try:
            items[i] = structure(item, Penilaian, path=f"[{i}]" if many else "")
        except ValidationError as exc:
            problems.extend(exc.problems)
    scored: dict[int, Hasil] = {}
    strategies: dict[str, tuple[Rubrik, ScoringStrategy]] = {}
    if args.rubrik is not None:  # one rubric for every item: an unknown one is the whole command's error
        rubrik = _resolve_rubrik(args.rubrik, args.rubrik)
        strategies[args.rubrik] = (rubrik, _strategy(args, rubrik))
    for i, p in items.items():
        rid = args.rubrik or p.rubrik
        if rid not in strategies:
            try:
                rubrik = _resolve_rubrik(rid, rid)
            except RubricNotFoundError as exc:  # reported with every other item's problems
                problems.append(Problem(f"[{i}].rubrik" if many else "rubrik", str(exc)))
                continue
            strategies[rid] = (rubrik, _strategy(args, rubrik))
        rubrik, strategy = strategies[rid]
        try:
            scored[i] = score(p, rubrik, strategy=strategy)
        except ValidationError as exc:
            problems.extend(exc.at(f"[{i}]").problems if many else exc.problems)
    if problems:
        raise ValidationError(sorted(problems, key=_item_order))
    return [scored[i] for i in range(len(raw))], many


def _item_order(problem: Problem) -> int:
    head = problem.path.partition("]")[0]
    return int(head[1:]) if head.startswith("[") and head[1:].isdigit() else 0


def _warn(results: Sequence[Hasil], err: TextIO) -> None:
    for h in results:
        for w in h.peringatan:
            print(f"meritsys: warning: {h.instansi.kode} {h.tahun}: {w}", file=err)


def _next(h: Hasil) -> str:
    if h.ke_kategori_berikut is None:
        return "-"
    return f"{h.ke_kategori_berikut.kategori.label} (+{format(h.ke_kategori_berikut.kurang, 'f')})"


def _summary_table(results: Sequence[Hasil]) -> str:
    rows = [
        [
            h.instansi.kode,
            h.instansi.jenis.value,
            str(h.tahun),
            h.tahap.value,
            format(h.indeks, "f"),
            h.kategori.label + (" *" if h.di_luar_skala else "") + (" †" if h.hanya_maturitas else ""),
            _next(h),
        ]
        for h in results
    ]
    return render(["instansi", "jenis", "tahun", "tahap", "indeks", "kategori", "ke kategori berikut"], rows, right=[4])


def _detail(h: Hasil) -> str:
    rows = [
        [a.kode, a.nama, format(a.nilai, "f"), format(a.maksimum, "f"), format(a.capaian, "f"), a.kategori.label if a.kategori else ""]
        for a in h.aspek
    ]
    out = [render(["aspek", "nama", "nilai", "maksimum", "capaian", "level"], rows, right=[2, 3, 4])]
    if h.saran:
        top = h.saran[:5]
        out.append("")
        out.append("Naik satu level dengan tambahan terbesar:")
        out.append(
            render(
                ["indikator", "dari", "ke", "tambahan"],
                [[s.kode, str(s.level_sekarang), str(s.level_berikut), "+" + fmt(s.tambahan)] for s in top],
                right=[1, 2, 3],
            )
        )
    return "\n".join(out)


def _csv(results: Sequence[Hasil]) -> str:
    buf = io.StringIO()
    aspek = [a.kode for a in results[0].aspek] if results else []
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(
        ["instansi", "nama", "jenis", "tahun", "tahap", "rubrik", "strategi", "indeks", "kategori_kode", "kategori", "di_luar_skala",
         "survei", "koreksi", "hanya_maturitas"]
        + [f"aspek_{k}" for k in aspek]
    )
    for h in results:
        by_code = {a.kode: format(a.nilai, "f") for a in h.aspek}
        writer.writerow(
            [h.instansi.kode, h.instansi.nama, h.instansi.jenis.value, h.tahun, h.tahap.value, h.rubrik.id, h.strategi,
             format(h.indeks, "f"), h.kategori.kode, h.kategori.label, str(h.di_luar_skala).lower(),
             "" if h.survei is None else format(h.survei, "f"), "" if h.koreksi is None else format(h.koreksi, "f"),
             str(h.hanya_maturitas).lower()]
            + [by_code.get(k, "") for k in aspek]
        )
    return buf.getvalue()


def cmd_score(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    results, many = _score_file(args, args.file)
    _warn(results, err)
    if args.format == "json":
        payload: Any = unstructure(results) if many else unstructure(results[0])
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
    elif args.format == "csv":
        out.write(_csv(results))
    else:
        print(_summary_table(results), file=out)
        if any(h.di_luar_skala for h in results):
            print("* di luar skala resmi: tetap dikategorikan ke pita terdekat", file=out)
        if any(h.hanya_maturitas for h in results):
            print("† indeks maturitas saja, tanpa survei (diminta dengan --tanpa-survei)", file=out)
        if len(results) == 1:
            print("", file=out)
            print(_detail(results[0]), file=out)
    return 0


def _demo_files() -> list[Path]:
    packaged = resources.files("meritsys") / "_contoh"
    if packaged.is_dir():
        return sorted(Path(str(f)) for f in packaged.iterdir() if f.name.startswith("kohort-") and f.name.endswith(".json"))
    source = Path(__file__).resolve().parent.parent / "examples" / "data"
    return sorted(source.glob("kohort-*.json"))


def cmd_demo(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    files = _demo_files()
    if not files:
        raise MeritsysError("the example cohort is not installed with this copy of meritsys")
    for i, path in enumerate(files):
        ns = argparse.Namespace(rubrik=None, strategy=None, tanpa_survei=False)
        results, _ = _score_file(ns, str(path))
        rubrik = get_rubrik(results[0].rubrik.id)
        if i:
            print("", file=out)
        print(f"{rubrik.nama} [{rubrik.id}] - {path.name}", file=out)
        print(_summary_table(results), file=out)
        if any(h.di_luar_skala for h in results):
            print("* di luar skala resmi: tetap dikategorikan ke pita terdekat", file=out)
    print("", file=out)
    print("Data contoh fiktif (instansi rekaan). Lanjutkan dengan: meritsys score FILE, meritsys rubrik show kasn-2019", file=out)
    return 0


def cmd_classify(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    rubrik = _resolve_rubrik(args.rubrik, args.rubrik)
    klas = get_classifier(args.classifier).classify(rubrik, args.value)
    if klas.di_luar_skala:
        sk = rubrik.skala
        where = f"below the published minimum {fmt(sk.minimum.nilai)}" if sk.maksimum is None else f"outside the published scale {fmt(sk.minimum.nilai)}..{fmt(sk.maksimum.nilai)}"
        print(f"meritsys: warning: {args.value} lies {where} of {rubrik.id}; classified as {klas.kategori.label}", file=err)
    if args.format == "json":
        payload = {
            "nilai": format(klas.nilai, "f"),
            "kategori": {"kode": klas.kategori.kode, "label": klas.kategori.label},
            "di_luar_skala": klas.di_luar_skala,
        }
        print(json.dumps(payload, ensure_ascii=False), file=out)
    else:
        print(klas.kategori.label, file=out)
    return 0


def cmd_validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    path = Path(args.file)
    if path.suffix.lower() == ".toml":
        rubrik = load_rubrik(path)
        print(f"ok: rubrik {rubrik.id} is valid ({len(rubrik.aspek)} aspects, {len(rubrik.indikator)} indicators)", file=out)
        return 0
    data = read_json(path)
    if isinstance(data, dict) and "aspek" in data:
        rubrik = parse_rubrik(data)
        print(f"ok: rubrik {rubrik.id} is valid ({len(rubrik.aspek)} aspects, {len(rubrik.indikator)} indicators)", file=out)
        return 0
    results, _ = _score_file(argparse.Namespace(rubrik=args.rubrik, strategy=None, tanpa_survei=args.tanpa_survei), args.file)
    _warn(results, err)
    print(f"ok: {len(results)} assessment(s) valid", file=out)
    return 0


def _status_counts(rubrik: Rubrik) -> dict[str, int]:
    counts = {s.value: 0 for s in Status}

    def visit(obj: Any) -> None:
        if isinstance(obj, dict):
            if set(obj) >= {"nilai", "status"} and obj.get("status") in counts:
                counts[obj["status"]] += 1
            for v in obj.values():
                visit(v)
        elif isinstance(obj, list):
            for v in obj:
                visit(v)

    visit(unstructure(rubrik))
    return counts


def cmd_rubrik(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.action == "list":
        rubrics = list_rubrik()
        if args.format == "json":
            payload = [
                {"id": r.id, "nama": r.nama, "berlaku_mulai": r.berlaku_mulai.isoformat(),
                 "berlaku_sampai": r.berlaku_sampai.isoformat() if r.berlaku_sampai else None,
                 "strategi": r.strategi, "sha256": rubrik_sha256(r)}
                for r in rubrics
            ]
            print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
        else:
            rows = [[r.id, r.berlaku_mulai.isoformat(), r.berlaku_sampai.isoformat() if r.berlaku_sampai else "-", r.strategi, r.nama] for r in rubrics]
            print(render(["id", "berlaku_mulai", "berlaku_sampai", "strategi", "nama"], rows), file=out)
        return 0
    if args.id is None:
        raise _Usage("rubrik show needs an ID")
    rubrik = _resolve_rubrik(args.id, args.id)
    if args.format == "json":
        print(json.dumps(unstructure(rubrik), ensure_ascii=False, indent=2), file=out)
        return 0
    lines = [f"{rubrik.nama} [{rubrik.id}]", f"sha256: {rubrik_sha256(rubrik)}"]
    sampai = rubrik.berlaku_sampai.isoformat() if rubrik.berlaku_sampai else "sekarang"
    lines.append(f"berlaku: {rubrik.berlaku_mulai.isoformat()} .. {sampai} ({rubrik.status_berlaku.value}); strategi: {rubrik.strategi}")
    lines.append("rujukan: " + "; ".join(f"{r.kode} ({r.status.value})" for r in rubrik.rujukan))
    counts = _status_counts(rubrik)
    lines.append("angka menurut status: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    lines.append("")
    rows = []
    for a in rubrik.aspek:
        if a.bobot is not None:
            w = f"{fmt(a.bobot.nilai)} ({a.bobot.status.value})"
        else:
            w = f"sum {fmt(sum((i.bobot.nilai for i in a.indikator if i.bobot is not None), start=type(rubrik.jumlah_bobot.nilai)(0)))}"
        maks = f"{fmt(a.maksimum.nilai)} ({a.maksimum.status.value})" if a.maksimum else "-"
        rows.append([a.kode, a.nama, str(len(a.indikator)), w, maks])
    lines.append(render(["aspek", "nama", "indikator", "bobot", "maksimum"], rows, right=[2]))
    lines.append("")
    krows = []
    for k in rubrik.kategori:
        bound = k.batas_bawah or k.batas_atas
        krows.append([
            k.kode,
            k.label,
            fmt(k.batas_bawah.nilai) if k.batas_bawah else "-",
            fmt(k.batas_atas.nilai) if k.batas_atas else "-",
            bound.status.value if bound else "-",
        ])
    lines.append(render(["kode", "kategori", "dari", "sampai", "status"], krows))
    lines.append(f"aturan batas: {rubrik.aturan_batas.jenis.value} ({rubrik.aturan_batas.status.value})")
    for note in rubrik.catatan:
        lines.append(f"- {note}")
    print("\n".join(lines), file=out)
    return 0


def cmd_compare(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    baseline = _resolve_rubrik(args.baseline, args.baseline)
    reformed = apply_reforms(baseline, [load_reform(f) for f in args.reform])
    items = read_penilaian(args.data)
    strategy = get_strategy(args.strategy) if args.strategy else None
    result = compare(baseline, reformed, items, strategy=strategy)
    rows = result.baris if args.semua else result.changed()
    if args.format != "table":  # machine-readable output on stdout; its notes go to stderr too
        for note in result.catatan:
            print(f"meritsys: warning: {note}", file=err)
    if args.format == "json":
        payload = {
            "baseline": unstructure(result.baseline),
            "reform": unstructure(result.reform),
            "kategori_lama": [k.label for k in result.kategori_lama],
            "kategori_baru": [k.label for k in result.kategori_baru],
            "transisi": [list(r) for r in result.transisi],
            "catatan": list(result.catatan),
            "ringkasan": {k: (format(v, "f") if isinstance(v, Decimal) else v) for k, v in result.summary().items()},
            "baris": [_compare_row(b) for b in rows],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
        return 0
    if args.format == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["instansi", "tahun", "tahap", "indeks_lama", "kategori_lama", "indeks_baru", "kategori_baru", "selisih", "arah"])
        for b in rows:
            r = _compare_row(b)
            writer.writerow([r["instansi"], r["tahun"], r["tahap"], r["indeks_lama"], r["kategori_lama"], r["indeks_baru"], r["kategori_baru"], r["selisih"], r["arah"]])
        return 0
    reform_ids = "+".join(result.reform.reform)
    print(f"{baseline.id} vs reform {reform_ids}: {len(result.changed())} of {len(result.baris)} change category", file=out)
    if rows:
        print(render(
            ["instansi", "tahun", "tahap", "lama", "kategori lama", "baru", "kategori baru", "selisih"],
            [[b.instansi.kode, str(b.tahun), b.tahap.value, fmt(b.indeks_lama), b.kategori_lama.label, fmt(b.indeks_baru), b.kategori_baru.label, _signed(b.selisih)] for b in rows],
            right=[3, 5, 7],
        ), file=out)
    print("", file=out)
    print("Transisi (baris: baseline, kolom: reform):", file=out)
    labels = [k.label for k in result.kategori_baru]
    print(render(["", *labels], [[k.label, *map(str, r)] for k, r in zip(result.kategori_lama, result.transisi, strict=True)], right=list(range(1, len(labels) + 1))), file=out)
    s = result.summary()
    mean = s["selisih_rerata"]
    mean_text = _signed(round_half_up(mean, 2)) if isinstance(mean, Decimal) else "-"
    print(f"\nnaik {s['naik']}, turun {s['turun']}, tetap {s['tetap']}; selisih indeks rerata {mean_text}", file=out)
    for note in result.catatan:
        print(f"catatan: {note}", file=out)
    return 0


def _signed(value: Decimal) -> str:
    text = fmt(value)
    return text if text.startswith("-") or value == 0 else f"+{text}"


def _compare_row(b: BarisPerbandingan) -> dict[str, Any]:
    return {
        "instansi": b.instansi.kode,
        "tahun": b.tahun,
        "tahap": b.tahap.value,
        "indeks_lama": fmt(b.indeks_lama),
        "kategori_lama": b.kategori_lama.label,
        "indeks_baru": fmt(b.indeks_baru),
        "kategori_baru": b.kategori_baru.label,
        "selisih": fmt(b.selisih),
        "arah": b.arah,
    }


def cmd_test(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    files = find_files(args.path)
    if not files:
        raise MeritsysError(f"no policy test files ([[kasus]] in *.toml) under {args.path}")
    passed = failed = 0
    for path in files:
        for result in run_file(path):
            if result.lulus:
                passed += 1
                if not args.quiet:
                    print(result.report(), file=out)
            else:
                failed += 1
                print(result.report(), file=out)
    print(f"{passed} passed, {failed} failed", file=out)
    return 1 if failed else 0


def cmd_strategies(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    names = list_strategies()
    if args.format == "json":
        print(json.dumps(list(names)), file=out)
    else:
        for name in names:
            print(name, file=out)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="meritsys",
        description="Score, classify and explain Indonesia's merit-system index (Indeks Sistem Merit).",
    )
    parser.add_argument("--version", action="version", version=f"meritsys {meritsys.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("demo", help="score the shipped example cohort and show a table")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("score", help="score assessments from a JSON file")
    p.add_argument("file", metavar="FILE", help="JSON file: one assessment or a list")
    p.add_argument("--rubrik", metavar="ID", help="rubric id or rubric file (default: each assessment's own)")
    p.add_argument("--strategy", metavar="NAME", help="scoring strategy (default: the rubric's own)")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument("--tanpa-survei", action="store_true", help="regime B: maturity-only index without the survey (flagged)")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("classify", help="print the category of a value")
    p.add_argument("value", metavar="VALUE")
    p.add_argument("--rubrik", metavar="ID", required=True, help="rubric id or rubric file")
    p.add_argument("--classifier", metavar="NAME", default="band", help="classifier (default: band; plugins via meritsys.classifiers)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_classify)

    p = sub.add_parser("validate", help="check an assessment file (or a rubric file) without scoring output")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--rubrik", metavar="ID", help="rubric id or rubric file (default: each assessment's own)")
    p.add_argument("--tanpa-survei", action="store_true", help="accept regime B assessments without a survey score")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("compare", help="score a cohort under a baseline and a reform; list who changes category")
    p.add_argument("data", metavar="DATA", help="JSON file of assessments")
    p.add_argument("--baseline", metavar="ID", required=True, help="baseline rubric id or rubric file")
    p.add_argument("--reform", metavar="FILE", required=True, action="append", help="reform file (TOML/JSON); repeat to compose in order")
    p.add_argument("--strategy", metavar="NAME", help="scoring strategy for both sides (default: each rubric's own)")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument("--semua", action="store_true", help="list every assessment, not only those that change category")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("test", help="run policy test files ([[kasus]] tables in *.toml)")
    p.add_argument("path", metavar="PATH", help="a policy test file or a folder searched recursively")
    p.add_argument("-q", "--quiet", action="store_true", help="print only failures and the summary")
    p.set_defaults(func=cmd_test)

    p = sub.add_parser("strategies", help="list the scoring strategies, built-in and installed")
    p.add_argument("action", choices=("list",))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_strategies)

    plan_cli.add_parser(sub)
    sensitivity_cli.add_parser(sub)

    p = sub.add_parser("rubrik", help="list the known rubrics or show one")
    p.add_argument("action", choices=("list", "show"))
    p.add_argument("id", nargs="?", metavar="ID")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_rubrik)
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line; return the exit status.

    Args:
        argv: Arguments without the program name (default: ``sys.argv[1:]``).
        out: Where results go (default: stdout).
        err: Where messages go (default: stderr).
    """
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    parser = _parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["classify"] and any(a.lower() in ("-inf", "-infinity", "-nan") for a in argv[1:]):
        # argparse would take "-inf" for an option; the contract says infinite input exits 1
        print("meritsys: error: invalid input (1 problem):\n  $: the value is not a finite number", file=err)
        return 1
    try:
        # argparse writes usage errors and --help to sys.stderr/sys.stdout: send them where asked
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help/--version
        return int(exc.code or 0)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", PluginWarning)
            return _dispatch(args, out, err)
    finally:
        # Outside the recording block: a warning passed on is not recorded (and passed on) again.
        for w in caught:
            if issubclass(w.category, PluginWarning):
                print(f"meritsys: warning: {w.message}", file=err)
            else:
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


def _dispatch(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        return int(args.func(args, out, err))
    except _Usage as exc:
        print(f"meritsys: usage error: {exc}", file=err)
        return 2
    except ValidationError as exc:
        print(f"meritsys: error: invalid input ({len(exc.problems)} problem{'s' if len(exc.problems) != 1 else ''}):", file=err)
        for line in exc.messages:
            print(f"  {line}", file=err)
        return 1
    except (IncompatibleStrategyError, PluginError) as exc:
        print(f"meritsys: usage error: {exc}", file=err)
        return 2
    except MeritsysError as exc:
        print(f"meritsys: error: {exc}", file=err)
        return 1
    except BrokenPipeError:  # pragma: no cover - e.g. piped into `head`
        return 0
    except (RecursionError, MemoryError, ArithmeticError, OSError) as exc:
        # input meritsys could not handle (too large, too deep, unreadable): never a traceback
        print(f"meritsys: error: cannot process this input: {type(exc).__name__}: {exc}", file=err)
        return 1
    except Exception as exc:  # pragma: no cover - a bug in meritsys, reported without a traceback
        print(f"meritsys: internal error: {type(exc).__name__}: {exc} (please report it)", file=err)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
