"""meritsys schema: the schemas printed and listed, and every command's JSON output meets its schema."""

import json
import os
import subprocess
import sys

import pytest

from meritsys.io import SCHEMAS, schema
from tests.helpers import DATA, EXAMPLES, KOHORT_A, KOHORT_B, REFORM, ROOT, SATU, run_cli, schema_errors

KOTA = DATA / "penilaian-kota-contoh-2026.json"
BIAYA = EXAMPLES / "biaya" / "biaya-sukamaju.toml"


class TestSchemaCommand:
    @pytest.mark.parametrize("name", SCHEMAS)
    def test_prints_the_schema_as_indented_json(self, name):
        """meritsys schema NAME prints the shipped schema as indented JSON on stdout and exits 0."""
        code, out, err = run_cli("schema", name)
        assert (code, err) == (0, "")
        assert json.loads(out) == schema(name)
        assert out.startswith('{\n  "$schema": "https://json-schema.org/draft/2020-12/schema",\n')

    def test_lists_the_schemas_with_their_titles(self):
        """Without NAME, or with --list, it lists every schema with its title, one line each."""
        code, out, err = run_cli("schema")
        assert (code, err) == (0, "")
        lines = out.splitlines()
        assert [line.split()[0] for line in lines] == list(SCHEMAS)
        for name, line in zip(SCHEMAS, lines, strict=True):
            assert line.endswith(f"  {schema(name)['title']}")
        assert run_cli("schema", "--list") == (0, out, "")

    def test_an_unknown_name_is_a_usage_error_listing_the_names(self):
        """An unknown NAME exits 2 with a usage error naming every schema, and prints nothing on stdout."""
        code, out, err = run_cli("schema", "assessment")
        assert (code, out) == (2, "")
        assert err == f"meritsys: usage error: no schema 'assessment'; the schemas are: {', '.join(SCHEMAS)}\n"

    def test_a_name_and_list_together_is_a_usage_error(self):
        """NAME and --list together exit 2."""
        assert run_cli("schema", "penilaian", "--list") == (2, "", "meritsys: usage error: give NAME or --list, not both\n")

    def test_imports_no_numpy(self):
        """Printing or listing schemas starts without numpy or cattrs, like the other quick commands."""
        program = (
            "import io, sys\n"
            "from meritsys.cli import main\n"
            "assert main(['schema', 'rubrik'], out=io.StringIO()) == 0\n"
            "assert main(['schema'], out=io.StringIO()) == 0\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('numpy', 'cattrs')))\n"
        )
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
        result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True, cwd=ROOT, env=env)
        assert result.stdout.strip() == "[]"


def _json(*argv, status=0):
    code, out, err = run_cli(*argv)
    assert code == status, err
    return json.loads(out)


class TestOutputsMeetTheirSchemas:
    @pytest.mark.parametrize("path", sorted(DATA.glob("*.json")), ids=lambda p: p.name)
    def test_score(self, path):
        """meritsys score --format json of every example file meets hasil (one assessment) or hasil-list (a list)."""
        doc = _json("score", path, "--format", "json")
        assert schema_errors("hasil-list" if isinstance(doc, list) else "hasil", doc) == []

    @pytest.mark.parametrize(
        "options",
        [("--strategy", "geometric-mean"), ("--strategy", "weakest-aspect-cap"), ("--tanpa-survei",)],
        ids=["geometric-mean", "weakest-aspect-cap", "tanpa-survei"],
    )
    def test_score_with_other_strategies(self, options):
        """Results of the what-if strategies and of a maturity-only index meet hasil too."""
        path = KOTA if "--tanpa-survei" in options else SATU
        doc = _json("score", path, "--format", "json", *options)
        assert schema_errors("hasil", doc) == []

    @pytest.mark.parametrize(
        "options",
        [(), ("--semua",), ("--reform", EXAMPLES / "reform" / "sangat-baik-335.toml", "--semua")],
        ids=["movers", "every-row", "two-reforms"],
    )
    def test_compare(self, options):
        """meritsys compare --format json meets perbandingan."""
        doc = _json("compare", KOHORT_A, "--baseline", "kasn-2019", "--reform", REFORM, "--format", "json", *options)
        assert schema_errors("perbandingan", doc) == []

    def test_compare_of_an_empty_cohort(self, tmp_path):
        """An empty cohort's comparison (no mean, no minimum or maximum change) meets perbandingan."""
        empty = tmp_path / "kosong.json"
        empty.write_text("[]")
        doc = _json("compare", empty, "--baseline", "kasn-2019", "--reform", REFORM, "--format", "json")
        assert doc["ringkasan"]["selisih_rerata"] is None
        assert schema_errors("perbandingan", doc) == []

    @pytest.mark.parametrize(
        ("argv", "status"),
        [
            ((SATU, "--target", "Sangat Baik", "--biaya", BIAYA), 0),
            ((SATU, "--target", "300"), 0),
            ((SATU, "--target", "Buruk"), 0),
            ((SATU, "--target", "401"), 1),
            ((KOHORT_B, "--instansi", "kota-contoh", "--target", "Tinggi"), 0),
        ],
        ids=["category-with-costs", "index", "lowest-category", "unreachable", "regime-b"],
    )
    def test_plan(self, argv, status):
        """meritsys plan --format json meets rencana, for a category, an index, the lowest category and a target out of reach."""
        doc = _json("plan", *argv, "--format", "json", status=status)
        assert schema_errors("rencana", doc) == []
        assert doc["tercapai"] == (status == 0)

    @pytest.mark.parametrize(
        "argv",
        [
            (KOHORT_A, "--tahap", "terakhir", "--draws", "200"),
            (KOHORT_A, "--tahap", "terakhir", "--draws", "50", "--konsentrasi", "inf"),
            (KOHORT_A, "--tahap", "terakhir", "--draws", "50", "--rentang", "0.2", "--ambang", "1"),
            (KOHORT_B, "--draws", "100", "--tidak-berlaku", "--ambang", "0.01"),
        ],
        ids=["dirichlet", "weights-kept", "uniform-and-cut-points", "regime-b-policies"],
    )
    def test_sensitivity(self, argv):
        """meritsys sensitivity --format json meets sensitivitas, whatever is perturbed."""
        doc = _json("sensitivity", *argv, "--format", "json")
        assert schema_errors("sensitivitas", doc) == []

    @pytest.mark.parametrize("rubrik", ["kasn-2019", "permenpanrb-19-2025"])
    def test_rubrik_show(self, rubrik):
        """meritsys rubrik show ID --format json meets rubrik."""
        assert schema_errors("rubrik", _json("rubrik", "show", rubrik, "--format", "json")) == []
