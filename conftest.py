"""Doctests that need an optional dependency are skipped where it cannot be imported.

The documentation page and docstrings about pandas (``docs/pandas.md``,
``Kohort.from_pandas``, ``SkorBatch.to_pandas`` ...) run as doctests wherever
pandas imports, as it does with the ``test`` dependency group CI installs; the
page's Parquet example needs pyarrow too (which, at its newest, does not import
beside the lowest numpy meritsys allows).
"""

from __future__ import annotations

import functools
import importlib

import pytest

_NEEDS = (("pandas.md", ("pandas", "pyarrow")), ("pandas", ("pandas",)))
"""Text in a doctest's name -> the modules it needs (the first match applies)."""


@functools.cache
def _imports(module: str) -> bool:
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if not isinstance(item, pytest.DoctestItem):
            continue
        needed = next((modules for word, modules in _NEEDS if word in item.name), ())
        missing = [m for m in needed if not _imports(m)]
        if missing:
            item.add_marker(pytest.mark.skip(reason=f"needs {', '.join(missing)} (pip install 'meritsys[pandas]' pyarrow)"))
