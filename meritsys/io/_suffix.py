"""Which reader a file needs, by its suffix (imports nothing: a quick command asks before it reads)."""

from __future__ import annotations

import os

__all__ = ["looks_like_csv", "looks_like_xlsx"]


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
