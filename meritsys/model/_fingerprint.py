"""A rubric's content hash: equal rubrics, equal hash, whatever file or layout they came from.

The hash is the SHA-256 of a canonical JSON of the rubric's fields: keys
sorted, no insignificant whitespace, decimals in their plain normalised form
(``100``, ``100.0`` and ``1E+2`` are one number) and every default written out.
It uses only the model and the standard library, so scoring can record it
without importing the I/O layer.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from meritsys._cache import per_object
from meritsys._numbers import fmt
from meritsys.model._frozen import FrozenMap
from meritsys.model._rubrik import Rubrik

if TYPE_CHECKING:
    from meritsys.model._hasil import RubrikRef

__all__ = ["rubrik_ref", "rubrik_sha256"]


_FIELDS: dict[type, tuple[str, ...] | None] = {}
"""Each type met: its attrs field names, or ``None`` for a type that is not an attrs class."""
_PLAIN = (str, int, bool, float, type(None))


def _canonical(value: Any) -> Any:
    tp = type(value)
    if tp in _PLAIN:
        return value
    try:
        names = _FIELDS[tp]
    except KeyError:
        names = _FIELDS[tp] = tuple(f.name for f in attrs.fields(tp)) if attrs.has(tp) else None
    if names is not None:
        return {name: _canonical(getattr(value, name)) for name in names}
    if isinstance(value, Decimal):
        return fmt(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, FrozenMap | dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_canonical(v) for v in value]
    return value


@per_object
def rubrik_sha256(rubrik: Rubrik) -> str:
    """Return the SHA-256 hex digest of the rubric's canonical content (cached per object).

    Equal rubrics have equal hashes: a weight written ``"100"`` in one file and
    ``"100.0"`` in another is the same number.

    Examples:
        >>> from meritsys.rubrics import get_rubrik
        >>> len(rubrik_sha256(get_rubrik("kasn-2019")))
        64
    """
    # Imported here: the model layer reads and writes no files (the hash is its one use of a
    # serialiser), and OpenSSL would cost a quick command a noticeable part of its start-up.
    import hashlib
    import json

    text = json.dumps(_canonical(rubrik), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@per_object
def rubrik_ref(rubrik: Rubrik) -> RubrikRef:
    """Which rubric this is, for a result's provenance: its id, content hash and reforms."""
    # the result's classes are imported here: reading or classifying needs none of them
    from meritsys.model._hasil import RubrikRef

    return RubrikRef(rubrik.id, rubrik_sha256(rubrik), rubrik.reform)
