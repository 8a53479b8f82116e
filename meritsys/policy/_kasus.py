"""Policy tests: pin what a rule (or a proposed reform) must do to named cases.

A policy test file is TOML with one ``[[kasus]]`` table per case::

    [[kasus]]
    nama = "Kementerian Ilustrasi turun ke Kurang bila ambang Baik 260"
    penilaian = "../examples/data/kohort-kasn-2023.json"   # a file, relative to this one...
    instansi = "kementerian-ilustrasi"                     # ...and which agency in it
    rubrik = "kasn-2019"                                   # or: siklus = 2023
    reform = ["../examples/reform/baik-260.toml"]          # optional, applied in order
    strategi = "weighted-sum"                              # optional

    [kasus.harapan]
    indeks = "259"          # exact, or with toleransi = "0.5"
    kategori = "Kurang"     # label or code
    aspek = { "1" = "45" }  # per-aspect values

``penilaian`` may instead be an inline table in the assessment JSON shape.
:func:`run_file` checks every case and returns a :class:`HasilKasus` per case
with an expected-versus-actual diff; ``meritsys test PATH`` and the pytest
plugin both run these files.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys._numbers import exact, to_decimal
from meritsys._repr import shown
from meritsys.errors import MeritsysError, PluginError, Problem, RubricNotFoundError, ValidationError, code_of
from meritsys.io._json import read_json
from meritsys.io._reader import parse_date, read_document
from meritsys.io._rubrik import load_rubrik
from meritsys.io._structure import structure
from meritsys.model import Hasil, Penilaian, Rubrik
from meritsys.policy._reform import Reform, apply_reforms, load_reform
from meritsys.rubrics import get_rubrik, rubrik_for_cycle, rubrik_for_date
from meritsys.scoring._api import score

__all__ = ["HasilKasus", "Selisih", "check_file", "find_files", "is_policy_file", "load_cases", "run_case", "run_file"]

_KEYS = {"nama", "penilaian", "instansi", "tahap", "rubrik", "siklus", "tanggal", "reform", "strategi", "harapan"}
_EXPECT = {"indeks", "toleransi", "kategori", "aspek", "di_luar_skala"}


@attrs.frozen
class Selisih:
    """One expectation that was not met."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    apa: str
    harapan: str
    aktual: str


@attrs.frozen
class HasilKasus:
    """The outcome of one case: passed, or the differences (or the error) that failed it."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    nama: str
    file: str
    selisih: tuple[Selisih, ...] = ()
    galat: str | None = None
    hasil: Hasil | None = None

    @property
    def lulus(self) -> bool:
        """Whether every expectation held."""
        return not self.selisih and self.galat is None

    def report(self) -> str:
        """A readable expected-versus-actual report naming the case."""
        if self.lulus:
            return f"PASS {self.nama}"
        lines = [f"FAIL {self.nama} ({self.file})"]
        if self.galat is not None:
            lines.extend(f"  {line}" for line in self.galat.splitlines())
        for s in self.selisih:
            lines.append(f"  {s.apa}:")
            lines.append(f"    - harapan: {s.harapan}")
            lines.append(f"    + aktual:  {s.aktual}")
        return "\n".join(lines)


_TABLE = "kasus"
_NEAR = frozenset({"case", "cases", "kase", "kasu", "kasuses", "test", "tests", "testcase"})


def _near_miss(key: str) -> bool:
    """Whether a top-level key looks like a misspelt ``kasus``."""
    k = key.strip().casefold()
    return k != _TABLE and (k == _TABLE or k in _NEAR or difflib.SequenceMatcher(None, k, _TABLE).ratio() >= 0.7)


def _top_level(path: Path) -> dict[str, Any] | None:
    """The parsed top level of a TOML file, or ``None`` if it does not parse as a table."""
    try:
        data = read_document(path, "toml")
    except ValidationError:
        return None
    return data if isinstance(data, dict) else None


def is_policy_file(path: Path) -> bool:
    """Whether *path* is a policy test file: TOML whose top level has ``kasus`` (or a near miss of it).

    A file named ``test*.toml`` that does not parse counts too, so its error is
    reported rather than the file skipped.
    """
    if path.suffix != ".toml":
        return False
    data = _top_level(path)
    if data is None:
        return path.name.startswith("test")
    return any(key == _TABLE or _near_miss(key) for key in data)


def find_files(root: str | os.PathLike[str]) -> list[Path]:
    """Policy test files at *root* (a file, or a folder searched recursively)."""
    path = Path(root)
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*.toml") if is_policy_file(p))


def load_cases(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Read a policy test file's cases as plain tables.

    The file holds ``[[kasus]]`` tables and nothing else: an unknown top-level
    key or table, a misspelt ``[[kasus]]`` among them, is an error, as is a
    file without cases.

    Raises:
        ValidationError: listing every problem of the file's shape.
    """
    data = read_document(path, "toml")
    problems = []
    for key in data:
        if key == _TABLE:
            continue
        hint = f"; did you mean [[{_TABLE}]]?" if _near_miss(key) else f"; a policy test file holds only [[{_TABLE}]] tables"
        problems.append(Problem(key if key.isidentifier() else f'["{key}"]', f"unknown key or table {key!r}{hint}", code="unknown-key"))
    cases = data.get(_TABLE)
    if not isinstance(cases, list) or not cases or not all(isinstance(c, dict) for c in cases):
        problems.append(Problem(_TABLE, f"expected [[{_TABLE}]] tables", code="missing-key" if cases is None else "empty" if cases == [] else "type"))
    if problems:
        raise ValidationError(problems)
    assert isinstance(cases, list)
    return cases


class _OfAssessment(ValidationError):
    """The problems of a case's assessment, addressed as scoring it alone addresses them.

    Args:
        exc: The problems.
        src: The assessment file the case names (``None``: an inline table).
        at: Where the assessment is: in the file (``[3]``) or in the case (``penilaian``).
    """

    def __init__(self, exc: ValidationError, src: str | None, at: str) -> None:
        super().__init__(exc.problems)
        self.src = src
        self.where = at

    def in_case(self, case: str) -> list[Problem]:
        """The problems addressed in the policy file, below the case at *case*."""
        if self.src is None:
            return [p.at(self.where).at(case) for p in self.problems]
        return [Problem(f"{case}.penilaian", f"{self.src}: {p.at(self.where)}", code=p.code) for p in self.problems]


def _penilaian(case: Mapping[str, Any], base: Path) -> tuple[Penilaian, str | None, str]:
    """A case's assessment, the file it comes from (``None``: inline) and where it is there."""
    src = case.get("penilaian")
    if isinstance(src, Mapping):
        return structure(dict(src), Penilaian, path="penilaian"), None, "penilaian"
    if not isinstance(src, str):
        raise ValidationError("penilaian: give a file path or an inline table", code="type")
    try:
        data = read_json(base / src)
    except ValidationError as exc:
        raise _OfAssessment(exc, src, "") from None
    items = data if isinstance(data, list) else [data]
    kode = case.get("instansi")
    tahap = case.get("tahap")
    matches = [
        i for i, item in enumerate(items)
        if isinstance(item, dict)
        and (kode is None or item.get("instansi", {}).get("kode") == kode)
        and (tahap is None or item.get("tahap", "mandiri") == tahap)
    ]
    if len(matches) != 1:
        what = f"instansi {kode!r}" + (f", tahap {tahap!r}" if tahap else "")
        raise ValidationError(f"penilaian: {len(matches)} assessments in {src} match {what}; exactly one must", code="ambiguous" if matches else "empty")
    where = f"[{matches[0]}]" if isinstance(data, list) else ""
    try:
        return structure(items[matches[0]], Penilaian, path=where), src, where
    except ValidationError as exc:
        raise _OfAssessment(exc, src, "") from None


def _rubrik(case: Mapping[str, Any], base: Path, p: Penilaian) -> Rubrik:
    given = [key for key in ("rubrik", "siklus", "tanggal") if key in case]
    if len(given) > 1:
        raise ValidationError(f"give one of rubrik, siklus or tanggal, not {' and '.join(given)}", code="conflict")
    if "siklus" in case:
        rubrik = rubrik_for_cycle(_cycle(case["siklus"], p))
    elif "tanggal" in case:
        tanggal = case["tanggal"]
        if isinstance(tanggal, str):
            try:
                tanggal = parse_date(tanggal)
            except ValueError:
                raise ValidationError([Problem("tanggal", f"expected a date (YYYY-MM-DD), got {shown(tanggal)}", code="not-a-date")]) from None
        if not isinstance(tanggal, dt.date):
            raise ValidationError("tanggal: expected a date (YYYY-MM-DD)", code="type")
        rubrik = rubrik_for_date(tanggal)
    else:
        rid = case.get("rubrik", p.rubrik)
        candidate = base / rid
        rubrik = load_rubrik(candidate) if candidate.suffix in (".toml", ".json") else get_rubrik(rid)
    reforms: list[Reform] = []
    for i, item in enumerate(case.get("reform", [])):
        try:
            reforms.append(load_reform(item if isinstance(item, Mapping) else base / item))
        except ValidationError as exc:
            raise exc.at(f"reform[{i}]") from None
    return apply_reforms(rubrik, reforms)


def _cycle(value: Any, p: Penilaian) -> int:
    """The cycle ``siklus`` names: a year, or ``true`` for the assessment's own ``tahun``."""
    if value is True:
        return p.tahun
    if type(value) is not int:
        raise ValidationError([Problem("siklus", f"expected a cycle year (e.g. 2025) or true (the assessment's own tahun), got {shown(value)}", code="type")])
    return value


def _dec(value: Any, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValidationError(f"harapan.{what}: expected a number written as a string, got {shown(value)}", code="type")
    try:
        return to_decimal(str(value))
    except ValueError as exc:
        raise ValidationError(f"harapan.{what}: {shown(value)} is not a finite number", code=code_of(exc, "not-a-number")) from None


def _close(expected: Decimal, actual: Decimal, tol: Decimal) -> bool:
    return abs(expected - actual) <= tol


def _scored(case: Mapping[str, Any], base: Path) -> tuple[Mapping[str, Any], Hasil]:
    """A case's expectations and the result they are compared with.

    Raises:
        MeritsysError: for a malformed case, or an assessment, rubric, reform
            or strategy it names that cannot be found or does not fit.
    """
    unknown = set(case) - _KEYS
    if unknown:
        raise ValidationError(f"unknown key(s) in kasus: {', '.join(sorted(unknown))}", code="unknown-key")
    for key in ("nama", "instansi", "tahap", "rubrik", "strategi"):
        if key in case and not isinstance(case[key], str):
            raise ValidationError(f"{key}: expected a string, got {shown(case[key])}", code="type")
    reforms = case.get("reform", [])
    if not isinstance(reforms, list):
        raise ValidationError("reform: expected a list of reform files or tables", code="type")
    for i, item in enumerate(reforms):
        if not isinstance(item, str | Mapping):
            raise ValidationError([Problem(f"reform[{i}]", f"expected a reform file (a string) or an inline table, got {shown(item)}", code="type")])
    harapan = case.get("harapan")
    if not isinstance(harapan, Mapping) or not harapan:
        raise ValidationError("harapan: a table of expectations is required", code="missing-key")
    unknown = set(harapan) - _EXPECT
    if unknown:
        raise ValidationError(f"unknown key(s) in harapan: {', '.join(sorted(unknown))}", code="unknown-key")
    if not set(harapan) - {"toleransi"}:
        raise ValidationError("harapan: checks nothing; expect at least one of indeks, kategori, aspek, di_luar_skala", code="empty")
    if "aspek" in harapan and not isinstance(harapan["aspek"], Mapping):
        raise ValidationError("harapan.aspek: expected a table of aspect code = value", code="type")
    kategori = harapan.get("kategori", "")
    if isinstance(kategori, bool) or not isinstance(kategori, str | int):
        raise ValidationError([Problem("harapan.kategori", f"expected a category label or code, got {shown(kategori)}", code="type")])
    if "di_luar_skala" in harapan and not isinstance(harapan["di_luar_skala"], bool):
        raise ValidationError([Problem("harapan.di_luar_skala", f"expected true or false, got {shown(harapan['di_luar_skala'])}", code="type")])
    p, src, where = _penilaian(case, base)
    rubrik = _rubrik(case, base, p)
    try:
        return harapan, score(p, rubrik, strategy=case.get("strategi"))
    except ValidationError as exc:  # the assessment does not fit the rubric
        raise _OfAssessment(exc, src, where) from None


@exact
def run_case(case: Mapping[str, Any], file: str | os.PathLike[str]) -> HasilKasus:
    """Run one case (a ``[[kasus]]`` table) of the file at *file*."""
    nama = str(case.get("nama", "(tanpa nama)"))
    try:
        harapan, hasil = _scored(case, Path(file).parent)
        diffs = tuple(_diff(harapan, hasil))
    except (MeritsysError, ValueError) as exc:
        return HasilKasus(nama, os.fspath(file), galat=str(exc))
    except (TypeError, AttributeError, KeyError, ArithmeticError) as exc:
        return HasilKasus(nama, os.fspath(file), galat=f"malformed case: {type(exc).__name__}: {exc}")
    return HasilKasus(nama, os.fspath(file), diffs, hasil=hasil)


def _diff(harapan: Mapping[str, Any], hasil: Hasil) -> Iterator[Selisih]:
    tol = _dec(harapan.get("toleransi", "0"), "toleransi")
    if "indeks" in harapan:
        want = _dec(harapan["indeks"], "indeks")
        if not _close(want, hasil.indeks, tol):
            suffix = f" ± {tol}" if tol else ""
            yield Selisih("indeks", f"{want}{suffix}", str(hasil.indeks))
    if "kategori" in harapan:
        want_k = str(harapan["kategori"])
        if want_k.casefold() not in (hasil.kategori.label.casefold(), hasil.kategori.kode.casefold()):
            yield Selisih("kategori", want_k, hasil.kategori.label)
    if "di_luar_skala" in harapan and harapan["di_luar_skala"] != hasil.di_luar_skala:
        yield Selisih("di_luar_skala", str(harapan["di_luar_skala"]).lower(), str(hasil.di_luar_skala).lower())
    aspek = {a.kode: a for a in hasil.aspek}
    for kode, value in dict(harapan.get("aspek", {})).items():
        want_a = _dec(value, f"aspek.{kode}")  # a malformed expectation is an error even for an unknown aspect
        got = aspek.get(str(kode))
        if got is None:
            yield Selisih(f"aspek {kode}", str(value), "(no such aspect)")
        elif not _close(want_a, got.nilai, tol):
            yield Selisih(f"aspek {kode}", str(value), str(got.nilai))


@exact
def check_file(path: str | os.PathLike[str]) -> int:
    """Check a policy test file without judging its expectations; return how many cases it holds.

    A case is valid when it can run: its keys and expectations are well formed,
    and the assessment, rubric, reforms and strategy it names are found and fit
    together.  Whether its expectations hold is what :func:`run_file` tells.

    Raises:
        ValidationError: every problem of every case, addressed ``kasus[i]...``;
            a problem inside an assessment file the case names is addressed at
            ``kasus[i].penilaian`` and its message starts with that file and path.

    Examples:
        >>> check_file("examples/kebijakan/test_baik_260.toml")
        3
    """
    cases = load_cases(path)
    problems: list[Problem] = []
    for i, case in enumerate(cases):
        at = f"kasus[{i}]"
        try:
            harapan, hasil = _scored(case, Path(path).parent)
            list(_diff(harapan, hasil))  # reads every expected number
        except _OfAssessment as exc:
            problems.extend(exc.in_case(at))
        except ValidationError as exc:
            problems.extend(exc.at(at).problems)
        except RubricNotFoundError as exc:
            where = next((f"{at}.{key}" for key in ("rubrik", "tanggal") if key in case), at)
            problems.append(Problem(where, str(exc), code="unknown-rubric"))
        except PluginError as exc:
            problems.append(Problem(f"{at}.strategi", str(exc), code="not-one-of"))
        except MeritsysError as exc:  # a strategy that cannot score the rubric
            problems.append(Problem(f"{at}.strategi", str(exc), code="conflict"))
        except (TypeError, AttributeError, KeyError, ArithmeticError) as exc:
            problems.append(Problem(at, f"malformed case: {type(exc).__name__}: {exc}", code=code_of(exc)))
    if problems:
        raise ValidationError(problems)
    return len(cases)


def run_file(path: str | os.PathLike[str]) -> list[HasilKasus]:
    """Run every case of a policy test file.

    Examples:
        >>> [(h.nama, h.lulus) for h in run_file("examples/kebijakan/test_baik_260.toml")][:1]
        [('Kementerian Ilustrasi turun ke Kurang bila ambang Baik 260', True)]
    """
    try:
        cases = load_cases(path)
    except ValidationError as exc:
        return [HasilKasus(Path(path).name, os.fspath(path), galat=str(exc))]
    return [run_case(case, path) for case in cases]
