"""Reading what a plan is asked for: the target, the step costs and the level caps."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from meritsys._limits import COST_PLACES
from meritsys._numbers import exact_decimal, fmt, is_numpy_int, to_decimal
from meritsys._repr import shown
from meritsys.analysis._plan._results import Nilai, Target
from meritsys.errors import Problem, ValidationError, code_of
from meritsys.io._rubrik import read_mapping
from meritsys.model import JenisBatas, KategoriHasil, Rubrik

__all__ = ["COST_PLACES", "biaya_tables", "caps_and_costs", "key", "load_biaya", "target_of"]



def key(kode: str) -> str:
    return f"[{json.dumps(kode, ensure_ascii=False)}]"


def target_of(rubrik: Rubrik, target: object, grid: Decimal) -> tuple[Target, int | None]:
    """The target and the band position it asks for (``None`` for an index target).

    Raises:
        ValidationError: at ``target`` for a value that is neither a category nor a
            number, or a string that reads as both a category code and an index.
    """
    pos: int | None = None
    number: Decimal | None = None
    if isinstance(target, str):
        want = target.strip().casefold()
        by_label = [i for i, k in enumerate(rubrik.kategori) if k.label.casefold() == want]
        by_code = [i for i, k in enumerate(rubrik.kategori) if k.kode.casefold() == want]
        try:
            number = to_decimal(target)
        except ValueError:
            number = None
        if by_label:
            pos, number = by_label[0], None
        elif by_code and number is not None:
            kat = rubrik.kategori[by_code[0]]
            text = fmt(number)
            alt = text + ("0" if "." in text else ".0")
            raise ValidationError([Problem("target", f"{target!r} is both the code of category {kat.label} and an index value; write the label ({kat.label!r}) or the index with decimals ({alt!r})", code="ambiguous")])
        elif by_code:
            pos = by_code[0]
        elif number is None:
            allowed = ", ".join(k.label for k in rubrik.kategori)
            raise ValidationError([Problem("target", f"{target!r} is neither a category of rubrik {rubrik.id} ({allowed}) nor an index value", code="unknown-category")])
    else:
        try:
            number = to_decimal(target)
        except ValueError as exc:
            raise ValidationError([Problem("target", f"{exc}; give a category (label or code) or an index value", code=code_of(exc))]) from None
    if pos is None:
        assert number is not None
        return Target(exact_decimal(Fraction(number))), None
    kat = rubrik.kategori[pos]
    ringkas = KategoriHasil(kat.kode, kat.label)
    if pos == 0:
        return Target(None, ringkas), pos
    if rubrik.aturan_batas.jenis is JenisBatas.BAWAH_INKLUSIF:
        bawah = kat.batas_bawah
        assert bawah is not None  # guaranteed by Rubrik validation
        start = math.ceil(Fraction(bawah.nilai) / Fraction(grid)) * Fraction(grid)
    else:
        atas = rubrik.kategori[pos - 1].batas_atas
        assert atas is not None  # guaranteed by Rubrik validation
        start = (math.floor(Fraction(atas.nilai) / Fraction(grid)) + 1) * Fraction(grid)
    return Target(exact_decimal(start), ringkas), pos


def caps_and_costs(
    rubrik: Rubrik,
    biaya: Mapping[str, Nilai | Sequence[Nilai]] | None,
    batas: Mapping[str, int] | None,
) -> tuple[dict[int, tuple[Fraction, ...]], dict[int, int], list[Problem]]:
    """Step costs (one per step from the lowest level) and caps by indicator position."""
    problems: list[Problem] = []
    costs: dict[int, tuple[Fraction, ...]] = {}
    caps: dict[int, int] = {}
    seen: dict[int, str] = {}

    def position(field: str, kode: object) -> int | None:
        if not isinstance(kode, str):
            problems.append(Problem(field, f"keys must be indicator codes, got {shown(kode)}", code="type"))
            return None
        pos = rubrik.posisi.get(kode)
        if pos is None:
            problems.append(Problem(f"{field}{key(kode)}", f"not an indicator of rubrik {rubrik.id}", code="unknown-indicator"))
        elif seen.get(pos, kode) != kode:
            problems.append(Problem(f"{field}{key(kode)}", f"indicator {rubrik.indikator[pos].kode} is given twice (by code and alias)", code="duplicate-key"))
            pos = None
        else:
            seen[pos] = kode
        return pos

    def cost(path: str, value: object) -> Fraction | None:
        try:
            number = to_decimal(value)
        except ValueError as exc:
            problems.append(Problem(path, str(exc), code=code_of(exc)))
            return None
        if number < 0:
            problems.append(Problem(path, f"a cost must not be negative, got {fmt(number)}", code="out-of-range"))
            return None
        if Fraction(number) * 10**COST_PLACES % 1:
            problems.append(Problem(path, f"{value} has more than {COST_PLACES} decimal places; step costs are read to {COST_PLACES} decimals at most", code="too-large"))
            return None
        return Fraction(number)

    for kode, value in (biaya or {}).items():
        pos = position("biaya", kode)
        if pos is None:
            continue
        ind = rubrik.indikator[pos]
        path = f"biaya{key(kode)}"
        steps = ind.level_maks - ind.level_min
        if isinstance(value, Sequence) and not isinstance(value, str):
            if len(value) != steps:
                problems.append(Problem(path, f"needs {steps} step costs, one per step {ind.level_min}->{ind.level_min + 1} .. {ind.level_maks - 1}->{ind.level_maks}; got {len(value)}", code="shape"))
                continue
            each = [cost(f"{path}[{i}]", v) for i, v in enumerate(value)]
            if all(c is not None for c in each):
                costs[pos] = tuple(c for c in each if c is not None)
        else:
            one = cost(path, value)
            if one is not None:
                costs[pos] = (one,) * steps
    seen.clear()
    for kode, level in (batas or {}).items():
        pos = position("batas", kode)
        if pos is None:
            continue
        ind = rubrik.indikator[pos]
        path = f"batas{key(kode)}"
        level = int(level) if is_numpy_int(level) else level
        if type(level) is not int:
            problems.append(Problem(path, f"must be a whole-number level, got {shown(level)}", code="not-a-level"))
        elif not ind.level_min <= level <= ind.level_maks:
            problems.append(Problem(path, f"level {shown(level)} is outside {ind.level_min}..{ind.level_maks}", code="level-out-of-range"))
        else:
            caps[pos] = level
    return costs, caps, problems


def load_biaya(path: str | os.PathLike[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Read a cost file: its ``[biaya]`` and ``[batas]`` tables (decimals kept exact).

    The values are checked against the rubric by :func:`~meritsys.analysis._plan`.

    Raises:
        ValidationError: if the file cannot be read, is not TOML, or holds
            anything but the two tables.
    """
    return biaya_tables(read_mapping(path, what="a cost file", decimals=True))


def biaya_tables(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The ``[biaya]`` and ``[batas]`` tables of a parsed cost file (see :func:`load_biaya`).

    Raises:
        ValidationError: for anything but the two tables.
    """
    problems = [Problem(key, "unknown key; a cost file holds [biaya] and [batas]", code="unknown-key") for key in data if key not in ("biaya", "batas")]
    tables: dict[str, dict[str, Any]] = {}
    for key in ("biaya", "batas"):
        value = data.get(key, {})
        if isinstance(value, dict):
            tables[key] = value
        else:
            problems.append(Problem(key, "must be a table of indicator code = value", code="type"))
    if problems:
        raise ValidationError(problems)
    return tables["biaya"], tables["batas"]
