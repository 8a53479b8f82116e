"""A read-only, hashable mapping for the frozen model classes."""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
from typing import Any, TypeVar, overload

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")


class FrozenMap(Mapping[K, V]):
    """An immutable mapping that keeps insertion order and can be hashed.

    Examples:
        >>> m = FrozenMap({"1.1": 3})
        >>> m["1.1"], dict(m), hash(m) == hash(FrozenMap({"1.1": 3}))
        (3, {'1.1': 3}, True)
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[K, V] | None = None) -> None:
        self._data: dict[K, V] = dict(data) if data is not None else {}
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    # Direct delegation: the Mapping mixins go through __getitem__ one key at a time.
    def __contains__(self, key: object) -> bool:
        return key in self._data

    @overload
    def get(self, key: K, /) -> V | None: ...
    @overload
    def get(self, key: K, default: V | T, /) -> V | T: ...
    def get(self, key: K, default: Any = None, /) -> Any:
        return self._data.get(key, default)

    def items(self) -> ItemsView[K, V]:
        return self._data.items()

    def keys(self) -> KeysView[K]:
        return self._data.keys()

    def values(self) -> ValuesView[V]:
        return self._data.values()

    def __reduce__(self) -> tuple[Any, ...]:
        # the data only: a cached hash of strings is only valid in the process that made it
        return (FrozenMap, (self._data,))

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"


def underlying(value: FrozenMap[K, V]) -> Mapping[K, V]:
    """The dict behind *value*, for the library's own hot loops (its methods run in C); never mutated."""
    return value._data


def freeze_map(value: Mapping[Any, Any] | None) -> FrozenMap[Any, Any]:
    """Converter: any mapping (or ``None``) to a :class:`FrozenMap`."""
    from meritsys.errors import ValidationError

    if isinstance(value, FrozenMap):
        return value
    if value is None:
        return FrozenMap()
    if not isinstance(value, Mapping):
        raise ValidationError(f"expected a mapping, got {type(value).__name__}", code="type")
    return FrozenMap(value)


def freeze_evidence(value: Mapping[str, Any] | None) -> FrozenMap[str, tuple[str, ...]]:
    """Converter: a mapping of code to evidence references, lists frozen to tuples."""
    from meritsys.errors import Problem, ValidationError

    if value is None:
        return FrozenMap()
    if not isinstance(value, Mapping):
        raise ValidationError(f"expected a mapping, got {type(value).__name__}", code="type")
    out: dict[str, tuple[str, ...]] = {}
    problems = []
    for key, refs in value.items():
        if isinstance(refs, str) or not isinstance(refs, list | tuple) or not all(isinstance(r, str) for r in refs):
            problems.append(Problem(f'["{key}"]', "must be a list of evidence references (strings)", code="type"))
            continue
        out[key] = tuple(refs)
    if problems:
        raise ValidationError(problems)
    return FrozenMap(out)
