"""Hypothesis strategies that generate valid assessments for any rubric.

Requires ``hypothesis`` (``pip install meritsys[testing]``).

Examples:
    >>> from hypothesis import given, settings
    >>> import meritsys
    >>> from meritsys.testing.generators import penilaian
    >>> kasn = meritsys.get_rubrik("kasn-2019")
    >>> @settings(max_examples=20)
    ... @given(penilaian(kasn))
    ... def test_index_in_range(p):
    ...     assert 0 <= meritsys.score(p, kasn).indeks <= 400
    >>> test_index_in_range()
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from meritsys.model import Instansi, JenisInstansi, LetakBobot, Penilaian, Rubrik, Tahap

__all__ = ["cohort", "instansi", "penilaian", "survei"]

_TEXT = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=24).map(str.strip).filter(bool)


def instansi(jenis: JenisInstansi | None = None) -> st.SearchStrategy[Instansi]:
    """A valid agency (of type *jenis* when given)."""
    return st.builds(
        Instansi,
        kode=_TEXT,
        nama=_TEXT,
        jenis=st.just(jenis) if jenis is not None else st.sampled_from(JenisInstansi),
        provinsi=st.none() | _TEXT,
    )


def survei() -> st.SearchStrategy[Decimal]:
    """A survey score 0.00 .. 1.00 with two decimals."""
    return st.integers(0, 100).map(lambda n: Decimal(n).scaleb(-2))


@st.composite
def penilaian(
    draw: st.DrawFn,
    rubrik: Rubrik,
    *,
    min_level: int | None = None,
    max_level: int | None = None,
    dengan_koreksi: bool = False,
) -> Penilaian:
    """A valid assessment of *rubrik*: gates drawn first, then exactly the applicable answers.

    Args:
        draw: Supplied by hypothesis (``st.composite``); callers leave it out.
        rubrik: The rubric the assessment follows.
        min_level: Lowest level to draw (clipped to each indicator's set).
        max_level: Highest level to draw (clipped to each indicator's set).
        dengan_koreksi: Draw a small signed correction (regime B) instead of 0.
    """
    ins = draw(instansi())
    gerbang = {g.kode: draw(st.sampled_from(tuple(g.opsi))) for g in rubrik.gerbang}
    jawaban: dict[str, int] = {}
    for ind in rubrik.indikator:
        if not ind.berlaku(ins.jenis, gerbang):
            continue
        lo = ind.level_min if min_level is None else min(max(min_level, ind.level_min), ind.level_maks)
        hi = ind.level_maks if max_level is None else max(min(max_level, ind.level_maks), lo)
        jawaban[ind.kode] = draw(st.integers(lo, hi))
    regime_b = rubrik.letak_bobot is LetakBobot.ASPEK
    return Penilaian(
        instansi=ins,
        tahun=draw(st.integers(2019, 2030)),
        rubrik=rubrik.id,
        jawaban=jawaban,
        tahap=draw(st.sampled_from(Tahap)),
        gerbang=gerbang,
        survei=draw(survei()) if regime_b else None,
        koreksi=draw(st.integers(-10, 10).map(lambda n: Decimal(n).scaleb(-2))) if (regime_b and dengan_koreksi) else Decimal(0),
    )


def cohort(rubrik: Rubrik, *, min_size: int = 1, max_size: int = 30) -> st.SearchStrategy[list[Penilaian]]:
    """A list of valid assessments of *rubrik*."""
    return st.lists(penilaian(rubrik), min_size=min_size, max_size=max_size)
