"""The direct way in: a clean document builds the same object as the cattrs path, and anything else falls back to it."""

import copy
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import meritsys
from meritsys.errors import ValidationError
from meritsys.io import structure, unstructure
from meritsys.io._converter import structure_checked
from meritsys.io._direct import UNBUILT, build
from meritsys.model import Hasil, Penilaian, Rubrik
from meritsys.testing.generators import penilaian, rubrik


def _same_outcome(data, cls):
    """structure() and the cattrs path agree: the same object, or the same problems."""
    try:
        expected = structure_checked(copy.deepcopy(data), cls)
    except ValidationError as exc:
        problems = exc.problems
    else:
        assert structure(data, cls) == expected
        return
    with pytest.raises(ValidationError) as info:
        structure(data, cls)
    assert info.value.problems == problems
    assert build(copy.deepcopy(data), cls) is UNBUILT


# Small damage to a document: a value swapped for another type, a key removed or added.
_ODD = st.sampled_from([None, 1, 1.5, True, "x", "", [], {}, "1e999", Decimal("2"), ["a"], {"x": 1}])


@st.composite
def _damaged(draw, data):
    data = copy.deepcopy(data)
    node, path = data, []
    for _ in range(draw(st.integers(0, 4))):
        children = list(node.items()) if isinstance(node, dict) else list(enumerate(node)) if isinstance(node, list) else []
        if not children:
            break
        key, child = draw(st.sampled_from(children))
        if not isinstance(child, dict | list):
            break
        node, path = child, [*path, key]
    if isinstance(node, dict) and node:
        key = draw(st.sampled_from(sorted(node, key=str)))
        action = draw(st.sampled_from(["replace", "drop", "add"]))
        if action == "replace":
            node[key] = draw(_ODD)
        elif action == "drop":
            del node[key]
        else:
            node[draw(st.sampled_from(["tambahan", "Kode", key + "_"]))] = draw(_ODD)
    elif isinstance(node, list) and node:
        node[draw(st.integers(0, len(node) - 1))] = draw(_ODD)
    return data


class TestDirect:
    @given(st.data())
    def test_assessments_build_as_cattrs_builds_them(self, data):
        """Valid assessments of either shipped rubric are built directly, equal to the cattrs result."""
        p = data.draw(penilaian(data.draw(st.sampled_from(["kasn-2019", "permenpanrb-19-2025"]))))
        doc = unstructure(p)
        assert build(copy.deepcopy(doc), Penilaian) == p
        _same_outcome(doc, Penilaian)

    @given(st.data())
    def test_damaged_assessments_are_reported_as_before(self, data):
        """A damaged assessment document gives exactly the cattrs path's object or problems."""
        p = data.draw(penilaian("permenpanrb-19-2025"))
        _same_outcome(data.draw(_damaged(unstructure(p))), Penilaian)

    @given(st.data())
    def test_rubrics_and_damaged_rubrics(self, data):
        """Random rubrics build directly; damaged ones report exactly what the cattrs path reports."""
        r = data.draw(rubrik())
        doc = unstructure(r)
        assert build(copy.deepcopy(doc), Rubrik) == r
        _same_outcome(data.draw(_damaged(doc)), Rubrik)

    def test_results_load_back(self):
        """Every explained result of the example cohorts loads back directly, equal to itself."""
        items = meritsys.read_penilaian("examples/data/kohort-permenpanrb-2026.json")
        for h in meritsys.score_many(items):
            assert build(unstructure(h), Hasil) == h

    def test_a_clean_document_needs_no_cattrs(self):
        """Reading the shipped rubrics and a clean file does not import cattrs (the quick commands stay quick)."""
        import subprocess
        import sys

        code = (
            "import sys, meritsys\n"
            "meritsys.get_rubrik('kasn-2019'); meritsys.read_penilaian('examples/data/kohort-kasn-2023.json')\n"
            "print('cattrs' in sys.modules)"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert out.stdout.strip() == "False"
