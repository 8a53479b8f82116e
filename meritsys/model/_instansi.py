"""The assessed government agency (*instansi pemerintah*) and its type."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any

import attrs
from attrs import field

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys._repr import shown
from meritsys.model._validate import at_field, convert_enum, converters_at_field, non_empty_str

__all__ = ["Instansi", "JenisInstansi", "universe_by_code"]


class JenisInstansi(enum.Enum):
    """Agency type (*jenis instansi*); see *The domain* (domain.md#agency-types)."""

    KEMENTERIAN = "kementerian"
    LEMBAGA = "lembaga"
    """Non-ministerial government institution (LPNK), e.g. BPOM, BKN, BPS."""
    LEMBAGA_NEGARA = "lembaga_negara"
    """Non-structural institution (LNS) or secretariat of a state body."""
    PROVINSI = "provinsi"
    KABUPATEN = "kabupaten"
    KOTA = "kota"

    @property
    def pusat(self) -> bool:
        """Whether this is a central agency (the first three types)."""
        return self in _PUSAT


def _to_jenis_instansi(value: object) -> JenisInstansi:
    return convert_enum(JenisInstansi, value)


_PUSAT = frozenset({JenisInstansi.KEMENTERIAN, JenisInstansi.LEMBAGA, JenisInstansi.LEMBAGA_NEGARA})



def _optional_str(instance: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"must be a string or null, got {shown(value)}")


@attrs.frozen(field_transformer=converters_at_field)
class Instansi:
    """A government agency being assessed.

    Args:
        kode: A stable identifier chosen by the user, e.g. ``"kab-sukamaju"``.
        nama: The agency's name.
        jenis: Its type; decides which variant questions apply in regime B.
        provinsi: The province it lies in, for regional statistics.

    Examples:
        >>> Instansi("kab-sukamaju", "Pemerintah Kabupaten Sukamaju", "kabupaten").jenis
        <JenisInstansi.KABUPATEN: 'kabupaten'>
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    kode: str = field(validator=at_field(non_empty_str))
    nama: str = field(validator=at_field(non_empty_str))
    jenis: JenisInstansi = field(converter=_to_jenis_instansi)
    provinsi: str | None = field(
        default=None, validator=at_field(_optional_str)
    )


def universe_by_code(semesta: Iterable[Any], present: Iterable[str], what: str) -> dict[str, Instansi]:
    """A universe of agencies (*semesta*) by code, checked: each item an :class:`Instansi`, each code once, every code of *present* listed.

    *what* names the data *present* comes from in the message (``"the history"``, ``"the cohort"``).

    Raises:
        ValidationError: listing every problem, at ``semesta[i]`` or ``semesta``.
    """
    from meritsys.errors import Problem, ValidationError

    given: dict[str, Instansi] = {}
    problems = []
    for i, item in enumerate(semesta):
        if not isinstance(item, Instansi):
            problems.append(Problem(f"semesta[{i}]", f"expected an Instansi, got {type(item).__name__} {shown(item)}", code="type"))
        elif item.kode in given:
            problems.append(Problem(f"semesta[{i}]", f"the agency {item.kode!r} is listed twice", code="duplicate-key"))
        else:
            given[item.kode] = item
    missing = sorted(set(present) - set(given))
    if missing:
        listed = ", ".join(missing[:20]) + (f" and {len(missing) - 20} more" if len(missing) > 20 else "")
        problems.append(Problem("semesta", f"{what} holds agencies the universe does not list: {listed}", code="conflict"))
    if problems:
        raise ValidationError(problems)
    return given
