"""The cohort container: many assessments of one rubric as a compact matrix plus metadata.

One byte per answer, column-major (each indicator's answers contiguous, which
is what the batch kernels read fastest), with ``-1`` where an indicator does not
apply and ``-2`` where an applicable indicator has no answer.  Beside it sit
the agency metadata columns (code, name, type, province), the year, stage,
gate answers, survey score, correction and evidence.  A cohort converts back to
the very :class:`~meritsys.model.Penilaian` objects it was built from.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from functools import cached_property
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from meritsys._repr import shown
from meritsys.errors import Problem, ValidationError
from meritsys.io.jsonio import read_penilaian
from meritsys.io.rubrikio import rubrik_sha256
from meritsys.model import FrozenMap, Indikator, Instansi, JenisInstansi, Penilaian, Rubrik, Tahap
from meritsys.model._frozen import freeze_map
from meritsys.model._validate import convert_decimal, convert_enum, convert_optional_decimal
from meritsys.scoring.batch import KOSONG, TIDAK_BERLAKU, AnswerMatrix, SkorBatch, layout
from meritsys.scoring.kernels import column_ranges
from meritsys.scoring.protocols import ScoringStrategy
from meritsys.scoring.registry import get_strategy
from meritsys.scoring.resolution import check_gate_answers, koreksi_problems

__all__ = ["JENIS", "TAHAP", "Kohort"]

JENIS: tuple[JenisInstansi, ...] = tuple(JenisInstansi)
"""Agency types in the order of the ``jenis`` code column."""
TAHAP: tuple[Tahap, ...] = tuple(Tahap)
"""Stages in the order of the ``tahap`` code column."""


_SHOWN = 20
"""Problems listed per column; the rest are counted (the cell check lists 20 per indicator)."""


def _column(values: Any, n: int, name: str, dtype: Any = object) -> npt.NDArray[Any]:
    arr = np.asarray(values, dtype=dtype)
    if arr.shape != (n,):
        raise ValidationError([Problem(name, f"expected {n} values, got shape {arr.shape}")])
    return arr


def _listed(name: str, found: Iterable[Problem], total: int) -> list[Problem]:
    """The first problems of a column and, when there are more, how many more."""
    shown = [p for _, p in zip(range(_SHOWN), found, strict=False)]
    if total > len(shown):
        shown.append(Problem(name, f"{total - len(shown)} more rows have problems like these"))
    return shown


def _model_rule(field: attrs.Attribute[Any], convert: Callable[[Any], Any] | None = None) -> Callable[[Any], Any]:
    """Check one value as the model's *field* checks it (after *convert*); return the converted value."""
    validate = field.validator

    def check(value: Any) -> Any:
        if convert is not None:
            value = convert(value)
        if validate is not None:
            validate(None, field, value)
        return value

    return check


# One rule per metadata column, taken from the model so a cohort row is refused
# exactly when the Penilaian it converts back to would be.
_RULES: dict[str, Callable[[Any], Any]] = {
    "kode": _model_rule(attrs.fields(Instansi).kode),
    "nama": _model_rule(attrs.fields(Instansi).nama),
    "provinsi": _model_rule(attrs.fields(Instansi).provinsi),
    "tahun": _model_rule(attrs.fields(Penilaian).tahun, lambda v: int(v) if isinstance(v, np.integer) else v),
    "survei": _model_rule(attrs.fields(Penilaian).survei, convert_optional_decimal),
    "koreksi": _model_rule(attrs.fields(Penilaian).koreksi, convert_decimal),
    "gerbang": _model_rule(attrs.fields(Penilaian).gerbang, freeze_map),
}


def _rows(name: str, values: Iterable[Any], problems: list[Problem]) -> list[Any]:
    """Each value of column *name* through its model rule; failures go to *problems*."""
    rule = _RULES[name]
    out: list[Any] = []
    found: list[Problem] = []
    for i, value in enumerate(values):
        try:
            out.append(rule(value))
        except ValidationError as exc:
            found.extend(Problem(f"{name}[{i}]{p.path.removeprefix(name)}", p.message) for p in exc.problems)
            out.append(value)
    problems.extend(_listed(name, found, len(found)))
    return out


def _sized(values: Any, n: int, name: str) -> Any:
    """A given column checked for length.

    Integer ``jenis`` and ``tahun`` arrays keep their dtype (they are checked
    whole); the agency columns become object arrays and the per-row columns
    (``survei``, ``koreksi``, ``gerbang``) tuples.
    """
    if name in ("survei", "koreksi", "gerbang"):
        if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
            raise ValidationError([Problem(name, f"expected {n} values, got {type(values).__name__}")])
        out = tuple(values.tolist() if isinstance(values, np.ndarray) else values)  # numpy scalars as Python's
        if len(out) != n:
            raise ValidationError([Problem(name, f"expected {n} values, got {len(out)}")])
        return out
    arr = values if isinstance(values, np.ndarray) and name in ("jenis", "tahun") else None
    if arr is None and name == "tahun":
        try:
            arr = np.asarray(values)
        except (ValueError, TypeError):  # ragged: looked at row by row
            arr = None
    if arr is None or arr.dtype == np.bool_ or not np.issubdtype(arr.dtype, np.integer):
        arr = np.asarray(values, dtype=object)
    if arr.shape != (n,):
        raise ValidationError([Problem(name, f"expected {n} values, got shape {arr.shape}")])
    return arr


def _kind(values: Any) -> str:
    return f"dtype {values.dtype}" if isinstance(values, np.ndarray) else type(values).__name__


def _year_problems(years: npt.NDArray[Any]) -> list[Problem]:
    """Every row whose year the model refuses; each distinct year is checked once."""
    if not isinstance(years, np.ndarray) or years.dtype == np.bool_ or not np.issubdtype(years.dtype, np.integer):
        return [Problem("tahun", f"must be an array of whole-number years, got {_kind(years)}")]
    refused: dict[int, str] = {}
    for year in np.unique(years).tolist():
        try:
            _RULES["tahun"](year)
        except ValidationError as exc:
            refused[year] = exc.problems[0].message
    if not refused:
        return []
    rows = np.flatnonzero(np.isin(years, list(refused)))
    return _listed("tahun", (Problem(f"tahun[{r}]", refused[int(years[r])]) for r in rows), rows.size)


def _code_problems(codes: npt.NDArray[Any], members: tuple[enum.Enum, ...], name: str) -> list[Problem]:
    """Every row whose integer code is not a position in *members* (checked on the whole column)."""
    if not isinstance(codes, np.ndarray) or codes.dtype == np.bool_ or not np.issubdtype(codes.dtype, np.integer):
        return [Problem(name, f"must be an array of integer codes, got {_kind(codes)}")]
    if not codes.size or (codes.min() >= 0 and codes.max() < len(members)):
        return []
    rows = np.flatnonzero((codes < 0) | (codes >= len(members)))
    allowed = ", ".join(f"{i} {m.value!r}" for i, m in enumerate(members))
    found = (Problem(f"{name}[{r}]", f"code {codes[r]} is outside 0..{len(members) - 1} ({allowed})") for r in rows)
    return _listed(name, found, rows.size)


def _jenis_codes(column: npt.NDArray[Any], problems: list[Problem]) -> npt.NDArray[np.int8]:
    """Agency types (integer codes, members or names) as int8 codes into :data:`JENIS`."""
    n = len(column)
    if column.dtype != object:
        found = _code_problems(column, JENIS, "jenis")
        problems.extend(found)
        return np.zeros(n, dtype=np.int8) if found else column.astype(np.int8)
    index: dict[Any, int] = {}
    for i, m in enumerate(JENIS):
        index[m] = index[m.value] = i
    codes = np.zeros(n, dtype=np.int8)
    found = []
    for i, value in enumerate(column):
        try:
            codes[i] = index[value]
        except (KeyError, TypeError):  # not a type, or not even hashable: let the model say why
            try:
                codes[i] = JENIS.index(convert_enum(JenisInstansi, value))
            except ValidationError as exc:
                found.append(Problem(f"jenis[{i}]", exc.problems[0].message))
    problems.extend(_listed("jenis", found, len(found)))
    return codes


def _years(tahun: Any, column: npt.NDArray[Any] | None, n: int, problems: list[Problem]) -> npt.NDArray[np.int16]:
    """The year column, from one year for every row (*column* ``None``) or one per row."""
    if column is None:
        try:
            return np.full(n, _RULES["tahun"](tahun), dtype=np.int16)
        except ValidationError as exc:
            problems.extend(exc.problems)
            return np.zeros(n, dtype=np.int16)
    if column.dtype == object:
        count = len(problems)
        years = _rows("tahun", column, problems)
        return np.asarray(years, dtype=np.int16) if len(problems) == count else np.zeros(n, dtype=np.int16)
    found = _year_problems(column)
    problems.extend(found)
    return np.zeros(n, dtype=np.int16) if found else column.astype(np.int16)


def _gates(rubrik: Rubrik, column: Sequence[Any], problems: list[Problem]) -> list[FrozenMap[str, str]]:
    """Each row's gate answers: as the model checks them, then against the rubric's gates."""
    rule = _RULES["gerbang"]
    out: list[FrozenMap[str, str]] = []
    found: list[Problem] = []
    # Rows repeat a few answer sets; one that passed is shared by every row giving
    # equal answers (string keys and answers equal only strings, so nothing slips by).
    clean: dict[tuple[tuple[Any, Any], ...], FrozenMap[str, str]] = {}
    for i, value in enumerate(column):
        key = tuple(value.items()) if type(value) is dict or type(value) is FrozenMap else None
        try:
            hit = clean.get(key) if key is not None else None
        except TypeError:  # an unhashable answer: refused below
            key = hit = None
        if hit is not None:
            out.append(hit)
            continue
        try:
            answers = rule(value)
        except ValidationError as exc:
            found.extend(Problem(f"gerbang[{i}]{p.path.removeprefix('gerbang')}", p.message) for p in exc.problems)
            out.append(value)
            continue
        bad = _gate_problems(rubrik, answers)
        if bad:
            found.extend(p.at(f"gerbang[{i}]") for p in bad)
        elif key is not None:
            clean[key] = answers
        out.append(answers)
    problems.extend(_listed("gerbang", found, len(found)))
    return out


def _gate_problems(rubrik: Rubrik, answers: Mapping[Any, str]) -> list[Problem]:
    """One row's gate answers against the rubric's gates, as the single path checks them.

    The same rules and messages as :func:`meritsys.scoring.resolution.resolve`
    for the answers given.  A needed gate left unanswered is not a problem
    here: the cells already say (with -1) which indicators apply.
    """
    bad_keys = [Problem("", f"keys must be gate codes, got {shown(kode)}") for kode in answers if not isinstance(kode, str)]
    if bad_keys:
        return bad_keys
    return check_gate_answers(rubrik, answers)[2]


def _applicability(
    rubrik: Rubrik, jenis: npt.NDArray[np.int8], gates: Sequence[Mapping[str, str]]
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.bool_], list[Problem]]:
    """Which indicators apply to each row, by group of rows sharing agency type and gate answers.

    Returns:
        Each row's group, ``(G, K)`` whether each indicator applies in each
        group, and a problem for each row that leaves a deciding gate unanswered.
    """
    needed = [g for g in rubrik.gerbang if any(i.berlaku_jika is not None and i.berlaku_jika.gerbang == g.kode for i in rubrik.indikator)]
    index: dict[tuple[int, tuple[str | None, ...]], int] = {}
    group = np.empty(len(jenis), dtype=np.intp)
    canonical: dict[tuple[tuple[str, str], ...], dict[str, str]] = {}
    missing: list[Problem] = []
    for i, (j, answers) in enumerate(zip(jenis.tolist(), gates, strict=True)):
        raw = tuple(answers.items())
        given = canonical.get(raw)
        if given is None:
            given = canonical[raw] = check_gate_answers(rubrik, answers)[0]
        key = (j, tuple(given.get(g.kode) for g in needed))
        group[i] = index.setdefault(key, len(index))
        for g, ans in zip(needed, key[1], strict=True):
            if ans is None:
                allowed = ", ".join(repr(o) for o in g.opsi)
                missing.append(Problem(f'gerbang[{i}]["{g.kode}"]', f"missing: answer {allowed} ({g.pertanyaan})"))
    table = np.ones((len(index), len(rubrik.indikator)), dtype=np.bool_)
    for (j, answers_), gi in index.items():
        answers = {g.kode: a for g, a in zip(needed, answers_, strict=True) if a is not None}
        for k, ind in enumerate(rubrik.indikator):
            table[gi, k] = ind.berlaku(JENIS[j], answers)
    return group, table, _listed("gerbang", missing, len(missing))


def _check_cells(
    rubrik: Rubrik, levels: npt.NDArray[np.int8], jenis: npt.NDArray[np.int8], gates: Sequence[Mapping[str, str]]
) -> list[Problem]:
    """Every cell as the single path checks the assessment it stands for; -2 where nothing applies becomes -1.

    Only columns whose values leave their level set, or whose indicator has a
    condition, are looked at cell by cell.
    """
    inds = rubrik.indikator
    conditional = any(ind.berlaku_jika is not None for ind in inds)
    group, table, problems = _applicability(rubrik, jenis, gates) if conditional else (None, None, [])
    if problems:
        return problems
    mins, maxs = column_ranges(levels)
    found: list[Problem] = []
    for j, ind in enumerate(inds):
        clean = ind.level_min <= mins[j] and maxs[j] <= ind.level_maks
        if clean and ind.berlaku_jika is None:
            continue
        col = levels[:, j]
        applies = np.ones(col.shape, dtype=np.bool_) if table is None or group is None else table[group, j]
        if not applies.all():
            col[~applies & (col == KOSONG)] = TIDAK_BERLAKU  # no answer where nothing applies: not applicable
        where = f'["{ind.kode}"]'
        level_set = (col >= ind.level_min) & (col <= ind.level_maks)
        answered_na = np.flatnonzero(~applies & (col != TIDAK_BERLAKU))
        found.extend(_listed(where, (Problem(f"[{r}]{where}", _not_here(ind, JENIS[int(jenis[r])].value)) for r in answered_na[:_SHOWN]), answered_na.size))
        na_here = np.flatnonzero(applies & (col == TIDAK_BERLAKU))
        found.extend(
            _listed(where, (Problem(f"[{r}]{where}", "not applicable (-1) is not allowed: the indicator applies to this row; give its level, or -2 for a missing answer") for r in na_here[:_SHOWN]), na_here.size)
        )
        out_of_set = np.flatnonzero(applies & ~level_set & (col != TIDAK_BERLAKU) & (col != KOSONG))
        found.extend(
            _listed(where, (Problem(f"[{r}]{where}", f"level {int(col[r])} is outside {ind.level_min}..{ind.level_maks}") for r in out_of_set[:_SHOWN]), out_of_set.size)
        )
    return found


def _not_here(ind: Indikator, jenis: str) -> str:
    syarat = ind.berlaku_jika
    assert syarat is not None
    if syarat.jenis and jenis not in {j.value for j in syarat.jenis}:
        return f"does not apply to a {jenis} (only to {', '.join(j.value for j in syarat.jenis)}); leave it out (-1)"
    return f"does not apply: gate {syarat.gerbang} does not open it for this row; leave it out (-1)"


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
    alias: tuple[tuple[int, int, str], ...] = ()
    """``(row, column, key)`` of each answer given under an alias, so it converts back as given."""

    def __attrs_post_init__(self) -> None:
        self.jawaban.setflags(write=False)  # cells were checked when the cohort was built
        n, k = self.jawaban.shape
        if k != len(self.kode_indikator):
            raise ValidationError(f"jawaban has {k} columns for {len(self.kode_indikator)} indicators")
        for name in ("kode", "nama", "jenis", "provinsi", "tahun", "tahap", "survei", "koreksi", "gerbang", "bukti"):
            if len(getattr(self, name)) != n:
                raise ValidationError([Problem(name, f"expected {n} values, got {len(getattr(self, name))}")])
        # whole-column checks, cheap enough to repeat on every evolve and selection
        problems = [
            *_code_problems(self.jenis, JENIS, "jenis"),
            *_year_problems(self.tahun),
            *_code_problems(self.tahap, TAHAP, "tahap"),
        ]
        if problems:
            raise ValidationError(problems)

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
        n = len(items)
        jawaban, alias = layout(rubrik, items)
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
            alias=alias,
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

        The array (copied: the caller's own array is left as it is) is checked
        against the rubric row by row, as the single path checks each
        assessment: a level in each indicator's set where the indicator applies
        to the row's agency type and gate answers, -1 exactly where it does not
        (-2 there is read as -1), and -2 for a missing answer; a gate that
        decides whether some indicator applies must be answered.
        Defaults: codes ``"baris-<i>"``, type ``kabupaten``, stage ``mandiri``.
        Every metadata value is checked as :class:`~meritsys.model.Penilaian`
        and :class:`~meritsys.model.Instansi` check it (types by name or as
        integer codes into :data:`JENIS`, years, survey scores and corrections
        as exact decimals), and gate answers against the rubric's gates as the
        single path checks them, so the cohort converts back without error.

        Raises:
            ValidationError: naming each bad cell (``$[row]["code"]``), each bad
                metadata value (``$.column[row]``, gates ``$.gerbang[row]["gate"]``;
                at most 20 per column, then a count) or a column of the wrong length.
        """
        try:
            arr = np.asarray(jawaban)
        except (ValueError, TypeError):  # ragged nesting
            raise ValidationError([Problem("jawaban", "must be an (N, K) array of whole numbers; got rows of different lengths")]) from None
        if arr.ndim != 2 or arr.shape[1] != len(rubrik.indikator):
            raise ValidationError(f"jawaban must be (N, {len(rubrik.indikator)}), got shape {arr.shape}")
        if arr.dtype == np.bool_ or not np.issubdtype(arr.dtype, np.integer):
            raise ValidationError(f"jawaban must hold whole numbers, got dtype {arr.dtype}")
        if arr.size and (arr.min() < KOSONG or arr.max() > 127):
            raise ValidationError("jawaban values must be levels, -1 (not applicable) or -2 (missing)")
        levels = np.array(arr, dtype=np.int8, order="F", copy=True)  # the caller's array stays theirs
        n = levels.shape[0]

        # Lengths first: a column of the wrong length puts every later row out of line.
        one_year = isinstance(tahun, str | bytes) or not isinstance(tahun, Iterable)
        given: dict[str, Any] = {}
        problems: list[Problem] = []
        columns: dict[str, Any] = {
            "kode": kode,
            "nama": nama,
            "jenis": jenis,
            "provinsi": provinsi,
            "tahun": None if one_year else tahun,
            "survei": survei,
            "koreksi": koreksi,
            "gerbang": gerbang,
        }
        for name, values in columns.items():
            if values is None:
                continue
            try:
                given[name] = _sized(values, n, name)
            except ValidationError as exc:
                problems.extend(exc.problems)
        if problems:
            raise ValidationError(problems)

        kode_ = _rows("kode", given["kode"], problems) if kode is not None else [f"baris-{i}" for i in range(n)]
        nama_ = _rows("nama", given["nama"], problems) if nama is not None else [f"Instansi {i}" for i in range(n)]
        if jenis is None:
            jenis_codes = np.full(n, JENIS.index(JenisInstansi.KABUPATEN), dtype=np.int8)
        else:
            jenis_codes = _jenis_codes(given["jenis"], problems)
        provinsi_ = _rows("provinsi", given["provinsi"], problems) if provinsi is not None else [None] * n
        years = _years(tahun, given.get("tahun"), n, problems)
        try:
            stage = np.full(n, TAHAP.index(convert_enum(Tahap, tahap)), dtype=np.int8)
        except ValidationError as exc:
            problems.extend(exc.at("tahap").problems)
            stage = np.zeros(n, dtype=np.int8)
        survei_ = _rows("survei", given["survei"], problems) if survei is not None else [None] * n
        koreksi_ = _rows("koreksi", given["koreksi"], problems) if koreksi is not None else [Decimal(0)] * n
        empty: FrozenMap[str, Any] = FrozenMap()
        gerbang_ = _gates(rubrik, given["gerbang"], problems) if gerbang is not None else [empty] * n
        problems.extend(
            Problem(f"koreksi[{i}]", p.message) for i, k in enumerate(koreksi_) if isinstance(k, Decimal) for p in koreksi_problems(rubrik, k)
        )
        # The cells, first: checked whenever every row's type and gates are known
        # (always, under a rubric whose indicators apply to every row).
        typed = not any(p.path.startswith(("jenis", "gerbang")) for p in problems)
        if typed or not any(ind.berlaku_jika is not None for ind in rubrik.indikator):
            problems[:0] = _check_cells(rubrik, levels, jenis_codes, gerbang_)
        if problems:
            raise ValidationError(problems)
        return cls(
            rubrik=rubrik.id,
            kode_indikator=tuple(ind.kode for ind in rubrik.indikator),
            jawaban=levels,
            kode=_column(kode_, n, "kode"),
            nama=_column(nama_, n, "nama"),
            jenis=jenis_codes,
            provinsi=_column(provinsi_, n, "provinsi"),
            tahun=years,
            tahap=stage,
            survei=tuple(survei_),
            koreksi=tuple(koreksi_),
            gerbang=tuple(gerbang_),
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
            ValidationError: for a selection that is not one-dimensional, a mask
                of the wrong length or an index out of range.
        """
        try:
            sel = np.atleast_1d(np.asarray(rows))
        except (ValueError, TypeError):  # ragged nesting
            raise ValidationError(
                "rows must be a boolean mask or whole-number indices, got nested lists of different lengths"
            ) from None
        if sel.ndim != 1:
            raise ValidationError(f"a selection must be one-dimensional, got shape {sel.shape}")
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
        where = {int(old): new for new, old in enumerate(idx.tolist())} if self.alias else {}
        return attrs.evolve(
            self,
            alias=tuple((where[r], c, key) for r, c, key in self.alias if r in where),
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
        keyed: dict[int, dict[int, str]] = {}
        for r, c, key in self.alias:
            keyed.setdefault(r, {})[c] = key
        out = []
        for i in range(len(self)):
            row = self.jawaban[i]
            keys = keyed.get(i, {})
            jawaban = {keys.get(j, codes[j]): int(v) for j, v in enumerate(row) if v >= 0}
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

