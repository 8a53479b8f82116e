"""meritsys plan: the cheapest plan to a target for one assessment of a file, as a table or JSON."""

import json
from decimal import Decimal

import pytest

import meritsys
from tests.helpers import instansi, kasn, penilaian_a, penilaian_b, run_cli

# kasn-2019 at level 2 everywhere is 200; these ten at level 3 add 50.5.
KE_TIGA = ("5.1", "5.2", "5.3", "5.4", "3.1", "3.3", "3.4", "3.6", "3.7", "3.2", "3.5", "3.8", "3.9", "1.3", "1.4")


def penilaian_250_5():
    """A kasn-2019 assessment scoring exactly 250.5 (Baik)."""
    jawaban = {i.kode: 2 for i in kasn().indikator}
    jawaban.update(dict.fromkeys(KE_TIGA, 3))
    return penilaian_a(jawaban)


def run_plan(*argv):
    return run_cli("plan", *argv)


@pytest.fixture
def file_250_5(tmp_path):
    path = tmp_path / "kab.json"
    path.write_text(meritsys.dumps(penilaian_250_5()))
    return path


@pytest.fixture
def file_cohort(tmp_path):
    path = tmp_path / "kohort.json"
    items = [penilaian_250_5(), penilaian_a(3, instansi=instansi("kota", "kota-contoh")), penilaian_a(2, instansi=instansi("kota", "kota-contoh"), tahun=2022)]
    path.write_text(meritsys.dumps(items))
    return path


class TestPlanCommand:
    def test_done_when_table(self, file_250_5):
        """meritsys plan FILE --target "Sangat Baik" prints the steps and a re-scored result of at least 325."""
        code, out, err = run_plan(file_250_5, "--target", "Sangat Baik")
        assert (code, err) == (0, "")
        assert "target: Sangat Baik (indeks >= 325)" in out
        assert "awal:   250.5 (Baik)" in out
        assert "setelah rencana: 327 (Sangat Baik), +76.5" in out
        assert "total biaya: 23" in out

    def test_json(self, file_250_5):
        """--format json prints one object with the plan and the raised assessment in the input format."""
        code, out, _ = run_plan(file_250_5, "--target", "325", "--format", "json")
        assert code == 0
        data = json.loads(out)
        assert data["tercapai"] is True
        assert data["target"] == {"indeks": "325", "kategori": None}
        assert data["awal"]["indeks"] == "250.5"
        assert Decimal(data["akhir"]["indeks"]) >= 325
        assert {"kode", "aspek", "dari", "ke", "biaya", "tambahan"} == set(data["langkah"][0])
        raised = meritsys.loads_penilaian(json.dumps(data["penilaian"]))[0]
        assert str(meritsys.score(raised).indeks) == data["akhir"]["indeks"]

    def test_cost_file(self, file_250_5, tmp_path):
        """--biaya reads [biaya] (numbers or per-step lists, decimals exact) and [batas] from TOML."""
        toml = tmp_path / "biaya.toml"
        toml.write_text('[biaya]\n"5.1" = 10\n"3.4" = [1, 1, 2.5, 0.1]\n[batas]\n"5.3" = 3\n')
        code, out, _ = run_plan(file_250_5, "--target", "Sangat Baik", "--biaya", str(toml), "--format", "json")
        data = json.loads(out)
        kode = {s["kode"]: s for s in data["langkah"]}
        assert code == 0
        assert "5.1" not in kode
        assert "5.3" not in kode
        assert kode["3.4"]["biaya"] == "0.1"

    def test_cost_file_with_other_keys_is_refused(self, file_250_5, tmp_path):
        """A cost file with keys other than [biaya] and [batas], or a [biaya] that is no table, exits 1 naming each."""
        toml = tmp_path / "biaya.toml"
        toml.write_text('biaya = 3\n[lain]\nx = 1\n')
        code, out, err = run_plan(file_250_5, "--target", "Sangat Baik", "--biaya", toml)
        assert (code, out) == (1, "")
        paths = [line.split(":")[0].strip() for line in err.splitlines()[1:]]
        assert paths == ["$.lain", "$.biaya"]

    @pytest.mark.parametrize(("content", "message"), [(None, "cannot read"), ("[biaya\n", "not valid TOML")], ids=["missing", "not-toml"])
    def test_unreadable_cost_file(self, file_250_5, tmp_path, content, message):
        """A missing or malformed cost file exits 1 with the reason, never a traceback."""
        toml = tmp_path / "biaya.toml"
        if content is not None:
            toml.write_text(content)
        code, out, err = run_plan(file_250_5, "--target", "Sangat Baik", "--biaya", toml)
        assert (code, out) == (1, "")
        assert message in err
        assert "Traceback" not in err

    def test_bad_cost_value_is_path_addressed(self, file_250_5, tmp_path):
        """A bad value in the cost file exits 1 with the problem addressed by its TOML path."""
        toml = tmp_path / "biaya.toml"
        toml.write_text('[biaya]\n"3.2" = -1\n')
        code, out, err = run_plan(file_250_5, "--target", "Sangat Baik", "--biaya", toml)
        assert (code, out) == (1, "")
        assert err.splitlines()[1:] == ['  $.biaya["3.2"]: a cost must not be negative, got -1']

    def test_pick_from_list(self, file_cohort):
        """--instansi and --tahun pick one assessment from a list."""
        code, out, _ = run_plan(file_cohort, "--target", "Baik", "--instansi", "kota-contoh", "--tahun", "2022")
        assert code == 0
        assert "kota-contoh) 2022" in out
        assert "awal:   200 (Kurang)" in out

    @pytest.mark.parametrize(
        ("extra", "message"),
        [((), "holds 3 assessments"), (("--instansi", "kota-contoh"), "holds 2 assessments"), (("--instansi", "nope"), "no assessment")],
        ids=["no-selection", "agency-in-two-years", "unknown-agency"],
    )
    def test_selection_usage_errors(self, file_cohort, extra, message):
        """A list without a unique selection is a usage error (exit 2) naming the choices."""
        code, out, err = run_plan(file_cohort, "--target", "Baik", *extra)
        assert (code, out) == (2, "")
        assert err.startswith("meritsys: usage error:")
        assert message in err

    def test_unreachable_exits_1(self, file_250_5):
        """An unreachable target still prints the closest plan, says why on stderr and exits 1."""
        code, out, err = run_plan(file_250_5, "--target", "401")
        assert code == 1
        assert "Target tidak tercapai" in out
        assert err.startswith("meritsys: error: the target indeks >= 401 cannot be reached")

    def test_already_reached(self, file_250_5):
        """A target already reached prints that nothing needs raising."""
        code, out, _ = run_plan(file_250_5, "--target", "Baik")
        assert code == 0
        assert "Target sudah tercapai" in out

    def test_invalid_assessment_file(self, tmp_path):
        """An invalid assessment exits 1 with its problems addressed by item."""
        path = tmp_path / "bad.json"
        path.write_text(json.dumps([{"tahun": 2023}]))
        code, out, err = run_plan(path, "--target", "Baik")
        assert (code, out) == (1, "")
        assert err.startswith("meritsys: error: invalid input")
        assert "  $[0]." in err

    def test_tanpa_survei(self, tmp_path):
        """--tanpa-survei plans regime B on the maturity-only index."""
        path = tmp_path / "b.json"
        path.write_text(meritsys.dumps(penilaian_b(1, survei=None)))
        code, out, _ = run_plan(path, "--target", "Menengah", "--tanpa-survei", "--format", "json")
        assert code == 0
        assert json.loads(out)["tercapai"] is True

    def test_rubrik_option(self, file_250_5):
        """--rubrik names the rubric (the assessment's own by default)."""
        code, _out, _ = run_plan(file_250_5, "--target", "Sangat Baik", "--rubrik", "kasn-2019")
        assert code == 0

    def test_plan_is_a_command_of_the_main_program(self):
        """meritsys plan is wired into the main program: its help names its options, and --target is required."""
        code, out, _ = run_plan("--help")
        assert code == 0
        assert {"--target", "--biaya", "--instansi", "--tahun", "--tanpa-survei"} <= set(out.replace(",", " ").split())
        code, _, err = run_plan("f.json")
        assert code == 2
        assert "--target" in err
