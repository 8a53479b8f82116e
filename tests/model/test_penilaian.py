"""Penilaian: one assessment, checked field by field as it is built, and immutable."""

from decimal import Decimal

import attrs
import pytest

from meritsys import Penilaian, ValidationError
from meritsys.model import FrozenMap
from tests.helpers import KASN, B, instansi, penilaian_a


class TestPenilaian:
    def _errors(self, *args, **kw):
        with pytest.raises(ValidationError) as info:
            Penilaian(*args, **kw)
        return info.value.messages

    def test_jawaban_keys_must_be_codes(self):
        """Non-string or empty answer keys are each rejected at jawaban."""
        assert self._errors(instansi(), 2023, "kasn-2019", {1: 3, "": 2}) == (
            "$.jawaban: keys must be indicator codes, got 1",
            "$.jawaban: keys must be indicator codes, got ''",
        )

    @pytest.mark.parametrize(
        ("level", "shown"),
        [("3", "'3'"), (True, "True"), (Decimal(3), "Decimal('3')")],
        ids=["str", "bool", "decimal"],
    )
    def test_levels_must_be_whole_numbers(self, level, shown):
        """A level that is not an int (strings, booleans, decimals) is rejected at its code."""
        assert self._errors(instansi(), 2023, "kasn-2019", {"1.1": level}) == (
            f'$.jawaban["1.1"]: must be a whole-number level, got {shown}',
        )

    def test_jawaban_must_be_a_mapping(self):
        """Answers given as a list of pairs are refused at jawaban, not converted."""
        assert self._errors(instansi(), 2023, "kasn-2019", [("1.1", 3)]) == (
            "$.jawaban: expected a mapping, got list",
        )

    def test_gerbang_must_be_a_mapping(self):
        """Gate answers given as a list are refused at gerbang."""
        assert self._errors(instansi(), 2026, "permenpanrb-19-2025", {}, gerbang=["ya"]) == (
            "$.gerbang: expected a mapping, got list",
        )

    def test_gate_answers_must_be_strings(self):
        """A gate answer that is not a string is rejected at its gate code."""
        msgs = self._errors(instansi(), 2026, "permenpanrb-19-2025", {}, gerbang={"kematian": True})
        assert msgs == ('$.gerbang["kematian"]: must be a string answer, got True',)

    def test_evidence_must_be_lists_of_strings(self):
        """Each evidence entry that is a bare string or holds non-strings is named; lists and tuples pass."""
        msgs = self._errors(
            instansi(),
            2023,
            "kasn-2019",
            {},
            bukti={"1.1": "SK", "1.2": ("SK 1", "SK 2"), "1.3": [1], "1.4": ["SK"]},
        )
        assert msgs == (
            '$.bukti["1.1"]: must be a list of evidence references (strings)',
            '$.bukti["1.3"]: must be a list of evidence references (strings)',
        )

    def test_evidence_lists_are_frozen_to_tuples(self):
        """Evidence lists are stored as tuples the caller cannot change."""
        refs = ["SK 1"]
        p = Penilaian(instansi(), 2023, "kasn-2019", {}, bukti={"1.1": refs})
        refs.append("SK 2")
        assert p.bukti["1.1"] == ("SK 1",)

    def test_evidence_must_be_a_mapping(self):
        """Evidence given as a list instead of a mapping is refused at bukti."""
        assert self._errors(instansi(), 2023, "kasn-2019", {}, bukti=["SK"]) == (
            "$.bukti: expected a mapping, got list",
        )

    def test_none_gates_and_evidence_mean_none_given(self):
        """Passing None for gates or evidence gives empty mappings."""
        p = Penilaian(instansi(), 2023, "kasn-2019", {"1.1": 3}, gerbang=None, bukti=None)
        assert (p.gerbang, p.bukti) == (FrozenMap(), FrozenMap())

    @pytest.mark.parametrize("survei", ["-0.01", "1.01"], ids=["below-0", "above-1"])
    def test_survei_lies_in_0_to_1(self, survei):
        """A survey score outside 0..1 is rejected at survei."""
        msgs = self._errors(instansi(), 2026, "permenpanrb-19-2025", {}, survei=survei)
        assert msgs == (f"$.survei: must lie in 0..1, got {survei}",)

    @pytest.mark.parametrize(
        ("kw", "message"),
        [
            ({"survei": 0.5}, "$.survei: 0.5 is a float; pass the number as a string or Decimal, e.g. '0.5'"),
            ({"survei": "x"}, "$.survei: 'x' is not a number"),
            ({"koreksi": -0.25}, "$.koreksi: -0.25 is a float; pass the number as a string or Decimal, e.g. '-0.25'"),
            ({"koreksi": True}, "$.koreksi: True is a boolean, not a number"),
        ],
        ids=["survei-float", "survei-text", "koreksi-float", "koreksi-bool"],
    )
    def test_survey_and_correction_must_be_exact_numbers(self, kw, message):
        """A survey score or correction that is not an exact number is rejected at its field."""
        assert self._errors(instansi(), 2026, "permenpanrb-19-2025", {}, **kw) == (message,)

    def test_unknown_tahap_is_named(self):
        """An unknown stage is rejected at tahap with the allowed stages listed."""
        assert self._errors(instansi(), 2023, "kasn-2019", {}, tahap="final") == (
            "$.tahap: 'final' is not one of 'mandiri', 'verifikasi', 'klarifikasi', 'penetapan'",
        )

    @pytest.mark.parametrize("survei", ["0", "1"], ids=["0", "1"])
    def test_survei_bounds_are_allowed(self, survei):
        """Survey scores of exactly 0 and 1 are accepted."""
        assert Penilaian(instansi(), 2026, "permenpanrb-19-2025", {}, survei=survei).survei == Decimal(survei)

    @pytest.mark.parametrize(
        ("tahun", "message"),
        [
            (True, "$.tahun: must be a whole number, got True"),
            (1999, "$.tahun: must lie in 2000..2100, got 1999"),
        ],
        ids=["bool", "too-early"],
    )
    def test_tahun_is_a_plausible_year(self, tahun, message):
        """The year must be an int (not a bool) in 2000..2100."""
        assert self._errors(instansi(), tahun, "kasn-2019", {}) == (message,)

    def test_instansi_must_be_an_instansi(self):
        """An agency given as a plain string is rejected at instansi."""
        msgs = self._errors("kab-sukamaju", 2023, "kasn-2019", {})
        assert len(msgs) == 1
        assert msgs[0].startswith("$.instansi: ")
        assert msgs[0] == "$.instansi: must be Instansi, got str 'kab-sukamaju'"

    def test_instansi_message_is_readable(self):
        """The message for a wrong instansi type does not dump attrs internals."""
        msgs = self._errors("kab-sukamaju", 2023, "kasn-2019", {})
        assert "Attribute(name=" not in msgs[0]


class TestModelValidation:
    def test_penilaian_rejects_bad_values(self):
        """Model constructors reject wrong types with the field's path."""
        with pytest.raises(ValidationError, match=r'\$\.jawaban\["1.1"\]: must be a whole-number level'):
            Penilaian(instansi(), 2023, KASN, {"1.1": "3"})
        with pytest.raises(ValidationError, match=r"^\$\.tahun: must lie in 2000\.\.2100, got 23$"):
            Penilaian(instansi(), 23, KASN, {})
        with pytest.raises(ValidationError, match="is a float; pass the number as a string"):
            Penilaian(instansi(), 2023, B, {}, survei=0.5)
        with pytest.raises(ValidationError, match=r"^\$\.survei: must lie in 0\.\.1, got 1\.2$"):
            Penilaian(instansi(), 2023, B, {}, survei="1.2")
        with pytest.raises(ValidationError, match="'final' is not one of"):
            Penilaian(instansi(), 2023, B, {}, tahap="final")
        with pytest.raises(ValidationError, match="'desa' is not one of"):
            instansi("desa")

    def test_penilaian_is_frozen_and_hashable(self):
        """Assessments are immutable values: equal content, equal hash."""
        a, b = penilaian_a(3), penilaian_a(3)
        assert a == b
        assert hash(a) == hash(b)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            a.tahun = 2024  # type: ignore[misc]
        with pytest.raises(TypeError):
            a.jawaban["1.1"] = 4  # type: ignore[index]


class TestNumpyScalars:
    """numpy integer scalars are accepted wherever a Python int is (arrays hand them out)."""

    def test_levels_and_year_become_ints(self):
        """np.int8/np.int64 levels and a np.int64 year are stored as int and score as the same ints do."""
        np = pytest.importorskip("numpy")
        import meritsys

        rubrik = meritsys.get_rubrik(KASN)
        levels = {i.kode: 2 + n % 3 for n, i in enumerate(rubrik.indikator)}
        plain = Penilaian(instansi(), 2023, KASN, levels)
        scalars = Penilaian(instansi(), np.int64(2023), KASN, {k: np.int8(v) for k, v in levels.items()})
        assert scalars == plain
        assert type(scalars.tahun) is int
        assert {type(v) for v in scalars.jawaban.values()} == {int}
        assert meritsys.score(scalars) == meritsys.score(plain)

    @pytest.mark.parametrize("value", ["float64", "bool_"], ids=["float", "bool"])
    def test_other_numpy_scalars_stay_refused(self, value):
        """A numpy float or bool is not a level: refused with the value shown."""
        np = pytest.importorskip("numpy")
        with pytest.raises(ValidationError, match=r'\$\.jawaban\["1\.1"\]: must be a whole-number level'):
            Penilaian(instansi(), 2023, KASN, {"1.1": getattr(np, value)(1)})

    def test_level_value_of_a_rubric(self):
        """A rubric built from arrays may give np.int64 level values."""
        np = pytest.importorskip("numpy")
        from meritsys.model import Level

        assert Level(np.int64(3), "tiga") == Level(3, "tiga")
