"""The one ``__repr__`` of meritsys's attrs classes prints what attrs's generated one prints."""

from __future__ import annotations

import importlib
import pkgutil

import attrs
import pytest

import meritsys
from meritsys._attrs_repr import fields_repr


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
