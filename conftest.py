"""Doctests that need an optional dependency are skipped where it is not installed.

The documentation pages and docstrings about pandas (``docs/pandas.md``,
``Kohort.from_pandas``, ``SkorBatch.to_pandas`` ...) run as doctests wherever
pandas is installed, as it is in the ``test`` dependency group CI installs.
"""

from __future__ import annotations

import importlib.util

import pytest

_OPTIONAL = {"pandas": "pandas"}
"""Word in a doctest's name -> the module it needs."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if not isinstance(item, pytest.DoctestItem):
            continue
        for word, module in _OPTIONAL.items():
            if word in item.name and importlib.util.find_spec(module) is None:
                item.add_marker(pytest.mark.skip(reason=f"needs {module} (pip install 'meritsys[{word}]')"))
