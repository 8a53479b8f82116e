"""Small builders shared by the example-based tests."""

from __future__ import annotations

from typing import Any

from meritsys import Instansi, Penilaian, Rubrik, get_rubrik

KASN = "kasn-2019"
B = "permenpanrb-19-2025"


def kasn() -> Rubrik:
    return get_rubrik(KASN)


def rezim_b() -> Rubrik:
    return get_rubrik(B)


def instansi(jenis: str = "kabupaten", kode: str = "kab-sukamaju") -> Instansi:
    return Instansi(kode, f"Pemerintah {kode}", jenis)


def penilaian_a(level: int | dict[str, int] = 3, **kw: Any) -> Penilaian:
    r = kasn()
    jawaban = {i.kode: level for i in r.indikator} if isinstance(level, int) else level
    return Penilaian(kw.pop("instansi", instansi()), kw.pop("tahun", 2023), KASN, jawaban, **kw)


def penilaian_b(
    level: int = 2,
    jenis: str = "kabupaten",
    gerbang: dict[str, str] | None = None,
    survei: str | None = "0.5",
    **kw: Any,
) -> Penilaian:
    r = rezim_b()
    g = {"kecelakaan_kerja": "tidak", "kematian": "tidak"} if gerbang is None else gerbang
    ins = instansi(jenis, kode=f"{jenis}-contoh")
    jawaban = {i.kode: level for i in r.indikator if i.applies_to(ins.jenis, g)}
    jawaban.update(kw.pop("override", {}))
    return Penilaian(ins, kw.pop("tahun", 2026), B, jawaban, gerbang=g, survei=survei, **kw)


def rubrik_data(rubrik: Rubrik) -> dict[str, Any]:
    """The rubric as plain, mutable data (for building broken variants)."""
    import json

    from meritsys.io import dumps_rubrik

    return json.loads(dumps_rubrik(rubrik))
