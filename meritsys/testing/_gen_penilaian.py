"""Hypothesis strategies for values, agencies and assessments of any rubric."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
from hypothesis import strategies as st

from meritsys._numbers import check_decimal
from meritsys.model import Angka, Indikator, Instansi, JenisInstansi, Penilaian, Rubrik, Status, Tahap
from meritsys.model._rubrik_rules import GRID_STEPS, index_places

__all__ = [
    "KASN",
    "PERMEN",
    "angka",
    "cohort",
    "desimal_kecil",
    "instansi",
    "koreksi",
    "level_set",
    "naikkan",
    "penilaian",
    "penilaian_a",
    "penilaian_b",
    "penilaian_dan_naik",
    "penilaian_pada_indeks",
    "survei",
    "teks",
]

KASN = "kasn-2019"
"""The shipped regime A rubric."""
PERMEN = "permenpanrb-19-2025"
"""The shipped regime B rubric."""


def teks(max_size: int = 30) -> st.SearchStrategy[str]:
    """A non-empty string without surrounding whitespace (any Unicode, JSON-safe)."""
    return st.text(min_size=1, max_size=max_size).map(str.strip).filter(bool)


def desimal_kecil(lo: int, hi: int, places: Sequence[int] = (0, 1, 2, 3)) -> st.SearchStrategy[Decimal]:
    """An exact decimal ``n * 10**-p`` with ``lo <= n <= hi`` and ``p`` drawn from *places*."""
    return st.builds(lambda n, p: Decimal(n).scaleb(-p), st.integers(lo, hi), st.sampled_from(tuple(places)))


_SURVEI = st.integers(0, 100).map(lambda n: Decimal(n).scaleb(-2))
_KOREKSI = st.one_of(st.just(Decimal(0)), desimal_kecil(-50, 50, (1, 2, 3)))


def survei() -> st.SearchStrategy[Decimal]:
    """A survey score 0.00 .. 1.00 with two decimals."""
    return _SURVEI


def koreksi() -> st.SearchStrategy[Decimal]:
    """A small signed correction (-0.5 .. 0.5) with 1 to 3 decimals, zero included."""
    return _KOREKSI


_INSTANSI: dict[JenisInstansi | None, st.SearchStrategy[Instansi]] = {}


def instansi(jenis: JenisInstansi | None = None) -> st.SearchStrategy[Instansi]:
    """A valid agency; of type *jenis* when given."""
    if jenis not in _INSTANSI:
        _INSTANSI[jenis] = st.builds(
            Instansi,
            kode=teks(),
            nama=teks(),
            jenis=st.just(jenis) if jenis is not None else st.sampled_from(JenisInstansi),
            provinsi=st.none() | st.text(max_size=20),
        )
    return _INSTANSI[jenis]


@st.composite
def angka(draw: st.DrawFn) -> Angka:
    """A valid :class:`~meritsys.Angka`: any decimal within the number policy, any status (``acuan`` with a note)."""
    status = draw(st.sampled_from(Status))
    nilai = draw(
        st.one_of(
            st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12).filter(
                lambda d: check_decimal(d) is None
            ),
            desimal_kecil(-(10**6), 10**6, (0, 1, 2, 3, 4, 8, 20, 30)),
        )
    )
    catatan = draw(teks() if status is Status.ACUAN else st.none() | st.text(max_size=20))
    sumber = draw(st.none() | st.text(max_size=20))
    return Angka(nilai, status, catatan=catatan, sumber=sumber)


def _rubrik(rubrik: Rubrik | str) -> Rubrik:
    if isinstance(rubrik, Rubrik):
        return rubrik
    from meritsys.rubrics import get_rubrik

    return get_rubrik(rubrik)


def level_set(ind: Indikator) -> range:
    """The levels an indicator allows."""
    return range(ind.level_min, ind.level_maks + 1)


# Strategy objects are built once per shape and reused: building them on every
# draw costs more than drawing from them.
_JAWABAN: dict[tuple[object, ...], tuple[Rubrik, st.SearchStrategy[dict[str, int]]]] = {}


def _jawaban(
    r: Rubrik, applicable: tuple[int, ...], min_level: int | None, max_level: int | None, pakai_alias: bool, kosong: bool
) -> st.SearchStrategy[dict[str, int]]:
    """Answers (key -> level) to the indicators at positions *applicable*; with *kosong*, some left out."""
    key = (id(r), applicable, min_level, max_level, pakai_alias, kosong)
    cached = _JAWABAN.get(key)
    if cached is not None and cached[0] is r:
        return cached[1]
    # One byte string carries all levels (one byte per indicator, reduced into
    # its level range) and others the choice between code and alias and which
    # answers are missing: a few draws per assessment instead of a few per
    # indicator keeps cohorts fast, and shrinking still moves each level down.
    ranges = []
    keys = []
    for pos in applicable:
        ind = r.indikator[pos]
        lo = ind.level_min if min_level is None else max(ind.level_min, min(min_level, ind.level_maks))
        hi = ind.level_maks if max_level is None else min(ind.level_maks, max(max_level, lo))
        ranges.append((lo, hi - lo + 1))
        keys.append((ind.kode, *ind.alias) if pakai_alias else (ind.kode,))
    n = len(applicable)

    def build(raw: tuple[bytes, bytes, bytes]) -> dict[str, int]:
        levels, pick, gone = raw
        return {
            ks[pick[i] % len(ks)]: lo + levels[i] % size
            for i, ((lo, size), ks) in enumerate(zip(ranges, keys, strict=True))
            if gone[i] % 5  # about one answer in five is missing
        }

    empty = st.just(bytes(n))
    strategy = st.tuples(
        st.binary(min_size=n, max_size=n),
        st.binary(min_size=n, max_size=n) if pakai_alias else empty,
        st.binary(min_size=n, max_size=n) if kosong else st.just(bytes([1]) * n),
    ).map(build)
    _JAWABAN[key] = (r, strategy)
    return strategy


def _koreksi_for(r: Rubrik) -> st.SearchStrategy[Decimal]:
    """Corrections that keep the index on the rubric's grid (the number policy's bound)."""
    places = index_places(r)
    if places is None:
        return _KOREKSI
    limit = min(10**12, GRID_STEPS // 10**places - 1)
    return st.one_of(_KOREKSI, desimal_kecil(-limit, limit, (0,)), desimal_kecil(-(10**6), 10**6, (places, places + 3)))


def _within(r: Rubrik, koreksi: Decimal) -> Decimal:
    """*koreksi* moved into the range the rubric declares for it (a deduction stays a deduction): its sign flipped, else clamped."""
    rule = r.komposisi.koreksi if r.komposisi is not None else None
    if rule is None or rule.allows(koreksi):
        return koreksi
    if rule.allows(-koreksi):
        return -koreksi
    lo, hi = rule.minimum, rule.maksimum
    return lo.nilai if lo is not None and koreksi < lo.nilai else hi.nilai if hi is not None else koreksi


@st.composite
def penilaian(
    draw: st.DrawFn,
    rubrik: Rubrik | str,
    *,
    jenis: JenisInstansi | None = None,
    gerbang: dict[str, str] | None = None,
    min_level: int | None = None,
    max_level: int | None = None,
    dengan_survei: bool | None = None,
    dengan_bukti: bool = False,
    pakai_alias: bool = False,
    kosong: bool = False,
    koreksi_besar: bool = False,
) -> Penilaian:
    """A valid assessment for *rubrik*: gates drawn first, then the applicable answers.

    Args:
        draw: Supplied by hypothesis (``st.composite``); callers leave it out.
        rubrik: A rubric or a shipped rubric's id.
        jenis: Fix the agency type (else drawn).
        gerbang: Fix some gate answers by gate code (the rest are drawn).
        min_level: Draw no level below this (clipped to each level set).
        max_level: Draw no level above this (clipped to each level set).
        dengan_survei: Whether to give a survey score; ``None``: exactly when
            the rubric's composition weighs the survey (regime B).
        dengan_bukti: Also list evidence for some answered indicators.
        pakai_alias: Sometimes key answers and gates by an alias instead of the code.
        kosong: Leave some applicable answers out (for missing-answer policies).
        koreksi_besar: Draw corrections up to the rubric's grid limit, not only small ones.
            Corrections always lie in the range the rubric declares (a JPT deduction is never positive).
    """
    r = _rubrik(rubrik)
    regime_b = r.komposisi is not None
    inst = draw(instansi(jenis))
    gates: dict[str, str] = {}
    gate_keys: dict[str, str] = {}
    for g in r.gerbang:
        fixed = None if gerbang is None else gerbang.get(g.kode)
        gates[g.kode] = fixed if fixed is not None else draw(st.sampled_from(tuple(g.opsi)))
        key = draw(st.sampled_from((g.kode, *g.alias))) if pakai_alias else g.kode
        gate_keys[key] = gates[g.kode]
    applicable = tuple(pos for pos, ind in enumerate(r.indikator) if ind.applies_to(inst.jenis, gates))
    jawaban = draw(_jawaban(r, applicable, min_level, max_level, pakai_alias, kosong))
    bukti: dict[str, list[str]] = {}
    if dengan_bukti and jawaban:
        for kode in draw(st.lists(st.sampled_from(sorted(jawaban)), max_size=4, unique=True)):
            bukti[kode] = draw(st.lists(teks(15), min_size=1, max_size=2))
    weighs_survey = r.komposisi is not None and r.komposisi.pakai_survei
    give_survey = weighs_survey if dengan_survei is None else dengan_survei
    return Penilaian(
        inst,
        draw(st.integers(2000, 2100)),
        r.id,
        jawaban,
        tahap=draw(st.sampled_from(Tahap)),
        gerbang=gate_keys,
        bukti=bukti,
        survei=draw(_SURVEI) if give_survey else None,
        koreksi=_within(r, draw(_koreksi_for(r) if koreksi_besar else _KOREKSI)) if regime_b else Decimal(0),
    )


def cohort(rubrik: Rubrik | str, *, min_size: int = 1, max_size: int = 30, **kwargs: Any) -> st.SearchStrategy[list[Penilaian]]:
    """A list of valid assessments of *rubrik* (keyword arguments go to :func:`penilaian`)."""
    return st.lists(penilaian(rubrik, **kwargs), min_size=min_size, max_size=max_size)


def penilaian_a(**kwargs: Any) -> st.SearchStrategy[Penilaian]:
    """A valid ``kasn-2019`` assessment: every indicator answered within its level set."""
    return penilaian(KASN, **kwargs)


def penilaian_b(**kwargs: Any) -> st.SearchStrategy[Penilaian]:
    """A valid ``permenpanrb-19-2025`` assessment: gates first, then the applicable indicators."""
    return penilaian(PERMEN, **kwargs)


def naikkan(p: Penilaian, kode: str) -> Penilaian:
    """The same assessment with the answer keyed *kode* one level higher."""
    jawaban = dict(p.jawaban)
    jawaban[kode] += 1
    return attrs.evolve(p, jawaban=jawaban)


@st.composite
def penilaian_dan_naik(draw: st.DrawFn, /, rubrik: Rubrik | str, **kwargs: Any) -> tuple[Penilaian, Penilaian, str]:
    """An assessment, the same with one answer raised by one level, and that answer's key.

    Keyword arguments go to :func:`penilaian`.
    """
    r = _rubrik(rubrik)
    p = draw(penilaian(r, **kwargs))
    raisable = [k for k, lv in p.jawaban.items() if lv < r.indikator[r.posisi[k]].level_maks]
    kode = draw(st.sampled_from(raisable) if raisable else st.nothing())
    return p, naikkan(p, kode), kode


@st.composite
def penilaian_pada_indeks(draw: st.DrawFn, rubrik: Rubrik | str, target: Decimal) -> Penilaian:
    """A weighted-sum assessment (every indicator applicable) whose index is exactly *target*.

    Hypothesis draws (as one byte string) the preferred level of each
    indicator and the order in which indicators are fixed; each is then given
    the level closest to its preference from which the rest can still reach
    *target* (a subset-sum table over the remaining indicators).  Fails the
    draw if *target* is unreachable.
    """
    r = _rubrik(rubrik)
    inds = r.indikator
    weights = [Fraction(ind.bobot.nilai) for ind in inds if ind.bobot is not None]
    if len(weights) != len(inds):
        raise ValueError("penilaian_pada_indeks needs a rubric that weighs every indicator")
    den = math.lcm(*(w.denominator for w in weights))
    t = Fraction(target) * den
    if t.denominator != 1:
        return draw(st.nothing())
    target_u = int(t)
    w_u = [int(w * den) for w in weights]
    n = len(inds)
    raw = draw(st.binary(min_size=2 * n, max_size=2 * n))
    prefer = [ind.level_min + raw[i] % len(level_set(ind)) for i, ind in enumerate(inds)]
    order = sorted(range(n), key=lambda i: (raw[n + i], i))
    # reach[k]: the sums the indicators order[k:] can make, as a bit set
    # (bit s set when sum s is reachable; sums are non-negative units).
    reach = [0] * (len(order) + 1)
    reach[len(order)] = 1
    for k in range(len(order) - 1, -1, -1):
        j = order[k]
        bits = 0
        for lv in level_set(inds[j]):
            bits |= reach[k + 1] << (w_u[j] * lv)
        reach[k] = bits
    if target_u < 0 or not (reach[0] >> target_u) & 1:
        return draw(st.nothing())
    levels: dict[int, int] = {}
    remaining = target_u
    for k, j in enumerate(order):
        want = prefer[j]
        for lv in sorted(level_set(inds[j]), key=lambda lv: (abs(lv - want), lv)):
            rest = remaining - w_u[j] * lv
            if rest >= 0 and (reach[k + 1] >> rest) & 1:
                levels[j] = lv
                remaining = rest
                break
    return Penilaian(
        draw(instansi()),
        draw(st.integers(2000, 2100)),
        r.id,
        {inds[j].kode: lv for j, lv in sorted(levels.items())},
    )
