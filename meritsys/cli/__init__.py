"""The ``meritsys`` command: a stable, scriptable contract over the library.

One module per command (``_score``, ``_classify``, ``_validate``, ``_rubrik``,
``_compare``, ``_plan``, ``_sensitivity``, ``_test``, ``_demo``,
``_strategies``); tabular output goes through one row model (``_rows``) that
the table, CSV and JSON outputs share.  Exit status: 0 success; 1 invalid
input (a message on stderr, no traceback); 2 wrong usage.
"""

from meritsys.cli._app import main

__all__ = ["main"]
