"""Tools for people who extend or test with meritsys.

- :mod:`meritsys.testing.pytest_plugin`: collects policy test files (loaded by
  pytest automatically when meritsys is installed).
- :mod:`meritsys.testing.generators`: hypothesis strategies that generate valid
  assessments for any rubric (needs ``hypothesis``: ``pip install meritsys[testing]``).
- :mod:`meritsys.testing.properties`: :func:`check_strategy`, the property suite a
  custom scoring strategy must pass.

This package imports neither pytest nor hypothesis itself; its submodules do.
"""
