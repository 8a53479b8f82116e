"""``meritsys template --rubrik ID -o FILE.xlsx``: the blank worksheet (*kertas kerja*) of a rubric."""

from __future__ import annotations

import argparse
import os
from typing import Any, TextIO

from meritsys.cli._common import Usage, resolve_rubrik

__all__ = ["add", "run"]


def add(sub: Any) -> None:
    """Register the command."""
    p = sub.add_parser("template", help="write the blank Excel worksheet (kertas kerja) of a rubric")
    p.add_argument("--rubrik", metavar="ID", required=True, help="rubric id or rubric file")
    p.add_argument("-o", "--output", metavar="FILE.xlsx", required=True, help="where to write the workbook")
    p.add_argument("--kohort", action="store_true", help="the cohort layout: one row per agency, year and stage")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write the worksheet; say where."""
    from meritsys.io import write_template

    if not args.output.lower().endswith(".xlsx"):
        raise Usage(f"{args.output}: the worksheet is an Excel workbook; name it *.xlsx")
    if os.path.exists(args.output) and not args.force:
        raise Usage(f"{args.output} exists (a filled worksheet?); pass --force to overwrite it")
    rubrik = resolve_rubrik(args.rubrik, args.rubrik)
    write_template(rubrik, args.output, kohort=args.kohort)
    what = "cohort sheet" if args.kohort else "worksheet"
    print(f"wrote {args.output}: the {what} of rubrik {rubrik.id} ({len(rubrik.indikator)} questions)", file=out)
    return 0
