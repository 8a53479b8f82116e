"""Reforms: proposed rule changes as small data documents, applied without touching the baseline.

A :class:`Reform` names changes by *path* in the rubric, addressing aspects,
indicators, categories and gates by their codes, not by position::

    id = "baik-260"
    judul = "Ambang Baik naik ke 260; bobot aspek 1 dan 6 diubah"
    dasar = "kasn-2019"

    [ubah]
    "aspek.1.bobot" = "12.5"
    "aspek.6.bobot" = "7.5"
    "kategori.Baik.batas_bawah" = "260"
    "kategori.Kurang.batas_atas" = "259"

Applying a reform returns a new, fully validated :class:`~meritsys.model.Rubrik`
with the same id and the reform's id appended to ``Rubrik.reform``; the
baseline object is never mutated.  Every changed number becomes ``acuan`` with
a note naming the reform and the old value, since a proposal is not (yet) a
regulation.  Within one reform, indicators are removed first, then added, then
the ``ubah`` changes are made in the order written; several reforms compose in
the order given.
"""

from __future__ import annotations

import contextlib
import copy
import os
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
from attrs import field

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys._numbers import exact, fmt, to_decimal
from meritsys._repr import shown
from meritsys.errors import Problem, ProblemCode, ValidationError, code_of
from meritsys.io._rubrik import read_mapping
from meritsys.io._structure import structure, unstructure
from meritsys.model import FrozenMap, Rubrik
from meritsys.model._frozen import freeze_map
from meritsys.model._validate import at_field, non_empty_str, to_tuple

__all__ = ["IndikatorBaru", "Reform", "apply_reforms", "load_reform"]

_COLLECTIONS = ("aspek", "indikator", "kategori", "gerbang")
_SECTIONS = ("skala", "aturan_batas", "komposisi")
_NUMBER_FIELDS = frozenset(
    {"bobot", "maksimum", "batas_bawah", "batas_atas", "langkah", "minimum", "desimal",
     "bobot_maturitas", "bobot_survei", "jumlah_bobot"}
)


def _slug(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not value or any(c.isspace() for c in value) or "+" in value:
        raise ValueError(f"must be a non-empty id without spaces or '+', got {shown(value)}")


def _levels(value: Any) -> tuple[FrozenMap[str, Any], ...]:
    """Converter: levels as a sequence of ``{nilai, deskriptor}`` mappings (checked when the rubric is built)."""
    items = to_tuple(value)
    for item in items:
        if not isinstance(item, Mapping):
            raise TypeError(f"level must be a list of {{nilai, deskriptor}} tables, got an item {shown(item)}")
    return tuple(FrozenMap(item) for item in items)


@attrs.frozen
class IndikatorBaru:
    """An indicator a reform adds.

    Args:
        aspek: The code of the aspect it joins (appended at its end).
        kode: Its new, unique code.
        nama: What it asks.
        bobot: Its weight (rubrics that weigh indicators), as a decimal string.
        level: Its levels as ``{nilai, deskriptor}`` tables; default: the level
            set of the aspect's first indicator.
        subaspek: Its sub-aspect, where the regime has them.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    aspek: str = field(validator=at_field(non_empty_str))
    kode: str = field(validator=at_field(non_empty_str))
    nama: str = field(validator=at_field(non_empty_str))
    bobot: str | None = field(default=None, validator=attrs.validators.optional(attrs.validators.instance_of(str)))
    level: tuple[FrozenMap[str, Any], ...] | None = field(default=None, converter=attrs.converters.optional(_levels))
    subaspek: str | None = field(default=None, validator=attrs.validators.optional(attrs.validators.instance_of(str)))


def _items_of(cls: type) -> Any:
    """Validator: every item is a *cls*; a TypeError names the field and the item otherwise."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        for i, item in enumerate(value):
            if not isinstance(item, cls):
                raise TypeError(f"{attribute.name}[{i}] must be {cls.__name__}, got {type(item).__name__} {shown(item)}")

    return check


def _change_keys(instance: Reform, attribute: attrs.Attribute[Any], value: FrozenMap[Any, Any]) -> None:
    for key in value:
        if not isinstance(key, str):
            raise TypeError(f"ubah must map change paths (strings) to values, got the key {shown(key)}")


@attrs.frozen
class Reform:
    """A named set of changes to a rubric.

    Args:
        id: The reform's id; it travels into every result's provenance.
        ubah: Changes by path (``"indikator.3.1.bobot"``, ``"kategori.Baik.batas_bawah"``,
            ``"komposisi.tidak_berlaku"``, ``"kebijakan_kosong"`` ...).  A number
            may be given as a string (its status becomes ``acuan``) or as a full
            ``{nilai, status, catatan}`` table.
        judul: A human-readable title.
        dasar: The rubric id the reform is written for; applying it to another is an error.
        tambah_indikator: Indicators to add.
        hapus_indikator: Codes of indicators to remove.

    Examples:
        >>> from meritsys.rubrics import get_rubrik
        >>> kasn = get_rubrik("kasn-2019")
        >>> r = Reform("baik-260", {"kategori.Baik.batas_bawah": "260", "kategori.Kurang.batas_atas": "259"})
        >>> baru = r.apply(kasn)
        >>> baru.kategori[2].batas_bawah.nilai, baru.reform, kasn.kategori[2].batas_bawah.nilai
        (Decimal('260'), ('baik-260',), Decimal('250'))
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str = field(validator=at_field(_slug))
    ubah: FrozenMap[str, Any] = field(factory=FrozenMap, converter=freeze_map, validator=_change_keys)
    judul: str | None = None
    dasar: str | None = None
    tambah_indikator: tuple[IndikatorBaru, ...] = field(default=(), converter=to_tuple, validator=_items_of(IndikatorBaru))
    hapus_indikator: tuple[str, ...] = field(default=(), converter=to_tuple, validator=_items_of(str))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Reform:
        """Build a reform from plain data (parsed TOML or JSON), strictly."""
        return structure(dict(data), cls)

    @exact
    def apply(self, rubrik: Rubrik) -> Rubrik:
        """Return *rubrik* with this reform applied; *rubrik* itself is unchanged.

        Raises:
            ValidationError: one problem per offending path of the reform, or
                the resulting rubric's own problems, each naming the reform.
        """
        if self.dasar is not None and self.dasar != rubrik.id:
            raise ValidationError([Problem("dasar", f"the reform is written for {self.dasar!r}, not {rubrik.id!r}", code="wrong-rubric")])
        data = copy.deepcopy(unstructure(rubrik))
        problems: list[Problem] = []
        explicit_max: set[str] = set()
        self._remove(data, problems)
        self._add(data, problems)
        for key, value in self.ubah.items():
            try:
                if _set(data, key, value, self.id):
                    explicit_max.add(key)
            except _PathError as exc:
                problems.append(Problem(f'ubah["{key}"]', str(exc), code=exc.code))
            except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
                problems.append(Problem(f'ubah["{key}"]', f"cannot apply {shown(value)}: {exc}", code=code_of(exc)))
        if problems:
            raise ValidationError(problems)
        # malformed levels or weights: building the rubric below names the exact path
        with contextlib.suppress(KeyError, TypeError, ValueError, ArithmeticError):
            _rescale_maxima(data, self.id, explicit_max)
        data["reform"] = [*data.get("reform", []), self.id]
        try:
            return structure(data, Rubrik)
        except ValidationError as exc:
            raise ValidationError(
                Problem(p.path, f"{p.message} (in the rubric after reform {self.id})", code=p.code) for p in exc.problems
            ) from None

    def _remove(self, data: dict[str, Any], problems: list[Problem]) -> None:
        for i, kode in enumerate(self.hapus_indikator):
            for asp in data["aspek"]:
                kept = [ind for ind in asp["indikator"] if ind["kode"] != kode]
                if len(kept) != len(asp["indikator"]):
                    asp["indikator"] = kept
                    break
            else:
                problems.append(Problem(f"hapus_indikator[{i}]", f"no indicator {kode!r} to remove", code="unknown-indicator"))

    def _add(self, data: dict[str, Any], problems: list[Problem]) -> None:
        for i, new in enumerate(self.tambah_indikator):
            asp = next((a for a in data["aspek"] if a["kode"] == new.aspek), None)
            if asp is None:
                problems.append(Problem(f"tambah_indikator[{i}].aspek", f"no aspect {new.aspek!r}", code="unknown-aspect"))
                continue
            if not asp["indikator"] and new.level is None:
                problems.append(Problem(f"tambah_indikator[{i}].level", "required: the aspect has no indicator to copy levels from", code="missing-key"))
                continue
            entry: dict[str, Any] = {
                "kode": new.kode,
                "nama": new.nama,
                # the evidence rule follows the aspect's first indicator (the rubric's rule)
                "bukti_wajib": asp["indikator"][0].get("bukti_wajib", True) if asp["indikator"] else True,
                "level": [dict(lv) for lv in new.level] if new.level is not None else copy.deepcopy(asp["indikator"][0]["level"]),
            }
            if new.bobot is not None:
                entry["bobot"] = {"nilai": new.bobot, "status": "acuan", "catatan": f"ditambahkan oleh reform {self.id}"}
            if new.subaspek is not None:
                entry["subaspek"] = new.subaspek
            asp["indikator"].append(entry)


class _PathError(Exception):
    """A change path the rubric does not resolve, or a value it cannot take; *code* is the problem's."""

    def __init__(self, message: str, code: ProblemCode = "invalid") -> None:
        super().__init__(message)
        self.code: ProblemCode = code


_UNKNOWN: dict[str, ProblemCode] = {"aspect": "unknown-aspect", "indicator": "unknown-indicator", "category": "unknown-category", "gate": "unknown-gate"}


def _find(items: list[dict[str, Any]], code: str, what: str, *, label: bool = False) -> dict[str, Any]:
    def named(item: dict[str, Any]) -> bool:
        name = item.get("label")  # an earlier change may have set it to anything: the rubric check names it
        return label and isinstance(name, str) and name.casefold() == code.casefold()

    for item in items:
        if item.get("kode") == code or named(item):
            return item
    known = ", ".join(str(item.get("label" if label else "kode", "?")) for item in items) or "none"
    raise _PathError(f"no {what} {code!r}; known: {known}", _UNKNOWN[what])


def _target(data: dict[str, Any], key: str) -> tuple[dict[str, Any], str, str]:
    """Resolve a reform path to (the object holding the field, the field name, what it is)."""
    parts = key.split(".")
    head = parts[0]
    if head in _COLLECTIONS:
        if len(parts) < 3:
            raise _PathError(f"expected {head}.<kode>.<field>", "syntax")
        code, name = ".".join(parts[1:-1]), parts[-1]
        if head == "aspek":
            return _find(data["aspek"], code, "aspect"), name, f"aspect {code}"
        if head == "indikator":
            every = [ind for asp in data["aspek"] for ind in asp["indikator"]]
            return _find(every, code, "indicator"), name, f"indicator {code}"
        if head == "kategori":
            return _find(data["kategori"], code, "category", label=True), name, f"category {code}"
        return _find(data.get("gerbang", []), code, "gate"), name, f"gate {code}"
    if head in _SECTIONS:
        if len(parts) != 2:
            raise _PathError(f"expected {head}.<field>", "syntax")
        section = data.get(head)
        if section is None:
            raise _PathError(f"the rubric has no {head}", "unknown-key")
        return section, parts[1], head
    if len(parts) != 1:
        raise _PathError(f"unknown path; paths start with one of {', '.join((*_COLLECTIONS, *_SECTIONS))} or name a top-level field", "unknown-key")
    return data, head, "the rubric"


def _set(data: dict[str, Any], key: str, value: Any, reform_id: str) -> bool:
    """Apply one change; return whether it set an aspect maximum explicitly."""
    holder, name, what = _target(data, key)
    if name in ("kode", "id", "reform"):
        raise _PathError(f"{name} cannot be changed by a reform", "conflict")
    if name not in holder and name not in _known_fields(holder, data):
        raise _PathError(f"{what} has no field {name!r}", "unknown-key")
    if name in _NUMBER_FIELDS and not isinstance(value, str | dict):
        raise _PathError(f"give the number as a string (e.g. \"2.5\"), got {shown(value)}", "type")
    if name in _NUMBER_FIELDS and isinstance(value, str):
        try:
            to_decimal(value)
        except ValueError as exc:
            raise _PathError(str(exc), code_of(exc)) from None
        old = holder.get(name)
        before = f"sebelumnya {old['nilai']} ({old['status']})" if isinstance(old, dict) else "sebelumnya tidak ada"
        holder[name] = {"nilai": value, "status": "acuan", "catatan": f"diubah oleh reform {reform_id}; {before}"}
    elif name == "bobot" and holder is not data and "indikator" in holder and data.get("letak_bobot") == "indikator":
        raise _PathError("give the new aspect weight as a decimal string", "type")
    else:
        holder[name] = value
    if name == "bobot" and "indikator" in holder and data.get("letak_bobot") == "indikator":
        _rescale_aspect(holder, reform_id)
    return name == "maksimum" and "indikator" in holder


def _known_fields(holder: dict[str, Any], data: dict[str, Any]) -> set[str]:
    """Optional fields a holder may lack in its plain form but may be given."""
    if holder is data:
        return {"berlaku_sampai", "komposisi", "gerbang", "catatan", "kebijakan_kosong", "status_berlaku", "indeks"}
    if "indikator" in holder:
        return {"bobot", "maksimum", "subaspek", "deskripsi"}
    if "level" in holder:
        return {"bobot", "subaspek", "berlaku_jika", "bukti_wajib", "petunjuk_bukti", "alias", "catatan"}
    if "label" in holder:
        return {"batas_bawah", "batas_atas", "deskripsi"}
    if "opsi" in holder:  # a gate
        return {"alias"}
    if holder is data.get("skala"):
        return {"maksimum", "desimal"}
    return {"normalisasi", "tidak_berlaku", "catatan", "koreksi"}  # komposisi


def _rescale_aspect(aspek: dict[str, Any], reform_id: str) -> None:
    """In a rubric that weighs indicators, an aspect weight rescales its indicators exactly."""
    target = Fraction(Decimal(aspek.pop("bobot")["nilai"]))
    weights = []
    for ind in aspek["indikator"]:  # name the indicator whose weight stands in the way
        bobot = ind.get("bobot")
        if not isinstance(bobot, dict) or "nilai" not in bobot:
            raise _PathError(f"indicator {ind.get('kode', '?')} of aspect {aspek['kode']} has no bobot to rescale", "missing-key")
        try:
            weights.append(Fraction(to_decimal(bobot["nilai"])))
        except (ValueError, TypeError):
            raise _PathError(
                f"indicator {ind.get('kode', '?')} has the weight {shown(bobot['nilai'])}, which is not a number", "not-a-number"
            ) from None
    total = sum(weights, Fraction(0))
    if total == 0:
        raise _PathError("the aspect's indicators have no weight to rescale")
    factor = target / total
    new = [w * factor for w in weights]
    for ind, w, old in zip(aspek["indikator"], new, weights, strict=True):
        dec = _exact(w)
        if dec is None:
            raise _PathError(
                f"rescaling aspect {aspek['kode']} from {fmt(Decimal(total.numerator) / total.denominator)} to "
                f"{fmt(Decimal(target.numerator) / target.denominator)} gives indicator {ind['kode']} the weight "
                f"{w}, which has no exact decimal; set the indicator weights instead"
            )
        ind["bobot"] = {
            "nilai": fmt(dec),
            "status": "acuan",
            "catatan": f"diskalakan oleh reform {reform_id} (bobot aspek); sebelumnya {fmt(Decimal(old.numerator) / old.denominator)}",
        }


def _exact(value: Fraction) -> Decimal | None:
    den = value.denominator
    for p in (2, 5):
        while den % p == 0:
            den //= p
    if den != 1:
        return None
    return Decimal(value.numerator) / Decimal(value.denominator)


def _rescale_maxima(data: dict[str, Any], reform_id: str, explicit: set[str]) -> None:
    """Recompute declared aspect maxima that changed weights no longer give."""
    if data.get("letak_bobot") != "indikator":
        return
    for asp in data["aspek"]:
        declared = asp.get("maksimum")
        if declared is None or f"aspek.{asp['kode']}.maksimum" in explicit:
            continue
        total = sum(
            (Decimal(ind["bobot"]["nilai"]) * max(lv["nilai"] for lv in ind["level"]) for ind in asp["indikator"] if "bobot" in ind),
            Decimal(0),
        )
        if total != Decimal(declared["nilai"]):
            asp["maksimum"] = {
                "nilai": fmt(total),
                "status": "acuan",
                "catatan": f"dihitung ulang setelah reform {reform_id}; sebelumnya {declared['nilai']} ({declared['status']})",
            }


def load_reform(source: str | os.PathLike[str] | Mapping[str, Any]) -> Reform:
    """Load a reform from a ``.toml`` / ``.json`` file or from a mapping.

    Raises:
        ValidationError: if it cannot be read or is malformed, naming each path.
    """
    if isinstance(source, Mapping):
        return Reform.from_dict(source)
    if not isinstance(source, str | os.PathLike):
        raise TypeError(f"source must be a reform file path or a mapping, got {type(source).__name__}")
    data = read_mapping(source, what="a reform")
    return Reform.from_dict(data)


def apply_reforms(rubrik: Rubrik, reforms: Iterable[Reform]) -> Rubrik:
    """Apply *reforms* in order; the baseline is untouched.

    Examples:
        >>> from meritsys.rubrics import get_rubrik
        >>> kasn = get_rubrik("kasn-2019")
        >>> a = Reform("a", {"kategori.Baik.batas_bawah": "255", "kategori.Kurang.batas_atas": "254"})
        >>> b = Reform("b", {"kebijakan_kosong": "nol"})
        >>> apply_reforms(kasn, [a, b]).reform
        ('a', 'b')
    """
    out = rubrik
    for reform in reforms:
        out = reform.apply(out)
    return out
