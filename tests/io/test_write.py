"""The fast way out: plain data and JSON text exactly as the converter and json.dumps make them."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import meritsys
from meritsys.io import dumps, unstructure
from meritsys.io._converter import unstructure as with_converter
from meritsys.io._write import plain, write_json
from meritsys.testing.generators import penilaian, rubrik


def _agree(obj):
    expected = with_converter(obj)
    assert plain(obj) == expected
    assert unstructure(obj) == expected
    for indent in (2, None, 0):
        assert write_json(obj, indent=indent) == json.dumps(expected, ensure_ascii=False, indent=indent)


class TestWrite:
    @given(st.data())
    def test_random_results_assessments_and_rubrics(self, data):
        """Results (explained, with shared parts), assessments (defaults left out) and rubrics of random rubrics."""
        r = data.draw(rubrik())
        items = data.draw(st.lists(penilaian(r), min_size=1, max_size=3))
        strategy = "weighted-sum" if r.komposisi is None else "maturity"
        results = [meritsys.score(p, r, strategy=strategy) for p in items]
        _agree(results)
        _agree(items)
        _agree(r)

    def test_shipped_cohorts(self):
        """The example cohorts' results, as `meritsys score --format json` writes them."""
        for name in ("kohort-kasn-2023.json", "kohort-permenpanrb-2026.json"):
            _agree(list(meritsys.score_many(meritsys.read_penilaian(f"examples/data/{name}"))))

    def test_plain_data_is_written_as_json_writes_it(self):
        """Plain data (no model object in it) is written as json.dumps writes it."""
        value = {"a": [1, 2]}
        assert dumps(value) == json.dumps(value, indent=2)

    def test_a_shared_part_is_written_at_each_depth(self):
        """The same part at two nesting depths is indented for each."""
        h = meritsys.score_many(meritsys.read_penilaian("examples/data/kohort-kasn-2023.json"))[0]
        text = dumps([h, [h]])
        assert json.loads(text) == [unstructure(h), [unstructure(h)]]
        assert text == json.dumps([unstructure(h), [unstructure(h)]], ensure_ascii=False, indent=2)


@pytest.mark.parametrize("indent", [2, None])
def test_dumps_is_json_dumps_of_unstructure(indent):
    """The public dumps() is json.dumps of unstructure(), whatever the indent."""
    items = meritsys.read_penilaian("examples/data/kohort-kasn-2023.json")
    assert dumps(items, indent=indent) == json.dumps(unstructure(items), ensure_ascii=False, indent=indent)
