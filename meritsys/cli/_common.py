"""What several commands share: usage errors, rubrics and strategies named on the command line, reading assessments."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from meritsys.model import Hasil, Penilaian, Rubrik
    from meritsys.scoring import ScoringStrategy

__all__ = ["Usage", "read_input", "read_items", "resolve_rubrik", "score_file", "strategy_of", "warn"]


class Usage(Exception):
    """Wrong usage detected after parsing (exit 2)."""


def resolve_rubrik(arg: str | None, fallback: str) -> Rubrik:
    """A rubric from ``--rubrik`` (an id or a rubric file), else *fallback*."""
    from meritsys.rubrics import get_rubrik_or_file

    return get_rubrik_or_file(arg if arg is not None else fallback)


def strategy_of(args: argparse.Namespace, rubrik: Rubrik) -> ScoringStrategy:
    """The strategy ``--strategy`` names (or the rubric's own), maturity-only with ``--tanpa-survei``."""
    from meritsys.scoring import MaturityIndex, get_strategy

    name = getattr(args, "strategy", None) or rubrik.strategi
    if getattr(args, "tanpa_survei", False):
        if name != "maturity":
            raise Usage("--tanpa-survei applies to the maturity strategy only")
        return MaturityIndex(hanya_maturitas=True)
    return get_strategy(name)


def read_input(path: str) -> Any:
    """The JSON document at *path*, parsed strictly; ``-`` is standard input."""
    from meritsys.io import parse_json, read_json

    if path == "-":
        return parse_json(sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read())
    return read_json(path)


def read_items(path: str, data: Any = None) -> tuple[list[Penilaian | None], bool, list[object]]:
    """The assessments of a file (or of its parsed *data*): each item structured (``None`` where it is not valid), whether it was a list, and its problems."""
    from meritsys.errors import ValidationError
    from meritsys.io import structure
    from meritsys.model import Penilaian

    if data is None:
        data = read_input(path)
    many = isinstance(data, list)
    raw = data if many else [data]
    problems: list[object] = []
    items: list[Penilaian | None] = []
    for i, item in enumerate(raw):
        try:
            items.append(structure(item, Penilaian, path=f"[{i}]" if many else ""))
        except ValidationError as exc:
            problems.extend(exc.problems)
            items.append(None)
    return items, many, problems


def score_file(args: argparse.Namespace, path: str, data: Any = None) -> tuple[list[Hasil], bool]:
    """Score every assessment in a file (or its parsed *data*), reporting all structural and rubric problems together."""
    from meritsys.errors import Problem, RubricNotFoundError, ValidationError
    from meritsys.scoring import score

    items, many, found = read_items(path, data)
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
                problems.append(Problem(f"[{i}].rubrik" if many else "rubrik", str(exc)))
                continue
            strategies[rid] = (rubrik, strategy_of(args, rubrik))
        rubrik, strategy = strategies[rid]
        try:
            scored[i] = score(p, rubrik, strategy=strategy)
        except ValidationError as exc:
            problems.extend(exc.at(f"[{i}]").problems if many else exc.problems)
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
