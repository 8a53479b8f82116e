"""The interim index of a partly filled self-assessment, as the official application shows its running total.

Self-assessments are filled over weeks; the application shows a running total
in which an unanswered question counts 0 (one agency held 30.5 with 12 of 37
sub-aspects filled), which is why totals below the scale exist.  See *The
domain* (domain.md#interim-totals).  :func:`score_interim` computes that
figure on purpose and says so: the result is flagged ``sementara`` and carries
its completeness and what remains.  Scoring an assessment normally never does
this: a missing answer stays an error unless a missing-answer policy is declared.
"""

from __future__ import annotations

import attrs

from meritsys.errors import Problem, ValidationError
from meritsys.model import Hasil, Kelengkapan, KelengkapanAspek, Penilaian, Rubrik
from meritsys.scoring._api import score
from meritsys.scoring._protocols import ScoringStrategy
from meritsys.scoring._resolution import check_gate_answers

__all__ = ["INTERIM", "score_interim"]

INTERIM = "sementara: pertanyaan yang belum dijawab dihitung 0; ini bukan hasil penilaian"
"""The warning every interim result carries (Indonesian, as the reports people read)."""


def score_interim(
    penilaian: Penilaian,
    rubrik: Rubrik | str | None = None,
    *,
    strategy: ScoringStrategy | str | None = None,
) -> Hasil:
    """The interim index of a partly filled assessment: each unanswered applicable question counts 0.

    A gate question not yet answered keeps the questions behind it out of the
    count until it is answered (they are not yet known to apply); it is listed
    in what remains.  Everything else is checked as :func:`score` checks it.

    Args:
        penilaian: The assessment, as far as it is filled.
        rubrik: A rubric, a shipped rubric's id, or ``None`` for the assessment's own.
        strategy: A strategy, a registered name, or ``None`` for the rubric's own.

    Returns:
        A result flagged ``sementara=True`` with its ``kelengkapan``
        (answered ÷ applicable, overall and per aspect, and the questions
        and gates that remain) and a warning saying it is not a result.

    Raises:
        ValidationError: an answer that does not fit the rubric, or a question
            without level 0 left unanswered (it cannot count 0).

    Examples:
        >>> import meritsys
        >>> kasn = meritsys.get_rubrik("kasn-2019")
        >>> p = meritsys.Penilaian(meritsys.Instansi("kota-contoh", "Kota Contoh", "kota"), 2023,
        ...                        "kasn-2019", {"1.1": 3, "1.2": 4, "3.1": 2})
        >>> h = score_interim(p, kasn)
        >>> h.sementara, h.indeks, f"{h.kelengkapan.terisi}/{h.kelengkapan.berlaku}"
        (True, Decimal('28'), '3/37')
        >>> h.kelengkapan.sisa[:3]
        ('1.3', '1.4', '2.1')
    """
    from meritsys.scoring._api import _rubrik

    r = _rubrik(rubrik, penilaian.rubrik)
    given, _, _ = check_gate_answers(r, penilaian.gerbang)
    open_gates = dict(given)
    deciding = {ind.berlaku_jika.gerbang for ind in r.indikator if ind.berlaku_jika is not None and ind.berlaku_jika.gerbang}
    sisa_gerbang = tuple(g.kode for g in r.gerbang if g.kode in deciding and g.kode not in open_gates)
    answered = {r.indikator[r.posisi[k]].kode for k in penilaian.jawaban if k in r.posisi}
    filled: dict[str, int] = {}
    sisa: list[str] = []
    problems: list[Problem] = []
    per_aspek: list[KelengkapanAspek] = []
    for aspek in r.aspek:
        terisi = berlaku = 0
        for ind in aspek.indikator:
            cond = ind.berlaku_jika
            if cond is not None and cond.gerbang in sisa_gerbang:
                continue  # not yet known to apply
            if not ind.applies_to(penilaian.instansi.jenis, open_gates):
                continue
            berlaku += 1
            if ind.kode in answered:
                terisi += 1
                continue
            sisa.append(ind.kode)
            if ind.level_min > 0:
                problems.append(Problem(f'jawaban["{ind.kode}"]', f"unanswered, and it cannot count 0 in an interim index: its levels are {ind.level_min}..{ind.level_maks}", code="missing-answer"))
            filled[ind.kode] = 0
        per_aspek.append(KelengkapanAspek(aspek.kode, terisi, berlaku))
    if problems:
        raise ValidationError(problems)
    gates = dict(penilaian.gerbang)
    for kode in sisa_gerbang:  # closed for now: the questions behind it are left out until it is answered
        gate = r.gerbang_per_kode[kode]
        opening = {a for ind in r.indikator if ind.berlaku_jika is not None and ind.berlaku_jika.gerbang == kode for a in ind.berlaku_jika.jawaban}
        closing = [o for o in gate.opsi if o not in opening]
        if not closing:
            raise ValidationError([Problem(f'gerbang["{kode}"]', "unanswered, and every answer opens a question: answer it to score an interim index", code="missing-answer")])
        gates[kode] = closing[0]
    counted = attrs.evolve(penilaian, jawaban={**penilaian.jawaban, **filled}, gerbang=gates)
    hasil = score(counted, r, strategy=strategy)
    kelengkapan = Kelengkapan(sum(a.terisi for a in per_aspek), sum(a.berlaku for a in per_aspek), per_aspek, sisa, sisa_gerbang)
    notes = [w for w in hasil.peringatan if not w.startswith(tuple(f"{k}: " for k in filled))]
    kontribusi = tuple(attrs.evolve(k, diisi_kebijakan=True) if k.kode in filled else k for k in hasil.kontribusi)
    return attrs.evolve(hasil, sementara=True, kelengkapan=kelengkapan, kontribusi=kontribusi, peringatan=(INTERIM, *notes))
