"""Tools for people who extend or test with meritsys.

- :mod:`meritsys.testing.pytest_plugin`: collects policy test files (loaded by
  pytest automatically when meritsys is installed).
- :mod:`meritsys.testing.generators`: hypothesis strategies that generate valid
  assessments for any rubric.
- :mod:`meritsys.testing.properties`: :func:`~meritsys.testing.properties.check_strategy`,
  the property suite a custom scoring strategy must pass.

The last two need ``hypothesis`` (``pip install meritsys[testing]``); this
package itself imports neither pytest nor hypothesis.
"""
