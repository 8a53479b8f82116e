"""The quick commands start quickly: what they import, and the help width they find without :mod:`shutil`."""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from meritsys.cli import _app

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data"


def _modules_after(*argv: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``meritsys ARGV`` (which must succeed)."""
    program = (
        "import io, sys\n"
        "from meritsys.cli import main\n"
        f"assert main({list(argv)!r}, out=io.StringIO(), err=io.StringIO()) == 0\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True, cwd=ROOT, env=env)
    return set(result.stdout.split())


# Never needed by a quick command: numpy and cattrs (the batch path and the slow reader),
# shutil (argparse's way to the terminal width), hashlib (a shipped rubric's hash is recorded),
# pathlib (a plain path's name and suffix are found without it).
HEAVY = ("numpy", "cattrs", "shutil", "hashlib", "pathlib")


def test_classify_imports_neither_numpy_nor_the_result_model() -> None:
    """``meritsys classify`` needs the rubric and the classifier: not numpy, nor the classes of a scored result."""
    found = _modules_after("classify", "250", "--rubrik", "kasn-2019")
    assert sorted(m for m in found if m.split(".")[0] in HEAVY) == []
    assert "meritsys.model._hasil" not in found
    assert "meritsys.model._penilaian" not in found


def test_validate_imports_no_numpy() -> None:
    """``meritsys validate`` scores every assessment: the scoring path, not numpy, nor the interim scorer it does not use."""
    found = _modules_after("validate", str(DATA / "kohort-kasn-2023.json"))
    assert sorted(m for m in found if m.split(".")[0] in HEAVY) == []
    assert "meritsys.scoring._interim" not in found


@pytest.mark.parametrize("columns", [None, "", "0", "-3", "abc", "40", "132"])
def test_the_help_width_is_the_one_shutil_finds(monkeypatch: pytest.MonkeyPatch, columns: str | None) -> None:
    """argparse asks shutil for the terminal width; the program finds the same width without importing it."""
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert _app._columns() == shutil.get_terminal_size().columns


@pytest.mark.parametrize("columns", ["40", "200"])
@pytest.mark.parametrize("argv", [["--help"], ["score", "--help"], ["sensitivity", "--help"]], ids=" ".join)
def test_help_is_what_argparse_writes(monkeypatch: pytest.MonkeyPatch, columns: str, argv: list[str]) -> None:
    """The help text is what argparse's own formatter writes at that width."""
    monkeypatch.setenv("COLUMNS", columns)

    def helped() -> str:
        out = io.StringIO()
        assert _app.main(argv, out=out) == 0
        return out.getvalue()

    ours = helped()
    monkeypatch.setattr(_app, "_HelpFormatter", argparse.HelpFormatter)
    assert ours == helped()
    monkeypatch.setenv("COLUMNS", "30")
    assert helped() != ours  # the width is honoured
