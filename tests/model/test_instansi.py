"""Instansi: the assessed agency, its code, name, type and province."""

import pytest

from meritsys import Instansi, JenisInstansi, ValidationError
from meritsys.io import structure

_ALLOWED = "'kementerian', 'lembaga', 'lembaga_negara', 'provinsi', 'kabupaten', 'kota'"


class TestInstansi:
    @pytest.mark.parametrize(
        ("jenis", "pusat"),
        [
            ("kementerian", True),
            ("lembaga", True),
            ("lembaga_negara", True),
            ("provinsi", False),
            ("kabupaten", False),
            ("kota", False),
        ],
        ids=["kementerian", "lembaga", "lembaga-negara", "provinsi", "kabupaten", "kota"],
    )
    def test_pusat_is_true_for_central_agencies_only(self, jenis, pusat):
        """Ministries, LPNK and state bodies are central; provinces and regions are not."""
        assert JenisInstansi(jenis).pusat is pusat

    def test_unknown_jenis_lists_allowed(self):
        """An unknown agency type is rejected at jenis with the allowed types listed."""
        with pytest.raises(ValidationError) as info:
            Instansi("desa-x", "Desa X", "desa")
        assert info.value.messages == (f"$.jenis: 'desa' is not one of {_ALLOWED}",)

    def test_unknown_jenis_from_data_is_named_once(self):
        """Structured from plain data, an unknown agency type is reported at jenis, not at jenis.jenis."""
        with pytest.raises(ValidationError) as info:
            structure({"kode": "desa-x", "nama": "Desa X", "jenis": "desa"}, Instansi)
        assert info.value.messages == (f"$.jenis: 'desa' is not one of {_ALLOWED}",)

    def test_provinsi_must_be_text(self):
        """A province that is not a string is rejected at provinsi."""
        with pytest.raises(ValidationError) as info:
            Instansi("kota-x", "Kota X", "kota", provinsi=12)  # type: ignore[arg-type]
        assert info.value.messages == ("$.provinsi: must be a string or null, got 12",)

    @pytest.mark.parametrize(
        "kode", ["", " kota-x", "kota-x "], ids=["empty", "leading-space", "trailing-space"]
    )
    def test_kode_must_be_trimmed_text(self, kode):
        """An empty or space-padded agency code is rejected at kode."""
        with pytest.raises(ValidationError) as info:
            Instansi(kode, "Kota X", "kota")
        assert info.value.messages == (
            f"$.kode: must be a non-empty string without surrounding spaces, got {kode!r}",
        )
