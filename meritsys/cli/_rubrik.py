"""``meritsys rubrik list | show ID``: the known rubrics, and one rubric's structure and provenance."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any, TextIO

from meritsys._numbers import fmt
from meritsys._table import render
from meritsys.cli._common import Usage, resolve_rubrik

if TYPE_CHECKING:
    from meritsys.model import Rubrik

__all__ = ["add", "run", "status_counts"]


def add(sub: Any) -> None:
    """Register the command."""
    p = sub.add_parser("rubrik", help="list the known rubrics or show one")
    p.add_argument("action", choices=("list", "show"))
    p.add_argument("id", nargs="?", metavar="ID")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=run)


def status_counts(rubrik: Rubrik) -> dict[str, int]:
    from meritsys.io import unstructure
    from meritsys.model import Status

    counts = {s.value: 0 for s in Status}

    def visit(obj: Any) -> None:
        if isinstance(obj, dict):
            if set(obj) >= {"nilai", "status"} and obj.get("status") in counts:
                counts[obj["status"]] += 1
            for v in obj.values():
                visit(v)
        elif isinstance(obj, list):
            for v in obj:
                visit(v)

    visit(unstructure(rubrik))
    return counts


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """List the rubrics, or show one."""
    from meritsys.io import unstructure
    from meritsys.model import rubrik_sha256
    from meritsys.rubrics import list_rubrik

    if args.action == "list":
        rubrics = list_rubrik()
        if args.format == "json":
            payload = [
                {"id": r.id, "nama": r.nama, "berlaku_mulai": r.berlaku_mulai.isoformat(),
                 "berlaku_sampai": r.berlaku_sampai.isoformat() if r.berlaku_sampai else None,
                 "strategi": r.strategi, "sha256": rubrik_sha256(r)}
                for r in rubrics
            ]
            print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
        else:
            rows = [[r.id, r.berlaku_mulai.isoformat(), r.berlaku_sampai.isoformat() if r.berlaku_sampai else "-", r.strategi, r.nama] for r in rubrics]
            print(render(["id", "berlaku_mulai", "berlaku_sampai", "strategi", "nama"], rows), file=out)
        return 0
    if args.id is None:
        raise Usage("rubrik show needs an ID")
    rubrik = resolve_rubrik(args.id, args.id)
    if args.format == "json":
        print(json.dumps(unstructure(rubrik), ensure_ascii=False, indent=2), file=out)
        return 0
    lines = [f"{rubrik.nama} [{rubrik.id}]", f"sha256: {rubrik_sha256(rubrik)}"]
    sampai = rubrik.berlaku_sampai.isoformat() if rubrik.berlaku_sampai else "sekarang"
    lines.append(f"berlaku: {rubrik.berlaku_mulai.isoformat()} .. {sampai} ({rubrik.status_berlaku.value}); strategi: {rubrik.strategi}")
    lines.append("rujukan: " + "; ".join(f"{r.kode} ({r.status.value})" for r in rubrik.rujukan))
    counts = status_counts(rubrik)
    lines.append("angka menurut status: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    lines.append("")
    rows = []
    for a in rubrik.aspek:
        if a.bobot is not None:
            w = f"{fmt(a.bobot.nilai)} ({a.bobot.status.value})"
        else:
            w = f"sum {fmt(sum((i.bobot.nilai for i in a.indikator if i.bobot is not None), start=type(rubrik.jumlah_bobot.nilai)(0)))}"
        maks = f"{fmt(a.maksimum.nilai)} ({a.maksimum.status.value})" if a.maksimum else "-"
        rows.append([a.kode, a.nama, str(len(a.indikator)), w, maks])
    lines.append(render(["aspek", "nama", "indikator", "bobot", "maksimum"], rows, right=[2]))
    lines.append("")
    krows = []
    for k in rubrik.kategori:
        bound = k.batas_bawah or k.batas_atas
        krows.append([
            k.kode,
            k.label,
            fmt(k.batas_bawah.nilai) if k.batas_bawah else "-",
            fmt(k.batas_atas.nilai) if k.batas_atas else "-",
            bound.status.value if bound else "-",
        ])
    lines.append(render(["kode", "kategori", "dari", "sampai", "status"], krows))
    lines.append(f"aturan batas: {rubrik.aturan_batas.jenis.value} ({rubrik.aturan_batas.status.value})")
    for note in rubrik.catatan:
        lines.append(f"- {note}")
    print("\n".join(lines), file=out)
    return 0
