"""Hypothesis strategies that generate valid meritsys data: values, assessments, rubrics, reforms.

Requires ``hypothesis`` (``pip install meritsys[testing]``).  meritsys' own
tests draw their data from here, so an extender tests against the same
generators.

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

from meritsys.testing._gen_penilaian import (
    KASN,
    PERMEN,
    angka,
    cohort,
    desimal_kecil,
    instansi,
    koreksi,
    level_set,
    naikkan,
    penilaian,
    penilaian_a,
    penilaian_b,
    penilaian_dan_naik,
    penilaian_pada_indeks,
    survei,
    teks,
)
from meritsys.testing._gen_rubrik import reform, rubrik, rubrik_a_acak, rubrik_b_acak

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
    "reform",
    "rubrik",
    "rubrik_a_acak",
    "rubrik_b_acak",
    "survei",
    "teks",
]
