"""The ``meritsys`` program: the parser, the dispatch, and the exit-status contract.

Exit status: 0 success; 1 invalid input (a message on stderr, no traceback);
2 wrong usage.  ``--format json`` prints machine-readable output on stdout only;
warnings go to stderr.  Each command lives in its own module and imports what
it needs only when it runs, so a quick command (``classify``, ``validate``)
starts without numpy.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import warnings
from collections.abc import Sequence
from typing import TextIO

from meritsys._version import __version__
from meritsys.cli import (
    _awards,
    _classify,
    _compare,
    _demo,
    _due,
    _plan,
    _rubrik,
    _score,
    _sensitivity,
    _strategies,
    _target,
    _template,
    _test,
    _validate,
)
from meritsys.cli._common import Usage

__all__ = ["main", "parser"]

_COMMANDS = (_demo, _score, _classify, _validate, _template, _compare, _test, _strategies, _plan, _sensitivity, _due, _awards, _target, _rubrik)


def parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    p = argparse.ArgumentParser(
        prog="meritsys",
        description="Score, classify and explain Indonesia's merit-system index (Indeks Sistem Merit).",
    )
    p.add_argument("--version", action="version", version=f"meritsys {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in _COMMANDS:
        command.add(sub)
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
        print("meritsys: error: invalid input (1 problem):\n  $: the value is not a finite number", file=err)
        return 1
    try:
        # argparse writes usage errors and --help to sys.stderr/sys.stdout: send them where asked
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            args = parser().parse_args(argv)
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
    from meritsys.errors import IncompatibleStrategyError, MeritsysError, PluginError, ValidationError

    try:
        return int(args.func(args, out, err))
    except Usage as exc:
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
