"""meritsys benchmarks: the path users call, each figure a ratio to a baseline timed in the same run.

Run from the repository root::

    pip install -e . --group bench
    python benchmarks/run.py            # full run (a few minutes)
    python benchmarks/run.py --quick    # smaller sizes, fewer rounds: a smoke test

Figures (the performance targets of the one-cohort issue):

a. A C-ordered ``int8`` (N, 33) array of a synthetic 33-indicator rubric ->
   ``Kohort.from_arrays`` (checked) -> ``kohort.score`` (index and category),
   at N = 10^5 and 10^6, against the floor (``np.copyto`` of N x 42 bytes,
   timed in alternation with it), careful blocked numpy (``levels @ w`` in
   8,192-row blocks + ``searchsorted``) and idiomatic pandas
   (``df.mul(w).sum(axis=1)`` + ``pd.cut``).
b. The same with agency codes, types, provinces and years given as arrays.
c. Read -> score -> write 1,800 assessments (600 agencies x 3 years) from
   JSON, against ``json.loads`` of the input plus ``json.dumps`` of the output:
   through the Python API, and as a whole ``meritsys score FILE --format
   json`` process less its start-up (``meritsys --version``).
d. One assessment through the object API, full explanation included.
e. ``meritsys classify 250 --rubrik kasn-2019`` and ``meritsys validate FILE``
   as whole processes of the installed ``meritsys`` script, against
   ``python -c "import numpy"`` (bytecode cached, as in an installed package).
f. A 600-agency cohort read from a wide CSV file into a ``Kohort`` and scored,
   against ``csv.reader`` over the same file (the CSV target of issue 10).
g. A 600-agency cohort workbook (``Kohort`` sheet) read into a ``Kohort`` and
   scored, against openpyxl alone reading it in read-only mode (issue 10: <= 2x).
h. A 10^5-row pandas frame (``instansi``, ``nama``, ``jenis``, ``tahun`` and 33
   ``int8`` answer columns; then the answers as ``float64``) -> ``Kohort.from_pandas``,
   against ``df.to_numpy()`` of the same frame, and against ``Kohort.from_arrays``
   given the same columns as numpy arrays (issue 10's pandas part).

Plus the sensitivity analysis (600 agencies x 10,000 draws) and the planner.
Every timing is the median of at least 5 rounds.  The script prints a table
and, per target, PASS or FAIL; it exits 0 either way (targets are reported,
never asserted in the test suite).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import tracemalloc
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import meritsys
from meritsys import Kohort
from meritsys.model import Angka, Aspek, AturanBatas, Indikator, Kategori, Level, Rubrik, Skala

SEED = 20261122
K = 33
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "examples" / "data"


def synthetic_rubric() -> Rubrik:
    """33 indicators in 8 aspects, bobot multiples of 0.25 adding up to 100, levels 1-4."""
    rng = np.random.default_rng(SEED)
    quarters = rng.multinomial(400 - K, np.full(K, 1 / K)) + 1  # each >= 0.25, sum 400 quarters
    levels = tuple(Level(n, f"level {n}") for n in range(1, 5))
    note = "benchmark rubric: synthetic values"
    sizes = [4, 4, 5, 4, 4, 4, 4, 4]
    aspects, j = [], 0
    for a, size in enumerate(sizes, start=1):
        inds = []
        for i in range(1, size + 1):
            inds.append(Indikator(f"{a}.{i}", f"indikator {a}.{i}", levels, bobot=Angka(Decimal(int(quarters[j])) / 4, "acuan", note)))
            j += 1
        aspects.append(Aspek(str(a), f"aspek {a}", tuple(inds)))

    def band(kode: str, label: str, lo: str | None, hi: str | None) -> Kategori:
        return Kategori(kode, label, Angka(lo, "resmi") if lo else None, Angka(hi, "resmi") if hi else None)

    return Rubrik(
        id="bench-33",
        nama="synthetic 33-indicator rubric",
        rujukan=(),
        berlaku_mulai=dt.date(2019, 1, 1),
        skala=Skala(Angka("100", "resmi"), Angka("400", "resmi")),
        aspek=tuple(aspects),
        kategori=(band("I", "Buruk", "100", "174"), band("II", "Kurang", "175", "249"), band("III", "Baik", "250", "324"), band("IV", "Sangat Baik", "325", "400")),
        aturan_batas=AturanBatas("bawah_inklusif", Angka("1", "resmi"), "resmi"),
        letak_bobot="indikator",
        jumlah_bobot=Angka("100", "acuan", note),
        strategi="weighted-sum",
    )


def median_seconds(fn: Callable[[], Any], runs: int = 7, number: int = 1) -> float:
    return statistics.median(timeit.repeat(fn, repeat=max(runs, 5), number=number)) / number


def alternating(fns: list[Callable[[], Any]], runs: int, number: int = 1) -> list[float]:
    """Median seconds of each function, timed round by round in alternation (a slow spell falls on all)."""
    timers = [timeit.Timer(f) for f in fns]
    for t in timers:
        t.timeit(number)  # warm up
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(max(runs, 5)):
        for i, t in enumerate(timers):
            times[i].append(t.timeit(number) / number)
    return [statistics.median(ts) for ts in times]


def _loops(n: int) -> int:
    return max(1, min(10, 1_000_000 // n))


class Report:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []

    def add(self, name: str, value: str, verdict: str = "") -> None:
        self.rows.append((name, value, verdict))
        print(f"{name:<66} {value:>34}  {verdict}", flush=True)


def verdict(ok: bool, target: str) -> str:
    return "PASS" if ok else f"FAIL (target {target})"


# ---------------------------------------------------------------------- a, b


def user_path(report: Report, rubrik: Rubrik, n: int, runs: int, with_pandas: bool) -> None:
    rng = np.random.default_rng(SEED + n)
    arr = np.ascontiguousarray(rng.integers(1, 5, size=(n, K), dtype=np.int8))
    src = np.ones(n * (K + 9), dtype=np.uint8)
    dst = np.empty_like(src)
    number = _loops(n)

    def ours() -> Any:
        return Kohort.from_arrays(rubrik, arr).score(rubrik)

    kode = np.asarray([f"kab-{i:07d}" for i in range(n)])
    provinsi = np.asarray([f"Provinsi {i % 38}" for i in range(n)])
    jenis = (np.arange(n) % 6).astype(np.int8)
    tahun = (2023 + np.arange(n) % 3).astype(np.int16)

    def ours_meta() -> Any:
        return Kohort.from_arrays(rubrik, arr, kode=kode, jenis=jenis, provinsi=provinsi, tahun=tahun).score(rubrik)

    weights = np.asarray([float(i.bobot.nilai) for i in rubrik.indikator if i.bobot is not None])
    cuts = np.asarray([175.0, 250.0, 325.0])

    def blocked() -> Any:
        out = np.empty(n, dtype=np.intp)
        for s in range(0, n, 8192):
            out[s : s + 8192] = np.searchsorted(cuts, arr[s : s + 8192] @ weights, side="right")
        return out

    floor, a, b, blk = alternating([lambda: np.copyto(dst, src), ours, ours_meta, blocked], runs, number)
    report.add(f"a. array -> Kohort -> score, N={n:,} / floor", f"{a * 1e3:.2f} ms / {floor * 1e3:.2f} ms = {a / floor:.2f}x", verdict(a / floor <= 6, "<= 6x, aim 4x"))
    report.add(f"a. blocked numpy @ + searchsorted, N={n:,} / ours", f"{blk * 1e3:.2f} ms -> {blk / a:.2f}x", verdict(blk / a >= 1.5, ">= 1.5x"))
    if with_pandas:
        try:
            import pandas as pd
        except ImportError:
            report.add("a. pandas df.mul(w).sum + pd.cut", "skipped", "(pip install -e . --group bench)")
        else:
            df = pd.DataFrame(arr, columns=[i.kode for i in rubrik.indikator])
            w = pd.Series(weights, index=df.columns)

            def pandas_way() -> Any:
                idx = df.mul(w).sum(axis=1)
                return pd.cut(idx, bins=[-np.inf, 175, 250, 325, np.inf], right=False, labels=["Buruk", "Kurang", "Baik", "Sangat Baik"])

            pd_s = median_seconds(pandas_way, runs=5)
            report.add(f"a. pandas mul/sum + cut, N={n:,} / ours", f"{pd_s * 1e3:.1f} ms -> {pd_s / a:.1f}x", verdict(pd_s / a >= 10, ">= 10x"))
    report.add(f"b. with codes, types, provinces, years, N={n:,} / a", f"{b * 1e3:.2f} ms -> {b / a:.2f}x", verdict(b / a <= 1.5, "<= 1.5x"))


# ---------------------------------------------------------------------- c


def national_file(folder: Path) -> Path:
    """600 agencies x 3 years of kasn-2019 assessments (fictional), as one JSON file."""
    kasn = meritsys.get_rubrik("kasn-2019")
    rng = np.random.default_rng(SEED)
    jenis = ["kabupaten"] * 400 + ["kota"] * 100 + ["provinsi"] * 38 + ["kementerian"] * 40 + ["lembaga"] * 22
    items = []
    for year in (2022, 2023, 2024):
        for a in range(600):
            levels = rng.integers(1, 5, size=len(kasn.indikator))
            items.append(
                {
                    "instansi": {"kode": f"instansi-{a:03d}", "nama": f"Instansi Contoh {a:03d}", "jenis": jenis[a], "provinsi": f"Provinsi {a % 38}"},
                    "tahun": year,
                    "rubrik": kasn.id,
                    "tahap": "penetapan",
                    "jawaban": {ind.kode: int(lv) for ind, lv in zip(kasn.indikator, levels, strict=True)},
                }
            )
    path = folder / "nasional-1800.json"
    path.write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def read_score_write(report: Report, folder: Path, runs: int) -> None:
    path = national_file(folder)
    text = path.read_text(encoding="utf-8")

    def api() -> str:
        items = meritsys.read_penilaian(path)
        return meritsys.dumps(meritsys.score_many(items), indent=None)

    output = json.loads(api())

    def baseline() -> str:
        json.loads(text)
        return json.dumps(output, ensure_ascii=False)

    base, ours = alternating([baseline, api], runs)
    report.add("c. read+score+write 1,800 (API) / json.loads+dumps", f"{ours * 1e3:.1f} ms / {base * 1e3:.1f} ms = {ours / base:.2f}x", verdict(ours / base <= 4, "<= 4x"))
    cli = [sys.executable, "-m", "meritsys", "score", str(path), "--format", "json"]
    version = [sys.executable, "-m", "meritsys", "--version"]
    process = [lambda: subprocess.run(cli, capture_output=True, check=True), lambda: subprocess.run(version, capture_output=True, check=True), baseline]
    whole, start, base2 = alternating(process, runs)
    report.add("c. meritsys score FILE --format json, less start-up / baseline", f"({whole * 1e3:.0f} - {start * 1e3:.0f}) ms / {base2 * 1e3:.1f} ms = {(whole - start) / base2:.2f}x", verdict((whole - start) / base2 <= 4, "<= 4x"))


def csv_cohort(report: Report, folder: Path, runs: int) -> None:
    """Issue 10's CSV figure: a 600-agency cohort from a wide CSV file, against csv.reader over the file."""
    import csv

    kasn = meritsys.get_rubrik("kasn-2019")
    items = meritsys.read_penilaian(national_file(folder))[:600]
    codes = [i.kode for i in kasn.indikator]
    path = folder / "kohort-600.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(["instansi", "nama", "jenis", "provinsi", "tahun", "tahap", "rubrik", *codes])
        for p in items:
            writer.writerow([p.instansi.kode, p.instansi.nama, p.instansi.jenis.value, p.instansi.provinsi, p.tahun, p.tahap.value, p.rubrik, *(p.jawaban[c] for c in codes)])

    def baseline() -> int:
        with path.open(encoding="utf-8-sig", newline="") as f:
            return sum(1 for _ in csv.reader(f, delimiter=";"))

    def ours() -> Any:
        return Kohort.read(path, kasn).score(kasn)

    base, t = alternating([baseline, ours], runs)
    report.add("f. 600-agency cohort from CSV -> Kohort -> score / csv.reader", f"{t * 1e3:.1f} ms / {base * 1e3:.2f} ms = {t / base:.1f}x", verdict(t / base <= 2, "<= 2x (issue 10)"))


def xlsx_cohort(report: Report, folder: Path, runs: int) -> None:
    """Issue 10's Excel figure: a 600-agency cohort workbook read and scored, against openpyxl reading it (read-only)."""
    import openpyxl

    kasn = meritsys.get_rubrik("kasn-2019")
    items = meritsys.read_penilaian(national_file(folder))[:600]
    codes = [i.kode for i in kasn.indikator]
    path = folder / "kohort-600.xlsx"
    meritsys.write_template(kasn, path, kohort=True)
    wb = openpyxl.load_workbook(path)
    ws = wb["Kohort"]
    for row, p in enumerate(items, start=2):
        cells = [p.instansi.kode, p.instansi.nama, p.instansi.jenis.value, p.instansi.provinsi, p.tahun, p.tahap.value, p.rubrik, *(p.jawaban[c] for c in codes)]
        for col, value in enumerate(cells, start=1):
            ws.cell(row=row, column=col, value=value)
    wb.save(path)

    def baseline() -> int:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        n = sum(1 for _ in book["Kohort"].iter_rows(values_only=True))
        book.close()
        return n

    def ours() -> Any:
        return Kohort.read(path, kasn).score(kasn)

    assert len(ours()) == 600
    base, t = alternating([baseline, ours], runs)
    report.add("g. 600-agency cohort workbook -> Kohort -> score / openpyxl read-only", f"{t * 1e3:.1f} ms / {base * 1e3:.1f} ms = {t / base:.2f}x", verdict(t / base <= 2, "<= 2x (issue 10)"))


def pandas_frame(report: Report, rubrik: Rubrik, runs: int) -> None:
    """Issue 10's pandas figure: a 10^5-row frame into a checked cohort, against df.to_numpy() and from_arrays."""
    try:
        import pandas as pd
    except ImportError:
        report.add("h. pandas frame -> Kohort.from_pandas", "skipped", "(pip install -e . --group bench)")
        return
    n = 100_000
    rng = np.random.default_rng(SEED + 7)
    arr = np.ascontiguousarray(rng.integers(1, 5, size=(n, K), dtype=np.int8))
    kode = np.asarray([f"kab-{i:07d}" for i in range(n)])
    nama = np.asarray([f"Pemerintah Kabupaten {i:07d}" for i in range(n)])
    jenis = np.asarray(["kabupaten", "kota", "provinsi"])[np.arange(n) % 3]
    tahun = (2023 + np.arange(n) % 3).astype(np.int16)
    meta = pd.DataFrame({"instansi": kode, "nama": nama, "jenis": jenis, "tahun": tahun})
    answers = pd.DataFrame(arr, columns=[i.kode for i in rubrik.indikator])
    df = pd.concat([meta, answers], axis=1)
    dff = pd.concat([meta, answers.astype(np.float64)], axis=1)

    def arrays() -> Any:
        return Kohort.from_arrays(rubrik, arr, kode=kode, nama=nama, jenis=jenis, tahun=tahun)

    base, fa, ours, ours_f = alternating([df.to_numpy, arrays, lambda: Kohort.from_pandas(df, rubrik), lambda: Kohort.from_pandas(dff, rubrik)], runs)
    report.add("h. frame N=100,000 -> Kohort.from_pandas / df.to_numpy()", f"{ours * 1e3:.1f} ms / {base * 1e3:.1f} ms = {ours / base:.2f}x", verdict(ours / base <= 1, "<= 1x"))
    report.add("h. the same, float64 answers / df.to_numpy()", f"{ours_f * 1e3:.1f} ms / {base * 1e3:.1f} ms = {ours_f / base:.2f}x", verdict(ours_f / base <= 1, "<= 1x"))
    report.add("h. from_pandas / from_arrays of the same columns", f"{ours * 1e3:.1f} ms / {fa * 1e3:.1f} ms = {ours / fa:.1f}x", "(reported)")


# ---------------------------------------------------------------------- d, e


def single(report: Report) -> None:
    kasn = meritsys.get_rubrik("kasn-2019")
    pk = meritsys.read_penilaian(DATA / "penilaian-kab-sukamaju-2023.json")[0]
    t_a = median_seconds(lambda: meritsys.score(pk, kasn), runs=7, number=500)
    report.add("d. one assessment, kasn-2019, full explanation (median)", f"{t_a * 1e6:.0f} us", verdict(t_a <= 50e-6, "<= 50 us"))
    b = meritsys.get_rubrik("permenpanrb-19-2025")
    pb = meritsys.read_penilaian(DATA / "kohort-permenpanrb-2026.json")[0]
    t_b = median_seconds(lambda: meritsys.score(pb, b), runs=7, number=500)
    report.add("d. one assessment, permenpanrb-19-2025, full explanation", f"{t_b * 1e6:.0f} us", verdict(t_b <= 150e-6, "<= 150 us"))


def quick_commands(report: Report, runs: int) -> None:
    """The commands as a user types them: the ``meritsys`` script the install put beside this Python.

    They run with Python's default bytecode caching (``PYTHONDONTWRITEBYTECODE``
    unset), as an installed package has its modules compiled: a checkout that
    never caches bytecode would time the compiler, not meritsys.
    """
    script = Path(sys.executable).with_name("meritsys")
    program = [str(script)] if script.exists() else [sys.executable, "-m", "meritsys"]
    numpy_cmd = [sys.executable, "-c", "import numpy"]
    classify = [*program, "classify", "250", "--rubrik", "kasn-2019"]
    validate = [*program, "validate", str(DATA / "kohort-kasn-2023.json")]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for c in (numpy_cmd, classify, validate):  # once each, so the bytecode is cached before timing
        subprocess.run(c, capture_output=True, env=env)
    fns = [lambda c=c: subprocess.run(c, capture_output=True, env=env) for c in (numpy_cmd, classify, validate)]  # type: ignore[misc]
    t_np, t_c, t_v = alternating(fns, runs)
    report.add("e. meritsys classify 250 (whole process) / import numpy", f"{t_c * 1e3:.0f} ms / {t_np * 1e3:.0f} ms = {t_c / t_np:.2f}x", verdict(t_c / t_np <= 1.0, "<= 1.0x"))
    report.add("e. meritsys validate FILE (whole process) / import numpy", f"{t_v * 1e3:.0f} ms / {t_np * 1e3:.0f} ms = {t_v / t_np:.2f}x", verdict(t_v / t_np <= 1.0, "<= 1.0x"))


# ---------------------------------------------------------------------- analyses


def analyses(report: Report, rubrik: Rubrik, quick: bool) -> None:
    rng = np.random.default_rng(SEED + 600)
    k600 = Kohort.from_arrays(rubrik, rng.integers(1, 5, size=(600, K), dtype=np.int8))
    draws = 1_000 if quick else 10_000
    tracemalloc.start()
    t0 = time.perf_counter()
    meritsys.sensitivity(rubrik, k600, draws=draws, seed=1)
    traced = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    t_s = median_seconds(lambda: meritsys.sensitivity(rubrik, k600, draws=draws, seed=1), runs=5)
    report.add(f"sensitivity 600 x {draws:,} draws: time", f"{t_s:.2f} s", "PASS" if t_s < 2 else "aim: < 2 s")
    report.add(f"sensitivity 600 x {draws:,} draws: peak traced memory", f"{peak / 2**20:.0f} MiB (traced run {traced:.2f} s)", "PASS" if peak < 500 * 2**20 else "aim: < 500 MB")
    low = Kohort.from_arrays(rubrik, np.full((1, K), 2, dtype=np.int8)).to_penilaian()[0]
    t_plan = median_seconds(lambda: meritsys.plan(low, "Sangat Baik", rubrik), runs=7, number=5)
    report.add("planner, synthetic 33 indicators (200 -> Sangat Baik), median", f"{t_plan * 1e3:.2f} ms", "PASS" if t_plan < 0.010 else "aim: < 10 ms")
    b = meritsys.get_rubrik("permenpanrb-19-2025")
    pb = meritsys.read_penilaian(DATA / "kohort-permenpanrb-2026.json")[1]
    t_plan_b = median_seconds(lambda: meritsys.plan(pb, "Tinggi", b), runs=7, number=5)
    report.add("planner, permenpanrb-19-2025 (Lanjutan -> Tinggi), median", f"{t_plan_b * 1e3:.2f} ms", "PASS" if t_plan_b < 0.010 else "aim: < 10 ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes and fewer rounds (smoke test)")
    args = parser.parse_args()
    runs = 5 if args.quick else 11
    rubrik = synthetic_rubric()
    report = Report()
    print(f"meritsys {meritsys.__version__}, numpy {np.__version__}, seed {SEED}\n")
    sizes = (100_000,) if args.quick else (100_000, 1_000_000)
    for n in sizes:
        user_path(report, rubrik, n, runs, with_pandas=True)
    with tempfile.TemporaryDirectory() as folder:
        read_score_write(report, Path(folder), runs)
        csv_cohort(report, Path(folder), runs)
        xlsx_cohort(report, Path(folder), runs)
    pandas_frame(report, rubrik, runs)
    single(report)
    quick_commands(report, runs)
    analyses(report, rubrik, args.quick)
    failed = [r for r in report.rows if r[2].startswith("FAIL")]
    print(f"\n{len(report.rows) - len(failed)} figures within target or reported, {len(failed)} outside target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
