"""The number policy: numbers too long, too precise or too large are refused as invalid input, never a crash."""

import attrs
import pytest

import meritsys
from meritsys import Penilaian, ValidationError


class TestNumberPolicy:
    def test_policy_decimals_are_refused_not_crashed(self):
        """A 4,301-digit integer, a 31-digit decimal and an out-of-range exponent are each a ValidationError."""
        doc = '{"instansi": {"kode": "a", "nama": "b", "jenis": "kota"}, "tahun": ' + "1" * 4301 + ', "rubrik": "kasn-2019", "jawaban": {}}'
        with pytest.raises(ValidationError, match="too long to read"):
            meritsys.loads_penilaian(doc)
        for value in ("1." + "1" * 30, "1E+15", "1E-31"):
            with pytest.raises(ValidationError):
                meritsys.classify(value, "kasn-2019")
        assert attrs.has(Penilaian)
