"""Paper versus field: one stage of an assessment against a later one, per agency and for a cohort.

The self-assessment (*mandiri*) is what the agency wrote; the verified
(*verifikasi*), reconciled (*klarifikasi*) and final (*penetapan*) answers are
what the assessor found.  :func:`compare_stages` pairs, for every agency and
year, the assessment of one stage with that of another, scores both, and
reports per indicator (level before → after and the change in what it adds to
the index), per aspect and in total, with the category each gives; and for the
cohort the mean change by aspect, how many agencies change category, the
indicators most often lowered and the agencies with the largest gaps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import attrs

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys._numbers import plain
from meritsys.errors import Problem, ValidationError
from meritsys.model import Hasil, KategoriHasil, Penilaian, Rubrik, Tahap
from meritsys.scoring import Kohort, ScoringStrategy, score

__all__ = ["PerubahanIndikator", "SelisihAspek", "SelisihInstansi", "SelisihTahap", "compare_stages"]


@attrs.frozen
class PerubahanIndikator:
    """One indicator whose level differs between the two stages.

    Args:
        kode: The indicator code.
        nama: What it asks.
        aspek: Its aspect's code.
        level_dari: The level at the earlier stage (``None``: not applicable).
        level_ke: The level at the later stage.
        efek: How much more (negative: less) it adds to the index at the later
            stage: the difference of its contributions (before a regime B
            survey share, correction and rounding).
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    kode: str
    nama: str
    aspek: str
    level_dari: int | None
    level_ke: int | None
    efek: Decimal

    @property
    def turun(self) -> bool:
        """Whether the later stage lowered it."""
        return (self.level_ke or 0) < (self.level_dari or 0)


@attrs.frozen
class SelisihAspek:
    """One aspect's value at both stages."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    kode: str
    nama: str
    dari: Decimal
    ke: Decimal
    selisih: Decimal


@attrs.frozen
class SelisihInstansi:
    """One agency-year: its two results and what changed between them.

    Args:
        dari: The result of the earlier stage.
        ke: The result of the later stage.
        selisih: ``ke.indeks - dari.indeks``, exact.
        langkah: Bands moved: positive up, negative down, 0 for none.
        aspek: Every aspect at both stages.
        indikator: The indicators whose level changed, in rubric order.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    dari: Hasil
    ke: Hasil
    selisih: Decimal
    langkah: int
    aspek: tuple[SelisihAspek, ...]
    indikator: tuple[PerubahanIndikator, ...]

    @property
    def kode(self) -> str:
        """The agency code."""
        return self.dari.instansi.kode

    @property
    def tahun(self) -> int:
        """The assessment year."""
        return self.dari.tahun

    @property
    def turun(self) -> tuple[str, ...]:
        """The codes of the indicators the later stage lowered."""
        return tuple(i.kode for i in self.indikator if i.turun)

    @property
    def naik(self) -> tuple[str, ...]:
        """The codes of the indicators the later stage raised."""
        return tuple(i.kode for i in self.indikator if not i.turun)


@attrs.frozen
class SelisihTahap:
    """Paper versus field for a cohort: every agency-year with both stages, and the cohort summary.

    Args:
        rubrik_id: The rubric both stages were scored under.
        dari: The earlier stage.
        ke: The later stage.
        baris: One entry per agency-year holding both stages, by agency code and year.
        tanpa_pasangan: ``(kode, tahun, tahap)`` of assessments whose other
            stage is not in the data (reported, not compared).
        kategori: The rubric's categories, lowest first.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    rubrik_id: str
    dari: Tahap
    ke: Tahap
    baris: tuple[SelisihInstansi, ...]
    tanpa_pasangan: tuple[tuple[str, int, Tahap], ...]
    kategori: tuple[KategoriHasil, ...]

    def __len__(self) -> int:
        return len(self.baris)

    def mean_gap(self) -> Decimal | None:
        """The mean change of the index (later minus earlier), rounded half-up to 4 decimals; ``None`` without pairs."""
        return _mean([b.selisih for b in self.baris])

    def mean_gap_by_aspect(self) -> dict[str, Decimal | None]:
        """Each aspect's mean change (later minus earlier), rounded half-up to 4 decimals."""
        codes = [a.kode for a in self.baris[0].aspek] if self.baris else []
        return {k: _mean([a.selisih for b in self.baris for a in b.aspek if a.kode == k]) for k in codes}

    def category_changed(self) -> tuple[int, int, int]:
        """How many agency-years the later stage moved down a band, up a band, and how many there are."""
        down = sum(1 for b in self.baris if b.langkah < 0)
        up = sum(1 for b in self.baris if b.langkah > 0)
        return down, up, len(self.baris)

    def most_lowered(self, n: int = 10) -> list[tuple[str, int]]:
        """The indicators the later stage lowered most often: ``(code, agency-years)``, most first, then by rubric order."""
        counts = Counter(code for b in self.baris for code in b.turun)
        order = {k.kode: i for i, k in enumerate(self.baris[0].dari.kontribusi)} if self.baris else {}
        return sorted(counts.items(), key=lambda kv: (-kv[1], order.get(kv[0], 0)))[:n]

    def largest_gaps(self, n: int = 10) -> list[SelisihInstansi]:
        """The agency-years whose index moved most (either way), largest first."""
        return sorted(self.baris, key=lambda b: (-abs(b.selisih), b.kode, b.tahun))[:n]


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    mean = sum((Fraction(v) for v in values), Fraction(0)) / len(values)
    return plain(Decimal(mean.numerator) / Decimal(mean.denominator)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP).normalize() if mean else Decimal(0)


def compare_stages(
    items: Sequence[Penilaian] | Kohort,
    rubrik: Rubrik,
    *,
    dari: Tahap | str = Tahap.MANDIRI,
    ke: Tahap | str = Tahap.PENETAPAN,
    tahun: int | None = None,
    strategy: ScoringStrategy | str | None = None,
) -> SelisihTahap:
    """Pair each agency-year's assessment at stage *dari* with the one at stage *ke*, and report what changed.

    Args:
        items: The assessments (or a cohort) holding both stages.
        rubrik: The rubric to score both under.
        dari: The earlier stage (default: the self-assessment, ``mandiri``).
        ke: The later stage (default: the final result, ``penetapan``).
        tahun: Only this year (default: every year, each agency-year paired on its own).
        strategy: A strategy or its name (default: the rubric's own).

    Raises:
        ValidationError: two assessments of one agency, year and stage (both named),
            the same stage asked for twice, or an assessment that does not fit the rubric.

    Examples:
        >>> import meritsys
        >>> kasn = meritsys.get_rubrik("kasn-2019")
        >>> items = meritsys.read_penilaian("examples/data/kohort-kasn-2023.json")
        >>> gap = compare_stages(items, kasn)
        >>> [(b.kode, format(b.dari.indeks, "f"), format(b.ke.indeks, "f")) for b in gap.baris]
        [('kab-sukamaju', '290', '286.5')]
        >>> gap.baris[0].turun
        ('3.6',)
    """
    first, second = Tahap(dari), Tahap(ke)
    if first is second:
        raise ValidationError([Problem("ke", f"compare two different stages (both are {first.value})", code="conflict")])
    assessments = items.to_penilaian() if isinstance(items, Kohort) else tuple(items)
    seen: dict[tuple[str, int, Tahap], int] = {}
    problems: list[Problem] = []
    for i, p in enumerate(assessments):
        key = (p.instansi.kode, p.tahun, p.tahap)
        if key in seen:
            problems.append(Problem(f"[{i}]", f"a second assessment of {key[0]} {key[1]} at stage {key[2].value} (the first is [{seen[key]}]); keep one per agency, year and stage", code="ambiguous"))
        else:
            seen[key] = i
    if problems:
        raise ValidationError(problems)
    wanted = [p for p in assessments if p.tahap in (first, second) and (tahun is None or p.tahun == tahun)]
    by_key = {(p.instansi.kode, p.tahun, p.tahap): p for p in wanted}
    rows: list[SelisihInstansi] = []
    alone: list[tuple[str, int, Tahap]] = []
    for kode, year, stage in sorted(by_key, key=lambda k: (k[0], k[1], k[2] is second)):
        if stage is second and (kode, year, first) in by_key:
            continue  # handled with its pair
        other = (kode, year, second if stage is first else first)
        if other not in by_key:
            alone.append((kode, year, stage))
            continue
        rows.append(_pair(score(by_key[(kode, year, first)], rubrik, strategy=strategy), score(by_key[other], rubrik, strategy=strategy), rubrik))
    return SelisihTahap(rubrik.id, first, second, tuple(rows), tuple(alone), tuple(KategoriHasil(k.kode, k.label) for k in rubrik.kategori))


def _pair(a: Hasil, b: Hasil, rubrik: Rubrik) -> SelisihInstansi:
    position = {k.kode: i for i, k in enumerate(rubrik.kategori)}
    aspek = tuple(
        SelisihAspek(x.kode, x.nama, x.nilai, y.nilai, plain(y.nilai - x.nilai)) for x, y in zip(a.aspek, b.aspek, strict=True)
    )
    changed = tuple(
        PerubahanIndikator(x.kode, rubrik.indicator(x.kode).nama, x.aspek, x.level, y.level, plain(y.nilai - x.nilai))
        for x, y in zip(a.kontribusi, b.kontribusi, strict=True)
        if x.level != y.level
    )
    return SelisihInstansi(a, b, plain(b.indeks - a.indeks), position[b.kategori.kode] - position[a.kategori.kode], aspek, changed)
