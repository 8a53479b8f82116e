"""The cohort (*kohort*): many assessments of one rubric, held as columns.

One byte per answer, row-major (as a caller's array arrives, so taking a copy
is one fast pass; the batch kernels read it block by block), ``-1`` where an indicator does not apply
and ``-2`` where an applicable indicator has no answer.  Beside it sit typed
metadata columns (agency type, year and stage as small integer codes), and,
only where they were given, the agency codes, names and provinces, survey
scores, corrections, gate answers and evidence: a cohort built from an array
creates no Python object per row.  Every computation over many assessments
takes a :class:`Kohort`; a cohort converts back to the very
:class:`~meritsys.model.Penilaian` objects it stands for.

Whether the cells were checked against a rubric is private: the constructors
record it (by the rubric's content hash) after checking every cell, and
nothing else can.  A cohort made any other way (``Kohort(...)``,
``attrs.evolve``) has its rubric-free columns (types, years, stages, survey
scores, corrections, texts) checked when it is made, and its cells checked
against the rubric in full whenever it is scored.

(This module is the longest, some 600 lines, and holds one concept: the class
keeps every constructor, selection and conversion with its full documentation
and doctests, so a user reads the cohort's whole surface in one place.  The
work behind them lives in ``_kohort_build``, ``_kohort_columns``,
``_kohort_text``, ``_kohort_checks`` and ``_kohort_stages``, and in ``meritsys.io`` for files and
frames.)
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import cache, cached_property
from typing import Any, Literal

import attrs
import numpy as np
import numpy.typing as npt

from meritsys._attrs_methods import fields_repr
from meritsys.errors import Problem, ValidationError
from meritsys.model import (
    FrozenMap,
    JenisInstansi,
    KebijakanKosong,
    Penilaian,
    Rubrik,
    RubrikRef,
    Tahap,
    rubrik_sha256,
)
from meritsys.scoring._kohort_build import (
    Ranges,
    array_columns,
    assessments,
    objects,
    penilaian_columns,
    row_indices,
    row_of,
    strings,
    survey_range,
)
from meritsys.scoring._kohort_checks import (
    JENIS,
    KOSONG,
    SHOWN,
    TAHAP,
    TIDAK_BERLAKU,
    check_cells,
    column_ranges,
    indicator_codes,
    listed,
    resolve_missing,
)
from meritsys.scoring._kohort_columns import decimal_column, enum_codes, year_column
from meritsys.scoring._kohort_text import compact_bytes, text_column
from meritsys.scoring._resolution import NO_SURVEY, koreksi_problems

__all__ = ["JENIS", "KOSONG", "TAHAP", "TIDAK_BERLAKU", "Kohort"]



@cache
def _init_fields() -> tuple[tuple[str, str, Any], ...]:
    """Each of :class:`Kohort`'s constructor fields: its name, its argument's name and its default."""
    return tuple((f.name, f.alias or f.name, f.default) for f in attrs.fields(Kohort) if f.init)


def _owned(cells: Any) -> npt.NDArray[np.int8]:
    """A read-only, row-major ``int8`` copy of *cells* (the caller's array is left alone)."""
    arr = np.asarray(cells)
    if arr.ndim != 2:
        raise ValidationError([Problem("jawaban", f"must be a 2-D (N, K) array, got shape {arr.shape}", code="shape")])
    if arr.dtype == np.bool_ or not np.issubdtype(arr.dtype, np.integer):
        raise ValidationError([Problem("jawaban", f"must hold whole numbers, got dtype {arr.dtype}", code="type")])
    if arr.size and arr.dtype != np.int8 and (arr.min() < -128 or arr.max() > 127):
        raise ValidationError([Problem("jawaban", "values must be levels, -1 (not applicable) or -2 (missing)", code="level-out-of-range")])
    out = _columns(arr)
    out.setflags(write=False)
    return out


def _columns(arr: npt.NDArray[Any]) -> npt.NDArray[np.int8]:
    """A row-major ``int8`` copy of a 2-D integer array (the caller checked that the values fit)."""
    out = np.empty(arr.shape, dtype=np.int8)
    np.copyto(out, arr, casting="unsafe")
    return out


def _text_repr(values: npt.NDArray[Any] | None) -> str:
    """A text column in the repr as it was given: an ASCII column, held as bytes (see ``_kohort_text.compact_text``), shows as str."""
    if isinstance(values, np.ndarray) and values.dtype.kind == "S":
        try:
            return repr(values.astype(f"U{values.dtype.itemsize}"))
        except UnicodeDecodeError:  # bytes a caller gave Kohort(...) itself
            pass
    return repr(values)


@attrs.frozen(eq=False)
class Kohort:
    """Assessments of one rubric, held as columns.

    Build one with :meth:`from_penilaian`, :meth:`from_arrays` or :meth:`read`.
    The columns an assessment does not need (codes, names, provinces, gates,
    evidence, survey, correction) are ``None`` when not given and read as
    their defaults.

    Args:
        rubrik: The rubric the columns follow (id, content hash, reforms).
        kode_indikator: The indicator codes, in column order (the rubric's order).
        jawaban: ``(N, K)`` answers: a level, -1 (not applicable) or -2 (missing).
            Copied into a read-only row-major array.
        jenis: Agency types as ``int8`` codes into :data:`JENIS`.
        tahun: Assessment years.
        tahap: Stages as ``int8`` codes into :data:`TAHAP`.
        kode: Agency codes; ``None``: ``"baris-<i>"``.
        nama: Agency names; ``None``: ``"Instansi <i>"``.
        provinsi: Provinces (``None`` entries where not given); ``None``: none given.
        survei: Survey scores (regime B); ``None``: none given.
        koreksi: Corrections (regime B); ``None``: all 0.
        gerbang: Gate answers per row; ``None``: none.
        bukti: Evidence references per row; ``None``: none.
        alias: ``(row, column, key)`` of each answer given under an alias.

    Examples:
        >>> import meritsys
        >>> kasn = meritsys.get_rubrik("kasn-2019")
        >>> kohort = Kohort.read("examples/data/kohort-kasn-2023.json", kasn)
        >>> len(kohort), kohort.jawaban.shape, kohort.jawaban.flags.c_contiguous
        (12, (12, 37), True)
        >>> kohort.to_penilaian() == meritsys.read_penilaian("examples/data/kohort-kasn-2023.json")
        True
    """

    __repr__ = fields_repr

    rubrik: RubrikRef
    kode_indikator: tuple[str, ...]
    jawaban: npt.NDArray[np.int8] = attrs.field(converter=_owned)
    jenis: npt.NDArray[np.int8]
    tahun: npt.NDArray[np.int16]
    tahap: npt.NDArray[np.int8]
    _kode: npt.NDArray[Any] | None = attrs.field(default=None, alias="kode", repr=_text_repr)
    _nama: npt.NDArray[Any] | None = attrs.field(default=None, alias="nama", repr=_text_repr)
    _provinsi: npt.NDArray[Any] | None = attrs.field(default=None, alias="provinsi", repr=_text_repr)
    _survei: tuple[Decimal | None, ...] | None = attrs.field(default=None, alias="survei")
    _koreksi: tuple[Decimal, ...] | None = attrs.field(default=None, alias="koreksi")
    _gerbang: tuple[FrozenMap[str, str], ...] | None = attrs.field(default=None, alias="gerbang")
    _bukti: tuple[FrozenMap[str, tuple[str, ...]], ...] | None = attrs.field(default=None, alias="bukti")
    alias: tuple[tuple[int, int, str], ...] = ()
    _checked: str | None = attrs.field(default=None, init=False, repr=False)
    _cells: npt.NDArray[np.int8] | None = attrs.field(default=None, init=False, repr=False)
    _ranges: Ranges | None = attrs.field(default=None, init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        n, k = self.jawaban.shape
        problems: list[Problem] = []
        if k != len(self.kode_indikator):
            problems.append(Problem("jawaban", f"has {k} columns for {len(self.kode_indikator)} indicators", code="shape"))
        for name in ("jenis", "tahun", "tahap", "_kode", "_nama", "_provinsi", "_survei", "_koreksi", "_gerbang", "_bukti"):
            values = getattr(self, name)
            if values is not None and len(values) != n:
                problems.append(Problem(name.lstrip("_"), f"expected {n} values, got {len(values)}", code="shape"))
        for name in ("jenis", "tahap", "tahun"):
            values = getattr(self, name)
            if not isinstance(values, np.ndarray) or values.dtype == np.bool_ or not np.issubdtype(values.dtype, np.integer):
                what = f"dtype {values.dtype}" if isinstance(values, np.ndarray) else type(values).__name__
                problems.append(Problem(name, f"must be an array of integer codes, got {what}" if name != "tahun" else f"must be an array of whole-number years, got {what}", code="type"))
        if problems:
            raise ValidationError(problems)
        # integer columns are checked whole; they are cheap to check on every construction
        enum_codes("jenis", self.jenis, JENIS, n, problems)
        enum_codes("tahap", self.tahap, TAHAP, n, problems)
        year_column(self.tahun, n, problems)
        # The columns read as they are given (scores read the survey; conversions and reports the
        # texts) are checked and owned as the constructors check and own them.  The cells, the
        # corrections' range and the gate answers depend on the rubric: checked when scored.
        if self._survei is not None:
            object.__setattr__(self, "_survei", decimal_column("survei", self._survei, n, problems, optional=True, check=survey_range))
        if self._koreksi is not None:
            object.__setattr__(self, "_koreksi", decimal_column("koreksi", self._koreksi, n, problems, optional=False))
        for name, optional in (("kode", False), ("nama", False), ("provinsi", True)):
            values = getattr(self, f"_{name}")
            if values is None:
                continue
            if isinstance(values, np.ndarray) and values.dtype.kind == "S" and values.ndim == 1:  # a cohort's own ASCII column
                values = compact_bytes(values, ends=not optional)
                if values is None:
                    problems.append(Problem(name, "a column of bytes must hold ASCII text", code="type"))
                    continue
            object.__setattr__(self, f"_{name}", text_column(name, values, n, problems, optional=optional))
        if problems:
            raise ValidationError(problems)

    @classmethod
    def _make(cls, checked: Rubrik | None, ranges: Ranges | None = None, **fields: Any) -> Kohort:
        """A cohort of columns its constructor made and checked itself (no copy, no second check)."""
        self = cls.__new__(cls)
        for name, alias, default in _init_fields():
            object.__setattr__(self, name, fields.get(alias, default))
        object.__setattr__(self, "_checked", None if checked is None else rubrik_sha256(checked))
        object.__setattr__(self, "_cells", self.jawaban)
        object.__setattr__(self, "_ranges", ranges)
        return self

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
        return cls._make(rubrik, **penilaian_columns(rubrik, items))

    @classmethod
    def read(cls, path: str | os.PathLike[str], rubrik: Rubrik) -> Kohort:
        """Read a file of assessments into a cohort, by its suffix.

        What :func:`~meritsys.read_penilaian` reads (JSON, CSV, an Excel
        workbook), or Parquet (``.parquet``: the wide layout of
        :meth:`from_pandas`; needs pandas and pyarrow).
        """
        if os.fspath(path).lower().endswith(".parquet"):
            from meritsys.io._pandas import read_parquet

            return cls.from_pandas(read_parquet(path), rubrik)
        from meritsys.io import read_penilaian  # the edge: scoring does not import I/O at import time
        from meritsys.io._csv import kohort_columns
        from meritsys.io._suffix import looks_like_csv

        if looks_like_csv(path):  # a clean wide file goes straight into columns
            columns = kohort_columns(path, rubrik)
            if columns is not None:
                try:
                    return cls.from_arrays(rubrik, **columns)
                except ValidationError:
                    pass  # the row reader reads it again and names each problem by line and column
        return cls.from_penilaian(rubrik, read_penilaian(path, rubrik=rubrik))

    @classmethod
    def from_pandas(cls, df: Any, rubrik: Rubrik | str | None = None) -> Kohort:
        """Read a pandas ``DataFrame`` in the wide layout of a CSV file: one row per assessment.

        Metadata columns ``instansi``, ``nama``, ``jenis``, ``tahun`` (required;
        an index level of that name serves too), ``provinsi``, ``tahap``,
        ``rubrik``, ``survei``, ``koreksi``; one column per indicator code (or
        alias) and, in regime B, per gate code.  A missing value (``NaN``,
        ``None``, ``pd.NA``, an empty text) in an answer column is a missing
        answer, kept as -2 for the missing-answer policy to settle when the cohort
        is scored; ``3.0`` (or ``"3"``) is level 3.  Numeric, nullable
        (``Int8``, ``Float64``), categorical and text columns are all read;
        numeric ones without a Python object per cell.  Needs the extra
        ``meritsys[pandas]``; the conversion lives in :mod:`meritsys.io`, imported
        only when called.

        Args:
            df: The frame.  Its index labels address the problems.
            rubrik: The rubric (or a rubric id); ``None`` to take it from the
                ``rubrik`` column, the same on every row.

        Raises:
            ValidationError: every problem together, by row label and column
                (``$.baris["kab-a"]["1.2"]: level 5 is outside 0..4``) or by column
                (``$.kolom["1.1x"]: not an indicator ...``); at most 20 cells per
                column are named, then a count.
            MeritsysError: if pandas is not installed.

        Examples:
            >>> import pandas as pd
            >>> df = pd.DataFrame({"instansi": ["kota-a", "kab-b"], "nama": ["Kota A", "Kabupaten B"],
            ...                    "jenis": ["kota", "kabupaten"], "tahun": [2023, 2023], "1.1": [3.0, None]})
            >>> kohort = Kohort.from_pandas(df, "kasn-2019")
            >>> kohort.jawaban[:, :2].tolist()
            [[3, -2], [-2, -2]]
            >>> Kohort.from_pandas(df.assign(**{"1.1": [3.5, "tiga"]}), "kasn-2019")
            Traceback (most recent call last):
            ...
            meritsys.errors.ValidationError: $.baris[0]["1.1"]: 3.5 is not a whole level
            $.baris[1]["1.1"]: 'tiga' is not a level (a whole number)
        """
        from meritsys.io._pandas import kohort_from_pandas  # the edge: pandas only when asked for

        return kohort_from_pandas(df, rubrik)

    @classmethod
    def from_arrays(
        cls,
        rubrik: Rubrik,
        jawaban: npt.ArrayLike,
        *,
        kode: Sequence[str] | npt.NDArray[Any] | None = None,
        nama: Sequence[str] | npt.NDArray[Any] | None = None,
        jenis: JenisInstansi | str | Sequence[JenisInstansi | str | int] | npt.NDArray[Any] = JenisInstansi.KABUPATEN,
        provinsi: Sequence[str | None] | npt.NDArray[Any] | None = None,
        tahun: int | Sequence[int] | npt.NDArray[np.integer[Any]] = 2023,
        tahap: Tahap | str | Sequence[Tahap | str | int] | npt.NDArray[Any] = Tahap.MANDIRI,
        survei: Sequence[Decimal | str | None] | None = None,
        koreksi: Sequence[Decimal | str | int] | None = None,
        gerbang: Sequence[Mapping[str, str]] | None = None,
    ) -> Kohort:
        """Build a cohort from an answer array and optional metadata columns.

        The array (copied: the caller's own array is left as it is) is checked
        against the rubric row by row, as the single path checks each
        assessment: a level in each indicator's set where the indicator applies
        to the row's agency type and gate answers, -1 exactly where it does not
        (-2 there is read as -1), and -2 for a missing answer; a gate that
        decides whether some indicator applies must be answered.  Every
        metadata value is checked as :class:`~meritsys.model.Penilaian` and
        :class:`~meritsys.model.Instansi` check it: agency types and stages by
        member, name or integer code (one value for every row, or one per row),
        years, codes and names (numpy string arrays are checked whole), survey
        scores and corrections as exact decimals, gate answers against the
        rubric's gates.  Defaults: codes ``"baris-<i>"``, type ``kabupaten``,
        stage ``mandiri``, year 2023.

        Raises:
            ValidationError: naming each bad cell (``$[row]["code"]``), each bad
                metadata value (``$.column[row]``, gates ``$.gerbang[row]["gate"]``;
                at most 20 per column, then a count) or a column of the wrong length.
        """
        fields, ranges = array_columns(
            rubrik, jawaban, kode=kode, nama=nama, jenis=jenis, provinsi=provinsi, tahun=tahun, tahap=tahap,
            survei=survei, koreksi=koreksi, gerbang=gerbang,
        )
        return cls._make(rubrik, ranges, **fields)

    # ------------------------------------------------------------------ columns

    @cached_property
    def kode(self) -> npt.NDArray[Any]:
        """Agency codes (``"baris-<i>"`` where none were given)."""
        return strings(self._kode) if self._kode is not None else objects([f"baris-{i}" for i in range(len(self))])

    @cached_property
    def nama(self) -> npt.NDArray[Any]:
        """Agency names (``"Instansi <i>"`` where none were given)."""
        return strings(self._nama) if self._nama is not None else objects([f"Instansi {i}" for i in range(len(self))])

    @cached_property
    def provinsi(self) -> npt.NDArray[Any]:
        """Provinces (``None`` where not given)."""
        return strings(self._provinsi) if self._provinsi is not None else np.full(len(self), None, dtype=object)

    @property
    def survei(self) -> tuple[Decimal | None, ...]:
        """Survey scores (``None`` where not given)."""
        return self._survei if self._survei is not None else (None,) * len(self)

    @property
    def koreksi(self) -> tuple[Decimal, ...]:
        """Corrections (0 where not given)."""
        return self._koreksi if self._koreksi is not None else (Decimal(0),) * len(self)

    @property
    def gerbang(self) -> tuple[FrozenMap[str, str], ...]:
        """Gate answers per row (empty where not given)."""
        return self._gerbang if self._gerbang is not None else (FrozenMap(),) * len(self)

    @property
    def bukti(self) -> tuple[FrozenMap[str, tuple[str, ...]], ...]:
        """Evidence references per row (empty where not given)."""
        return self._bukti if self._bukti is not None else (FrozenMap(),) * len(self)

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

    # ------------------------------------------------------------------ scoring

    def _column_ranges(self) -> Ranges:
        """Per-column minimum and maximum of the checked cells (computed once)."""
        if self._ranges is None:
            object.__setattr__(self, "_ranges", column_ranges(self._cells if self._cells is not None else self.jawaban))
        assert self._ranges is not None
        return self._ranges

    def levels(
        self, rubrik: Rubrik, kebijakan_kosong: KebijakanKosong | None = None, *, need_survey: bool = False
    ) -> npt.NDArray[np.int8]:
        """The answers, checked against *rubrik*, with missing cells filled by the missing-answer policy.

        What a strategy's batch path reads: every cell a level or -1 (not
        applicable).  Cells already checked against this very rubric are not
        checked again.

        Args:
            rubrik: The rubric to score against; its indicators must be the cohort's columns.
            kebijakan_kosong: The missing-answer policy, overriding the rubric's own.
            need_survey: Whether every row needs a survey score (regime B); a
                missing one is reported with the cells' problems.

        Raises:
            ValidationError: every problem of every row (``$[i]...``).
        """
        self._check_layout(rubrik)
        policy = rubrik.kebijakan_kosong if kebijakan_kosong is None else kebijakan_kosong
        problems: list[Problem] = []
        if need_survey:
            missing = [i for i, v in enumerate(self.survei) if v is None]
            problems += listed("survei", (Problem(f"[{i}].survei", NO_SURVEY, code="missing-key") for i in missing[:SHOWN]), len(missing))
        if self._checked != rubrik_sha256(rubrik):
            problems += self._check_against(rubrik)
        cells = self.jawaban
        if not problems:
            assert self._cells is not None  # set by the check
            cells, unfilled = resolve_missing(rubrik, self._cells, self._column_ranges()[0], policy)
            problems += unfilled
        if problems:
            raise ValidationError(sorted(problems, key=row_of))
        return cells

    def _check_layout(self, rubrik: Rubrik) -> None:
        if not isinstance(rubrik, Rubrik):
            raise TypeError(f"rubrik must be a Rubrik, got {type(rubrik).__name__}")
        if rubrik.id != self.rubrik.id:
            raise ValidationError([Problem("rubrik", f"the cohort is for {self.rubrik.id!r}, not {rubrik.id!r}", code="wrong-rubric")])
        codes = indicator_codes(rubrik)
        if codes != self.kode_indikator:
            raise ValidationError([Problem("rubrik", f"the cohort's columns are not the indicators of this {rubrik.id}: lay it out again for it", code="wrong-rubric")])

    def _check_against(self, rubrik: Rubrik) -> list[Problem]:
        """Check every cell and correction of a cohort not checked against this rubric.

        The check runs on a private copy (where -2 in a cell that does not
        apply becomes -1); once it passes, that copy is what scoring reads.
        """
        cells = np.array(self.jawaban, order="C")
        problems = check_cells(rubrik, cells, self.jenis, self._gerbang)
        if self._koreksi is not None:
            problems += [p.at(f"[{i}]") for i, k in enumerate(self._koreksi) for p in koreksi_problems(rubrik, k)]
        if not problems:
            cells.setflags(write=False)
            object.__setattr__(self, "_cells", cells)
            object.__setattr__(self, "_ranges", column_ranges(cells, rubrik))
            object.__setattr__(self, "_checked", rubrik_sha256(rubrik))
        return problems

    def negative_columns(self, levels: npt.NDArray[np.int8]) -> list[bool]:
        """Which columns of *levels* (from :meth:`levels`) may hold -1."""
        mins = self._column_ranges()[0] if levels is self._cells else column_ranges(levels)[0]
        return (mins < 0).tolist()  # type: ignore[no-any-return]

    def score(self, rubrik: Rubrik, strategy: Any = None) -> Any:
        """Score every row with the rubric's strategy (or the one given: a strategy or a registered name).

        Returns:
            The batch results (:class:`~meritsys.scoring.SkorBatch`).
        """
        from meritsys.scoring._registry import resolve_strategy

        return resolve_strategy(strategy, rubrik).score_batch(rubrik, self)

    # ------------------------------------------------------------------ selecting and converting

    def select_stage(self, tahap: Tahap | str) -> Kohort:
        """The rows at one stage (``"mandiri"``, ``"verifikasi"``, ``"klarifikasi"`` or ``"penetapan"``).

        Examples:
            >>> import meritsys
            >>> kasn = meritsys.get_rubrik("kasn-2019")
            >>> kohort = meritsys.Kohort.read("examples/data/tahap-kasn-2023.json", kasn)
            >>> len(kohort), len(kohort.select_stage("penetapan")), len(kohort.select_stage("mandiri"))
            (23, 11, 12)
        """
        from meritsys.scoring._kohort_stages import stage_rows

        return self.select(stage_rows(self, tahap))

    def select_latest(self) -> Kohort:
        """For each agency and year, the row of its latest stage (the final result where there is one).

        This is a choice: scores move between stages, so an analysis that needs
        one row per agency-year never makes it silently.

        Raises:
            ValidationError: for two rows of one agency, year and stage (both named).

        Examples:
            >>> import meritsys
            >>> kasn = meritsys.get_rubrik("kasn-2019")
            >>> latest = meritsys.Kohort.read("examples/data/tahap-kasn-2023.json", kasn).select_latest()
            >>> len(latest), sorted({t.value for t in latest.tahap_values()})
            (12, ['mandiri', 'penetapan'])
        """
        from meritsys.scoring._kohort_stages import latest_rows

        return self.select(latest_rows(self))

    def tahap_values(self) -> tuple[Tahap, ...]:
        """Each row's stage."""
        return tuple(TAHAP[int(t)] for t in self.tahap)

    def select(self, rows: npt.ArrayLike) -> Kohort:
        """The cohort restricted to *rows* (a boolean mask, or row indices).

        Raises:
            ValidationError: for a selection that is not one-dimensional, a mask
                of the wrong length or an index out of range.
        """
        idx = row_indices(rows, len(self))
        where = {int(old): new for new, old in enumerate(idx.tolist())} if self.alias else {}

        def pick(values: Any) -> Any:
            if values is None:
                return None
            if isinstance(values, np.ndarray):
                return values[idx]
            return tuple(values[i] for i in idx)

        cells = np.ascontiguousarray(self.jawaban[idx])
        cells.setflags(write=False)
        out = Kohort._make(
            None,
            None,
            rubrik=self.rubrik,
            kode_indikator=self.kode_indikator,
            jawaban=cells,
            jenis=self.jenis[idx],
            tahun=self.tahun[idx],
            tahap=self.tahap[idx],
            kode=pick(self._kode),
            nama=pick(self._nama),
            provinsi=pick(self._provinsi),
            survei=pick(self._survei),
            koreksi=pick(self._koreksi),
            gerbang=pick(self._gerbang),
            bukti=pick(self._bukti),
            alias=tuple((where[r], c, key) for r, c, key in self.alias if r in where),
        )
        if self._cells is not None and self._cells is not self.jawaban:
            cells = np.ascontiguousarray(self._cells[idx])
            cells.setflags(write=False)
            object.__setattr__(out, "_cells", cells)
        object.__setattr__(out, "_checked", self._checked)  # rows of checked cells stay checked
        return out

    def to_pandas(self, *, decimals: Literal["decimal", "float", "string"] = "decimal") -> Any:
        """The cohort as a pandas ``DataFrame`` in the wide layout :meth:`from_pandas` reads.

        Metadata columns first (``provinsi``, ``survei``, ``koreksi`` and gate
        columns where some row holds a value), then one nullable ``Int8`` column
        per indicator code: a missing answer and a question that does not apply
        are ``<NA>``.  ``jenis`` and ``tahap`` are categoricals (``tahap``
        ordered).  Evidence (``bukti``) is not part of the layout.  Needs the
        extra ``meritsys[pandas]``.

        Args:
            decimals: Survey scores and corrections as ``"decimal"``
                (:class:`~decimal.Decimal` objects), ``"float"`` or ``"string"``.

        Examples:
            >>> import meritsys
            >>> kasn = meritsys.get_rubrik("kasn-2019")
            >>> df = Kohort.read("examples/data/kohort-kasn-2023.json", kasn).to_pandas()
            >>> list(df.columns[:8]), df.shape
            (['instansi', 'nama', 'jenis', 'provinsi', 'tahun', 'tahap', 'rubrik', '1.1'], (12, 44))
            >>> df.loc[0, ["instansi", "tahap"]].tolist(), int(df.loc[0, "1.1"]), str(df["1.1"].dtype)
            (['kab-sukamaju', 'penetapan'], 3, 'Int8')
            >>> Kohort.from_pandas(df).to_pandas().equals(df)
            True
        """
        from meritsys.io._pandas_write import kohort_to_pandas  # the edge: pandas only when asked for

        return kohort_to_pandas(self, decimals=decimals)

    def to_penilaian(self) -> tuple[Penilaian, ...]:
        """The assessments again, exactly as they were given (answers keyed by alias included)."""
        return assessments(self)
