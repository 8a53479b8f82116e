"""A cohort's text columns (agency codes, names, provinces): copied compactly and checked as :class:`~meritsys.model.Instansi` checks them.

A numpy ``str_`` column is copied block by block, one byte per character when
every character is ASCII, and checked on its characters while each block is
in cache; a list of strings is checked in a few passes at C speed.  Only the
values that may be refused are looked at one by one, so the messages are the
model's.  :func:`copy_rows` copies the answers and these columns together,
sharing the rows out between the kernel threads.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from meritsys._repr import shown
from meritsys.errors import Problem, ProblemCode
from meritsys.scoring._kohort_checks import SHOWN, listed
from meritsys.scoring._kohort_columns import sized

__all__ = ["Compact", "RowJob", "compact_bytes", "compact_text", "copy_rows", "text_at", "text_column", "text_job"]


def _text_problem(value: object, optional: bool) -> tuple[ProblemCode, str] | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        return "type", f"must be a string{' or null' if optional else ''}, got {shown(value)}"
    if not optional and (not value or value != value.strip()):
        return "empty" if not value.strip() else "invalid", f"must be a non-empty string without surrounding spaces, got {shown(value)}"
    return None


def text_column(name: str, values: Any, n: int, problems: list[Problem], *, optional: bool = False) -> npt.NDArray[Any]:
    """A text column (agency codes, names, provinces) checked as :class:`~meritsys.model.Instansi` checks it.

    A numpy ``str_`` array is copied (the cohort's own copy, never the
    caller's array; one byte per character when every character is ASCII, see
    :func:`compact_text`) and checked on its characters: a required text may
    not be empty nor begin or end with a space.  Any other sequence is checked
    at once where it can be (:func:`_plain_texts`), else value by value, into
    an object array.
    """
    compact = values if isinstance(values, Compact) else None
    if compact is None:
        values = sized(name, values, n)
        if isinstance(values, np.ndarray) and values.dtype.kind == "U":
            compact = compact_text(values, ends=not optional)
    if compact is not None:
        own = compact.text  # n values: copy_rows compacts only columns of n, and sized() checked the others
        if compact.suspect is not None:
            found = [(int(r), why) for r in compact.suspect if (why := _text_problem(text_at(own, int(r)), optional)) is not None]
            problems.extend(listed(name, (Problem(f"{name}[{r}]", why, code=code) for r, (code, why) in found[:SHOWN]), len(found)))
        own.setflags(write=False)
        return own
    items = list(values.tolist() if isinstance(values, np.ndarray) else values)
    out = np.empty(n, dtype=object)
    out[:] = items
    if not _plain_texts(items, optional):  # some value may be refused: each one is looked at
        found = [(i, why) for i, v in enumerate(items) if (why := _text_problem(v, optional)) is not None]
        problems.extend(listed(name, (Problem(f"{name}[{i}]", why, code=code) for i, (code, why) in found), len(found)))
    return out


def _plain_texts(items: list[Any], optional: bool) -> bool:
    """Whether every item surely passes :func:`_text_problem`, found in a few passes at C speed instead of item by item.

    ``False`` means "look at each": a non-string (or ``None`` where one is
    required), or a text that is empty or has whitespace at an end.
    """
    try:
        if optional:
            "".join([v for v in items if v is not None])  # TypeError unless every other item is a string
            return True
        # str.strip gives back the very string when it has nothing to strip, so the lists compare fast;
        # it refuses a non-string first, so that all() only asks strings for their truth
        return list(map(str.strip, items)) == items and all(items)
    except TypeError:
        return False


class Compact(NamedTuple):
    """A numpy text column's own copy (:func:`compact_text`) and the rows whose ends need an exact look."""

    text: npt.NDArray[Any]
    suspect: npt.NDArray[np.intp] | None


def text_at(text: npt.NDArray[Any], row: int) -> str:
    """One value of a text column as a Python string (an ASCII column holds bytes)."""
    value = text[row]
    return value.decode("ascii") if isinstance(value, bytes) else str(value)


_TEXT_BLOCK_BYTES = 1 << 20
"""Bytes of a ``str_`` column (four per character) compacted at once: the block stays in cache."""


def compact_text(values: npt.NDArray[np.str_], *, ends: bool) -> Compact:
    """The cohort's own copy of a numpy ``str_`` column and, if *ends*, the rows whose first or last character may be a space.

    Agency codes, names and provinces are nearly always ASCII: then the copy
    holds one byte per character (numpy ``S``; :func:`~meritsys.scoring._kohort_build.strings`
    gives them back as ``str``), a quarter of the caller's ``str_`` array, made
    block by block, each block's characters checked while it is in cache.  A
    column holding any other character is copied as it is.  The rows listed
    are a superset (see :func:`_unclean_ends`); the caller checks them exactly.
    """
    part, finish = text_job(values, ends=ends)
    part(0, len(values))
    return finish()


def text_job(values: npt.NDArray[np.str_], *, ends: bool) -> tuple[Callable[[int, int], None], Callable[[], Compact]]:
    """:func:`compact_text` as a row job: *part* compacts rows ``lo:hi`` (any ranges, on any threads), *finish* gives the :class:`Compact`."""
    values = np.ascontiguousarray(values)
    n, width = values.shape[0], values.dtype.itemsize // 4
    if not n or not width:
        return (lambda lo, hi: None), (lambda: _wide(values, ends))
    chars = values.view(np.uint32).reshape(n, width)
    out = np.empty((n, width), dtype=np.uint8)
    text = out.view(f"S{width}").reshape(n)
    step = max(1, _TEXT_BLOCK_BYTES // (4 * width))
    found: list[npt.NDArray[np.intp]] = []
    wide: list[bool] = []

    def part(lo: int, hi: int) -> None:
        mine: list[npt.NDArray[np.intp]] = []
        for s in range(lo, hi, step):
            e = min(s + step, hi)
            block = chars[s:e]
            if block.max() > 0x7F:
                wide.append(True)  # a character beyond ASCII: the column is copied as it is
                return
            copy = out[s:e]
            np.copyto(copy, block, casting="unsafe")
            if ends:  # while the block is in cache: a column's first and last characters are a pass over memory each
                mine.append(_odd_ends(copy, text[s:e]) + s)
        found.extend(mine)  # one append per range (list.extend holds the GIL)

    def finish() -> Compact:
        if wide:
            return _wide(values, ends)
        return Compact(text, np.sort(np.concatenate(found)) if ends and found else (np.empty(0, np.intp) if ends else None))

    return part, finish


def compact_bytes(values: npt.NDArray[np.bytes_], *, ends: bool) -> Compact | None:
    """A cohort's own copy of a one-dimensional numpy bytes column (as a cohort holds ASCII text), checked as :func:`compact_text` checks; ``None`` unless every byte is ASCII."""
    own = np.array(values, order="C", copy=True)
    n, width = own.shape[0], own.dtype.itemsize
    chars = own.view(np.uint8).reshape(n, width)
    if chars.size and chars.max() > 0x7F:
        return None
    return Compact(own, _odd_ends(chars, own) if ends else None)


def _wide(values: npt.NDArray[np.str_], ends: bool) -> Compact:
    own = np.array(values, order="C", copy=True)
    return Compact(own, _unclean_ends(own) if ends and len(own) else None)


def _odd_ends(chars: npt.NDArray[np.uint8], text: npt.NDArray[np.bytes_]) -> npt.NDArray[np.intp]:
    """Rows of ASCII *text* (its codes: *chars*, one row a value, NUL-padded) whose first or last character is a space, a control character or missing.

    Every ASCII character :meth:`str.isspace` accepts is at most ``0x20``, as
    is the NUL of an empty value.
    """
    space = np.uint8(0x20)
    if chars.size and chars.min() > space:
        return np.empty(0, np.intp)  # no space anywhere and every value as wide as the widest (codes): one contiguous pass
    if chars.shape[0] and chars[:, 0].min() > space and chars[:, -1].min() > space:
        return np.empty(0, np.intp)  # every value as wide as the widest, neither end a space
    return np.flatnonzero((chars[:, 0] <= space) | (_last_characters(chars, text) <= space))


def _last_characters(chars: npt.NDArray[Any], text: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """Each value's last character code (NUL for an empty value), from *chars*, the ``(n, width)`` codes of the numpy *text*."""
    rows, width = chars.shape
    last = chars[:, width - 1]
    if last.all():  # every value as wide as the widest
        return last
    ends = np.maximum(np.char.str_len(text), 1) - 1
    found: npt.NDArray[Any] = chars.ravel()[np.arange(0, rows * width, width) + ends]
    return found


_PARALLEL_BYTES = 1 << 22
"""Columns of fewer bytes than this (answers and text together) are copied on the calling thread."""

RowJob = tuple[Callable[[int, int], None], Callable[[], Any]]
"""Work on a cohort's rows: do rows ``lo:hi``, then finish once every range is done."""


def copy_rows(answers: RowJob, n: int, size: int, texts: Mapping[str, tuple[Any, bool]], into: dict[str, Any]) -> Any:
    """Copy the answers (*answers*: *n* rows, *size* bytes) and compact the numpy ``str_`` arrays of *n* values among *texts* into *into*.

    *texts* maps each column's name to its values and whether its ends are
    checked (:func:`compact_text`).  A cohort copies every column it is given,
    and the text columns of a large cohort (codes, names) can hold more bytes
    than its answers: the rows are shared out between the kernel threads, each
    thread copying its rows of every column while they are in its cache.
    Columns of another length or kind are left to :func:`text_column`.
    Returns what *answers* finishes with.
    """
    from meritsys.scoring._kernels import kernel_threads, row_ranges, run_parallel

    wanted = {k: v for k, v in texts.items() if isinstance(v[0], np.ndarray) and v[0].dtype.kind == "U" and v[0].shape == (n,)}
    total = size + sum(int(v[0].nbytes) for v in wanted.values())
    threads = kernel_threads() if total >= _PARALLEL_BYTES else 1
    jobs = [answers, *(text_job(values, ends=ends) for values, ends in wanted.values())]

    def rows(lo: int, hi: int) -> None:
        for part, _ in jobs:
            part(lo, hi)

    run_parallel([partial(rows, lo, hi) for lo, hi in row_ranges(n, min(threads, max(1, n // 4096)))])
    for name, (_, finish) in zip(wanted, jobs[1:], strict=True):
        into[name] = finish()
    return answers[1]()


def _unclean_ends(text: npt.NDArray[np.str_]) -> npt.NDArray[np.intp]:
    """Rows of a numpy ``str_`` array whose first or last character may be a space (or that are empty).

    A superset, found on the characters without making strings: a row is
    listed unless both its end characters are printable ASCII (``!`` to
    ``~``) or other code points below U+0085, none of which
    :meth:`str.isspace` accepts.  The caller checks the listed rows exactly.
    """
    n, width = text.shape[0], text.dtype.itemsize // 4
    if not width:
        return np.arange(n)
    chars = text.view(np.uint32).reshape(n, width)
    plain = np.uint32(0x85 - 0x21)
    return np.flatnonzero(((chars[:, 0] - np.uint32(0x21)) >= plain) | ((_last_characters(chars, text) - np.uint32(0x21)) >= plain))
