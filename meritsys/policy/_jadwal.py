"""The assessment schedule (*jadwal penilaian*): which agencies are due for assessment in a cycle, given their history.

An agency is due in cycle *Y* when its last result before *Y* (cycle *L*,
category *C*) is at least the cadence's interval for *C* old: ``Y >= L +
selang(C)``.  A city rated Sangat Baik in 2023 (interval 2 years in the KASN
era) is therefore not due in 2024 and is due in 2025; an agency that missed a
cycle it was due in stays due.  The interval is the one of the policy of the
last result's cycle (the rule in force when the category was given); when the
cycle asked about belongs to a policy whose cadence is unknown (regime B), or
the last result's policy does not know its cadence, the answer is unknown
(``None``), never a guess.  An agency with no result before *Y* is due where
the cadence of *Y* is known.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys.errors import Problem, ValidationError
from meritsys.model import Angka, Hasil, Instansi, KategoriHasil, Tahap
from meritsys.model._instansi import universe_by_code
from meritsys.policy._konsekuensi import KebijakanKonsekuensi, StatusAturan
from meritsys.policy._konsekuensi_data import check_cycle, konsekuensi_for_cycle
from meritsys.policy._riwayat import BarisRiwayat, Riwayat, as_riwayat

__all__ = ["Jadwal", "due_for_assessment", "universe"]


@attrs.frozen
class Jadwal:
    """Whether one agency is due for assessment in a cycle, and why.

    Args:
        instansi: The agency.
        tahun: The cycle asked about.
        jatuh_tempo: Whether it is due: ``True``, ``False``, or ``None`` when
            the cadence that decides is unknown.
        kebijakan: The id of the policy whose cadence decided.
        status: How sure that answer is: the status of the interval used, or of
            the cadence rule where no interval applies.
        tahun_terakhir: The cycle of its last result before :attr:`tahun`, or ``None``.
        tahap_terakhir: The stage of that result.
        kategori_terakhir: Its category.
        selang: Years until the next assessment after that category, with its
            status and source; ``None`` where unknown or not needed.
        tahun_berikut: The cycle it is next due in (``tahun_terakhir + selang``).
        dinilai: Whether the history holds a result of :attr:`tahun` itself.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    instansi: Instansi
    tahun: int
    jatuh_tempo: bool | None
    kebijakan: str
    status: StatusAturan
    tahun_terakhir: int | None = None
    tahap_terakhir: Tahap | None = None
    kategori_terakhir: KategoriHasil | None = None
    selang: Angka | None = None
    tahun_berikut: int | None = None
    dinilai: bool = False

    def alasan(self) -> str:
        """Why, in a sentence (Indonesian, as the tables speak)."""
        if self.tahun_terakhir is None:
            if self.jatuh_tempo is None:
                return f"tidak ada hasil sebelum {self.tahun}; siklus penilaian tidak diketahui ({self.kebijakan})"
            return f"tidak ada hasil sebelum {self.tahun} dalam data"
        last = f"{self.kategori_terakhir.label if self.kategori_terakhir else '?'} {self.tahun_terakhir}"
        if self.jatuh_tempo is None:
            return f"{last}; siklus penilaian tidak diketahui ({self.kebijakan})"
        years = int(self.selang.nilai) if self.selang is not None else 0
        every = "setiap tahun" if years == 1 else f"setiap {years} tahun"
        missed = " (terlewat)" if self.tahun_berikut is not None and self.tahun_berikut < self.tahun else ""
        return f"{last}, dinilai {every}: berikutnya {self.tahun_berikut}{missed}"


def universe(riwayat: Riwayat, semesta: Iterable[Instansi] | None) -> tuple[Instansi, ...]:
    """The agencies a consequence is asked about: *semesta*, or every agency of the history.

    Raises:
        ValidationError: for an item of *semesta* that is not an
            :class:`~meritsys.model.Instansi`, a code listed twice, or an agency of the
            history missing from *semesta*.
    """
    if semesta is None:
        return riwayat.instansi()
    out = universe_by_code(semesta, (b.instansi.kode for b in riwayat.baris), "the history")
    return tuple(out[k] for k in sorted(out))


def _interval(kebijakan: KebijakanKonsekuensi, last: BarisRiwayat) -> Angka | None:
    """The cadence interval after *last*'s category; a category the policy does not know names the result."""
    try:
        return kebijakan.interval(last.kategori.label)
    except ValidationError as exc:
        where = f"agency {last.instansi.kode!r}, cycle {last.tahun}: "
        raise ValidationError([Problem("riwayat", where + p.message, code=p.code) for p in exc.problems]) from None


def _after(
    agency: Instansi,
    last: BarisRiwayat, year: int, dinilai: bool, due: bool | None, oleh: KebijakanKonsekuensi, status: StatusAturan, selang: Angka | None
) -> Jadwal:
    """The schedule of an agency whose last result before *year* is *last*."""
    return Jadwal(
        agency, year, due, oleh.id, status,
        tahun_terakhir=last.tahun, tahap_terakhir=last.tahap, kategori_terakhir=last.kategori,
        selang=selang, tahun_berikut=None if selang is None else last.tahun + int(selang.nilai), dinilai=dinilai,
    )


def due_for_assessment(
    riwayat: Riwayat | Iterable[Hasil],
    tahun: int,
    kebijakan: KebijakanKonsekuensi | None = None,
    *,
    semesta: Iterable[Instansi] | None = None,
    tahap: Tahap | str | None = None,
) -> tuple[Jadwal, ...]:
    """Which agencies are due for assessment in cycle *tahun*, given their history.

    Args:
        riwayat: The history: a :class:`Riwayat`, or results (:class:`~meritsys.model.Hasil`).
            Results of *tahun* and later are not history and are not used
            (beyond marking :attr:`Jadwal.dinilai`).
        tahun: The cycle asked about.
        kebijakan: The consequence policy to apply to every cycle (it must cover
            them); default: the shipped policy of each cycle.
        semesta: The agencies to answer for; default: every agency of the
            history (an agency seen in any cycle is expected in every cycle).
        tahap: Use only results of this stage; default: the latest stage
            present in each agency-cycle (penetapan first).

    Returns:
        One :class:`Jadwal` per agency, by code.

    Raises:
        ValidationError: for a cycle that is not a year, a cycle no policy covers,
            a category the policy does not know, or a bad universe.

    Examples:
        >>> import meritsys
        >>> hasil = meritsys.score_many(meritsys.read_penilaian("examples/data/riwayat-kasn-2022-2024.json"))
        >>> [(j.tahun, j.jatuh_tempo, j.alasan()) for y in (2024, 2025)
        ...  for j in due_for_assessment(hasil, y) if j.instansi.kode == "kota-contoh"]
        [(2024, False, 'Sangat Baik 2023, dinilai setiap 2 tahun: berikutnya 2025'), (2025, True, 'Sangat Baik 2023, dinilai setiap 2 tahun: berikutnya 2025')]
        >>> {j.jatuh_tempo for j in due_for_assessment(hasil, 2026)}  # regime B: the cadence is not known
        {None}
    """
    year = check_cycle(tahun)
    history = as_riwayat(riwayat)
    agencies = universe(history, semesta)
    counted = history.counted(tahap)
    before: dict[str, BarisRiwayat] = {}
    assessed: set[str] = set()
    for b in counted:
        if b.tahun < year:
            seen = before.get(b.instansi.kode)
            if seen is None or b.tahun > seen.tahun:
                before[b.instansi.kode] = b
        elif b.tahun == year:
            assessed.add(b.instansi.kode)
    now = konsekuensi_for_cycle(year, kebijakan)
    out = []
    for agency in agencies:
        last = before.get(agency.kode)
        dinilai = agency.kode in assessed
        if last is None:
            out.append(Jadwal(agency, year, True if now.siklus.diketahui else None, now.id, now.siklus.status, dinilai=dinilai))
            continue
        then = konsekuensi_for_cycle(last.tahun, kebijakan)
        selang = _interval(then, last)
        if selang is None:
            out.append(_after(agency, last, year, dinilai, None, then, StatusAturan.TIDAK_DIKETAHUI, None))
        elif not now.siklus.diketahui:  # the cycle asked about belongs to an era whose cadence is unknown
            out.append(_after(agency, last, year, dinilai, None, now, StatusAturan.TIDAK_DIKETAHUI, None))
        else:
            due = year >= last.tahun + int(selang.nilai)
            out.append(_after(agency, last, year, dinilai, due, then, StatusAturan.of(selang.status), selang))
    return tuple(out)
