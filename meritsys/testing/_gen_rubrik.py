"""Hypothesis strategies for valid rubrics of either regime, and for reforms of them.

The rubrics are small (1-4 aspects of 1-4 indicators) but reach every corner
the number policy allows: weights and band bounds with many decimals (up to
25 places), both boundary rules, rounding places up to what the index grid
allows, unusual level sets (0..k and 1..k with k up to 9), gates with
aliases, agency-type conditions, every missing-answer and not-applicable
policy, compositions from maturity-only to survey-only, and declared
correction ranges (a deduction only, as in the JPT index, or both ways).
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from meritsys._numbers import exact_decimal, fraction_sum
from meritsys.model import (
    Angka,
    Aspek,
    AturanBatas,
    AturanKoreksi,
    Gerbang,
    Indikator,
    JenisBatas,
    JenisInstansi,
    Kategori,
    KebijakanKosong,
    KebijakanTidakBerlaku,
    Komposisi,
    LetakBobot,
    Level,
    Rubrik,
    Rujukan,
    Skala,
    Status,
    Syarat,
)
from meritsys.model._rubrik_rules import GRID_STEPS
from meritsys.policy._reform import IndikatorBaru, Reform

__all__ = ["reform", "rubrik", "rubrik_a_acak", "rubrik_b_acak"]

_RUJUKAN = (Rujukan("UJI", "Rubrik acak untuk uji properti", Status.ACUAN),)


def _levels(lo: int, hi: int) -> tuple[Level, ...]:
    return tuple(Level(n, f"Level {n}") for n in range(lo, hi + 1))


def _acuan(nilai: Decimal | Fraction | str) -> Angka:
    value = exact_decimal(nilai) if isinstance(nilai, Fraction) else nilai
    return Angka(value, Status.ACUAN, catatan="acak (uji properti)")


def _places(halus: bool, fine: int) -> st.SearchStrategy[int]:
    """Decimal places: mostly few, sometimes (with *halus*) up to *fine*."""
    return st.one_of(st.sampled_from([0, 1, 2]), st.integers(0, fine)) if halus else st.sampled_from([0, 1, 2])


@st.composite
def _bands(draw: st.DrawFn, lo: Fraction, hi: Fraction, halus: bool) -> tuple[tuple[Kategori, ...], AturanBatas]:
    """1..4 bands whose cut points lie around ``[lo, hi]`` on a grid of the published step, under a random rule."""
    q = draw(_places(halus, 25))
    step = Fraction(1, 10**q) * draw(st.sampled_from([1, 1, 1, 5, 25]))
    span = max(hi - lo, Fraction(1))
    n_lo = math.floor((lo - span / 4) / step)
    n_hi = max(math.ceil((hi + span / 4) / step), n_lo + 6)
    n_cuts = draw(st.integers(0, 3))
    cuts = sorted(draw(st.lists(st.integers(n_lo + 1, n_hi), min_size=n_cuts, max_size=n_cuts, unique=True)))
    jenis = draw(st.sampled_from(JenisBatas))
    kategori = []
    for i in range(len(cuts) + 1):
        if jenis is JenisBatas.BAWAH_INKLUSIF:
            bawah = _acuan(cuts[i - 1] * step) if i > 0 else None
            atas = _acuan((cuts[i] - 1) * step) if i < len(cuts) else None
        else:
            bawah = _acuan((cuts[i - 1] + 1) * step) if i > 0 else None
            atas = _acuan(cuts[i] * step) if i < len(cuts) else None
        kategori.append(Kategori(f"K{i}", f"Kategori {i}", bawah, atas))
    return tuple(kategori), AturanBatas(jenis, _acuan(step), Status.ACUAN, catatan="acak")


def _rounding(draw: st.DrawFn, bound: Fraction, none_first: bool = True) -> Angka | None:
    """Rounding places the index grid allows for an index up to *bound* (or none)."""
    most = max(0, min(12, math.floor(math.log10(GRID_STEPS / max(bound, Fraction(1)))) - 1))
    places = draw(st.one_of(st.none(), st.integers(0, most)) if none_first else st.integers(0, most))
    return None if places is None else _acuan(Decimal(places))


def _skala(draw: st.DrawFn, lo: Fraction, hi: Fraction) -> tuple[Angka, Angka | None]:
    """A published scale around the reachable range: sometimes narrower, sometimes wider."""
    shift = draw(st.sampled_from([Fraction(0), Fraction(0), Fraction(1, 2), Fraction(-1), Fraction(3)]))
    minimum = lo + shift * (hi - lo) / 4
    maksimum = None if draw(st.booleans()) else max(hi - shift * (hi - lo) / 4, minimum + 1)
    return _acuan(minimum), None if maksimum is None else _acuan(maksimum)


@st.composite
def rubrik_a_acak(draw: st.DrawFn, *, halus: bool = True) -> Rubrik:
    """A random small valid regime A rubric (weights on indicators, strategy ``weighted-sum``).

    Args:
        draw: Supplied by hypothesis.
        halus: Also draw fine-grained numbers (weights to 10 places, bounds to 25).
    """
    aspek = []
    lo_total = hi_total = Fraction(0)
    for a in range(draw(st.integers(1, 4))):
        inds = []
        for i in range(draw(st.integers(1, 4))):
            lmin = draw(st.integers(0, 1))
            lmax = lmin + draw(st.integers(1, 4))
            w = Fraction(draw(st.integers(1, 40)), 10 ** draw(_places(halus, 10))) * draw(st.sampled_from([1, 1, 5, 25]))
            lo_total += w * lmin
            hi_total += w * lmax
            inds.append(Indikator(f"{a + 1}.{i + 1}", f"Indikator {a + 1}.{i + 1}", _levels(lmin, lmax), bobot=_acuan(w), alias=(f"a{a + 1}q{i + 1}",)))
        maks = _acuan(fraction_sum(Fraction(ind.bobot.nilai) * ind.level_maks for ind in inds if ind.bobot is not None)) if draw(st.booleans()) else None
        aspek.append(Aspek(str(a + 1), f"Aspek {a + 1}", inds, maksimum=maks))
    total = fraction_sum(Fraction(ind.bobot.nilai) for asp in aspek for ind in asp.indikator if ind.bobot is not None)
    kategori, aturan = draw(_bands(lo_total, hi_total, halus))
    minimum, maksimum = _skala(draw, lo_total, hi_total)
    bound = max(hi_total, abs(Fraction(minimum.nilai)), abs(Fraction(maksimum.nilai)) if maksimum else Fraction(0))
    return Rubrik(
        id="acak-a",
        nama="Rubrik acak A",
        rujukan=_RUJUKAN,
        berlaku_mulai=dt.date(2020, 1, 1),
        skala=Skala(minimum, maksimum, _rounding(draw, bound)),
        aspek=aspek,
        kategori=kategori,
        aturan_batas=aturan,
        letak_bobot=LetakBobot.INDIKATOR,
        jumlah_bobot=_acuan(total),
        strategi="weighted-sum",
        kebijakan_kosong=draw(st.sampled_from(KebijakanKosong)),
    )


@st.composite
def rubrik_b_acak(draw: st.DrawFn, *, halus: bool = True) -> Rubrik:
    """A random small valid regime B rubric (weights on aspects, strategy ``maturity``).

    0-2 gates (with aliases); the first indicator of every aspect always
    applies, the others may depend on a gate answer or on the agency type.

    Args:
        draw: Supplied by hypothesis.
        halus: Also draw fine-grained numbers (weights to 10 places, bounds to 25).
    """
    gates = []
    for g in range(draw(st.integers(0, 2))):
        opsi = {f"o{k}": f"Opsi {k}" for k in range(draw(st.integers(2, 3)))}
        gates.append(Gerbang(f"g{g}", f"Gerbang {g}?", opsi, alias=(f"gate{g}",)))
    aspek = []
    for a in range(draw(st.integers(1, 4))):
        inds = []
        for i in range(draw(st.integers(1, 4))):
            lmin = draw(st.integers(0, 1))
            lmax = lmin + draw(st.sampled_from([1, 2, 3, 4, 4, 4, 6, 8]))
            syarat = None
            if i > 0:
                kind = draw(st.sampled_from(["none", "gate", "jenis"] if gates else ["none", "jenis"]))
                if kind == "gate":
                    gate = draw(st.sampled_from(gates))
                    opens = draw(st.lists(st.sampled_from(tuple(gate.opsi)), min_size=1, unique=True))
                    syarat = Syarat(gerbang=gate.kode, jawaban=opens)
                elif kind == "jenis":
                    syarat = Syarat(jenis=draw(st.lists(st.sampled_from(JenisInstansi), min_size=1, unique=True)))
            kode = f"{a + 1}.{i + 1}"
            inds.append(Indikator(kode, f"Indikator {kode}", _levels(lmin, lmax), berlaku_jika=syarat, alias=(f"q{a + 1}_{i + 1}",)))
        w = Fraction(draw(st.integers(1, 40)), 10 ** draw(_places(halus, 10)))
        aspek.append(Aspek(str(a + 1), f"Aspek {a + 1}", inds, bobot=_acuan(w)))
    total = fraction_sum(Fraction(asp.bobot.nilai) for asp in aspek if asp.bobot is not None)
    m = draw(st.one_of(st.sampled_from([Fraction(3, 4), Fraction(1), Fraction(0), Fraction(1, 2)]), st.integers(0, 10**6).map(lambda n: Fraction(n, 10**6))))
    komposisi = Komposisi(_acuan(m), _acuan(1 - m), tidak_berlaku=draw(st.sampled_from(KebijakanTidakBerlaku)), koreksi=draw(_koreksi_rule()))
    bound = m * total + (1 - m)
    kategori, aturan = draw(_bands(Fraction(0), max(bound, Fraction(6, 5)), halus))
    minimum, maksimum = _skala(draw, Fraction(0), bound)
    return Rubrik(
        id="acak-b",
        nama="Rubrik acak B",
        rujukan=_RUJUKAN,
        berlaku_mulai=dt.date(2026, 1, 1),
        skala=Skala(minimum, maksimum, _rounding(draw, max(bound, abs(Fraction(minimum.nilai))))),
        aspek=aspek,
        kategori=kategori,
        aturan_batas=aturan,
        letak_bobot=LetakBobot.ASPEK,
        jumlah_bobot=_acuan(total),
        strategi="maturity",
        gerbang=gates,
        komposisi=komposisi,
        kebijakan_kosong=draw(st.sampled_from(KebijakanKosong)),
    )


def _koreksi_rule() -> st.SearchStrategy[AturanKoreksi | None]:
    """No declared correction (most often), or a range holding 0: a deduction (JPT), a bonus, or both ways."""
    bound = st.none() | st.integers(0, 50).map(lambda n: Fraction(n, 10))
    return st.none() | st.builds(
        lambda lo, hi: AturanKoreksi(
            "Koreksi acak",
            None if lo is None else _acuan(-lo),
            None if hi is None else _acuan(hi),
        ),
        bound,
        bound,
    )


def rubrik(*, halus: bool = True) -> st.SearchStrategy[Rubrik]:
    """A random small valid rubric of either regime (see :func:`rubrik_a_acak`, :func:`rubrik_b_acak`)."""
    return st.one_of(rubrik_a_acak(halus=halus), rubrik_b_acak(halus=halus))


def _decimal_text(draw: st.DrawFn, lo: int, hi: int, fine: int) -> str:
    value = Fraction(draw(st.integers(lo, hi)), 10 ** draw(st.integers(0, fine)))
    return format(exact_decimal(value), "f")


@st.composite
def reform(draw: st.DrawFn, rubrik: Rubrik) -> Reform:
    """A random reform of *rubrik*: 1-3 changes of weights, bounds, rounding or policies; sometimes an added or removed indicator.

    The reformed rubric may break a rule (a weight sum, a band order): applying
    it then raises :class:`~meritsys.errors.ValidationError`, which is itself
    worth testing.  Changes that keep the rubric valid are drawn most often
    (band bounds move together; weight changes in a rubric with a declared sum
    are compensated).
    """
    ubah: dict[str, Any] = {}
    inds = rubrik.indikator
    by_indicator = rubrik.letak_bobot is LetakBobot.INDIKATOR
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["bobot", "batas", "desimal", "kosong", "tidak_berlaku", "langkah"]))
        if kind == "bobot" and by_indicator and len(inds) >= 2:
            a, b = draw(st.lists(st.sampled_from(inds), min_size=2, max_size=2, unique_by=lambda i: i.kode))
            wa, wb = Fraction(a.bobot.nilai), Fraction(b.bobot.nilai)  # type: ignore[union-attr]  # weighted rubric
            delta = Fraction(draw(st.integers(1, 9)), 10 ** draw(st.integers(0, 6)))
            if delta < wb:  # move weight from b to a: the sum is kept
                ubah[f"indikator.{a.kode}.bobot"] = format(exact_decimal(wa + delta), "f")
                ubah[f"indikator.{b.kode}.bobot"] = format(exact_decimal(wb - delta), "f")
        elif kind == "bobot" and not by_indicator and len(rubrik.aspek) >= 2:
            a_, b_ = draw(st.lists(st.sampled_from(rubrik.aspek), min_size=2, max_size=2, unique_by=lambda x: x.kode))
            wa, wb = Fraction(a_.bobot.nilai), Fraction(b_.bobot.nilai)  # type: ignore[union-attr]  # weighted rubric
            delta = Fraction(draw(st.integers(1, 9)), 10 ** draw(st.integers(1, 8)))
            if delta < wb:
                ubah[f"aspek.{a_.kode}.bobot"] = format(exact_decimal(wa + delta), "f")
                ubah[f"aspek.{b_.kode}.bobot"] = format(exact_decimal(wb - delta), "f")
        elif kind == "batas" and len(rubrik.kategori) >= 2:
            k = draw(st.integers(0, len(rubrik.kategori) - 2))
            lo, hi = rubrik.kategori[k], rubrik.kategori[k + 1]
            step = Fraction(rubrik.aturan_batas.langkah.nilai)
            shift = step * draw(st.integers(-3, 3))
            if lo.batas_atas is not None and hi.batas_bawah is not None:
                ubah[f"kategori.{lo.kode}.batas_atas"] = format(exact_decimal(Fraction(lo.batas_atas.nilai) + shift), "f")
                ubah[f"kategori.{hi.kode}.batas_bawah"] = format(exact_decimal(Fraction(hi.batas_bawah.nilai) + shift), "f")
        elif kind == "desimal":
            ubah["skala.desimal"] = str(draw(st.integers(0, 6)))
        elif kind == "kosong":
            ubah["kebijakan_kosong"] = draw(st.sampled_from(KebijakanKosong)).value
        elif kind == "tidak_berlaku" and not by_indicator:
            ubah["komposisi.tidak_berlaku"] = draw(st.sampled_from(KebijakanTidakBerlaku)).value
        elif kind == "langkah":
            ubah["aturan_batas.langkah"] = _decimal_text(draw, 1, 5, 4)
    tambah: list[IndikatorBaru] = []
    hapus: list[str] = []
    if draw(st.integers(0, 4)) == 0:
        asp = draw(st.sampled_from(rubrik.aspek))
        tambah.append(IndikatorBaru(asp.kode, f"{asp.kode}.99", "Indikator baru", bobot=_decimal_text(draw, 1, 20, 3) if by_indicator else None))
    if draw(st.integers(0, 4)) == 0 and len(inds) > 1:
        hapus.append(draw(st.sampled_from(inds)).kode)
    return Reform("uji", ubah, judul="reform acak", tambah_indikator=tambah, hapus_indikator=hapus)
