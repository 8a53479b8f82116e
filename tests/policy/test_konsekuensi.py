"""Consequence policies: the model, its path-addressed checks, the shipped files and the policy of a cycle."""

import copy
import json
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from meritsys import Angka, ValidationError
from meritsys.errors import MeritsysError
from meritsys.io import structure
from meritsys.policy import (
    AturanKategori,
    AturanSiklus,
    KebijakanKonsekuensi,
    StatusAturan,
    get_konsekuensi,
    konsekuensi_for_cycle,
    list_konsekuensi,
    load_konsekuensi,
)
from tests.helpers import ROOT, messages

DATA = ROOT / "meritsys" / "policy" / "data"
KASN = DATA / "konsekuensi-kasn.toml"
B = DATA / "konsekuensi-permenpanrb-19-2025.toml"


def kasn_data():
    return tomllib.loads(KASN.read_text(encoding="utf-8"))


def built(data):
    return structure(data, KebijakanKonsekuensi)


class TestShippedPolicies:
    def test_one_file_per_era_named_after_its_id(self):
        """Each shipped file is named after its policy's id; the eras follow each other without a gap."""
        found = list_konsekuensi()
        assert [k.id for k in found] == ["konsekuensi-kasn", "konsekuensi-permenpanrb-19-2025"]
        assert sorted(p.stem for p in DATA.glob("*.toml")) == [k.id for k in found]
        assert (found[0].siklus_mulai, found[0].siklus_sampai, found[1].siklus_mulai, found[1].siklus_sampai) == (2019, 2025, 2026, None)

    def test_kasn_rules(self):
        """The KASN era: award from Baik, Sangat Baik every 2 years and the rest yearly, JPT from Sangat Baik, target from Baik."""
        k = get_konsekuensi("konsekuensi-kasn")
        assert k.kategori == ("Buruk", "Kurang", "Baik", "Sangat Baik")
        assert (k.penghargaan.nama, k.penghargaan.kategori_minimal) == ("Anugerah Meritokrasi", "Baik")
        assert {c: (int(a.nilai), a.status.value) for c, a in k.siklus.selang.items()} == {
            "Sangat Baik": (2, "sekunder"), "Baik": (1, "sekunder"), "Kurang": (1, "acuan"), "Buruk": (1, "acuan"),
        }
        assert k.pengecualian_jpt.kategori_minimal == "Sangat Baik"
        assert "Baik" in k.pengecualian_jpt.catatan  # the alternative some sources give is documented
        assert k.pengecualian_jpt.syarat_lain
        assert (k.sasaran_nasional.kategori_minimal, k.sasaran_nasional.status) == ("Baik", StatusAturan.RESMI)
        assert "Perpres 18/2020" in k.sasaran_nasional.sumber

    def test_every_rule_has_a_status_and_a_source(self):
        """Every shipped rule names its status and its source; a reference or unknown rule says why."""
        for k in list_konsekuensi():
            for r in k.rules():
                assert r["status"] in {s.value for s in StatusAturan}, (k.id, r)
                assert r["sumber"], (k.id, r)
                if r["status"] in ("acuan", "tidak_diketahui"):
                    assert r["catatan"], (k.id, r)

    def test_regime_b_knows_no_consequence(self):
        """Regime B's policy marks every rule unknown and holds no value, so nothing is invented."""
        b = get_konsekuensi("konsekuensi-permenpanrb-19-2025")
        assert b.kategori == ("Dasar", "Lanjutan", "Menengah", "Tinggi", "Maju")
        for rule in (b.penghargaan, b.siklus, b.pengecualian_jpt, b.sasaran_nasional):
            assert rule.status is StatusAturan.TIDAK_DIKETAHUI
            assert not rule.diketahui
        assert b.meets(b.penghargaan, "Maju") is None
        assert b.interval("Maju") is None

    def test_official_numbers_only_where_the_domain_has_them(self):
        """Only the RPJMN target is resmi: the consequences the sources mark resmi/sekunder keep the weaker mark."""
        k = get_konsekuensi("konsekuensi-kasn")
        statuses = {name: getattr(k, name).status for name in ("penghargaan", "siklus", "pengecualian_jpt", "sasaran_nasional")}
        assert statuses == {
            "penghargaan": StatusAturan.SEKUNDER, "siklus": StatusAturan.SEKUNDER,
            "pengecualian_jpt": StatusAturan.SEKUNDER, "sasaran_nasional": StatusAturan.RESMI,
        }

    def test_load_reads_json_too(self, tmp_path):
        """A policy written as JSON loads the same as its TOML file."""
        path = tmp_path / "k.json"
        path.write_text(json.dumps(kasn_data()), encoding="utf-8")
        assert load_konsekuensi(path) == get_konsekuensi("konsekuensi-kasn")

    def test_unknown_id(self):
        """An unknown policy id is an error naming the known ones with their cycles."""
        with pytest.raises(MeritsysError, match=r"known: konsekuensi-kasn \(2019-2025\), konsekuensi-permenpanrb-19-2025 \(2026-\)"):
            get_konsekuensi("tidak-ada")


class TestPolicyOfCycle:
    @pytest.mark.parametrize(
        ("tahun", "kid"),
        [(2019, "konsekuensi-kasn"), (2023, "konsekuensi-kasn"), (2025, "konsekuensi-kasn"), (2026, "konsekuensi-permenpanrb-19-2025")],
        ids=["2019", "2023", "2025", "2026"],
    )
    def test_by_cycle(self, tahun, kid):
        """The policy of a cycle follows the cycle, like the rubric: 2025 is still the KASN instrument's era."""
        assert konsekuensi_for_cycle(tahun).id == kid

    def test_before_any_policy(self):
        """A cycle no shipped policy covers is named in the error."""
        assert messages(konsekuensi_for_cycle, 2018) == (
            "$.tahun: no consequence policy covers the cycle 2018; known: konsekuensi-kasn (2019-2025), konsekuensi-permenpanrb-19-2025 (2026-)",
        )

    def test_given_policy_must_cover_the_cycle(self):
        """A policy applied to a cycle it does not cover is refused rather than stretched."""
        kasn = get_konsekuensi("konsekuensi-kasn")
        assert konsekuensi_for_cycle(2024, kasn) is kasn
        assert messages(konsekuensi_for_cycle, 2026, kasn) == ("$.kebijakan: the consequence policy konsekuensi-kasn covers the cycles 2019-2025, not 2026",)

    @pytest.mark.parametrize(("tahun", "message"), [("2025", "got '2025'"), (True, "got True"), (1999, "must lie in 2000..2100, got 1999")], ids=["str", "bool", "early"])
    def test_cycle_is_a_year(self, tahun, message):
        """A cycle that is not a whole year in 2000..2100 is refused."""
        (m,) = messages(konsekuensi_for_cycle, tahun)
        assert m.startswith("$.tahun: ")
        assert m.endswith(message)


def _set(data, path, value):
    node = data
    *head, last = path
    for key in head:
        node = node[key]
    if value is _DROP:
        del node[last]
    else:
        node[last] = value


_DROP = object()


class TestChecks:
    @pytest.mark.parametrize(
        ("path", "value", "expected"),
        [
            (("pengecualian_jpt", "kategori_minimal"), "Istimewa", "$.pengecualian_jpt.kategori_minimal: 'Istimewa' is not a category of this policy; one of: Buruk, Kurang, Baik, Sangat Baik"),
            (("siklus", "selang", "Buruk"), _DROP, "$.siklus.selang: no cadence for 'Buruk': every category needs one"),
            (("siklus", "selang", "Cukup"), {"nilai": "1", "status": "acuan", "catatan": "x"}, "$.siklus.selang[\"Cukup\"]: not a category of this policy; one of: Buruk, Kurang, Baik, Sangat Baik"),
            (("siklus", "selang", "Baik", "nilai"), "1.5", "$.siklus.selang[\"Baik\"].nilai: must be a whole number of years, at least 1, got 1.5"),
            (("siklus", "selang", "Baik", "nilai"), "0", "$.siklus.selang[\"Baik\"].nilai: must be a whole number of years, at least 1, got 0"),
            (("siklus_sampai",), 2018, "$.siklus_sampai: 2018 is before siklus_mulai 2019"),
            (("penghargaan", "status"), "pasti", "$.penghargaan.status: 'pasti' is not one of 'resmi', 'sekunder', 'acuan', 'tidak_diketahui'"),
            (("penghargaan", "sumber"), _DROP, "$.penghargaan.sumber: required key is missing"),
            (("penghargaan", "kategori_minimal"), _DROP, "$.penghargaan.kategori_minimal: required when status is 'sekunder': the lowest qualifying category"),
            (("sasaran_nasional", "warna"), "biru", "$.sasaran_nasional.warna: unknown key"),
            (("kategori",), ["Baik", "baik"], "$.kategori[1]: 'baik' is listed twice"),
            (("kategori",), [], "$.kategori: must list the categories of the era, lowest first"),
            (("siklus_mulai",), "2019", "$.siklus_mulai: expected a whole number, got str '2019'"),
        ],
        ids=[
            "unknown-category", "cadence-missing-category", "cadence-extra-category", "interval-fraction", "interval-zero",
            "cycles-reversed", "bad-status", "no-source", "known-rule-without-value", "unknown-key", "duplicate-category",
            "no-categories", "year-as-string",
        ],
    )
    def test_problem_named_by_path(self, path, value, expected):
        """Each broken policy is refused with one message naming the path of the problem."""
        data = copy.deepcopy(kasn_data())
        _set(data, path, value)
        assert expected in messages(built, data)

    def test_unknown_rule_holds_no_value(self):
        """A rule marked tidak_diketahui that carries a value is refused: unknown means no number."""
        data = copy.deepcopy(kasn_data())
        data["siklus"] = {"status": "tidak_diketahui", "sumber": "tidak ditemukan", "catatan": "x", "selang": {"Baik": {"nilai": "1", "status": "sekunder"}}}
        assert messages(built, data) == ("$.siklus.selang: an unknown rule holds no value; leave it out",)

    def test_reference_and_unknown_rules_need_a_note(self):
        """An acuan or tidak_diketahui rule without a note is refused: it must say what is unknown."""
        with pytest.raises(ValidationError) as info:
            AturanKategori("acuan", "meritsys", kategori_minimal="Baik")
        assert info.value.messages == ("$.catatan: required when status is 'acuan': say what is unknown",)
        with pytest.raises(ValidationError) as info:
            AturanSiklus("tidak_diketahui", "tidak ditemukan")
        assert info.value.messages == ("$.catatan: required when status is 'tidak_diketahui': say what is unknown",)

    def test_file_errors_name_the_path(self, tmp_path):
        """A broken policy file is reported with every problem's path."""
        text = KASN.read_text(encoding="utf-8").replace('kategori_minimal = "Sangat Baik"', 'kategori_minimal = "Istimewa"')
        path = tmp_path / "milik.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ValidationError) as info:
            load_konsekuensi(path)
        assert info.value.messages == (
            "$.pengecualian_jpt.kategori_minimal: 'Istimewa' is not a category of this policy; one of: Buruk, Kurang, Baik, Sangat Baik",
        )

    def test_not_toml(self, tmp_path):
        """A file that is not TOML is an error from the one document reader."""
        path = tmp_path / "rusak.toml"
        path.write_text("id = ", encoding="utf-8")
        with pytest.raises(ValidationError, match=r"rusak\.toml is not valid TOML"):
            load_konsekuensi(path)


class TestMeets:
    @pytest.mark.parametrize(
        ("label", "award", "jpt"),
        [("Buruk", False, False), ("Kurang", False, False), ("Baik", True, False), ("Sangat Baik", True, True)],
        ids=["buruk", "kurang", "baik", "sangat-baik"],
    )
    def test_at_or_above_the_minimum(self, label, award, jpt):
        """A category qualifies when it is at or above the rule's lowest qualifying category."""
        k = get_konsekuensi("konsekuensi-kasn")
        assert (k.meets(k.penghargaan, label), k.meets(k.pengecualian_jpt, label)) == (award, jpt)

    def test_minimum_given_by_the_caller(self):
        """The caller may name another minimum (the Baik some sources give for JPT)."""
        k = get_konsekuensi("konsekuensi-kasn")
        assert k.meets(k.pengecualian_jpt, "Baik", minimal="Baik") is True

    def test_category_of_another_era(self):
        """A category the policy does not know is refused, naming the policy and its categories."""
        k = get_konsekuensi("konsekuensi-kasn")
        assert messages(k.meets, k.penghargaan, "Maju") == (
            "$.kategori: 'Maju' is not a category of the consequence policy konsekuensi-kasn (cycles 2019-2025); one of: Buruk, Kurang, Baik, Sangat Baik",
        )

    def test_interval(self):
        """The interval after a category is a number with its status and source."""
        k = get_konsekuensi("konsekuensi-kasn")
        assert k.interval("Sangat Baik") == Angka(Decimal(2), "sekunder", sumber="KASN: dinilai ulang setiap 2 tahun")


class TestModel:
    def test_frozen(self):
        """A policy cannot be changed in place."""
        import attrs

        k = get_konsekuensi("konsekuensi-kasn")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            k.id = "lain"  # type: ignore[misc]

    def test_evolve_checks_again(self):
        """A change through attrs.evolve runs every check again."""
        import attrs

        k = get_konsekuensi("konsekuensi-kasn")
        jpt = attrs.evolve(k.pengecualian_jpt, kategori_minimal="Baik")
        assert attrs.evolve(k, pengecualian_jpt=jpt).meets(jpt, "Baik") is True
        with pytest.raises(ValidationError):
            attrs.evolve(k, kategori=("Dasar", "Maju"))

    def test_rule_field_must_be_a_rule(self):
        """A rule field holding something else is refused at its field."""
        import attrs

        k = get_konsekuensi("konsekuensi-kasn")
        with pytest.raises(ValidationError) as info:
            attrs.evolve(k, siklus=k.penghargaan)
        assert info.value.messages[0].startswith("$.siklus: must be AturanSiklus")

    def test_rules_records(self):
        """rules() gives one flat record per rule, the cadence written with each interval's status."""
        rows = get_konsekuensi("konsekuensi-kasn").rules()
        assert [r["aturan"] for r in rows] == ["penghargaan", "siklus", "pengecualian_jpt", "sasaran_nasional"]
        assert rows[1]["nilai"] == "Sangat Baik 2 th (sekunder); Baik 1 th (sekunder); Kurang 1 th (acuan); Buruk 1 th (acuan)"

    def test_shipped_files_parse_as_plain_toml(self):
        """The shipped files are plain TOML any tool reads (no meritsys-only syntax)."""
        for path in DATA.glob("*.toml"):
            assert isinstance(tomllib.loads(Path(path).read_text(encoding="utf-8")), dict)
