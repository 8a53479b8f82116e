"""The JPT quality index on the command line: score, classify, plan, rubrik show, side by side, template."""

import json

import pytest

from tests.helpers import SATU, SATU_JPT, run_cli


def _both(tmp_path):
    """A file holding Kabupaten Sukamaju's 2023 merit and JPT assessments."""
    path = tmp_path / "both.json"
    path.write_text(json.dumps([json.loads(SATU.read_text()), json.loads(SATU_JPT.read_text())]))
    return path


class TestJptCommands:
    def test_score(self):
        """meritsys score shows the index, the category, the dimensions on 0-100 and the deduction."""
        code, out, err = run_cli("score", SATU_JPT)
        assert (code, err) == (0, "")
        assert "kab-sukamaju  kabupaten  2023   penetapan   87.35  Baik      Sangat Baik (+2.65)" in out
        assert "1      Persiapan    93.75       100   0.9375  Sangat Baik" in out
        assert "koreksi: -2.5 (sudah dihitung dalam indeks)" in out

    def test_score_json(self):
        """The JSON result names the rubric, the deduction and no survey."""
        data = json.loads(run_cli("score", SATU_JPT, "--format", "json")[1])
        assert (data["rubrik"]["id"], data["indeks"], data["kategori"], data["koreksi"], data["survei"]) == (
            "jpt-2021", "87.35", {"kode": "3", "label": "Baik"}, "-2.5", None,
        )

    @pytest.mark.parametrize(("value", "label"), [("82.94", "Baik"), ("86.8", "Baik"), ("92.4", "Sangat Baik")])
    def test_classify(self, value, label):
        """meritsys classify places published JPT results in their published category."""
        assert run_cli("classify", value, "--rubrik", "jpt-2021") == (0, f"{label}\n", "")

    def test_classify_json_and_out_of_scale(self):
        """A value below 0 (a deduction on a low score) is still classified, with a warning."""
        code, out, err = run_cli("classify", "-2.5", "--rubrik", "jpt-2021", "--format", "json")
        assert code == 0
        assert json.loads(out) == {"nilai": "-2.50", "kategori": {"kode": "1", "label": "Kurang"}, "di_luar_skala": True}
        assert "outside the published scale 0..100" in err

    def test_plan(self):
        """meritsys plan finds the two Pelaksanaan steps that reach Sangat Baik."""
        code, out, _ = run_cli("plan", SATU_JPT, "--target", "Sangat Baik")
        assert code == 0
        assert "target: Sangat Baik (indeks >= 90)" in out
        assert "setelah rencana: 91.35 (Sangat Baik), +4" in out

    def test_rubrik_show_labels_acuan(self):
        """rubrik show prints the index, and the status of weights, bands and the deduction."""
        code, out, _ = run_cli("rubrik", "show", "jpt-2021")
        assert code == 0
        assert "indeks: kualitas-jpt; skala 0 (sekunder) .. 100 (sekunder), 2 (acuan) desimal" in out
        assert "1      Persiapan            4  25 (sekunder)  -" in out
        assert "3     Baik         80    89.99   acuan" in out
        assert "koreksi: Pengaduan dan pelanggaran, dari -10 (acuan) sampai 0 (acuan)" in out
        assert "angka menurut status: resmi 0, sekunder 10, acuan 11" in out

    def test_deduction_out_of_range_exit_1(self, tmp_path):
        """A positive correction on a JPT assessment is invalid input, exit 1, naming the range."""
        data = json.loads(SATU_JPT.read_text())
        data["koreksi"] = "1"
        path = tmp_path / "bonus.json"
        path.write_text(json.dumps(data))
        code, out, err = run_cli("score", path)
        assert (code, out) == (1, "")
        assert "$.koreksi: 1 is outside -10..0 (acuan), the range rubrik jpt-2021 declares for it (Pengaduan dan pelanggaran)" in err


class TestNoSurvey:
    def test_tanpa_survei_is_refused_for_an_index_without_a_survey(self):
        """--tanpa-survei asks for a maturity-only index; an index whose survey weighs nothing is a usage error (exit 2)."""
        code, out, err = run_cli("score", SATU_JPT, "--tanpa-survei")
        assert (code, out) == (2, "")
        assert "gives the survey no weight" in err


class TestSideBySideCommand:
    def test_mixed_results_name_their_rubric(self, tmp_path):
        """Scoring merit and JPT assessments together shows which rubric each row is."""
        out = run_cli("score", _both(tmp_path))[1]
        assert "rubrik" in out.splitlines()[0]
        assert "kasn-2019" in out
        assert "jpt-2021" in out

    def test_berdampingan_table(self, tmp_path):
        """--berdampingan prints one row per agency, year and stage with each index and category."""
        code, out, _ = run_cli("score", _both(tmp_path), "--berdampingan")
        assert code == 0
        assert out.splitlines()[0].split() == ["instansi", "jenis", "tahun", "tahap", "kasn-2019", "kategori", "jpt-2021", "kategori"]
        assert out.splitlines()[2].split() == ["kab-sukamaju", "kabupaten", "2023", "penetapan", "286.5", "Baik", "87.35", "Baik"]

    def test_berdampingan_csv_and_json(self, tmp_path):
        """CSV and JSON carry the same record, columns keyed by rubric id."""
        csv_out = run_cli("score", _both(tmp_path), "--berdampingan", "--format", "csv")[1]
        assert csv_out.splitlines() == [
            "instansi,nama,jenis,tahun,tahap,indeks_kasn-2019,kategori_kasn-2019,di_luar_skala_kasn-2019,indeks_jpt-2021,kategori_jpt-2021,di_luar_skala_jpt-2021",
            "kab-sukamaju,Pemerintah Kabupaten Sukamaju,kabupaten,2023,penetapan,286.5,Baik,false,87.35,Baik,false",
        ]
        [record] = json.loads(run_cli("score", _both(tmp_path), "--berdampingan", "--format", "json")[1])
        assert (record["indeks_kasn-2019"], record["indeks_jpt-2021"]) == ("286.5", "87.35")

    def test_berdampingan_workbook(self, tmp_path):
        """--format xlsx writes the records to one sheet."""
        openpyxl = pytest.importorskip("openpyxl")
        target = tmp_path / "b.xlsx"
        assert run_cli("score", _both(tmp_path), "--berdampingan", "--format", "xlsx", "-o", target)[0] == 0
        rows = list(openpyxl.load_workbook(target)["Berdampingan"].iter_rows(values_only=True))
        assert rows[0][5:] == ("indeks_kasn-2019", "kategori_kasn-2019", "di_luar_skala_kasn-2019", "indeks_jpt-2021", "kategori_jpt-2021", "di_luar_skala_jpt-2021")

    def test_interim_results_stay_flagged(self, tmp_path):
        """Interim results side by side (--sementara scores every assessment as interim) are marked in the table and flagged in CSV."""
        data = [json.loads(SATU.read_text()), json.loads(SATU_JPT.read_text())]
        del data[0]["jawaban"]["8.2"]
        path = tmp_path / "sebagian.json"
        path.write_text(json.dumps(data))
        code, out, _ = run_cli("score", path, "--berdampingan", "--sementara")
        assert code == 0
        assert " ‡" in out.splitlines()[2]
        assert out.splitlines()[-1].startswith("‡ SEMENTARA")
        csv_out = run_cli("score", path, "--berdampingan", "--sementara", "--format", "csv")[1].splitlines()
        header, row = csv_out[0].split(","), csv_out[1].split(",")
        assert (row[header.index("sementara_kasn-2019")], row[header.index("sementara_jpt-2021")]) == ("true", "true")

    def test_same_rubric_twice_exit_1(self, tmp_path):
        """Two JPT results of one agency-year and stage cannot sit side by side: exit 1 naming both."""
        path = tmp_path / "twice.json"
        path.write_text(json.dumps([json.loads(SATU_JPT.read_text())] * 2))
        code, _, err = run_cli("score", path, "--berdampingan")
        assert code == 1
        assert "$[1]: a second result of kab-sukamaju 2023 penetapan under rubrik jpt-2021 (the first is [0])" in err


class TestJptTemplate:
    def test_worksheet_asks_for_the_deduction_not_a_survey(self, tmp_path):
        """The JPT worksheet has a deduction field with its range and no survey field; its cohort sheet likewise."""
        openpyxl = pytest.importorskip("openpyxl")
        one, many = tmp_path / "jpt.xlsx", tmp_path / "kohort.xlsx"
        assert run_cli("template", "--rubrik", "jpt-2021", "-o", one)[0] == 0
        assert run_cli("template", "--rubrik", "jpt-2021", "--kohort", "-o", many)[0] == 0
        keys = {row[0]: row for row in openpyxl.load_workbook(one)["Instansi"].iter_rows(values_only=True)}
        assert "survei" not in keys
        assert keys["koreksi"][1:4:2] == ("Koreksi: Pengaduan dan pelanggaran", "rentang -10..0 (acuan); 0 jika tidak ada")
        wb = openpyxl.load_workbook(many)
        header = next(wb[wb.sheetnames[-1]].iter_rows(max_row=1, values_only=True))
        assert "koreksi" in header
        assert "survei" not in header
