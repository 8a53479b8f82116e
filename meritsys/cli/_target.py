"""``meritsys target DATA``: the national target, the share of agencies rated Baik or Sangat Baik per cycle.

::

    meritsys target DATA [--minimal KATEGORI] [--menurut jenis|provinsi] [--tahun Y ...]
                    [--semesta FILE] [--kebijakan FILE] [--tahap TAHAP] [--rubrik ID]
                    [--format table|json|csv|xlsx] [-o OUT.xlsx]

For each cycle of ``DATA``: the agencies assessed by category, how many are at
or above the lowest category counted (the RPJMN 2020-2024 indicator counts Baik
and Sangat Baik; regime B has none: name a level with ``--minimal``), their
share of the assessed agencies, and the agencies of the universe not assessed
that cycle, listed apart (not assessed is not Buruk).  One table per rubric.

Exit status: 0 success; 1 invalid input (also a regime B cohort without
``--minimal``); 2 wrong usage (a ``--tahun`` DATA holds no results of).
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any, TextIO

from meritsys.cli._common import Usage, write_csv
from meritsys.cli._riwayat import (
    add_common,
    cohorts,
    no_cycle,
    policy_of,
    policy_records,
    semesta_of,
    tahap_of,
    year,
)
from meritsys.cli._rows import Kolom, Record, Tabel
from meritsys.cli._xlsx import check_output

if TYPE_CHECKING:
    from meritsys.analysis import PersentaseNasional
    from meritsys.model import Rubrik
    from meritsys.policy import KebijakanKonsekuensi

__all__ = ["add", "run", "share_table"]

NOT_ASSESSED = "Tidak dinilai (bukan {terendah}; tidak dihitung dalam persentase):"


def add(sub: Any) -> None:
    """Register the command."""
    p = sub.add_parser(
        "target",
        help="the national target: the share of agencies rated Baik or better per cycle, not-assessed agencies apart",
        description="For each cycle: the agencies assessed by category, how many are at or above the lowest category "
        "counted (RPJMN 2020-2024: Baik and Sangat Baik), their share, and the agencies not assessed that cycle, apart.",
    )
    p.add_argument("--minimal", metavar="KATEGORI", action="append", help="the lowest category counted, for the rubric that has it (default: the policy's national target, Baik in the KASN era; required for regime B, e.g. Menengah; repeat for data of several rubrics)")
    p.add_argument("--menurut", choices=("jenis", "provinsi"), help="split by agency type or province (a 'semua' row per cycle gives the total)")
    p.add_argument("--tahun", type=year, action="append", metavar="Y", help="report only this cycle (repeat for several; the universe still comes from every cycle)")
    p.add_argument("--semesta", metavar="FILE", help="the agencies expected in every cycle: a JSON list of {kode, nama, jenis, provinsi}, or TOML [[instansi]] tables (default: every agency DATA names)")
    add_common(p)
    p.set_defaults(func=run)


def _persen(r: Record) -> str:
    return "-" if r["persen"] is None else format(r["persen"], "f")


def share_table(hasil: PersentaseNasional) -> Tabel:
    """One record per cycle and group: universe, assessed, not assessed, at or above the minimum, the share, each category's count."""
    split = hasil.menurut is not None
    kolom = (
        Kolom("rubrik"),
        Kolom("tahun", "tahun"),
        Kolom("kelompok", hasil.menurut if split else None, tampil=lambda r: "(tanpa provinsi)" if r["kelompok"] is None else str(r["kelompok"])),
        Kolom("minimal"),
        Kolom("semesta"),
        Kolom("dinilai", "dinilai", kanan=True),
        Kolom("memenuhi", "memenuhi", kanan=True),
        Kolom("persen", "persen", kanan=True, tampil=_persen),
        *(Kolom(k.label, k.label, kanan=True) for k in hasil.labels),
        Kolom("tidak_dinilai", "tidak dinilai", kanan=True),
    )
    records: list[Record] = [{"rubrik": hasil.rubrik_id, "minimal": hasil.minimal.label, **r} for r in hasil.rows()]
    return Tabel(kolom, records)


def _absent(hasil: PersentaseNasional) -> list[dict[str, Any]]:
    return [{"rubrik": hasil.rubrik_id, "tahun": y, "instansi": kode} for y, codes in zip(hasil.tahun, hasil.tidak_dinilai, strict=True) for kode in codes]


def _stages(hasil: PersentaseNasional) -> str:
    from meritsys.scoring import TAHAP

    totals = hasil.tahap.sum(axis=0)
    return ", ".join(f"{t.value} {int(n)}" for t, n in zip(TAHAP, totals, strict=True) if n) or "-"


def _target_line(hasil: PersentaseNasional, given: KebijakanKonsekuensi | None) -> str:
    from meritsys.policy import get_konsekuensi

    if hasil.kebijakan is None:
        return f"minimal {hasil.minimal.label}: dipilih dengan --minimal"
    policy = given if given is not None and given.id == hasil.kebijakan else get_konsekuensi(hasil.kebijakan)
    rule = policy.sasaran_nasional
    what = f"{rule.nama} " if rule.nama else ""
    return f"minimal {hasil.minimal.label}: {what}({hasil.status}, kebijakan {policy.id}); sumber: {rule.sumber}"


def _rules(results: list[tuple[Rubrik, PersentaseNasional]], given: KebijakanKonsekuensi | None) -> list[dict[str, Any]]:
    from meritsys.policy import get_konsekuensi

    ids = sorted({h.kebijakan for _, h in results if h.kebijakan is not None})
    policies = [given if given is not None and given.id == i else get_konsekuensi(i) for i in ids]
    return policy_records(policies, ("sasaran_nasional",))


def _minimal_for(args: argparse.Namespace, rubrik: Rubrik) -> str | None:
    """The ``--minimal`` value that names one of *rubrik*'s categories (by label or code), or ``None``."""
    names = {n.casefold() for k in rubrik.kategori for n in (k.label, k.kode)}
    mine = [m for m in args.minimal or () if m.strip().casefold() in names]
    if len(mine) > 1:
        raise Usage(f"--minimal {' and '.join(mine)}: name one category of rubrik {rubrik.id}")
    return mine[0] if mine else None


def _check_minimal(args: argparse.Namespace, rubrics: list[Rubrik]) -> None:
    """Every ``--minimal`` names a category of some rubric of DATA."""
    from meritsys.errors import Problem, ValidationError

    for m in args.minimal or ():
        if not any(m.strip().casefold() in {n.casefold() for k in r.kategori for n in (k.label, k.kode)} for r in rubrics):
            known = "; ".join(f"{r.id}: {', '.join(k.label for k in r.kategori)}" for r in rubrics)
            raise ValidationError([Problem("minimal", f"{m!r} is not a category of any rubric in DATA ({known})", code="unknown-category")])


def _share(args: argparse.Namespace, rubrik: Rubrik, kohort: Any, skor: Any, semesta: Any, kebijakan: Any) -> PersentaseNasional:
    from meritsys.analysis import national_share

    present = tuple(sorted({int(t) for t in kohort.tahun}))
    for y in args.tahun or ():
        if y not in present:
            raise no_cycle(y, present)
    return national_share(
        kohort, skor, minimal=_minimal_for(args, rubrik), menurut=args.menurut, semesta=semesta,
        tahap=tahap_of(args), tahun=args.tahun, kebijakan=kebijakan,
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Read the cohort; print the national share per cycle (and group), the agencies not assessed apart."""
    check_output(args)
    kebijakan = policy_of(args)
    semesta = semesta_of(args.semesta)
    scored = cohorts(args)
    _check_minimal(args, [rubrik for rubrik, _, _ in scored])
    results = [(rubrik, _share(args, rubrik, kohort, skor, semesta, kebijakan)) for rubrik, kohort, skor in scored]
    tables = [share_table(h) for _, h in results]
    if args.format == "json":
        payload = [
            {
                "rubrik": h.rubrik_id,
                "minimal": h.minimal.label,
                "kebijakan": h.kebijakan,
                "status": h.status,
                "menurut": h.menurut,
                "baris": t.records(),
                "tidak_dinilai": {str(y): list(codes) for y, codes in zip(h.tahun, h.tidak_dinilai, strict=True)},
            }
            for (_, h), t in zip(results, tables, strict=True)
        ]
        print(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2), file=out)
        return 0
    if args.format == "csv":
        write_csv(Tabel(tables[0].kolom, [r for t in tables for r in t.baris]) if len(tables) == 1 else _merged(tables), args, out)
        return 0
    if args.format == "xlsx":
        from meritsys.cli._xlsx import provenance, write_workbook

        write_workbook(
            args.output,
            [
                ("Persentase", [r for t in tables for r in t.records()]),
                ("Tidak dinilai", [r for _, h in results for r in _absent(h)]),
                ("Kebijakan", _rules(results, kebijakan)),
                ("Provenans", [row for rubrik, _ in results for row in provenance(rubrik, rubrik.strategi)]),
            ],
            out,
        )
        return 0
    for i, ((rubrik, h), table) in enumerate(zip(results, tables, strict=True)):
        if i:
            print("", file=out)
        print(f"Persentase instansi berkategori {h.minimal.label} ke atas, per siklus [{rubrik.id}]", file=out)
        print(table.text(), file=out)
        print("", file=out)
        print(_target_line(h, kebijakan), file=out)
        which = "--tahap" if args.tahap else "yang terakhir per instansi dan siklus"
        print(f"tahap yang dihitung ({which}): {_stages(h)}", file=out)
        print(NOT_ASSESSED.format(terendah=h.labels[0].label), file=out)
        for y, codes in zip(h.tahun, h.tidak_dinilai, strict=True):
            print(f"  {y}: {', '.join(codes) if codes else '-'}", file=out)
    return 0


def _merged(tables: list[Tabel]) -> Tabel:
    """Several rubrics' tables as one CSV: every column of any of them."""
    keys: list[str] = []
    kolom = []
    for t in tables:
        for k in t.kolom:
            if k.kunci not in keys:
                keys.append(k.kunci)
                kolom.append(k)
    return Tabel(tuple(kolom), [r for t in tables for r in t.baris])
