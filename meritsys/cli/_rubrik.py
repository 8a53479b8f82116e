"""``meritsys rubrik list | show ID``: the known rubrics, and one rubric's structure and provenance."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any, TextIO

from meritsys._numbers import fmt
from meritsys._table import render
from meritsys.cli._common import Usage, resolve_rubrik

if TYPE_CHECKING:
    from meritsys.model import Angka, AturanKoreksi, Indikator, Rubrik

__all__ = ["add", "run", "status_counts"]


def add(sub: Any) -> None:
    """Register the command."""
    p = sub.add_parser("rubrik", help="list the known rubrics or show one")
    p.add_argument("action", choices=("list", "show"))
    p.add_argument("id", nargs="?", metavar="ID")
    p.add_argument("--indikator", metavar="KODE", help="show one indicator in full: its levels, condition and evidence hint")
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
                {"id": r.id, "indeks": r.indeks, "nama": r.nama, "berlaku_mulai": r.berlaku_mulai.isoformat(),
                 "berlaku_sampai": r.berlaku_sampai.isoformat() if r.berlaku_sampai else None,
                 "strategi": r.strategi, "sha256": rubrik_sha256(r)}
                for r in rubrics
            ]
            print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
        else:
            rows = [[r.id, r.indeks, r.berlaku_mulai.isoformat(), r.berlaku_sampai.isoformat() if r.berlaku_sampai else "-", r.strategi, r.nama] for r in rubrics]
            print(render(["id", "indeks", "berlaku_mulai", "berlaku_sampai", "strategi", "nama"], rows), file=out)
        return 0
    if args.id is None:
        raise Usage("rubrik show needs an ID")
    rubrik = resolve_rubrik(args.id, args.id)
    if args.indikator is not None:
        return _show_indicator(rubrik, args, out)
    if args.format == "json":
        print(json.dumps(unstructure(rubrik), ensure_ascii=False, indent=2), file=out)
        return 0
    lines = [f"{rubrik.nama} [{rubrik.id}]", f"sha256: {rubrik_sha256(rubrik)}"]
    sampai = rubrik.berlaku_sampai.isoformat() if rubrik.berlaku_sampai else "sekarang"
    lines.append(f"berlaku: {rubrik.berlaku_mulai.isoformat()} .. {sampai} ({rubrik.status_berlaku.value}); strategi: {rubrik.strategi}")
    lines.append(f"indeks: {rubrik.indeks}; {_scale(rubrik)}")
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
    komp = rubrik.komposisi
    if komp is not None:
        lines.append(f"komposisi: aspek x {_angka(komp.bobot_maturitas)} + survei x {_angka(komp.bobot_survei)} + koreksi")
        if komp.koreksi is not None:
            lines.append(_koreksi(komp.koreksi))
    for note in rubrik.catatan:
        lines.append(f"- {note}")
    lines.append("")
    irows = []
    for a in rubrik.aspek:
        for i in a.indikator:
            w = f"{fmt(i.bobot.nilai)} ({i.bobot.status.value})" if i.bobot is not None else "-"
            irows.append([i.kode, a.kode, _short(i.nama), w, f"{i.level_min}..{i.level_maks}", _condition(i) or "-"])
    lines.append(render(["indikator", "aspek", "nama", "bobot", "level", "berlaku jika"], irows))
    lines.append(f"(satu indikator lengkap: meritsys rubrik show {rubrik.id} --indikator KODE)")
    print("\n".join(lines), file=out)
    return 0


def _angka(a: Angka | None) -> str:
    return "-" if a is None else f"{fmt(a.nilai)} ({a.status.value})"


def _scale(rubrik: Rubrik) -> str:
    """The scale and its rounding, each number with its status."""
    sk = rubrik.skala
    text = f"skala {_angka(sk.minimum)} .. {'tanpa maksimum' if sk.maksimum is None else _angka(sk.maksimum)}"
    return text if sk.desimal is None else f"{text}, {_angka(sk.desimal)} desimal"


def _koreksi(rule: AturanKoreksi) -> str:
    """The declared correction: what it stands for and its bounds, with their status."""
    return f"koreksi: {rule.nama}, dari {_angka(rule.minimum)} sampai {_angka(rule.maksimum)}"


def _short(text: str, width: int = 56) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _condition(ind: Indikator) -> str | None:
    cond = ind.berlaku_jika
    if cond is None:
        return None
    parts = []
    if cond.gerbang is not None:
        parts.append(f"{cond.gerbang} = {'/'.join(cond.jawaban)}")
    if cond.jenis:
        parts.append(", ".join(j.value for j in cond.jenis))
    return "; ".join(parts)


def _show_indicator(rubrik: Rubrik, args: argparse.Namespace, out: TextIO) -> int:
    """One indicator in full (text), or as it stands in the rubric (JSON)."""
    from meritsys.errors import ValidationError
    from meritsys.io import unstructure

    code = args.indikator
    if code not in rubrik.posisi:
        raise ValidationError(f"{code!r} is not an indicator of rubrik {rubrik.id}; `meritsys rubrik show {rubrik.id}` lists them", code="unknown-indicator")
    ind = rubrik.indicator(code)
    aspek = next(a for a in rubrik.aspek if ind in a.indikator)
    if args.format == "json":
        print(json.dumps(unstructure(ind), ensure_ascii=False, indent=2), file=out)
        return 0
    lines = [f"{ind.kode}  {ind.nama}", f"aspek {aspek.kode}: {aspek.nama}"]
    if ind.subaspek:
        lines.append(f"subaspek: {ind.subaspek}")
    if ind.bobot is not None:
        lines.append(f"bobot: {fmt(ind.bobot.nilai)} ({ind.bobot.status.value})")
    lines.append(f"berlaku jika: {_condition(ind) or 'selalu'}")
    lines.append(f"bukti wajib: {'ya' if ind.bukti_wajib else 'tidak'}")
    if ind.alias:
        lines.append("alias: " + ", ".join(ind.alias))
    lines.append("")
    lines.append(render(["level", "deskriptor"], [[str(v.nilai), v.deskriptor] for v in ind.level], right=[0]))
    if ind.petunjuk_bukti:
        lines += ["", f"petunjuk bukti: {ind.petunjuk_bukti}"]
    if ind.catatan:
        lines.append(f"catatan: {ind.catatan}")
    print("\n".join(lines), file=out)
    return 0
