"""``meritsys validate FILE``: check an assessment file or a rubric file without scoring output (imports no numpy)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from meritsys.cli._common import add_input_options, read_input, score_file, warn

__all__ = ["add", "run"]


def add(sub: Any) -> None:
    """Register the command."""
    p = sub.add_parser("validate", help="check an assessment file (or a rubric file) without scoring output")
    p.add_argument("file", metavar="FILE", help="assessments (JSON, or CSV by suffix) or a rubric (.toml or .json); '-' reads standard input")
    p.add_argument("--rubrik", metavar="ID", help="rubric id or rubric file (default: each assessment's own)")
    p.add_argument("--tanpa-survei", action="store_true", help="accept regime B assessments without a survey score")
    add_input_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Check the file; print ``ok: ...`` and exit 0, or list every problem and exit 1."""
    from meritsys.io import load_rubrik, parse_rubrik

    path = Path(args.file)
    if args.file != "-" and path.suffix.lower() == ".toml" and args.input_format is None:
        rubrik = load_rubrik(path)
        print(f"ok: rubrik {rubrik.id} is valid ({len(rubrik.aspek)} aspects, {len(rubrik.indikator)} indicators)", file=out)
        return 0
    data = read_input(args.file, args.input_format, args.rubrik)
    if isinstance(data, dict) and "aspek" in data:
        rubrik = parse_rubrik(data)
        print(f"ok: rubrik {rubrik.id} is valid ({len(rubrik.aspek)} aspects, {len(rubrik.indikator)} indicators)", file=out)
        return 0
    results, _ = score_file(argparse.Namespace(rubrik=args.rubrik, strategy=None, tanpa_survei=args.tanpa_survei, input_format=args.input_format), args.file, data)
    warn(results, err)
    print(f"ok: {len(results)} assessment(s) valid", file=out)
    return 0
