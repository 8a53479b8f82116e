"""Batch results (:class:`SkorBatch`): the scores of a cohort as integer multiples of a decimal unit.

Keeping each index as a whole number of its resolution (half points in regime
A, hundredths in regime B) makes the batch path give exactly the values of the
single path, and makes ranks, counts and distances exact.  Every batch result
records which rubric (id, content hash, reforms) produced it.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

import attrs
import numpy as np
import numpy.typing as npt

from meritsys._attrs_methods import fields_repr
from meritsys._numbers import plain
from meritsys.model import KategoriHasil, RubrikRef

if TYPE_CHECKING:
    from meritsys.scoring._kohort import Kohort

__all__ = ["SkorBatch", "round_units"]


@attrs.frozen(eq=False)
class SkorBatch:
    """Scores of a batch: exact index values as integer multiples of :attr:`unit`.

    Args:
        rubrik: The rubric scored against (id, content hash, reforms).
        strategi: The strategy's name.
        unit: The decimal value of one index unit (e.g. ``0.5`` or ``0.01``).
        indeks_unit: ``(N,)`` index values in units.
        kategori: ``(N,)`` band positions into the rubric's categories.
        di_luar_skala: ``(N,)`` whether each index is outside the published scale.
        labels: The category labels, indexed by band position.
        desimal: Fixed decimals the index is reported with (regime B), or
            ``None`` to report it without trailing zeros (regime A).
    """

    __repr__ = fields_repr

    rubrik: RubrikRef
    strategi: str
    unit: Decimal
    indeks_unit: npt.NDArray[np.signedinteger[Any]]
    kategori: npt.NDArray[np.signedinteger[Any]]
    di_luar_skala: npt.NDArray[np.bool_]
    labels: tuple[KategoriHasil, ...]
    desimal: int | None = None

    def __len__(self) -> int:
        return int(self.indeks_unit.shape[0])

    @property
    def rubrik_id(self) -> str:
        """The id of the rubric scored against."""
        return self.rubrik.id

    def indeks(self) -> list[Decimal]:
        """The exact index values as decimals."""
        unit = self.unit
        if self.desimal is not None:
            return [Decimal(int(u)) * unit for u in self.indeks_unit]
        return [plain(Decimal(int(u)) * unit) for u in self.indeks_unit]

    def indeks_float(self) -> npt.NDArray[np.float64]:
        """The index values as floats (for plotting and statistics)."""
        return self.indeks_unit.astype(np.float64) * float(self.unit)

    def to_pandas(self, kohort: Kohort | None = None, *, decimals: Literal["decimal", "float", "string"] = "decimal") -> Any:
        """The results as a pandas ``DataFrame``, one row per assessment.

        Columns: the agency's ``instansi``, ``nama``, ``jenis``, ``provinsi``,
        ``tahun`` and ``tahap`` when *kohort* is given (results carry no agency
        columns of their own), then ``rubrik``, ``strategi``, ``indeks``,
        ``kategori_kode`` and ``kategori`` (ordered categoricals, from the lowest
        band to the highest) and ``di_luar_skala``.  Needs the extra
        ``meritsys[pandas]``.

        Args:
            kohort: The cohort these results were scored from, for its agency columns.
            decimals: The index as ``"decimal"`` (:class:`~decimal.Decimal`
                objects, exact: the default), ``"float"`` (``float64``) or
                ``"string"`` (the text JSON holds).

        Raises:
            ValidationError: for a cohort of another length or rubric.

        Examples:
            >>> import meritsys
            >>> kasn = meritsys.get_rubrik("kasn-2019")
            >>> kohort = meritsys.Kohort.read("examples/data/kohort-kasn-2023.json", kasn)
            >>> df = kohort.score(kasn).to_pandas(kohort)
            >>> df.loc[0, ["instansi", "tahap", "indeks", "kategori"]].tolist()
            ['kab-sukamaju', 'penetapan', Decimal('286.5'), 'Baik']
            >>> list(df.kategori.cat.categories)
            ['Buruk', 'Kurang', 'Baik', 'Sangat Baik']
            >>> int((df.kategori >= "Baik").sum()), df.indeks.sum()
            (8, Decimal('3011.0'))
        """
        from meritsys.io._pandas_write import skor_to_pandas  # the edge: pandas only when asked for

        return skor_to_pandas(self, kohort, decimals=decimals)

    def kategori_label(self) -> list[str]:
        """The category label of each row."""
        labels = [k.label for k in self.labels]
        return [labels[i] for i in self.kategori]


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
