"""The cohort container: many assessments of one rubric as a compact matrix plus metadata.

One byte per answer, column-major (each indicator's answers contiguous, which
is what the batch kernels read fastest), with ``-1`` where an indicator does not
apply and ``-2`` where an applicable indicator has no answer.  Beside it sit
the agency metadata columns (code, name, type, province), the year, stage,
gate answers, survey score, correction and evidence.  A cohort converts back to
the very :class:`~meritsys.model.Penilaian` objects it was built from.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import cached_property
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from meritsys.errors import Problem, ValidationError
from meritsys.io.jsonio import read_penilaian
from meritsys.io.rubrikio import rubrik_sha256
from meritsys.model import FrozenMap, Instansi, JenisInstansi, KebijakanKosong, Penilaian, Rubrik, Tahap
from meritsys.scoring.batch import KOSONG, TIDAK_BERLAKU, AnswerMatrix, SkorBatch
from meritsys.scoring.kernels import column_ranges
from meritsys.scoring.protocols import ScoringStrategy
from meritsys.scoring.registry import get_strategy
from meritsys.scoring.resolution import resolve_rows

__all__ = ["JENIS", "TAHAP", "Kohort"]

JENIS: tuple[JenisInstansi, ...] = tuple(JenisInstansi)
"""Agency types in the order of the ``jenis`` code column."""
TAHAP: tuple[Tahap, ...] = tuple(Tahap)
"""Stages in the order of the ``tahap`` code column."""


def _column(values: Any, n: int, name: str, dtype: Any = object) -> npt.NDArray[Any]:
    arr = np.asarray(values, dtype=dtype)
    if arr.shape != (n,):
        raise ValidationError([Problem(name, f"expected {n} values, got shape {arr.shape}")])
    return arr


@attrs.frozen(eq=False)
class Kohort:
    """Assessments of one rubric, held as columns.

    Build one with :meth:`from_penilaian`, :meth:`read` or :meth:`from_arrays`
    rather than directly.

    Args:
        rubrik: The id of the rubric every assessment follows.
        kode_indikator: The indicator codes, in column order (the rubric's order).
        jawaban: ``(N, K)`` ``int8`` answers, column-major; -1 not applicable, -2 missing.
        kode: Agency codes.
        nama: Agency names.
        jenis: Agency types as codes into :data:`JENIS`.
        provinsi: Provinces (``None`` where not given).
        tahun: Assessment years.
        tahap: Stages as codes into :data:`TAHAP`.
        survei: Survey scores (regime B), ``None`` where absent.
        koreksi: Corrections (regime B).
        gerbang: Gate answers per row.
        bukti: Evidence references per row.

    Examples:
        >>> import meritsys
        >>> from meritsys.analysis import Kohort
        >>> kohort = Kohort.read("examples/data/kohort-kasn-2023.json", meritsys.get_rubrik("kasn-2019"))
        >>> len(kohort), kohort.jawaban.shape, kohort.jawaban.flags.f_contiguous
        (12, (12, 24), True)
        >>> kohort.to_penilaian() == meritsys.read_penilaian("examples/data/kohort-kasn-2023.json")
        True
    """

    rubrik: str
    kode_indikator: tuple[str, ...]
    jawaban: npt.NDArray[np.int8]
    kode: npt.NDArray[Any]
    nama: npt.NDArray[Any]
    jenis: npt.NDArray[np.int8]
    provinsi: npt.NDArray[Any]
    tahun: npt.NDArray[np.int16]
    tahap: npt.NDArray[np.int8]
    survei: tuple[Decimal | None, ...]
    koreksi: tuple[Decimal, ...]
    gerbang: tuple[FrozenMap[str, str], ...]
    bukti: tuple[FrozenMap[str, tuple[str, ...]], ...]
    diperiksa_sha256: str | None = None
    """Content hash of the rubric the cells were checked against when the cohort was built."""

    def __attrs_post_init__(self) -> None:
        self.jawaban.setflags(write=False)  # cells were checked when the cohort was built
        n, k = self.jawaban.shape
        if k != len(self.kode_indikator):
            raise ValidationError(f"jawaban has {k} columns for {len(self.kode_indikator)} indicators")
        for name in ("kode", "nama", "jenis", "provinsi", "tahun", "tahap", "survei", "koreksi", "gerbang", "bukti"):
            if len(getattr(self, name)) != n:
                raise ValidationError([Problem(name, f"expected {n} values, got {len(getattr(self, name))}")])

    def __len__(self) -> int:
        return int(self.jawaban.shape[0])

    # ------------------------------------------------------------------ building

    @classmethod
    def from_penilaian(cls, rubrik: Rubrik, items: Sequence[Penilaian]) -> Kohort:
        """Lay out assessments, checking each against *rubrik*; missing answers stay missing (-2).

        Raises:
            ValidationError: listing every problem of every row (``$[i]...``);
                a missing answer is not a problem here, it is kept as -2.
        """
        n, k = len(items), len(rubrik.indikator)
        jawaban = np.empty((n, k), dtype=np.int8, order="F")
        # resolved under "not applicable", a missing answer comes back as None and is
        # told apart from a derived "not applicable" by the positions the policy filled
        for i, res in enumerate(resolve_rows(rubrik, items, KebijakanKosong.TIDAK_BERLAKU)):
            jawaban[i] = [KOSONG if pos in res.diisi else (TIDAK_BERLAKU if lv is None else lv) for pos, lv in enumerate(res.level)]
        return cls(
            rubrik=rubrik.id,
            kode_indikator=tuple(ind.kode for ind in rubrik.indikator),
            jawaban=jawaban,
            kode=_column([p.instansi.kode for p in items], n, "kode"),
            nama=_column([p.instansi.nama for p in items], n, "nama"),
            jenis=_column([JENIS.index(p.instansi.jenis) for p in items], n, "jenis", np.int8),
            provinsi=_column([p.instansi.provinsi for p in items], n, "provinsi"),
            tahun=_column([p.tahun for p in items], n, "tahun", np.int16),
            tahap=_column([TAHAP.index(p.tahap) for p in items], n, "tahap", np.int8),
            survei=tuple(p.survei for p in items),
            koreksi=tuple(p.koreksi for p in items),
            gerbang=tuple(p.gerbang for p in items),
            bukti=tuple(p.bukti for p in items),
            diperiksa_sha256=rubrik_sha256(rubrik),
        )

    @classmethod
    def read(cls, path: str | os.PathLike[str], rubrik: Rubrik) -> Kohort:
        """Read a JSON file of assessments (one object or a list) into a cohort."""
        return cls.from_penilaian(rubrik, read_penilaian(path))

    @classmethod
    def from_arrays(
        cls,
        rubrik: Rubrik,
        jawaban: npt.ArrayLike,
        *,
        kode: Sequence[str] | None = None,
        nama: Sequence[str] | None = None,
        jenis: Sequence[JenisInstansi | str] | npt.NDArray[np.int8] | None = None,
        provinsi: Sequence[str | None] | None = None,
        tahun: int | Sequence[int] = 2023,
        tahap: Tahap | str = Tahap.MANDIRI,
        survei: Sequence[Decimal | None] | None = None,
        koreksi: Sequence[Decimal] | None = None,
        gerbang: Sequence[Mapping[str, str]] | None = None,
    ) -> Kohort:
        """Build a cohort from an answer array and optional metadata columns.

        The array is checked against the rubric (levels in each indicator's
        set, -1 only where an indicator can be not applicable, -2 for missing);
        defaults: codes ``"baris-<i>"``, type ``kabupaten``, stage ``mandiri``.

        Raises:
            ValidationError: naming each bad cell (``$[row]["code"]``) or column.
        """
        arr = np.asarray(jawaban)
        if arr.ndim != 2 or arr.shape[1] != len(rubrik.indikator):
            raise ValidationError(f"jawaban must be (N, {len(rubrik.indikator)}), got shape {arr.shape}")
        if not np.issubdtype(arr.dtype, np.integer):
            raise ValidationError(f"jawaban must hold whole numbers, got dtype {arr.dtype}")
        if arr.size and (arr.min() < KOSONG or arr.max() > 127):
            raise ValidationError("jawaban values must be levels, -1 (not applicable) or -2 (missing)")
        levels = np.asfortranarray(arr, dtype=np.int8)
        n = levels.shape[0]
        AnswerMatrix(levels).checked_columns(rubrik, keep_missing=True)
        jenis_codes: npt.NDArray[np.int8]
        if jenis is None:
            jenis_codes = np.full(n, JENIS.index(JenisInstansi.KABUPATEN), dtype=np.int8)
        elif isinstance(jenis, np.ndarray) and np.issubdtype(jenis.dtype, np.integer):
            jenis_codes = _column(jenis, n, "jenis", np.int8)
        else:
            jenis_codes = _column([JENIS.index(JenisInstansi(j)) for j in jenis], n, "jenis", np.int8)
        years = np.full(n, tahun, dtype=np.int16) if isinstance(tahun, int) else _column(tahun, n, "tahun", np.int16)
        stage = np.full(n, TAHAP.index(Tahap(tahap)), dtype=np.int8)
        empty: FrozenMap[str, Any] = FrozenMap()
        return cls(
            rubrik=rubrik.id,
            kode_indikator=tuple(ind.kode for ind in rubrik.indikator),
            jawaban=levels,
            kode=_column(kode if kode is not None else [f"baris-{i}" for i in range(n)], n, "kode"),
            nama=_column(nama if nama is not None else [f"Instansi {i}" for i in range(n)], n, "nama"),
            jenis=jenis_codes,
            provinsi=_column(provinsi if provinsi is not None else [None] * n, n, "provinsi"),
            tahun=years,
            tahap=stage,
            survei=tuple(survei) if survei is not None else (None,) * n,
            koreksi=tuple(koreksi) if koreksi is not None else (Decimal(0),) * n,
            gerbang=tuple(FrozenMap(g) for g in gerbang) if gerbang is not None else (empty,) * n,
            bukti=(empty,) * n,
            diperiksa_sha256=rubrik_sha256(rubrik),
        )

    # ------------------------------------------------------------------ views

    @property
    def tidak_berlaku(self) -> npt.NDArray[np.bool_]:
        """Mask of not-applicable cells."""
        return np.equal(self.jawaban, TIDAK_BERLAKU)

    @property
    def kosong(self) -> npt.NDArray[np.bool_]:
        """Mask of missing answers."""
        return np.equal(self.jawaban, KOSONG)

    @cached_property
    def jenis_instansi(self) -> tuple[JenisInstansi, ...]:
        """Each row's agency type."""
        return tuple(JENIS[int(j)] for j in self.jenis)

    @cached_property
    def _kolom(self) -> tuple[bool, tuple[bool, ...]]:
        mins = column_ranges(self.jawaban)[0]
        return bool((mins <= KOSONG).any()), tuple(bool(m < 0) for m in mins)

    def matriks(self, rubrik: Rubrik | None = None) -> AnswerMatrix:
        """The answer matrix for the batch path (missing cells resolved by the policy when scored).

        Given the rubric the cohort was built for, the matrix carries the
        cohort's checked state, so scoring it skips re-checking every cell.
        """
        diperiksa = None
        sha = rubrik_sha256(rubrik) if rubrik is not None else None
        if sha is not None and sha == self.diperiksa_sha256 and not self._kolom[0]:
            diperiksa = (sha, self._kolom[1])
        return AnswerMatrix(self.jawaban, self.survei, self.koreksi, tuple(str(k) for k in self.kode), diperiksa)

    def skor(self, rubrik: Rubrik, strategy: ScoringStrategy | str | None = None) -> SkorBatch:
        """Score every row with the rubric's strategy (or the one given), on the batch path."""
        if rubrik.id != self.rubrik:
            raise ValidationError([Problem("rubrik", f"the cohort is for {self.rubrik!r}, not {rubrik.id!r}")])
        strat = get_strategy(strategy or rubrik.strategi) if strategy is None or isinstance(strategy, str) else strategy
        return strat.score_batch(rubrik, self.matriks(rubrik))

    def pilih(self, rows: npt.ArrayLike) -> Kohort:
        """The cohort restricted to *rows* (a boolean mask, or row indices).

        Raises:
            ValidationError: for a mask of the wrong length or an index out of range.
        """
        sel = np.atleast_1d(np.asarray(rows))
        if sel.dtype == np.bool_:
            if sel.shape != (len(self),):
                raise ValidationError(f"a row mask needs {len(self)} values, got {sel.shape[0]}")
            idx = np.flatnonzero(sel)
        elif sel.size == 0:
            idx = np.zeros(0, dtype=np.intp)
        elif np.issubdtype(sel.dtype, np.integer):
            if sel.min() < -len(self) or sel.max() >= len(self):
                raise ValidationError(f"row index out of range for a cohort of {len(self)}")
            idx = sel.astype(np.intp)
        else:
            raise ValidationError(f"rows must be a boolean mask or whole-number indices, got dtype {sel.dtype}")
        return attrs.evolve(
            self,
            jawaban=np.asfortranarray(self.jawaban[idx]),
            kode=self.kode[idx],
            nama=self.nama[idx],
            jenis=self.jenis[idx],
            provinsi=self.provinsi[idx],
            tahun=self.tahun[idx],
            tahap=self.tahap[idx],
            survei=tuple(self.survei[i] for i in idx),
            koreksi=tuple(self.koreksi[i] for i in idx),
            gerbang=tuple(self.gerbang[i] for i in idx),
            bukti=tuple(self.bukti[i] for i in idx),
        )

    def to_penilaian(self) -> tuple[Penilaian, ...]:
        """The assessments again, exactly as they were given."""
        codes = self.kode_indikator
        out = []
        for i in range(len(self)):
            row = self.jawaban[i]
            jawaban = {codes[j]: int(v) for j, v in enumerate(row) if v >= 0}
            out.append(
                Penilaian(
                    instansi=Instansi(str(self.kode[i]), str(self.nama[i]), JENIS[int(self.jenis[i])], self.provinsi[i]),
                    tahun=int(self.tahun[i]),
                    rubrik=self.rubrik,
                    jawaban=jawaban,
                    tahap=TAHAP[int(self.tahap[i])],
                    gerbang=self.gerbang[i],
                    bukti=self.bukti[i],
                    survei=self.survei[i],
                    koreksi=self.koreksi[i],
                )
            )
        return tuple(out)

