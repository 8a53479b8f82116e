"""How a failed command reports itself: text on stderr, or with ``--format json`` one JSON error object on stdout."""

import json

import pytest

from tests.helpers import EXAMPLES, KOHORT_A, SATU, run_cli

SALAH = EXAMPLES / "invalid" / "penilaian-salah.json"


def error_of(*argv):
    """The exit status and the error object a JSON command printed; stderr must stay empty."""
    code, out, err = run_cli(*argv)
    assert err == "", err
    doc = json.loads(out)
    assert set(doc) == {"error"}
    assert set(doc["error"]) == {"code", "message", "problems"}
    return code, doc["error"]


class TestJsonErrors:
    def test_an_invalid_file(self):
        """score --format json on an invalid file: exit 1, every problem as a record with its path, code and message."""
        code, error = error_of("score", SALAH, "--format", "json")
        assert (code, error["code"], error["message"]) == (1, "validation", "invalid input (5 problems)")
        assert error["problems"][:2] == [
            {
                "path": '$[0].jawaban["4.1a"]',
                "code": "not-applicable",
                "message": "does not apply to a kota (only to kementerian, lembaga, lembaga_negara, provinsi); leave it out",
            },
            {"path": '$[0].jawaban["6.3"]', "code": "level-out-of-range", "message": "level 5 is outside 0..4"},
        ]
        assert [p["code"] for p in error["problems"][2:]] == ["missing-answer", "not-one-of", "type"]

    def test_the_same_problems_as_the_text(self):
        """The records say what the text says: `$path: message` per problem, in the same order."""
        _, _, err = run_cli("score", SALAH)
        _, error = error_of("score", SALAH, "--format", "json")
        assert [f"  {p['path']}: {p['message']}" for p in error["problems"]] == err.splitlines()[1:]

    @pytest.mark.parametrize(
        ("argv", "status", "code"),
        [
            (("score", SATU, "--rubrik", "kasn-2099"), 1, "rubric-not-found"),
            (("score", SATU, "--strategy", "tidak-ada"), 2, "plugin"),
            (("score", EXAMPLES / "data" / "penilaian-kota-contoh-2026.json", "--strategy", "weighted-sum"), 2, "incompatible-strategy"),
            (("score", SATU, "--tanpa-survei"), 2, "usage"),
            (("classify", "abc", "--rubrik", "kasn-2019"), 1, "validation"),
            (("classify", "-inf", "--rubrik", "kasn-2019"), 1, "validation"),
            (("rubrik", "show", "tidak-ada"), 1, "rubric-not-found"),
            (("plan", KOHORT_A, "--target", "Baik"), 2, "usage"),
            (("plan", SATU, "--target", "Luar Biasa"), 1, "validation"),
            (("compare", SATU, "--baseline", "kasn-2019", "--reform", EXAMPLES / "invalid" / "reform-salah.toml"), 1, "validation"),
            (("sensitivity", KOHORT_A, "--tanpa-survei"), 2, "usage"),
            (("score", EXAMPLES / "tidak-ada.json"), 1, "validation"),
        ],
        ids=["rubric-not-found", "plugin", "incompatible-strategy", "usage", "classify-text", "classify-inf", "rubrik-show",
             "plan-usage", "plan-target", "compare-reform", "sensitivity-usage", "missing-file"],
    )
    def test_every_command_with_json_output(self, argv, status, code):
        """Each command that offers --format json reports its failure as a JSON error object, with the usual exit status."""
        got_status, error = error_of(*argv, "--format", "json")
        assert (got_status, error["code"]) == (status, code)

    def test_the_problem_codes_of_an_error(self):
        """A problem's code is carried into the record: a target that names no category is unknown-category."""
        _, error = error_of("plan", SATU, "--target", "Luar Biasa", "--format", "json")
        assert [p["code"] for p in error["problems"]] == ["unknown-category"]

    def test_format_json_equals_form(self):
        """`--format=json` before the value counts too (the -inf path reads the arguments itself)."""
        code, error = error_of("classify", "-inf", "--rubrik", "kasn-2019", "--format=json")
        assert (code, error["problems"]) == (1, [{"path": "$", "code": "not-finite", "message": "the value is not a finite number"}])

    def test_text_and_csv_stay_text(self):
        """Without --format json (and with csv) the error is the unchanged text on stderr."""
        for extra in ((), ("--format", "csv")):
            code, out, err = run_cli("score", SALAH, *extra)
            assert (code, out) == (1, "")
            assert err.startswith("meritsys: error: invalid input (5 problems):\n")

    def test_parser_errors_stay_text(self):
        """What argparse refuses (before any command runs) stays its usage text, exit 2."""
        code, out, err = run_cli("score", "--format", "json")
        assert (code, out) == (2, "")
        assert "usage: meritsys score" in err
