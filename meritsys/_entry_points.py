"""Entry points of installed plugins, looked up only when a plugin may be there.

Reading entry points through :mod:`importlib.metadata` imports its whole
machinery, which costs a quick command (``meritsys classify``) more than all
of its own work.  :func:`may_declare` first looks, cheaply, for any installed
distribution whose ``entry_points.txt`` names the group; only then are the
entry points read properly.  Anything it cannot look into (a zip file on the
path, an egg) counts as "may declare", so nothing is ever missed.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from typing import Any

__all__ = ["entry_points", "may_declare"]


@cache
def _declared() -> frozenset[str] | None:
    """Every entry-point group named by a distribution on ``sys.path``, or ``None`` if some cannot be read cheaply."""
    groups: set[str] = set()
    for entry in sys.path:
        folder = entry or os.getcwd()
        if not os.path.isdir(folder):
            if os.path.exists(folder):
                return None  # a zip file or the like: ask importlib.metadata
            continue
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if name.endswith(".egg-info") or name.endswith(".egg"):
                return None
            if not name.endswith(".dist-info"):
                continue
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), "rb") as f:  # bytes: a third quicker than text
                    data = f.read()
            except OSError:
                continue
            # a section header's name (text that is not UTF-8 cannot name a meritsys group)
            groups.update(line.strip()[1:-1].strip().decode("utf-8", "replace") for line in data.splitlines() if line.strip().startswith(b"["))
    return frozenset(groups)


def may_declare(group: str) -> bool:
    """Whether some installed distribution may declare entry points in *group*."""
    declared = _declared()
    return declared is None or group in declared


def entry_points(group: str) -> tuple[Any, ...]:
    """The entry points of *group* (empty, without importing :mod:`importlib.metadata`, when none can be there).

    Installed metadata that :mod:`importlib.metadata` cannot read (an
    ``entry_points.txt`` that is not UTF-8, in any package) makes it fail for
    every group: then none is loaded, with a
    :class:`~meritsys.errors.PluginWarning` that says why, and meritsys goes on
    with its own rubrics and strategies.
    """
    if not may_declare(group):
        return ()
    from importlib.metadata import entry_points as read

    try:
        return tuple(read(group=group))
    except (UnicodeDecodeError, OSError) as exc:
        import warnings

        from meritsys.errors import PluginWarning

        warnings.warn(f"the installed packages' entry points cannot be read, so no plugin in {group} is loaded: {type(exc).__name__}: {exc}", PluginWarning, stacklevel=2)
        return ()


def forget() -> None:
    """Look again next time (after installing a plugin in a running process)."""
    _declared.cache_clear()
