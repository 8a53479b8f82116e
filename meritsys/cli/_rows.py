"""The one row model of the command line: records that the table, CSV and JSON outputs all render.

A command builds its output once, as a :class:`Tabel` of records (a mapping of
column key to a typed value: ``Decimal``, ``int``, ``bool``, ``str`` or
``None``), and each output format renders the same records: the table shows
the columns that have a title (Indonesian), CSV writes every column under its
key, JSON writes every record with decimals as strings.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys._table import render

__all__ = ["Kolom", "Tabel", "text_of"]

Record = Mapping[str, Any]


def text_of(value: Any) -> str:
    """A cell as text: decimals in plain notation (as computed, trailing zeros kept), booleans lower-case, ``None`` empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _json_of(value: Any) -> Any:
    return format(value, "f") if isinstance(value, Decimal) else value


@attrs.frozen
class Kolom:
    """One column.

    Args:
        kunci: The record key; the CSV header and the JSON key.
        judul: The table header, or ``None`` to leave the column out of the table.
        kanan: Align right in the table.
        tampil: How the table shows the record (default: the value as text).
        csv: Whether CSV (and JSON) carry the column.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    kunci: str
    judul: str | None = None
    kanan: bool = False
    tampil: Callable[[Record], str] | None = None
    csv: bool = True


@attrs.frozen
class Tabel:
    """Records and the columns that show them."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    kolom: tuple[Kolom, ...]
    baris: Sequence[Record]

    def text(self) -> str:
        """The table people read: titled columns, aligned."""
        shown = [k for k in self.kolom if k.judul is not None]
        rows = [[k.tampil(r) if k.tampil is not None else text_of(r.get(k.kunci)) for k in shown] for r in self.baris]
        return render([k.judul or "" for k in shown], rows, right=[i for i, k in enumerate(shown) if k.kanan])

    def csv(self, *, sep: str = ",", decimal_comma: bool = False) -> str:
        """CSV of every column (header: the keys); with *decimal_comma* decimals are written ``250,5``."""
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=sep, lineterminator="\n")
        cols = [k for k in self.kolom if k.csv]
        writer.writerow([k.kunci for k in cols])
        for r in self.baris:
            cells = []
            for k in cols:
                v = r.get(k.kunci)
                text = text_of(v)
                cells.append(text.replace(".", ",") if decimal_comma and isinstance(v, Decimal) else text)
            writer.writerow(cells)
        return buf.getvalue()

    def records(self) -> list[dict[str, Any]]:
        """The records as JSON-ready data (decimals as strings)."""
        cols = [k.kunci for k in self.kolom if k.csv]
        return [{c: _json_of(r.get(c)) for c in cols} for r in self.baris]
