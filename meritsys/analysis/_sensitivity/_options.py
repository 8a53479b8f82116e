"""The options of a sensitivity run, each bounded and checked where it enters."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import attrs

from meritsys._arguments import real, whole
from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys._repr import shown
from meritsys.errors import Problem, ValidationError
from meritsys.model import KebijakanTidakBerlaku, LetakBobot, Rubrik
from meritsys.model._rubrik_rules import index_bound
from meritsys.model._validate import convert_enum

__all__ = ["MAX_CHUNK", "MAX_DRAWS", "MAX_KONSENTRASI", "MAX_WORKERS", "MIN_AMBANG", "SensitivityOptions"]


from meritsys._limits import MAX_CHUNK, MAX_DRAWS, MAX_KONSENTRASI, MAX_WORKERS, MIN_AMBANG


def _policy_choice(value: object) -> bool | tuple[KebijakanTidakBerlaku, ...]:
    """``True``/``False``, or the rules to draw among (members or their names; one alone is allowed)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, KebijakanTidakBerlaku | str):
        value = (value,)
    if not isinstance(value, Sequence | set | frozenset):
        raise TypeError(
            f"kebijakan_tidak_berlaku must be True, False or a sequence of KebijakanTidakBerlaku, got {type(value).__name__} {shown(value)}"
        )
    out: list[KebijakanTidakBerlaku] = []
    for item in value:
        if isinstance(item, KebijakanTidakBerlaku):
            out.append(item)
        elif isinstance(item, str):
            out.append(convert_enum(KebijakanTidakBerlaku, item))  # a wrong name is a ValidationError
        else:
            raise TypeError(f"kebijakan_tidak_berlaku must hold KebijakanTidakBerlaku members or their names, got {type(item).__name__} {shown(item)}")
    return tuple(dict.fromkeys(out))


@attrs.frozen
class SensitivityOptions:
    """What a sensitivity run perturbs and how it runs; every option is checked when it is made.

    A wrong Python type raises :class:`TypeError` naming the option; values
    outside their range are reported together in one
    :class:`~meritsys.errors.ValidationError` addressed by option name.
    See :func:`sensitivity` for what each option means.

    Examples:
        >>> SensitivityOptions(draws=0, rentang=1.5)
        Traceback (most recent call last):
        ...
        meritsys.errors.ValidationError: $.draws: must be a whole number in 1..10,000,000, got 0
        $.rentang: must lie in [0, 1), got 1.5
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    draws: int = 1000
    seed: int = 0
    konsentrasi: float = 500.0
    rentang: float | None = None
    ambang: float | None = None
    kebijakan_tidak_berlaku: bool | tuple[KebijakanTidakBerlaku, ...] = attrs.field(default=False, converter=_policy_choice)
    hanya_maturitas: bool = False
    chunk: int = 512
    workers: int = 1

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        fix = partial(object.__setattr__, self)
        fix("draws", whole("draws", self.draws, 1, MAX_DRAWS, problems))
        fix("seed", whole("seed", self.seed, 0, 2**128 - 1, problems))
        fix("konsentrasi", real("konsentrasi", self.konsentrasi, 0, MAX_KONSENTRASI, problems, low_open=True, inf=True))
        if self.rentang is not None:
            fix("rentang", real("rentang", self.rentang, 0, 1, problems, high_open=True))
        if self.ambang is not None:
            fix("ambang", real("ambang", self.ambang, 0, 1e15, problems))
            if 0 < self.ambang < MIN_AMBANG:
                problems.append(Problem("ambang", f"must be 0 or at least {MIN_AMBANG:g} index units, got {shown(self.ambang)}", code="out-of-range"))
        if not isinstance(self.hanya_maturitas, bool):
            raise TypeError(f"hanya_maturitas must be True or False, got {type(self.hanya_maturitas).__name__} {shown(self.hanya_maturitas)}")
        if self.kebijakan_tidak_berlaku == ():
            problems.append(Problem("kebijakan_tidak_berlaku", "name at least one rule to draw among", code="empty"))
        fix("chunk", whole("chunk", self.chunk, 1, MAX_CHUNK, problems))
        fix("workers", whole("workers", self.workers, 1, MAX_WORKERS, problems))
        if problems:
            raise ValidationError(problems)

    def check(self, rubrik: Rubrik) -> tuple[KebijakanTidakBerlaku, ...]:
        """Check the options that depend on *rubrik*; return the not-applicable rules to draw among.

        Raises:
            ValidationError: for regime B options on a rubric that weighs
                indicators, or a cut-point jitter wider than the index can reach.
        """
        problems: list[Problem] = []
        regime_b = rubrik.letak_bobot is LetakBobot.ASPEK
        for name, used in (("kebijakan_tidak_berlaku", self.kebijakan_tidak_berlaku is not False), ("hanya_maturitas", self.hanya_maturitas)):
            if used and not regime_b:
                problems.append(Problem(name, f"applies to rubrics that weigh aspects (regime B); rubrik {rubrik.id} weighs indicators", code="conflict"))
        bound = float(index_bound(rubrik))
        if self.ambang is not None and self.ambang > bound:
            problems.append(Problem("ambang", f"{self.ambang:g} is wider than the index of rubrik {rubrik.id} reaches ({bound:g})", code="out-of-range"))
        if problems:
            raise ValidationError(problems)
        own = rubrik.komposisi.tidak_berlaku if rubrik.komposisi is not None else KebijakanTidakBerlaku.KELUARKAN
        if self.kebijakan_tidak_berlaku is False:
            return (own,)
        return tuple(KebijakanTidakBerlaku) if self.kebijakan_tidak_berlaku is True else self.kebijakan_tidak_berlaku
