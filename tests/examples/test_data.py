"""The shipped example data files that combine others say what their sources say."""

from __future__ import annotations

from pathlib import Path

import meritsys

DATA = Path(__file__).parents[2] / "examples" / "data"


class TestCombinedExamples:
    def test_merit_and_jpt_file_holds_both_assessments(self) -> None:
        """kab-sukamaju-2023-merit-jpt.json is the 2023 merit assessment followed by the 2023 JPT assessment of Kabupaten Sukamaju."""
        both = meritsys.read_penilaian(DATA / "kab-sukamaju-2023-merit-jpt.json")
        merit = meritsys.read_penilaian(DATA / "penilaian-kab-sukamaju-2023.json")
        jpt = meritsys.read_penilaian(DATA / "penilaian-kab-sukamaju-jpt-2023.json")
        assert both == merit + jpt
        assert [p.rubrik for p in both] == ["kasn-2019", "jpt-2021"]
