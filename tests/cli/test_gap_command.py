"""meritsys gap: paper versus field from a file, in every output format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl

from tests.helpers import run_cli

ROOT = Path(__file__).parents[2]
TAHAP = ROOT / "examples/data/tahap-kasn-2023.json"
SATU = ROOT / "examples/data/kohort-kasn-2023.json"


class TestGapCommand:
    def test_table(self):
        """The table lists each agency's indices at both stages, the gap and the indicators lowered, then the cohort summary."""
        code, out, err = run_cli("gap", TAHAP)
        assert (code, err) == (0, "")
        assert out.splitlines()[0] == "kasn-2019: mandiri -> penetapan, 11 instansi-tahun"
        assert "Kategori berubah: turun 2, naik 0, dari 11" in out
        assert "Tanpa pasangan (tidak dibandingkan): kota-baru 2023 mandiri" in out

    def test_one_agency_shows_every_changed_indicator(self):
        """With one agency-year, the table shows each changed indicator with its levels and effect, and each aspect."""
        code, out, _ = run_cli("gap", SATU)
        assert code == 0
        assert "Per indikator:" in out
        mandiri, penetapan = (next(p for p in json.loads(SATU.read_text()) if p["instansi"]["kode"] == "kab-sukamaju" and p["tahap"] == t) for t in ("mandiri", "penetapan"))
        changed = [k for k in mandiri["jawaban"] if mandiri["jawaban"][k] != penetapan["jawaban"][k]]
        for code in changed:
            line = next(x for x in out.splitlines() if x.startswith(f"{code} "))
            assert line.split()[-3:-1] == [str(mandiri["jawaban"][code]), str(penetapan["jawaban"][code])]

    def test_json(self):
        """JSON holds the cohort summary, one record per agency-year and every changed indicator."""
        code, out, err = run_cli("gap", TAHAP, "--format", "json")
        assert code == 0
        data = json.loads(out)
        assert (data["dari"], data["ke"], data["instansi_tahun"]) == ("mandiri", "penetapan", 11)
        assert data["tanpa_pasangan"] == [{"instansi": "kota-baru", "tahun": 2023, "tahap": "mandiri"}]
        assert len(data["baris"]) == 11
        assert {r["instansi"] for r in data["indikator"]} <= {r["instansi"] for r in data["baris"]}
        assert "kota-baru 2023: only the mandiri stage" in err

    def test_csv(self):
        """CSV has one row per agency-year with the gap of each aspect."""
        code, out, _ = run_cli("gap", TAHAP, "--format", "csv", "--csv-sep", ";", "--decimal-comma")
        assert code == 0
        rows = list(csv.DictReader(io.StringIO(out), delimiter=";"))
        assert len(rows) == 11
        makmur = next(r for r in rows if r["instansi"] == "kab-makmur-jaya")
        assert (makmur["indeks_dari"], makmur["indeks_ke"], makmur["selisih"]) == ("250,5", "205,5", "-45")

    def test_xlsx(self, tmp_path):
        """The workbook holds the summary, the agencies, the changed indicators and the provenance."""
        path = tmp_path / "gap.xlsx"
        code, out, _ = run_cli("gap", TAHAP, "--format", "xlsx", "-o", path)
        assert code == 0
        assert out.startswith(f"wrote {path}: sheets Ringkasan, Instansi, Indikator")
        wb = openpyxl.load_workbook(path)
        assert wb["Instansi"].max_row == 12
        assert [c.value for c in wb["Indikator"][1]][:4] == ["instansi", "tahun", "indikator", "nama"]

    def test_the_same_stage_twice_is_an_input_error(self):
        """Comparing a stage with itself exits 1 with a message."""
        code, _, err = run_cli("gap", TAHAP, "--from", "mandiri", "--to", "mandiri")
        assert code == 1
        assert "compare two different stages" in err

    def test_duplicates_are_named(self, tmp_path):
        """Two assessments of one agency, year and stage exit 1 naming both."""
        data = json.loads(TAHAP.read_text())
        path = tmp_path / "dua.json"
        path.write_text(json.dumps([*data, data[0]]))
        code, _, err = run_cli("gap", path)
        assert code == 1
        assert "(the first is [0])" in err
