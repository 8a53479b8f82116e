"""A deliberately broken meritsys plugin, for the documentation of broken plugins: see its ``pyproject.toml``."""
