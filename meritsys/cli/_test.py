"""``meritsys test PATH``: run policy test files (``[[kasus]]`` tables in TOML)."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

__all__ = ["add", "run"]


def add(sub: Any) -> None:
    """Register the command."""
    p = sub.add_parser("test", help="run policy test files ([[kasus]] tables in *.toml)")
    p.add_argument("path", metavar="PATH", help="a policy test file or a folder searched recursively")
    p.add_argument("-q", "--quiet", action="store_true", help="print only failures and the summary")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run every case; exit 1 if any failed."""
    from meritsys.errors import MeritsysError
    from meritsys.policy import find_files, run_file

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
