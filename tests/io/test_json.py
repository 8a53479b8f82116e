"""Assessments and results as JSON: the documented shapes, round trips, and every bad value named."""

import json

import pytest

from meritsys import Hasil, Penilaian, ValidationError, dumps, loads_hasil, loads_penilaian, score
from meritsys.io import structure, unstructure
from tests.helpers import messages, penilaian_a, penilaian_b

DOC_A = {
    "instansi": {"kode": "kab-sukamaju", "nama": "Pemerintah Kabupaten Sukamaju", "jenis": "kabupaten", "provinsi": "Jawa Tengah"},
    "tahun": 2023,
    "rubrik": "kasn-2019",
    "tahap": "penetapan",
    "jawaban": {"1.1": 3, "1.2": 4, "3.2": 0},
    "bukti": {"1.1": ["SK Bupati 12/2023 tentang peta jabatan"]},
}


class TestPenilaianJson:
    def test_documented_shape_loads(self):
        """The regime A shape of ARCHITECTURE.md loads as written."""
        p = structure(DOC_A, Penilaian)
        assert (p.instansi.kode, p.tahap.value, dict(p.jawaban), p.bukti["1.1"]) == (
            "kab-sukamaju", "penetapan", {"1.1": 3, "1.2": 4, "3.2": 0}, ("SK Bupati 12/2023 tentang peta jabatan",)
        )

    def test_regime_b_shape_loads(self):
        """The regime B shape (gates, survey as a string, correction) loads as written."""
        doc = {
            "instansi": {"kode": "kota-contoh", "nama": "Pemerintah Kota Contoh", "jenis": "kota"},
            "tahun": 2026, "rubrik": "permenpanrb-19-2025", "tahap": "mandiri",
            "gerbang": {"kecelakaan_kerja": "tidak", "kematian": "ya"},
            "jawaban": {"1.1": 3, "4.1b": 2, "6.4c": 1},
            "survei": "0.72", "koreksi": "0",
        }
        p = structure(doc, Penilaian)
        assert str(p.survei) == "0.72"

    def test_round_trip_omits_defaults(self):
        """Saving leaves out what the user did not say and loads back equal."""
        p = structure(DOC_A, Penilaian)
        data = unstructure(p)
        assert "survei" not in data
        assert "gerbang" not in data
        assert "koreksi" not in data
        assert structure(json.loads(json.dumps(data)), Penilaian) == p

    @pytest.mark.parametrize(
        ("patch", "message"),
        [
            ({"tahun": "2023"}, "$.tahun: expected a whole number, got str '2023'"),
            ({"tahun": 2023.0}, "$.tahun: expected a whole number, got float 2023.0"),
            ({"jawaban": {"1.1": 3.5}}, '$.jawaban["1.1"]: expected a whole number, got float 3.5'),
            ({"jawaban": {"1.1": True}}, '$.jawaban["1.1"]: expected a whole number, got the boolean true'),
            ({"jawaban": []}, "$.jawaban: expected an object, got a list"),
            ({"tahap": "final"}, "$.tahap: 'final' is not one of 'mandiri', 'verifikasi', 'klarifikasi', 'penetapan'"),
            ({"survei": 0.7}, '$.survei: expected a decimal written as a string (e.g. "0.7"), got the number 0.7'),
            ({"bukti": {"1.1": "SK"}}, '$.bukti["1.1"]: expected a list, got str \'SK\''),
            ({"warna": "biru"}, "$.warna: unknown key"),
        ],
        ids=["tahun-str", "tahun-float", "level-float", "level-bool", "jawaban-list", "tahap", "survei-float", "bukti-str", "extra-key"],
    )
    def test_wrong_types_are_named(self, patch, message):
        """Wrong types are refused, never coerced, each with its path."""
        with pytest.raises(ValidationError) as info:
            structure({**DOC_A, **patch}, Penilaian)
        assert info.value.messages == (message,)

    def test_missing_keys(self):
        """Required keys that are missing are each named."""
        with pytest.raises(ValidationError) as info:
            structure({"tahun": 2023}, Penilaian)
        assert set(info.value.messages) == {
            "$.instansi: required key is missing", "$.rubrik: required key is missing", "$.jawaban: required key is missing"
        }

    def test_repeated_key_in_document(self):
        """A code repeated inside jawaban is reported, not silently resolved to the last value."""
        text = '{"instansi": {"kode": "k", "nama": "K", "jenis": "kota"}, "tahun": 2023, "rubrik": "kasn-2019", "jawaban": {"1.1": 3, "1.1": 4}}'
        with pytest.raises(ValidationError) as info:
            loads_penilaian(text)
        assert info.value.messages == ('$.jawaban["1.1"]: key appears more than once',)

    def test_list_errors_are_addressed_by_index(self):
        """Problems in a list of assessments name the item."""
        good = json.dumps(DOC_A)
        text = f'[{good}, {json.dumps({**DOC_A, "tahun": "x"})}]'
        with pytest.raises(ValidationError) as info:
            loads_penilaian(text)
        assert info.value.messages == ("$[1].tahun: expected a whole number, got str 'x'",)

    def test_not_an_object(self):
        """A document that is not an object where one is expected is named."""
        with pytest.raises(ValidationError, match=r"^\$: expected an object, got str"):
            structure("x", Penilaian)


class TestHasilJson:
    @pytest.mark.parametrize("p", [penilaian_a(3), penilaian_b(2)], ids=["a", "b"])
    def test_round_trip(self, p):
        """A result saved as JSON loads back equal."""
        hasil = score(p)
        assert loads_hasil(dumps(hasil)) == (hasil,)

    def test_documented_keys(self):
        """A result's JSON has the documented keys and decimals as strings."""
        data = json.loads(dumps(score(penilaian_a(3))))
        assert {"instansi", "tahun", "rubrik", "strategi", "indeks", "kategori", "di_luar_skala", "aspek", "ke_kategori_berikut", "peringatan"} <= set(data)
        assert data["indeks"] == "300"
        assert data["kategori"] == {"kode": "III", "label": "Baik"}
        assert data["aspek"][0] == {"kode": "1", "nama": "Perencanaan Kebutuhan", "nilai": "30", "maksimum": "40", "capaian": "0.75", "kategori": None}
        assert data["ke_kategori_berikut"] == {"kategori": "Sangat Baik", "kode": "IV", "kurang": "25"}
        assert set(data["rubrik"]) == {"id", "sha256", "reform"}

    def test_regime_b_keeps_two_decimals(self):
        """Regime B indices keep their two decimals in JSON."""
        assert json.loads(dumps(score(penilaian_b(2))))["indeks"] == "0.50"

    def test_results_round_trip(self):
        """Results of both regimes, saved as a list, load back equal."""
        results = [score(penilaian_a(3)), score(penilaian_b(2))]
        assert loads_hasil(dumps(results)) == tuple(results)

    @pytest.mark.parametrize(
        ("jarak", "message"),
        [
            (["Sangat Baik"], "$.ke_kategori_berikut: expected an object, got a list"),
            ({"kategori": "Sangat Baik", "kode": "IV", "kurang": 25},
             '$.ke_kategori_berikut.kurang: expected a decimal written as a string (e.g. "25"), got the number 25'),
            ({"kategori": "Sangat Baik"}, "$.ke_kategori_berikut.kode: required key is missing"),
        ],
        ids=["list", "number", "missing-keys"],
    )
    def test_bad_distance_in_a_result(self, jarak, message):
        """A result file whose distance to the next band is malformed is refused at that key."""
        data = json.loads(dumps(score(penilaian_a(3))))
        data["ke_kategori_berikut"] = jarak
        assert messages(loads_hasil, json.dumps(data))[0] == message

    def test_list_items_are_addressed(self):
        """Each bad item of a list of results is reported under its position."""
        good = json.loads(dumps(score(penilaian_a(3))))
        msgs = messages(loads_hasil, json.dumps([good, {**good, "indeks": 300}, 7]))
        assert msgs == (
            '$[1].indeks: expected a decimal written as a string (e.g. "300"), got the number 300',
            "$[2]: expected an object, got int 7",
        )
        assert isinstance(loads_hasil(json.dumps(good))[0], Hasil)
