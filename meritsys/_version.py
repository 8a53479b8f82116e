"""The meritsys version: one literal, which the build reads too (``[tool.hatch.version]``).

A literal rather than ``importlib.metadata.version()``: that call imports the
whole metadata machinery, which costs a quick command more time than all of
its own work.
"""

__version__ = "0.1.0.dev0"
