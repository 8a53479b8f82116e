"""The national target: the share of agencies rated at or above a category, per year, with the agencies not assessed apart.

The national medium-term plan (RPJMN 2020-2024, Perpres 18/2020) tracks the
percentage of agencies rated Baik or Sangat Baik.  For each cycle of a cohort,
:func:`national_share` counts the agencies assessed that cycle by category,
how many are at or above the chosen category, and their share of the assessed
agencies; agencies of the universe without a result that cycle are reported
apart, never counted as Buruk.  Regime B has no known national indicator: the
equivalent is the share at or above a level the caller names (``minimal=``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from meritsys._attrs_methods import fields_repr
from meritsys._numbers import round_half_up
from meritsys._repr import shown
from meritsys.analysis._stats._change import _satu_per_tahun
from meritsys.analysis._stats._common import PRIORITAS_TAHAP, SEMUA, Kunci, scores_for
from meritsys.errors import Problem, ValidationError
from meritsys.model import Instansi, KategoriHasil, Rubrik, Tahap
from meritsys.model._instansi import universe_by_code
from meritsys.model._penilaian import _to_tahap
from meritsys.scoring import JENIS, TAHAP, Kohort, SkorBatch

if TYPE_CHECKING:
    from meritsys.policy import KebijakanKonsekuensi

__all__ = ["MenurutWilayah", "PersentaseNasional", "national_share"]

MenurutWilayah: TypeAlias = Literal["jenis", "provinsi"]
"""How the national share can be split: by agency type or by province."""


@attrs.frozen(eq=False)
class PersentaseNasional:
    """The share of agencies at or above a category, per cycle (and group), with the agencies not assessed apart.

    Args:
        rubrik_id: The rubric the cohort was scored with.
        minimal: The lowest category counted.
        kebijakan: The id of the consequence policy that named :attr:`minimal`,
            or ``None`` when the caller named it.
        status: How sure the choice of :attr:`minimal` is (the policy rule's
            status; ``acuan`` when the caller named it).
        menurut: The split (``"jenis"``, ``"provinsi"``) or ``None``.
        tahun: The cycles, ascending.
        kelompok: The group keys (``(SEMUA,)`` when not split): agency types in
            their enum order, provinces alphabetically with ``None`` (not given) last.
        labels: The categories, lowest first.
        jumlah: ``(Y, G, C)`` assessed agencies per cycle, group and category.
        tidak_dinilai_jumlah: ``(Y, G)`` agencies of the universe not assessed per cycle and group.
        tidak_dinilai: Per cycle, the codes of the agencies not assessed, sorted.
        tahap: ``(Y, S)`` the stage of the result counted, per cycle, as counts
            in the order of :data:`~meritsys.scoring.TAHAP`.
    """

    __repr__ = fields_repr

    rubrik_id: str
    minimal: KategoriHasil
    kebijakan: str | None
    status: str
    menurut: MenurutWilayah | None
    tahun: tuple[int, ...]
    kelompok: tuple[Kunci, ...]
    labels: tuple[KategoriHasil, ...]
    jumlah: npt.NDArray[np.int64]
    tidak_dinilai_jumlah: npt.NDArray[np.int64]
    tidak_dinilai: tuple[tuple[str, ...], ...]
    tahap: npt.NDArray[np.int64]

    @property
    def posisi_minimal(self) -> int:
        """The band position of :attr:`minimal` (0 is the lowest band)."""
        return self.labels.index(self.minimal)

    def dinilai(self) -> npt.NDArray[np.int64]:
        """``(Y, G)`` agencies assessed."""
        return np.asarray(self.jumlah.sum(axis=2), dtype=np.int64)

    def memenuhi(self) -> npt.NDArray[np.int64]:
        """``(Y, G)`` agencies assessed at or above :attr:`minimal`."""
        return np.asarray(self.jumlah[:, :, self.posisi_minimal :].sum(axis=2), dtype=np.int64)

    def semesta(self) -> npt.NDArray[np.int64]:
        """``(Y, G)`` agencies of the universe: assessed plus not assessed."""
        return self.dinilai() + self.tidak_dinilai_jumlah

    def bagian(self) -> list[list[Fraction | None]]:
        """``[Y][G]`` the exact share of the assessed agencies at or above :attr:`minimal` (``None`` where none was assessed)."""
        return [[Fraction(int(m), int(d)) if d else None for m, d in zip(mr, dr, strict=True)] for mr, dr in zip(self.memenuhi(), self.dinilai(), strict=True)]

    def persen(self, places: int = 2) -> list[list[Decimal | None]]:
        """``[Y][G]`` the share as a percentage, rounded half up to *places* decimals."""
        return [[None if b is None else round_half_up(b * 100, places) for b in row] for row in self.bagian()]

    def rows(self) -> list[dict[str, Any]]:
        """One flat record per cycle and group (and, when split, a ``semua`` record per cycle): for tables, CSV and JSON.

        Keys: ``tahun``, ``kelompok``, ``semesta``, ``dinilai``, ``tidak_dinilai``,
        ``memenuhi``, ``persen`` (of the assessed, 2 decimals), then a count per category label.
        """
        labels = [k.label for k in self.labels]
        out: list[dict[str, Any]] = []
        dinilai, memenuhi, persen = self.dinilai(), self.memenuhi(), self.persen()
        for y, year in enumerate(self.tahun):
            groups = list(enumerate(self.kelompok))
            for g, key in groups:
                out.append(
                    self._record(year, key, self.jumlah[y, g], int(self.tidak_dinilai_jumlah[y, g]), int(dinilai[y, g]), int(memenuhi[y, g]), persen[y][g], labels)
                )
            if self.menurut is not None:
                counts = self.jumlah[y].sum(axis=0)
                d, m = int(counts.sum()), int(counts[self.posisi_minimal :].sum())
                share = None if d == 0 else round_half_up(Fraction(m, d) * 100, 2)
                out.append(self._record(year, SEMUA, counts, int(self.tidak_dinilai_jumlah[y].sum()), d, m, share, labels))
        return out

    @staticmethod
    def _record(
        year: int, key: Kunci, counts: npt.NDArray[np.int64], absent: int, dinilai: int, memenuhi: int, persen: Decimal | None, labels: list[str]
    ) -> dict[str, Any]:
        return {
            "tahun": year,
            "kelompok": key,
            "semesta": dinilai + absent,
            "dinilai": dinilai,
            "tidak_dinilai": absent,
            "memenuhi": memenuhi,
            "persen": persen,
            **{label: int(c) for label, c in zip(labels, counts, strict=True)},
        }


def _minimal(
    sb: SkorBatch, years: Sequence[int], minimal: str | None, kebijakan: KebijakanKonsekuensi | None
) -> tuple[int, str | None, str]:
    """The band position of the lowest category counted, the policy that named it, and its status."""
    labels = sb.labels
    if minimal is not None:
        want = minimal.strip().casefold()
        for i, k in enumerate(labels):
            if want in (k.label.casefold(), k.kode.casefold()):
                return i, None, "acuan"
        raise ValidationError([Problem("minimal", f"{shown(minimal)} is not a category of rubrik {sb.rubrik_id}; one of: {', '.join(k.label for k in labels)}", code="unknown-category")])
    from meritsys.policy import konsekuensi_for_cycle

    named: dict[str, list[int]] = {}
    policy = None
    for year in years:
        policy = konsekuensi_for_cycle(year, kebijakan)
        rule = policy.sasaran_nasional
        if rule.kategori_minimal is None:
            raise ValidationError(
                [Problem("minimal", f"the national target of cycle {year} is not known (consequence policy {policy.id}): name the lowest category counted (minimal, on the command line --minimal), e.g. {labels[len(labels) // 2].label}", code="undefined")]
            )
        named.setdefault(rule.kategori_minimal, []).append(year)
    if len(named) > 1:
        which = "; ".join(f"{label} for {', '.join(map(str, ys))}" for label, ys in named.items())
        raise ValidationError([Problem("minimal", f"the consequence policies of these cycles name different categories ({which}): name one", code="ambiguous")])
    (label,) = named
    assert policy is not None  # there is at least one year
    for i, k in enumerate(labels):
        if k.label == label:
            return i, policy.id, policy.sasaran_nasional.status.value
    raise ValidationError([Problem("minimal", f"the consequence policy {policy.id} counts from {label!r}, which is not a category of rubrik {sb.rubrik_id}; name one", code="unknown-category")])


def _universe(kohort: Kohort, semesta: Iterable[Instansi] | None) -> tuple[list[str], list[int], list[str | None]]:
    """The agencies of the universe (codes, sorted), their type codes and provinces."""
    codes = kohort.kode.astype(str)
    if semesta is None:
        # each agency as its latest row names it (latest cycle, then the most final stage)
        priority = np.asarray([PRIORITAS_TAHAP[t] for t in TAHAP], dtype=np.int16)[kohort.tahap]
        order = np.lexsort((priority, kohort.tahun, codes))
        latest: dict[str, int] = {}
        for i in order.tolist():
            latest[str(codes[i])] = i
        kode = sorted(latest)
        provinsi = kohort.provinsi.tolist()
        return kode, [int(kohort.jenis[latest[k]]) for k in kode], [None if provinsi[latest[k]] is None else str(provinsi[latest[k]]) for k in kode]
    given = universe_by_code(semesta, codes.tolist(), "the cohort")
    kode = sorted(given)
    jenis_code = {j: c for c, j in enumerate(JENIS)}
    return kode, [jenis_code[given[k].jenis] for k in kode], [given[k].provinsi for k in kode]


def _groups(menurut: MenurutWilayah | None, jenis: list[int], provinsi: list[str | None]) -> tuple[tuple[Kunci, ...], list[int]]:
    if menurut is None:
        return (SEMUA,), [0] * len(jenis)
    if menurut == "jenis":
        present = sorted(set(jenis))
        index = {c: i for i, c in enumerate(present)}
        types: tuple[Kunci, ...] = tuple(JENIS[c].value for c in present)
        return types, [index[c] for c in jenis]
    if menurut == "provinsi":
        names: list[Kunci] = [*sorted({p for p in provinsi if p is not None})]
        if None in provinsi:
            names.append(None)
        where = {k: i for i, k in enumerate(names)}
        return tuple(names), [where[p] for p in provinsi]
    raise ValidationError([Problem("menurut", f"{menurut!r} is not a split of the national share; one of: jenis, provinsi, or None", code="not-one-of")])


def _counted_rows(kohort: Kohort, tahap: Tahap | str | None) -> npt.NDArray[np.intp]:
    """The row that counts for each agency-year: the latest stage present, or the stage named."""
    if tahap is None:
        rows, _, _ = _satu_per_tahun(kohort)
        return rows
    code = TAHAP.index(_to_tahap(tahap))
    idx = np.flatnonzero(kohort.tahap == code)
    if idx.size == 0:
        return idx.astype(np.intp)
    rows, _, _ = _satu_per_tahun(kohort.select(idx))
    return np.asarray(idx[rows], dtype=np.intp)


def national_share(
    kohort: Kohort,
    skor: SkorBatch | Rubrik,
    *,
    minimal: str | None = None,
    menurut: MenurutWilayah | None = None,
    semesta: Iterable[Instansi] | None = None,
    tahap: Tahap | str | None = None,
    tahun: int | Iterable[int] | None = None,
    kebijakan: KebijakanKonsekuensi | None = None,
) -> PersentaseNasional:
    """The share of agencies rated at or above a category per cycle: the RPJMN indicator, with counts.

    For each cycle, the agencies assessed that cycle are counted by category;
    the share is those at or above *minimal* over those assessed.  Agencies of
    the universe without a result that cycle (a Sangat Baik agency skipping a
    cycle, a newcomer, one that missed its assessment) are counted and listed
    apart: not assessed is not Buruk.

    Args:
        kohort: The cohort: several cycles of one rubric.
        skor: Its scores, or the rubric to score it with.
        minimal: The lowest category counted, by label or code; default: the
            national target of the consequence policy of the cohort's cycles
            (Baik in the KASN era, RPJMN 2020-2024).  Regime B has none: name a
            level (e.g. ``"Menengah"``) for the equivalent share.
        menurut: Split by agency type (``"jenis"``) or province (``"provinsi"``);
            a ``semua`` row per cycle then gives the total.
        semesta: The agencies expected in every cycle; default: every agency of
            the cohort (seen in any cycle), each with the type and province of its latest row.
        tahap: Count only results of this stage; default: the latest stage
            present for each agency-year (penetapan first), recorded in :attr:`PersentaseNasional.tahap`.
        tahun: Report only these cycles (the universe still comes from every cycle).
        kebijakan: A consequence policy (:class:`~meritsys.policy.KebijakanKonsekuensi`)
            to take the default *minimal* from, instead of the shipped one of each cycle.

    Raises:
        ValidationError: if the scores do not belong to the cohort, for an
            unknown category or split, a cycle not in the cohort, a national
            target the policy does not know (name *minimal* then), a bad universe,
            or two results of one agency, cycle and stage.

    Examples:
        >>> import meritsys
        >>> kasn = meritsys.get_rubrik("kasn-2019")
        >>> kohort = meritsys.Kohort.read("examples/data/riwayat-kasn-2022-2024.json", kasn)
        >>> hasil = national_share(kohort, kasn)
        >>> [(r["tahun"], r["memenuhi"], r["dinilai"], r["persen"], r["tidak_dinilai"]) for r in hasil.rows()]
        [(2022, 6, 9, Decimal('66.67'), 1), (2023, 5, 8, Decimal('62.50'), 2), (2024, 7, 8, Decimal('87.50'), 2)]
        >>> hasil.tidak_dinilai[1]
        ('kab-tanjung-asri', 'kementerian-contoh')
    """
    sb = scores_for(kohort, skor)
    all_years = sorted({int(t) for t in np.unique(kohort.tahun)})
    if tahun is None:
        years = all_years
    else:
        wanted = [tahun] if isinstance(tahun, int) else list(tahun)
        unknown = [y for y in wanted if y not in all_years]
        if unknown:
            raise ValidationError([Problem("tahun", f"no assessments of cycle {', '.join(map(str, unknown))} in the cohort; its cycles: {', '.join(map(str, all_years))}", code="out-of-range")])
        years = sorted(set(wanted))
    m, policy_id, status = _minimal(sb, years, minimal, kebijakan)
    kode, jenis, provinsi = _universe(kohort, semesta)
    keys, group_of = _groups(menurut, jenis, provinsi)
    position = {k: i for i, k in enumerate(kode)}
    rows = _counted_rows(kohort, tahap)
    codes = kohort.kode.astype(str)
    y_of = {y: i for i, y in enumerate(years)}
    c = len(sb.labels)
    jumlah = np.zeros((len(years), len(keys), c), dtype=np.int64)
    stages = np.zeros((len(years), len(TAHAP)), dtype=np.int64)
    assessed = np.zeros((len(years), len(kode)), dtype=bool)
    for r in rows.tolist():
        y = y_of.get(int(kohort.tahun[r]))
        if y is None:
            continue
        a = position[str(codes[r])]
        jumlah[y, group_of[a], int(sb.kategori[r])] += 1
        stages[y, int(kohort.tahap[r])] += 1
        assessed[y, a] = True
    absent = np.zeros((len(years), len(keys)), dtype=np.int64)
    missing: list[tuple[str, ...]] = []
    for y in range(len(years)):
        gone = np.flatnonzero(~assessed[y]).tolist()
        for a in gone:
            absent[y, group_of[a]] += 1
        missing.append(tuple(kode[a] for a in gone))
    return PersentaseNasional(
        rubrik_id=sb.rubrik_id,
        minimal=sb.labels[m],
        kebijakan=policy_id,
        status=status,
        menurut=menurut,
        tahun=tuple(years),
        kelompok=keys,
        labels=sb.labels,
        jumlah=jumlah,
        tidak_dinilai_jumlah=absent,
        tidak_dinilai=tuple(missing),
        tahap=stages,
    )

