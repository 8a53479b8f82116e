"""Classifying a value into the rubric's bands, with the band classifier or any other."""

from decimal import Decimal

import attrs
import numpy as np
import pytest

from meritsys import BandClassifier, Classifier, Klasifikasi, Kohort, ValidationError, WeightedSum, classify
from meritsys.scoring import classify_units, next_band
from tests.helpers import KASN, B, kasn, penilaian_a


class TestClassify:
    @pytest.mark.parametrize(
        ("value", "label"),
        [("249.5", "Kurang"), ("250", "Baik"), ("324.5", "Baik"), ("325", "Sangat Baik"), ("174.5", "Buruk"), ("175", "Kurang")],
    )
    def test_kasn_boundaries(self, value, label):
        """Half points in the gaps of the published ranges fall to the lower band."""
        assert classify(value, KASN).kategori.label == label

    @pytest.mark.parametrize(("value", "label"), [("65.5", "Buruk"), ("405", "Sangat Baik"), (-3, "Buruk")])
    def test_out_of_scale_is_classified_and_flagged(self, value, label):
        """Values outside 100..400 are still classified, and flagged."""
        k = classify(value, KASN)
        assert (k.kategori.label, k.di_luar_skala) == (label, True)

    @pytest.mark.parametrize("value", ["nan", "inf", "-Infinity", "abc", None, True, float("nan")])
    def test_non_numbers_are_errors(self, value):
        """NaN, infinities and non-numbers are a ValidationError."""
        with pytest.raises(ValidationError):
            classify(value, KASN)

    @pytest.mark.parametrize(
        ("value", "label"),
        [("0.40", "Dasar"), ("0.404", "Dasar"), ("0.405", "Lanjutan"), ("0.41", "Lanjutan"), ("1.00", "Tinggi"), ("1.004", "Tinggi"), ("1.005", "Maju")],
    )
    def test_regime_b_rounds_then_bands(self, value, label):
        """Regime B values are rounded half-up to 2 decimals before banding."""
        assert classify(value, B).kategori.label == label

    def test_float_input(self):
        """A float is read by its shortest decimal representation."""
        assert classify(249.5, KASN).kategori.label == "Kurang"


@attrs.frozen
class Ketat:
    """A classifier with only what the protocol asks (a name and classify): every band starts 10 points later."""

    name: str = "ketat"

    def classify(self, rubrik, value):
        v = Decimal(str(value))
        band = BandClassifier().classify(rubrik, v - 10)
        return Klasifikasi(v, band.kategori, band.posisi, BandClassifier.outside(rubrik, v))


def _ketat_band(value):
    return BandClassifier().classify(kasn(), Decimal(value) - 10)


class TestAnyClassifier:
    def test_satisfies_the_protocol_with_name_and_classify(self):
        """A class with only name and classify is a Classifier."""
        assert isinstance(Ketat(), Classifier)

    def test_classify_units_with_any_classifier(self):
        """classify_units classifies integer units with a classifier that has no batch method of its own."""
        units = np.asarray([0, 349, 350, 519, 520, 520, 800, 801], dtype=np.int64)
        pos, outside = classify_units(Ketat(), kasn(), units, Decimal("0.5"))
        values = [Decimal(int(u)) / 2 for u in units]
        assert pos.tolist() == [_ketat_band(v).posisi for v in values]
        assert outside.tolist() == [v < 100 or v > 400 for v in values]

    @pytest.mark.parametrize(
        ("value", "pos", "expected"),
        [("255", 1, ("Baik", Decimal(5))), ("259.5", 1, ("Baik", Decimal("0.5"))), ("300", 2, ("Sangat Baik", Decimal(35))),
         ("395", 3, None)],
        ids=["to-baik", "half-a-point-below", "to-sangat-baik", "top-band"],
    )
    def test_next_band_with_any_classifier(self, value, pos, expected):
        """next_band finds the first value on the index grid that a higher band takes, with any classifier."""
        found = next_band(Ketat(), kasn(), Decimal(value), pos, Decimal("0.5"))
        assert (found if found is None else (found[0].label, found[1])) == expected

    def test_weighted_sum_with_it_on_both_paths(self):
        """WeightedSum(classifier=...) uses it on the single and the batch path alike, distance to the next band included."""
        rng = np.random.default_rng(11)
        items = [penilaian_a({i.kode: int(rng.integers(1, 5)) for i in kasn().indikator}) for _ in range(40)]
        strategy = WeightedSum(classifier=Ketat())
        singles = [strategy.score(kasn(), p) for p in items]
        for h in singles:
            assert h.kategori.label == _ketat_band(h.indeks).kategori.label
            if h.ke_kategori_berikut is not None:
                nxt = kasn().kategori[_ketat_band(h.indeks).posisi + 1]
                assert h.ke_kategori_berikut.kurang == nxt.batas_bawah.nilai + 10 - h.indeks
        batch = strategy.score_batch(kasn(), Kohort.from_penilaian(kasn(), items))
        assert batch.indeks() == [h.indeks for h in singles]
        assert batch.kategori_label() == [h.kategori.label for h in singles]
        assert any(h.kategori != WeightedSum().score(kasn(), p).kategori for h, p in zip(singles, items, strict=True))
