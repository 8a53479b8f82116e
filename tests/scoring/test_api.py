"""The short way in: score, score_many and score_batch with the rubric's own strategy or a named one."""

from decimal import Decimal

import attrs

from meritsys import WeightedSum, score, score_batch, score_many
from tests.helpers import KASN, B, kasn, messages, penilaian_a, penilaian_b, rezim_b


class TestApi:
    def test_strategy_by_name_or_object(self):
        """score takes a strategy name or object and records which one scored."""
        p = penilaian_a(3)
        assert score(p, strategy="weighted-sum").strategi == "weighted-sum"
        assert score(p, KASN, strategy=WeightedSum()).indeks == Decimal(300)

    def test_rubric_of_another_id_is_refused(self):
        """Scoring an assessment against a rubric of another id is refused at `rubrik`."""
        assert messages(score, penilaian_a(3), rezim_b()) == (
            "$.rubrik: the assessment is for 'kasn-2019', not 'permenpanrb-19-2025'",
        )

    def test_score_many_reports_every_item(self):
        """score_many lists the problems of every item, each under its position."""
        bad_level = attrs.evolve(penilaian_a(3), jawaban={**penilaian_a(3).jawaban, "1.1": 9})
        assert messages(score_many, [penilaian_a(3), bad_level, penilaian_b(2)], KASN) == (
            '$[1].jawaban["1.1"]: level 9 is outside 0..4',
            "$[2].rubrik: the assessment is for 'permenpanrb-19-2025', not 'kasn-2019'",
        )

    def test_score_many_each_with_its_own_rubric(self):
        """Without a rubric, score_many scores each assessment with its own rubric."""
        results = score_many([penilaian_a(4), penilaian_b(4, survei="1")])
        assert [(h.rubrik.id, h.indeks) for h in results] == [(KASN, Decimal(400)), (B, Decimal("1.00"))]

    def test_score_batch_with_a_strategy_name(self):
        """score_batch takes a strategy name and gives the single path's values."""
        items = [penilaian_a(2), penilaian_a(4)]
        assert score_batch(items, kasn(), strategy="weighted-sum").indeks() == [score(p).indeks for p in items]
