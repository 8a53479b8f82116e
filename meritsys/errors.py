"""The exception family every failure caused by input belongs to.

Catch :class:`MeritsysError` to handle anything meritsys rejects.  A
:class:`ValidationError` carries every problem it found, each addressed by a
JSON-path-like location (``$.jawaban["3.2"]``) so a user can find the
offending value in the file they handed in, and each with a stable code
(:data:`ProblemCode`) naming the kind of problem, so a program can act on it
without reading the message.  Messages may be reworded between releases; codes
are a public contract.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterable
from typing import Any, ClassVar, Literal, TypeVar

import attrs

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr

__all__ = [
    "ERROR_CODES",
    "PROBLEM_CODES",
    "ErrorCode",
    "IncompatibleStrategyError",
    "MeritsysError",
    "PluginError",
    "PluginWarning",
    "Problem",
    "ProblemCode",
    "RubricNotFoundError",
    "SchemaNotFoundError",
    "ValidationError",
    "code_of",
    "with_code",
]

ProblemCode = Literal[
    # reading a document
    "unreadable",
    "syntax",
    "empty",
    "too-large",
    # its structure
    "type",
    "unknown-key",
    "missing-key",
    "duplicate-key",
    "shape",
    # single values
    "not-a-number",
    "not-finite",
    "not-a-date",
    "not-one-of",
    "out-of-range",
    "conflict",
    "ambiguous",
    # answers, read against a rubric
    "not-a-level",
    "level-out-of-range",
    "not-applicable",
    "missing-answer",
    "unknown-indicator",
    "unknown-gate",
    "unknown-rubric",
    "wrong-rubric",
    "undefined",
    # other references into a rubric
    "unknown-aspect",
    "unknown-category",
    # the rules of a rubric
    "duplicate-code",
    "weights-sum",
    "bands-order",
    "bands-overlap",
    "bands-gap",
    # none of the above
    "invalid",
]
"""The kind of a :class:`Problem`: a small, closed vocabulary, stable across releases.

``docs/reference/errors.md`` describes each code in one line.
"""

PROBLEM_CODES: tuple[ProblemCode, ...] = typing.get_args(ProblemCode)
"""Every :data:`ProblemCode`, in the order they are documented."""

ErrorCode = Literal[
    "error",
    "validation",
    "rubric-not-found",
    "incompatible-strategy",
    "plugin",
    # the command line's own (``meritsys ... --format json``)
    "usage",
    "cannot-process",
    "internal",
]
"""The kind of a failure as a whole: :attr:`MeritsysError.code` of each error class, and the
command line's own codes for wrong usage (``usage``), input it could not process
(``cannot-process``) and a bug in meritsys (``internal``)."""

ERROR_CODES: tuple[ErrorCode, ...] = typing.get_args(ErrorCode)
"""Every :data:`ErrorCode`."""

_E = TypeVar("_E", bound=BaseException)
_TAG = "problem_code"


def with_code(exc: _E, code: ProblemCode) -> _E:
    """Return *exc* (a ``ValueError``, ``TypeError`` ...) marked with the problem *code* it stands for.

    Where a validator or converter raises a built-in exception that meritsys
    turns into a :class:`Problem`, the mark chooses the problem's code; the
    exception's type and message stay as they are.

    Examples:
        >>> code_of(with_code(ValueError("'x' is not a number"), "not-a-number"))
        'not-a-number'
    """
    setattr(exc, _TAG, code)
    return exc


def code_of(exc: BaseException, default: ProblemCode = "invalid") -> ProblemCode:
    """The problem code *exc* carries (see :func:`with_code`): else ``type`` for a ``TypeError``, else *default*.

    Examples:
        >>> code_of(TypeError("expected a string, got int 3")), code_of(ValueError("kaput"))
        ('type', 'invalid')
    """
    code = getattr(exc, _TAG, None)
    if code in PROBLEM_CODES:
        return typing.cast(ProblemCode, code)
    return "type" if isinstance(exc, TypeError) else default


_CELL = re.compile(r"^[^\[\]!$\"]+![A-Z]*[0-9]*(:[0-9]+)?$")


class MeritsysError(Exception):
    """Base class of every error meritsys raises because of its input."""

    code: ClassVar[ErrorCode] = "error"
    """The kind of error, stable across releases (:data:`ErrorCode`)."""


@attrs.frozen
class Problem:
    """One thing wrong with an input, at one place.

    Args:
        path: Where the problem is, relative to the object being checked,
            e.g. ``'jawaban["3.2"]'``; empty for the object itself.
        message: What is wrong and, where it helps, what is allowed.
        code: The kind of problem (:data:`ProblemCode`), for programs; the
            message is for people and may be reworded, the code stays.

    Examples:
        >>> p = Problem('jawaban["3.2"]', "level 5 is outside 0..4", code="level-out-of-range")
        >>> print(p)
        $.jawaban["3.2"]: level 5 is outside 0..4
        >>> p.at("[1]").to_dict()
        {'path': '$[1].jawaban["3.2"]', 'code': 'level-out-of-range', 'message': 'level 5 is outside 0..4'}
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    path: str
    message: str
    code: ProblemCode = attrs.field(default="invalid", kw_only=True, validator=attrs.validators.in_(PROBLEM_CODES))

    def at(self, prefix: str) -> Problem:
        """Return this problem re-addressed below *prefix* (its code unchanged)."""
        if not self.path:
            return Problem(prefix, self.message, code=self.code)
        if not prefix:
            return self
        sep = "" if self.path.startswith("[") else "."
        return Problem(f"{prefix}{sep}{self.path}", self.message, code=self.code)

    @property
    def location(self) -> str:
        """The full path, as the message shows it: ``$`` for the object itself, ``$.jawaban["3.2"]`` below it.

        A workbook's cell (``Jawaban!H14``) is shown as it is, not as a path in a document.
        """
        if not self.path:
            return "$"
        if _CELL.match(self.path):
            return self.path
        sep = "" if self.path.startswith("[") else "."
        return f"${sep}{self.path}"

    def to_dict(self) -> dict[str, str]:
        """The problem as a JSON-ready record: ``path`` (with its ``$``), ``code`` and ``message``."""
        return {"path": self.location, "code": self.code, "message": self.message}

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class ValidationError(MeritsysError, ValueError):
    """Input that does not satisfy the rules; lists every problem found.

    Args:
        problems: The problems, or one message about the object as a whole.
        code: The code of that one message's problem (ignored for a list of
            problems, which carry their own).

    Examples:
        >>> err = ValidationError([Problem('jawaban["3.2"]', "level 5 is outside 0..4")])
        >>> print(err)
        $.jawaban["3.2"]: level 5 is outside 0..4
        >>> err.messages
        ('$.jawaban["3.2"]: level 5 is outside 0..4',)
    """

    code: ClassVar[ErrorCode] = "validation"
    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem] | str, *, code: ProblemCode = "invalid") -> None:
        if isinstance(problems, str):
            problems = [Problem("", problems, code=code)]
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def messages(self) -> tuple[str, ...]:
        """Each problem as one ``$.path: message`` line."""
        return tuple(str(p) for p in self.problems)

    def at(self, prefix: str) -> ValidationError:
        """Return the same problems re-addressed below *prefix*."""
        return ValidationError(p.at(prefix) for p in self.problems)

    def to_dict(self) -> dict[str, Any]:
        """The error as a JSON-ready record: its ``code``, a one-line ``message`` and every problem's record."""
        n = len(self.problems)
        return {"code": self.code, "message": f"invalid input ({n} problem{'s' if n != 1 else ''})", "problems": [p.to_dict() for p in self.problems]}


class RubricNotFoundError(MeritsysError, LookupError):
    """No rubric is known by the id, or is in force on the date, asked for."""

    code: ClassVar[ErrorCode] = "rubric-not-found"


class SchemaNotFoundError(MeritsysError, LookupError):
    """No JSON Schema is known by the name asked for (:func:`meritsys.io.schema`)."""


class IncompatibleStrategyError(MeritsysError, TypeError):
    """A scoring strategy was asked to score a rubric it cannot implement.

    For example the regime A weighted sum on a rubric that weighs aspects.  This
    is about the pairing of strategy and rubric, not about any one assessment.
    """

    code: ClassVar[ErrorCode] = "incompatible-strategy"


class PluginError(MeritsysError):
    """A plugin (strategy, classifier or rubric package) is unknown or broken."""

    code: ClassVar[ErrorCode] = "plugin"


class PluginWarning(UserWarning):
    """A plugin could not be loaded; the rest of meritsys goes on without it."""
