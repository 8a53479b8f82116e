"""FrozenMap: the immutable mapping every model class stores its mappings in."""

import copy
import os
import pickle
import subprocess
import sys

import pytest

from meritsys.model import FrozenMap, Gerbang


class TestFrozenMap:
    def test_reads_like_a_mapping_in_insertion_order(self):
        """A FrozenMap answers lookups, len, membership and views like a dict, in insertion order."""
        m = FrozenMap({"b": 2, "a": 1})
        assert (m["a"], len(m), list(m), "a" in m, "z" in m) == (1, 2, ["b", "a"], True, False)
        assert (list(m.keys()), list(m.values()), list(m.items())) == (
            ["b", "a"],
            [2, 1],
            [("b", 2), ("a", 1)],
        )
        assert (m.get("a"), m.get("z"), m.get("z", 0)) == (1, None, 0)

    def test_missing_key_raises_key_error(self):
        """Looking up an absent key raises KeyError, as a mapping must."""
        with pytest.raises(KeyError, match="z"):
            FrozenMap({"a": 1})["z"]

    def test_empty_by_default(self):
        """FrozenMap() is an empty mapping."""
        assert (len(FrozenMap()), dict(FrozenMap())) == (0, {})

    def test_item_assignment_and_deletion_are_refused(self):
        """A FrozenMap cannot be changed through item assignment or deletion."""
        m = FrozenMap({"a": 1})
        with pytest.raises(TypeError):
            m["a"] = 2  # type: ignore[index]
        with pytest.raises(TypeError):
            del m["a"]  # type: ignore[attr-defined]
        assert dict(m) == {"a": 1}

    def test_has_no_mutating_methods(self):
        """None of dict's mutating methods exist on a FrozenMap."""
        m = FrozenMap({"a": 1})
        for name in ("update", "pop", "popitem", "clear", "setdefault", "__setitem__", "__delitem__"):
            assert not hasattr(m, name), name

    def test_copies_its_input(self):
        """Changing the dict a FrozenMap was built from does not change the FrozenMap."""
        source = {"a": 1}
        m = FrozenMap(source)
        source["b"] = 2
        del source["a"]
        assert dict(m) == {"a": 1}

    def test_equal_to_any_mapping_with_the_same_items(self):
        """A FrozenMap equals a dict or FrozenMap with the same items, whatever their order."""
        m = FrozenMap({"a": 1, "b": 2})
        assert m == {"b": 2, "a": 1}
        assert m == FrozenMap({"b": 2, "a": 1})
        assert m != {"a": 1}
        assert m != {"a": 1, "b": 2, "c": 3}
        assert m != {"a": 1, "b": 3}

    def test_not_equal_to_non_mappings(self):
        """A FrozenMap never equals something that is not a mapping, even with the same pairs."""
        m = FrozenMap({"a": 1})
        assert m != [("a", 1)]
        assert m != "a"
        assert FrozenMap() != None  # noqa: E711

    def test_equal_maps_hash_equal_and_work_as_keys(self):
        """Equal FrozenMaps hash alike, so they can be set members and dict keys."""
        a, b = FrozenMap({"x": 1, "y": 2}), FrozenMap({"y": 2, "x": 1})
        assert hash(a) == hash(b)
        assert hash(a) == hash(a)
        assert len({a, b}) == 1
        assert {a: "ok"}[b] == "ok"

    def test_unhashable_values_make_it_unhashable(self):
        """A FrozenMap holding a list cannot be hashed (it would not be immutable)."""
        with pytest.raises(TypeError, match="unhashable"):
            hash(FrozenMap({"a": [1]}))

    def test_repr_shows_the_items(self):
        """The repr names the class and shows the items."""
        assert repr(FrozenMap({"a": 1})) == "FrozenMap({'a': 1})"

    def test_copy_and_pickle_round_trip(self):
        """A FrozenMap survives copy.deepcopy and pickling as an equal, hashable map."""
        m = FrozenMap({"a": 1})
        hash(m)
        for again in (copy.deepcopy(m), pickle.loads(pickle.dumps(m))):
            assert again == m
            assert hash(again) == hash(m)

    def test_unpickled_in_another_process_hashes_like_a_fresh_map(self, tmp_path):
        """A FrozenMap hashed, pickled and loaded in a process with another hash seed equals and hashes like a fresh one."""
        dump = tmp_path / "m.pkl"
        write = (
            "import pickle, sys; from meritsys.model import FrozenMap; m = FrozenMap({'ya': 'Ya'}); hash(m); "
            "open(sys.argv[1], 'wb').write(pickle.dumps(m))"
        )
        read = (
            "import pickle, sys; from meritsys.model import FrozenMap; m = pickle.load(open(sys.argv[1], 'rb')); "
            "print(m in {FrozenMap({'ya': 'Ya'})})"
        )
        subprocess.run(
            [sys.executable, "-c", write, str(dump)], check=True, env={**os.environ, "PYTHONHASHSEED": "1"}
        )
        out = subprocess.run(
            [sys.executable, "-c", read, str(dump)],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": "2"},
            capture_output=True,
            text=True,
        )
        assert out.stdout.strip() == "True"

    def test_model_mappings_are_frozen(self):
        """Mappings handed to model classes are stored as FrozenMaps the caller cannot change."""
        opsi = {"ya": "Ya", "tidak": "Tidak"}
        g = Gerbang("g", "Ada?", opsi)
        opsi["mungkin"] = "Mungkin"
        assert isinstance(g.opsi, FrozenMap)
        assert list(g.opsi) == ["ya", "tidak"]
        assert Gerbang("g", "Ada?", FrozenMap({"ya": "Ya", "tidak": "Tidak"})) == g
