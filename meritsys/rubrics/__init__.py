"""The shipped rubric files and the registry that resolves a rubric by id.

``kasn-2019`` (regime A, PerKASN 9/2019) and ``permenpanrb-19-2025`` (regime B)
ship as TOML beside this module.  Each is parsed and validated once, on first
use, and then shared: rubrics are immutable.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources

from meritsys.errors import RubricNotFoundError
from meritsys.io.rubrikio import load_rubrik
from meritsys.model import Rubrik

__all__ = ["get_rubrik", "list_rubrik", "rubrik_for_date"]


def _shipped_ids() -> tuple[str, ...]:
    files = resources.files(__name__)
    return tuple(sorted(f.name.removesuffix(".toml") for f in files.iterdir() if f.name.endswith(".toml")))


@cache
def _load_shipped(rubrik_id: str) -> Rubrik:
    with resources.as_file(resources.files(__name__) / f"{rubrik_id}.toml") as path:
        return load_rubrik(path)


def list_rubrik() -> tuple[Rubrik, ...]:
    """Return every shipped rubric, ordered by the date it comes into force."""
    return tuple(sorted((_load_shipped(i) for i in _shipped_ids()), key=lambda r: r.berlaku_mulai))


def get_rubrik(rubrik_id: str) -> Rubrik:
    """Return the shipped rubric with this id.

    Raises:
        RubricNotFoundError: if there is none; the message lists the known ids.

    Example:
        >>> get_rubrik("kasn-2019").skala.maksimum.nilai
        Decimal('400')
    """
    if rubrik_id not in _shipped_ids():
        known = ", ".join(_shipped_ids())
        raise RubricNotFoundError(f"no rubric {rubrik_id!r}; known: {known}")
    return _load_shipped(rubrik_id)


def rubrik_for_date(tanggal: dt.date) -> Rubrik:
    """Return the shipped rubric in force on *tanggal*.

    Example:
        >>> rubrik_for_date(dt.date(2023, 6, 30)).id
        'kasn-2019'
        >>> rubrik_for_date(dt.date(2026, 9, 1)).id
        'permenpanrb-19-2025'
    """
    for rubrik in list_rubrik():
        if rubrik.berlaku_pada(tanggal):
            return rubrik
    raise RubricNotFoundError(f"no shipped rubric is in force on {tanggal.isoformat()}")
