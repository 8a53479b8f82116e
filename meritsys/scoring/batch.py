"""The batch layout: many assessments of one rubric as an ``(N, K)`` answer matrix.

Columns follow the rubric's indicator order; each cell is an ``int8`` level, or
:data:`TIDAK_BERLAKU` (-1) where the indicator does not apply, or
:data:`KOSONG` (-2) where an applicable indicator has no answer (resolved by the
missing-answer policy when scored).  Regime B rows also carry the survey score
and the correction.  Results come back as integer multiples of a decimal unit,
so the batch path gives exactly the values of the single path.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import attrs
import numpy as np
import numpy.typing as npt

from meritsys._numbers import plain
from meritsys.errors import Problem, ValidationError
from meritsys.io.rubrikio import rubrik_sha256
from meritsys.model import KategoriHasil, KebijakanKosong, Penilaian, Rubrik
from meritsys.model._validate import convert_optional_decimal
from meritsys.scoring.kernels import column_ranges
from meritsys.scoring.resolution import NO_SURVEY, koreksi_problems, resolve_rows, unresolved_missing

__all__ = ["KOSONG", "TIDAK_BERLAKU", "AnswerMatrix", "SkorBatch", "round_units"]

TIDAK_BERLAKU = -1
"""Cell value: the indicator does not apply to this assessment."""
KOSONG = -2
"""Cell value: the indicator applies but has no answer."""


def _decimals(values: Sequence[Decimal | None] | None, n: int, name: str) -> tuple[Decimal | None, ...] | None:
    if values is None:
        return None
    out = tuple(values)
    if len(out) != n:
        raise ValidationError(f"{name} has {len(out)} values for {n} rows")
    return out


@attrs.frozen(eq=False)
class AnswerMatrix:
    """Answers of *N* assessments to the *K* indicators of one rubric.

    Args:
        jawaban: ``(N, K)`` ``int8`` levels with -1 (not applicable) and -2 (missing).
        survei: Per-row survey score (regime B), or ``None`` for none at all.
        koreksi: Per-row correction (regime B), or ``None`` for all 0.
        kode: Per-row agency code, for error messages and reports.
        diperiksa: Set by the cohort container: the content hash of the
            rubric its (read-only, complete) cells were checked against, and
            which columns hold not-applicable cells.  Scoring against that
            rubric then skips re-checking every cell.
    """

    jawaban: npt.NDArray[np.int8]
    survei: tuple[Decimal | None, ...] | None = None
    koreksi: tuple[Decimal | None, ...] | None = None
    kode: tuple[str, ...] | None = None
    diperiksa: tuple[str, tuple[bool, ...]] | None = None

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        for name in ("survei", "koreksi"):
            values = getattr(self, name)
            if values is None:
                continue
            checked: list[Decimal | None] = []
            for i, v in enumerate(values):
                try:
                    d = convert_optional_decimal(v)
                except ValidationError as exc:
                    problems.append(Problem(f"[{i}].{name}", exc.problems[0].message))
                    continue
                if name == "survei" and d is not None and not 0 <= d <= 1:
                    problems.append(Problem(f"[{i}].survei", f"must lie in 0..1, got {d}"))
                checked.append(d)
            object.__setattr__(self, name, tuple(checked))
        if problems:
            raise ValidationError(problems[:50])
        if self.jawaban.ndim != 2:
            raise ValidationError(f"jawaban must be a 2-D (N, K) array, got {self.jawaban.ndim} dimensions")
        n = self.jawaban.shape[0]
        for name in ("survei", "koreksi", "kode"):
            values = getattr(self, name)
            if values is not None and len(values) != n:
                raise ValidationError(f"{name} has {len(values)} values for {n} rows")

    @property
    def n(self) -> int:
        """Number of rows (assessments)."""
        return int(self.jawaban.shape[0])

    @classmethod
    def from_arrays(
        cls,
        jawaban: npt.ArrayLike,
        *,
        survei: Sequence[Decimal | None] | None = None,
        koreksi: Sequence[Decimal | None] | None = None,
        kode: Sequence[str] | None = None,
    ) -> AnswerMatrix:
        """Build from an array-like of levels; values must fit ``int8``."""
        arr = np.asarray(jawaban)
        if arr.dtype != np.int8:
            if not np.issubdtype(arr.dtype, np.integer):
                raise ValidationError(f"jawaban must hold whole numbers, got dtype {arr.dtype}")
            if arr.size and (arr.min() < -128 or arr.max() > 127):
                raise ValidationError("jawaban values must fit in int8 (-128..127)")
            arr = arr.astype(np.int8)
        n = arr.shape[0] if arr.ndim else 0
        return cls(
            arr,
            _decimals(survei, n, "survei"),
            _decimals(koreksi, n, "koreksi"),
            None if kode is None else tuple(kode),
        )

    @classmethod
    def from_penilaian(cls, rubrik: Rubrik, items: Sequence[Penilaian]) -> AnswerMatrix:
        """Lay out assessments as a matrix, checking each against *rubrik*.

        Missing answers stay missing (:data:`KOSONG`): the strategy that scores
        the matrix resolves them by its own missing-answer policy, as its
        single path does.

        Raises:
            ValidationError: listing every problem of every row, addressed ``$[i]...``.
        """
        return cls(
            layout(rubrik, items, order="C")[0],
            tuple(p.survei for p in items),
            tuple(p.koreksi for p in items),
            tuple(p.instansi.kode for p in items),
        )

    def checked(
        self, rubrik: Rubrik, kebijakan: KebijakanKosong | None = None, *, need_survey: bool = False
    ) -> npt.NDArray[np.int8]:
        """Return the levels with missing cells resolved, after checking every cell.

        With *need_survey*, a row without a survey score is a problem too,
        reported with the cells' problems.

        Raises:
            ValidationError: for a wrong column count, a level outside an
                indicator's set, -1 on an indicator that always applies, a
                missing cell without a policy that resolves it, or a missing survey.
        """
        survey = []
        if need_survey:
            values = self.survei if self.survei is not None else (None,) * self.n
            survey = [Problem(f"[{r}].survei", NO_SURVEY) for r in [i for i, v in enumerate(values) if v is None][:20]]
        try:
            levels = self.checked_columns(rubrik, kebijakan)[0]
        except ValidationError as exc:
            raise ValidationError(sorted([*exc.problems, *survey], key=_by_row)) from None
        if survey:
            raise ValidationError(survey)
        return levels

    def checked_columns(
        self, rubrik: Rubrik, kebijakan: KebijakanKosong | None = None, *, keep_missing: bool = False
    ) -> tuple[npt.NDArray[np.int8], list[bool]]:
        """Like :meth:`checked`, also telling which columns hold negative cells.

        Only columns whose range leaves their indicator's level set are
        inspected cell by cell, so a clean million-row matrix costs two fast
        reductions.  With *keep_missing*, missing cells are left as they are
        (neither filled nor reported).
        """
        policy = rubrik.kebijakan_kosong if kebijakan is None else kebijakan
        inds = rubrik.indikator
        if self.jawaban.shape[1] != len(inds):
            raise ValidationError(f"jawaban has {self.jawaban.shape[1]} columns; rubrik {rubrik.id} has {len(inds)} indicators")
        levels = self.jawaban
        if self.diperiksa is not None and not self.jawaban.flags.writeable and self.diperiksa[0] == rubrik_sha256(rubrik):
            return levels, list(self.diperiksa[1])
        mins, maxs = column_ranges(levels)
        problems: list[Problem] = []
        if rubrik.komposisi is not None and self.koreksi is not None:
            problems.extend(p.at(f"[{r}]") for r, k in enumerate(self.koreksi) for p in koreksi_problems(rubrik, k))
        missing_cols = [] if keep_missing else [j for j in range(len(inds)) if mins[j] <= KOSONG]
        if missing_cols:
            levels = levels.copy(order="K")
            for j in missing_cols:
                ind = inds[j]
                col = levels[:, j]
                rows = np.flatnonzero(col == KOSONG)
                if not rows.size:
                    continue
                why = unresolved_missing(ind, policy)
                if why is not None:
                    problems.extend(Problem(f'[{r}]["{ind.kode}"]', why) for r in rows[:20])
                    continue
                fill = {
                    KebijakanKosong.TIDAK_BERLAKU: TIDAK_BERLAKU,
                    KebijakanKosong.NOL: 0,
                    KebijakanKosong.TERENDAH: ind.level_min,
                }[policy]
                col[rows] = fill
                mins[j], maxs[j] = col.min(), col.max()
        for j, ind in enumerate(inds):
            if ind.level_min <= mins[j] and maxs[j] <= ind.level_maks:
                continue
            col = levels[:, j]
            bad = (col < ind.level_min) | (col > ind.level_maks)
            if ind.dapat_tidak_berlaku or policy is KebijakanKosong.TIDAK_BERLAKU:
                bad &= col != TIDAK_BERLAKU
            bad &= col != KOSONG  # unresolved missing cells were reported above
            for r in np.flatnonzero(bad)[:20]:
                v = int(col[r])
                msg = "not applicable (-1) is not allowed: the indicator always applies" if v == TIDAK_BERLAKU else f"level {v} is outside {ind.level_min}..{ind.level_maks}"
                problems.append(Problem(f'[{r}]["{ind.kode}"]', msg))
        if problems:
            raise ValidationError(problems)
        return levels, [bool(m < 0) for m in mins]


@attrs.frozen(eq=False)
class SkorBatch:
    """Scores of a batch: exact index values as integer multiples of :attr:`unit`.

    Args:
        rubrik_id: The rubric scored against.
        strategi: The strategy's name.
        unit: The decimal value of one index unit (e.g. ``0.5`` or ``0.01``).
        indeks_unit: ``(N,)`` index values in units.
        kategori: ``(N,)`` band positions into the rubric's categories.
        di_luar_skala: ``(N,)`` whether each index is outside the published scale.
        labels: The category labels, indexed by band position.
        desimal: Fixed decimals the index is reported with (regime B), or
            ``None`` to report it without trailing zeros (regime A).
    """

    rubrik_id: str
    strategi: str
    unit: Decimal
    indeks_unit: npt.NDArray[np.signedinteger[Any]]
    kategori: npt.NDArray[np.signedinteger[Any]]
    di_luar_skala: npt.NDArray[np.bool_]
    labels: tuple[KategoriHasil, ...]
    desimal: int | None = None

    def __len__(self) -> int:
        return int(self.indeks_unit.shape[0])

    def indeks(self) -> list[Decimal]:
        """The exact index values as decimals."""
        unit = self.unit
        if self.desimal is not None:
            return [Decimal(int(u)) * unit for u in self.indeks_unit]
        return [plain(Decimal(int(u)) * unit) for u in self.indeks_unit]

    def indeks_float(self) -> npt.NDArray[np.float64]:
        """The index values as floats (for plotting and statistics)."""
        return self.indeks_unit.astype(np.float64) * float(self.unit)

    def kategori_label(self) -> list[str]:
        """The category label of each row."""
        labels = [k.label for k in self.labels]
        return [labels[i] for i in self.kategori]


def layout(
    rubrik: Rubrik, items: Sequence[Penilaian], *, order: Literal["C", "F"] = "F"
) -> tuple[npt.NDArray[np.int8], tuple[tuple[int, int, str], ...]]:
    """The answers of *items* in *rubrik*'s column order, checked; and the answers keyed by an alias.

    Cells hold the level, :data:`TIDAK_BERLAKU` where the indicator does not
    apply, and :data:`KOSONG` where an applicable indicator has no answer.

    Returns:
        The ``(N, K)`` matrix, and ``(row, column, key)`` for each answer given
        under an alias rather than the indicator's code.

    Raises:
        ValidationError: every problem of every row (``$[i]...``), except
            missing answers, which are kept.
    """
    out = np.empty((len(items), len(rubrik.indikator)), dtype=np.int8, order=order)
    alias: list[tuple[int, int, str]] = []
    codes = [ind.kode for ind in rubrik.indikator]
    # Resolved under "not applicable", a missing answer comes back as None and is
    # told apart from a derived "not applicable" by the positions the policy filled.
    for i, res in enumerate(resolve_rows(rubrik, items, KebijakanKosong.TIDAK_BERLAKU)):
        out[i] = [KOSONG if pos in res.diisi else (TIDAK_BERLAKU if lv is None else lv) for pos, lv in enumerate(res.level)]
        for key in items[i].jawaban:
            pos = rubrik.posisi[key]
            if codes[pos] != key:
                alias.append((i, pos, key))
    return out, tuple(alias)


def _by_row(problem: Problem) -> tuple[int, str]:
    head = problem.path.partition("]")[0]
    return (int(head[1:]) if head[1:].isdigit() else -1), problem.path


def round_units(units: npt.NDArray[np.signedinteger[Any]], unit: Decimal, places: int) -> tuple[npt.NDArray[np.int64], Decimal]:
    """Re-express values given in *unit* rounded half-up (ties away from zero) to *places* decimals.

    Returns:
        The rounded values in units of ``10**-places``, and that unit.

    Examples:
        >>> vals, u = round_units(np.asarray([349, 350, -349]), Decimal("0.5"), 0)
        >>> vals.tolist(), u
        ([175, 175, -175], Decimal('1'))
    """
    new_unit = Decimal(1).scaleb(-places)
    ratio = Fraction(unit) / Fraction(new_unit)
    p, q = ratio.numerator, ratio.denominator
    biggest = int(np.abs(units).max()) if units.size else 0
    # int64 when every intermediate fits; else exact Python integers (the result always fits)
    dtype: Any = np.int64 if 2 * biggest * p + q < 2**62 else object
    mag = (2 * np.abs(units.astype(dtype)) * p + q) // (2 * q)
    return np.asarray(np.where(units < 0, -mag, mag), dtype=np.int64), new_unit
