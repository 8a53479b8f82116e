"""The shipped example workbooks say what their JSON sources say (examples/workbooks.py builds them)."""

from __future__ import annotations

from pathlib import Path

import pytest

import meritsys
from meritsys.errors import ValidationError

pytest.importorskip("openpyxl")

DATA = Path(__file__).parents[2] / "examples" / "data"
INVALID = Path(__file__).parents[2] / "examples" / "invalid"


class TestShippedWorkbooks:
    @pytest.mark.parametrize(
        ("workbook", "source"),
        [
            ("kertas-kerja-kab-sukamaju-2023.xlsx", "penilaian-kab-sukamaju-2023.json"),
            ("kertas-kerja-kota-contoh-2026.xlsx", "penilaian-kota-contoh-2026.json"),
        ],
        ids=["kasn-2019", "permenpanrb-19-2025"],
    )
    def test_a_worksheet_holds_the_assessment_of_its_json_source(self, workbook: str, source: str) -> None:
        """Each filled worksheet reads back as exactly the assessment of its JSON file, evidence included."""
        assert meritsys.read_penilaian(DATA / workbook) == meritsys.read_penilaian(DATA / source)

    def test_the_cohort_workbook_holds_the_answers_of_the_json_cohort(self) -> None:
        """The cohort sheet holds every assessment of the JSON cohort (answers and metadata; evidence is not in the layout)."""
        sheet = meritsys.read_penilaian(DATA / "kohort-kasn-2023.xlsx")
        json = meritsys.read_penilaian(DATA / "kohort-kasn-2023.json")
        strip = [(p.instansi, p.tahun, p.tahap, dict(p.jawaban)) for p in json]
        assert [(p.instansi, p.tahun, p.tahap, dict(p.jawaban)) for p in sheet] == strip

    def test_the_invalid_worksheet_fails_with_its_four_mistakes(self) -> None:
        """The invalid example carries a mistyped code, a 5 and the word tiga (the blank answer shows when it is scored)."""
        with pytest.raises(ValidationError) as info:
            meritsys.read_penilaian(INVALID / "kertas-kerja-salah.xlsx")
        messages = "\n".join(info.value.messages)
        assert "'1.9' is not an indicator code" in messages
        assert "level 5 is outside 0..4" in messages
        assert "'tiga' is not a level" in messages
