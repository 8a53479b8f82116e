"""A cohort's text columns (codes, names, provinces): compact copies of numpy text, and checks that find every bad value."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meritsys import Kohort
from meritsys.errors import ValidationError
from meritsys.scoring._kohort_text import _plain_texts, _text_problem, compact_text
from tests.helpers import kasn


def _answers(n):
    return np.full((n, len(kasn().indikator)), 3, dtype=np.int8)


def _problems(values, optional=False):
    """The rows *_text_problem* refuses, found one value at a time: what every faster path must agree with."""
    return [i for i, v in enumerate(values) if _text_problem(v, optional) is not None]


_N = 40_000
"""Rows of a text column that spans several blocks."""


def _refused_rows(values, bad, rows):
    """The rows of agency codes *values*, with *bad* put at *rows*, that from_arrays refuses."""
    for r in rows:
        values[r] = bad
    with pytest.raises(ValidationError) as err:
        Kohort.from_arrays(kasn(), _answers(len(values)), kode=np.asarray(values))
    return [int(p.path[len("kode["):-1]) for p in err.value.problems]


class TestCompactText:
    def test_an_ascii_column_is_held_in_one_byte_a_character_and_given_back_as_str(self):
        """Codes and provinces come back as the same Python strings; the cohort holds a quarter of the caller's bytes."""
        n = 50_000
        kode = np.asarray([f"kab-{i:06d}" for i in range(n)])
        provinsi = np.asarray([f"Provinsi {i % 38}" for i in range(n)])
        kohort = Kohort.from_arrays(kasn(), _answers(n), kode=kode, provinsi=provinsi)
        assert kohort.kode.tolist() == kode.tolist()
        assert kohort.provinsi.tolist() == provinsi.tolist()
        assert {type(v) for v in kohort.kode} == {str}
        assert kohort._kode.nbytes == kode.nbytes // 4
        assert kohort.to_penilaian()[49_999].instansi.kode == "kab-049999"

    def test_the_repr_shows_an_ascii_column_as_the_text_it_was_given(self):
        """The compact copy is private: a cohort's repr shows the codes as str, not numpy bytes."""
        kode, provinsi = np.asarray(["kab-a", "kota-bb"]), np.asarray(["Bali", "Aceh"])
        text = repr(Kohort.from_arrays(kasn(), _answers(2), kode=kode, provinsi=provinsi))
        assert f"_kode={kode!r}" in text
        assert f"_provinsi={provinsi!r}" in text
        assert "dtype='|S" not in text

    def test_a_column_with_other_characters_is_copied_as_it_is(self):
        kode = np.asarray(["kab-é", "kota-ñ", "kab-x"])
        kohort = Kohort.from_arrays(kasn(), _answers(3), kode=kode)
        assert kohort.kode.tolist() == ["kab-é", "kota-ñ", "kab-x"]
        assert kohort._kode.dtype.kind == "U"

    def test_the_callers_text_is_never_shared_or_frozen(self):
        kode = np.asarray(["a", "b", "c"])
        kohort = Kohort.from_arrays(kasn(), _answers(3), kode=kode)
        kode[0] = "z"
        assert kohort.kode[0] == "a"
        assert kode.flags.writeable

    @pytest.mark.parametrize("bad", [" kab", "kab ", "", "kab\t", "\u00a0kab", "kab\u3000", "\x1fkab"], ids=repr)
    @pytest.mark.parametrize("text", ["ascii", "other"])
    def test_bad_ends_are_found_in_every_block(self, bad, text):
        """A bad value is named wherever it stands: first row, a later block, the last row; in short and long values."""
        base = [f"kab-{i}" if text == "ascii" else f"kab-é{i}" for i in range(_N)]
        assert _refused_rows(base, bad, [0, 17_003, _N - 1]) == [0, 17_003, _N - 1]

    @pytest.mark.parametrize("bad", [" kab-00001", "kab-00001 ", "\tkab-00001", "kab-00001\x1f", " kab-01", "kab-01\n"], ids=repr)
    def test_bad_ends_are_found_among_values_of_one_width(self, bad):
        """Every value as wide as the widest (the common case, checked on the end characters at once): a bad or shorter one is still named."""
        base = [f"kab-{i:06d}" for i in range(_N)]
        assert _refused_rows(list(base), bad, [1, 23_900, _N - 1]) == [1, 23_900, _N - 1]
        base[23_900] = "kab-01"  # shorter, and good
        assert Kohort.from_arrays(kasn(), _answers(_N), kode=np.asarray(base)).kode[23_900] == "kab-01"

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=6), min_size=1, max_size=40))
    def test_the_suspect_rows_hold_every_bad_one(self, values):
        """The rows looked at exactly are a superset of the rows a value-by-value check refuses."""
        arr = np.asarray(values, dtype=f"U{max(1, max(map(len, values)))}")
        compact = compact_text(arr, ends=True)
        assert compact.suspect is not None
        assert set(_problems(arr.tolist())) <= set(compact.suspect.tolist())
        assert [str(v.decode("ascii")) if isinstance(v, bytes) else str(v) for v in compact.text] == arr.tolist()


class TestPlainTexts:
    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.one_of(st.text(max_size=5), st.none(), st.integers()), max_size=12), st.booleans())
    def test_a_list_is_called_clean_only_when_every_value_passes(self, values, optional):
        """The fast answer for a list never lets through a value the one-by-one check refuses."""
        if _plain_texts(values, optional):
            assert _problems(values, optional) == []

    def test_a_clean_list_is_recognised(self):
        assert _plain_texts(["kab-a", "Kota B", "x"], False)
        assert _plain_texts(["Bali", None, ""], True)
        assert not _plain_texts(["kab-a", "kab-b "], False)
        assert not _plain_texts(["kab-a", ""], False)
        assert not _plain_texts(["kab-a", None], False)
        assert not _plain_texts(["kab-a", 3], True)

    @pytest.mark.parametrize("optional", [False, True])
    def test_a_value_without_a_truth_value_is_named_not_raised(self, optional):
        """An array (or any value whose truth is ambiguous) in a list column is a type problem, as the value-by-value check names it."""
        values = [np.array([1, 2]), "b", "c"]
        assert not _plain_texts(values, optional)
        name = "provinsi" if optional else "kode"
        with pytest.raises(ValidationError) as err:
            Kohort.from_arrays(kasn(), _answers(3), **{name: values})
        assert [(p.path, p.code) for p in err.value.problems] == [(f"{name}[0]", "type")]

    def test_list_columns_name_each_bad_value(self):
        with pytest.raises(ValidationError) as err:
            Kohort.from_arrays(kasn(), _answers(4), kode=["a", " b", "c", ""], nama=["A", "B", "C", "D"])
        assert [p.path for p in err.value.problems] == ["kode[1]", "kode[3]"]
