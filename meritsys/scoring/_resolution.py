"""Resolving an assessment's answers against a rubric.

This is where an assessment meets its rubric: unknown codes, levels outside an
indicator's level set, answers to questions that do not apply, unknown or
missing gate answers and missing answers (under the declared policy) are all
found here, and reported together as one
:class:`~meritsys.errors.ValidationError`.  "Not applicable" is derived from
the gates and the agency type; it is never typed in.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys._cache import per_object
from meritsys._repr import shown
from meritsys.errors import Problem, ValidationError
from meritsys.model import Indikator, JenisInstansi, KebijakanKosong, Penilaian, Rubrik, Syarat
from meritsys.model._rubrik_rules import GRID_STEPS, index_places

__all__ = ["NO_SURVEY", "Pattern", "Resolved", "check_gate_answers", "koreksi_problems", "quick_evidence", "quick_pattern", "resolve", "resolve_every_rule", "resolve_rows", "unresolved_missing"]


@attrs.frozen
class Resolved:
    """An assessment's answers laid out in the rubric's indicator order.

    Args:
        level: The level counted for each indicator, ``None`` where it does not apply.
        diisi: Indicator positions whose level came from the missing-answer policy.
        peringatan: Warnings to carry into the result.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    level: tuple[int | None, ...]
    diisi: frozenset[int] = frozenset()
    peringatan: tuple[str, ...] = ()


def _key(kode: str) -> str:
    return f"[{json.dumps(kode, ensure_ascii=False)}]"


NO_SURVEY = "missing: the employee survey score (0..1) is required; ask for a maturity-only index explicitly to leave it out"
"""The problem of a regime B assessment without a survey score, on every path."""


def resolve(
    rubrik: Rubrik, penilaian: Penilaian, kebijakan: KebijakanKosong | None = None, *, need_survey: bool = False
) -> Resolved:
    """Lay out *penilaian*'s answers in *rubrik*'s order, checking every rule.

    Args:
        rubrik: The rubric to score against.
        penilaian: The assessment.
        kebijakan: Missing-answer policy overriding the rubric's own.
        need_survey: Whether the strategy needs the survey score (a missing one
            is reported with the answers' problems).

    Raises:
        ValidationError: listing every problem, addressed from the assessment's root.
    """
    quick = _resolve_quick(rubrik, penilaian, need_survey)
    return quick if quick is not None else resolve_every_rule(rubrik, penilaian, kebijakan, need_survey=need_survey)


def resolve_every_rule(
    rubrik: Rubrik, penilaian: Penilaian, kebijakan: KebijakanKosong | None = None, *, need_survey: bool = False
) -> Resolved:
    """:func:`resolve` without its quick path: every rule walked, every problem named (the reference the quick path is tested against)."""
    policy = rubrik.kebijakan_kosong if kebijakan is None else kebijakan
    problems: list[Problem] = []
    warnings: list[str] = []
    jenis = penilaian.instansi.jenis

    gerbang, unresolved, gate_problems = check_gate_answers(rubrik, penilaian.gerbang)
    problems.extend(p.at("gerbang") for p in gate_problems)
    needed = {ind.berlaku_jika.gerbang for ind in rubrik.indikator if ind.berlaku_jika is not None}
    for gate in rubrik.gerbang:
        if gate.kode in needed and gate.kode not in gerbang and gate.kode not in unresolved:
            unresolved.add(gate.kode)
            allowed = ", ".join(repr(o) for o in gate.opsi)
            problems.append(Problem(f"gerbang{_key(gate.kode)}", f"missing: answer {allowed} ({gate.pertanyaan})", code="missing-answer"))

    given: dict[int, tuple[str, int]] = {}
    for kode, level in penilaian.jawaban.items():
        pos = rubrik.posisi.get(kode)
        if pos is None:
            problems.append(Problem(f"jawaban{_key(kode)}", f"not an indicator of rubrik {rubrik.id}", code="unknown-indicator"))
            continue
        if pos in given:
            problems.append(Problem(f"jawaban{_key(kode)}", f"indicator {rubrik.indikator[pos].kode} is answered twice (by code and alias)", code="duplicate-key"))
            continue
        given[pos] = (kode, level)
    for kode in penilaian.bukti:
        if kode not in rubrik.posisi:
            problems.append(Problem(f"bukti{_key(kode)}", f"not an indicator of rubrik {rubrik.id}", code="unknown-indicator"))

    track_evidence = bool(penilaian.bukti)
    levels: list[int | None] = []
    filled: set[int] = set()
    for pos, ind in enumerate(rubrik.indikator):
        applies = ind.applies_to(jenis, gerbang)
        answer = given.get(pos)
        if ind.berlaku_jika is not None and ind.berlaku_jika.gerbang in unresolved:
            levels.append(None)  # applicability unknown until the gate is fixed
            continue
        if answer is not None:
            kode, level = answer
            if not applies:
                problems.append(Problem(f"jawaban{_key(kode)}", _why_not(ind.berlaku_jika, jenis.value, gerbang), code="not-applicable"))
            elif not ind.level_min <= level <= ind.level_maks:
                problems.append(Problem(f"jawaban{_key(kode)}", f"level {shown(level)} is outside {ind.level_min}..{ind.level_maks}", code="level-out-of-range"))
            elif level > 0 and ind.bukti_wajib and track_evidence and not penilaian.bukti.get(kode):
                # Worksheet rule: an answer above 0 needs evidence.  Checked only for
                # assessments that list evidence at all, so files without it stay quiet.
                warnings.append(f"{ind.kode}: level {level} has no bukti dukung listed")
            levels.append(level if applies else None)
            continue
        if not applies:
            levels.append(None)
            continue
        unresolved_why = unresolved_missing(ind, policy)
        if unresolved_why is not None:
            problems.append(Problem(f"jawaban{_key(ind.kode)}", unresolved_why, code="missing-answer"))
            levels.append(None)
        elif policy is KebijakanKosong.TIDAK_BERLAKU:
            levels.append(None)
            filled.add(pos)
            warnings.append(f"{ind.kode}: no answer, counted as not applicable (kebijakan_kosong = tidak_berlaku)")
        else:
            value = 0 if policy is KebijakanKosong.NOL else ind.level_min
            levels.append(value)
            filled.add(pos)
            warnings.append(f"{ind.kode}: no answer, counted as level {value} (kebijakan_kosong = {policy.value})")
    if need_survey and penilaian.survei is None:
        problems.append(Problem("survei", NO_SURVEY, code="missing-key"))
    if rubrik.komposisi is not None:
        problems.extend(koreksi_problems(rubrik, penilaian.koreksi))
    if problems:
        raise ValidationError(problems)
    return Resolved(tuple(levels), frozenset(filled), tuple(warnings))


Pattern = tuple[JenisInstansi, tuple[tuple[str, str], ...]]
"""Which indicators apply: the agency type and the gate answers (by gate code, sorted)."""


_Answers = dict[str, tuple[int, int, int]]  # code -> position, lowest and highest level


@attrs.frozen(eq=False)
class _Layout:
    """What the quick path needs of a rubric: each applicable indicator by its code, per agency type and gate answers."""

    __repr__ = fields_repr

    width: int
    gates: dict[str, tuple[str, ...]]  # gate code -> its options (codes only: an alias takes the full path)
    wajib: tuple[str, ...]  # indicators whose answer above 0 needs evidence, in rubric order
    wajib_codes: frozenset[str]
    known: frozenset[str]  # every indicator code and alias (evidence may be keyed by either)
    answers: dict[Pattern, _Answers] = attrs.field(factory=dict)


@per_object
def _layout(rubrik: Rubrik) -> _Layout:
    return _Layout(
        len(rubrik.indikator),
        {g.kode: tuple(g.opsi) for g in rubrik.gerbang},
        tuple(ind.kode for ind in rubrik.indikator if ind.bukti_wajib),
        frozenset(ind.kode for ind in rubrik.indikator if ind.bukti_wajib),
        frozenset(rubrik.posisi),
    )


def _answers(rubrik: Rubrik, layout: _Layout, key: Pattern) -> _Answers:
    found = layout.answers.get(key)
    if found is None:
        jenis, given = key[0], dict(key[1])
        found = {ind.kode: (pos, ind.level_min, ind.level_maks) for pos, ind in enumerate(rubrik.indikator) if ind.applies_to(jenis, given)}
        if len(layout.answers) < 256:  # agency types x gate answers: a handful in practice
            layout.answers[key] = found
    return found


def quick_pattern(rubrik: Rubrik, penilaian: Penilaian, need_survey: bool = False) -> Pattern | None:
    """The applicability pattern of *penilaian* if the quick path may take it, else ``None``.

    ``None`` when a needed survey score is missing, the correction breaks the
    rubric's rules, or a gate is unanswered, keyed by an alias or answered
    outside its options: the full rule walk then names the problem.
    """
    if need_survey and penilaian.survei is None:
        return None
    if rubrik.komposisi is not None and penilaian.koreksi and koreksi_problems(rubrik, penilaian.koreksi):
        return None
    gerbang = penilaian.gerbang
    if not gerbang:
        return (penilaian.instansi.jenis, ()) if not rubrik.gerbang else None
    layout = _layout(rubrik)
    if len(gerbang) != len(layout.gates):
        return None
    for kode, answer in gerbang.items():
        options = layout.gates.get(kode)
        if options is None or answer not in options:
            return None
    return (penilaian.instansi.jenis, tuple(sorted(gerbang.items())))


def quick_evidence(rubrik: Rubrik, penilaian: Penilaian) -> tuple[str, ...] | None:
    """The worksheet rule for an assessment that answers exactly its applicable indicators, by code.

    Returns:
        A warning for each answer above 0 that needs evidence and lists none,
        in rubric order; ``None`` when evidence is listed for a code the rubric
        does not know (the full rule walk reports it).
    """
    bukti = penilaian.bukti
    if not bukti:
        return ()
    layout = _layout(rubrik)
    if not bukti.keys() <= layout.known:
        return None
    if not layout.wajib:
        return ()
    # the worksheet rule of the full path: an answer above 0 needs evidence
    unlisted = layout.wajib_codes.difference(kode for kode, files in bukti.items() if files)
    if not unlisted:
        return ()
    jawaban = penilaian.jawaban
    return tuple(
        f"{kode}: level {jawaban.get(kode)} has no bukti dukung listed" for kode in layout.wajib if kode in unlisted and (jawaban.get(kode) or 0) > 0
    )


def _resolve_quick(rubrik: Rubrik, penilaian: Penilaian, need_survey: bool) -> Resolved | None:
    """The common case in one pass: gates and applicable indicators all answered, by code, within their options.

    Returns ``None`` whenever anything else is the case (a problem, a missing
    answer, an alias, evidence for an unknown code): :func:`resolve` then walks
    every rule and says what it found.
    """
    pattern = quick_pattern(rubrik, penilaian, need_survey)
    if pattern is None:
        return None
    layout = _layout(rubrik)
    answers = _answers(rubrik, layout, pattern)
    jawaban = penilaian.jawaban
    if len(jawaban) != len(answers):
        return None
    levels: list[int | None] = [None] * layout.width
    for kode, level in jawaban.items():
        found = answers.get(kode)
        if found is None or not found[1] <= level <= found[2]:
            return None
        levels[found[0]] = level
    warnings = quick_evidence(rubrik, penilaian)
    if warnings is None:
        return None
    return Resolved(tuple(levels), frozenset(), warnings)


def koreksi_problems(rubrik: Rubrik, koreksi: Decimal | None) -> list[Problem]:
    """A correction outside the rubric's declared range, or too large for its index grid (the number policy), as a problem at ``koreksi``."""
    rule = rubrik.komposisi.koreksi if rubrik.komposisi is not None else None
    if rule is not None and koreksi is not None and not rule.allows(koreksi):
        return [Problem("koreksi", f"{koreksi} is outside {rule.describe()}, the range rubrik {rubrik.id} declares for it ({rule.nama})", code="out-of-range")]
    places = index_places(rubrik)
    if places is None or not koreksi or abs(Fraction(koreksi)) * 10**places < GRID_STEPS:
        return []
    limit = Decimal(GRID_STEPS).scaleb(-places)
    return [Problem("koreksi", f"{koreksi} is too large: on an index of {places} decimals a correction must stay below {limit:.3E} in magnitude", code="too-large")]


def check_gate_answers(rubrik: Rubrik, answers: Mapping[str, str]) -> tuple[dict[str, str], set[str], list[Problem]]:
    """Check gate answers (keyed by code or alias) against *rubrik*'s gates.

    Returns:
        The valid answers keyed by gate code, the gates whose answer is not one
        of their options, and the problems (paths ``["gate"]``, relative to the
        gate answers).
    """
    given: dict[str, str] = {}
    invalid: set[str] = set()
    problems: list[Problem] = []
    for kode, ans in answers.items():
        gate = rubrik.gerbang_per_kode.get(kode)
        if gate is None:
            known = ", ".join(g.kode for g in rubrik.gerbang) or "none"
            problems.append(Problem(_key(kode), f"not a gate of rubrik {rubrik.id}; gates: {known}", code="unknown-gate"))
        elif ans not in gate.opsi:
            allowed = ", ".join(repr(o) for o in gate.opsi)
            problems.append(Problem(_key(kode), f"{shown(ans)} is not an answer; one of {allowed}", code="not-one-of"))
            invalid.add(gate.kode)
        elif gate.kode in given:
            problems.append(Problem(_key(kode), f"gate {gate.kode} is answered twice (by code and alias)", code="duplicate-key"))
        else:
            given[gate.kode] = ans
    return given, invalid, problems


def unresolved_missing(ind: Indikator, policy: KebijakanKosong) -> str | None:
    """Why a missing answer to *ind* stays unresolved under *policy*, or ``None`` if the policy fills it."""
    if policy is KebijakanKosong.GALAT:
        return f"missing answer (levels {ind.level_min}..{ind.level_maks}); no missing-answer policy is declared"
    if policy is KebijakanKosong.NOL and not ind.boleh_nol:
        return f"missing answer, and the policy 'nol' cannot apply: level 0 is not allowed (levels {ind.level_min}..{ind.level_maks})"
    return None


def _why_not(syarat: Syarat | None, jenis: str, gerbang: dict[str, str]) -> str:
    if syarat is None:  # pragma: no cover - an unconditional indicator always applies
        return "does not apply"
    if syarat.jenis and jenis not in {j.value for j in syarat.jenis}:
        allowed = ", ".join(j.value for j in syarat.jenis)
        return f"does not apply to a {jenis} (only to {allowed}); leave it out"
    ans = gerbang.get(syarat.gerbang or "")
    return f"does not apply: gate {syarat.gerbang} is {shown(ans)}, it opens only on {', '.join(syarat.jawaban)}; leave it out"


def resolve_rows(
    rubrik: Rubrik, items: Sequence[Penilaian], kebijakan: KebijakanKosong | None = None
) -> tuple[Resolved, ...]:
    """Resolve many assessments against one rubric, reporting every problem of every row together.

    Raises:
        ValidationError: problems addressed by row, ``$[i]...``; an assessment
            written for another rubric is one of them.
    """
    out: list[Resolved] = []
    problems: list[Problem] = []
    for i, p in enumerate(items):
        if p.rubrik != rubrik.id:
            problems.append(Problem(f"[{i}].rubrik", f"assessment is for {p.rubrik!r}, not {rubrik.id!r}", code="wrong-rubric"))
            continue
        try:
            out.append(resolve(rubrik, p, kebijakan))
        except ValidationError as exc:
            problems.extend(exc.at(f"[{i}]").problems)
    if problems:
        raise ValidationError(problems)
    return tuple(out)
