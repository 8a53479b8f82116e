"""Plugins: the example strategy package installed for real, broken plugins, rubric sources."""

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import meritsys
from meritsys import PluginWarning
from meritsys.rubrics import clear_registered, register_rubrik
from meritsys.scoring import list_strategies, reload_plugins
from meritsys.testing.properties import StrategyCheckError, check_strategy
from tests.helpers import kasn, penilaian_a, rubrik_data

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "examples" / "plugins" / "meritsys-aspek-setara"


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory):
    """The example plugin, pip-installed into a private folder (not the environment)."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "--target", str(target), str(PLUGIN)],
        check=True,
        capture_output=True,
    )
    return target


@pytest.fixture
def installed(plugin_site, monkeypatch):
    """Make the installed plugin visible to this process."""
    monkeypatch.syspath_prepend(str(plugin_site))
    reload_plugins()
    yield plugin_site
    monkeypatch.undo()
    sys.modules.pop("meritsys_aspek_setara", None)
    reload_plugins()


def _broken_dist(folder: Path, group: str, value: str) -> None:
    dist = folder / "meritsys_rusak-0.1.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: meritsys-rusak\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(f"[{group}]\nrusak = {value}\n")


def _cli(*args, pythonpath=None):
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = os.pathsep.join([str(pythonpath), env.get("PYTHONPATH", "")])
    return subprocess.run([sys.executable, "-m", "meritsys.cli", *args], capture_output=True, text=True, env=env, cwd=ROOT)


class TestExamplePlugin:
    def test_found_by_name(self, installed):
        """Once installed, the example strategy is listed and selectable by name."""
        assert "equal-aspects" in list_strategies()
        assert meritsys.get_strategy("equal-aspects").name == "equal-aspects"

    def test_used_through_the_api(self, installed):
        """The plugin scores through the API: even answers give what the weighted sum gives."""
        p = penilaian_a(3)
        assert meritsys.score(p, strategy="equal-aspects").indeks == Decimal(300)
        assert meritsys.score(p, strategy="equal-aspects").strategi == "equal-aspects"

    @pytest.mark.parametrize("rubrik_id", ["kasn-2019", "permenpanrb-19-2025"])
    def test_passes_the_property_suite(self, installed, rubrik_id):
        """The example plugin passes meritsys.testing's property suite."""
        check_strategy(meritsys.get_strategy("equal-aspects"), meritsys.get_rubrik(rubrik_id), max_examples=20)

    def test_used_through_the_cli(self, plugin_site):
        """The CLI lists the plugin and scores with it by name."""
        listed = _cli("strategies", "list", pythonpath=plugin_site)
        assert listed.returncode == 0
        assert "equal-aspects" in listed.stdout.split()
        scored = _cli("score", "examples/data/kohort-kasn-2023.json", "--strategy", "equal-aspects", "--format", "json", pythonpath=plugin_site)
        assert scored.returncode == 0, scored.stderr
        assert '"strategi": "equal-aspects"' in scored.stdout


class TestBrokenPlugins:
    def test_broken_strategy_warns_and_the_rest_works(self, tmp_path, monkeypatch):
        """A plugin that fails to import is a warning naming it; built-ins still work."""
        _broken_dist(tmp_path, "meritsys.strategies", "tidak_ada_modul:Strategi")
        monkeypatch.syspath_prepend(str(tmp_path))
        reload_plugins()
        try:
            with pytest.warns(PluginWarning, match="'rusak'.*failed to load"):
                names = list_strategies()
            assert "weighted-sum" in names
            assert "rusak" not in names
        finally:
            monkeypatch.undo()
            reload_plugins()

    def test_broken_plugin_on_the_cli(self, tmp_path):
        """On the CLI a broken plugin is one warning line on stderr; the command succeeds."""
        _broken_dist(tmp_path, "meritsys.strategies", "tidak_ada_modul:Strategi")
        result = _cli("strategies", "list", pythonpath=tmp_path)
        assert result.returncode == 0
        assert "weighted-sum" in result.stdout
        assert "meritsys: warning: plugin 'rusak'" in result.stderr
        assert "Traceback" not in result.stderr

    def test_broken_rubric_package_warns(self, tmp_path, monkeypatch):
        """A broken rubric package is skipped with a warning; shipped rubrics still resolve."""
        _broken_dist(tmp_path, "meritsys.rubrics", "tidak_ada_paket")
        monkeypatch.syspath_prepend(str(tmp_path))
        reload_plugins()
        try:
            with pytest.warns(PluginWarning, match="rubric package 'rusak'"):
                assert meritsys.get_rubrik("kasn-2019").id == "kasn-2019"
        finally:
            monkeypatch.undo()
            reload_plugins()

    def test_check_strategy_catches_a_bad_strategy(self):
        """The property suite names the property a faulty strategy breaks."""
        import attrs

        @attrs.frozen
        class Reversed:
            name: str = "reversed"

            def score(self, rubrik, p):
                flipped = {k: 4 - v for k, v in p.jawaban.items()}
                return meritsys.WeightedSum().score(rubrik, attrs.evolve(p, jawaban=flipped))

            def score_batch(self, rubrik, matrix):
                return meritsys.WeightedSum().score_batch(rubrik, matrix)

        with pytest.raises(StrategyCheckError, match=r"breaks (bounds|monotonicity|batch)"):
            check_strategy(Reversed(), kasn(), max_examples=20)


class TestRubricSources:
    def test_register_replaces_shipped_by_id(self, tmp_path):
        """A user's rubric file registered under a shipped id replaces it."""
        data = rubrik_data(kasn())
        data["nama"] = "Instrumen resmi yang saya pegang"
        path = tmp_path / "kasn.json"
        path.write_text(meritsys.dumps_rubrik(meritsys.io.parse_rubrik(data)))
        try:
            register_rubrik(path)
            assert meritsys.get_rubrik("kasn-2019").nama == "Instrumen resmi yang saya pegang"
        finally:
            clear_registered()
        assert meritsys.get_rubrik("kasn-2019").nama != "Instrumen resmi yang saya pegang"

    def test_register_a_folder_and_resolve_by_date(self, tmp_path):
        """A folder of rubrics registers each, and the user's own win by date."""
        data = rubrik_data(kasn())
        data["id"] = "kasn-2019-daerah"
        (tmp_path / "a.json").write_text(meritsys.dumps_rubrik(meritsys.io.parse_rubrik(data)))
        try:
            assert [r.id for r in register_rubrik(tmp_path)] == ["kasn-2019-daerah"]
            import datetime as dt

            assert meritsys.rubrik_for_date(dt.date(2023, 6, 30)).id == "kasn-2019-daerah"
            assert meritsys.rubrik_for_date(dt.date(2026, 6, 30)).id == "permenpanrb-19-2025"
        finally:
            clear_registered()

    def test_environment_variable(self, tmp_path, monkeypatch):
        """MERITSYS_RUBRIK_PATH adds rubric folders."""
        data = rubrik_data(kasn())
        data["id"] = "kasn-2019-env"
        (tmp_path / "r.json").write_text(meritsys.dumps_rubrik(meritsys.io.parse_rubrik(data)))
        monkeypatch.setenv("MERITSYS_RUBRIK_PATH", str(tmp_path))
        assert meritsys.get_rubrik("kasn-2019-env").id == "kasn-2019-env"

    def test_rubric_package_entry_point(self, tmp_path, monkeypatch):
        """An installed rubric package (entry point naming a package of TOML files) is found."""
        pkg = tmp_path / "paket_rubrik"
        pkg.mkdir()
        (pkg / "__init__.py").write_text("")
        data = rubrik_data(kasn())
        data["id"] = "kasn-2019-paket"
        (pkg / "r.json").write_text(meritsys.dumps_rubrik(meritsys.io.parse_rubrik(data)))
        dist = tmp_path / "paket_rubrik-0.1.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: paket-rubrik\nVersion: 0.1\n")
        (dist / "entry_points.txt").write_text("[meritsys.rubrics]\npaket = paket_rubrik\n")
        monkeypatch.syspath_prepend(str(tmp_path))
        reload_plugins()
        try:
            assert meritsys.get_rubrik("kasn-2019-paket").id == "kasn-2019-paket"
        finally:
            monkeypatch.undo()
            sys.modules.pop("paket_rubrik", None)
            reload_plugins()

    def test_cli_accepts_a_rubric_file(self, tmp_path):
        """--rubrik takes a rubric file as well as an id."""
        path = tmp_path / "r.json"
        path.write_text(meritsys.dumps_rubrik(kasn()))
        result = _cli("classify", "250", "--rubrik", str(path))
        assert (result.returncode, result.stdout) == (0, "Baik\n")

