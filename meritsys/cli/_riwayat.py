"""What the consequence commands (``due``, ``awards``, ``target``) share: reading a history, the policy and the universe.

A history file holds assessments of several cycles (JSON, CSV or Excel, as
``meritsys score`` reads them).  They are scored on the batch path, one cohort
per rubric, and become one :class:`~meritsys.policy.Riwayat`.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from meritsys.cli._common import Usage, add_csv_options, add_input_options
from meritsys.cli._xlsx import add_output_option

if TYPE_CHECKING:
    from meritsys.model import Instansi, Rubrik
    from meritsys.policy import KebijakanKonsekuensi, Riwayat
    from meritsys.scoring import Kohort, SkorBatch

__all__ = [
    "YA_TIDAK",
    "add_common",
    "cohorts",
    "policy_of",
    "policy_records",
    "riwayat_of",
    "semesta_of",
    "tahap_of",
    "year",
]

YA_TIDAK = {True: "ya", False: "tidak", None: "tidak diketahui"}
"""How the tables show a yes/no/unknown answer."""


def year(text: str) -> int:
    """``--tahun``: a cycle year, 2000..2100."""
    if not (text.isascii() and text.isdigit() and len(text) == 4) or not 2000 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"expected a cycle year 2000..2100, got {text!r}")
    return int(text)


def add_common(p: Any, *, formats: tuple[str, ...] = ("table", "json", "csv", "xlsx")) -> None:
    """DATA, ``--rubrik``, ``--tahap``, ``--kebijakan``, ``--format`` and the output options every consequence command takes."""
    from meritsys.model import Tahap

    p.add_argument("data", metavar="DATA", help="assessments of one or more cycles: JSON, CSV or Excel (as `meritsys score` reads them); '-' reads standard input")
    p.add_argument("--rubrik", metavar="ID", help="rubric id or rubric file (default: each assessment's own)")
    p.add_argument("--tahap", choices=[t.value for t in Tahap], help="use only results of this stage (default: the latest stage of each agency and cycle, penetapan first)")
    p.add_argument("--kebijakan", metavar="FILE", help="your own consequence policy file (TOML/JSON), or a shipped policy id (default: the shipped policy of each cycle)")
    p.add_argument("--format", choices=formats, default="table")
    add_output_option(p)
    add_input_options(p)
    add_csv_options(p)


def tahap_of(args: argparse.Namespace) -> Any:
    """The stage ``--tahap`` names, or ``None``."""
    from meritsys.model import Tahap

    return None if args.tahap is None else Tahap(args.tahap)


def policy_of(args: argparse.Namespace) -> KebijakanKonsekuensi | None:
    """The policy ``--kebijakan`` names (a file or a shipped id), or ``None`` for the shipped one of each cycle."""
    from meritsys.policy._konsekuensi_data import get_konsekuensi_or_file

    return None if args.kebijakan is None else get_konsekuensi_or_file(args.kebijakan)


def cohorts(args: argparse.Namespace) -> list[tuple[Rubrik, Kohort, SkorBatch]]:
    """The assessments of DATA as one scored cohort per rubric, in the order the rubrics first appear.

    Raises:
        ValidationError: every problem of the file, or of scoring it.
    """
    from meritsys.cli._common import read_items, resolve_rubrik
    from meritsys.errors import Problem, RubricNotFoundError, ValidationError
    from meritsys.model import Penilaian
    from meritsys.scoring import Kohort

    items, _, problems = read_items(args.data, None, args)
    if problems:
        raise ValidationError(problems)
    groups: dict[str, list[Penilaian]] = {}
    for p in items:
        if p is not None:
            groups.setdefault(args.rubrik or p.rubrik, []).append(p)
    out = []
    for rid, group in groups.items():
        try:
            rubrik = resolve_rubrik(rid, rid)
        except RubricNotFoundError as exc:
            raise ValidationError([Problem("rubrik", str(exc), code="unknown-rubric")]) from None
        kohort = Kohort.from_penilaian(rubrik, group)
        out.append((rubrik, kohort, kohort.score(rubrik)))
    return out


def riwayat_of(scored: list[tuple[Rubrik, Kohort, SkorBatch]]) -> Riwayat:
    """One history of every cohort."""
    from meritsys.policy import Riwayat

    total = Riwayat(())
    for _, kohort, skor in scored:
        total = total + Riwayat.from_kohort(kohort, skor)
    return total


def semesta_of(path: str | None) -> list[Instansi] | None:
    """The universe ``--semesta FILE`` lists: a JSON or TOML list of agencies (``kode``, ``nama``, ``jenis``, ``provinsi``).

    Raises:
        ValidationError: for a file that cannot be read or is not a list of agencies.
    """
    if path is None:
        return None
    from meritsys.errors import ValidationError
    from meritsys.io._json import structure_each
    from meritsys.io._reader import read_document
    from meritsys.model import Instansi

    data = read_document(path)
    if isinstance(data, dict) and set(data) == {"instansi"}:  # TOML cannot hold a bare list: [[instansi]] tables
        data = data["instansi"]
    if not isinstance(data, list) or not data:
        raise ValidationError(f"{path}: a universe is a non-empty list of agencies ({{kode, nama, jenis, provinsi}})", code="empty")
    return list(structure_each(data, Instansi))


def policy_records(policies: list[KebijakanKonsekuensi], rules: tuple[str, ...]) -> list[dict[str, Any]]:
    """The rules *rules* of each policy as flat records (``kebijakan``, ``siklus``, ``aturan``, ``nilai``, ``status``, ``sumber``, ...)."""
    out = []
    for k in policies:
        for r in k.rules():
            if r["aturan"] in rules:
                out.append({"kebijakan": k.id, "siklus": k.cycles(), **r})
    return out


def no_cycle(tahun: int, present: tuple[int, ...]) -> Usage:
    """The error for a ``--tahun`` the data has no result of (wrong usage of the data at hand)."""
    return Usage(f"--tahun {tahun}: DATA holds no results of that cycle (its cycles: {', '.join(map(str, present)) or 'none'})")
