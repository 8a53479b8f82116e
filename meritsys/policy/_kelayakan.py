"""Eligibility (*kelayakan*) that a category brings: the award list of a cycle and the JPT exemption.

Each result that counts (one per agency and cycle: the latest stage present,
or the stage named) is judged by the consequence policy of its cycle: the
award (*Anugerah Meritokrasi*, Baik and Sangat Baik in the KASN era) and the
right to fill top leadership posts (JPT) through talent management instead of
an open selection (Sangat Baik by default; one older source says Baik).  A
rule the policy does not know gives ``None``, never a guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import attrs

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys.errors import Problem, ValidationError
from meritsys.model import Hasil, Instansi, KategoriHasil, Tahap
from meritsys.policy._konsekuensi import AturanKategori, KebijakanKonsekuensi, StatusAturan
from meritsys.policy._konsekuensi_data import check_cycle, konsekuensi_for_cycle
from meritsys.policy._riwayat import BarisRiwayat, Riwayat, as_riwayat

__all__ = ["Kelayakan", "award_list", "jpt_exemption"]


@attrs.frozen
class Kelayakan:
    """Whether one agency's result of one cycle qualifies under a rule.

    Args:
        instansi: The agency.
        tahun: The cycle.
        tahap: The stage of the result used.
        rubrik: The id of the rubric that produced it.
        indeks: Its index.
        kategori: Its category.
        layak: Whether it qualifies: ``True``, ``False``, or ``None`` when the rule is unknown.
        kategori_minimal: The lowest qualifying category applied, or ``None`` when unknown.
        kebijakan: The id of the policy applied.
        status: How sure the rule is (``acuan`` where the caller chose the minimum).
        syarat_lain: Other conditions the rule sets, which meritsys cannot check.
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
    layak: bool | None
    kategori_minimal: str | None
    kebijakan: str
    status: StatusAturan
    syarat_lain: tuple[str, ...] = ()


def _judge(
    riwayat: Riwayat | Iterable[Hasil],
    rule: str,
    *,
    tahun: int | None,
    kebijakan: KebijakanKonsekuensi | None,
    tahap: Tahap | str | None,
    minimal: str | None,
) -> tuple[Kelayakan, ...]:
    year = None if tahun is None else check_cycle(tahun)
    rows = [b for b in as_riwayat(riwayat).counted(tahap) if year is None or b.tahun == year]
    policies: dict[int, KebijakanKonsekuensi] = {}
    out = []
    problems: list[Problem] = []
    for b in rows:
        if b.tahun not in policies:
            policies[b.tahun] = konsekuensi_for_cycle(b.tahun, kebijakan)
        policy = policies[b.tahun]
        aturan: AturanKategori = getattr(policy, rule)
        try:
            layak = policy.meets(aturan, b.kategori.label, minimal=minimal)
        except ValidationError as exc:
            problems.extend(Problem("riwayat", f"agency {b.instansi.kode!r}, cycle {b.tahun}: {p.message}", code=p.code) for p in exc.problems)
            continue
        out.append(_row(b, layak, minimal or aturan.kategori_minimal, policy, StatusAturan.ACUAN if minimal else aturan.status, aturan))
    if problems:
        raise ValidationError(problems[:20])
    return tuple(sorted(out, key=lambda k: (k.tahun, -k.indeks, k.instansi.kode)))


def _row(b: BarisRiwayat, layak: bool | None, minimal: str | None, policy: KebijakanKonsekuensi, status: StatusAturan, aturan: AturanKategori) -> Kelayakan:
    return Kelayakan(
        b.instansi, b.tahun, b.tahap, b.rubrik, b.indeks, b.kategori, layak,
        minimal if layak is not None else None, policy.id, status, aturan.syarat_lain,
    )


def award_list(
    riwayat: Riwayat | Iterable[Hasil],
    *,
    tahun: int | None = None,
    kebijakan: KebijakanKonsekuensi | None = None,
    tahap: Tahap | str | None = None,
) -> tuple[Kelayakan, ...]:
    """The award (*Anugerah Meritokrasi*) list: every agency of a cycle, each marked eligible or not.

    The recipients are the rows with ``layak`` true; where the policy of a cycle
    does not know its award rule (regime B), ``layak`` is ``None``.

    Args:
        riwayat: The results: a :class:`Riwayat`, or results (:class:`~meritsys.model.Hasil`).
        tahun: Only this cycle; default: every cycle present.
        kebijakan: The consequence policy (it must cover the cycles); default:
            the shipped policy of each cycle.
        tahap: Use only results of this stage; default: the latest stage present.

    Returns:
        One :class:`Kelayakan` per agency and cycle, by cycle, then index (highest first), then code.

    Raises:
        ValidationError: for a cycle no policy covers, or a category the policy does not know.

    Examples:
        >>> import meritsys
        >>> hasil = meritsys.score_many(meritsys.read_penilaian("examples/data/riwayat-kasn-2022-2024.json"))
        >>> [(k.instansi.kode, k.kategori.label) for k in award_list(hasil, tahun=2023) if k.layak]
        [('kota-contoh', 'Sangat Baik'), ('prov-sejahtera', 'Baik'), ('kab-makmur-jaya', 'Baik'), ('kab-sukamaju', 'Baik'), ('prov-nusa-contoh', 'Baik')]
    """
    return _judge(riwayat, "penghargaan", tahun=tahun, kebijakan=kebijakan, tahap=tahap, minimal=None)


def jpt_exemption(
    riwayat: Riwayat | Iterable[Hasil],
    *,
    tahun: int | None = None,
    kebijakan: KebijakanKonsekuensi | None = None,
    tahap: Tahap | str | None = None,
    minimal: str | None = None,
) -> tuple[Kelayakan, ...]:
    """Who may fill top leadership posts (JPT) through talent management instead of an open selection.

    The category condition only (UU 5/2014 Pasal 111; Sangat Baik in KASN's
    material and SE MenPANRB 10/2021): the other conditions, such as an approved
    talent-management system, are listed in ``syarat_lain`` for the user to check.

    Args:
        riwayat: The results: a :class:`Riwayat`, or results (:class:`~meritsys.model.Hasil`).
        tahun: Only this cycle; default: every cycle present.
        kebijakan: The consequence policy (it must cover the cycles); default:
            the shipped policy of each cycle.
        tahap: Use only results of this stage; default: the latest stage present.
        minimal: The lowest qualifying category instead of the policy's (e.g.
            ``"Baik"``, the alternative one older source gives); the rows then
            carry the status ``acuan``.

    Returns:
        One :class:`Kelayakan` per agency and cycle, by cycle, then index (highest first), then code.

    Raises:
        ValidationError: for a cycle no policy covers, or a category the policy does not know.

    Examples:
        >>> import meritsys
        >>> hasil = meritsys.score_many(meritsys.read_penilaian("examples/data/riwayat-kasn-2022-2024.json"))
        >>> [k.instansi.kode for k in jpt_exemption(hasil, tahun=2024) if k.layak]
        ['kementerian-contoh', 'prov-sejahtera', 'kab-tanjung-asri']
        >>> len([k for k in jpt_exemption(hasil, tahun=2024, minimal="Baik") if k.layak])
        7
    """
    return _judge(riwayat, "pengecualian_jpt", tahun=tahun, kebijakan=kebijakan, tahap=tahap, minimal=minimal)
