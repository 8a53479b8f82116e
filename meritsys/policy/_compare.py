"""Comparing a baseline rubric with a reformed one over a cohort: who moves where."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from meritsys._arguments import instance
from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys._numbers import exact, plain, round_half_up
from meritsys.errors import Problem, ValidationError
from meritsys.model import Instansi, KategoriHasil, Penilaian, Rubrik, RubrikRef, Tahap, rubrik_ref
from meritsys.scoring import JENIS, TAHAP, Kohort, ScoringStrategy, SkorBatch, get_strategy

__all__ = ["BarisPerbandingan", "Perbandingan", "compare"]


@attrs.frozen
class BarisPerbandingan:
    """One assessment's index and category under the baseline and under the reform."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    instansi: Instansi
    tahun: int
    tahap: Tahap
    indeks_lama: Decimal
    kategori_lama: KategoriHasil
    indeks_baru: Decimal
    kategori_baru: KategoriHasil
    posisi_lama: int
    posisi_baru: int

    @property
    def selisih(self) -> Decimal:
        """New index minus old index."""
        return self.indeks_baru - self.indeks_lama

    @property
    def berubah(self) -> bool:
        """Whether the category changed."""
        return self.kategori_lama != self.kategori_baru

    @property
    def arah(self) -> str:
        """``"naik"``, ``"turun"`` or ``"tetap"``: the direction of the category move."""
        if self.posisi_baru > self.posisi_lama:
            return "naik"
        if self.posisi_baru < self.posisi_lama:
            return "turun"
        return "tetap"


@attrs.frozen
class Perbandingan:
    """The outcome of :func:`compare`.

    Args:
        baseline: The baseline rubric's provenance.
        reform: The reformed rubric's provenance.
        baris: One row per assessment, in cohort order.
        kategori_lama: The baseline's category labels (transition matrix rows).
        kategori_baru: The reform's category labels (transition matrix columns).
        transisi: Counts: ``transisi[i][j]`` assessments moved from baseline band i to reform band j.
        catatan: Notes on how the cohort was read under the reform (e.g. answers
            to indicators the reform removes, left out on the reform side).
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    baseline: RubrikRef
    reform: RubrikRef
    baris: tuple[BarisPerbandingan, ...]
    kategori_lama: tuple[KategoriHasil, ...]
    kategori_baru: tuple[KategoriHasil, ...]
    transisi: tuple[tuple[int, ...], ...]
    catatan: tuple[str, ...] = ()

    def changed(self) -> tuple[BarisPerbandingan, ...]:
        """The rows whose category changed: who crosses a boundary."""
        return tuple(b for b in self.baris if b.berubah)

    def summary(self) -> dict[str, int | Decimal | None]:
        """Summary statistics: counts by direction and the index change (mean, min, max)."""
        deltas = [b.selisih for b in self.baris]
        n = len(deltas)
        return {
            "jumlah": n,
            "berubah": sum(b.berubah for b in self.baris),
            "naik": sum(b.arah == "naik" for b in self.baris),
            "turun": sum(b.arah == "turun" for b in self.baris),
            "tetap": sum(b.arah == "tetap" for b in self.baris),
            "selisih_rerata": round_half_up(Fraction(sum(deltas, Decimal(0))) / n, 4) if n else None,
            "selisih_min": plain(min(deltas)) if n else None,
            "selisih_maks": plain(max(deltas)) if n else None,
        }


def _run(rubrik: Rubrik, kohort: Kohort, strategy: ScoringStrategy | None, side: str) -> SkorBatch:
    strat = strategy if strategy is not None else get_strategy(rubrik.strategi)
    try:
        return strat.score_batch(rubrik, kohort)
    except ValidationError as exc:
        raise _on_side(exc, side) from None


def _on_side(exc: ValidationError, side: str) -> ValidationError:
    """*exc*'s problems, each saying which side of the comparison found it."""
    return ValidationError(Problem(p.path, f"{p.message} (under the {side})", code=p.code) for p in exc.problems)


@exact
def compare(
    baseline: Rubrik,
    reform: Rubrik,
    cohort: Kohort | Sequence[Penilaian],
    *,
    strategy: ScoringStrategy | None = None,
) -> Perbandingan:
    """Score *cohort* under *baseline* and under *reform* and report every move.

    Both rubrics must share an id (a reform keeps its baseline's id); each side
    is scored by its rubric's own strategy unless *strategy* is given.  The
    baseline object is not touched.  Where the reform removes indicators, the
    cohort is laid out again for it without those answers (and a note says so).

    Args:
        baseline: The rubric as it is.
        reform: The rubric after the reform.
        cohort: A cohort laid out for *baseline*, or assessments (laid out once, here).
        strategy: A strategy for both sides, or ``None`` for each rubric's own.

    Examples:
        >>> import meritsys
        >>> from meritsys.policy import Reform
        >>> kasn = meritsys.get_rubrik("kasn-2019")
        >>> baru = Reform("baik-260", {"kategori.Baik.batas_bawah": "260",
        ...                            "kategori.Kurang.batas_atas": "259"}).apply(kasn)
        >>> cohort = meritsys.read_penilaian("examples/data/kohort-kasn-2023.json")
        >>> hasil = compare(kasn, baru, cohort)
        >>> [b.instansi.kode for b in hasil.changed()]
        []
    """
    instance("baseline", baseline, Rubrik)
    instance("reform", reform, Rubrik)
    if baseline.id != reform.id:
        raise ValidationError([Problem("rubrik", f"baseline {baseline.id!r} and reform {reform.id!r} are different rubrics", code="wrong-rubric")])
    if isinstance(cohort, Kohort):
        kohort = cohort
    else:
        items = _penilaian(cohort)
        try:
            kohort = Kohort.from_penilaian(baseline, items)
        except ValidationError as exc:
            raise _on_side(exc, "baseline") from None
    old = _run(baseline, kohort, strategy, "baseline")
    reform_kohort, notes = _for_reform(baseline, reform, kohort)
    new = _run(reform, reform_kohort, strategy, f"reform {'+'.join(reform.reform) or reform.id}")
    old_idx, new_idx = old.indeks(), new.indeks()
    kode, nama, provinsi = kohort.kode, kohort.nama, kohort.provinsi
    rows = tuple(
        BarisPerbandingan(
            Instansi(str(kode[i]), str(nama[i]), JENIS[int(kohort.jenis[i])], provinsi[i]),
            int(kohort.tahun[i]), TAHAP[int(kohort.tahap[i])],
            old_idx[i], old.labels[int(old.kategori[i])],
            new_idx[i], new.labels[int(new.kategori[i])],
            int(old.kategori[i]), int(new.kategori[i]),
        )
        for i in range(len(kohort))
    )
    counts = [[0] * len(new.labels) for _ in old.labels]
    for b in rows:
        counts[b.posisi_lama][b.posisi_baru] += 1
    return Perbandingan(rubrik_ref(baseline), rubrik_ref(reform), rows, old.labels, new.labels, tuple(tuple(r) for r in counts), notes)


def _penilaian(cohort: object) -> Sequence[Penilaian]:
    if isinstance(cohort, str | bytes) or not isinstance(cohort, Sequence) or not all(isinstance(p, Penilaian) for p in cohort):
        raise TypeError(f"cohort must be a Kohort or a sequence of Penilaian, got {type(cohort).__name__}")
    return cohort


def _for_reform(baseline: Rubrik, reform: Rubrik, kohort: Kohort) -> tuple[Kohort, tuple[str, ...]]:
    """The cohort as the reform reads it: the same one, or laid out again without answers to removed indicators."""
    if tuple(i.kode for i in reform.indikator) == kohort.kode_indikator:
        return kohort, ()
    removed = {kode for kode in baseline.posisi if kode not in reform.posisi}
    out = []
    dropped = 0
    for p in kohort.to_penilaian():
        gone = [k for k in p.jawaban if k in removed]
        if gone:
            dropped += len(gone)
            p = attrs.evolve(
                p,
                jawaban={k: v for k, v in p.jawaban.items() if k not in removed},
                bukti={k: v for k, v in p.bukti.items() if k not in removed},
            )
        out.append(p)
    notes: tuple[str, ...] = ()
    if dropped:
        codes = ", ".join(sorted({baseline.indikator[baseline.posisi[k]].kode for k in removed}))
        notes = (f"{dropped} answer(s) to indicators the reform removes ({codes}) are left out on the reform side",)
    try:
        return Kohort.from_penilaian(reform, out), notes
    except ValidationError as exc:
        raise _on_side(exc, f"reform {'+'.join(reform.reform) or reform.id}") from None
