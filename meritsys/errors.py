"""The exception family every failure caused by input belongs to.

Catch :class:`MeritsysError` to handle anything meritsys rejects.  A
:class:`ValidationError` carries every problem it found, each addressed by a
JSON-path-like location (``$.jawaban["3.2"]``) so a user can find the
offending value in the file they handed in.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "IncompatibleStrategyError",
    "MeritsysError",
    "PluginError",
    "PluginWarning",
    "Problem",
    "RubricNotFoundError",
    "SchemaNotFoundError",
    "ValidationError",
]


class MeritsysError(Exception):
    """Base class of every error meritsys raises because of its input."""


@attrs.frozen
class Problem:
    """One thing wrong with an input, at one place.

    Args:
        path: Where the problem is, relative to the object being checked,
            e.g. ``'jawaban["3.2"]'``; empty for the object itself.
        message: What is wrong and, where it helps, what is allowed.
    """

    path: str
    message: str

    def at(self, prefix: str) -> Problem:
        """Return this problem re-addressed below *prefix*."""
        if not self.path:
            return Problem(prefix, self.message)
        if not prefix:
            return self
        sep = "" if self.path.startswith("[") else "."
        return Problem(f"{prefix}{sep}{self.path}", self.message)

    def __str__(self) -> str:
        if not self.path:
            return f"$: {self.message}"
        sep = "" if self.path.startswith("[") else "."
        return f"${sep}{self.path}: {self.message}"


class ValidationError(MeritsysError, ValueError):
    """Input that does not satisfy the rules; lists every problem found.

    Examples:
        >>> err = ValidationError([Problem('jawaban["3.2"]', "level 5 is outside 0..4")])
        >>> print(err)
        $.jawaban["3.2"]: level 5 is outside 0..4
        >>> err.messages
        ('$.jawaban["3.2"]: level 5 is outside 0..4',)
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def messages(self) -> tuple[str, ...]:
        """Each problem as one ``$.path: message`` line."""
        return tuple(str(p) for p in self.problems)

    def at(self, prefix: str) -> ValidationError:
        """Return the same problems re-addressed below *prefix*."""
        return ValidationError(p.at(prefix) for p in self.problems)


class RubricNotFoundError(MeritsysError, LookupError):
    """No rubric is known by the id, or is in force on the date, asked for."""


class SchemaNotFoundError(MeritsysError, LookupError):
    """No JSON Schema is known by the name asked for (:func:`meritsys.io.schema`)."""


class IncompatibleStrategyError(MeritsysError, TypeError):
    """A scoring strategy was asked to score a rubric it cannot implement.

    For example the regime A weighted sum on a rubric that weighs aspects.  This
    is about the pairing of strategy and rubric, not about any one assessment.
    """


class PluginError(MeritsysError):
    """A plugin (strategy, classifier or rubric package) is unknown or broken."""


class PluginWarning(UserWarning):
    """A plugin could not be loaded; the rest of meritsys goes on without it."""
