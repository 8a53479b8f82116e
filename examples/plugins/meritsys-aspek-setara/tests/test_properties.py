"""The plugin passes meritsys' property suite on both shipped rubrics, and can be planned and stress-tested."""

from pathlib import Path

import pytest
from meritsys_aspek_setara import AspekSetara

import meritsys
from meritsys.testing.properties import check_strategy

DATA = Path(__file__).resolve().parents[3] / "data"
KOHORT = {"kasn-2019": "kohort-kasn-2023.json", "permenpanrb-19-2025": "kohort-permenpanrb-2026.json"}


@pytest.mark.parametrize("rubrik_id", ["kasn-2019", "permenpanrb-19-2025"])
def test_passes_the_property_suite(rubrik_id):
    """Determinism, bounds, monotonicity and batch = single all hold."""
    check_strategy(AspekSetara(), meritsys.get_rubrik(rubrik_id), max_examples=25)


def test_selectable_by_name():
    """Once installed, the strategy is found by its entry-point name."""
    assert isinstance(meritsys.get_strategy("equal-aspects"), AspekSetara)


@pytest.mark.parametrize("rubrik_id", ["kasn-2019", "permenpanrb-19-2025"])
def test_plans_and_sensitivity_run_with_it(rubrik_id):
    """The planner reaches the next category with the plugin's gains, and a sensitivity run redraws its aspect weights."""
    rubrik = meritsys.get_rubrik(rubrik_id)
    items = meritsys.read_penilaian(DATA / KOHORT[rubrik_id])
    rencana = meritsys.plan(items[0], rubrik.kategori[-1].label, rubrik, strategy=AspekSetara())
    assert rencana.tercapai == (rencana.alasan is None)
    assert rencana.akhir.indeks >= rencana.awal.indeks
    hasil = meritsys.sensitivity(rubrik, items, strategy=AspekSetara(), draws=64)
    assert [p.kode for p in hasil.pengaruh] == [a.kode for a in rubrik.aspek]
