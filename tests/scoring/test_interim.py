"""score_interim: a partly filled assessment as the official application's running total, flagged and never a result."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import attrs
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import meritsys
from meritsys import Penilaian, score, score_interim
from meritsys.errors import ValidationError
from tests.helpers import run_cli

ROOT = Path(__file__).parents[2]
KASN = meritsys.get_rubrik("kasn-2019")
B = meritsys.get_rubrik("permenpanrb-19-2025")
[SUKAMAJU] = meritsys.read_penilaian(ROOT / "examples/data/penilaian-kab-sukamaju-2023.json")
[KOTA] = meritsys.read_penilaian(ROOT / "examples/data/penilaian-kota-contoh-2026.json")


def _first(p: Penilaian, n: int) -> Penilaian:
    return attrs.evolve(p, jawaban=dict(list(p.jawaban.items())[:n]), bukti={})


class TestInterimIndex:
    def test_the_index_is_the_sum_of_the_answered_contributions(self):
        """With 12 answered, the interim index is the sum of those 12 contributions; the rest count 0."""
        partial = _first(SUKAMAJU, 12)
        full = score(SUKAMAJU, KASN)
        h = score_interim(partial, KASN)
        answered = set(partial.jawaban)
        assert h.indeks == sum(k.nilai for k in full.kontribusi if k.kode in answered)
        assert all(k.nilai == 0 and k.diisi_kebijakan for k in h.kontribusi if k.kode not in answered)

    def test_completeness_overall_per_aspect_and_what_remains(self):
        """Completeness is answered ÷ applicable overall and per aspect, and the unanswered codes are listed in rubric order."""
        partial = _first(SUKAMAJU, 12)
        k = score_interim(partial, KASN).kelengkapan
        assert (k.terisi, k.berlaku) == (12, len(KASN.indikator))
        assert k.sisa == tuple(i.kode for i in KASN.indikator if i.kode not in partial.jawaban)
        assert [(a.kode, a.terisi, a.berlaku) for a in k.aspek] == [
            (a.kode, sum(i.kode in partial.jawaban for i in a.indikator), len(a.indikator)) for a in KASN.aspek
        ]
        assert k.rasio == (Decimal(12) / len(KASN.indikator)).quantize(Decimal("0.0001"))

    def test_it_is_flagged_and_says_it_is_not_a_result(self):
        """An interim result is flagged sementara and its first warning says it is not a result."""
        h = score_interim(_first(SUKAMAJU, 5), KASN)
        assert h.sementara
        assert h.peringatan[0].startswith("sementara:")

    def test_scored_normally_it_is_an_error_listing_every_missing_answer(self):
        """The default stays: scoring the same assessment normally lists every missing answer."""
        partial = _first(SUKAMAJU, 12)
        with pytest.raises(ValidationError) as info:
            score(partial, KASN)
        assert [p.path for p in info.value.problems] == [f'jawaban["{i.kode}"]' for i in KASN.indikator if i.kode not in partial.jawaban]
        assert {p.code for p in info.value.problems} == {"missing-answer"}

    def test_a_complete_assessment_is_interim_only_in_name(self):
        """Fully answered, the interim index equals the result, still flagged, completeness 100 %."""
        h, full = score_interim(SUKAMAJU, KASN), score(SUKAMAJU, KASN)
        assert (h.indeks, h.kategori) == (full.indeks, full.kategori)
        assert h.kelengkapan.sisa == ()
        assert h.kelengkapan.rasio == 1

    def test_a_result_cannot_carry_completeness_nor_an_interim_lack_it(self):
        """The model keeps the flag and the completeness together."""
        h = score_interim(_first(SUKAMAJU, 3), KASN)
        with pytest.raises(ValidationError):
            attrs.evolve(h, sementara=False)
        with pytest.raises(ValidationError):
            attrs.evolve(score(SUKAMAJU, KASN), sementara=True)

    def test_json_round_trip(self):
        """An interim result survives dumps and loads_hasil with its flag and completeness."""
        h = score_interim(_first(SUKAMAJU, 7), KASN)
        assert meritsys.loads_hasil(meritsys.dumps([h])) == (h,)


class TestRegimeB:
    def test_an_unanswered_gate_keeps_its_questions_out_until_answered(self):
        """A gate not yet answered leaves the questions behind it out of the count, and is listed as remaining."""
        partial = attrs.evolve(KOTA, gerbang={"kecelakaan_kerja": "tidak"}, jawaban={k: v for k, v in KOTA.jawaban.items() if k != "6.4c"})
        k = score_interim(partial, B).kelengkapan
        assert k.sisa_gerbang == ("kematian",)
        assert "6.4c" not in k.sisa
        assert k.berlaku == score_interim(KOTA, B).kelengkapan.berlaku - 1  # 6.4c waits for its gate

    def test_an_unanswered_question_counts_0_in_its_aspect_mean(self):
        """In regime B an unanswered applicable question counts 0 in its aspect's maturity."""
        partial = attrs.evolve(KOTA, jawaban={k: v for k, v in KOTA.jawaban.items() if k != "1.3"})
        zero = attrs.evolve(KOTA, jawaban={**KOTA.jawaban, "1.3": 0})
        assert score_interim(partial, B).indeks == score(zero, B).indeks

    def test_answers_that_do_not_fit_are_still_errors(self):
        """Interim scoring checks every answer as scoring does: a level out of range is an error."""
        bad = attrs.evolve(_first(SUKAMAJU, 3), jawaban={"1.1": 9})
        with pytest.raises(ValidationError):
            score_interim(bad, KASN)


class TestProperties:
    @settings(max_examples=40, deadline=None)
    @given(st.sets(st.sampled_from([i.kode for i in KASN.indikator])))
    def test_interim_equals_the_zero_filled_score_and_never_exceeds_the_full_one(self, kept):
        """Any subset answered: the interim index is the score with the rest at level 0, and at most the full score."""
        partial = attrs.evolve(SUKAMAJU, jawaban={k: v for k, v in SUKAMAJU.jawaban.items() if k in kept}, bukti={})
        zero = attrs.evolve(partial, jawaban={i.kode: SUKAMAJU.jawaban[i.kode] if i.kode in kept else 0 for i in KASN.indikator})
        h = score_interim(partial, KASN)
        assert h.indeks == score(zero, KASN).indeks
        assert h.indeks <= score(SUKAMAJU, KASN).indeks
        assert h.kelengkapan.terisi == len(kept)


class TestCommand:
    def _file(self, tmp_path):
        path = tmp_path / "sebagian.json"
        data = json.loads((ROOT / "examples/data/penilaian-kab-sukamaju-2023.json").read_text())
        data["jawaban"] = dict(list(data["jawaban"].items())[:12])
        data.pop("bukti")
        path.write_text(json.dumps(data))
        return path

    def test_table_flags_it_and_lists_what_remains(self, tmp_path):
        """The table marks the category, shows completeness and lists the unanswered questions."""
        code, out, err = run_cli("score", self._file(tmp_path), "--sementara")
        assert code == 0
        assert "‡ SEMENTARA" in out
        assert f"12/{len(KASN.indikator)}" in out
        assert "Belum dijawab: " in out
        assert "sementara" in err

    def test_json_and_csv_carry_the_flag(self, tmp_path):
        """JSON carries sementara and kelengkapan; CSV the flag and completeness columns."""
        path = self._file(tmp_path)
        code, out, _ = run_cli("score", path, "--sementara", "--format", "json")
        data = json.loads(out)
        assert (code, data["sementara"], data["kelengkapan"]["terisi"]) == (0, True, 12)
        code, out, _ = run_cli("score", path, "--sementara", "--format", "csv")
        [row] = list(csv.DictReader(io.StringIO(out)))
        assert (row["sementara"], row["terisi"], row["berlaku"]) == ("true", "12", str(len(KASN.indikator)))

    def test_excel_carries_the_flag_and_the_remaining_questions(self, tmp_path):
        """The workbook's summary has the flag, and a sheet lists the questions not yet answered."""
        out_file = tmp_path / "h.xlsx"
        code, _, _ = run_cli("score", self._file(tmp_path), "--sementara", "--format", "xlsx", "-o", out_file)
        wb = openpyxl.load_workbook(out_file)
        header = [c.value for c in wb["Ringkasan"][1]]
        assert code == 0
        assert wb["Ringkasan"].cell(row=2, column=header.index("sementara") + 1).value is True
        assert wb["Belum dijawab"].max_row == 1 + len(KASN.indikator) - 12

    def test_without_the_option_it_is_an_error(self, tmp_path):
        """Without --sementara the same file exits 1 listing every missing answer."""
        code, _, err = run_cli("score", self._file(tmp_path))
        assert code == 1
        assert err.count("missing answer") == len(KASN.indikator) - 12

    def test_a_partly_filled_worksheet(self, tmp_path):
        """A worksheet filled halfway scores as interim, every output flagged, with what remains."""
        code, out, _ = run_cli("score", ROOT / "examples/data/kertas-kerja-kab-sukamaju-2023.xlsx", "--sementara", "--format", "json")
        assert code == 0
        assert json.loads(out)["kelengkapan"]["sisa"] == []

