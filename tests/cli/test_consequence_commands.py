"""meritsys due, awards and target: the consequences of a history on the command line, in every output format."""

import csv
import io
import json
import textwrap
from pathlib import Path

import pytest

from tests.helpers import KOHORT_A, KOHORT_B, RIWAYAT, ROOT, run_cli

POLICY = ROOT / "meritsys" / "policy" / "data" / "konsekuensi-kasn.toml"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _rows(out: str) -> dict[str, list[str]]:
    """The table's data rows by their first cell."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("---")) + 1
    body = lines[start : lines.index("", start)] if "" in lines[start:] else lines[start:]
    return {line.split()[0]: line.split() for line in body}


class TestDue:
    def test_sangat_baik_city(self):
        """kota-contoh, Sangat Baik in 2023, is not due in 2024 and is due in 2025."""
        code, out, err = run_cli("due", RIWAYAT, "--tahun", "2024")
        assert (code, err) == (0, "")
        assert _rows(out)["kota-contoh"][-2:] == ["tidak", "tidak"]  # not due, and not assessed in 2024
        assert _rows(out)["kab-makmur-jaya"][-2:] == ["ya", "tidak"]  # due, yet not assessed: a look back shows it
        code, out, _ = run_cli("due", RIWAYAT, "--tahun", "2025")
        assert _rows(out)["kota-contoh"][-1] == "ya"
        assert "jatuh tempo 7, tidak 3, tidak diketahui 0" in out
        assert _rows(out)["kab-makmur-jaya"][-3:] == ["2024", "(terlewat)", "ya"]

    def test_regime_b_cycle(self):
        """For 2026 every answer is 'tidak diketahui' and the regime B policy is named."""
        code, out, _ = run_cli("due", RIWAYAT, "--tahun", "2026")
        assert code == 0
        assert {r[-1] for r in _rows(out).values()} == {"diketahui"}
        assert "kebijakan konsekuensi-permenpanrb-19-2025 (2026-): siklus penilaian tidak diketahui" in out

    def test_json(self):
        """JSON holds one record per agency and the cadence rule with its status and source."""
        code, out, _ = run_cli("due", RIWAYAT, "--tahun", "2025", "--format", "json")
        data = json.loads(out)
        assert code == 0
        assert data["tahun"] == 2025
        kota = next(r for r in data["jadwal"] if r["instansi"] == "kota-contoh")
        assert (kota["jatuh_tempo"], kota["tahun_terakhir"], kota["selang"], kota["status_selang"]) == (True, 2023, 2, "sekunder")
        assert [(r["kebijakan"], r["aturan"], r["status"]) for r in data["kebijakan"]] == [("konsekuensi-kasn", "siklus", "sekunder")]

    def test_csv(self):
        """CSV has every column under its key, yes/no as true/false."""
        code, out, _ = run_cli("due", RIWAYAT, "--tahun", "2024", "--format", "csv")
        rows = {r["instansi"]: r for r in csv.DictReader(io.StringIO(out))}
        assert code == 0
        assert len(rows) == 10
        assert (rows["kota-contoh"]["jatuh_tempo"], rows["kota-contoh"]["tahun_berikut"]) == ("false", "2025")

    def test_workbook(self, tmp_path):
        """--format xlsx writes the schedule and the rule to a workbook."""
        openpyxl = pytest.importorskip("openpyxl")
        out_file = tmp_path / "jadwal.xlsx"
        code, out, _ = run_cli("due", RIWAYAT, "--tahun", "2025", "--format", "xlsx", "-o", out_file)
        assert (code, out.strip()) == (0, f"wrote {out_file}: sheets Jadwal, Kebijakan")
        wb = openpyxl.load_workbook(out_file)
        assert wb["Jadwal"].max_row == 11

    def test_stage_and_universe(self, tmp_path):
        """--tahap uses one stage only; --semesta adds agencies without results (due)."""
        code, out, _ = run_cli("due", RIWAYAT, "--tahun", "2025", "--tahap", "mandiri")
        assert code == 0
        assert _rows(out)["kab-sukamaju"][-1] == "tidak"
        agencies = {item["instansi"]["kode"]: item["instansi"] for item in json.loads(Path(RIWAYAT).read_text(encoding="utf-8"))}
        semesta = [*agencies.values(), {"kode": "kota-baru", "nama": "Kota Baru", "jenis": "kota"}]
        path = _write(tmp_path, "semesta.json", json.dumps(semesta))
        code, out, _ = run_cli("due", RIWAYAT, "--tahun", "2025", "--semesta", path)
        assert code == 0
        assert len(_rows(out)) == 11
        assert _rows(out)["kota-baru"][1:] == ["kota", "-", "-", "-", "-", "-", "ya"]
        toml = _write(tmp_path, "semesta.toml", '[[instansi]]\nkode = "kab-sukamaju"\nnama = "Kabupaten Sukamaju"\njenis = "kabupaten"\n')
        code, _, err = run_cli("due", RIWAYAT, "--tahun", "2025", "--semesta", toml)
        assert code == 1
        assert "the history holds agencies the universe does not list: badan-contoh" in err

    def test_own_policy(self, tmp_path):
        """--kebijakan FILE applies the user's own policy: here Sangat Baik every 3 years."""
        text = POLICY.read_text(encoding="utf-8").replace('"Sangat Baik" = { nilai = "2"', '"Sangat Baik" = { nilai = "3"').replace('id = "konsekuensi-kasn"', 'id = "milik-saya"')
        path = _write(tmp_path, "milik.toml", text)
        code, out, _ = run_cli("due", RIWAYAT, "--tahun", "2025", "--kebijakan", path)
        assert code == 0
        assert _rows(out)["kab-tanjung-asri"][-3:] == ["3", "2027", "tidak"]
        assert "kebijakan milik-saya (2019-2025)" in out

    @pytest.mark.parametrize(
        ("argv", "code", "message"),
        [
            (("due", RIWAYAT), 2, "the following arguments are required: --tahun"),
            (("due", RIWAYAT, "--tahun", "25"), 2, "expected a cycle year 2000..2100, got '25'"),
            (("due", RIWAYAT, "--tahun", "2025", "--kebijakan", "tidak-ada"), 1, "no consequence policy 'tidak-ada'"),
            (("due", RIWAYAT, "--tahun", "2025", "--tahap", "final"), 2, "invalid choice: 'final'"),
            (("due", RIWAYAT, "--tahun", "2025", "-o", "x.xlsx"), 2, "-o is for --format xlsx"),
            (("due", ROOT / "tidak-ada.json", "--tahun", "2025"), 1, "cannot read"),
            (("due", RIWAYAT, "--tahun", "2025", "--semesta", RIWAYAT), 1, "$[0].instansi: unknown key"),
        ],
        ids=["no-tahun", "bad-tahun", "unknown-policy", "bad-stage", "o-without-xlsx", "missing-file", "bad-universe"],
    )
    def test_errors(self, argv, code, message):
        """Wrong usage exits 2, invalid input 1, each with a message on stderr and nothing on stdout."""
        got, out, err = run_cli(*argv)
        assert (got, out) == (code, "")
        assert message in err


class TestAwards:
    def test_award_list_of_a_cycle(self):
        """The default table lists the award recipients of the cycle with their JPT exemption."""
        code, out, err = run_cli("awards", RIWAYAT, "--tahun", "2023")
        assert (code, err) == (0, "")
        assert out.splitlines()[0] == "siklus 2023: Anugerah Meritokrasi 5 dari 8 instansi; JPT melalui manajemen talenta 1 dari 8 instansi"
        rows = _rows(out)
        assert list(rows) == ["kota-contoh", "prov-sejahtera", "kab-makmur-jaya", "kab-sukamaju", "prov-nusa-contoh"]
        assert rows["kota-contoh"][-2:] == ["ya", "ya"]
        assert "syarat lain (tidak diperiksa meritsys)" in out

    def test_every_agency_and_the_jpt_alternative(self):
        """--semua lists every agency; --jpt-minimal Baik widens the JPT exemption and says so."""
        code, out, _ = run_cli("awards", RIWAYAT, "--tahun", "2024", "--semua", "--jpt-minimal", "Baik")
        rows = _rows(out)
        assert code == 0
        assert len(rows) == 8
        assert rows["kota-lestari"][-2:] == ["tidak", "tidak"]
        assert rows["badan-contoh"][-2:] == ["ya", "ya"]
        assert "kategori minimal Baik (dipilih dengan --jpt-minimal)" in out

    def test_regime_b_is_unknown(self):
        """Regime B's consequences are unknown: every agency is listed with 'tidak diketahui'."""
        code, out, _ = run_cli("awards", KOHORT_B)
        assert code == 0
        assert out.splitlines()[0] == "siklus 2026: Anugerah Meritokrasi tidak diketahui; JPT melalui manajemen talenta tidak diketahui"
        assert len(_rows(out)) == 5

    @pytest.mark.parametrize("fmt", ["json", "csv"])
    def test_machine_formats(self, fmt):
        """JSON and CSV carry every agency of the cycle, the award and the exemption as true/false."""
        code, out, _ = run_cli("awards", RIWAYAT, "--tahun", "2023", "--format", fmt)
        records = json.loads(out)["penghargaan"] if fmt == "json" else list(csv.DictReader(io.StringIO(out)))
        assert code == 0
        assert len(records) == 8
        kota = next(r for r in records if r["instansi"] == "kota-contoh")
        assert (str(kota["anugerah"]).lower(), str(kota["jpt"]).lower(), str(kota["indeks"])) == ("true", "true", "337.5")

    def test_workbook(self, tmp_path):
        """--format xlsx writes the list and the rules."""
        pytest.importorskip("openpyxl")
        code, out, _ = run_cli("awards", RIWAYAT, "--format", "xlsx", "-o", tmp_path / "a.xlsx")
        assert code == 0
        assert out.strip().endswith("sheets Penghargaan, Kebijakan")

    def test_cycle_not_in_the_data(self):
        """A --tahun the data holds no results of is wrong usage, naming the cycles it holds."""
        code, out, err = run_cli("awards", RIWAYAT, "--tahun", "2021")
        assert (code, out) == (2, "")
        assert err.strip() == "meritsys: usage error: --tahun 2021: DATA holds no results of that cycle (its cycles: 2022, 2023, 2024)"

    def test_policy_that_does_not_cover_the_data(self):
        """A regime A policy given for regime B data is refused (exit 1) rather than stretched."""
        code, _, err = run_cli("awards", KOHORT_B, "--kebijakan", "konsekuensi-kasn")
        assert code == 1
        assert "covers the cycles 2019-2025, not 2026" in err


class TestTarget:
    def test_hand_count(self):
        """The table equals the hand count; the agencies not assessed are listed apart."""
        code, out, err = run_cli("target", RIWAYAT)
        assert (code, err) == (0, "")
        rows = _rows(out)
        assert [rows[y][:4] for y in ("2022", "2023", "2024")] == [
            ["2022", "9", "6", "66.67"], ["2023", "8", "5", "62.50"], ["2024", "8", "7", "87.50"],
        ]
        assert "  2023: kab-tanjung-asri, kementerian-contoh" in out.splitlines()
        assert "Tidak dinilai (bukan Buruk; tidak dihitung dalam persentase):" in out

    def test_split_and_one_cycle(self):
        """--menurut jenis with --tahun gives a row per type and a total row for that cycle."""
        code, out, _ = run_cli("target", RIWAYAT, "--menurut", "jenis", "--tahun", "2024")
        lines = [line.split() for line in out.splitlines() if line.startswith("2024")]
        assert code == 0
        assert [line[1] for line in lines] == ["kementerian", "lembaga", "lembaga_negara", "provinsi", "kabupaten", "kota", "semua"]
        assert lines[-1][2:5] == ["8", "7", "87.50"]

    def test_regime_b_needs_a_level(self):
        """Regime B without --minimal is an error naming the option; with it, the share at or above that level."""
        code, out, err = run_cli("target", KOHORT_B)
        assert (code, out) == (1, "")
        assert "--minimal" in err
        code, out, _ = run_cli("target", KOHORT_B, "--minimal", "Menengah")
        assert code == 0
        assert _rows(out)["2026"][:4] == ["2026", "5", "3", "60.00"]
        assert "minimal Menengah: dipilih dengan --minimal" in out
        assert "Tidak dinilai (bukan Dasar; tidak dihitung dalam persentase):" in out

    def test_two_rubrics_in_one_file(self, tmp_path):
        """A file holding regime A and regime B assessments gives one table per rubric; --minimal applies to the rubric that has it."""
        both = json.loads(Path(KOHORT_A).read_text(encoding="utf-8")) + json.loads(Path(KOHORT_B).read_text(encoding="utf-8"))
        path = _write(tmp_path, "dua.json", json.dumps(both))
        code, out, _ = run_cli("target", path, "--minimal", "Menengah")
        assert code == 0
        assert [line for line in out.splitlines() if line.startswith("Persentase")] == [
            "Persentase instansi berkategori Baik ke atas, per siklus [kasn-2019]",
            "Persentase instansi berkategori Menengah ke atas, per siklus [permenpanrb-19-2025]",
        ]
        code, out, _ = run_cli("target", path, "--minimal", "Menengah", "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(out)))
        assert code == 0
        assert [(r["rubrik"], r["minimal"], r["persen"]) for r in rows] == [("kasn-2019", "Baik", "63.64"), ("permenpanrb-19-2025", "Menengah", "60.00")]
        assert (rows[0]["Sangat Baik"], rows[0]["Maju"], rows[1]["Maju"]) == ("2", "", "0")  # every column of either rubric
        code, _, err = run_cli("target", path, "--minimal", "III")
        assert code == 1  # III is a regime A code; regime B still needs a level
        assert "national target of cycle 2026 is not known" in err
        code, _, err = run_cli("target", path, "--minimal", "Istimewa")
        assert code == 1
        assert "'Istimewa' is not a category of any rubric in DATA (kasn-2019: Buruk, Kurang, Baik, Sangat Baik; permenpanrb-19-2025: Dasar" in err
        code, _, err = run_cli("target", path, "--minimal", "Baik", "--minimal", "III", "--minimal", "Menengah")
        assert code == 2
        assert "--minimal Baik and III: name one category of rubrik kasn-2019" in err

    @pytest.mark.parametrize("fmt", ["json", "csv"])
    def test_machine_formats(self, fmt):
        """JSON and CSV carry counts, the share and the not-assessed agencies."""
        code, out, _ = run_cli("target", RIWAYAT, "--format", fmt)
        assert code == 0
        if fmt == "json":
            data = json.loads(out)
            assert (data["minimal"], data["kebijakan"], data["status"]) == ("Baik", "konsekuensi-kasn", "resmi")
            assert [r["persen"] for r in data["baris"]] == ["66.67", "62.50", "87.50"]
            assert data["tidak_dinilai"]["2024"] == ["kab-makmur-jaya", "kota-contoh"]
        else:
            rows = list(csv.DictReader(io.StringIO(out)))
            assert [(r["tahun"], r["memenuhi"], r["dinilai"], r["tidak_dinilai"]) for r in rows] == [("2022", "6", "9", "1"), ("2023", "5", "8", "2"), ("2024", "7", "8", "2")]

    def test_workbook(self, tmp_path):
        """--format xlsx writes the share, the agencies not assessed, the rule and the provenance."""
        openpyxl = pytest.importorskip("openpyxl")
        path = tmp_path / "t.xlsx"
        code, out, _ = run_cli("target", RIWAYAT, "--format", "xlsx", "-o", path)
        assert code == 0
        assert out.strip().endswith("sheets Persentase, Tidak dinilai, Kebijakan, Provenans")
        assert openpyxl.load_workbook(path)["Tidak dinilai"].max_row == 6

    def test_cycle_not_in_the_data(self):
        """A --tahun the data holds no results of is wrong usage."""
        code, _, err = run_cli("target", RIWAYAT, "--tahun", "2021")
        assert code == 2
        assert "--tahun 2021: DATA holds no results of that cycle" in err
