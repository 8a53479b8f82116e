"""``meritsys validate FILE``: check an input document without scoring output.

FILE holds assessments (*penilaian*), a rubric (*rubrik*), a reform, a cost
file for ``meritsys plan --biaya`` (*biaya*) or a policy test file (*kasus*):
``--kind`` says which, or its shape does (:func:`kind_of`).  Each kind is read by
the reader its command uses, so whatever passes here is read there alike.  A
reform is checked by applying it to its rubric, a cost file against the rubric
given with ``--rubrik``, a policy test file by preparing every case (without
judging its expectations: that is ``meritsys test``).  Assessments and rubrics
are checked without numpy.

Output: ``ok: ...`` on stdout, or the problems on stderr (exit 1).  With
``--format json``, one object on stdout: ``{"ok": true, "kind": ..., "message":
..., ...}`` or ``{"ok": false, "kind": ..., "problems": [{"path", "code",
"message"}]}`` (exit 1); any other failure is the common JSON error object.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any, TextIO

from meritsys.cli._common import (
    Usage,
    add_input_options,
    input_format,
    read_input,
    read_stdin,
    resolve_rubrik,
    score_file,
    warn,
)
from meritsys.io._suffix import has_suffix

__all__ = ["KINDS", "add", "kind_of", "run"]

KINDS = ("penilaian", "rubrik", "reform", "biaya", "kasus")
"""What ``validate`` checks: assessments, a rubric, a reform, a cost file, a policy test file."""

_REFORM_KEYS = frozenset({"ubah", "tambah_indikator", "hapus_indikator", "dasar"})
_BIAYA_KEYS = frozenset({"biaya", "batas"})

Summary = tuple[str, dict[str, Any]]
"""The ``ok`` message and the facts the JSON output adds to it."""


def add(sub: Any) -> None:
    """Register the command."""
    p = sub.add_parser("validate", help="check an assessment, rubric, reform, cost or policy test file without scoring output")
    p.add_argument(
        "file",
        metavar="FILE",
        help="assessments (JSON, or CSV or Excel by suffix), a rubric, a reform or a cost file (.toml or .json), or a policy test file (.toml); '-' reads standard input",
    )
    p.add_argument("--kind", choices=KINDS, help="what FILE holds (default: recognised by its shape)")
    p.add_argument("--rubrik", metavar="ID", help="rubric id or rubric file: for assessments (default: each one's own), a reform (default: its dasar) or a cost file (required)")
    p.add_argument("--tanpa-survei", action="store_true", help="accept regime B assessments without a survey score")
    p.add_argument("--format", choices=("text", "json"), default="text", help="json: one object on stdout, the problems as records with a stable code")
    add_input_options(p)
    p.set_defaults(func=run)


def kind_of(data: Any, *, toml: bool) -> str:
    """The kind of a parsed document, by its shape.

    A list is assessments; an object with ``aspek`` a rubric, with ``kasus`` a
    policy test file, with ``ubah``, ``tambah_indikator``, ``hapus_indikator`` or
    ``dasar`` a reform, with ``biaya`` or ``batas`` a cost file.  Anything else
    is a rubric in a TOML file and assessments otherwise, as before there were
    other kinds, so its problems are named as such.

    Examples:
        >>> kind_of([], toml=False), kind_of({"id": "x", "ubah": {}}, toml=True), kind_of({"a": 1}, toml=True)
        ('penilaian', 'reform', 'rubrik')
    """
    if isinstance(data, dict):
        keys = data.keys()
        if "aspek" in keys:
            return "rubrik"
        if "kasus" in keys:
            return "kasus"
        if keys & _REFORM_KEYS:
            return "reform"
        if keys & _BIAYA_KEYS:
            return "biaya"
    elif isinstance(data, list):
        return "penilaian"
    return "rubrik" if toml else "penilaian"


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Check the file; print ``ok: ...`` and exit 0, or list every problem and exit 1."""
    from meritsys.errors import ValidationError

    kind: str | None = args.kind
    if input_format(args.file, args.input_format) in ("csv", "xlsx"):
        if kind not in (None, "penilaian"):
            raise Usage(f"--kind {kind}: a CSV file or a workbook holds assessments")
        kind = "penilaian"
    raw = read_stdin() if args.file == "-" else None
    try:
        kind, data = _detect(args, kind, raw)
        message, facts = _CHECKS[kind](args, data, raw, err)
    except ValidationError as exc:
        if args.format != "json":
            raise
        _print_json({"ok": False, "kind": kind, "problems": [p.to_dict() for p in exc.problems]}, out)
        return 1
    if args.format == "json":
        _print_json({"ok": True, "kind": kind, "message": message, **facts}, out)
    else:
        print(f"ok: {message}", file=out)
    return 0


def _print_json(obj: dict[str, Any], out: TextIO) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2), file=out)


def _detect(args: argparse.Namespace, kind: str | None, raw: bytes | str | None) -> tuple[str, Any]:
    """The kind of FILE (*kind* where it is known) and, where that took reading it, its parsed content (``None``: each checker reads it)."""
    from meritsys.io._reader import read_document

    toml = raw is None and args.input_format is None and has_suffix(args.file, ".toml")
    if kind == "penilaian" or (kind is None and not toml):
        data = read_input(args.file, args.input_format, args.rubrik, raw=raw)
    elif kind is None:
        data = read_document(args.file, "toml")
    else:
        return kind, None
    if kind is None:
        kind = kind_of(data, toml=toml)
        if kind == "rubrik" and toml and "aspek" not in data:
            from pathlib import Path

            from meritsys.policy import is_policy_file

            if is_policy_file(Path(args.file)):  # a misspelt [[kasus]] table: named as one
                kind = "kasus"
    return kind, data


def _mapping(args: argparse.Namespace, raw: bytes | str | None, what: str, *, decimals: bool = False) -> dict[str, Any]:
    """FILE read as the loader of *what* reads it (standard input: JSON), which must hold an object."""
    from meritsys.errors import ValidationError
    from meritsys.io._reader import parse_document
    from meritsys.io._rubrik import read_mapping

    if raw is None:
        return read_mapping(args.file, what=what, decimals=decimals)
    data = parse_document(raw, "json", decimals=decimals)
    if not isinstance(data, dict):
        raise ValidationError(f"standard input: {what} must be an object, got {type(data).__name__}", code="type")
    return data


def _penilaian(args: argparse.Namespace, data: Any, raw: bytes | str | None, err: TextIO) -> Summary:
    results, _ = score_file(argparse.Namespace(rubrik=args.rubrik, strategy=None, tanpa_survei=args.tanpa_survei, input_format=args.input_format), args.file, data)
    warn(results, err)
    return f"{len(results)} assessment(s) valid", {"penilaian": len(results)}


def _rubrik(args: argparse.Namespace, data: Any, raw: bytes | str | None, err: TextIO) -> Summary:
    from meritsys.io import parse_rubrik

    rubrik = parse_rubrik(data if isinstance(data, dict) else _mapping(args, raw, "a rubric"))
    facts = {"id": rubrik.id, "aspek": len(rubrik.aspek), "indikator": len(rubrik.indikator)}
    return f"rubrik {rubrik.id} is valid ({len(rubrik.aspek)} aspects, {len(rubrik.indikator)} indicators)", facts


def _reform(args: argparse.Namespace, data: Any, raw: bytes | str | None, err: TextIO) -> Summary:
    from meritsys.errors import Problem, RubricNotFoundError, ValidationError
    from meritsys.policy import load_reform
    from meritsys.rubrics import get_rubrik

    reform = load_reform(data if isinstance(data, dict) else _mapping(args, raw, "a reform"))
    if args.rubrik is not None:
        rubrik = resolve_rubrik(args.rubrik, args.rubrik)
    elif reform.dasar is not None:
        try:
            rubrik = get_rubrik(reform.dasar)
        except RubricNotFoundError as exc:
            raise ValidationError([Problem("dasar", str(exc), code="unknown-rubric")]) from None
    else:
        raise Usage(f"reform {reform.id} names no dasar: give the rubric it changes with --rubrik ID")
    reform.apply(rubrik)
    return f"reform {reform.id} is valid (applies to {rubrik.id})", {"id": reform.id, "rubrik": rubrik.id}


def _biaya(args: argparse.Namespace, data: Any, raw: bytes | str | None, err: TextIO) -> Summary:
    from meritsys.analysis._plan._inputs import biaya_tables, caps_and_costs
    from meritsys.errors import ValidationError

    if args.rubrik is None:
        raise Usage("a cost file names the indicators of a rubric: give it with --rubrik ID")
    rubrik = resolve_rubrik(args.rubrik, args.rubrik)
    biaya, batas = biaya_tables(_mapping(args, raw, "a cost file", decimals=True))  # costs read exactly, as plan reads them
    _, _, problems = caps_and_costs(rubrik, biaya, batas)
    if problems:
        raise ValidationError(problems)
    facts = {"rubrik": rubrik.id, "biaya": len(biaya), "batas": len(batas)}
    return f"cost file is valid for rubrik {rubrik.id} (costs for {len(biaya)} indicator(s), caps for {len(batas)})", facts


def _kasus(args: argparse.Namespace, data: Any, raw: bytes | str | None, err: TextIO) -> Summary:
    from meritsys.policy import check_file

    if raw is not None:
        raise Usage("a policy test file is read from its file (the files it names are relative to it), not from standard input")
    n = check_file(args.file)
    return f"{n} policy test case(s) valid", {"kasus": n}


_CHECKS: dict[str, Callable[[argparse.Namespace, Any, bytes | str | None, TextIO], Summary]] = {
    "penilaian": _penilaian,
    "rubrik": _rubrik,
    "reform": _reform,
    "biaya": _biaya,
    "kasus": _kasus,
}
