"""Consequence policy files: reading one, the shipped ones, and the policy of an assessment cycle.

The shipped policies live in ``meritsys/policy/data`` (one TOML file per era,
named after its id): ``konsekuensi-kasn`` for the cycles 2019-2025 and
``konsekuensi-permenpanrb-19-2025`` for the cycles from 2026.  A user's own
policy file replaces them wherever a function takes ``kebijakan=`` or a command
takes ``--kebijakan FILE``.  Files are read with the one strict document reader
and built with the strict converter, so every problem names its path.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from meritsys._numbers import is_numpy_int
from meritsys._repr import shown
from meritsys.errors import MeritsysError, Problem, ValidationError
from meritsys.io._rubrik import read_mapping
from meritsys.io._structure import structure
from meritsys.policy._konsekuensi import KebijakanKonsekuensi

__all__ = [
    "check_cycle",
    "get_konsekuensi",
    "get_konsekuensi_or_file",
    "konsekuensi_for_cycle",
    "list_konsekuensi",
    "load_konsekuensi",
]


def load_konsekuensi(path: str | os.PathLike[str]) -> KebijakanKonsekuensi:
    """Load a consequence policy from a ``.toml`` or ``.json`` file.

    Raises:
        ValidationError: if the file cannot be read or parsed, or the policy
            breaks a rule; every problem is listed with its path.

    Examples:
        >>> k = load_konsekuensi("meritsys/policy/data/konsekuensi-kasn.toml")
        >>> k.id, k.cycles(), k.siklus.selang["Sangat Baik"].nilai
        ('konsekuensi-kasn', '2019-2025', Decimal('2'))
    """
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"path must be a policy file path (str or os.PathLike), got {type(path).__name__}")
    data = read_mapping(path, what="a consequence policy")
    return structure(data, KebijakanKonsekuensi)


@cache
def _shipped() -> tuple[KebijakanKonsekuensi, ...]:
    folder = resources.files("meritsys.policy") / "data"
    found = []
    for f in sorted(folder.iterdir(), key=lambda f: f.name):
        if f.name.endswith(".toml"):
            with resources.as_file(f) as path:
                found.append(load_konsekuensi(path))
    return tuple(sorted(found, key=lambda k: (k.siklus_mulai, k.id)))


def list_konsekuensi() -> tuple[KebijakanKonsekuensi, ...]:
    """Return the shipped consequence policies, by the first cycle they cover.

    Examples:
        >>> [(k.id, k.cycles()) for k in list_konsekuensi()]
        [('konsekuensi-kasn', '2019-2025'), ('konsekuensi-permenpanrb-19-2025', '2026-')]
    """
    return _shipped()


def _known() -> str:
    return ", ".join(f"{k.id} ({k.cycles()})" for k in _shipped())


def get_konsekuensi(kebijakan_id: str) -> KebijakanKonsekuensi:
    """Return the shipped consequence policy with this id.

    Raises:
        MeritsysError: if there is none; the message lists the known ids.
    """
    for k in _shipped():
        if k.id == kebijakan_id:
            return k
    raise MeritsysError(f"no consequence policy {shown(kebijakan_id)}; known: {_known()}")


def get_konsekuensi_or_file(name: str) -> KebijakanKonsekuensi:
    """A policy named on a command line: a ``.toml``/``.json`` file that exists, else a shipped id.

    Raises:
        MeritsysError: for an unknown id.
        ValidationError: for a file that is not a valid policy.
    """
    path = Path(name)
    if path.suffix.lower() in (".toml", ".json") and path.exists():
        return load_konsekuensi(path)
    return get_konsekuensi(name)


def check_cycle(tahun: Any, what: str = "tahun") -> int:
    """*tahun* as a cycle year (an ``int`` or numpy integer in 2000..2100).

    Raises:
        ValidationError: at *what* otherwise.
    """
    if type(tahun) is not int and not is_numpy_int(tahun):
        raise ValidationError([Problem(what, f"expected a whole number (a cycle year), got {shown(tahun)}", code="type")])
    year = int(tahun)
    if not 2000 <= year <= 2100:
        raise ValidationError([Problem(what, f"must lie in 2000..2100, got {year}", code="out-of-range")])
    return year


def konsekuensi_for_cycle(tahun: int, kebijakan: KebijakanKonsekuensi | None = None) -> KebijakanKonsekuensi:
    """Return the consequence policy of the assessment cycle *tahun*: *kebijakan* if given, else the shipped one covering it.

    A given policy must cover the cycle: applying a policy to a cycle it does
    not speak for would invent its rules there.

    Raises:
        ValidationError: if no shipped policy covers the cycle, or the given one does not.

    Examples:
        >>> konsekuensi_for_cycle(2025).id  # the 2025 cycle was assessed on the KASN instrument
        'konsekuensi-kasn'
        >>> konsekuensi_for_cycle(2026).id
        'konsekuensi-permenpanrb-19-2025'
    """
    year = check_cycle(tahun)
    if kebijakan is not None:
        if not kebijakan.covers(year):
            raise ValidationError(
                [Problem("kebijakan", f"the consequence policy {kebijakan.id} covers the cycles {kebijakan.cycles()}, not {year}", code="conflict")]
            )
        return kebijakan
    for k in _shipped():
        if k.covers(year):
            return k
    raise ValidationError([Problem("tahun", f"no consequence policy covers the cycle {year}; known: {_known()}", code="undefined")])
