"""``meritsys demo``: score the shipped example cohorts and show them."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from meritsys.cli._common import score_file
from meritsys.cli._score import OUT_OF_SCALE, result_table

__all__ = ["add", "demo_files", "run"]


def add(sub: Any) -> None:
    """Register the command."""
    p = sub.add_parser("demo", help="score the shipped example cohort and show a table")
    p.set_defaults(func=run)


def demo_files() -> list[Path]:
    """The example cohorts: inside an installed wheel, or in a source checkout's ``examples/data``."""
    from importlib import resources  # only when the demo runs

    packaged = resources.files("meritsys") / "_contoh"
    if packaged.is_dir():
        return sorted(Path(str(f)) for f in packaged.iterdir() if f.name.startswith("kohort-") and f.name.endswith(".json"))
    source = Path(__file__).resolve().parent.parent.parent / "examples" / "data"
    return sorted(source.glob("kohort-*.json"))


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Score every example cohort; print a table per cohort."""
    from meritsys.errors import MeritsysError
    from meritsys.rubrics import get_rubrik

    files = demo_files()
    if not files:
        raise MeritsysError("the example cohort is not installed with this copy of meritsys")
    for i, path in enumerate(files):
        ns = argparse.Namespace(rubrik=None, strategy=None, tanpa_survei=False)
        results, _ = score_file(ns, str(path))
        rubrik = get_rubrik(results[0].rubrik.id)
        if i:
            print("", file=out)
        print(f"{rubrik.nama} [{rubrik.id}] - {path.name}", file=out)
        print(result_table(results).text(), file=out)
        if any(h.di_luar_skala for h in results):
            print(OUT_OF_SCALE, file=out)
    print("", file=out)
    print("Data contoh fiktif (instansi rekaan). Lanjutkan dengan: meritsys score FILE, meritsys rubrik show kasn-2019", file=out)
    return 0
