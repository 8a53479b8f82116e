"""The one ``__repr__``, ``__eq__`` and ``__hash__`` of meritsys's attrs classes do what attrs's generated ones do."""

from __future__ import annotations

import importlib
import pkgutil

import attrs
import pytest

import meritsys
from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr


def _pair(**field_options):
    """The same class twice: with attrs's generated ``__repr__`` and with :func:`fields_repr`."""

    def make(own):
        ns = {"__annotations__": {"a": "int", "_b": "object", "c": "object"}}
        ns["a"] = attrs.field()
        ns["_b"] = attrs.field(**field_options)
        ns["c"] = attrs.field(default=None, init=False)
        if own:
            ns["__repr__"] = fields_repr
        return attrs.define(type("Benda", (), ns))

    return make(False), make(True)


@pytest.mark.parametrize(
    "options",
    [{}, {"repr": False}, {"repr": lambda v: f"<{v}>"}, {"alias": "b"}, {"default": "x"}],
    ids=["plain", "hidden", "own-repr", "alias", "default"],
)
@pytest.mark.parametrize("value", [1, "teks", None, (1, 2), {"k": [1]}])
def test_prints_what_attrs_prints(options, value):
    generated, ours = _pair(**options)
    assert repr(ours(7, value)) == repr(generated(7, value))


def test_an_object_inside_itself_is_shown_as_dots():
    generated, ours = _pair()
    a, b = generated(1, None), ours(1, None)
    a.c, b.c = [a], [b]
    assert repr(b) == repr(a) == "Benda(a=1, _b=None, c=[...])"


def _attrs_classes():
    for info in pkgutil.walk_packages(meritsys.__path__, "meritsys."):
        if info.name.startswith("meritsys.testing") or info.name.endswith(("_dask", "_pandas", "_pandas_write", "_pandas_cells", "_excel_template", "_excel_write")):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and attrs.has(value) and value.__module__ == info.name:
                yield value


def test_every_attrs_class_of_meritsys_uses_it():
    """A new class keeps quick commands quick: it uses the shared ``__repr__`` (or says what it prints itself)."""
    generated = sorted(
        c.__qualname__ for c in _attrs_classes() if c.__repr__ is not fields_repr and c.__repr__.__qualname__.endswith("__repr__") and "attrs generated" in (c.__repr__.__code__.co_filename or "")
    )
    assert generated == []


def _compared_pair(**field_options):
    """The same frozen class twice: with attrs's generated ``__eq__``/``__hash__`` and with the shared ones."""

    def make(own):
        ns = {"__annotations__": {"a": "object", "b": "object", "c": "object"}}
        ns["a"] = attrs.field()
        ns["b"] = attrs.field(**field_options)
        ns["c"] = attrs.field(default=0)
        if own:
            ns["__eq__"], ns["__hash__"] = fields_eq, fields_hash
        return attrs.frozen(type("Benda", (), ns))

    return make(False), make(True)


class _Loud:
    """A value whose comparison is not a bool (the generated ``__eq__`` hands it back as it is)."""

    def __init__(self, truth):
        self.truth = truth

    def __eq__(self, other):
        return _Truth(self.truth and other.truth)

    __hash__ = object.__hash__


class _Truth:
    def __init__(self, value):
        self.value = value

    def __bool__(self):
        return self.value


@pytest.mark.parametrize(
    "options",
    [{}, {"eq": False}, {"eq": str.lower}, {"hash": False}, {"eq": True, "hash": False}],
    ids=["plain", "not-compared", "key", "not-hashed", "compared-not-hashed"],
)
@pytest.mark.parametrize(
    ("left", "right"),
    [(("x", "A"), ("x", "A")), (("x", "A"), ("x", "a")), (("x", "A"), ("y", "A")), (("x", "A"), ("x", "B")), ((1, "A"), (1.0, "A")), ((float("nan"), "A"), (float("nan"), "A"))],
)
def test_compares_and_hashes_as_attrs_does(options, left, right):
    generated, ours = _compared_pair(**options)
    g1, g2, o1, o2 = generated(*left), generated(*right), ours(*left), ours(*right)
    assert (o1 == o2) == (g1 == g2)
    assert (o1 != o2) == (g1 != g2)
    assert (hash(o1) == hash(o2)) == (hash(g1) == hash(g2))
    assert (o1 == o1) == (g1 == g1)  # a NaN field: unequal to itself, field by field, as attrs compares
    assert o1.__eq__(left) is NotImplemented
    assert o1 != left


def test_an_object_of_another_class_is_not_equal_even_with_the_same_fields():
    _, ours = _compared_pair()
    _, other = _compared_pair()
    assert ours(1, 2) != other(1, 2)
    assert ours(1, 2).__eq__(other(1, 2)) is NotImplemented


def test_the_first_differing_comparison_is_handed_back_as_attrs_does():
    generated, ours = _compared_pair()
    g = generated(_Loud(False), 1) == generated(_Loud(False), 1)
    o = ours(_Loud(False), 1) == ours(_Loud(False), 1)
    assert type(g) is type(o) is _Truth
    assert not g
    assert not o


def test_every_compared_frozen_class_of_meritsys_uses_the_shared_eq_and_hash():
    """A new frozen class keeps quick commands quick: it compares and hashes with the shared functions."""
    exceptions = {
        "Akumulator": "mutable (unhashable), built only by the sensitivity engine",
        "_Setup": "caches its hash (cache_hash=True), built once per rubric",
    }
    generated = sorted(
        c.__qualname__
        for c in _attrs_classes()
        if c.__qualname__ not in exceptions
        and any("attrs generated" in getattr(getattr(c.__dict__.get(name), "__code__", None), "co_filename", "") for name in ("__eq__", "__hash__"))
    )
    assert generated == []


@pytest.mark.parametrize("sub_eq", [True, False], ids=["subclass-compared", "subclass-eq-false"])
def test_a_subclass_compares_as_attrs_makes_it_compare(sub_eq):
    """A subclass compared by attrs compares its own fields; one declared ``eq=False`` inherits its base's comparison of the base's fields."""
    results = []
    for base in _compared_pair():
        sub = attrs.frozen(type("Anak", (base,), {"__annotations__": {"d": "object"}, "d": attrs.field(default=0)}), eq=sub_eq)
        one, two, three = sub(1, 2, d="x"), sub(1, 2, d="y"), sub(1, 3, d="x")
        results.append((one == two, one == three, hash(one) == hash(two), one == base(1, 2), one.__eq__(base(1, 2))))
    assert results[0] == results[1]
