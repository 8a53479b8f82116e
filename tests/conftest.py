"""Shared pytest configuration: hypothesis profiles.

Two profiles are registered:

* ``default``: fast, for every local run and CI (about 60 examples per test);
* ``thorough``: 1000 examples per test, for a deliberate long run.

Pick one with the environment variable ``MERITSYS_HYPOTHESIS_PROFILE``
(e.g. ``MERITSYS_HYPOTHESIS_PROFILE=thorough python -m pytest tests``).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("MERITSYS_HYPOTHESIS_PROFILE", "default"))
