"""``meritsys schema NAME``: the JSON Schema of a document meritsys reads or writes (imports no numpy)."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from meritsys.cli._common import Usage

__all__ = ["add", "run"]


def add(sub: Any) -> None:
    """Register the command."""
    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of a document",
        description="Print the JSON Schema (draft 2020-12) of a document meritsys reads or writes; without NAME, list the schemas.",
    )
    p.add_argument("name", metavar="NAME", nargs="?", help="the schema, e.g. penilaian or hasil")
    p.add_argument("--list", action="store_true", help="list the schemas, one line each")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the schema as indented JSON, or the list of schemas with their titles."""
    from meritsys.errors import SchemaNotFoundError
    from meritsys.io._schema import SCHEMAS, schema

    if args.name is not None and args.list:
        raise Usage("give NAME or --list, not both")
    if args.name is None:
        width = max(map(len, SCHEMAS))
        for name in SCHEMAS:
            print(f"{name:<{width}}  {schema(name)['title']}", file=out)
        return 0
    try:
        found = schema(args.name)
    except SchemaNotFoundError as exc:
        raise Usage(str(exc)) from None
    print(json.dumps(found, ensure_ascii=False, indent=2), file=out)
    return 0
