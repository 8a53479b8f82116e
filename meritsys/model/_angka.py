"""Numbers with provenance: every number a rubric encodes says where it came from.

Each regulation fact is marked ``resmi`` (seen in a regulation or stated by
the assessing body), ``sekunder`` (presentations, news, transcriptions) or
unknown; see *The domain* (domain.md#status-marks).  Where the official number
is unknown a rubric ships a labelled reference value (``acuan``) that users
replace with the instrument they hold.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs
from attrs import field

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys.errors import with_code
from meritsys.model._validate import (
    at_field,
    convert_decimal,
    convert_enum,
    converters_at_field,
    non_empty_str,
)

__all__ = ["Angka", "Rujukan", "Status"]


class Status(enum.Enum):
    """How sure a number is: its status mark; see *The domain* (domain.md#status-marks)."""

    RESMI = "resmi"
    """Seen in the text of a regulation or stated by the assessing body."""
    SEKUNDER = "sekunder"
    """From officials' presentations, news or transcribed worksheets; may change."""
    ACUAN = "acuan"
    """A reference value shipped because the official one is unknown."""


def _to_status(value: object) -> Status:
    return convert_enum(Status, value)


def _acuan_needs_note(instance: Angka, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if instance.status is Status.ACUAN and not value:
        raise with_code(ValueError("required when status is 'acuan': name what is unknown"), "missing-key")


@attrs.frozen(field_transformer=converters_at_field)
class Angka:
    """A number and its provenance.

    Args:
        nilai: The value, exact.
        status: ``resmi``, ``sekunder`` or ``acuan``.
        catatan: Why the value is what it is; required for ``acuan`` values,
            where it names what is unknown.
        sumber: The source (regulation, article, document) the value comes from.

    Examples:
        >>> Angka("40", Status.RESMI, sumber="KASN, penilaian 2021")
        Angka(nilai=Decimal('40'), status=<Status.RESMI: 'resmi'>, catatan=None, sumber='KASN, penilaian 2021')
        >>> Angka("10", Status.ACUAN)
        Traceback (most recent call last):
        ...
        meritsys.errors.ValidationError: $.catatan: required when status is 'acuan': name what is unknown
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    nilai: Decimal = field(converter=convert_decimal)
    status: Status = field(converter=_to_status)
    catatan: str | None = field(default=None, validator=at_field(_acuan_needs_note))
    sumber: str | None = None


@attrs.frozen(field_transformer=converters_at_field)
class Rujukan:
    """A legal or documentary reference a rubric rests on.

    Args:
        kode: Short citation, e.g. ``"PermenPANRB 40/2018"``.
        judul: Title or description of the document.
        status: How sure the citation is.
        catatan: What the document contributes or what is uncertain about it.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    kode: str = field(validator=at_field(non_empty_str))
    judul: str
    status: Status = field(converter=_to_status)
    catatan: str | None = None
