"""Converting a regime A index to a 0..1 scale: proportional and linear, exact and rounded."""

from decimal import Decimal
from fractions import Fraction

import pytest

from meritsys import ValidationError
from meritsys.policy import convert_linear, convert_proportional


class TestConversions:
    def test_proportional(self):
        """score / 400: 329 becomes 0.8225, reported as 0.82."""
        k = convert_proportional("329")
        assert (k.nilai, k.rounded(), k.rumus, k.metode) == (Fraction(329, 400), Decimal("0.82"), "nilai / 400", "proportional")

    def test_linear(self):
        """(score - 100) / 300: 329 becomes 229/300, reported as 0.76."""
        k = convert_linear(329)
        assert (k.nilai, k.rounded(), k.rumus) == (Fraction(229, 300), Decimal("0.76"), "(nilai - 100) / 300")

    def test_scale_ends(self):
        """The formulas map the ends of the 100-400 scale differently."""
        assert (convert_proportional(100).nilai, convert_linear(100).nilai) == (Fraction(1, 4), 0)
        assert (convert_proportional(400).nilai, convert_linear(400).nilai) == (1, 1)

    def test_rejects_non_numbers(self):
        """Conversions refuse NaN and non-numbers."""
        with pytest.raises(ValidationError):
            convert_linear("nan")
