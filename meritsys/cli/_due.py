"""``meritsys due DATA --tahun Y``: which agencies are due for assessment in cycle Y, given their history.

::

    meritsys due DATA --tahun Y [--kebijakan FILE] [--tahap TAHAP] [--semesta FILE]
                 [--rubrik ID] [--format table|json|csv|xlsx] [-o OUT.xlsx]

``DATA`` holds the agencies' results of earlier cycles.  Each agency of the
universe (by default every agency ``DATA`` names, in any cycle) is due when
its last result is at least the cadence's interval old; the answer is ``ya``,
``tidak`` or ``tidak diketahui`` where the cadence is unknown (regime B).

Exit status: 0 success; 1 invalid input; 2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from meritsys.cli._common import write_csv
from meritsys.cli._riwayat import (
    YA_TIDAK,
    add_common,
    cohorts,
    policy_of,
    policy_records,
    riwayat_of,
    semesta_of,
    tahap_of,
    year,
)
from meritsys.cli._rows import Kolom, Record, Tabel
from meritsys.cli._xlsx import check_output

if TYPE_CHECKING:
    from meritsys.policy import Jadwal, KebijakanKonsekuensi

__all__ = ["add", "run", "schedule_table"]

ACUAN = "* selang acuan: sumber hanya menyebut Sangat Baik (2 tahun) dan Baik (setiap tahun)"


def add(sub: Any) -> None:
    """Register the command."""
    p = sub.add_parser(
        "due",
        help="which agencies are due for assessment in a cycle, given their history (the re-assessment cadence)",
        description="List, for every agency of the history, whether it is due for assessment in cycle --tahun: "
        "its last result is at least the cadence's interval old (KASN era: Sangat Baik every 2 years, Baik and below every year).",
    )
    p.add_argument("--tahun", type=year, required=True, metavar="Y", help="the cycle asked about")
    p.add_argument("--semesta", metavar="FILE", help="the agencies to answer for: a JSON list of {kode, nama, jenis, provinsi}, or TOML [[instansi]] tables (default: every agency DATA names)")
    add_common(p)
    p.set_defaults(func=run)


def _selang(r: Record) -> str:
    if r["selang"] is None:
        return "-"
    return f"{r['selang']}{'*' if r['status_selang'] == 'acuan' else ''}"


def _next(r: Record) -> str:
    if r["tahun_berikut"] is None:
        return "-"
    return f"{r['tahun_berikut']}{' (terlewat)' if r['tahun_berikut'] < r['tahun'] else ''}"


def schedule_table(rows: Sequence[Jadwal]) -> Tabel:
    """One record per agency: its last result, the interval, the next cycle it is due in, and whether it is due.

    Where the history holds results of the cycle itself (a look back), the
    table also shows whether each agency was assessed in it.
    """
    look_back = any(j.dinilai for j in rows)
    kolom = (
        Kolom("instansi", "instansi"),
        Kolom("nama"),
        Kolom("jenis", "jenis"),
        Kolom("provinsi"),
        Kolom("tahun"),
        Kolom("tahun_terakhir", "terakhir", kanan=True, tampil=lambda r: "-" if r["tahun_terakhir"] is None else str(r["tahun_terakhir"])),
        Kolom("tahap_terakhir", "tahap", tampil=lambda r: r["tahap_terakhir"] or "-"),
        Kolom("kategori_terakhir", "kategori", tampil=lambda r: r["kategori_terakhir"] or "-"),
        Kolom("selang", "selang", kanan=True, tampil=_selang),
        Kolom("status_selang"),
        Kolom("tahun_berikut", "berikutnya", tampil=_next),
        Kolom("jatuh_tempo", "jatuh tempo", tampil=lambda r: YA_TIDAK[r["jatuh_tempo"]]),
        Kolom("dinilai", f"dinilai {rows[0].tahun}" if look_back else None, tampil=lambda r: YA_TIDAK[r["dinilai"]]),
        Kolom("kebijakan"),
        Kolom("status"),
        Kolom("alasan"),
    )
    records: list[Record] = [
        {
            "instansi": j.instansi.kode,
            "nama": j.instansi.nama,
            "jenis": j.instansi.jenis.value,
            "provinsi": j.instansi.provinsi,
            "tahun": j.tahun,
            "tahun_terakhir": j.tahun_terakhir,
            "tahap_terakhir": None if j.tahap_terakhir is None else j.tahap_terakhir.value,
            "kategori_terakhir": None if j.kategori_terakhir is None else j.kategori_terakhir.label,
            "selang": None if j.selang is None else int(j.selang.nilai),
            "status_selang": None if j.selang is None else j.selang.status.value,
            "tahun_berikut": j.tahun_berikut,
            "jatuh_tempo": j.jatuh_tempo,
            "dinilai": j.dinilai,
            "kebijakan": j.kebijakan,
            "status": j.status.value,
            "alasan": j.alasan(),
        }
        for j in rows
    ]
    return Tabel(kolom, records)


def _used(rows: Sequence[Jadwal], given: KebijakanKonsekuensi | None) -> list[KebijakanKonsekuensi]:
    from meritsys.policy import get_konsekuensi

    ids = sorted({j.kebijakan for j in rows})
    return [given if given is not None and given.id == i else get_konsekuensi(i) for i in ids]


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Read the history; print each agency's schedule for the cycle."""
    from meritsys.policy import due_for_assessment

    check_output(args)
    kebijakan = policy_of(args)
    semesta = semesta_of(args.semesta)
    riwayat = riwayat_of(cohorts(args))
    rows = due_for_assessment(riwayat, args.tahun, kebijakan, semesta=semesta, tahap=tahap_of(args))
    table = schedule_table(rows)
    policies = _used(rows, kebijakan)
    rules = policy_records(policies, ("siklus",))
    if args.format == "json":
        print(json.dumps({"tahun": args.tahun, "jadwal": table.records(), "kebijakan": rules}, ensure_ascii=False, indent=2), file=out)
        return 0
    if args.format == "csv":
        write_csv(table, args, out)
        return 0
    if args.format == "xlsx":
        from meritsys.cli._xlsx import write_workbook

        write_workbook(args.output, [("Jadwal", table.records()), ("Kebijakan", rules)], out)
        return 0
    due = sum(1 for j in rows if j.jatuh_tempo)
    not_due = sum(1 for j in rows if j.jatuh_tempo is False)
    unknown = sum(1 for j in rows if j.jatuh_tempo is None)
    print(f"Jadwal penilaian siklus {args.tahun} ({len(rows)} instansi)", file=out)
    print(table.text(), file=out)
    print("", file=out)
    print(f"jatuh tempo {due}, tidak {not_due}, tidak diketahui {unknown}", file=out)
    if any(j.tahun_berikut is not None and j.tahun_berikut < j.tahun and j.jatuh_tempo for j in rows):
        print("(terlewat): jatuh tempo pada siklus itu, tanpa hasil dalam data sejak itu; tetap jatuh tempo", file=out)
    if any(j.selang is not None and j.selang.status.value == "acuan" for j in rows):
        print(ACUAN, file=out)
    for r in rules:
        print(f"kebijakan {r['kebijakan']} ({r['siklus']}): siklus penilaian {r['status'].replace('_', ' ')}; sumber: {r['sumber']}", file=out)
    return 0
