"""A cohort from a pandas ``DataFrame``: the wide layout of a CSV file, read column by column.

The frame holds one row per agency, year and stage: the metadata columns of
the CSV layout (``instansi``, ``nama``, ``jenis``, ``provinsi``, ``tahun``,
``tahap``, ``rubrik``, ``survei``, ``koreksi``), one column per indicator
code (or alias) and, in regime B, one per gate code.  A missing value (``NaN``,
``None``, ``pd.NA``, an empty string) in an answer column is a missing answer,
which the missing-answer policy settles when the cohort is scored; ``3.0`` is
level 3, while ``3.5``, ``"tiga"`` and a level outside the indicator's set are
refused.  Every problem is reported together, addressed by the frame's row
label and column (``$.baris["kab-a"]["1.2"]: level 5 is outside 0..4``,
``$.baris[3]["jenis"]: ...``), a column that is neither an indicator, a gate
nor a metadata column by name (``$.kolom["1.1x"]: ...``); as in a cohort
built from arrays, each column lists at most 20 bad cells and then how many
more there are.

The cells are read by :mod:`meritsys.io._pandas_cells` (numeric and categorical
answer columns whole, without a Python object per cell), metadata by distinct
value; the cohort is then built by :meth:`Kohort.from_arrays
<meritsys.scoring.Kohort.from_arrays>`, whose own checks (texts, gates, which
questions apply to whom) are re-addressed to row labels and columns.  pandas is
imported only here, and only when a frame is read or written (extra
``meritsys[pandas]``).
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from meritsys._repr import shown
from meritsys.errors import MeritsysError, Problem, ProblemCode, ValidationError
from meritsys.io._csv import META
from meritsys.io._pandas_cells import KOSONG, Why, answer_levels, exact_decimal, objects, whole_number
from meritsys.model import JenisInstansi, Rubrik, Tahap

if TYPE_CHECKING:
    from meritsys.scoring import Kohort

__all__ = ["MISSING", "kohort_from_pandas", "pandas", "read_parquet"]

MISSING = "reading and writing pandas frames needs the optional dependency: pip install 'meritsys[pandas]'"

_REQUIRED = ("instansi", "nama", "jenis", "tahun")
_SHOWN = 20
"""Bad cells named per column; the rest are counted (as :meth:`Kohort.from_arrays <meritsys.scoring.Kohort.from_arrays>` does)."""
_JENIS = tuple(JenisInstansi)
_TAHAP = tuple(Tahap)
_ROW = re.compile(r"^(kode|nama|jenis|provinsi|tahun|tahap|survei|koreksi|gerbang)?\[(\d+)\](.*)$", re.DOTALL)
_COLUMN_OF = {"kode": "instansi"}
_EMPTY: Why = ("missing-key", "missing: every assessment needs a value here")


def pandas() -> Any:
    """The pandas module, or a :class:`~meritsys.errors.MeritsysError` naming the extra to install."""
    try:
        return importlib.import_module("pandas")
    except ImportError as exc:
        raise MeritsysError(MISSING) from exc


def read_parquet(path: Any) -> Any:
    """A Parquet file as a frame, through pandas (and pyarrow, or fastparquet)."""
    pd = pandas()
    try:
        return pd.read_parquet(path)
    except ImportError as exc:  # pandas found no engine that loads
        raise MeritsysError(f"reading Parquet needs pyarrow: pip install pyarrow ({exc})") from exc


def kohort_from_pandas(df: Any, rubrik: Rubrik | str | None = None) -> Kohort:
    """Read a frame in the wide layout into a checked cohort (see :meth:`Kohort.from_pandas <meritsys.scoring.Kohort.from_pandas>`)."""
    pd = pandas()
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"df must be a pandas DataFrame, got {type(df).__name__}")
    return _Frame(pd, df).read(rubrik)


def _col(name: object) -> str:
    return f"[{json.dumps(name if isinstance(name, str) else str(name), ensure_ascii=False)}]"


def _label(value: object) -> str:
    """A row label as it is addressed: ``[3]`` for a whole number, ``["kab-a"]`` for anything else."""
    if isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_):
        return f"[{int(value)}]"
    return _col(value)


class _Frame:
    """One frame being read: its columns, row labels and the problems found so far."""

    def __init__(self, pd: Any, df: Any) -> None:
        self.pd = pd
        self.df = df
        self.n = len(df)
        self.order = {name: i for i, name in enumerate(df.columns) if isinstance(name, str)}
        # a metadata column may be a level of the index (a frame indexed by ``instansi``)
        self.index_levels = {name for name in df.index.names if name in META and name not in self.order}
        self.found: list[tuple[int, int, Problem]] = []  # (row, column position, problem), sorted when raised
        self.untyped: set[int] = set()

    # ---------------------------------------------------------------- addressing

    def label(self, row: int) -> str:
        return _label(self.df.index[row])

    def where(self, column: str) -> int:
        return -1 if column in self.index_levels else self.order.get(column, len(self.order))

    def at(self, row: int, column: str, message: str, code: ProblemCode) -> None:
        self.found.append((row, self.where(column), Problem(f"baris{self.label(row)}{_col(column)}", message, code=code)))

    def column_problem(self, column: object, message: str, code: ProblemCode) -> None:
        where = self.where(column) if isinstance(column, str) else -1
        self.found.append((-1, where, Problem(f"kolom{_col(column)}", message, code=code)))

    def cells(self, column: str, rows: npt.NDArray[np.intp], why: Callable[[int], Why]) -> None:
        """Name the first bad cells of *column*, and count the rest."""
        code: ProblemCode = "invalid"
        for r in rows[:_SHOWN].tolist():
            code, message = why(r)
            self.at(r, column, message, code)
        if rows.size > _SHOWN:
            more = Problem(f"kolom{_col(column)}", f"{rows.size - _SHOWN} more rows have problems like these", code=code)
            self.found.append((self.n, self.where(column), more))

    def raise_found(self) -> None:
        if self.found:
            self.found.sort(key=lambda f: (f[0], f[1]))
            raise ValidationError(p for _, _, p in self.found)

    def has(self, name: str) -> bool:
        return name in self.order or name in self.index_levels

    def get(self, name: str) -> Any:
        """A column, or the index level of that name, as a Series."""
        if name in self.order:
            return self.df[name]
        return self.pd.Series(self.df.index.get_level_values(name), index=self.df.index, name=name)

    # ---------------------------------------------------------------- the layout

    def read(self, rubrik: Rubrik | str | None) -> Kohort:
        from meritsys.scoring import Kohort

        df = self.df
        if not len(df.columns):
            raise ValidationError("the frame is empty: it has no columns", code="empty")
        seen: set[str] = set()
        for name in df.columns:
            if not isinstance(name, str):
                self.column_problem(name, f"column names must be text (metadata names, indicator and gate codes), got {shown(name)}", "type")
            elif name in seen:
                self.column_problem(name, "the column appears more than once", "duplicate-key")
            else:
                seen.add(name)
        self.raise_found()
        if not self.n:
            raise ValidationError("the frame has columns but no rows", code="empty")
        if {"indikator", "level"} <= seen:
            raise ValidationError([Problem('kolom["indikator"]', "the long layout (one row per answer) is read from CSV files; pivot the frame to one row per assessment first", code="shape")])
        r = self.rubric(rubrik)
        answers: dict[int, str] = {}
        gates: list[str] = []
        for name in self.order:
            if name in META:
                continue
            pos = r.posisi.get(name)
            if pos is not None:
                if pos in answers:
                    self.column_problem(name, f"answers indicator {r.indikator[pos].kode}, as the column {answers[pos]!r} does", "duplicate-key")
                else:
                    answers[pos] = name
            elif name in r.gerbang_per_kode:
                gates.append(name)
            else:
                hint = " (the agency's code goes in the column 'instansi')" if name == "kode" else ""
                self.column_problem(name, f"not an indicator or gate of rubrik {r.id}, nor one of the columns {', '.join(META)}{hint}", "unknown-key")
        missing = [c for c in _REQUIRED if not self.has(c)]
        for c in missing:
            self.column_problem(c, "missing: every assessment needs this column", "missing-key")
        if missing:
            self.raise_found()
        cells = self.answers(r, answers)
        meta = self.metadata(gates)
        kohort = None
        try:
            kohort = Kohort.from_arrays(r, cells, **meta)
        except ValidationError as exc:
            for p in exc.problems:
                self.readdress(p)
        self.raise_found()
        assert kohort is not None  # from_arrays either built it or raised the problems just raised
        return kohort

    def readdress(self, p: Problem) -> None:
        """A problem :meth:`Kohort.from_arrays` found (``[row]["1.2"]``, ``kode[row]``, ``gerbang[row]["gate"]``) at the frame's row label and column."""
        message = p.message.replace("; leave it out (-1)", "; leave the cell empty")
        m = _ROW.match(p.path)
        if m is None:  # a whole column: "N more rows have problems like these"
            head = json.loads(p.path[1:-1]) if p.path.startswith('["') else _COLUMN_OF.get(p.path, p.path)
            self.found.append((self.n, self.where(head), Problem(f"kolom{_col(head)}", message, code=p.code)))
            return
        name, row, rest = m.group(1), int(m.group(2)), m.group(3)
        if name is not None and name != "gerbang":
            self.at(row, _COLUMN_OF.get(name, name), message, p.code)
        elif not rest.startswith('["'):
            self.found.append((row, -1, Problem(f"baris{self.label(row)}{rest}", message, code=p.code)))
        elif name is None and row in self.untyped:
            pass  # the row's agency type was refused: its cells were checked against a stand-in
        else:
            self.at(row, json.loads(rest[1 : rest.index('"]') + 1]), message, p.code)

    def rubric(self, rubrik: Rubrik | str | None) -> Rubrik:
        """The rubric given (a ``rubrik`` column must then name it or be empty), or the one every row's ``rubrik`` cell names."""
        from meritsys.rubrics import get_rubrik_or_file  # the edge: a rubric named in the frame

        if rubrik is not None and not isinstance(rubrik, Rubrik | str):
            raise TypeError(f"rubrik must be a Rubrik, a rubric id or None, got {type(rubrik).__name__}")
        if rubrik is None and not self.has("rubrik"):
            raise ValidationError([Problem("kolom", "no rubrik column: name the rubric in a column 'rubrik' or pass it", code="missing-key")])
        if rubrik is None:
            codes, uniques = self.pd.factorize(self.get("rubrik"), use_na_sentinel=True)
            names = list(uniques)
            if len(names) != 1 or not isinstance(names[0], str) or (codes < 0).any():
                listed = ", ".join(sorted({shown(v) for v in names} | ({"an empty cell"} if (codes < 0).any() else set())))
                raise ValidationError([Problem('kolom["rubrik"]', f"the rows name different rubrics or none ({listed}); one frame holds one rubric's assessments", code="ambiguous")])
            return get_rubrik_or_file(names[0])
        r = rubrik if isinstance(rubrik, Rubrik) else get_rubrik_or_file(rubrik)
        if self.has("rubrik"):
            codes, uniques = self.pd.factorize(self.get("rubrik"), use_na_sentinel=True)
            names = list(uniques)
            other = np.asarray([not (isinstance(v, str) and v == r.id) for v in names] + [False], dtype=np.bool_)
            self.cells("rubrik", np.flatnonzero(other[codes]), lambda i: ("wrong-rubric", f"{shown(names[codes[i]])} is not the rubric the frame is read for ({r.id})"))
        return r

    # ---------------------------------------------------------------- answers

    def answers(self, r: Rubrik, columns: dict[int, str]) -> npt.NDArray[np.int8]:
        """The ``(N, K)`` answers: each cell a level, or -2 (missing, and where a cell is refused)."""
        out = np.full((len(r.indikator), self.n), KOSONG, dtype=np.int8)  # filled one indicator at a time
        for pos, name in columns.items():
            ind = r.indikator[pos]
            column, bad, why = answer_levels(self.pd, self.df[name], ind.level_min, ind.level_maks)
            out[pos] = column
            self.cells(name, bad, why)
        return out.T

    # ---------------------------------------------------------------- metadata

    def metadata(self, gates: Sequence[str]) -> dict[str, Any]:
        """The metadata as :meth:`Kohort.from_arrays <meritsys.scoring.Kohort.from_arrays>` takes it: refused cells are reported here and passed on as stand-ins."""
        jenis, refused = self.coded("jenis", _JENIS, None)
        self.untyped.update(refused.tolist())
        out: dict[str, Any] = {
            "kode": self.texts("instansi"),
            "nama": self.texts("nama"),
            "jenis": jenis,
            "tahun": self.years(),
            "tahap": self.coded("tahap", _TAHAP, 0)[0] if self.has("tahap") else Tahap.MANDIRI,
        }
        if self.has("provinsi"):
            out["provinsi"] = objects(self.get("provinsi"))
        for name, default in (("survei", None), ("koreksi", Decimal(0))):
            if self.has(name):
                out[name] = self.decimals(name, default)
        if gates:
            columns = [objects(self.df[g], blank=True) for g in gates]
            out["gerbang"] = [{g: a for g, a in zip(gates, row, strict=True) if a is not None} for row in zip(*columns, strict=True)]
        return out

    def texts(self, name: str) -> npt.NDArray[Any]:
        """A required text column: a numpy ``str_`` array when every cell holds text (checked whole by the cohort), else objects."""
        series = self.get(name)
        if not series.hasnans and self.pd.api.types.infer_dtype(series, skipna=False) == "string":
            text = np.asarray(series.to_numpy(dtype=object), dtype=np.str_)
            if np.array_equal(np.char.str_len(text), series.str.len().to_numpy()):  # numpy drops a trailing NUL
                return text
        return objects(series)

    def by_value(self, name: str, convert: Callable[[Any], Any], refuse_empty: bool) -> tuple[npt.NDArray[np.intp], list[Any], npt.NDArray[np.intp]]:
        """Each distinct value of column *name* converted once (an agency type, a year: a few values for many rows).

        Returns:
            Each row's value as an index into the converted values (-1 for an
            empty cell), the converted values (``None`` where refused), and
            the refused rows (reported here; an empty cell too if *refuse_empty*).
        """
        series = self.get(name)
        try:
            codes, uniques = self.pd.factorize(series, use_na_sentinel=True)
            values = list(uniques)
        except TypeError:  # unhashable values: each cell is its own value
            values = objects(series).tolist()
            codes = np.asarray([-1 if v is None else i for i, v in enumerate(values)], dtype=np.intp)
        converted: list[Any] = []
        messages: list[Why | None] = []
        for v in values:
            try:
                converted.append(convert(v))
                messages.append(None)
            except ValidationError as exc:
                converted.append(None)
                messages.append((exc.problems[0].code, exc.problems[0].message))
        bad = np.asarray([m is not None for m in messages] + [refuse_empty], dtype=np.bool_)
        rows = np.flatnonzero(bad[codes])
        self.cells(name, rows, lambda i: messages[codes[i]] or _EMPTY if codes[i] >= 0 else _EMPTY)
        return np.asarray(codes, dtype=np.intp), converted, rows

    def coded(self, name: str, members: tuple[Any, ...], default: int | None) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.intp]]:
        """An agency-type or stage column as ``int8`` codes (a stand-in 0 where refused), and the refused rows."""
        index = {m.value: i for i, m in enumerate(members)}

        def convert(value: Any) -> int:
            if isinstance(value, str) and value in index:
                return index[value]
            allowed = ", ".join(repr(m.value) for m in members)
            raise ValidationError(f"{shown(value)} is not one of {allowed}", code="not-one-of")

        codes, values, refused = self.by_value(name, convert, default is None)
        table = np.asarray([0 if v is None else v for v in values] + [default or 0], dtype=np.int8)
        return table[codes], refused

    def years(self) -> npt.NDArray[np.int16]:
        """The ``tahun`` column: whole years in 2000..2100 (a stand-in 2000 where refused)."""
        series = self.get("tahun")
        if isinstance(series.dtype, np.dtype) and series.dtype.kind in "iu":
            vals = series.to_numpy()
            out = (vals < 2000) | (vals > 2100)
            self.cells("tahun", np.flatnonzero(out), lambda i: ("out-of-range", f"must lie in 2000..2100, got {int(vals[i])}"))
            return np.where(out, 2000, vals).astype(np.int16)

        def convert(value: Any) -> int:
            year = whole_number(value)
            if year is None:
                raise ValidationError(f"{shown(value)} is not a year", code="not-a-number")
            if not 2000 <= year <= 2100:
                raise ValidationError(f"must lie in 2000..2100, got {year}", code="out-of-range")
            return year

        codes, values, _ = self.by_value("tahun", convert, True)
        return np.asarray([2000 if v is None else v for v in values] + [2000], dtype=np.int16)[codes]

    def decimals(self, name: str, default: Decimal | None) -> npt.NDArray[Any]:
        """A decimal column (``survei``, ``koreksi``), exact: a float by its shortest text; an empty cell is *default*."""

        def convert(value: Any) -> Decimal:
            d = exact_decimal(value)
            if d is None:
                raise ValidationError(f"{shown(value)} is not a number", code="not-a-number")
            return d

        codes, values, _ = self.by_value(name, convert, False)
        table = np.empty(len(values) + 1, dtype=object)
        table[:] = [default if v is None else v for v in values] + [default]
        return table[codes]
