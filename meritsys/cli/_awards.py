"""``meritsys awards DATA``: the award list of a cycle, and who may fill JPT posts through talent management.

::

    meritsys awards DATA [--tahun Y] [--semua] [--jpt-minimal KATEGORI] [--kebijakan FILE]
                    [--tahap TAHAP] [--rubrik ID] [--format table|json|csv|xlsx] [-o OUT.xlsx]

Each agency's result of the cycle (the latest stage present, or ``--tahap``)
is judged by the consequence policy of its cycle: the *Anugerah Meritokrasi*
(``anugerah``) and the JPT exemption (``jpt``), each ``ya``, ``tidak`` or
``tidak diketahui`` where the policy does not know the rule (regime B).  The
table lists the recipients (and the unknown); ``--semua`` lists every agency.

Exit status: 0 success; 1 invalid input; 2 wrong usage (a ``--tahun`` DATA holds no results of).
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
    no_cycle,
    policy_of,
    policy_records,
    riwayat_of,
    tahap_of,
    year,
)
from meritsys.cli._rows import Kolom, Record, Tabel
from meritsys.cli._xlsx import check_output

if TYPE_CHECKING:
    from meritsys.policy import KebijakanKonsekuensi, Kelayakan

__all__ = ["add", "awards_table", "run"]


def add(sub: Any) -> None:
    """Register the command."""
    p = sub.add_parser(
        "awards",
        help="the award list (Anugerah Meritokrasi) of a cycle, and who may fill JPT posts through talent management",
        description="Judge each agency's result by the consequence policy of its cycle: the Anugerah Meritokrasi "
        "(KASN era: Baik and Sangat Baik) and filling JPT posts through talent management (default Sangat Baik).",
    )
    p.add_argument("--tahun", type=year, metavar="Y", help="only this cycle (default: every cycle in DATA)")
    p.add_argument("--semua", action="store_true", help="list every agency, not only the award recipients")
    p.add_argument("--jpt-minimal", metavar="KATEGORI", help="the lowest category for the JPT exemption instead of the policy's (e.g. Baik, which one older source gives)")
    add_common(p)
    p.set_defaults(func=run)


def awards_table(award: Sequence[Kelayakan], jpt: Sequence[Kelayakan]) -> Tabel:
    """One record per agency and cycle: its result, the award and the JPT exemption."""
    exemption = {(k.instansi.kode, k.tahun): k for k in jpt}
    kolom = (
        Kolom("instansi", "instansi"),
        Kolom("nama"),
        Kolom("jenis", "jenis"),
        Kolom("provinsi"),
        Kolom("tahun", "tahun"),
        Kolom("tahap", "tahap"),
        Kolom("rubrik"),
        Kolom("indeks", "indeks", kanan=True),
        Kolom("kategori", "kategori"),
        Kolom("anugerah", "anugerah", tampil=lambda r: YA_TIDAK[r["anugerah"]]),
        Kolom("jpt", "jpt", tampil=lambda r: YA_TIDAK[r["jpt"]]),
        Kolom("kebijakan"),
    )
    records: list[Record] = []
    for k in award:
        j = exemption[k.instansi.kode, k.tahun]
        records.append(
            {
                "instansi": k.instansi.kode,
                "nama": k.instansi.nama,
                "jenis": k.instansi.jenis.value,
                "provinsi": k.instansi.provinsi,
                "tahun": k.tahun,
                "tahap": k.tahap.value,
                "rubrik": k.rubrik,
                "indeks": k.indeks,
                "kategori": k.kategori.label,
                "anugerah": k.layak,
                "jpt": j.layak,
                "kebijakan": k.kebijakan,
            }
        )
    return Tabel(kolom, records)


def _policies(rows: Sequence[Kelayakan], given: KebijakanKonsekuensi | None) -> list[KebijakanKonsekuensi]:
    from meritsys.policy import get_konsekuensi

    ids = sorted({k.kebijakan for k in rows})
    return [given if given is not None and given.id == i else get_konsekuensi(i) for i in ids]


def _rule_lines(policies: list[KebijakanKonsekuensi], jpt_minimal: str | None) -> list[str]:
    lines = []
    for k in policies:
        for name, what in (("penghargaan", "anugerah"), ("pengecualian_jpt", "jpt")):
            rule = getattr(k, name)
            minimal = jpt_minimal if what == "jpt" and jpt_minimal else rule.kategori_minimal
            if minimal is None:
                value = "tidak diketahui"
            elif what == "jpt" and jpt_minimal:
                value = f"kategori minimal {minimal} (dipilih dengan --jpt-minimal)"
            else:
                value = f"kategori minimal {minimal} ({rule.status.value.replace('_', ' ')})"
            lines.append(f"{what} [{k.id}, {k.cycles()}]: {value}; sumber: {rule.sumber}")
            if what == "jpt" and rule.syarat_lain:
                lines.append(f"  syarat lain (tidak diperiksa meritsys): {'; '.join(rule.syarat_lain)}")
    return lines


def _count(rows: Sequence[Record], key: str) -> str:
    if any(r[key] is None for r in rows):
        known = [r for r in rows if r[key] is not None]
        return "tidak diketahui" if not known else f"{sum(1 for r in known if r[key])} dari {len(known)} instansi, {len(rows) - len(known)} tidak diketahui"
    return f"{sum(1 for r in rows if r[key])} dari {len(rows)} instansi"


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Read the results; print the award list and the JPT exemption of the cycle."""
    from meritsys.policy import award_list, jpt_exemption

    check_output(args)
    kebijakan = policy_of(args)
    riwayat = riwayat_of(cohorts(args))
    if args.tahun is not None and args.tahun not in riwayat.tahun():
        raise no_cycle(args.tahun, riwayat.tahun())
    options = {"tahun": args.tahun, "kebijakan": kebijakan, "tahap": tahap_of(args)}
    award = award_list(riwayat, **options)
    jpt = jpt_exemption(riwayat, minimal=args.jpt_minimal, **options)
    full = awards_table(award, jpt)
    policies = _policies(award, kebijakan)
    rules = policy_records(policies, ("penghargaan", "pengecualian_jpt"))
    if args.format == "json":
        print(json.dumps({"penghargaan": full.records(), "kebijakan": rules}, ensure_ascii=False, indent=2), file=out)
        return 0
    if args.format == "csv":
        write_csv(full, args, out)
        return 0
    if args.format == "xlsx":
        from meritsys.cli._xlsx import write_workbook

        write_workbook(args.output, [("Penghargaan", full.records()), ("Kebijakan", rules)], out)
        return 0
    shown = full if args.semua else Tabel(full.kolom, [r for r in full.baris if r["anugerah"] is not False])
    for y in sorted({int(r["tahun"]) for r in full.baris}):
        of_year = [r for r in full.baris if r["tahun"] == y]
        print(f"siklus {y}: Anugerah Meritokrasi {_count(of_year, 'anugerah')}; JPT melalui manajemen talenta {_count(of_year, 'jpt')}", file=out)
    if shown.baris:
        print(shown.text(), file=out)
    print("", file=out)
    for line in _rule_lines(policies, args.jpt_minimal):
        print(line, file=out)
    return 0
