"""meritsys test: policy test files run from the command line, with diffs, a summary and an exit status."""

import textwrap
from pathlib import Path

from meritsys.cli import main
from tests.helpers import EXAMPLES, KOHORT_A, ONE_PASS_ONE_FAIL, SATU, run_cli

DATA = KOHORT_A



def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text))
    return path


def run(*argv):
    return run_cli(*argv)


class TestCommand:
    def test_exit_1_with_diff(self, tmp_path, capsys):
        """`meritsys test` exits 1 when a case fails and prints its diff and a summary."""
        _write(tmp_path, "test_x.toml", ONE_PASS_ONE_FAIL)
        assert main(["test", str(tmp_path)]) == 1
        out = capsys.readouterr().out
        assert "PASS lulus: Ilustrasi turun ke Kurang" in out
        assert "FAIL gagal: Ilustrasi tetap Baik" in out
        assert out.rstrip().splitlines()[-1] == "1 passed, 1 failed"

    def test_exit_0_when_all_pass(self, capsys):
        """`meritsys test` exits 0 when every case passes."""
        assert main(["test", str(EXAMPLES / "kebijakan"), "-q"]) == 0
        assert capsys.readouterr().out == "3 passed, 0 failed\n"

    def test_no_files(self, tmp_path, capsys):
        """A path without policy tests is an error, not a silent pass."""
        assert main(["test", str(tmp_path)]) == 1
        assert "no policy test files" in capsys.readouterr().err

    def test_malformed_policy_cases_fail_cleanly(self, tmp_path):
        """Malformed policy test cases fail with a message instead of crashing the run."""
        (tmp_path / "test_a.toml").write_text("kasus = [1, 2]\n")
        (tmp_path / "test_b.toml").write_text(f'[[kasus]]\nnama = "a"\npenilaian = "{SATU.as_posix()}"\nrubrik = 5\n[kasus.harapan]\nkategori = "Baik"\n')
        code, out, err = run("test", str(tmp_path / "test_a.toml"))
        assert code == 1
        assert "expected [[kasus]] tables" in out
        code, out, err = run("test", str(tmp_path))
        assert code == 1
        assert "rubrik: expected a string, got 5" in out
        assert "Traceback" not in err
