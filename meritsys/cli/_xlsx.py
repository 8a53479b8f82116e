"""Results as an Excel workbook (``--format xlsx -o OUT.xlsx``): one sheet per table, and a provenance sheet.

A command hands over its records (the same typed values its table, CSV and JSON
outputs show) as named sheets.  A decimal is written as a number when a
spreadsheet's binary number holds it exactly as computed (``250.5``,
``0.9375``), shown with the digits it has; otherwise as text, so nothing
computed exactly is silently rounded.  The provenance sheet says what produced
the numbers: the rubric (id, hash, reforms), the strategy, the meritsys
version, and how many of the rubric's numbers are official (``resmi``),
secondary (``sekunder``) or reference values (``acuan``).
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO

from meritsys.cli._common import Usage

if TYPE_CHECKING:
    from meritsys.model import Rubrik

__all__ = ["Sheet", "add_output_option", "check_output", "flatten", "pairs", "provenance", "write_workbook"]

Sheet = tuple[str, Sequence[Mapping[str, Any]]]
"""A sheet: its name and its records (column key to value; the header is the keys of the first records)."""


def add_output_option(p: Any) -> None:
    """``-o OUT.xlsx``: where ``--format xlsx`` writes the workbook."""
    p.add_argument("-o", "--output", metavar="OUT.xlsx", help="the workbook --format xlsx writes")


def check_output(args: argparse.Namespace) -> None:
    """``--format xlsx`` needs ``-o OUT.xlsx``; ``-o`` is for a workbook only (redirect the other formats)."""
    if args.format == "xlsx":
        if not args.output:
            raise Usage("--format xlsx writes a workbook: name it with -o OUT.xlsx")
        if not args.output.lower().endswith(".xlsx"):
            raise Usage(f"-o {args.output}: name the workbook *.xlsx")
    elif args.output:
        raise Usage(f"-o is for --format xlsx; redirect --format {args.format} instead (> FILE)")


def provenance(rubrik: Rubrik, strategi: str, **more: Any) -> list[dict[str, Any]]:
    """The provenance records of results made under *rubrik* with *strategi*."""
    from meritsys._version import __version__
    from meritsys.cli._rubrik import status_counts
    from meritsys.model import rubrik_sha256

    rows: list[tuple[str, Any]] = [
        ("rubrik", rubrik.id),
        ("nama_rubrik", rubrik.nama),
        ("sha256", rubrik_sha256(rubrik)),
        ("reform", "+".join(rubrik.reform) or None),
        ("strategi", strategi),
        ("rujukan", "; ".join(f"{r.kode} ({r.status.value})" for r in rubrik.rujukan)),
        ("status_berlaku", rubrik.status_berlaku.value),
        *((f"angka_{status}", count) for status, count in status_counts(rubrik).items()),
        *more.items(),
        ("meritsys", __version__),
    ]
    return [{"kunci": k, "nilai": v} for k, v in rows]


def flatten(record: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """A nested record as one row: ``{"indeks": {"rerata": 1}}`` becomes ``{"indeks_rerata": 1}``."""
    out: dict[str, Any] = {}
    for k, v in record.items():
        if isinstance(v, Mapping):
            out.update(flatten(v, f"{prefix}{k}_"))
        else:
            out[f"{prefix}{k}"] = v
    return out


def pairs(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A record as key/value rows (a summary sheet)."""
    return [{"kunci": k, "nilai": v} for k, v in flatten(record).items()]


def write_workbook(path: str, sheets: Sequence[Sheet], out: TextIO) -> None:
    """Write *sheets* to the workbook at *path* (openpyxl, extra ``meritsys[excel]``); say so on *out*."""
    from meritsys.io._excel_common import openpyxl

    xl = openpyxl()
    wb = xl.Workbook(write_only=True)
    bold = xl.styles.Font(bold=True)
    for name, records in sheets:
        ws = wb.create_sheet(name[:31])
        keys: list[str] = []
        for r in records:
            keys.extend(k for k in r if k not in keys)
        header = []
        for k in keys:
            cell = xl.cell.WriteOnlyCell(ws, value=k)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        for r in records:
            ws.append([_cell(xl, ws, r.get(k)) for k in keys])
        ws.freeze_panes = "A2"
        for i, k in enumerate(keys, start=1):
            longest = max([len(k), *(len(_shown(r.get(k))) for r in records[:200])])
            ws.column_dimensions[xl.utils.get_column_letter(i)].width = min(60, max(8, longest + 2))
    wb.save(path)
    print(f"wrote {path}: sheets {', '.join(name for name, _ in sheets)}", file=out)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _cell(xl: Any, ws: Any, value: Any) -> Any:
    if isinstance(value, Decimal):
        as_float = float(value)
        if value.is_finite() and Decimal(repr(as_float)) == value:
            cell = xl.cell.WriteOnlyCell(ws, value=as_float)
            places = -int(value.as_tuple().exponent)
            cell.number_format = "0" if places <= 0 else "0." + "0" * places
            return cell
        return format(value, "f")  # more digits than a spreadsheet number holds: kept exact, as text
    if isinstance(value, list | tuple):
        return "; ".join(_shown(v) for v in value)
    return value
