"""Shared pytest configuration: hypothesis profiles.

Three profiles are registered:

* ``default``: fast, for every local run (about 60 examples per test);
* ``ci``: 300 examples per test; ``.ci/run`` runs the property suites with it;
* ``thorough``: 1000 examples per test, for a deliberate long run.

Pick one with the environment variable ``MERITSYS_HYPOTHESIS_PROFILE``
(e.g. ``MERITSYS_HYPOTHESIS_PROFILE=thorough python -m pytest tests``).
"""

from __future__ import annotations

import os
import sys

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile(
    "thorough",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("MERITSYS_HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def plugins(tmp_path, monkeypatch):
    """Install entry points from a throwaway distribution on sys.path; forget them afterwards.

    ``plugins(module, source, entry_points)`` writes ``module.py`` (unless
    *source* is None) and a ``*.dist-info`` folder with *entry_points* as its
    ``entry_points.txt``, then reloads the plugin registries.
    """
    from meritsys.scoring import reload_plugins

    modules: list[str] = []

    def install(module: str, source: str | None, entry_points: str) -> None:
        if source is not None:
            (tmp_path / f"{module}.py").write_text(source)
        dist = tmp_path / f"{module}-0.1.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1\n")
        (dist / "entry_points.txt").write_text(entry_points)
        modules.append(module)
        monkeypatch.syspath_prepend(str(tmp_path))
        reload_plugins()

    yield install
    monkeypatch.undo()
    for name in modules:
        sys.modules.pop(name, None)
    reload_plugins()
