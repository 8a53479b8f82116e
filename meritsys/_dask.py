"""Dask, imported only when it is used (extra ``meritsys[dask]``)."""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator
from typing import Any

from meritsys._repr import shown
from meritsys.errors import MeritsysError, Problem, ValidationError

__all__ = ["connect", "module"]

_MISSING = "the Dask path needs the optional dependency: pip install 'meritsys[dask]'"


def module(name: str) -> Any:
    """Import an optional dependency by name (so type checking never needs it installed)."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise MeritsysError(_MISSING) from exc


@contextlib.contextmanager
def connect(address: str) -> Iterator[Any]:
    """A ``distributed.Client`` for the duration of a ``with`` block.

    Args:
        address: A scheduler address (``"tcp://10.0.0.5:8786"``), or ``"local"``
            for a cluster of threads in this process (closed afterwards).

    Raises:
        MeritsysError: if Dask is not installed or the scheduler cannot be reached.
        ValidationError: if *address* is not an address.
    """
    distributed = module("distributed")
    if address == "local":
        with distributed.LocalCluster(processes=False, dashboard_address=":0") as cluster, distributed.Client(cluster) as client:
            yield client
        return
    try:
        client = distributed.Client(address, timeout=30)
    except OSError as exc:
        raise MeritsysError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    except (ValueError, TypeError) as exc:  # distributed's word for an address it cannot parse
        raise ValidationError([Problem("address", f"{shown(address)} is not a Dask scheduler address ({exc})", code="syntax")]) from None
    with client:
        yield client
