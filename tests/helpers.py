"""Small builders shared by the example-based tests."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from meritsys import Instansi, Penilaian, Rubrik, ValidationError, get_rubrik

KASN = "kasn-2019"
B = "permenpanrb-19-2025"
JPT = "jpt-2021"
K = 37
"""Indicators of kasn-2019."""

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = EXAMPLES / "data"
KOHORT_A = DATA / "kohort-kasn-2023.json"
KOHORT_B = DATA / "kohort-permenpanrb-2026.json"
SATU = DATA / "penilaian-kab-sukamaju-2023.json"
RIWAYAT = DATA / "riwayat-kasn-2022-2024.json"
SATU_JPT = DATA / "penilaian-kab-sukamaju-jpt-2023.json"
REFORM = EXAMPLES / "reform" / "baik-260.toml"
SHIPPED = ROOT / "meritsys" / "rubrics"


def kasn() -> Rubrik:
    return get_rubrik(KASN)


def rezim_b() -> Rubrik:
    return get_rubrik(B)


def jpt() -> Rubrik:
    return get_rubrik(JPT)


def penilaian_jpt(level: int | dict[str, int] = 3, **kw: Any) -> Penilaian:
    """A jpt-2021 assessment: every indicator at *level* (or the answers given)."""
    jawaban = {i.kode: level for i in jpt().indikator} if isinstance(level, int) else level
    return Penilaian(kw.pop("instansi", instansi()), kw.pop("tahun", 2023), JPT, jawaban, **kw)


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


def kasn_variant(**changes: Any) -> Rubrik:
    """The shipped regime A rubric under another id (or with other changes), fully validated."""
    from meritsys.io import parse_rubrik

    data = rubrik_data(kasn())
    data.update(changes)
    return parse_rubrik(data)


def kasn_without_level_0() -> Rubrik:
    """Regime A with indicator 1.1 answered on levels 1..4 only (level 0 not allowed)."""
    from meritsys.io import parse_rubrik

    data = rubrik_data(kasn())
    del data["aspek"][0]["indikator"][0]["level"][0]
    return parse_rubrik(data)


def levels(n: int = 3, level: int = 2) -> np.ndarray:
    """An ``(n, 37)`` kasn-2019 answer array with every answer at *level*."""
    return np.full((n, K), level, dtype=np.int8)


def messages(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[str, ...]:
    """The messages of the ValidationError that calling *fn* raises."""
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    return info.value.messages


def run_cli(*argv: object, err: io.StringIO | None = None) -> tuple[int, str, str]:
    """Run ``meritsys`` in-process through its one entry point; the exit status, stdout and stderr."""
    from meritsys.cli import main

    out, err = io.StringIO(), err if err is not None else io.StringIO()
    code = main([str(a) for a in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


# --------------------------------------------------------------------------- cohorts for the analyses


def kohort_a(n: int = 40, seed: int = 0):
    """A random kasn-2019 cohort of *n* rows with codes ``a0``, ``a1``, ..."""
    from meritsys import Kohort

    rng = np.random.default_rng(seed)
    return Kohort.from_arrays(kasn(), rng.integers(0, 5, (n, K)), kode=[f"a{i}" for i in range(n)])


def items_b(n: int = 30, seed: int = 0, survei: bool = True) -> list[Penilaian]:
    """Random permenpanrb-19-2025 assessments of four agency types, gates drawn."""
    rng = np.random.default_rng(seed)
    r = rezim_b()
    out = []
    for i in range(n):
        ins = Instansi(f"b{i}", f"Instansi {i}", ("kabupaten", "kota", "provinsi", "kementerian")[i % 4])
        gerbang = {"kecelakaan_kerja": ("ya", "tidak")[int(rng.integers(2))], "kematian": ("ya", "tidak")[int(rng.integers(2))]}
        jawaban = {ind.kode: int(rng.integers(0, 5)) for ind in r.indikator if ind.applies_to(ins.jenis, gerbang)}
        out.append(Penilaian(ins, 2026, r.id, jawaban, gerbang=gerbang, survei=f"0.{int(rng.integers(0, 100)):02d}" if survei else None))
    return out


def kohort_b(n: int = 30, seed: int = 0, survei: bool = True):
    """The cohort of :func:`items_b`."""
    from meritsys import Kohort

    return Kohort.from_penilaian(rezim_b(), items_b(n, seed, survei))


def same(a: Any, b: Any) -> None:
    """Two sensitivity results are identical in every reported number."""
    assert a.to_dict() == b.to_dict()
    for name in ("hitung_kategori", "hitung_peringkat", "indeks_rerata", "indeks_sd", "peringkat_dasar"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    assert [repr(x) for x in a.pengaruh] == [repr(x) for x in b.pengaruh]
    assert a.per_kebijakan == b.per_kebijakan


def module_of(obj: Any) -> Any:
    """The module that defines *obj*: how a test reaches an internal next to a public name, wherever it lives."""
    import sys

    return sys.modules[obj.__module__]


def broken_dist(folder: Path, group: str, value: str) -> None:
    """A distribution in *folder* whose entry point in *group* names *value*, which does not import."""
    dist = folder / "meritsys_rusak-0.1.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: meritsys-rusak\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(f"[{group}]\nrusak = {value}\n")


def package_of(obj: Any) -> Any:
    """The package holding the module that defines *obj* (e.g. the statistics package behind ``rank``)."""
    import sys

    return sys.modules[obj.__module__.rpartition(".")[0]]


# --------------------------------------------------------------------------- JSON Schemas


def schema_validator(name: str) -> Any:
    """A jsonschema validator of the shipped schema *name* (dates checked as dates too)."""
    import jsonschema

    from meritsys.io import schema

    validator = _VALIDATORS.get(name)
    if validator is None:
        cls = jsonschema.Draft202012Validator
        validator = _VALIDATORS[name] = cls(schema(name), format_checker=cls.FORMAT_CHECKER)
    return validator


_VALIDATORS: dict[str, Any] = {}


def schema_errors(name: str, doc: Any) -> list[str]:
    """What the schema *name* finds wrong with *doc*, one ``path: message`` line each (empty: valid)."""
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in schema_validator(name).iter_errors(doc)]


ONE_PASS_ONE_FAIL = f"""
[[kasus]]
nama = "lulus: Ilustrasi turun ke Kurang"
penilaian = "{KOHORT_A.as_posix()}"
instansi = "kementerian-ilustrasi"
reform = ["{REFORM.as_posix()}"]
[kasus.harapan]
kategori = "Kurang"
indeks = "259"

[[kasus]]
nama = "gagal: Ilustrasi tetap Baik"
penilaian = "{KOHORT_A.as_posix()}"
instansi = "kementerian-ilustrasi"
reform = ["{REFORM.as_posix()}"]
[kasus.harapan]
kategori = "Baik"
indeks = "261"
"""
"""A policy test file of two cases on the example cohort: the first passes, the second fails."""
