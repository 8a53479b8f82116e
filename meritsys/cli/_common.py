"""What several commands share: usage errors, rubrics and strategies named on the command line, reading assessments."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from meritsys.errors import Problem
    from meritsys.model import Hasil, Penilaian, Rubrik
    from meritsys.scoring import ScoringStrategy

__all__ = ["Usage", "add_csv_options", "add_input_options", "input_format", "read_assessments", "read_input", "read_items", "read_stdin", "resolve_rubrik", "score_file", "strategy_of", "warn", "write_csv"]


class Usage(Exception):
    """Wrong usage detected after parsing (exit 2)."""


def resolve_rubrik(arg: str | None, fallback: str) -> Rubrik:
    """A rubric from ``--rubrik`` (an id or a rubric file), else *fallback*."""
    from meritsys.rubrics import get_rubrik_or_file

    return get_rubrik_or_file(arg if arg is not None else fallback)


def strategy_of(args: argparse.Namespace, rubrik: Rubrik) -> ScoringStrategy:
    """The strategy ``--strategy`` names (or the rubric's own), maturity-only with ``--tanpa-survei``."""
    from meritsys.scoring import get_strategy

    name = getattr(args, "strategy", None) or rubrik.strategi
    if getattr(args, "tanpa_survei", False):
        from meritsys.scoring import MaturityIndex

        if name != "maturity":
            raise Usage("--tanpa-survei applies to the maturity strategy only")
        if rubrik.komposisi is not None and rubrik.komposisi.bobot_survei.nilai == 0:
            raise Usage(f"--tanpa-survei: {rubrik.id} gives the survey no weight; its index is scored without one already")
        return MaturityIndex(hanya_maturitas=True)
    return get_strategy(name)


def input_format(path: str, given: str | None = None) -> str:
    """``"csv"``, ``"xlsx"`` or ``"json"``: *given* (``--input-format``), else by the file's suffix (standard input: JSON)."""
    from meritsys.io._suffix import looks_like_csv, looks_like_xlsx

    if given is not None:
        return given
    if path == "-":
        return "json"
    return "csv" if looks_like_csv(path) else "xlsx" if looks_like_xlsx(path) else "json"


def read_stdin() -> bytes | str:
    """Everything on standard input (bytes where it has them)."""
    return sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()


def _as_bytes(data: bytes | str) -> bytes:
    return data if isinstance(data, bytes) else data.encode("utf-8", "surrogateescape")


def read_input(path: str, given: str | None = None, rubrik: str | None = None, *, raw: bytes | str | None = None) -> Any:
    """The document at *path* (``-``: standard input): parsed JSON; for CSV, its assessments as a list; for Excel, a :class:`~meritsys.io._excel.Located`.

    *rubrik* (``--rubrik``) tells a CSV file's or workbook's columns apart where the file names no rubric.
    *raw* is standard input's content where the caller has read it already.
    """
    from meritsys.io._json import parse_json, read_json

    if path == "-" and raw is None:
        raw = read_stdin()
    fmt = input_format(path, given)
    if fmt == "xlsx":
        from meritsys.io._excel import read_located

        r = resolve_rubrik(rubrik, rubrik) if rubrik is not None else None
        return read_located(_as_bytes(raw) if raw is not None else path, rubrik=r, name="<stdin>" if raw is not None else "")
    if fmt == "csv":
        from meritsys.io._csv import parse_csv, read_csv

        r = resolve_rubrik(rubrik, rubrik) if rubrik is not None else None
        return list(parse_csv(raw, rubrik=r, name="<stdin>") if raw is not None else read_csv(path, rubrik=r))
    if raw is not None:
        return parse_json(raw)
    return read_json(path)


def _located(data: Any) -> bool:
    """Whether *data* was read from a workbook (a :class:`~meritsys.io._excel.Located`).

    Only a run that read a workbook has imported the workbook reader: the others
    need not import it to know.
    """
    excel = sys.modules.get("meritsys.io._excel")
    return excel is not None and isinstance(data, excel.Located)


def read_items(path: str, data: Any = None, args: argparse.Namespace | None = None) -> tuple[list[Penilaian | None], bool, list[Problem]]:
    """The assessments of a file (or of its parsed *data*): each item structured (``None`` where it is not valid), whether it was a list, and its problems."""
    from meritsys.errors import ValidationError
    from meritsys.io import structure
    from meritsys.model import Penilaian

    if data is None:
        data = read_input(path, getattr(args, "input_format", None), getattr(args, "rubrik", None))
    if _located(data):  # read from a workbook, checked by sheet and cell
        return list(data.items), data.many, list(data.problems)
    many = isinstance(data, list)
    raw = data if many else [data]
    problems: list[Problem] = []
    items: list[Penilaian | None] = []
    if raw and all(isinstance(item, Penilaian) for item in raw):  # read from CSV, checked by line and column
        return list(raw), True, []
    for i, item in enumerate(raw):
        try:
            items.append(structure(item, Penilaian, path=f"[{i}]" if many else ""))
        except ValidationError as exc:
            problems.extend(exc.problems)
            items.append(None)
    return items, many, problems


def read_assessments(path: str, args: argparse.Namespace | None = None, *, allow_empty: bool = False) -> list[Penilaian]:
    """The assessments of a file (JSON, CSV or workbook; ``-`` standard input), or every problem of it at once.

    An empty list is an error unless the command reports an empty result itself (*allow_empty*).
    """
    from meritsys.errors import ValidationError

    items, many, problems = read_items(path, None, args)
    if problems:
        raise ValidationError(problems)
    if many and not items and not allow_empty:
        _empty(path)
    return [p for p in items if p is not None]


def _empty(path: str) -> None:
    from meritsys.errors import ValidationError

    raise ValidationError(f"{'the input' if path == '-' else path} holds no assessments (an empty list)", code="empty")


def score_file(args: argparse.Namespace, path: str, data: Any = None) -> tuple[list[Hasil], bool]:
    """Score every assessment in a file (or its parsed *data*), reporting all structural and rubric problems together."""
    from meritsys.errors import Problem, RubricNotFoundError, ValidationError
    from meritsys.scoring import score

    if getattr(args, "sementara", False):  # interim scores: imported only when asked for
        from meritsys.scoring import score_interim as score
    if data is None:
        data = read_input(path, getattr(args, "input_format", None), getattr(args, "rubrik", None))
    items, many, found = read_items(path, data, args)
    if many and not items:
        _empty(path)
    problems: list[Problem] = [p for p in found if isinstance(p, Problem)]
    scored: dict[int, Hasil] = {}
    strategies: dict[str, tuple[Rubrik, ScoringStrategy]] = {}
    if args.rubrik is not None:  # one rubric for every item: an unknown one is the whole command's error
        rubrik = resolve_rubrik(args.rubrik, args.rubrik)
        strategies[args.rubrik] = (rubrik, strategy_of(args, rubrik))
    for i, p in enumerate(items):
        if p is None:
            continue
        rid = args.rubrik or p.rubrik
        if rid not in strategies:
            try:
                rubrik = resolve_rubrik(rid, rid)
            except RubricNotFoundError as exc:  # reported with every other item's problems
                problems.append(Problem(f"[{i}].rubrik" if many else "rubrik", str(exc), code="unknown-rubric"))
                continue
            strategies[rid] = (rubrik, strategy_of(args, rubrik))
        rubrik, strategy = strategies[rid]
        try:
            scored[i] = score(p, rubrik, strategy=strategy)
        except ValidationError as exc:
            problems.extend(exc.at(f"[{i}]").problems if many else exc.problems)
    if _located(data):  # a problem found in scoring is named at the cell it came from
        from meritsys.io._excel import cell_order

        read = {p.path for p in data.problems}
        later = [data.address(p) for p in problems[len(data.problems) :]]
        problems = [*data.problems, *(p for p in later if p.path not in read)]
        if problems:
            raise ValidationError(sorted(problems, key=cell_order))
    if problems:
        raise ValidationError(sorted(problems, key=_item_order))
    return [scored[i] for i in range(len(items))], many


def _item_order(problem: object) -> int:
    path = getattr(problem, "path", "")
    head = path.partition("]")[0]
    return int(head[1:]) if head.startswith("[") and head[1:].isdigit() else 0


def warn(results: Sequence[Hasil], err: TextIO) -> None:
    """Each result's warnings on stderr, one per line, naming the agency and year."""
    for h in results:
        for w in h.peringatan:
            print(f"meritsys: warning: {h.instansi.kode} {h.tahun}: {w}", file=err)


def add_input_options(p: Any) -> None:
    """``--input-format``: how to read FILE when its suffix does not say (standard input)."""
    p.add_argument("--input-format", choices=("json", "csv", "xlsx"), help="how to read FILE (default: by its suffix .json, .csv or .xlsx; standard input is JSON)")


def add_csv_options(p: Any) -> None:
    """The CSV output options, for spreadsheets set up for Indonesian (``;`` and a decimal comma)."""
    p.add_argument("--csv-sep", choices=(",", ";", "tab"), default=",", metavar="SEP", help="CSV separator: ',' (default), ';' (Excel with Indonesian settings) or tab")
    p.add_argument("--decimal-comma", action="store_true", help="CSV: write decimals with a comma (250,5)")
    p.add_argument("--bom", action="store_true", help="CSV: start with a UTF-8 byte order mark (Excel then reads the text as UTF-8)")


def write_csv(table: Any, args: argparse.Namespace, out: TextIO) -> None:
    """Write *table* (a :class:`~meritsys.cli._rows.Tabel`) as CSV with the options given."""
    if args.decimal_comma and args.csv_sep == ",":
        raise Usage("--decimal-comma needs another separator than ',' (e.g. --csv-sep ';')")
    sep = "\t" if args.csv_sep == "tab" else args.csv_sep
    out.write(("\ufeff" if args.bom else "") + table.csv(sep=sep, decimal_comma=args.decimal_comma))
