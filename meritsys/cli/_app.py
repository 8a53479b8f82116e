"""The ``meritsys`` program: the parser, the dispatch, and the exit-status contract.

Exit status: 0 success; 1 invalid input (a message on stderr, no traceback);
2 wrong usage.  ``--format json`` prints machine-readable output on stdout only;
warnings go to stderr.  Each command lives in its own module and imports what
it needs only when it runs, so a quick command (``classify``, ``validate``,
``schema``) starts without numpy.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import itertools
import json
import os
import sys
import warnings
from collections.abc import Sequence
from typing import Any, TextIO

from meritsys._version import __version__
from meritsys.cli._common import Usage

__all__ = ["main", "parser"]

# Each command's module, in the order ``meritsys --help`` lists them.  A run imports
# only the module of the command it runs, so a quick command stays quick.
_COMMANDS = ("demo", "score", "classify", "validate", "template", "compare", "gap", "test", "strategies", "plan", "sensitivity", "due", "awards", "target", "rubrik", "schema")


def _columns() -> int:
    """The terminal's width as :func:`shutil.get_terminal_size` finds it (``COLUMNS``, else the terminal, else 80)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):  # no stdout, or not a terminal
        return 80


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, told the width argparse would find: it imports :mod:`shutil` for it, a few milliseconds of every command's start."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


class _Parser(argparse.ArgumentParser):
    """A parser whose help uses :class:`_HelpFormatter` (the command parsers are of this class too)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(**kwargs)


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of every command (of *command* alone when it is given)."""
    p = _Parser(
        prog="meritsys",
        description="Score, classify and explain Indonesia's merit-system index (Indeks Sistem Merit).",
    )
    p.add_argument("--version", action="version", version=f"meritsys {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in _COMMANDS if command is None else (command,):
        importlib.import_module(f"meritsys.cli._{name}").add(sub)
    return p


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line; return the exit status.

    Args:
        argv: Arguments without the program name (default: ``sys.argv[1:]``).
        out: Where results go (default: stdout).
        err: Where messages go (default: stderr).
    """
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["classify"] and any(a.lower() in ("-inf", "-infinity", "-nan") for a in argv[1:]):
        # argparse would take "-inf" for an option; the contract says infinite input exits 1
        from meritsys.errors import ValidationError

        as_json = "--format=json" in argv or any(a == "--format" and b == "json" for a, b in itertools.pairwise(argv))
        return _fail(ValidationError("the value is not a finite number", code="not-finite"), out, err, as_json=as_json)
    try:
        # argparse writes usage errors and --help to sys.stderr/sys.stdout: send them where asked
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            args = parser(argv[0] if argv[:1] and argv[0] in _COMMANDS else None).parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help/--version
        return int(exc.code or 0)
    from meritsys.errors import PluginWarning

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("default", UserWarning)  # the command is the application: it shows them
            warnings.simplefilter("always", PluginWarning)
            return _dispatch(args, out, err)
    finally:
        # Every warning goes to the error stream the caller gave, as the command's own message.
        for w in caught:
            if issubclass(w.category, PluginWarning):
                print(f"meritsys: warning: {w.message}", file=err)
            else:
                print(f"meritsys: warning: {w.category.__name__}: {w.message}", file=err)


def _dispatch(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        return int(args.func(args, out, err))
    except BrokenPipeError:  # pragma: no cover - e.g. piped into `head`
        return 0
    except Exception as exc:  # every failure is reported, never as a traceback
        return _fail(exc, out, err, as_json=getattr(args, "format", None) == "json")


def _fail(exc: Exception, out: TextIO, err: TextIO, *, as_json: bool = False) -> int:
    """Report why a command failed and return its exit status (1 invalid input, 2 wrong usage).

    As text, one ``meritsys: error: ...`` line (and a line per problem) goes to *err*.
    With ``--format json`` (*as_json*), stdout stays one JSON document: the error goes
    to *out* as ``{"error": {"code": ..., "message": ..., "problems": [...]}}``, where
    ``code`` is the error's :data:`~meritsys.errors.ErrorCode` and each problem is
    ``{"path", "code", "message"}``; nothing goes to *err* but warnings.
    """
    from meritsys.errors import (
        IncompatibleStrategyError,
        MeritsysError,
        PluginError,
        Problem,
        ValidationError,
    )

    problems: tuple[Problem, ...] = ()
    if isinstance(exc, Usage):
        status, code, label, message = 2, "usage", "usage error", str(exc)
    elif isinstance(exc, ValidationError):
        status, code, label, message = 1, exc.code, "error", exc.to_dict()["message"]
        problems = exc.problems
    elif isinstance(exc, IncompatibleStrategyError | PluginError):
        status, code, label, message = 2, exc.code, "usage error", str(exc)
    elif isinstance(exc, MeritsysError):
        status, code, label, message = 1, exc.code, "error", str(exc)
    elif isinstance(exc, RecursionError | MemoryError | ArithmeticError | OSError):
        # input meritsys could not handle (too large, too deep, unreadable)
        status, code, label, message = 1, "cannot-process", "error", f"cannot process this input: {type(exc).__name__}: {exc}"
    else:  # pragma: no cover - a bug in meritsys
        status, code, label, message = 1, "internal", "internal error", f"{type(exc).__name__}: {exc} (please report it)"
    if as_json:
        record = {"code": code, "message": message, "problems": [p.to_dict() for p in problems]}
        print(json.dumps({"error": record}, ensure_ascii=False, indent=2), file=out)
        return status
    print(f"meritsys: {label}: {message}{':' if problems else ''}", file=err)
    for p in problems:
        print(f"  {p}", file=err)
    return status
