"""Results of several indices side by side: one record per agency, year and stage.

An agency-year can carry more than one index: the merit-system index and the
JPT quality index are assessed separately and reported together (Kabupaten
Kudus 2023: merit 250.5 Baik, JPT 86.8 Baik).  Each is an ordinary
:class:`~meritsys.model.Hasil` of its own rubric, scored through the same
paths; :func:`side_by_side` pairs them, keyed by rubric id, without ever
mixing stages or counting one agency-year twice under one rubric.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys.errors import Problem, ValidationError
from meritsys.model import FrozenMap, Hasil, Instansi, Tahap

__all__ = ["Berdampingan", "side_by_side"]


@attrs.frozen
class Berdampingan:
    """One agency's results of one year and stage, one per rubric (index).

    Args:
        instansi: The agency (as the first of its results names it).
        tahun: The assessment year.
        tahap: The stage the results come from.
        hasil: The results by rubric id, in the order they were given.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    instansi: Instansi
    tahun: int
    tahap: Tahap
    hasil: FrozenMap[str, Hasil]

    @property
    def rubrik(self) -> tuple[str, ...]:
        """The ids of the rubrics with a result here."""
        return tuple(self.hasil)


def side_by_side(results: Iterable[Hasil]) -> tuple[Berdampingan, ...]:
    """Pair results of different rubrics for the same agency, year and stage.

    Stages are never mixed: a self-assessed merit result and a final JPT
    result of one agency-year are two records.  Records keep the order in which
    their first result was given.

    Args:
        results: Results of any rubrics (for example a merit and a JPT result
            per agency-year, as ``score_many`` or ``meritsys score`` return them).

    Returns:
        One record per agency code, year and stage.

    Raises:
        ValidationError: naming both positions where one agency, year and stage
            has two results under one rubric.

    Examples:
        >>> import meritsys
        >>> kab = meritsys.Instansi("kab-sukamaju", "Pemerintah Kabupaten Sukamaju", "kabupaten")
        >>> kasn, jpt = meritsys.get_rubrik("kasn-2019"), meritsys.get_rubrik("jpt-2021")
        >>> merit = meritsys.Penilaian(kab, 2023, kasn.id, {i.kode: 3 for i in kasn.indikator}, tahap="penetapan")
        >>> kualitas = meritsys.Penilaian(kab, 2023, jpt.id, {i.kode: 4 for i in jpt.indikator},
        ...                               tahap="penetapan", koreksi="-3")
        >>> [pasangan] = side_by_side(meritsys.score_many([merit, kualitas]))
        >>> [(rid, str(h.indeks), h.kategori.label) for rid, h in pasangan.hasil.items()]
        [('kasn-2019', '300', 'Baik'), ('jpt-2021', '97.00', 'Sangat Baik')]
    """
    groups: dict[tuple[str, int, Tahap], dict[str, tuple[int, Hasil]]] = {}
    problems: list[Problem] = []
    for i, h in enumerate(results):
        if not isinstance(h, Hasil):
            raise TypeError(f"results[{i}] must be Hasil, got {type(h).__name__}")
        key = (h.instansi.kode, h.tahun, h.tahap)
        found = groups.setdefault(key, {})
        earlier = found.get(h.rubrik.id)
        if earlier is not None:
            problems.append(
                Problem(
                    f"[{i}]",
                    f"a second result of {h.instansi.kode} {h.tahun} {h.tahap.value} under rubrik {h.rubrik.id} "
                    f"(the first is [{earlier[0]}]); keep one per agency, year, stage and rubric",
                    code="ambiguous",
                )
            )
            continue
        found[h.rubrik.id] = (i, h)
    if problems:
        raise ValidationError(problems)
    out = []
    for (_, tahun, tahap), by_rubrik in groups.items():
        first = next(iter(by_rubrik.values()))[1]
        out.append(Berdampingan(first.instansi, tahun, tahap, FrozenMap({rid: h for rid, (_, h) in by_rubrik.items()})))
    return tuple(out)
