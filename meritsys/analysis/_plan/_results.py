"""What a plan is: its target, its steps and its re-scored result."""

from __future__ import annotations

from decimal import Decimal
from typing import TypeAlias

import attrs

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys._numbers import fmt
from meritsys.model import Hasil, KategoriHasil, Penilaian

__all__ = ["Langkah", "Nilai", "Rencana", "Target"]

Nilai: TypeAlias = Decimal | int | str
"""A number as the planner accepts it: exact, never a float."""


@attrs.frozen
class Target:
    """What a plan must reach: a category, or an index value.

    Args:
        indeks: The lowest reported index that reaches the target: the value
            asked for, or the lowest value of the category's band on the index's
            grid.  ``None`` for the lowest category, which every index reaches.
        kategori: The category asked for, or ``None`` when an index was asked for.

    Examples:
        >>> print(Target(Decimal("325"), KategoriHasil("IV", "Sangat Baik")))
        Sangat Baik (indeks >= 325)
        >>> print(Target(Decimal("0.61")))
        indeks >= 0.61
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    indeks: Decimal | None
    kategori: KategoriHasil | None = None

    def __str__(self) -> str:
        bound = "any indeks" if self.indeks is None else f"indeks >= {fmt(self.indeks)}"
        return bound if self.kategori is None else f"{self.kategori.label} ({bound})"


@attrs.frozen
class Langkah:
    """One indicator raised by a plan.

    Args:
        kode: The indicator's code.
        aspek: Its aspect's code.
        dari: Its level before the plan.
        ke: Its level after the plan.
        biaya: What the steps from *dari* to *ke* cost together.
        tambahan: What they add to the index before rounding (exact where the
            decimal terminates within 6 places, else rounded to 6).  The gains
            of the steps of a plan add up whatever the order they are taken in.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    kode: str
    aspek: str
    dari: int
    ke: int
    biaya: Decimal
    tambahan: Decimal


@attrs.frozen
class Rencana:
    """An improvement plan for one assessment and its re-scored result.

    Args:
        target: What the plan aims at.
        awal: The assessment's result as it is.
        langkah: The indicators to raise, in rubric order; empty when the
            target is already reached.
        biaya: The plan's total cost.
        akhir: The result of the raised assessment, re-scored by the strategy.
        penilaian: The raised assessment (answers given under an alias keep it).
        tercapai: Whether ``akhir`` reaches the target.
        alasan: Why the target cannot be reached, or ``None``.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    target: Target
    awal: Hasil
    langkah: tuple[Langkah, ...]
    biaya: Decimal
    akhir: Hasil
    penilaian: Penilaian
    tercapai: bool
    alasan: str | None = None

    @property
    def tambahan(self) -> Decimal:
        """How much the plan lifts the reported index."""
        return self.akhir.indeks - self.awal.indeks
