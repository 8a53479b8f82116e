"""``meritsys strategies list``: the scoring strategies, built-in and installed."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

__all__ = ["add", "run"]


def add(sub: Any) -> None:
    """Register the command."""
    p = sub.add_parser("strategies", help="list the scoring strategies, built-in and installed")
    p.add_argument("action", choices=("list",))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the names, one per line (or a JSON list)."""
    from meritsys.scoring import list_strategies

    names = list_strategies()
    if args.format == "json":
        print(json.dumps(list(names)), file=out)
    else:
        for name in names:
            print(name, file=out)
    return 0
