"""The number policy: numbers too long, too precise or too large are refused as invalid input, never a crash."""

import json
import re
from decimal import Decimal

import attrs
import pytest

import meritsys
from meritsys import Penilaian, ValidationError


def _with_survei(text):
    return json.dumps({"instansi": {"kode": "a", "nama": "b", "jenis": "kota"}, "tahun": 2026, "rubrik": "x", "jawaban": {}, "survei": text})


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

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("1_000", "'1_000' is not a number"),
            ("\u0661\u0662", "'\u0661\u0662' is not a number"),
            (".", "'.' is not a number"),
            ("1e", "'1e' is not a number"),
            ("NaN", "'NaN' is not a finite number"),
            ("-Infinity", "'-Infinity' is not a finite number"),
            ("1E+1000000000000000000", "'1E+1000000000000000000' is out of range: numbers must be smaller in magnitude than 10**15"),
        ],
        ids=["underscore", "arabic-indic-digits", "point-alone", "bare-exponent", "nan", "infinity", "exponent-beyond-decimal"],
    )
    def test_numbers_are_written_in_ascii_notation(self, text, message):
        """A numeric string that Python's Decimal reads but other languages do not (underscores, other scripts' digits) is refused."""
        with pytest.raises(ValidationError, match=f"^{re.escape('$.survei: ' + message)}$"):
            meritsys.loads_penilaian(_with_survei(text))

    @pytest.mark.parametrize("text", ["0.72", " 0.72 ", ".5", "1.", "+0.5", "-0", "5E-1", "1e0"], ids=str)
    def test_plain_and_exponent_notation_are_read(self, text):
        """Signs, a leading or trailing point, an exponent and surrounding spaces are all read."""
        (p,) = meritsys.loads_penilaian(_with_survei(text))
        assert p.survei == Decimal(text.strip())
