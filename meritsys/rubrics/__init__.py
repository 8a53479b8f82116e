"""The rubric registry: resolve a rubric by id, the rubric of an assessment cycle, or the one in force on a date.

Rubrics come from three places, consulted in this order:

1. the user's own, added with :func:`register_rubrik` (a file, a folder of
   ``*.toml``/``*.json`` files, or a :class:`~meritsys.model.Rubrik`), or named
   in the ``MERITSYS_RUBRIK_PATH`` environment variable (folders or files,
   separated by the OS path separator);
2. installed rubric packages, through the entry-point group ``meritsys.rubrics``
   (the entry point names a package holding rubric files, or a callable that
   returns rubrics);
3. the shipped ``kasn-2019`` (regime A) and ``permenpanrb-19-2025`` (regime B)
   of the merit-system index, and ``jpt-2021`` of the JPT quality index.

Each rubric names the index it computes (:attr:`Rubrik.indeks
<meritsys.model.Rubrik.indeks>`): ``"sistem-merit"`` unless it says otherwise.
:func:`rubrik_for_date` chooses among the rubrics of one index, the merit
index unless asked for another, so a second index in force on the same day
never stands in for the merit rubric.

A rubric from an earlier source replaces a later one with the same id, so a
user holding the official instrument can register it under the shipped id.
Files are parsed and validated on first use and then shared: rubrics are
immutable.  A broken rubric package is reported as a
:class:`~meritsys.errors.PluginWarning` and skipped.
"""

from __future__ import annotations

import datetime as dt
import os
import warnings
from collections.abc import Iterable
from functools import cache
from types import ModuleType
from typing import Any

from meritsys._entry_points import entry_points
from meritsys._numbers import is_numpy_int
from meritsys._repr import shown
from meritsys.errors import PluginError, PluginWarning, Problem, RubricNotFoundError, ValidationError
from meritsys.io._rubrik import load_rubrik
from meritsys.io._suffix import has_suffix
from meritsys.model import INDEKS_SISTEM_MERIT, Rubrik

__all__ = [
    "RUBRIC_GROUP",
    "clear_registered",
    "get_rubrik",
    "get_rubrik_or_file",
    "list_rubrik",
    "register_rubrik",
    "rubrik_for_cycle",
    "rubrik_for_date",
]

RUBRIC_GROUP = "meritsys.rubrics"
_ENV = "MERITSYS_RUBRIK_PATH"
_registered: dict[str, Rubrik] = {}


def _files_in(folder: Any) -> list[Any]:
    return sorted(
        (f for f in folder.iterdir() if f.name.endswith((".toml", ".json"))),
        key=lambda f: f.name,
    )


def _folder() -> Any:
    """The folder of the shipped rubric files: a directory name, or a resource folder.

    A plain directory beside this module, unless meritsys runs from a zip
    archive: only then is :mod:`importlib.resources` imported (it costs a quick
    command a tenth of its start-up, and :mod:`pathlib` a twentieth).
    """
    here = os.path.dirname(os.path.abspath(__file__))
    if os.path.isdir(here):
        return here
    from importlib import resources  # pragma: no cover - zip-imported installs

    return resources.files(__name__)  # pragma: no cover


def _shipped_file_names() -> list[str]:
    """The names of the shipped rubric files, in order."""
    folder = _folder()
    if isinstance(folder, str):
        return sorted(n for n in os.listdir(folder) if n.endswith((".toml", ".json")))
    return [f.name for f in _files_in(folder)]  # pragma: no cover - zip-imported installs


@cache
def _shipped() -> dict[str, Rubrik]:
    out: dict[str, Rubrik] = {}
    for name in _shipped_file_names():
        rubrik = _shipped_file(name)
        out[rubrik.id] = rubrik
    return out


@cache
def _shipped_file(name: str) -> Rubrik:
    """One shipped rubric file, parsed and validated once."""
    folder = _folder()
    if isinstance(folder, str):
        from meritsys.rubrics._parsed import load_shipped

        return load_shipped(os.path.join(folder, name))
    from importlib import resources  # pragma: no cover - zip-imported installs

    with resources.as_file(folder / name) as path:  # pragma: no cover
        return load_rubrik(path)


@cache
def _shipped_names() -> frozenset[str]:
    return frozenset(_shipped_file_names())


def _shipped_by_id(rubrik_id: str) -> Rubrik | None:
    """A shipped rubric by id, reading only its own file (shipped files are named after their id).

    The id is looked up among the shipped file names, never used as a path.
    """
    names = _shipped_names()
    for suffix in (".toml", ".json"):
        name = f"{rubrik_id}{suffix}"
        if name in names:
            found = _shipped_file(name)
            if found.id == rubrik_id:
                return found
    return _shipped().get(rubrik_id)


_loading_plugins = False


def _plugin_rubrics() -> dict[str, Rubrik]:
    """Rubrics of installed packages; empty while they are being loaded.

    A package that looks rubrics up while it loads (to build on a shipped one)
    sees every other source, instead of starting the load over and over.
    """
    return {} if _loading_plugins else _from_plugins()


@cache
def _from_plugins() -> dict[str, Rubrik]:
    global _loading_plugins
    _loading_plugins = True
    try:
        return _load_plugins()
    finally:
        _loading_plugins = False


def _load_plugins() -> dict[str, Rubrik]:
    out: dict[str, Rubrik] = {}
    for ep in entry_points(group=RUBRIC_GROUP):
        try:
            obj = ep.load()
            if isinstance(obj, ModuleType):
                from importlib import resources

                folder = resources.files(obj)
                found: Iterable[Rubrik] = []
                for f in _files_in(folder):
                    with resources.as_file(f) as path:
                        found = [*found, load_rubrik(path)]
            elif callable(obj):
                found = list(obj())
            else:
                raise PluginError(f"expected a package or a callable, got {type(obj).__name__}")
            for rubrik in found:
                if not isinstance(rubrik, Rubrik):
                    raise PluginError(f"returned {type(rubrik).__name__}, not a Rubrik")
                out[rubrik.id] = rubrik
        except Exception as exc:  # a broken rubric package must not break meritsys
            warnings.warn(
                f"rubric package {ep.name!r} ({ep.value}) in {RUBRIC_GROUP} failed to load: {type(exc).__name__}: {exc}",
                PluginWarning,
                stacklevel=3,
            )
    return out


@cache
def _from_env(value: str) -> dict[str, Rubrik]:
    out: dict[str, Rubrik] = {}
    for part in value.split(os.pathsep):
        if part:
            try:
                found = _load_source(part)
            except ValidationError as exc:
                raise _within(exc, f"{_ENV} entry {part}") from None
            for rubrik in found:
                out[rubrik.id] = rubrik
    return out


def _load_source(source: str | os.PathLike[str]) -> list[Rubrik]:
    """The rubric in a file, or those in a folder; a problem names the file it is in."""
    from pathlib import Path

    path = Path(source)
    files = _files_in(path) if path.is_dir() else [path]
    found = []
    for f in files:
        try:
            found.append(load_rubrik(f))
        except ValidationError as exc:
            raise _within(exc, str(f)) from None
    return found


def _within(exc: ValidationError, where: str) -> ValidationError:
    return ValidationError(Problem(p.path, f"{p.message} (in {where})", code=p.code) for p in exc.problems)


def _all() -> dict[str, Rubrik]:
    merged = dict(_shipped())
    merged.update(_plugin_rubrics())
    env = os.environ.get(_ENV)
    if env:
        merged.update(_from_env(env))
    merged.update(_registered)
    return merged


def register_rubrik(source: Rubrik | str | os.PathLike[str]) -> tuple[Rubrik, ...]:
    """Add the user's own rubric(s): a Rubrik, a rubric file, or a folder of them.

    A registered rubric replaces any other with the same id.

    Returns:
        The rubrics registered.

    Raises:
        ValidationError: if a file is not a valid rubric.
    """
    found = [source] if isinstance(source, Rubrik) else _load_source(source)
    for rubrik in found:
        _registered[rubrik.id] = rubrik
    return tuple(found)


def clear_registered() -> None:
    """Forget every rubric added with :func:`register_rubrik`."""
    _registered.clear()


def list_rubrik(indeks: str | None = None) -> tuple[Rubrik, ...]:
    """Return every known rubric, ordered by the date it comes into force, then id.

    Args:
        indeks: Only the rubrics of this index (``"sistem-merit"``,
            ``"kualitas-jpt"``); ``None`` for all.

    Examples:
        >>> [r.id for r in list_rubrik("kualitas-jpt")]
        ['jpt-2021']
    """
    found = (r for r in _all().values() if indeks is None or r.indeks == indeks)
    return tuple(sorted(found, key=lambda r: (r.berlaku_mulai, r.id)))


def get_rubrik(rubrik_id: str) -> Rubrik:
    """Return the rubric with this id.

    Raises:
        RubricNotFoundError: if there is none; the message lists the known ids.

    Examples:
        >>> get_rubrik("kasn-2019").skala.maksimum.nilai
        Decimal('400')
    """
    if rubrik_id in _registered:
        return _registered[rubrik_id]
    env = os.environ.get(_ENV)
    found = _from_env(env).get(rubrik_id) if env else None
    found = found or _plugin_rubrics().get(rubrik_id) or _shipped_by_id(rubrik_id)
    if found is None:
        known = _all()
        raise RubricNotFoundError(f"no rubric {shown(rubrik_id)}; known: {', '.join(sorted(known))}")
    return found


def get_rubrik_or_file(name: str) -> Rubrik:
    """A rubric named on a command line: a ``.toml``/``.json`` file that exists, else an id.

    Raises:
        RubricNotFoundError: for an unknown id.
        ValidationError: for a rubric file that is not a valid rubric.
    """
    if has_suffix(name, ".toml", ".json"):
        from pathlib import Path

        path = Path(name)
        if path.exists():
            return load_rubrik(path)
    return get_rubrik(name)


def rubrik_for_cycle(tahun: int, indeks: str = INDEKS_SISTEM_MERIT) -> Rubrik:
    """Return the rubric of one index (default: the merit index) for the assessment cycle *tahun*: the one in force when the cycle opens.

    An assessment belongs to a cycle (its ``tahun``), and the cycle decides the
    rubric, not the date a result is announced: results of the 2025 cycle
    announced in January 2026 are regime A.  A cycle is assessed with the
    rubric in force on 1 January of its year, so an instrument that comes into
    force during a year applies from the next cycle (PermenPANRB 19/2025,
    signed 31 December 2025, applies from the 2026 cycle); see *The domain*
    (domain.md#regime-by-cycle).  Sources are searched as
    :func:`rubrik_for_date` searches them.

    Raises:
        RubricNotFoundError: if no rubric is in force when the cycle opens, or
            several of the same source are.
        ValidationError: if *tahun* is not a whole number in 2000..2100.

    Examples:
        >>> rubrik_for_cycle(2025).id  # results announced in January 2026 too
        'kasn-2019'
        >>> rubrik_for_cycle(2026).id
        'permenpanrb-19-2025'
    """
    if type(tahun) is not int and not is_numpy_int(tahun):
        raise ValidationError([Problem("tahun", f"expected a whole number (a cycle year), got {shown(tahun)}", code="type")])
    if not 2000 <= int(tahun) <= 2100:
        raise ValidationError([Problem("tahun", f"must lie in 2000..2100, got {int(tahun)}", code="out-of-range")])
    try:
        return rubrik_for_date(dt.date(int(tahun), 1, 1), indeks)
    except RubricNotFoundError as exc:
        raise RubricNotFoundError(f"{exc} (the first day of cycle {int(tahun)})") from None


def rubrik_for_date(tanggal: dt.date, indeks: str = INDEKS_SISTEM_MERIT) -> Rubrik:
    """Return the rubric of one index in force on *tanggal*.

    For an assessment, use :func:`rubrik_for_cycle` with its ``tahun``: the
    cycle decides the rubric, not the date a result is announced.

    Where rubrics of several sources are in force, the user's own win over
    installed packages, and those over the shipped ones.

    Args:
        tanggal: The day.
        indeks: The index whose rubric is wanted: the merit-system index by
            default; ``"kualitas-jpt"`` for the JPT quality index.  Rubrics of
            other indices are never candidates.

    Raises:
        RubricNotFoundError: if none is in force, or several of the same
            source are (name one by id then).

    Examples:
        >>> rubrik_for_date(dt.date(2023, 6, 30)).id
        'kasn-2019'
        >>> rubrik_for_date(dt.date(2026, 9, 1)).id
        'permenpanrb-19-2025'
        >>> rubrik_for_date(dt.date(2023, 6, 30), indeks="kualitas-jpt").id
        'jpt-2021'
    """
    env = os.environ.get(_ENV)
    tiers: list[Iterable[Rubrik]] = [
        _registered.values(),
        _from_env(env).values() if env else (),
        _plugin_rubrics().values(),
        _shipped().values(),
    ]
    winners = _all()  # a rubric overridden by id in a higher-priority source is not a candidate
    for tier in tiers:
        hits = sorted(
            {r.id: r for r in tier if r.indeks == indeks and r.in_force_on(tanggal) and winners.get(r.id) is r}.values(),
            key=lambda r: r.id,
        )
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            ids = ", ".join(r.id for r in hits)
            raise RubricNotFoundError(f"several rubrics {_of(indeks)}are in force on {tanggal.isoformat()}: {ids}; name one by id")
    raise RubricNotFoundError(f"no known rubric {_of(indeks)}is in force on {tanggal.isoformat()}")


def _of(indeks: str) -> str:
    """``"of index X "`` for an index other than the merit index (whose messages stay as they were)."""
    return "" if indeks == INDEKS_SISTEM_MERIT else f"of index {indeks!r} "
