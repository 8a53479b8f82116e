"""The strategy and classifier registries: built-ins plus entry-point plugins.

Third-party packages register a strategy under the entry-point group
``meritsys.strategies`` (and a classifier under ``meritsys.classifiers``); the
entry point names a class or factory called with no arguments.  A plugin that
fails to import is reported once as a :class:`PluginWarning` naming it, and
does not break anything else.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable
from functools import cache
from typing import Any

from meritsys._entry_points import entry_points
from meritsys._repr import shown
from meritsys.errors import PluginError, PluginWarning
from meritsys.model import Rubrik
from meritsys.scoring._protocols import Classifier, ScoringStrategy

__all__ = [
    "get_classifier",
    "get_strategy",
    "list_classifiers",
    "list_strategies",
    "reload_plugins",
    "resolve_strategy",
]

STRATEGY_GROUP = "meritsys.strategies"
CLASSIFIER_GROUP = "meritsys.classifiers"

def _builtin(path: str) -> Callable[[], Any]:
    """A built-in's class, imported when it is first made (so a quick command imports only what it uses)."""
    module, _, name = path.rpartition(":")

    def make() -> Any:
        return getattr(importlib.import_module(module), name)()

    return make


_BUILTIN_STRATEGIES: dict[str, Callable[[], Any]] = {
    "weighted-sum": _builtin("meritsys.scoring._weighted_sum:WeightedSum"),
    "maturity": _builtin("meritsys.scoring._maturity:MaturityIndex"),
    "geometric-mean": _builtin("meritsys.scoring._geometric:GeometricMean"),
    "weakest-aspect-cap": _builtin("meritsys.scoring._weakest:WeakestAspectCap"),
}
_BUILTIN_CLASSIFIERS: dict[str, Callable[[], Any]] = {"band": _builtin("meritsys.scoring._classifier:BandClassifier")}
_defaults: dict[str, Any] = {}
_BUILTINS = {STRATEGY_GROUP: _BUILTIN_STRATEGIES, CLASSIFIER_GROUP: _BUILTIN_CLASSIFIERS}


@cache
def _plugins(group: str) -> dict[str, Callable[[], Any]]:
    found: dict[str, Callable[[], Any]] = {}
    for ep in entry_points(group=group):
        if ep.value.startswith("meritsys."):
            continue  # our own built-ins, registered for discoverability
        if ep.name in _BUILTINS[group]:
            warnings.warn(
                f"plugin {ep.name!r} ({ep.value}) in {group} has the name of a built-in, which is used instead; rename the plugin",
                PluginWarning,
                stacklevel=3,
            )
            continue
        try:
            found[ep.name] = ep.load()
        except Exception as exc:  # a broken plugin must not break meritsys
            warnings.warn(
                f"plugin {ep.name!r} ({ep.value}) in {group} failed to load: {type(exc).__name__}: {exc}",
                PluginWarning,
                stacklevel=3,
            )
    return found


def _factories(group: str, builtin: dict[str, Callable[[], Any]]) -> dict[str, Callable[[], Any]]:
    return {**_plugins(group), **builtin}


def list_strategies() -> tuple[str, ...]:
    """Names of every available strategy, built-in and installed."""
    return tuple(sorted(_factories(STRATEGY_GROUP, _BUILTIN_STRATEGIES)))


def list_classifiers() -> tuple[str, ...]:
    """Names of every available classifier, built-in and installed."""
    return tuple(sorted(_factories(CLASSIFIER_GROUP, _BUILTIN_CLASSIFIERS)))


def get_strategy(name: str) -> ScoringStrategy:
    """Return a new instance of the strategy registered as *name*.

    Raises:
        PluginError: if no strategy has that name, or it does not satisfy
            :class:`~meritsys.scoring._protocols.ScoringStrategy`.

    Examples:
        >>> get_strategy("weighted-sum").name
        'weighted-sum'
    """
    if name in _BUILTIN_STRATEGIES:
        # built-ins satisfy the protocol by construction; skip the (slow) structural check
        obj: ScoringStrategy = _BUILTIN_STRATEGIES[name]()
        return obj
    factories = _factories(STRATEGY_GROUP, _BUILTIN_STRATEGIES)
    if name not in factories:
        raise PluginError(f"no strategy {name!r}; available: {', '.join(sorted(factories))}")
    made = factories[name]()
    if not isinstance(made, ScoringStrategy):
        raise PluginError(f"strategy {name!r} lacks name, score or score_batch")
    return made


def resolve_strategy(strategy: ScoringStrategy | str | None, rubrik: Rubrik) -> ScoringStrategy:
    """The strategy to use: *strategy* itself, the one registered under that name, or the rubric's own.

    Raises:
        PluginError: for an unknown name.
        TypeError: for something that is neither a strategy, a name nor ``None``.
    """
    if strategy is None:
        own = _defaults.get(rubrik.strategi)
        if own is None:
            own = get_strategy(rubrik.strategi)
            if rubrik.strategi in _BUILTIN_STRATEGIES:
                _defaults[rubrik.strategi] = own  # built-ins are frozen: one default instance serves every call
        return own
    if isinstance(strategy, str):
        return get_strategy(strategy)
    if not (callable(getattr(strategy, "score", None)) and callable(getattr(strategy, "score_batch", None))):
        raise TypeError(f"strategy must be a ScoringStrategy, a registered name or None, got {type(strategy).__name__} {shown(strategy)}")
    return strategy


def get_classifier(name: str) -> Classifier:
    """Return a new instance of the classifier registered as *name*.

    Raises:
        PluginError: if no classifier has that name or it does not satisfy the protocol.
    """
    factories = _factories(CLASSIFIER_GROUP, _BUILTIN_CLASSIFIERS)
    if name not in factories:
        raise PluginError(f"no classifier {name!r}; available: {', '.join(sorted(factories))}")
    obj = factories[name]()
    if not isinstance(obj, Classifier):
        raise PluginError(f"classifier {name!r} lacks name or classify")
    return obj


def reload_plugins() -> None:
    """Forget what was loaded from entry points, so newly installed plugins are found.

    Plugins are looked up once per process; call this after installing one in a
    running process (a notebook, a long-lived service, a test).
    """
    from meritsys import _entry_points, rubrics

    _entry_points.forget()
    _plugins.cache_clear()
    rubrics._from_plugins.cache_clear()
