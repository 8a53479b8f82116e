"""Fuzz meritsys with hostile variants of the documents it ships; fail on any error outside its family.

meritsys promises that every failure caused by input raises :class:`meritsys.MeritsysError` (or a
subclass), or, for a wrong Python type, a ``TypeError`` whose message starts with the parameter's
name; and that the command line returns 0, 1 or 2 without a traceback or an "internal error".
This script checks that promise.  It parses the assessments, cohorts, reform and policy test
under ``examples/`` and the shipped rubrics, mutates them (deleted and unknown keys, values of
other types, overlong numbers, "NaN" and "1e999", deep nesting, unicode, repeated keys,
truncated text, flipped bytes, byte order marks, empty files), writes each variant to a
temporary file and hands it to the Python API and to ``meritsys.cli.main`` with random options.
Every call runs with warnings silenced under a watchdog (:data:`CALL_LIMIT` seconds), and
:func:`classify_outcome` sorts its outcome: ok, refused (inside the family) or outside it.

CI runs it for a bounded time; the exit status is 1 if anything fell outside the family::

    python -m tests.fuzz --seconds 60 --seed 1

The same seed gives the same inputs: iteration *i* draws from its own generator and starts
from the same files, so ``--seed S --replay I`` reruns exactly the iteration a failure names.
``--iterations N`` bounds a run by count; ``tests/test_fuzz.py`` runs a short round via :func:`run`.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import copy
import io
import itertools
import json
import math
import random
import re
import signal
import sys
import tempfile
import threading
import time
import tomllib
import traceback
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

import meritsys
from meritsys import analysis
from meritsys.cli import main as cli_main
from meritsys.policy import run_file

ROOT = Path(__file__).resolve().parent.parent
CALL_LIMIT = 20.0
"""Seconds one call may take before it counts as a hang."""
SHOWN = 20
"""The most distinct failures printed."""

# ------------------------------------------------------------------------------------------ hostile values


class Raw:
    """A value written verbatim into a document (JSON text, TOML text), and what it reads as in Python."""

    def __init__(self, text: str, toml: str | None = None, py: Any = None) -> None:
        self.json, self.toml, self.py = text, text if toml is None else toml, py

    def __deepcopy__(self, memo: dict[int, Any]) -> Raw:
        return self

    def __repr__(self) -> str:
        return f"Raw({self.json[:24]!r}, {len(self.json)} chars)"


class Dup(str):
    """A dict key written a second time, so the document repeats it (a distinct key in Python)."""

    __hash__ = object.__hash__

    def __eq__(self, other: object) -> bool:
        return self is other


def _nest(depth: int, wrap: Callable[[Any], Any], leaf: Any) -> Any:
    for _ in range(depth):
        leaf = wrap(leaf)
    return leaf


BIG, D40 = "1" + "0" * 5000, "0.1234567890123456789012345678901234567890"
HOSTILE: list[Any] = [
    "", " ", "NaN", "nan", "-0", "1E+1000", "1e999", "-1e999", "Infinity", "1e-320", "0x10", "1_0", "+1",
    " 3", D40, "1234567890123456789012345678901234567890", "9" * 5000, "\u0663", "\uff13", "\U0001d7d8",
    "\x00", "\ud800", "\u202e3", "\U0001f1ee\U0001f1e9", "x" * 100_000, "Baik", "kasn-2019", "../" * 20,
    "-1", "4", "2.5", 0, -1, -2, -3, 5, 127, 128, 2**31, 2**63, -(2**63) - 1, 2**64, 10**40, 0.5, -0.0,
    1e308, 5e-324, 3.0, True, False, None, [], {}, [1, 2], {"a": 1},
    Raw(BIG, py=10**5000), Raw("-" + BIG, py=-(10**5000)), Raw("1e999", py=math.inf),
    Raw("1E+1000", py=math.inf), Raw("-1e999", py=-math.inf), Raw("NaN", "nan", math.nan),
    Raw("Infinity", "inf", math.inf), Raw("-Infinity", "-inf", -math.inf), Raw("-0", py=-0.0),
    Raw(D40, py=float(D40)), Raw("1e-320", py=1e-320),
    Raw("[" * 60 + "1" + "]" * 60, py=_nest(60, lambda x: [x], 1)),
    Raw('{"a": ' * 3000 + "1" + "}" * 3000, "{a = " * 3000 + "1" + "}" * 3000,
        py=_nest(3000, lambda x: {"a": x}, 1)),
    Raw("[" * 5000 + "]" * 5000, py=_nest(4999, lambda x: [x], [])),
]
ABSURD = ["1e999", "-1", "nan", "inf", "-0", "0", "1e-320", "1E+1000", "9" * 5000, "x" * 10_000, "", "\u0663",
          "2.5", "10000001", "1e7", str(2**128), "\udcff", "NaN", "--bogus"]


def _hostile(rng: random.Random, depth: int = 0) -> Any:
    """A random hostile value for a document (may hold :class:`Raw`)."""
    kind = rng.randrange(7)
    if kind <= 2:
        return copy.copy(rng.choice(HOSTILE))
    if kind == 3:
        return rng.randint(-5, 10)
    if kind == 4:
        return "".join(chr(rng.randrange(0x20, 0x2FFF)) for _ in range(rng.randrange(12)))
    if kind == 5 and depth < 3:
        return [_hostile(rng, depth + 1) for _ in range(rng.randrange(4))]
    if kind == 6 and depth < 3:
        keys = ["x", "", " ", "jawaban", "__class__", "1.1", "\u00e9", "\U0001f600", "a" * 300, "\x7f"]
        return {rng.choice(keys): _hostile(rng, depth + 1) for _ in range(rng.randrange(3))}
    return None


def plain(v: Any) -> Any:
    """*v* as plain Python data, for calls that take values rather than files."""
    if isinstance(v, Raw):
        return v.py
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items() if not isinstance(k, Dup)}
    return [plain(x) for x in v] if isinstance(v, list) else v


def short(v: Any, n: int = 60) -> str:
    """A repr of *v* cut to *n* characters (never failing on deep or huge values)."""
    try:
        return repr(v)[:n]
    except RecursionError:
        return f"<{type(v).__name__} nested too deeply to print>"
    except ValueError:
        return f"<{type(v).__name__} holding an integer too long to print>"


# ------------------------------------------------------------------------------------------ documents


@cache
def _seeds() -> dict[str, list[tuple[str, Any]]]:
    """The shipped documents, parsed once: (file name, data) by family."""

    def parsed(*paths: Path) -> list[tuple[str, Any]]:
        texts = [(p.name, p.suffix, p.read_text(encoding="utf-8")) for p in sorted(paths)]
        return [(name, json.loads(t) if suffix == ".json" else tomllib.loads(t)) for name, suffix, t in texts]

    return {
        "penilaian": parsed(*(ROOT / "examples/data").glob("*.json")),
        "rubrik": parsed(*(ROOT / "meritsys/rubrics").glob("*.toml")),
        "reform": parsed(ROOT / "examples/reform/baik-260.toml"),
        "kasus": parsed(ROOT / "examples/kebijakan/test_baik_260.toml"),
    }


def _slots(doc: Any) -> list[tuple[Any, Any, str]]:
    """Every (container, key, path) in *doc*, found without recursion."""
    out: list[tuple[Any, Any, str]] = []
    stack: list[tuple[Any, str]] = [(doc, "$")]
    while stack:
        node, path = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for k, v in items:
            out.append((node, k, f"{path}[{k!r:.30}]"))
            stack.append((v, f"{path}[{k!r:.30}]"))
    return out


def mutate(rng: random.Random, doc: Any, log: list[str]) -> Any:
    """Apply 1-6 random structural mutations to a copy of *doc*; describe each in *log*."""
    doc = copy.deepcopy(doc)
    for _ in range(rng.choice([1, 1, 1, 2, 3, 6])):
        slots = _slots(doc)
        if not slots or rng.random() < 0.02:
            doc = rng.choice([[doc, doc], [], _hostile(rng)])
            log.append("replaced the whole document")
            continue
        parent, key, path = rng.choice(slots)
        value, op = parent[key], rng.randrange(7)
        if op == 0:
            del parent[key]
            log.append(f"deleted {path}")
        elif op == 1 or (op == 2 and not isinstance(value, dict | list)):
            parent[key] = _hostile(rng)
            log.append(f"set {path} = {short(parent[key], 50)}")
        elif op == 2:
            as_dict = {str(i): v for i, v in enumerate(value)} if isinstance(value, list) else {}
            parent[key] = list(value.values()) if isinstance(value, dict) else as_dict
            log.append(f"swapped list/dict at {path}")
        elif op == 3 and isinstance(value, dict):
            value[rng.choice(["x", "", "jawaban", "\u00e9", "a" * 300])] = _hostile(rng)
            log.append(f"added an unknown key under {path}")
        elif op == 4 and isinstance(parent, dict) and isinstance(key, str):
            parent[Dup(key)] = rng.choice([value, _hostile(rng)])
            log.append(f"repeated the key {path}")
        elif isinstance(value, int) and not isinstance(value, bool):
            parent[key] = rng.choice([-value, value + 1, value * 10 ** rng.randrange(1, 40), -1, 5, 2**63])
            log.append(f"set {path} = {short(parent[key], 50)}")
        else:
            parent[key] = rng.choice([[value], {"nilai": value}, HOSTILE[-1], str(value) * 3])
            log.append(f"nested or stretched {path}")
    return doc


def to_json(v: Any) -> str:
    """*v* as JSON text, writing :class:`Raw` values and :class:`Dup` keys as they are."""
    if isinstance(v, Raw):
        return v.json
    if isinstance(v, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))}: {to_json(x)}" for k, x in v.items()) + "}"
    return "[" + ", ".join(map(to_json, v)) + "]" if isinstance(v, list) else json.dumps(v, default=str)


def _toml_value(v: Any) -> str:
    if isinstance(v, Raw):
        return v.toml
    if isinstance(v, bool | float | int):
        return str(v).lower() if isinstance(v, bool) else repr(v)  # repr gives TOML's nan, inf, -inf too
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v if x is not None) + "]"
    if isinstance(v, dict):
        pairs = (f"{json.dumps(str(k))} = {_toml_value(x)}" for k, x in v.items() if x is not None)
        return "{" + ", ".join(pairs) + "}"
    return json.dumps(v) if isinstance(v, str) else str(v)  # dates and times as TOML literals


def to_toml(doc: Any) -> str:
    """*doc* as TOML text with inline tables (``null`` values are left out)."""
    items = doc.items() if isinstance(doc, dict) else [("value", doc)]
    return "".join(f"{json.dumps(str(k))} = {_toml_value(v)}\n" for k, v in items if v is not None)


def damage(rng: random.Random, data: bytes, log: list[str]) -> bytes:
    """Damage the text itself: empty, truncated, flipped bytes, byte order marks, repeated lines, junk."""
    op = rng.randrange(7)
    log.append(["emptied", "truncated", "flipped bytes", "added BOMs", "re-encoded as UTF-16",
                "repeated a line", "inserted junk bytes"][op])
    if op == 0:
        return rng.choice([b"", b" \n\t", codecs.BOM_UTF8])
    if op == 1:
        return data[: rng.randrange(len(data) + 1)]
    if op == 2:
        buf = bytearray(data or b" ")
        for _ in range(rng.randint(1, 8)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        return bytes(buf)
    if op == 3:
        return codecs.BOM_UTF8 * rng.randint(1, 2) + data
    if op == 4:
        return data.decode("utf-8", "replace").encode("utf-16")
    lines = data.split(b"\n")
    at = rng.randrange(len(lines))
    lines.insert(at, lines[at] if op == 5 else bytes(rng.randrange(256) for _ in range(rng.randint(1, 20))))
    return b"\n".join(lines)


def document(rng: random.Random, family: str, fmt: str, log: list[str], doc: Any = None) -> bytes:
    """A hostile variant of a shipped document of *family* (or of *doc*), serialised as *fmt*."""
    if doc is None:
        name, doc = rng.choice(_seeds()[family])
        log.append(f"{family} from {name}")
    if rng.random() < 0.85:
        doc = mutate(rng, doc, log)
    data = (to_json(doc) if fmt == "json" else to_toml(doc)).encode()
    return damage(rng, data, log) if rng.random() < 0.3 else data


# ------------------------------------------------------------------------------------------ outcomes


class Hang(BaseException):
    """Raised by the watchdog inside a call that ran past :data:`CALL_LIMIT`."""


@dataclass
class Failure:
    call: str
    input: str
    error: str
    where: str
    tail: str
    count: int = 1


@dataclass
class Report:
    inputs: int = 0
    ok: int = 0
    refused: int = 0
    outside: int = 0
    seconds: float = 0.0
    failures: dict[tuple[str, str], Failure] = field(default_factory=dict)

    def summary(self) -> str:
        return (f"fuzz: {self.inputs} inputs in {self.seconds:.1f} s; {self.ok} ok, {self.refused} refused "
                f"(MeritsysError/TypeError), {self.outside} outside the family")

    def details(self) -> str:
        return "\n".join(f"--- {f.call} ({f.count}x): {f.error}\n    raised at {f.where}\n"
                         f"    input: {f.input}\n{f.tail}" for f in list(self.failures.values())[:SHOWN])


def _where(exc: BaseException) -> tuple[str, str]:
    """The innermost meritsys frame of *exc* as ``file:line``, and the traceback's tail."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/meritsys/" in f.filename.replace("\\", "/")] or frames[-1:]
    if not ours:
        return "?", ""
    name = Path(ours[-1].filename)
    shown = name.relative_to(ROOT).as_posix() if name.is_relative_to(ROOT) else name.as_posix()
    return f"{shown}:{ours[-1].lineno}", "".join(traceback.format_list(frames[-4:]))


def _cli_where(argv: list[str]) -> tuple[str, str]:
    """Rerun a command that reported an internal error, watching for the exception the CLI's catch-all swallows, to locate it."""
    raised: list[BaseException] = []

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        if event == "exception" and (not raised or raised[-1] is not arg[1]):
            raised.append(arg[1])
        return tracer

    sys.settrace(tracer)
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            warnings.simplefilter("ignore")
            cli_main(argv, out=io.StringIO(), err=io.StringIO())
    except BaseException as exc:
        return _where(exc)
    finally:
        sys.settrace(None)
    outside = [e for e in raised if not isinstance(e, meritsys.MeritsysError | SystemExit | StopIteration)]
    return _where(outside[-1]) if outside else ("? (did not recur)", "")


def classify_outcome(exc: BaseException | None, params: Iterable[str], cli_result: Any) -> str | None:
    """``None`` for ok, ``"refused"`` inside the family, otherwise what put the outcome outside it."""
    if isinstance(exc, Hang):
        return f"Hang: no answer within {CALL_LIMIT:g} s"
    if isinstance(exc, meritsys.MeritsysError):
        return "refused"
    if type(exc) is TypeError and any(re.match(rf"{re.escape(p)}\b", str(exc)) for p in params):
        return "refused"
    if exc is not None:
        return f"{type(exc).__name__}: {str(exc)[:300]}"
    if cli_result is None:
        return None
    code, err = cli_result
    bad = re.search(r"internal error: .*|Traceback.*", err)
    if code not in (0, 1, 2) or bad:
        return f"exit {code}, stderr: {(bad.group(0) if bad else err)[:300]}"
    return None if code == 0 else "refused"


def _alarm(signum: int, frame: Any) -> None:
    raise Hang


def check(report: Report, call: str, what: str, fn: Callable[[], Any], params: Iterable[str] = (),
          *, must_return: bool = False, cli_argv: list[str] | None = None) -> Any:
    """Run ``fn()`` under the watchdog with warnings silenced and record its outcome; its value if ok."""
    watchdog = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    exc: BaseException | None = None
    value, started = None, time.monotonic()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        old = signal.signal(signal.SIGALRM, _alarm) if watchdog else None
        try:
            if watchdog:
                signal.setitimer(signal.ITIMER_REAL, CALL_LIMIT)
            value = fn()
        except (Exception, Hang) as e:
            exc = e
        finally:
            if watchdog:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, old or signal.SIG_DFL)
    if exc is None and time.monotonic() - started > CALL_LIMIT:
        exc = Hang()
    verdict = classify_outcome(exc, params, value if cli_argv is not None else None)
    if must_return and verdict == "refused" and exc is not None:
        verdict = f"{type(exc).__name__} raised by a call that must return results: {str(exc)[:300]}"
    report.inputs += 1
    if verdict is None or verdict == "refused":
        report.ok += verdict is None
        report.refused += verdict == "refused"
        return value if verdict is None else None
    report.outside += 1
    where, tail = _where(exc) if exc is not None else _cli_where(cli_argv or [])
    key = (verdict.split(":")[0] if exc is not None else re.sub(r"\d+", "N", verdict)[:80], where)
    if key in report.failures:
        report.failures[key].count += 1
    else:
        report.failures[key] = Failure(call, what, verdict, where, tail)
    return None


# ------------------------------------------------------------------------------------------ input families


@dataclass
class Ctx:
    rng: random.Random
    report: Report
    tmp: Path
    log: list[str]

    def write(self, rel: str, data: bytes) -> Path:
        """Write a hostile file; return its path, or now and then a hostile path instead."""
        (self.tmp / rel).write_bytes(data)
        if self.rng.random() < 0.95:
            return self.tmp / rel
        tmp = self.tmp
        path = self.rng.choice([tmp, tmp / "nothing.json", tmp / ("x" * 5000), Path("a\x00.json")])
        self.log.append(f"but passed the path {short(str(path), 40)}")
        return path

    def check(self, call: str, fn: Callable[[], Any], params: Iterable[str] = (), **kw: Any) -> Any:
        what = "; ".join(self.log)
        what = what if len(what) <= 800 else f"{what[:400]} [...] {what[-400:]}"
        return check(self.report, call, what, fn, params, **kw)


def _cohort(rubrik: meritsys.Rubrik) -> tuple[meritsys.Penilaian, ...]:
    name = "kohort-kasn-2023.json" if rubrik.id == "kasn-2019" else "kohort-permenpanrb-2026.json"
    return meritsys.read_penilaian(ROOT / "examples/data" / name)


SENSITIVITY: dict[str, tuple[list[Any], list[Any]]] = {  # option: (good values, absurd values)
    "draws": ([1, 2, 8, 8, 16], [0, -1, 10_000_001, 10**30, 2.5, "8", None, True]),
    "seed": ([0, 1, 2**128 - 1], [-1, 2**128, 1.0, "0"]),
    "konsentrasi": ([500.0, 1.0, math.inf, 1e9], [0, -1, math.nan, 1e10, "500", None, -math.inf]),
    "rentang": ([None, None, 0.2, 0], [1, math.nan, -0.1, 1e-320, "0.2"]),
    "ambang": ([None, None, 5, 0.02, 1e-9], [1e15, 1e-10, math.nan, -1, 1e-320, 1e300, "5"]),
    "kebijakan_tidak_berlaku": ([False, False, True, ["nol"]], [["x"], [], 5, [None]]),
    "hanya_maturitas": ([False, True], [1, "yes", None]),
    "chunk": ([512, 1, 64], [0, 10**6, 2**64]),
    "workers": ([1, 1, 2], [0, 65, 10**9]),
}
TARGETS = ["Baik", "sangat baik", "Maju", "IV", "1", "5", "300", "0.6", Decimal("401"), 250, Decimal("NaN"),
           2.5, "Nope", Fraction(1, 3), 10**40, -1, *HOSTILE[:20]]


def fuzz_penilaian(ctx: Ctx) -> None:
    """Assessments: read and parse a hostile file, then score, lay out, plan, perturb and compare it."""
    rng = ctx.rng
    data = document(rng, "penilaian", "json", ctx.log)
    path = ctx.write("data/fuzz.json", data)
    items = ctx.check("read_penilaian", lambda: meritsys.read_penilaian(path))
    text = data.decode("utf-8", "replace") if rng.random() < 0.5 else data
    items = ctx.check("loads_penilaian", lambda: meritsys.loads_penilaian(text)) or items
    if not items:
        return
    rid = rng.choice([items[0].rubrik, "kasn-2019", "permenpanrb-19-2025"])
    ctx.check("score_many", lambda: meritsys.score_many(items, rng.choice([None, rid])))
    rubrik = ctx.check("get_rubrik", lambda: meritsys.get_rubrik(rid))
    if rubrik is None:
        return
    ctx.check("score_batch", lambda: meritsys.score_batch(items, rubrik))
    ctx.check("Kohort.from_penilaian", lambda: analysis.Kohort.from_penilaian(rubrik, items))
    target = rng.choice(TARGETS)
    biaya = rng.choice([None, {"1.1": plain(_hostile(rng))}, {"3.2": [1, 2, 3, 4]}, {"x": 1}])
    batas = rng.choice([None, {"1.1": plain(_hostile(rng))}, {"3.2": 3}])
    ctx.log.append(f"plan target {short(target)}, biaya {short(biaya)}, batas {short(batas)}")
    ctx.check("plan", lambda: analysis.plan(items[0], target, rubrik, biaya=biaya, batas=batas),
              ("penilaian", "target", "rubrik", "biaya", "batas", "strategy"))
    kohort = ctx.check("Kohort", lambda: meritsys.Kohort.from_penilaian(rubrik, items))
    if kohort is not None:
        opts = {k: rng.choice(bad if rng.random() < 0.1 else good) for k, (good, bad) in SENSITIVITY.items()}
        ctx.log.append(f"sensitivity {short(opts, 300)}")
        ctx.check("sensitivity", lambda: analysis.sensitivity(rubrik, kohort, **opts), opts)
    if rubrik.id == "kasn-2019":
        reform = meritsys.load_reform(ROOT / "examples/reform/baik-260.toml")
        ctx.check("compare", lambda: meritsys.compare(rubrik, reform.apply(rubrik), items))


def fuzz_rubrik(ctx: Ctx) -> None:
    """Rubrics: load a hostile rubric file, then classify and score the example cohort under it."""
    fmt = ctx.rng.choice(["toml", "json"])
    path = ctx.write(f"rubrik.{fmt}", document(ctx.rng, "rubrik", fmt, ctx.log))
    rubrik = ctx.check("load_rubrik", lambda: meritsys.load_rubrik(path))
    if rubrik is None:
        return
    value = plain(_hostile(ctx.rng))
    ctx.log.append(f"classify {short(value)}")
    ctx.check("classify", lambda: meritsys.classify(value, rubrik), ("value", "rubrik"))
    items = _cohort(rubrik)
    ctx.check("score_many", lambda: meritsys.score_many(items, rubrik))
    ctx.check("score_batch", lambda: meritsys.score_batch(items, rubrik))
    kohort = ctx.check("Kohort", lambda: meritsys.Kohort.from_penilaian(rubrik, items))
    if kohort is not None:
        ambang = ctx.rng.choice([None, 1])
        ctx.check("sensitivity", lambda: analysis.sensitivity(rubrik, kohort, draws=8, ambang=ambang))


def fuzz_reform(ctx: Ctx) -> None:
    """Reforms: load a hostile reform (file or mapping), apply it and compare the example cohort."""
    fmt = ctx.rng.choice(["toml", "json"])
    path = ctx.write(f"reform/fuzz.{fmt}", document(ctx.rng, "reform", fmt, ctx.log))
    reform = ctx.check("load_reform(file)", lambda: meritsys.load_reform(path))
    ctx.log.append("then a mapping:")
    mapping = plain(mutate(ctx.rng, _seeds()["reform"][0][1], ctx.log))
    reform = ctx.check("load_reform(mapping)", lambda: meritsys.load_reform(mapping), ("source",)) or reform
    if reform is not None:
        base = meritsys.get_rubrik(ctx.rng.choice(["kasn-2019", "permenpanrb-19-2025"]))
        reformed = ctx.check("apply_reforms", lambda: meritsys.apply_reforms(base, [reform]))
        if reformed is not None:
            ctx.check("compare", lambda: meritsys.compare(base, reformed, _cohort(base)))


def fuzz_kasus(ctx: Ctx) -> None:
    """Policy tests: a hostile [[kasus]] file (pointing at hostile data and reforms) must run, not raise."""
    rng, doc = ctx.rng, copy.deepcopy(_seeds()["kasus"][0][1])
    for case in doc["kasus"]:
        roll = rng.random()
        if roll < 0.3:
            case["penilaian"] = "../data/fuzz.json"
        elif roll < 0.4:
            ctx.log.append("an inline penilaian:")
            case["penilaian"] = mutate(rng, _seeds()["penilaian"][2][1], ctx.log)
        if rng.random() < 0.3:
            case["reform"] = [rng.choice(["../reform/fuzz.toml", "../reform", "../reform/none.toml", "\x00"])]
    ctx.write("data/fuzz.json", document(rng, "penilaian", "json", ctx.log))
    ctx.write("reform/fuzz.toml", document(rng, "reform", "toml", ctx.log))
    path = ctx.write("kebijakan/test_fuzz.toml", document(rng, "kasus", "toml", ctx.log, doc))
    ctx.check("run_file", lambda: run_file(path), must_return=True)


def fuzz_classify(ctx: Ctx) -> None:
    """classify: random values under shipped rubric ids, unknown ids and wrong types."""
    rng = ctx.rng
    value = rng.choice([plain(_hostile(rng)), rng.choice(TARGETS), np.float64(rng.random() * 400),
                        np.int64(rng.randrange(-10, 500)), complex(1, 1), b"300", Decimal("1e999999")])
    rubrik: Any = rng.choice(["kasn-2019", "permenpanrb-19-2025", "nope", 42, None])
    ctx.log.append(f"classify({short(value)}, {rubrik!r})")
    ctx.check("classify", lambda: meritsys.classify(value, rubrik), ("value", "rubrik"))


def fuzz_arrays(ctx: Ctx) -> None:
    """Kohort.from_arrays: the example cohort's columns, one of them (or the answers) made hostile."""
    rng = ctx.rng
    rubrik = meritsys.get_rubrik(rng.choice(["kasn-2019", "permenpanrb-19-2025"]))
    base = analysis.Kohort.from_penilaian(rubrik, _cohort(rubrik))
    own: dict[str, Any] = {
        "kode": base.kode, "nama": base.nama, "jenis": base.jenis_instansi, "provinsi": base.provinsi,
        "tahun": base.tahun, "survei": base.survei, "koreksi": base.koreksi, "gerbang": base.gerbang,
    }
    bad = rng.choice(["nothing", "cells", "jawaban", "tahap", *own])
    rows = np.vstack([base.jawaban.astype(np.int64)] * rng.choice([1, 1, 50]))
    rows = rows[: rng.choice([None, None, 0, 1])]
    n = len(rows)
    for _ in range(rng.randint(1, 3) if bad == "cells" and n else 0):
        cell = rng.randrange(n), rng.randrange(rows.shape[1])
        rows[cell] = rng.choice([-3, -2, -1, 0, 4, 5, 127, 200, -129])
    jawaban: Any = rows
    if bad == "jawaban":
        typed: Any = rows.astype(rng.choice([np.int8, np.float64, np.bool_, np.uint64]))
        jawaban = rng.choice([typed, rows.tolist(), rows[:, 1:], [[1, 2], [3]], np.zeros(n), "x", None])
    meta: dict[str, Any] = {}
    for name, column in own.items():
        values = list(column)
        good = [values[i % len(values)] for i in range(n)]
        meta[name] = good if rng.random() < 0.7 else None if name != "tahun" else 2023
        if name == bad:
            if good:
                at, good[at] = rng.randrange(n), plain(_hostile(rng))
                ctx.log.append(f"{name}[{at}] = {short(good[at])}")
            meta[name] = rng.choice([good, good, good[1:], 5, "abc", plain(_hostile(rng))])
    hostile_stage = rng.choice(["x", 1, None, "PENETAPAN", plain(_hostile(rng))])
    meta["tahap"] = hostile_stage if bad == "tahap" else "mandiri"
    shown = f"{jawaban.dtype} {jawaban.shape}" if isinstance(jawaban, np.ndarray) else short(jawaban, 80)
    columns = [short(v) for v in meta.values()]
    ctx.log.append(f"from_arrays {rubrik.id}, hostile {bad}: jawaban {shown}, columns {columns}")
    kohort = ctx.check("Kohort.from_arrays", lambda: analysis.Kohort.from_arrays(rubrik, jawaban, **meta),
                       ["rubrik", "jawaban", *meta])
    if kohort is not None:
        ctx.check("Kohort.score", lambda: kohort.score(rubrik))


FMT3 = ("table", "json", "csv")
CLI: dict[str, tuple[str, dict[str, Any]]] = {  # command: (required arguments, option: values; None: a flag)
    "score": ("F", {"--rubrik": "R", "--strategy": "S", "--format": FMT3, "--tanpa-survei": None}),
    "validate": ("F", {"--rubrik": "R", "--tanpa-survei": None}),
    "classify": ("V --rubrik R", {"--classifier": ("band", "x"), "--format": ("text", "json")}),
    "compare": ("F --baseline R --reform E", {"--reform": "E", "--strategy": "S", "--format": FMT3,
                                              "--semua": None}),
    "plan": ("F --target T", {"--rubrik": "R", "--biaya": "B", "--instansi": "I", "--tahun": ("2023", "2026"),
                              "--tahap": ("mandiri", "penetapan"), "--tanpa-survei": None,
                              "--format": ("table", "json")}),
    "sensitivity": ("F --draws N", {"--rubrik": "R", "--seed": ("0", "7"), "--konsentrasi": ("500", "inf"),
                                    "--rentang": ("0.2", "0"), "--ambang": ("5", "0.02", "0"),
                                    "--tidak-berlaku": None, "--tanpa-survei": None, "--chunk": ("1", "512"),
                                    "--workers": ("1", "2"), "--top": ("3", "1"), "-q": None,
                                    "--format": ("table", "json")}),
    "test": ("K", {"-q": None}),
    "rubrik": ("W R", {"--format": ("text", "json")}),
    "demo": ("", {}),
}


def _cli_argv(ctx: Ctx) -> list[str]:
    """Random arguments for one command over the hostile files, with absurd option values now and then."""
    rng, tmp, ex = ctx.rng, str(ctx.tmp), ROOT / "examples"
    a = rng.random() < 0.6  # mostly coherent arguments for one regime, so commands get past their checks
    own = (["kasn-2019", f"{ex}/data/kohort-kasn-2023.json", f"{ex}/data/penilaian-kab-sukamaju-2023.json"]
           if a else ["permenpanrb-19-2025", f"{ex}/data/kohort-permenpanrb-2026.json"])
    values: dict[str, Any] = {
        "F": [f"{tmp}/data/fuzz.json"] * 3 + own[1:] * 3 + [f"{tmp}/missing.json", tmp, f"{tmp}/rubrik.toml"],
        "R": [own[0]] * 3 + [f"{tmp}/rubrik.toml", f"{tmp}/rubrik.json", "kasn-2019", "permenpanrb-19-2025",
              "x"],
        "E": [f"{tmp}/reform/fuzz.toml", f"{tmp}/reform/fuzz.json", *[f"{ex}/reform/baik-260.toml"] * 2],
        "S": ["weighted-sum", "maturity", "geometric-mean", "weakest-aspect-cap", "x"],
        "V": ["249.5", "400", "-5", "1e-320", "-inf", "-nan"] if a else ["0.405", "1", "-0.0", "-nan"],
        "T": ["Baik", "Sangat Baik", "IV", "300", "400.5"] if a else ["Maju", "3", "0.61", "lanjutan", "1.5"],
        "I": ["kab-sukamaju", "kementerian-ilustrasi", "kota-contoh"], "N": ["1", "4", "8", "16"],
        "B": [f"{tmp}/biaya.toml"], "W": ["show", "show", "list"],
        "K": [f"{tmp}/kebijakan", f"{tmp}/kebijakan/test_fuzz.toml", f"{tmp}/reform"],
    }

    def pick(spec: Any) -> str:
        choices = values.get(spec, [spec]) if isinstance(spec, str) else spec
        return rng.choice(ABSURD) if rng.random() < 0.08 and choices != [spec] else rng.choice(choices)

    cmd = rng.choice(list(CLI))
    required, options = CLI[cmd]
    argv = [cmd, *(pick(token) for token in required.split())]
    for name, spec in options.items():
        if rng.random() < 0.35:
            argv += [name] if spec is None else [name, pick(spec)]
    if rng.random() < 0.05:
        argv.insert(rng.randrange(1, len(argv) + 1), rng.choice(ABSURD))
    return argv


def fuzz_cli(ctx: Ctx) -> None:
    """The command line in-process: a random command and options over freshly written hostile files."""
    rng = ctx.rng
    ctx.write("data/fuzz.json", document(rng, "penilaian", "json", ctx.log))
    fmt = rng.choice(["toml", "json"])
    ctx.write(f"rubrik.{fmt}", document(rng, "rubrik", fmt, ctx.log))
    ctx.write(f"reform/fuzz.{fmt}", document(rng, "reform", fmt, ctx.log))
    costs = {"biaya": {"3.2": _hostile(rng), "5.1": [1, 1, 2.5, 4]}, "batas": {"3.2": _hostile(rng)}}
    ctx.write("biaya.toml", document(rng, "biaya", "toml", ctx.log, costs))
    ctx.write("kebijakan/test_fuzz.toml", document(rng, "kasus", "toml", ctx.log))
    argv = _cli_argv(ctx)
    ctx.log.append(f"argv {short(argv, 400)}")

    def main() -> tuple[int, str]:
        out, err = io.StringIO(), io.StringIO()  # argparse writes to sys.stderr: caught and checked as well
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            return cli_main(argv, out=out, err=err), err.getvalue()

    ctx.check(f"cli {argv[0]}", main, cli_argv=argv)


FAMILIES: dict[Callable[[Ctx], None], int] = {  # input family: weight
    fuzz_penilaian: 5, fuzz_rubrik: 2, fuzz_reform: 2, fuzz_kasus: 2, fuzz_classify: 2, fuzz_arrays: 2,
    fuzz_cli: 6,
}
FUZZ_FILES = ("data/fuzz.json", "reform/fuzz.toml", "reform/fuzz.json", "rubrik.toml", "rubrik.json",
              "biaya.toml", "kebijakan/test_fuzz.toml")

# ------------------------------------------------------------------------------------------ driver


def run(seconds: float, seed: int, iterations: int | None = None, *, only: int | None = None) -> Report:
    """Fuzz for *seconds* of wall time or *iterations* rounds, whichever ends first (or iteration *only*)."""
    report, start = Report(), time.monotonic()
    with tempfile.TemporaryDirectory(prefix="meritsys-fuzz-") as name:
        tmp = Path(name)
        for sub in ("data", "reform", "kebijakan"):
            (tmp / sub).mkdir()
            for src in (ROOT / "examples" / sub).iterdir():
                (tmp / sub / src.name).write_bytes(src.read_bytes())
        for i in [only] if only is not None else itertools.count():
            if only is None and (i == iterations or time.monotonic() - start >= seconds):
                break
            for rel in FUZZ_FILES:  # every iteration starts from the same files, so --replay reproduces it
                (tmp / rel).unlink(missing_ok=True)
            rng = random.Random(f"{seed}:{i}")
            family = rng.choices(list(FAMILIES), list(FAMILIES.values()))[0]
            family(Ctx(rng, report, tmp, [f"seed {seed} iteration {i} ({family.__name__})"]))
    report.seconds = time.monotonic() - start
    return report


def main(argv: list[str] | None = None) -> int:
    """Fuzz meritsys; print a summary and every failure outside its error family (exit 1 if any)."""
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=main.__doc__)
    parser.add_argument("--seconds", type=float, default=30.0, help="wall-time bound (default 30)")
    parser.add_argument("--seed", type=int, default=0, help="seed; the same seed gives the same inputs")
    parser.add_argument("--iterations", type=int, help="stop after this many iterations")
    parser.add_argument("--replay", type=int, metavar="I", help="run only iteration I of the seed")
    args = parser.parse_args(argv)
    report = run(args.seconds, args.seed, args.iterations, only=args.replay)
    print(report.summary())
    if report.failures:
        print(f"{len(report.failures)} distinct failure(s) outside the family (at most {SHOWN} shown):")
        print(report.details())
    return 1 if report.outside else 0


if __name__ == "__main__":
    sys.exit(main())
