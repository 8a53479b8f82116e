"""The installed meritsys version, from the package metadata."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("meritsys")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0+unknown"
