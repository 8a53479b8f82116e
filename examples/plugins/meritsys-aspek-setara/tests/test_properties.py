"""The plugin passes meritsys' property suite on both shipped rubrics."""

import pytest
from meritsys_aspek_setara import AspekSetara

import meritsys
from meritsys.testing.properties import check_strategy


@pytest.mark.parametrize("rubrik_id", ["kasn-2019", "permenpanrb-19-2025"])
def test_passes_the_property_suite(rubrik_id):
    """Determinism, bounds, monotonicity and batch = single all hold."""
    check_strategy(AspekSetara(), meritsys.get_rubrik(rubrik_id), max_examples=25)


def test_selectable_by_name():
    """Once installed, the strategy is found by its entry-point name."""
    assert isinstance(meritsys.get_strategy("equal-aspects"), AspekSetara)
