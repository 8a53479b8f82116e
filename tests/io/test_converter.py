"""The strict converter: plain data to model objects and back, never coercing, every problem at its path."""

import datetime as dt
from decimal import Decimal

import pytest

from meritsys import Hasil, score
from meritsys.io import make_converter, parse_rubrik, structure, unstructure
from meritsys.model import Instansi, JarakKategori
from tests.helpers import kasn, messages, penilaian_a, rubrik_data


class TestConverterEdges:
    def _rubrik_errors(self, patch):
        data = rubrik_data(kasn())
        patch(data)
        return messages(parse_rubrik, data)

    @pytest.mark.parametrize(
        ("patch", "message"),
        [
            (lambda d: d["aspek"][0]["indikator"][0].update(bukti_wajib="ya"),
             "$.aspek[0].indikator[0].bukti_wajib: expected true or false, got str 'ya'"),
            (lambda d: d["aspek"][0]["indikator"][0].update(bukti_wajib=1),
             "$.aspek[0].indikator[0].bukti_wajib: expected true or false, got int 1"),
            (lambda d: d.update(berlaku_mulai=20190101),
             "$.berlaku_mulai: expected a date (YYYY-MM-DD), got int 20190101"),
            (lambda d: d.update(berlaku_mulai="2019-13-01"),
             "$.berlaku_mulai: '2019-13-01' is not a date (YYYY-MM-DD)"),
            (lambda d: d.update(berlaku_mulai="20190101"),
             "$.berlaku_mulai: '20190101' is not a date (YYYY-MM-DD)"),
            (lambda d: d.update(berlaku_mulai="2019-W01-1"),
             "$.berlaku_mulai: '2019-W01-1' is not a date (YYYY-MM-DD)"),
            (lambda d: d.update(berlaku_mulai=dt.datetime(2019, 1, 1)),
             "$.berlaku_mulai: expected a date (YYYY-MM-DD), got datetime datetime.datetime(2019, 1, 1, 0, 0)"),
            (lambda d: d["aspek"][0]["indikator"][0]["bobot"].update(nilai=None),
             "$.aspek[0].indikator[0].bobot.nilai: expected a decimal written as a string, got null"),
            (lambda d: d["aspek"][0]["indikator"][0]["bobot"].update(nilai={}),
             "$.aspek[0].indikator[0].bobot.nilai: expected a decimal written as a string, got an object"),
            (lambda d: d["aspek"][0]["indikator"][0]["bobot"].update(nilai=True),
             "$.aspek[0].indikator[0].bobot.nilai: expected a decimal written as a string, got the boolean true"),
            (lambda d: d["aspek"][0]["indikator"][0]["bobot"].update(nilai="lima"),
             "$.aspek[0].indikator[0].bobot.nilai: 'lima' is not a number"),
            (lambda d: d.update({"warna-latar": "biru"}), '$["warna-latar"]: unknown key'),
        ],
        ids=["bool-text", "bool-int", "date-int", "date-invalid", "date-basic-form", "date-week-form", "date-datetime", "decimal-null",
             "decimal-object", "decimal-bool", "decimal-text", "extra-key-not-identifier"],
    )
    def test_wrong_values_are_named(self, patch, message):
        """Booleans, dates and decimals of the wrong kind are refused at their path, never coerced."""
        assert self._rubrik_errors(patch) == (message,)

    def test_python_dates_and_decimals_are_accepted(self):
        """Data built in Python may carry date and Decimal objects; they load to the same rubric."""
        data = rubrik_data(kasn())
        data["berlaku_mulai"] = dt.date(2019, 1, 1)
        data["aspek"][0]["indikator"][0]["bobot"]["nilai"] = Decimal(3)
        assert parse_rubrik(data) == kasn()

    @pytest.mark.parametrize(
        ("data", "cls", "path", "message"),
        [
            (5, str, "", "$: expected a string, got int 5"),
            (5, str, "nama", "$.nama: expected a string, got int 5"),
            ("lima", Decimal, "nilai", "$.nilai: 'lima' is not a number"),
        ],
        ids=["string", "string-at-path", "decimal-at-path"],
    )
    def test_top_level_primitives(self, data, cls, path, message):
        """structure() of a primitive reports at the path it is given."""
        assert messages(structure, data, cls, path=path) == (message,)

    @pytest.mark.parametrize(
        ("data", "message"),
        [([1], "$[0]: expected an object, got a list"), (None, "$[0]: expected an object, got null")],
        ids=["list", "null"],
    )
    def test_model_object_must_be_an_object(self, data, message):
        """A model class built from something that is not an object is refused at the path."""
        assert messages(structure, data, Instansi, path="[0]") == (message,)

    def test_wrong_nested_type_names_the_type(self):
        """A null or object where text is expected says so."""
        assert messages(structure, {"kode": "a", "nama": None, "jenis": "kota"}, Instansi) == ("$.nama: expected a string, got null",)
        assert messages(structure, {"kode": "a", "nama": {}, "jenis": "kota"}, Instansi) == ("$.nama: expected a string, got an object",)

    def test_distance_to_next_band_keys(self):
        """A result's distance to the next band needs exactly kategori, kode and kurang."""
        assert messages(structure, {"kategori": "Baik", "warna": 1}, JarakKategori, path="jarak") == (
            "$.jarak.warna: unknown key",
            "$.jarak.kode: required key is missing",
            "$.jarak.kurang: required key is missing",
        )
        assert messages(structure, ["Baik"], JarakKategori) == ("$: expected an object, got a list",)


class TestConverter:
    def test_make_converter_is_independent(self):
        """make_converter returns a fresh strict converter, not the global one."""
        import cattrs

        c = make_converter()
        assert c is not cattrs.global_converter
        with pytest.raises(Exception):  # noqa: B017,PT011  (cattrs' own error type)
            c.structure({"kode": 1, "nama": "x", "jenis": "kota"}, __import__("meritsys").Instansi)

    def test_list_of_hasil_structures(self):
        """A list of results unstructures to a list and back."""
        h = score(penilaian_a(2))
        assert structure(unstructure(h), Hasil) == h
