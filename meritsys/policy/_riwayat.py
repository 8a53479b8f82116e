"""An assessment history (*riwayat*): the results of many agencies over cycles, one row per agency, cycle and stage.

The consequence functions (cadence, awards, the JPT exemption) read a
:class:`Riwayat`.  It is built from single results (:meth:`Riwayat.from_hasil`)
or from a scored cohort (:meth:`Riwayat.from_kohort`), and histories of
several rubrics add up (``a + b``), so a history may cross regimes.  Two
results of one agency, cycle and stage are an error naming both: which one
counts would be a guess.  Where an agency has several stages in one cycle, the
functions use the latest stage present (penetapan, then klarifikasi, then
verifikasi, then mandiri) unless a stage is named, and report the stage used.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
from attrs import field

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys.errors import Problem, ValidationError
from meritsys.model import Hasil, Instansi, KategoriHasil, Rubrik, Tahap
from meritsys.model._penilaian import _to_tahap
from meritsys.model._validate import to_tuple

if TYPE_CHECKING:
    from meritsys.scoring import Kohort, SkorBatch

__all__ = ["BarisRiwayat", "Riwayat", "as_riwayat"]


def _priority() -> dict[Tahap, int]:
    """Which stage counts for an agency-cycle when several are present (the statistics' order: the final result first)."""
    from meritsys.analysis._stats._common import PRIORITAS_TAHAP

    return PRIORITAS_TAHAP


@attrs.frozen
class BarisRiwayat:
    """One result of a history: an agency's index and category in one cycle and stage.

    Args:
        instansi: The agency.
        tahun: The assessment cycle.
        tahap: The stage the result is of.
        rubrik: The id of the rubric that produced it.
        indeks: The index.
        kategori: Its category.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    instansi: Instansi
    tahun: int
    tahap: Tahap
    rubrik: str
    indeks: Decimal
    kategori: KategoriHasil

    @classmethod
    def from_hasil(cls, hasil: Hasil) -> BarisRiwayat:
        """The row of one result."""
        return cls(hasil.instansi, hasil.tahun, hasil.tahap, hasil.rubrik.id, hasil.indeks, hasil.kategori)


def _rows(instance: Riwayat, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    problems: list[Problem] = []
    seen: dict[tuple[str, int, Tahap], int] = {}
    for i, row in enumerate(value):
        if not isinstance(row, BarisRiwayat):
            problems.append(Problem(f"[{i}]", f"must be BarisRiwayat, got {type(row).__name__}", code="type"))
            continue
        key = (row.instansi.kode, row.tahun, row.tahap)
        if key in seen:
            problems.append(
                Problem(
                    f"[{i}]",
                    f"agency {row.instansi.kode!r} has two {row.tahap.value} results for {row.tahun}"
                    f" (rows {seen[key]} and {i}): which one counts is ambiguous", code="ambiguous",
                )
            )
        else:
            seen[key] = i
    if problems:
        raise ValidationError(problems[:20] + ([Problem("", f"... and {len(problems) - 20} more", code="invalid")] if len(problems) > 20 else []), code="invalid")


@attrs.frozen
class Riwayat:
    """The results of agencies over assessment cycles.

    Args:
        baris: The results, one per agency, cycle and stage.

    Raises:
        ValidationError: for two results of one agency, cycle and stage (naming both rows).

    Examples:
        >>> import meritsys
        >>> items = meritsys.read_penilaian("examples/data/riwayat-kasn-2022-2024.json")
        >>> riwayat = Riwayat.from_hasil(meritsys.score_many(items))
        >>> len(riwayat), riwayat.tahun()
        (26, (2022, 2023, 2024))
        >>> [(b.tahap.value, b.kategori.label) for b in riwayat.baris if b.instansi.kode == "kab-sukamaju" and b.tahun == 2024]
        [('mandiri', 'Sangat Baik'), ('penetapan', 'Baik')]
        >>> [b.kategori.label for b in riwayat.latest_stage() if b.instansi.kode == "kab-sukamaju" and b.tahun == 2024]
        ['Baik']
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    baris: tuple[BarisRiwayat, ...] = field(converter=to_tuple, validator=_rows)

    @classmethod
    def from_hasil(cls, hasil: Iterable[Hasil]) -> Riwayat:
        """The history of single results (:func:`~meritsys.score`, :func:`~meritsys.score_many`).

        Raises:
            ValidationError: for an item that is not a :class:`~meritsys.model.Hasil`,
                or two results of one agency, cycle and stage.
        """
        rows = []
        problems = []
        items: list[Any] = list(hasil)
        for i, h in enumerate(items):
            if isinstance(h, Hasil):
                rows.append(BarisRiwayat.from_hasil(h))
            else:
                problems.append(Problem(f"[{i}]", f"expected a Hasil, got {type(h).__name__}", code="type"))
        if problems:
            raise ValidationError(problems)
        return cls(tuple(rows))

    @classmethod
    def from_kohort(cls, kohort: Kohort, skor: SkorBatch | Rubrik) -> Riwayat:
        """The history of a scored cohort: one row per cohort row (path ``[i]`` is the cohort's row *i*).

        Args:
            kohort: The cohort (it may hold several cycles and stages).
            skor: Its batch scores, or the rubric to score it with.

        Raises:
            ValidationError: if the scores do not belong to the cohort, or for
                two rows of one agency, cycle and stage.
        """
        from meritsys.analysis._stats._common import scores_for
        from meritsys.scoring import JENIS, TAHAP

        sb = scores_for(kohort, skor)
        indeks = sb.indeks()
        kode, nama, provinsi = kohort.kode.tolist(), kohort.nama.tolist(), kohort.provinsi.tolist()
        rows = [
            BarisRiwayat(
                Instansi(str(kode[i]), str(nama[i]), JENIS[int(kohort.jenis[i])], provinsi[i]),
                int(kohort.tahun[i]),
                TAHAP[int(kohort.tahap[i])],
                sb.rubrik.id,
                indeks[i],
                sb.labels[int(sb.kategori[i])],
            )
            for i in range(len(kohort))
        ]
        return cls(tuple(rows))

    def __add__(self, other: object) -> Riwayat:
        if not isinstance(other, Riwayat):
            return NotImplemented
        return Riwayat(self.baris + other.baris)

    def __len__(self) -> int:
        return len(self.baris)

    def tahun(self) -> tuple[int, ...]:
        """The cycles present, ascending."""
        return tuple(sorted({b.tahun for b in self.baris}))

    def instansi(self) -> tuple[Instansi, ...]:
        """Every agency of the history, by code; each as its latest result names it.

        This is the default universe of the consequence functions: an agency
        seen in any cycle of the history is expected in every cycle.
        """
        latest: dict[str, BarisRiwayat] = {}
        prioritas = _priority()
        for b in self.baris:
            seen = latest.get(b.instansi.kode)
            if seen is None or (b.tahun, prioritas[b.tahap]) >= (seen.tahun, prioritas[seen.tahap]):
                latest[b.instansi.kode] = b
        return tuple(latest[k].instansi for k in sorted(latest))

    def latest_stage(self) -> tuple[BarisRiwayat, ...]:
        """One result per agency and cycle: the latest stage present (penetapan first), by code then cycle."""
        best: dict[tuple[str, int], BarisRiwayat] = {}
        prioritas = _priority()
        for b in self.baris:
            key = (b.instansi.kode, b.tahun)
            seen = best.get(key)
            if seen is None or prioritas[b.tahap] > prioritas[seen.tahap]:
                best[key] = b
        return tuple(best[k] for k in sorted(best))

    def at_stage(self, tahap: Tahap | str) -> tuple[BarisRiwayat, ...]:
        """One result per agency and cycle: those of stage *tahap* only, by code then cycle.

        Raises:
            ValidationError: for a value that is not a stage.
        """
        want = _to_tahap(tahap)
        return tuple(sorted((b for b in self.baris if b.tahap is want), key=lambda b: (b.instansi.kode, b.tahun)))

    def counted(self, tahap: Tahap | str | None = None) -> tuple[BarisRiwayat, ...]:
        """The results that count: :meth:`at_stage` when *tahap* is given, else :meth:`latest_stage`."""
        return self.latest_stage() if tahap is None else self.at_stage(tahap)


def as_riwayat(source: Any) -> Riwayat:
    """*source* (a :class:`Riwayat`, or results) as a history; results go through :meth:`Riwayat.from_hasil`."""
    if isinstance(source, Riwayat):
        return source
    if isinstance(source, str | bytes) or not isinstance(source, Iterable):
        raise TypeError(f"expected a Riwayat or results (Hasil), got {type(source).__name__}")
    return Riwayat.from_hasil(source)
