"""``meritsys validate``: every kind of input document, recognised by shape or named with --kind, in text and JSON."""

import io
import json
import sys

import pytest

from meritsys.cli._validate import KINDS, kind_of
from tests.helpers import EXAMPLES, KOHORT_A, KOHORT_B, REFORM, SHIPPED, run_cli

BIAYA = EXAMPLES / "biaya" / "biaya-sukamaju.toml"
KASUS = EXAMPLES / "kebijakan" / "test_baik_260.toml"
RUBRIK = SHIPPED / "kasn-2019.toml"
CSV = EXAMPLES / "data" / "kohort-kasn-2023.csv"
INVALID = EXAMPLES / "invalid"

VALID = [
    ("penilaian", KOHORT_B, (), "ok: 5 assessment(s) valid"),
    ("penilaian", CSV, (), "ok: 12 assessment(s) valid"),
    ("rubrik", RUBRIK, (), "ok: rubrik kasn-2019 is valid (8 aspects, 37 indicators)"),
    ("reform", REFORM, (), "ok: reform baik-260 is valid (applies to kasn-2019)"),
    ("biaya", BIAYA, ("--rubrik", "kasn-2019"), "ok: cost file is valid for rubrik kasn-2019 (costs for 2 indicator(s), caps for 4)"),
    ("kasus", KASUS, (), "ok: 3 policy test case(s) valid"),
]
VALID_IDS = ["penilaian-json", "penilaian-csv", "rubrik", "reform", "biaya", "kasus"]

INVALID_FILES = [
    ("penilaian", INVALID / "penilaian-salah.json", (), ["not-applicable", "level-out-of-range", "missing-answer", "not-one-of", "type"]),
    ("penilaian", INVALID / "kohort-salah.csv", (), None),
    ("reform", INVALID / "reform-salah.toml", (), ["unknown-aspect", "type", "unknown-key"]),
    ("biaya", INVALID / "biaya-salah.toml", ("--rubrik", "kasn-2019"), ["unknown-indicator", "shape", "out-of-range", "level-out-of-range"]),
    ("kasus", INVALID / "kasus-salah.toml", (), ["ambiguous", "not-a-number", "unknown-rubric"]),
]
INVALID_IDS = ["penilaian-json", "penilaian-csv", "reform", "biaya", "kasus"]


def run(*argv):
    return run_cli("validate", *argv)


class TestKinds:
    @pytest.mark.parametrize(("kind", "path", "extra", "line"), VALID, ids=VALID_IDS)
    def test_a_valid_file_is_recognised_by_its_shape(self, kind, path, extra, line):
        """Each shipped example passes without --kind, with a one-line `ok:` naming what it checked."""
        code, out, _ = run(path, *extra)
        assert (code, out) == (0, line + "\n")

    @pytest.mark.parametrize(("kind", "path", "extra", "line"), VALID, ids=VALID_IDS)
    def test_kind_names_it_too(self, kind, path, extra, line):
        """--kind gives the same verdict as the shape."""
        assert run(path, "--kind", kind, *extra)[:2] == (0, line + "\n")

    @pytest.mark.parametrize(("kind", "path", "extra", "codes"), INVALID_FILES, ids=INVALID_IDS)
    def test_an_invalid_file_lists_every_problem(self, kind, path, extra, codes):
        """Each invalid example exits 1 with nothing on stdout and every problem on stderr."""
        code, out, err = run(path, *extra)
        assert (code, out) == (1, "")
        assert err.startswith("meritsys: error: invalid input (")
        assert len(err.splitlines()) > 1

    @pytest.mark.parametrize(("kind", "path", "extra", "codes"), INVALID_FILES, ids=INVALID_IDS)
    def test_an_invalid_file_as_json(self, kind, path, extra, codes):
        """--format json prints {ok: false, kind, problems} on stdout (a record per problem), nothing on stderr, exit 1."""
        code, out, err = run(path, *extra, "--format", "json")
        assert (code, err) == (1, "")
        doc = json.loads(out)
        assert (doc["ok"], doc["kind"]) == (False, kind)
        assert all(set(p) == {"path", "code", "message"} and p["path"].startswith("$") for p in doc["problems"])
        if codes is not None:
            assert [p["code"] for p in doc["problems"]] == codes

    def test_the_problems_of_a_policy_file_are_addressed_by_case(self):
        """A broken case is named kasus[i], with the key it concerns where the problem has one."""
        _, out, _ = run(INVALID / "kasus-salah.toml", "--format", "json")
        assert [p["path"] for p in json.loads(out)["problems"]] == ["$.kasus[0]", "$.kasus[1]", "$.kasus[2].rubrik"]

    def test_a_broken_assessment_file_of_a_policy_case(self, tmp_path):
        """A problem inside the assessment file a case names is reported at the case's penilaian, naming the file and its path."""
        data = json.loads(KOHORT_A.read_text(encoding="utf-8"))
        data[0]["jawaban"]["3.2"] = 5
        (tmp_path / "data.json").write_text(json.dumps(data), encoding="utf-8")
        policy = tmp_path / "kasus.toml"
        policy.write_text('[[kasus]]\npenilaian = "data.json"\ninstansi = "kota-contoh"\n[kasus.harapan]\nkategori = "Baik"\n'
                          '[[kasus]]\npenilaian = "data.json"\ninstansi = "kab-sukamaju"\ntahap = "penetapan"\n[kasus.harapan]\nkategori = "Baik"\n', encoding="utf-8")
        code, out, _ = run(policy, "--format", "json")
        assert code == 1
        assert json.loads(out)["problems"] == [
            {"path": "$.kasus[1].penilaian", "code": "level-out-of-range", "message": 'data.json: $[0].jawaban["3.2"]: level 5 is outside 0..4'}
        ]

    def test_an_inline_assessment_is_addressed_inside_its_case(self, tmp_path):
        """An inline [kasus.penilaian] table's problems are addressed below kasus[i].penilaian."""
        policy = tmp_path / "kasus.toml"
        policy.write_text('[[kasus]]\n[kasus.penilaian]\ntahun = "2023"\n[kasus.harapan]\nkategori = "Baik"\n', encoding="utf-8")
        _, out, _ = run(policy, "--format", "json")
        assert "$.kasus[0].penilaian.tahun" in [p["path"] for p in json.loads(out)["problems"]]


class TestRubricOfReformsAndCosts:
    def test_a_cost_file_needs_a_rubric(self):
        """A cost file names indicators of a rubric it does not name: without --rubrik, a usage error."""
        code, out, err = run(BIAYA)
        assert (code, out) == (2, "")
        assert err == "meritsys: usage error: a cost file names the indicators of a rubric: give it with --rubrik ID\n"

    def test_a_reform_without_dasar_needs_a_rubric(self, tmp_path):
        """A reform that names no dasar is applied to --rubrik; without it, a usage error."""
        path = tmp_path / "r.toml"
        path.write_text('id = "r"\n[ubah]\n"kategori.Baik.batas_bawah" = "255"\n"kategori.Kurang.batas_atas" = "254"\n', encoding="utf-8")
        assert run(path)[0] == 2
        assert run(path, "--rubrik", "kasn-2019")[:2] == (0, "ok: reform r is valid (applies to kasn-2019)\n")

    def test_a_reform_for_another_rubric(self):
        """--rubrik another rubric than the reform's dasar is the reform's problem (wrong-rubric), at dasar."""
        code, out, _ = run(REFORM, "--rubrik", "permenpanrb-19-2025", "--format", "json")
        assert code == 1
        assert [(p["path"], p["code"]) for p in json.loads(out)["problems"]] == [("$.dasar", "wrong-rubric")]

    def test_an_unknown_dasar(self, tmp_path):
        """A dasar meritsys does not know is a problem of the reform (unknown-rubric), not a crash."""
        path = tmp_path / "r.toml"
        path.write_text('id = "r"\ndasar = "kasn-2099"\n', encoding="utf-8")
        code, out, _ = run(path, "--format", "json")
        assert code == 1
        assert [(p["path"], p["code"]) for p in json.loads(out)["problems"]] == [("$.dasar", "unknown-rubric")]

    def test_an_unknown_rubrik_option_is_the_commands_error(self):
        """An unknown --rubrik is the whole command's error: the common JSON error object."""
        code, out, _ = run(BIAYA, "--rubrik", "kasn-2099", "--format", "json")
        assert code == 1
        assert json.loads(out)["error"]["code"] == "rubric-not-found"


class TestShape:
    @pytest.mark.parametrize(
        ("data", "toml", "kind"),
        [
            ([], False, "penilaian"),
            ({"instansi": {}, "jawaban": {}}, False, "penilaian"),
            ({"id": "x", "aspek": []}, True, "rubrik"),
            ({"id": "x", "aspek": []}, False, "rubrik"),
            ({"kasus": []}, True, "kasus"),
            ({"id": "x", "ubah": {}}, True, "reform"),
            ({"id": "x", "dasar": "kasn-2019"}, False, "reform"),
            ({"id": "x", "hapus_indikator": ["1.1"]}, True, "reform"),
            ({"biaya": {}}, True, "biaya"),
            ({"batas": {}, "lain": 1}, False, "biaya"),
            ({"x": 1}, True, "rubrik"),
            ({"x": 1}, False, "penilaian"),
            ("teks", False, "penilaian"),
        ],
        ids=["list", "assessment", "rubric-toml", "rubric-json", "kasus", "reform-ubah", "reform-dasar", "reform-hapus",
             "biaya", "batas", "other-toml", "other-json", "string"],
    )
    def test_kind_of(self, data, toml, kind):
        """The shape decides; what it does not decide is a rubric in TOML and assessments otherwise."""
        assert kind_of(data, toml=toml) == kind

    def test_the_kinds(self):
        """--kind takes the Indonesian names of the documents."""
        assert KINDS == ("penilaian", "rubrik", "reform", "biaya", "kasus")

    def test_a_misspelt_kasus_table_is_read_as_a_policy_file(self, tmp_path):
        """A TOML file whose only table is a near miss of [[kasus]] is checked as a policy test file and says so."""
        path = tmp_path / "kebijakan.toml"
        path.write_text('[[kasu]]\nnama = "x"\n', encoding="utf-8")
        code, out, _ = run(path, "--format", "json")
        doc = json.loads(out)
        assert (code, doc["kind"]) == (1, "kasus")
        assert "did you mean [[kasus]]?" in doc["problems"][0]["message"]

    def test_kind_overrides_the_shape(self):
        """--kind rubrik on a reform file checks it as a rubric (and finds it is none)."""
        code, out, _ = run(REFORM, "--kind", "rubrik", "--format", "json")
        doc = json.loads(out)
        assert (code, doc["kind"]) == (1, "rubrik")
        assert {"unknown-key", "missing-key"} <= {p["code"] for p in doc["problems"]}

    def test_a_csv_file_holds_assessments_only(self):
        """--kind other than penilaian on a CSV file is a usage error."""
        code, _, err = run(CSV, "--kind", "reform")
        assert code == 2
        assert "a CSV file or a workbook holds assessments" in err

    def test_an_unparsable_file_has_no_kind(self, tmp_path):
        """A file that does not parse is reported with kind null unless --kind named it."""
        path = tmp_path / "x.toml"
        path.write_text("id = \n", encoding="utf-8")
        code, out, _ = run(path, "--format", "json")
        doc = json.loads(out)
        assert (code, doc["kind"], [p["code"] for p in doc["problems"]]) == (1, None, ["syntax"])
        assert json.loads(run(path, "--kind", "reform", "--format", "json")[1])["kind"] == "reform"


class TestJson:
    def test_ok_records(self):
        """A valid file gives {ok: true, kind, message, ...facts} on stdout."""
        expected = {
            RUBRIK: {"ok": True, "kind": "rubrik", "message": "rubrik kasn-2019 is valid (8 aspects, 37 indicators)", "id": "kasn-2019", "aspek": 8, "indikator": 37},
            REFORM: {"ok": True, "kind": "reform", "message": "reform baik-260 is valid (applies to kasn-2019)", "id": "baik-260", "rubrik": "kasn-2019"},
            KASUS: {"ok": True, "kind": "kasus", "message": "3 policy test case(s) valid", "kasus": 3},
            KOHORT_B: {"ok": True, "kind": "penilaian", "message": "5 assessment(s) valid", "penilaian": 5},
        }
        for path, doc in expected.items():
            code, out, err = run(path, "--format", "json")
            assert (code, json.loads(out), err) == (0, doc, "")
        _, out, _ = run(BIAYA, "--rubrik", "kasn-2019", "--format", "json")
        assert json.loads(out) == {
            "ok": True, "kind": "biaya", "message": "cost file is valid for rubrik kasn-2019 (costs for 2 indicator(s), caps for 4)",
            "rubrik": "kasn-2019", "biaya": 2, "batas": 4,
        }

    def test_warnings_stay_on_stderr(self):
        """Warnings about valid assessments go to stderr; stdout is the JSON object alone."""
        code, out, err = run(KOHORT_A, "--format", "json")
        assert (code, json.loads(out)["penilaian"]) == (0, 12)
        assert err.startswith("meritsys: warning: kab-tanjung-asri 2023: index 88 lies outside")

    def test_usage_errors_are_json_too(self):
        """A usage error found after parsing is the common JSON error object, exit 2."""
        code, out, err = run(BIAYA, "--format", "json")
        assert (code, err) == (2, "")
        assert json.loads(out)["error"]["code"] == "usage"


class TestStandardInput:
    def feed(self, monkeypatch, text):
        monkeypatch.setattr(sys, "stdin", io.StringIO(text))

    def test_a_reform_as_json(self, monkeypatch):
        """`-` reads JSON: a reform is recognised by its shape."""
        self.feed(monkeypatch, json.dumps({"id": "r", "dasar": "kasn-2019", "ubah": {"aspek.1.bobot": "12"}}))
        code, _, err = run("-")
        assert (code, err.splitlines()[1]) == (1, "  $.jumlah_bobot: declared 100 but the indikator weights add up to 102 (in the rubric after reform r)")
        self.feed(monkeypatch, json.dumps({"id": "r", "dasar": "kasn-2019", "ubah": {"kategori.Baik.batas_bawah": "255", "kategori.Kurang.batas_atas": "254"}}))
        assert run("-", "--kind", "reform")[:2] == (0, "ok: reform r is valid (applies to kasn-2019)\n")

    def test_a_cost_file_reads_exact_decimals(self, monkeypatch):
        """A JSON cost file on standard input is read with exact decimals, as plan reads a cost file."""
        self.feed(monkeypatch, '{"biaya": {"5.1": [1, 1, 2.5, 4]}}')
        assert run("-", "--rubrik", "kasn-2019")[:2] == (0, "ok: cost file is valid for rubrik kasn-2019 (costs for 1 indicator(s), caps for 0)\n")

    def test_a_mapping_is_required(self, monkeypatch):
        """--kind rubrik on a JSON list from standard input: a type problem."""
        self.feed(monkeypatch, "[]")
        code, out, _ = run("-", "--kind", "rubrik", "--format", "json")
        assert (code, [p["code"] for p in json.loads(out)["problems"]]) == (1, ["type"])

    def test_policy_files_are_read_from_their_file(self, monkeypatch):
        """A policy test file names files relative to itself: not from standard input."""
        self.feed(monkeypatch, "{}")
        code, _, err = run("-", "--kind", "kasus")
        assert code == 2
        assert "not from standard input" in err


class TestWorkbook:
    def test_a_blank_worksheet_is_reported_by_cell(self, tmp_path):
        """A workbook holds assessments: its problems are records whose path is the cell, each with its code."""
        pytest.importorskip("openpyxl")
        book = tmp_path / "kk.xlsx"
        assert run_cli("template", "--rubrik", "kasn-2019", "-o", book)[0] == 0
        code, out, err = run(book, "--format", "json")
        doc = json.loads(out)
        assert (code, err, doc["ok"], doc["kind"]) == (1, "", False, "penilaian")
        assert ("Instansi!C7", "not-a-number") in [(p["path"], p["code"]) for p in doc["problems"]]
        assert run(book, "--kind", "rubrik")[0] == 2
