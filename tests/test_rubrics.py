import datetime as dt
import sys
import warnings
from decimal import Decimal

import pytest

from meritsys import (
    JenisInstansi,
    PluginWarning,
    RubricNotFoundError,
    Status,
    ValidationError,
    dumps_rubrik,
    get_rubrik,
    list_rubrik,
    load_rubrik,
    rubrik_for_date,
    rubrik_sha256,
)
from meritsys.io import parse_rubrik
from meritsys.rubrics import register_rubrik
from meritsys.scoring import get_strategy, list_strategies
from tests.helpers import KASN, B, kasn, rezim_b, rubrik_data


def _numbers(node, path="$"):
    """Yield (path, dict) for every Angka-shaped dict in plain rubric data."""
    if isinstance(node, dict):
        if "nilai" in node and "status" in node:
            yield path, node
        for k, v in node.items():
            yield from _numbers(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _numbers(v, f"{path}[{i}]")


class TestShippedKasn:
    def test_aspects_in_official_order(self):
        """The eight regime A aspects appear in the order of PerKASN 9/2019."""
        assert [a.nama for a in kasn().aspek] == [
            "Perencanaan Kebutuhan",
            "Pengadaan",
            "Pengembangan Karier",
            "Promosi dan Mutasi",
            "Manajemen Kinerja",
            "Penggajian, Penghargaan, dan Disiplin",
            "Perlindungan dan Pelayanan",
            "Sistem Informasi",
        ]

    def test_aspect_maxima_match_domain(self):
        """Aspect maxima are 40/40/130/40/80 (resmi) and 40/10/20 (acuan)."""
        maxima = [(a.maksimum.nilai, a.maksimum.status) for a in kasn().aspek]
        assert maxima == [
            (Decimal(40), Status.RESMI),
            (Decimal(40), Status.RESMI),
            (Decimal(130), Status.RESMI),
            (Decimal(40), Status.RESMI),
            (Decimal(80), Status.RESMI),
            (Decimal(40), Status.ACUAN),
            (Decimal(10), Status.ACUAN),
            (Decimal(20), Status.ACUAN),
        ]

    def test_weights_are_half_point_multiples_adding_to_100(self):
        """Every indicator weight is a multiple of 0.5 and they add up to 100."""
        weights = [i.bobot.nilai for i in kasn().indikator]
        assert all((w * 2) % 1 == 0 for w in weights)
        assert sum(weights) == 100

    def test_indicator_codes_follow_aspect(self):
        """Indicator codes are '<aspek>.<n>'."""
        for a in kasn().aspek:
            assert [i.kode for i in a.indikator] == [f"{a.kode}.{n}" for n in range(1, len(a.indikator) + 1)]

    def test_levels_zero_to_four(self):
        """Every indicator allows levels 0-4, 0 meaning no evidence."""
        assert {tuple(lv.nilai for lv in i.level) for i in kasn().indikator} == {(0, 1, 2, 3, 4)}

    def test_bands_and_rule(self):
        """Bands are I Buruk / II Kurang / III Baik / IV Sangat Baik with published ranges, lower bounds inclusive."""
        r = kasn()
        assert [(k.kode, k.label, k.batas_bawah.nilai, k.batas_atas.nilai) for k in r.kategori] == [
            ("I", "Buruk", 100, 174),
            ("II", "Kurang", 175, 249),
            ("III", "Baik", 250, 324),
            ("IV", "Sangat Baik", 325, 400),
        ]
        assert r.aturan_batas.jenis.value == "bawah_inklusif"

    def test_effective_dates(self):
        """kasn-2019 runs from 2019-01-01 (acuan) to 2025-12-30."""
        r = kasn()
        assert (r.berlaku_mulai, r.berlaku_sampai) == (dt.date(2019, 1, 1), dt.date(2025, 12, 30))


class TestShippedRegimeB:
    def test_31_scored_entries(self):
        """The worksheet's 31 scored entries are all encoded with its codes."""
        codes = [i.kode for i in rezim_b().indikator]
        assert len(codes) == 31
        assert {"4.1a", "4.1b", "5.2a", "5.2b", "6.4a", "6.4b", "6.4c", "6.4d"} <= set(codes)

    def test_aspect_weights(self):
        """Aspect weights follow DOMAIN.md §5 and add up to exactly 1."""
        r = rezim_b()
        assert [a.bobot.nilai for a in r.aspek] == [Decimal(x) for x in ("0.10", "0.15", "0.15", "0.15", "0.10", "0.15", "0.10", "0.10")]
        assert next(a.bobot.status for a in r.aspek) is Status.RESMI
        assert r.aspek[7].bobot.status is Status.SEKUNDER
        assert all(a.bobot.status is Status.ACUAN for a in r.aspek[1:7])

    def test_variants_by_agency_type(self):
        """4.1a applies to central agencies and provinces, 4.1b to kabupaten and kota."""
        r = rezim_b()
        a, b = r.indicator("4.1a"), r.indicator("4.1b")
        for jenis in JenisInstansi:
            regional = jenis in (JenisInstansi.KABUPATEN, JenisInstansi.KOTA)
            assert a.applies_to(jenis, {}) is not regional
            assert b.applies_to(jenis, {}) is regional

    def test_6_3_applies_to_everyone(self):
        """Question 6.3 (Tukin/TPP) has no gate: central agencies pay tukin too."""
        assert rezim_b().indicator("6.3").berlaku_jika is None

    def test_worksheet_ids_are_aliases(self):
        """The worksheet's internal ids are accepted as aliases of the codes."""
        r = rezim_b()
        assert r.indicator("a1q1").kode == "1.1"
        assert r.gerbang_per_kode["a6q4_kematian_gate"].kode == "kematian"


class TestProvenance:
    @pytest.mark.parametrize("rid", [KASN, B])
    def test_every_number_has_a_status_and_acuan_says_why(self, rid):
        """Every number carries a status, and every acuan value names what is unknown."""
        found = list(_numbers(rubrik_data(get_rubrik(rid))))
        assert len(found) > 20
        for path, num in found:
            assert num["status"] in ("resmi", "sekunder", "acuan"), path
            if num["status"] == "acuan":
                assert num.get("catatan"), path

    @pytest.mark.parametrize("rid", [KASN, B])
    def test_rubrik_cites_regulations(self, rid):
        """A rubric carries its legal references."""
        assert get_rubrik(rid).rujukan


class TestRegistry:
    @pytest.mark.parametrize(
        ("tanggal", "rid"),
        [
            (dt.date(2019, 1, 1), KASN),
            (dt.date(2023, 6, 30), KASN),
            (dt.date(2025, 12, 30), KASN),
            (dt.date(2025, 12, 31), B),
            (dt.date(2026, 9, 1), B),
        ],
        ids=["first-day", "mid-2023", "last-day", "b-first-day", "2026"],
    )
    def test_rubrik_for_date(self, tanggal, rid):
        """The rubric in force on a date is found."""
        assert rubrik_for_date(tanggal).id == rid

    def test_no_rubrik_before_2019(self):
        """No shipped rubric is in force before 2019."""
        with pytest.raises(RubricNotFoundError, match="2018-06-30"):
            rubrik_for_date(dt.date(2018, 6, 30))

    def test_unknown_id_lists_known(self):
        """An unknown id raises RubricNotFoundError naming the known ids."""
        with pytest.raises(RubricNotFoundError, match="kasn-2019"):
            get_rubrik("kasn-2018")

    def test_list_is_ordered_by_date(self):
        """list_rubrik returns the rubrics in force order."""
        assert [r.id for r in list_rubrik()] == [KASN, B]

    def test_plugin_may_build_on_a_shipped_rubric(self, plugins):
        """A rubric package that looks up a shipped rubric while it loads gets it, and loads once, without warnings."""
        source = (
            "import attrs\nfrom meritsys import get_rubrik\nCALLS = []\n"
            "def make():\n    CALLS.append(1)\n    return [attrs.evolve(get_rubrik('kasn-2019'), id='kasn-2019-turunan')]\n"
        )
        plugins("rubrik_turunan", source, "[meritsys.rubrics]\nturunan = rubrik_turunan:make\n")
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert get_rubrik("kasn-2019-turunan").aspek == get_rubrik(KASN).aspek
        assert sys.modules["rubrik_turunan"].CALLS == [1]

    def test_bad_file_in_a_registered_folder_is_named(self, tmp_path):
        """A rubric problem found in a folder names the file it is in."""
        bad = tmp_path / "rusak.toml"
        bad.write_text('id = "x"\nwarna = "biru"\n', encoding="utf-8")
        with pytest.raises(ValidationError) as exc:
            register_rubrik(tmp_path)
        assert all(m.endswith(f"(in {bad})") for m in exc.value.messages)
        assert "$.warna: unknown key (in " + str(bad) + ")" in exc.value.messages

    def test_bad_rubrik_path_entry_names_the_variable(self, tmp_path, monkeypatch):
        """A MERITSYS_RUBRIK_PATH entry that cannot be read is reported with the variable's name."""
        missing = tmp_path / "tidak-ada.toml"
        monkeypatch.setenv("MERITSYS_RUBRIK_PATH", str(missing))
        with pytest.raises(ValidationError) as exc:
            get_rubrik(KASN)
        (message,) = exc.value.messages
        assert message.startswith(f"$: cannot read {missing}")
        assert message.endswith(f"(in MERITSYS_RUBRIK_PATH entry {missing})")


class TestRoundTrip:
    @pytest.mark.parametrize("rid", [KASN, B])
    def test_json_round_trip_keeps_hash(self, rid, tmp_path):
        """A rubric saved as JSON loads back equal, with the same content hash."""
        r = get_rubrik(rid)
        path = tmp_path / "r.json"
        path.write_text(dumps_rubrik(r))
        again = load_rubrik(path)
        assert again == r
        assert rubrik_sha256(again) == rubrik_sha256(r)

    def test_hash_changes_with_content(self):
        """Changing one weight changes the content hash."""
        data = rubrik_data(kasn())
        data["aspek"][0]["indikator"][0]["bobot"]["nilai"] = "4.5"
        data["aspek"][0]["indikator"][1]["bobot"]["nilai"] = "3.5"
        assert rubrik_sha256(parse_rubrik(data)) != rubrik_sha256(kasn())


class TestInvalidRubrik:
    def _errors(self, data):
        with pytest.raises(ValidationError) as info:
            parse_rubrik(data)
        return info.value.messages

    def test_weights_that_do_not_add_up(self):
        """Weights that do not add up to the declared sum are rejected at jumlah_bobot."""
        data = rubrik_data(kasn())
        data["aspek"][0]["indikator"][0]["bobot"]["nilai"] = "6"
        data["aspek"][0].pop("maksimum")
        assert self._errors(data) == ("$.jumlah_bobot: declared 100 but the indikator weights add up to 101",)

    def test_aspect_maximum_mismatch(self):
        """A declared aspect maximum that the indicators do not give is named."""
        data = rubrik_data(kasn())
        data["aspek"][1]["maksimum"]["nilai"] = "41"
        assert self._errors(data) == ("$.aspek[1].maksimum: declared 41 but the indicators give 40 (sum of bobot x highest level)",)

    def test_duplicate_indicator_code(self):
        """A repeated indicator code is named at the second occurrence."""
        data = rubrik_data(kasn())
        data["aspek"][0]["indikator"][1]["kode"] = "1.1"
        msgs = self._errors(data)
        assert "$.aspek[0].indikator[1].kode: duplicate indicator code '1.1' (also aspek[0].indikator[0])" in msgs

    def test_overlapping_bands(self):
        """Bands whose published ranges overlap are rejected."""
        data = rubrik_data(kasn())
        data["kategori"][2]["batas_bawah"]["nilai"] = "249"
        assert self._errors(data) == ("$.kategori[2].batas_bawah: band Baik (249) overlaps band Kurang (up to 249)",)

    def test_gapped_bands(self):
        """Bands that leave more than one published step between them are rejected."""
        data = rubrik_data(kasn())
        data["kategori"][2]["batas_bawah"]["nilai"] = "252"
        msgs = self._errors(data)
        assert msgs == ("$.kategori[2].batas_bawah: gap between band Kurang (up to 249) and band Baik (from 252): published bands must meet one step (1) apart",)

    def test_level_set_must_be_consecutive(self):
        """A level set with a hole is rejected at that indicator."""
        data = rubrik_data(kasn())
        del data["aspek"][2]["indikator"][0]["level"][2]
        msgs = self._errors(data)
        assert msgs[0].startswith("$.aspek[2].indikator[0].level: level values must be consecutive")

    def test_unknown_key_and_wrong_type(self):
        """Unknown keys and wrong types are each reported at their path."""
        data = rubrik_data(kasn())
        data["warna"] = "biru"
        data["aspek"][0]["indikator"][0]["bobot"]["nilai"] = 5
        msgs = self._errors(data)
        assert "$.warna: unknown key" in msgs
        assert any(m.startswith("$.aspek[0].indikator[0].bobot.nilai: expected a decimal written as a string") for m in msgs)

    def test_gate_condition_names_a_real_gate(self):
        """A condition on an unknown gate or answer is rejected."""
        data = rubrik_data(rezim_b())
        ind = data["aspek"][5]["indikator"][4]
        assert ind["kode"] == "6.4b"
        ind["berlaku_jika"]["jawaban"] = ["mungkin"]
        assert self._errors(data) == ("$.aspek[5].indikator[4].berlaku_jika.jawaban[0]: 'mungkin' is not an answer of gate kecelakaan_kerja; one of: ya, tidak",)

    def test_acuan_needs_a_note(self):
        """An acuan number without a note naming what is unknown is rejected."""
        data = rubrik_data(kasn())
        del data["aspek"][5]["maksimum"]["catatan"]
        assert self._errors(data) == ("$.aspek[5].maksimum.catatan: required when status is 'acuan': name what is unknown",)

    def test_composition_must_add_to_one(self):
        """Regime B maturity and survey weights must add up to 1."""
        data = rubrik_data(rezim_b())
        data["komposisi"]["bobot_survei"]["nilai"] = "0.3"
        assert self._errors(data) == ("$.komposisi: bobot_maturitas + bobot_survei must be 1, got 1.05",)

    def test_toml_syntax_error(self, tmp_path):
        """A TOML file that does not parse is a ValidationError naming the file."""
        path = tmp_path / "rusak.toml"
        path.write_text("id = \n")
        with pytest.raises(ValidationError, match=r"rusak\.toml is not valid TOML"):
            load_rubrik(path)


class TestPluginNames:
    def test_plugin_named_like_a_built_in_is_reported(self, plugins):
        """A strategy plugin reusing a built-in's name is not silently shadowed: a PluginWarning names it."""
        plugins("strategi_bayangan", "class S:\n    pass\n", "[meritsys.strategies]\nweighted-sum = strategi_bayangan:S\n")
        with pytest.warns(PluginWarning, match="'weighted-sum' .*has the name of a built-in"):
            names = list_strategies()
        assert names.count("weighted-sum") == 1
        assert get_strategy("weighted-sum").name == "weighted-sum"
