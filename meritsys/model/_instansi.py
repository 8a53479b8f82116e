"""The assessed government agency (*instansi pemerintah*) and its type."""

from __future__ import annotations

import enum

import attrs
from attrs import field

from meritsys._repr import shown
from meritsys.model._validate import at_field, convert_enum, converters_at_field, non_empty_str

__all__ = ["Instansi", "JenisInstansi"]


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

    kode: str = field(validator=at_field(non_empty_str))
    nama: str = field(validator=at_field(non_empty_str))
    jenis: JenisInstansi = field(converter=_to_jenis_instansi)
    provinsi: str | None = field(
        default=None, validator=at_field(_optional_str)
    )
