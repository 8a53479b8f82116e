"""Packaging: proved lower bounds, entry points for every built-in, a pytest plugin that costs nothing."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import meritsys
from meritsys.scoring import get_classifier, get_strategy, list_classifiers, list_strategies

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


class TestLowerBounds:
    def test_ci_installs_exactly_the_declared_lower_bounds(self):
        """.ci/lowest.txt pins each core dependency at pyproject's lower bound, so CI proves the bound."""
        declared = {}
        for dep in PYPROJECT["project"]["dependencies"]:
            name, bound = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)", dep).groups()
            declared[name.lower()] = bound
        pinned = {}
        for line in (ROOT / ".ci" / "lowest.txt").read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                name, version = line.split("==")
                pinned[name.strip().lower()] = version.strip()
        assert set(pinned) == set(declared)
        for name, version in pinned.items():
            release = version.split(".")
            assert release[: len(declared[name].split("."))] == declared[name].split("."), (name, version)
            assert all(part == "0" for part in release[len(declared[name].split(".")) :]), (name, version)


class TestEntryPoints:
    def test_every_built_in_strategy_is_registered_alike(self):
        """Each built-in strategy and classifier has an entry point naming its public class."""
        strategies = PYPROJECT["project"]["entry-points"]["meritsys.strategies"]
        assert sorted(strategies) == sorted(n for n in list_strategies() if get_strategy(n).__module__.startswith("meritsys."))
        for name, target in strategies.items():
            module, _, attr = target.partition(":")
            assert module == "meritsys.scoring", target
            assert type(get_strategy(name)) is getattr(meritsys.scoring, attr)
        classifiers = PYPROJECT["project"]["entry-points"]["meritsys.classifiers"]
        assert sorted(classifiers) == sorted(list_classifiers())
        for name, target in classifiers.items():
            assert type(get_classifier(name)) is getattr(meritsys.scoring, target.partition(":")[2])

    def test_developer_tools_are_a_dependency_group(self):
        """pytest, mypy, ruff and the docs tools are not extras users can install."""
        extras = PYPROJECT["project"]["optional-dependencies"]
        flat = " ".join(dep for deps in extras.values() for dep in deps)
        for tool in ("pytest", "mypy", "ruff", "mkdocs"):
            assert tool not in flat
        groups = PYPROJECT["dependency-groups"]
        assert {"test", "lint", "docs"} <= set(groups)


class TestPytestPlugin:
    def test_loading_the_plugin_imports_no_meritsys_machinery(self):
        """Every pytest run in a project with meritsys installed loads the plugin: it must not import numpy or the policy code."""
        code = (
            "import sys, meritsys.testing.pytest_plugin\n"
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] == 'numpy' or m.startswith(('meritsys.policy', 'meritsys.scoring', 'meritsys.io', 'cattrs')))\n"
            "print(heavy)"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
        assert out.stdout.strip() == "[]"

    def test_the_plugin_still_collects_policy_files(self, pytester: pytest.Pytester):
        """A test*.toml with [[kasus]] is collected (meritsys is imported then)."""
        data = (ROOT / "examples" / "data" / "kohort-kasn-2023.json").as_posix()
        pytester.makefile(
            ".toml",
            test_kasus=f"""
[[kasus]]
nama = "Kementerian Ilustrasi is Baik"
penilaian = "{data}"
instansi = "kementerian-ilustrasi"

[kasus.harapan]
kategori = "Baik"
""",
        )
        result = pytester.runpytest("-q", "-p", "no:cacheprovider")
        result.assert_outcomes(passed=1)


class TestWheel:
    def test_the_schemas_ship_in_the_wheel(self, tmp_path):
        """The built wheel holds every JSON Schema file, byte for byte, where meritsys.io.schema() reads it."""
        import zipfile

        from meritsys.io import SCHEMAS

        program = "import sys, hatchling.build; print(hatchling.build.build_wheel(sys.argv[1]))"
        built = subprocess.run([sys.executable, "-c", program, str(tmp_path)], capture_output=True, text=True, check=True, cwd=ROOT)
        with zipfile.ZipFile(tmp_path / built.stdout.strip().splitlines()[-1]) as wheel:
            names = set(wheel.namelist())
            for name in SCHEMAS:
                member = f"meritsys/io/schemas/{name}.json"
                assert member in names
                assert wheel.read(member) == (ROOT / member).read_bytes()
            assert {n for n in names if n.startswith("meritsys/io/schemas/")} == {f"meritsys/io/schemas/{n}.json" for n in SCHEMAS}
