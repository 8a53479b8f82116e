"""Which reader a file needs, by its suffix, and a file's name: asked before anything is read, so nothing is imported for it.

:func:`file_name` and :func:`has_suffix` answer as :class:`pathlib.PurePath`
does, whose import (with :mod:`urllib.parse` and :mod:`ipaddress`) costs a
quick command about as much as all its own work; an unusual path (one ending
in a separator or ``.``) is handed to :mod:`pathlib` itself.
"""

from __future__ import annotations

import os

__all__ = ["file_name", "has_suffix", "looks_like_csv", "looks_like_xlsx"]


def file_name(path: str | os.PathLike[str]) -> str:
    """``PurePath(path).name``: the last part of *path*.

    Examples:
        >>> file_name("examples/data/kohort.json"), file_name("data/kohort.json/")
        ('kohort.json', 'kohort.json')
    """
    text = os.fspath(path)
    name = os.path.basename(text)
    if name and name != ".":
        return name
    from pathlib import PurePath  # a path ending in a separator or "."

    return PurePath(text).name


def has_suffix(path: str | os.PathLike[str], *suffixes: str) -> bool:
    """Whether ``PurePath(path).suffix.lower()`` is one of *suffixes* (each a dot and lower-case letters, such as ``".json"``).

    Examples:
        >>> has_suffix("rubrik.TOML", ".toml"), has_suffix(".json", ".json"), has_suffix("a.json.bak", ".json")
        (True, False, False)
    """
    name = file_name(path).lower()
    return any(name.endswith(suffix) and len(name) > len(suffix) for suffix in suffixes)


def looks_like_csv(path: str | os.PathLike[str]) -> bool:
    """Whether *path* names a CSV file (by its suffix).

    Examples:
        >>> looks_like_csv("kohort.CSV"), looks_like_csv("kohort.json")
        (True, False)
    """
    return os.fspath(path).lower().endswith((".csv", ".tsv", ".txt"))


def looks_like_xlsx(path: str | os.PathLike[str]) -> bool:
    """Whether *path* names an Excel workbook (by its suffix).

    Examples:
        >>> looks_like_xlsx("kertas-kerja.xlsx"), looks_like_xlsx("kohort.csv")
        (True, False)
    """
    return os.fspath(path).lower().endswith((".xlsx", ".xlsm"))
