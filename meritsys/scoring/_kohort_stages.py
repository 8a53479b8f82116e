"""The stages a cohort holds: one row per agency, year and stage, and choosing one stage explicitly.

Scores move between the stages of an assessment (self-assessment, verification,
reconciliation, final result; see *The domain*, domain.md#stages-of-an-assessment),
so a statistic or a ranking over rows of different stages of one agency-year
would mix paper and field.  A cohort may hold several stages; an analysis that
needs one row per agency-year refuses such a cohort until the caller chooses
(:meth:`Kohort.select_stage`, or :meth:`Kohort.select_latest` for the latest
stage of each agency-year), and two rows of one agency, year and stage are an
error naming both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from meritsys.errors import Problem, ValidationError
from meritsys.model import Tahap

if TYPE_CHECKING:
    from meritsys.scoring._kohort import Kohort

__all__ = ["LATEST_FIRST", "duplicate_problems", "latest_rows", "require_one_stage", "stage_rows"]

LATEST_FIRST: tuple[Tahap, ...] = (Tahap.PENETAPAN, Tahap.KLARIFIKASI, Tahap.VERIFIKASI, Tahap.MANDIRI)
"""The stages from the latest (the final result) to the earliest (the self-assessment)."""

_SHOWN = 5


def _agency_year(kohort: Kohort) -> npt.NDArray[np.int64]:
    """Each row's agency-year as one integer (equal exactly for rows of one agency and year)."""
    from meritsys.scoring._kohort_build import strings

    if kohort._kode is None:  # default codes: every row its own agency
        return np.arange(len(kohort), dtype=np.int64)
    _, agency = np.unique(strings(kohort._kode).astype(str), return_inverse=True)
    return agency.reshape(-1).astype(np.int64) * 10_000 + kohort.tahun.astype(np.int64)


def duplicate_problems(kohort: Kohort) -> list[Problem]:
    """A problem for each row that repeats an earlier row's agency, year and stage, naming both."""
    from meritsys.scoring._kohort_checks import TAHAP

    if len(kohort) == 0 or kohort._kode is None:
        return []
    key = _agency_year(kohort) * 8 + kohort.tahap.astype(np.int64)
    _, first, counts = np.unique(key, return_index=True, return_counts=True)
    if counts.max(initial=0) < 2:
        return []
    first_of = dict(zip(key[first].tolist(), first.tolist(), strict=True))
    problems = []
    for row in range(len(kohort)):
        head = first_of[int(key[row])]
        if head != row:
            kode, tahun, tahap = kohort.kode[row], int(kohort.tahun[row]), TAHAP[int(kohort.tahap[row])].value
            problems.append(Problem(f"[{row}]", f"a second assessment of {kode} {tahun} at stage {tahap} (the first is [{head}]); keep one per agency, year and stage", code="ambiguous"))
    return problems


def stage_rows(kohort: Kohort, tahap: Tahap | str) -> npt.NDArray[np.intp]:
    """The rows at stage *tahap*."""
    from meritsys.scoring._kohort_checks import TAHAP

    return np.flatnonzero(kohort.tahap == TAHAP.index(Tahap(tahap))).astype(np.intp)


def latest_rows(kohort: Kohort) -> npt.NDArray[np.intp]:
    """For each agency-year, the row of its latest stage, in row order."""
    from meritsys.scoring._kohort_checks import TAHAP

    problems = duplicate_problems(kohort)
    if problems:
        raise ValidationError(problems)
    order = np.asarray([LATEST_FIRST.index(t) for t in TAHAP], dtype=np.int64)[kohort.tahap]
    key = _agency_year(kohort)
    by = np.lexsort((order, key))  # per agency-year, the latest stage first
    starts = np.flatnonzero(np.r_[True, key[by][1:] != key[by][:-1]])
    return np.sort(by[starts]).astype(np.intp)


def require_one_stage(kohort: Kohort, what: str) -> None:
    """Refuse a cohort holding two rows of one agency-year (*what* says which analysis needs one row each).

    Raises:
        ValidationError: naming both rows of a repeated agency, year and stage,
            or the agency-years that hold several stages and how to choose one.
    """
    from meritsys.scoring._kohort_checks import TAHAP

    problems = duplicate_problems(kohort)
    if problems:
        raise ValidationError(problems)
    if len(kohort) == 0 or kohort._kode is None:
        return
    key = _agency_year(kohort)
    _, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    several = np.flatnonzero(counts > 1)
    if several.size == 0:
        return
    examples = []
    for g in several[:_SHOWN]:
        rows = np.flatnonzero(inverse.reshape(-1) == g)
        stages = "/".join(TAHAP[int(kohort.tahap[r])].value for r in rows)
        examples.append(f"{kohort.kode[rows[0]]} {int(kohort.tahun[rows[0]])} ({stages})")
    more = f" and {several.size - _SHOWN} more" if several.size > _SHOWN else ""
    raise ValidationError(
        [
            Problem(
                "tahap",
                f"{what} needs one row per agency and year, and the cohort holds several stages of "
                f"{several.size} agency-year(s): {', '.join(examples)}{more}; choose one stage "
                "(kohort.select_stage('penetapan'), or kohort.select_latest() for the latest stage of each; "
                "on the command line --tahap STAGE or --tahap terakhir)",
                code="ambiguous",
            )
        ]
    )
