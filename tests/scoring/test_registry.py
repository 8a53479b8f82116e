"""The strategy and classifier registries: built-ins, plugins by entry point, broken and clashing plugins."""

from decimal import Decimal

import pytest

from meritsys import BandClassifier, MaturityIndex, PluginError, PluginWarning, score
from meritsys.scoring import (
    get_classifier,
    get_strategy,
    list_classifiers,
    list_strategies,
    reload_plugins,
)
from tests.helpers import broken_dist, penilaian_a


class TestRegistry:
    def test_builtins(self):
        """The built-in strategies are listed and selectable by name."""
        assert {"maturity", "weighted-sum"} <= set(list_strategies())
        assert isinstance(get_strategy("maturity"), MaturityIndex)

    def test_unknown(self):
        """An unknown strategy name lists the available ones."""
        with pytest.raises(PluginError, match=r"available: .*weighted-sum"):
            get_strategy("median")


STRATEGY_MODULE = '''
import attrs
from meritsys import BandClassifier, WeightedSum


@attrs.frozen
class Salinan:
    name: str = "salinan"

    def score(self, rubrik, penilaian):
        return WeightedSum().score(rubrik, penilaian)

    def score_batch(self, rubrik, kohort):
        return WeightedSum().score_batch(rubrik, kohort)


class Setengah:
    name = "setengah"


@attrs.frozen
class Pita(BandClassifier):
    name: str = "pita"
'''


class TestStrategyPlugins:
    def test_plugin_strategy_and_classifier_are_found(self, plugins):
        """Installed strategies and classifiers are listed and made by name."""
        plugins("uji_strategi", STRATEGY_MODULE,
                "[meritsys.strategies]\nsalinan = uji_strategi:Salinan\n[meritsys.classifiers]\npita = uji_strategi:Pita\n")
        assert "salinan" in list_strategies()
        assert get_strategy("salinan").name == "salinan"
        assert score(penilaian_a(3), strategy="salinan").indeks == Decimal(300)
        assert {"band", "pita"} <= set(list_classifiers())
        assert get_classifier("pita").name == "pita"

    def test_plugin_lacking_methods_is_refused(self, plugins):
        """A plugin object without the protocol's methods is a PluginError naming what is needed."""
        plugins("uji_setengah", STRATEGY_MODULE,
                "[meritsys.strategies]\nsetengah = uji_setengah:Setengah\n[meritsys.classifiers]\nsetengah = uji_setengah:Setengah\n")
        with pytest.raises(PluginError, match=r"^strategy 'setengah' lacks name, score or score_batch$"):
            get_strategy("setengah")
        with pytest.raises(PluginError, match=r"^classifier 'setengah' lacks name or classify$"):
            get_classifier("setengah")

    def test_broken_classifier_plugin_warns(self, plugins):
        """A classifier plugin that fails to import is a warning naming it; the built-in still works."""
        plugins("uji_kosong", "", "[meritsys.classifiers]\nrusak = uji_kosong:TidakAda\n")
        with pytest.warns(PluginWarning, match=r"plugin 'rusak' \(uji_kosong:TidakAda\) in meritsys.classifiers failed to load: AttributeError"):
            names = list_classifiers()
        assert ("band" in names, "rusak" in names) == (True, False)
        assert isinstance(get_classifier("band"), BandClassifier)

    def test_unknown_classifier(self):
        """An unknown classifier name lists the available ones."""
        with pytest.raises(PluginError, match=r"^no classifier 'median'; available: .*band"):
            get_classifier("median")

    def test_reload_forgets_uninstalled_plugins(self, plugins, monkeypatch):
        """After a plugin is removed from the path, reload_plugins stops offering it."""
        plugins("uji_hapus", STRATEGY_MODULE, "[meritsys.strategies]\nsalinan = uji_hapus:Salinan\n")
        assert "salinan" in list_strategies()
        monkeypatch.undo()
        assert "salinan" in list_strategies()  # looked up once per process
        reload_plugins()
        assert "salinan" not in list_strategies()

    def test_broken_strategy_warns_and_the_rest_works(self, tmp_path, monkeypatch):
        """A plugin that fails to import is a warning naming it; built-ins still work."""
        broken_dist(tmp_path, "meritsys.strategies", "tidak_ada_modul:Strategi")
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

    def test_plugin_named_like_a_built_in_is_reported(self, plugins):
        """A strategy plugin reusing a built-in's name is not silently shadowed: a PluginWarning names it."""
        plugins("strategi_bayangan", "class S:\n    pass\n", "[meritsys.strategies]\nweighted-sum = strategi_bayangan:S\n")
        with pytest.warns(PluginWarning, match="'weighted-sum' .*has the name of a built-in"):
            names = list_strategies()
        assert names.count("weighted-sum") == 1
        assert get_strategy("weighted-sum").name == "weighted-sum"
