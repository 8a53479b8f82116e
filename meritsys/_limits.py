"""The bounds on options that set how much work an analysis does, in one place.

Each is checked where the option enters (the Python function and the command
line alike), with a message naming the option and the allowed range, so a
mistyped option is refused at once instead of running for hours or
exhausting memory.  Importing this module costs nothing (no numpy).
"""

from __future__ import annotations

__all__ = [
    "COST_PLACES",
    "MAX_CHUNK",
    "MAX_DRAWS",
    "MAX_KONSENTRASI",
    "MAX_PLAN_BYTES",
    "MAX_PLAN_STATES",
    "MAX_WORKERS",
    "MIN_AMBANG",
]

MAX_DRAWS = 10_000_000
"""The most draws one sensitivity run makes (a run of 600 agencies costs about 40 s per million draws)."""
MAX_CHUNK = 65_536
"""The most draws scored at once: memory grows with ``chunk x agencies``."""
MAX_WORKERS = 64
"""The most threads scoring chunks side by side."""
MAX_KONSENTRASI = 1e9
"""The largest finite Dirichlet concentration (``math.inf`` keeps the weights instead)."""
MIN_AMBANG = 1e-9
"""The smallest cut-point jitter other than 0 (a finer one moves nothing and only costs)."""
COST_PLACES = 6
"""Planner step costs have at most this many decimal places."""
MAX_PLAN_BYTES = 256 * 1024 * 1024
"""The most memory the planner's search over the shortfall may use: ``(shortfall + 1) x (items + 24)`` bytes."""
MAX_PLAN_STATES = 2_000_000
"""The most (cost, steps) sums the planner's search by cost may hold at once."""
