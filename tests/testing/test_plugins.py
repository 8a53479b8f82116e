"""meritsys.testing: the property suite a strategy plugin runs (check_strategy), the example plugin, the pytest plugin."""

import os
import subprocess
import sys
from decimal import Decimal

import pytest

import meritsys
from meritsys.scoring import list_strategies, reload_plugins
from meritsys.testing.properties import StrategyCheckError, check_strategy
from tests.helpers import EXAMPLES, KOHORT_A, ONE_PASS_ONE_FAIL, ROOT, kasn, penilaian_a

PLUGIN = EXAMPLES / "plugins" / "meritsys-aspek-setara"
DATA = KOHORT_A



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


def _cli(*args, pythonpath=None):
    """Run the command line in a fresh interpreter, through meritsys.cli.main, with *pythonpath* in front."""
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = os.pathsep.join([str(pythonpath), env.get("PYTHONPATH", "")])
    program = "import sys; from meritsys.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", program, *args], capture_output=True, text=True, env=env, cwd=ROOT)


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
        scored = _cli("score", str(KOHORT_A), "--strategy", "equal-aspects", "--format", "json", pythonpath=plugin_site)
        assert scored.returncode == 0, scored.stderr
        assert '"strategi": "equal-aspects"' in scored.stdout

    def test_planned_and_stress_tested_through_the_cli(self, plugin_site):
        """`meritsys plan` and `meritsys sensitivity` run with the plugin strategy by name."""
        single = ROOT / "examples" / "data" / "penilaian-kab-sukamaju-2023.json"
        planned = _cli("plan", str(single), "--target", "Sangat Baik", "--strategy", "equal-aspects", "--format", "json", pythonpath=plugin_site)
        assert planned.returncode == 0, planned.stderr
        assert '"strategi": "equal-aspects"' in planned.stdout
        stressed = _cli("sensitivity", str(KOHORT_A), "--tahap", "terakhir", "--strategy", "equal-aspects", "--draws", "200", "--format", "json", pythonpath=plugin_site)
        assert stressed.returncode == 0, stressed.stderr
        assert '"draws": 200' in stressed.stdout


class TestCheckStrategy:
    def test_check_strategy_catches_a_bad_strategy(self):
        """The property suite names the property a faulty strategy breaks."""
        import attrs

        @attrs.frozen
        class Reversed:
            name: str = "reversed"

            def score(self, rubrik, p):
                flipped = {k: 4 - v for k, v in p.jawaban.items()}
                return meritsys.WeightedSum().score(rubrik, attrs.evolve(p, jawaban=flipped))

            def score_batch(self, rubrik, kohort):
                return meritsys.WeightedSum().score_batch(rubrik, kohort)

        with pytest.raises(StrategyCheckError, match=r"breaks (bounds|monotonicity|batch)"):
            check_strategy(Reversed(), kasn(), max_examples=20)


class TestPytestPlugin:
    def test_collects_and_reports_diff(self, pytester):
        """Under pytest a file with one passing and one failing case exits 1 with a diff naming the case."""
        pytester.makefile(".toml", test_kebijakan=ONE_PASS_ONE_FAIL)
        result = pytester.runpytest("-p", "no:cacheprovider")
        result.assert_outcomes(passed=1, failed=1)
        assert result.ret == 1
        result.stdout.fnmatch_lines(["*FAIL gagal: Ilustrasi tetap Baik*", "*- harapan: Baik*", "*+ aktual:  Kurang*"])

    def test_ignores_other_toml(self, pytester):
        """TOML files without cases, or not named test*, are not collected."""
        pytester.makefile(".toml", test_lain="x = 1\n", kebijakan=ONE_PASS_ONE_FAIL)
        result = pytester.runpytest("-p", "no:cacheprovider")
        assert result.ret == 5  # no tests collected

    def test_unreadable_file_is_a_failure(self, pytester):
        """A policy file that does not parse fails as one item instead of breaking collection."""
        pytester.makefile(".toml", test_rusak="[[kasus]]\nnama = \n")
        result = pytester.runpytest("-p", "no:cacheprovider")
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(["*not valid TOML*"])
