"""Rubrik and its parts: the rules a rubric must keep, bands, lookups and its content hash."""

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from meritsys import JenisInstansi, ValidationError, dumps_rubrik, get_rubrik, load_rubrik, rubrik_sha256
from meritsys.io import parse_rubrik
from meritsys.model import Angka, Aspek, Gerbang, Indikator, Kategori, Level, Status, Syarat
from tests.helpers import KASN, B, kasn, rezim_b, rubrik_data

_ALLOWED = "'kementerian', 'lembaga', 'lembaga_negara', 'provinsi', 'kabupaten', 'kota'"

# --------------------------------------------------------------------------- builders: small rubrics as plain data


def _num(nilai):
    return {"nilai": nilai, "status": "resmi"}


def _indikator(kode, bobot="1", **extra):
    data = {
        "kode": kode,
        "nama": f"Pertanyaan {kode}",
        "level": [{"nilai": n, "deskriptor": f"Level {n}"} for n in range(5)],
    }
    if bobot is not None:
        data["bobot"] = _num(bobot)
    return {**data, **extra}


def _gerbang(kode="g", **extra):
    return {"kode": kode, "pertanyaan": "Ada kejadian?", "opsi": {"ya": "Ya", "tidak": "Tidak"}, **extra}


def _data_a(**overrides):
    """A valid two-aspect rubric that weighs indicators (regime A shape), index 0..8."""
    data = {
        "id": "uji-a",
        "nama": "Rubrik uji A",
        "rujukan": [],
        "berlaku_mulai": "2020-01-01",
        "skala": {"minimum": _num("0"), "maksimum": _num("8")},
        "aspek": [
            {"kode": "1", "nama": "Aspek satu", "indikator": [_indikator("1.1")]},
            {"kode": "2", "nama": "Aspek dua", "indikator": [_indikator("2.1")]},
        ],
        "kategori": [
            {"kode": "I", "label": "Rendah", "batas_bawah": _num("0"), "batas_atas": _num("3")},
            {"kode": "II", "label": "Tinggi", "batas_bawah": _num("4"), "batas_atas": _num("8")},
        ],
        "aturan_batas": {"jenis": "bawah_inklusif", "langkah": _num("1"), "status": "resmi"},
        "letak_bobot": "indikator",
        "jumlah_bobot": _num("2"),
        "strategi": "weighted-sum",
    }
    return {**data, **overrides}


def _data_b(**overrides):
    """A valid two-aspect rubric that weighs aspects (regime B shape), index 0..1."""
    data = _data_a(
        id="uji-b",
        letak_bobot="aspek",
        jumlah_bobot=_num("1"),
        komposisi={"bobot_maturitas": _num("0.75"), "bobot_survei": _num("0.25")},
        skala={"minimum": _num("0"), "desimal": _num("2")},
        kategori=[
            {"kode": "1", "label": "Dasar", "batas_bawah": _num("0"), "batas_atas": _num("0.50")},
            {"kode": "2", "label": "Maju", "batas_bawah": _num("0.51"), "batas_atas": _num("1")},
        ],
        aturan_batas={"jenis": "bawah_inklusif", "langkah": _num("0.01"), "status": "resmi"},
    )
    for asp in data["aspek"]:
        asp["bobot"] = _num("0.5")
        for ind in asp["indikator"]:
            del ind["bobot"]
    return {**data, **overrides}


def _problems(data):
    """The messages of the ValidationError that parsing *data* raises."""
    with pytest.raises(ValidationError) as info:
        parse_rubrik(data)
    return info.value.messages


def _ind(data, aspek=0, indikator=0):
    return data["aspek"][aspek]["indikator"][indikator]


class TestRubricParts:
    def test_level_must_be_an_int(self):
        """A level value given as a bool is refused at nilai."""
        with pytest.raises(ValidationError) as info:
            Level(True, "Ada")
        assert info.value.messages == ("$.nilai: must be a whole number, got True",)

    def test_level_needs_a_descriptor(self):
        """A level without a descriptor is refused at deskriptor."""
        with pytest.raises(ValidationError) as info:
            Level(1, "")
        assert info.value.messages == (
            "$.deskriptor: must be a non-empty string without surrounding spaces, got ''",
        )

    def test_a_string_is_never_split_into_a_list(self):
        """A string where a list of answers is expected is refused at jawaban, not split into characters."""
        with pytest.raises(ValidationError) as info:
            Syarat(gerbang="g", jawaban="ya")
        assert info.value.messages == ("$.jawaban: expected a list, got a string 'ya'",)

    def test_aspect_indicators_must_be_a_list(self):
        """An aspect given one indicator code instead of a list of indicators is refused at indikator."""
        with pytest.raises(ValidationError) as info:
            Aspek("1", "A", "1.1")
        assert info.value.messages == ("$.indikator: expected a list, got a string '1.1'",)

    @pytest.mark.parametrize(
        ("kw", "message"),
        [
            ({"subaspek": {"Analisis Jabatan": "AJ"}}, "$.subaspek: expected a list, got a mapping"),
            ({"subaspek": 3}, "$.subaspek: expected a list, got int 3"),
        ],
        ids=["mapping", "number"],
    )
    def test_lists_refuse_mappings_and_scalars(self, kw, message):
        """A mapping (whose values would be lost) or a number where a list is expected is refused at the field."""
        with pytest.raises(ValidationError) as info:
            Aspek("1", "A", [], **kw)
        assert info.value.messages == (message,)

    def test_unknown_agency_type_in_a_condition_is_named_by_position(self):
        """An unknown agency type in a condition is rejected at its place in jenis."""
        with pytest.raises(ValidationError) as info:
            Syarat(jenis=["kota", "desa"])
        assert info.value.messages == (f"$.jenis[1]: 'desa' is not one of {_ALLOWED}",)

    def test_condition_needs_gate_or_agency_types(self):
        """A condition naming neither a gate nor agency types is refused."""
        with pytest.raises(
            ValidationError, match=r"a condition needs a gerbang \(with jawaban\) or a list of jenis"
        ):
            Syarat()

    @pytest.mark.parametrize(
        "kw",
        [{"gerbang": "g"}, {"jenis": ["kota"], "jawaban": ["ya"]}],
        ids=["gate-without-answers", "answers-without-gate"],
    )
    def test_gate_and_answers_go_together(self, kw):
        """A gate without opening answers, or answers without a gate, is refused."""
        with pytest.raises(ValidationError, match="gerbang and jawaban go together"):
            Syarat(**kw)

    def test_condition_on_agency_type_alone(self):
        """A condition listing only agency types applies to exactly those types, whatever the gates."""
        ind_data = _indikator("1.1", berlaku_jika={"jenis": ["kota", "kabupaten"]})
        data = _data_a()
        data["aspek"][0]["indikator"] = [ind_data]
        ind = parse_rubrik(data).indicator("1.1")
        assert [j.value for j in JenisInstansi if ind.applies_to(j, {})] == ["kabupaten", "kota"]

    def test_condition_on_gate_and_agency_type(self):
        """A condition with a gate and types applies only to those types and only when the gate opens."""
        data = _data_a(gerbang=[_gerbang()])
        data["aspek"][0]["indikator"] = [
            _indikator("1.1", berlaku_jika={"gerbang": "g", "jawaban": ["ya"], "jenis": ["kota"]})
        ]
        ind = parse_rubrik(data).indicator("1.1")
        assert ind.applies_to(JenisInstansi.KOTA, {"g": "ya"})
        assert not ind.applies_to(JenisInstansi.KOTA, {"g": "tidak"})
        assert not ind.applies_to(JenisInstansi.KOTA, {})
        assert not ind.applies_to(JenisInstansi.PROVINSI, {"g": "ya"})

    def test_gate_needs_two_answers(self):
        """A gate question with fewer than two answers is refused at opsi."""
        with pytest.raises(ValidationError) as info:
            Gerbang("g", "Ada?", {"ya": "Ya"})
        assert info.value.messages == ("$.opsi: a gate needs at least two answers, got 1",)

    def test_gate_aliases_must_be_a_list(self):
        """A gate alias given as a bare string is refused at alias."""
        with pytest.raises(ValidationError) as info:
            Gerbang("g", "Ada?", {"ya": "Ya", "tidak": "Tidak"}, alias="g-lama")
        assert info.value.messages == ("$.alias: expected a list, got a string 'g-lama'",)

    def test_indicator_levels_must_be_a_list(self):
        """Indicator levels given as a number are refused at level."""
        with pytest.raises(ValidationError) as info:
            Indikator("1.1", "Satu", 4)
        assert info.value.messages == ("$.level: expected a list, got int 4",)

    def test_every_model_converter_names_its_field(self):
        """Every converter of every model class reports a value it cannot convert at its own field."""
        import meritsys.model as model

        checked = 0
        for cls in (getattr(model, name) for name in model.__all__):
            if not attrs.has(cls):
                continue
            for a in attrs.fields(cls):
                if a.converter is None:
                    continue
                with pytest.raises(ValidationError) as info:
                    a.converter(object())
                assert all(p.path == a.name or p.path.startswith(f"{a.name}[") for p in info.value.problems), (
                    cls.__name__,
                    a.name,
                    info.value.messages,
                )
                checked += 1
        assert checked >= 30

    def test_band_bounds_must_not_be_inverted(self):
        """A category whose lower bound is above its upper bound is refused, naming both."""
        with pytest.raises(ValidationError) as info:
            Kategori("I", "Buruk", Angka("175", Status.RESMI), Angka("174", Status.RESMI))
        assert info.value.messages == ("$: batas_bawah 175 is above batas_atas 174",)

    def test_single_value_band_is_allowed(self):
        """A category whose two bounds are equal (one published value) is accepted."""
        kat = Kategori("I", "Tepat", Angka("5", Status.RESMI), Angka("5", Status.RESMI))
        assert kat.batas_bawah == kat.batas_atas


def _set_ind(**kw):
    return lambda d: _ind(d).update(kw)


class TestRubrikRules:
    def test_small_rubrics_are_valid(self):
        """The builders used below give valid rubrics, so each case tests only its own change."""
        assert parse_rubrik(_data_a()).id == "uji-a"
        assert parse_rubrik(_data_b()).id == "uji-b"

    @pytest.mark.parametrize(
        ("mutate", "expected"),
        [
            (
                lambda d: d.update(berlaku_sampai="2019-12-31"),
                ("$.berlaku_sampai: 2019-12-31 is before berlaku_mulai 2020-01-01",),
            ),
            (
                lambda d: d.update(id="uji a"),
                ("$.id: must be a non-empty string without spaces, got 'uji a'",),
            ),
            (
                lambda d: d.update(aspek=[], jumlah_bobot=_num("0")),
                ("$.aspek: a rubric needs at least one aspect",),
            ),
            (
                lambda d: d.update(gerbang=[_gerbang(), _gerbang()]),
                ("$.gerbang[1].kode: duplicate gate code 'g'",),
            ),
            (
                lambda d: d.update(gerbang=[_gerbang(), _gerbang("h", alias=["g"])]),
                ("$.gerbang[1].alias[0]: duplicate gate code 'g'",),
            ),
            (
                lambda d: d.update(gerbang=[_gerbang(), _gerbang("h", alias=["h-lama", "g"])]),
                ("$.gerbang[1].alias[1]: duplicate gate code 'g'",),
            ),
            (
                lambda d: d.update(gerbang=[_gerbang(alias=["g-lama"]), _gerbang("g-lama")]),
                ("$.gerbang[1].kode: duplicate gate code 'g-lama'",),
            ),
            (
                lambda d: d.update(gerbang=[_gerbang(opsi={"ya": "Ya"})]),
                ("$.gerbang[0].opsi: a gate needs at least two answers, got 1",),
            ),
            (
                lambda d: d["aspek"][1].update(kode="1"),
                ("$.aspek[1].kode: duplicate aspect code '1'",),
            ),
            (
                lambda d: d["aspek"][1].update(indikator=[]) or d.update(jumlah_bobot=_num("1")),
                ("$.aspek[1].indikator: an aspect needs at least one indicator",),
            ),
            (
                _set_ind(alias=["2.1"]),
                (
                    "$.aspek[1].indikator[0].kode: duplicate indicator code '2.1' (also aspek[0].indikator[0])",
                ),
            ),
            (
                lambda d: _ind(d, 1).update(alias=["q2", "1.1"]),
                (
                    "$.aspek[1].indikator[0].alias[1]: duplicate indicator code '1.1' (also aspek[0].indikator[0])",
                ),
            ),
            (
                _set_ind(level=[]),
                ("$.aspek[0].indikator[0].level: level must list at least one level",),
            ),
            (
                _set_ind(level=[{"nilai": 101, "deskriptor": "Terlalu tinggi"}]),
                ("$.aspek[0].indikator[0].level[0].nilai: must lie in 0..100, got 101",),
            ),
            (
                _set_ind(level=[{"nilai": 1, "deskriptor": "Satu"}, {"nilai": 0, "deskriptor": "Nol"}]),
                (
                    "$.aspek[0].indikator[0].level: level values must be consecutive and ascending, got [1, 0]",
                ),
            ),
            (
                lambda d: (
                    d["aspek"][0].update(subaspek=["Analisis Jabatan"]) or _ind(d).update(subaspek="Evaluasi")
                ),
                ("$.aspek[0].indikator[0].subaspek: 'Evaluasi' is not a subaspek of aspect 1",),
            ),
            (
                _set_ind(subaspek="Evaluasi"),
                (
                    "$.aspek[0].indikator[0].subaspek: 'Evaluasi' is not a subaspek of aspect 1, which declares none",
                ),
            ),
            (
                _set_ind(berlaku_jika={}),
                (
                    "$.aspek[0].indikator[0].berlaku_jika: a condition needs a gerbang (with jawaban) or a list of jenis",
                ),
            ),
            (
                _set_ind(berlaku_jika={"gerbang": "g"}),
                (
                    "$.aspek[0].indikator[0].berlaku_jika: gerbang and jawaban go together: name the gate and the answers that open it",
                ),
            ),
            (
                _set_ind(berlaku_jika={"gerbang": "g", "jawaban": ["ya"]}),
                ("$.aspek[0].indikator[0].berlaku_jika.gerbang: no gate 'g' in this rubric",),
            ),
            (
                lambda d: (
                    d.update(gerbang=[_gerbang()])
                    or _ind(d).update(berlaku_jika={"gerbang": "g", "jawaban": ["ya", "mungkin"]})
                ),
                (
                    "$.aspek[0].indikator[0].berlaku_jika.jawaban[1]: 'mungkin' is not an answer of gate g; one of: ya, tidak",
                ),
            ),
            (
                lambda d: _ind(d).pop("bobot"),
                (
                    "$.aspek[0].indikator[0].bobot: required: this rubric weighs indicators",
                    "$.jumlah_bobot: declared 2 but the indikator weights add up to 1",
                ),
            ),
            (
                lambda d: _ind(d).update(bobot=_num("0")) or d.update(jumlah_bobot=_num("1")),
                ("$.aspek[0].indikator[0].bobot: weight 0 must be positive",),
            ),
            (
                lambda d: _ind(d).update(bobot=_num("-1")) or _ind(d, 1).update(bobot=_num("3")),
                ("$.aspek[0].indikator[0].bobot: weight -1 must be positive",),
            ),
            (
                lambda d: d["aspek"][0].update(bobot=_num("1")),
                ("$.aspek[0].bobot: not allowed: this rubric weighs indicators",),
            ),
            (
                lambda d: d["aspek"][0].update(maksimum=_num("5")),
                ("$.aspek[0].maksimum: declared 5 but the indicators give 4 (sum of bobot x highest level)",),
            ),
            (
                lambda d: d.update(komposisi={"bobot_maturitas": _num("0.75"), "bobot_survei": _num("0.5")}),
                (
                    "$.komposisi: not allowed: this rubric weighs indicators (a composition combines aspect maturity with the survey)",
                ),
            ),
            (
                lambda d: d.update(jumlah_bobot=_num("100")),
                ("$.jumlah_bobot: declared 100 but the indikator weights add up to 2",),
            ),
            (
                lambda d: d["skala"].update(minimum=_num("8")),
                ("$.skala.maksimum: 8 must be above minimum 8",),
            ),
            (
                lambda d: d["skala"].update(desimal=_num("1.5")),
                ("$.skala.desimal: must be a whole number of places in 0..28, got 1.5",),
            ),
            (
                lambda d: d["skala"].update(desimal=_num("29")),
                ("$.skala.desimal: must be a whole number of places in 0..28, got 29",),
            ),
            (
                lambda d: d["skala"].update(desimal=_num("-1")),
                ("$.skala.desimal: must be a whole number of places in 0..28, got -1",),
            ),
        ],
        ids=[
            "ends-before-start",
            "id-with-space",
            "no-aspects",
            "duplicate-gate",
            "gate-alias-clashes",
            "gate-second-alias-clashes",
            "gate-code-clashes-with-alias",
            "gate-one-answer",
            "duplicate-aspect",
            "empty-aspect",
            "alias-clashes-with-code",
            "indicator-alias-clashes",
            "no-levels",
            "level-above-100",
            "levels-descending",
            "unknown-subaspek",
            "subaspek-none-declared",
            "empty-condition",
            "gate-without-answers",
            "unknown-gate",
            "unknown-gate-answer",
            "indicator-weight-missing",
            "indicator-weight-zero",
            "indicator-weight-negative",
            "aspect-weight-in-regime-a",
            "aspect-maximum-mismatch",
            "composition-in-regime-a",
            "weights-total-mismatch",
            "scale-max-not-above-min",
            "decimals-fractional",
            "decimals-above-28",
            "decimals-negative",
        ],
    )
    def test_regime_a_rule(self, mutate, expected):
        """Each broken rule of an indicator-weighted rubric is reported at its path with what is wrong."""
        data = _data_a()
        mutate(data)
        assert _problems(data) == expected

    @pytest.mark.parametrize(
        ("mutate", "expected"),
        [
            (
                lambda d: d["aspek"][0].pop("bobot"),
                (
                    "$.aspek[0].bobot: required: this rubric weighs aspects",
                    "$.jumlah_bobot: declared 1 but the aspek weights add up to 0.5",
                ),
            ),
            (
                lambda d: d["aspek"][0].update(bobot=_num("0")) or d["aspek"][1].update(bobot=_num("1")),
                ("$.aspek[0].bobot: weight 0 must be positive",),
            ),
            (
                _set_ind(bobot=_num("1")),
                ("$.aspek[0].indikator[0].bobot: not allowed: this rubric weighs aspects",),
            ),
            (
                lambda d: d.pop("komposisi"),
                ("$.komposisi: required: a rubric that weighs aspects must declare its composition",),
            ),
            (
                lambda d: d["komposisi"].update(bobot_survei=_num("0.3")),
                ("$.komposisi: bobot_maturitas + bobot_survei must be 1, got 1.05",),
            ),
            (
                lambda d: d["komposisi"].update(bobot_maturitas=_num("1.25"), bobot_survei=_num("-0.25")),
                ("$.komposisi: bobot_maturitas and bobot_survei must not be negative",),
            ),
            (
                lambda d: d["aspek"][1].update(maksimum=_num("4")),
                (
                    "$.aspek[1].maksimum: not allowed: this rubric weighs aspects (an aspect maximum is checked against indicator weights)",
                ),
            ),
        ],
        ids=[
            "aspect-weight-missing",
            "aspect-weight-zero",
            "indicator-weight-in-regime-b",
            "composition-missing",
            "composition-not-one",
            "composition-negative",
            "aspect-maximum-in-regime-b",
        ],
    )
    def test_regime_b_rule(self, mutate, expected):
        """Each broken rule of an aspect-weighted rubric is reported at its path with what is wrong."""
        data = _data_b()
        mutate(data)
        assert _problems(data) == expected

    def test_every_problem_is_reported_at_once(self):
        """Independent problems in one rubric are all listed in one ValidationError, in document order."""
        data = _data_a(berlaku_sampai="2019-12-31")
        data["aspek"][1]["kode"] = "1"
        data["kategori"][1]["label"] = "rendah"
        assert _problems(data) == (
            "$.berlaku_sampai: 2019-12-31 is before berlaku_mulai 2020-01-01",
            "$.aspek[1].kode: duplicate aspect code '1'",
            "$.kategori[1].label: duplicate category label 'rendah'",
        )

    def test_whole_decimal_places_written_with_a_point_are_accepted(self):
        """Rounding places written as "2.0" are a whole number and are accepted."""
        data = _data_b()
        data["skala"]["desimal"] = _num("2.0")
        assert parse_rubrik(data).skala.desimal_int == 2

    def test_rules_run_again_on_evolve(self):
        """Changing a rubric with attrs.evolve re-checks it, with paths relative to the rubric."""
        with pytest.raises(ValidationError) as info:
            attrs.evolve(kasn(), berlaku_sampai=dt.date(2018, 12, 31))
        assert info.value.messages == ("$.berlaku_sampai: 2018-12-31 is before berlaku_mulai 2019-01-01",)

    def test_condition_may_name_a_gate_by_code(self):
        """A condition naming a gate by code is accepted and the indicator applies when the gate opens."""
        data = _data_a(gerbang=[_gerbang(alias=["g-lama"])])
        _ind(data)["berlaku_jika"] = {"gerbang": "g", "jawaban": ["ya"]}
        ind = parse_rubrik(data).indicator("1.1")
        assert ind.dapat_tidak_berlaku
        assert ind.applies_to(JenisInstansi.KOTA, {"g": "ya"})
        assert not ind.applies_to(JenisInstansi.KOTA, {"g": "tidak"})

    def test_condition_naming_a_gate_by_alias_is_refused(self):
        """A condition must name its gate by code (assessments answer gates by code), and is told which code."""
        data = _data_a(gerbang=[_gerbang(alias=["g-lama"])])
        _ind(data)["berlaku_jika"] = {"gerbang": "g-lama", "jawaban": ["ya"]}
        with pytest.raises(ValidationError) as exc:
            parse_rubrik(data)
        assert exc.value.messages == (
            "$.aspek[0].indikator[0].berlaku_jika.gerbang: 'g-lama' is an alias of gate 'g'; name the gate by its code",
        )


class TestBands:
    def _bands(self, jenis="bawah_inklusif", langkah="1", *bands):
        data = _data_a()
        data["aturan_batas"] = {"jenis": jenis, "langkah": _num(langkah), "status": "resmi"}
        if bands:
            data["kategori"] = [
                {
                    "kode": k,
                    "label": label,
                    **({"batas_bawah": _num(lo)} if lo else {}),
                    **({"batas_atas": _num(hi)} if hi else {}),
                }
                for k, label, lo, hi in bands
            ]
        return data

    @pytest.mark.parametrize(
        ("data", "expected"),
        [
            (
                _data_a(kategori=[]),
                ("$.kategori: a rubric needs at least one category",),
            ),
            (
                _data_a(
                    kategori=[
                        {"kode": "I", "label": "Rendah", "batas_bawah": _num("0"), "batas_atas": _num("3")},
                        {"kode": "I", "label": "Tinggi", "batas_bawah": _num("4"), "batas_atas": _num("8")},
                    ]
                ),
                ("$.kategori[1].kode: duplicate category code 'I'",),
            ),
            (
                _data_a(
                    kategori=[
                        {"kode": "I", "label": "Rendah", "batas_bawah": _num("5"), "batas_atas": _num("3")},
                        {"kode": "II", "label": "Tinggi", "batas_bawah": _num("6"), "batas_atas": _num("8")},
                    ]
                ),
                ("$.kategori[0]: batas_bawah 5 is above batas_atas 3",),
            ),
        ],
        ids=["no-categories", "duplicate-code", "inverted-band"],
    )
    def test_category_list_rules(self, data, expected):
        """A rubric needs categories with unique codes and upright bounds."""
        assert _problems(data) == expected

    def test_duplicate_label_ignores_case(self):
        """Two categories whose labels differ only in case are duplicates."""
        data = self._bands("bawah_inklusif", "1", ("I", "Baik", "0", "3"), ("II", "BAIK", "4", "8"))
        assert _problems(data) == ("$.kategori[1].label: duplicate category label 'BAIK'",)

    @pytest.mark.parametrize("langkah", ["0", "-1"], ids=["zero", "negative"])
    def test_step_must_be_positive(self, langkah):
        """A non-positive published step is rejected at aturan_batas.langkah, and only there (no gap is claimed)."""
        assert _problems(self._bands("bawah_inklusif", langkah)) == (
            f"$.aturan_batas.langkah: must be positive, got {langkah}",
        )

    def test_overlap_is_still_reported_with_a_non_positive_step(self):
        """Overlapping bands are reported even when the step is also wrong: the overlap does not depend on it."""
        data = self._bands("atas_inklusif", "0", ("I", "Rendah", "0", "5"), ("II", "Tinggi", "4", "8"))
        assert _problems(data) == (
            "$.aturan_batas.langkah: must be positive, got 0",
            "$.kategori[1].batas_bawah: band Tinggi (4) overlaps band Rendah (up to 5)",
        )

    @pytest.mark.parametrize(
        ("jenis", "bands", "expected"),
        [
            (
                "bawah_inklusif",
                (("I", "Rendah", "0", "3"), ("II", "Tinggi", None, "8")),
                "$.kategori[1].batas_bawah: required: lower bounds are inclusive, so every band above the first needs one",
            ),
            (
                "atas_inklusif",
                (("I", "Rendah", "0", None), ("II", "Tinggi", "4", "8")),
                "$.kategori[0].batas_atas: required: upper bounds are inclusive, so every band below the last needs one",
            ),
            (
                "bawah_inklusif",
                (("I", "Rendah", "4", "8"), ("II", "Tinggi", "0", "3")),
                "$.kategori[1].batas_bawah: bands must ascend: 0 is not above 4",
            ),
            (
                "atas_inklusif",
                (("I", "Rendah", "4", "8"), ("II", "Tinggi", "0", "3")),
                "$.kategori[1].batas_atas: bands must ascend: 3 is not above 8",
            ),
            (
                "atas_inklusif",
                (("I", "Rendah", "0", "5"), ("II", "Tinggi", "4", "8")),
                "$.kategori[1].batas_bawah: band Tinggi (4) overlaps band Rendah (up to 5)",
            ),
            (
                "bawah_inklusif",
                (("I", "Rendah", "0", "0.40"), ("II", "Tinggi", "0.42", "1")),
                "$.kategori[1].batas_bawah: gap between band Rendah (up to 0.40) and band Tinggi (from 0.42): "
                "published bands must meet one step (1) apart",
            ),
        ],
        ids=[
            "lower-rule-needs-lower",
            "upper-rule-needs-upper",
            "lower-descending",
            "upper-descending",
            "overlap",
            "gap",
        ],
    )
    def test_band_rule(self, jenis, bands, expected):
        """Bands must carry the bound the rule needs, ascend, and meet exactly one step apart."""
        assert _problems(self._bands(jenis, "1", *bands)) == (expected,)

    @pytest.mark.parametrize(
        ("jenis", "langkah", "bands"),
        [
            ("bawah_inklusif", "1", (("I", "Rendah", None, "3"), ("II", "Tinggi", "4", None))),
            ("atas_inklusif", "1", (("I", "Rendah", None, "3"), ("II", "Tinggi", "4", None))),
            (
                "bawah_inklusif",
                "1",
                (("I", "Rendah", "0", None), ("II", "Sedang", "4", None), ("III", "Tinggi", "6", None)),
            ),
            (
                "atas_inklusif",
                "1",
                (("I", "Rendah", None, "3"), ("II", "Sedang", None, "5"), ("III", "Tinggi", None, "8")),
            ),
            ("bawah_inklusif", "0.01", (("I", "Rendah", "0", "0.40"), ("II", "Tinggi", "0.41", "1"))),
        ],
        ids=[
            "open-ends-lower-rule",
            "open-ends-upper-rule",
            "lower-bounds-only",
            "upper-bounds-only",
            "hundredth-step",
        ],
    )
    def test_valid_band_layouts(self, jenis, langkah, bands):
        """Open-ended outer bands, one-sided bounds matching the rule, and fine steps are accepted."""
        r = parse_rubrik(self._bands(jenis, langkah, *bands))
        assert [k.kode for k in r.kategori] == [b[0] for b in bands]


class TestLookups:
    def test_indicator_by_code_and_alias(self):
        """Rubrik.indicator finds an indicator by code and by alias."""
        r = rezim_b()
        assert r.indicator("1.1") is r.indicator("a1q1")

    def test_unknown_indicator_names_the_rubric(self):
        """An unknown indicator code raises a ValidationError naming the code and the rubric."""
        with pytest.raises(ValidationError) as info:
            kasn().indicator("9.9")
        assert info.value.messages == ("$: '9.9' is not an indicator of rubrik kasn-2019",)

    @pytest.mark.parametrize(
        "nama",
        ["III", "iii", "Baik", " baik ", "BAIK"],
        ids=["code", "code-lower", "label", "padded", "upper"],
    )
    def test_category_by_code_or_label_ignoring_case(self, nama):
        """Rubrik.category matches a code or label case-insensitively, ignoring surrounding spaces."""
        assert kasn().category(nama).label == "Baik"

    def test_unknown_category_lists_the_categories(self):
        """An unknown category raises a ValidationError listing the rubric's categories."""
        with pytest.raises(ValidationError) as info:
            kasn().category("Cukup")
        assert info.value.messages == (
            "$: 'Cukup' is not a category of rubrik kasn-2019; one of: Buruk, Kurang, Baik, Sangat Baik",
        )


class TestInvalidRubrik:
    def _errors(self, data):
        with pytest.raises(ValidationError) as info:
            parse_rubrik(data)
        return info.value.messages

    def test_weights_that_do_not_add_up(self):
        """Weights that do not add up to the declared sum are rejected at jumlah_bobot."""
        data = rubrik_data(kasn())
        data["aspek"][0]["indikator"][0]["bobot"]["nilai"] = "4"
        data["aspek"][0].pop("maksimum")
        assert self._errors(data) == ("$.jumlah_bobot: declared 100 but the indikator weights add up to 101",)

    def test_aspect_maximum_mismatch(self):
        """A declared aspect maximum that the indicators do not give is named."""
        data = rubrik_data(kasn())
        data["aspek"][1]["maksimum"]["nilai"] = "41"
        assert self._errors(data) == ("$.aspek[1].maksimum: declared 41 but the indicators give 40 (sum of bobot x highest level)",)

    def test_duplicate_indicator_code(self):
        """A repeated indicator code is named at the second occurrence."""
        data = rubrik_data(kasn())
        data["aspek"][0]["indikator"][1]["kode"] = "1.1"
        msgs = self._errors(data)
        assert "$.aspek[0].indikator[1].kode: duplicate indicator code '1.1' (also aspek[0].indikator[0])" in msgs

    def test_overlapping_bands(self):
        """Bands whose published ranges overlap are rejected."""
        data = rubrik_data(kasn())
        data["kategori"][2]["batas_bawah"]["nilai"] = "249"
        assert self._errors(data) == ("$.kategori[2].batas_bawah: band Baik (249) overlaps band Kurang (up to 249)",)

    def test_gapped_bands(self):
        """Bands that leave more than one published step between them are rejected."""
        data = rubrik_data(kasn())
        data["kategori"][2]["batas_bawah"]["nilai"] = "252"
        msgs = self._errors(data)
        assert msgs == ("$.kategori[2].batas_bawah: gap between band Kurang (up to 249) and band Baik (from 252): published bands must meet one step (1) apart",)

    def test_level_set_must_be_consecutive(self):
        """A level set with a hole is rejected at that indicator."""
        data = rubrik_data(kasn())
        del data["aspek"][2]["indikator"][0]["level"][2]
        msgs = self._errors(data)
        assert msgs[0].startswith("$.aspek[2].indikator[0].level: level values must be consecutive")

    def test_unknown_key_and_wrong_type(self):
        """Unknown keys and wrong types are each reported at their path."""
        data = rubrik_data(kasn())
        data["warna"] = "biru"
        data["aspek"][0]["indikator"][0]["bobot"]["nilai"] = 5
        msgs = self._errors(data)
        assert "$.warna: unknown key" in msgs
        assert any(m.startswith("$.aspek[0].indikator[0].bobot.nilai: expected a decimal written as a string") for m in msgs)

    def test_gate_condition_names_a_real_gate(self):
        """A condition on an unknown gate or answer is rejected."""
        data = rubrik_data(rezim_b())
        ind = data["aspek"][5]["indikator"][4]
        assert ind["kode"] == "6.4b"
        ind["berlaku_jika"]["jawaban"] = ["mungkin"]
        assert self._errors(data) == ("$.aspek[5].indikator[4].berlaku_jika.jawaban[0]: 'mungkin' is not an answer of gate kecelakaan_kerja; one of: ya, tidak",)

    def test_acuan_needs_a_note(self):
        """An acuan number without a note naming what is unknown is rejected."""
        data = rubrik_data(kasn())
        del data["aspek"][5]["maksimum"]["catatan"]
        assert self._errors(data) == ("$.aspek[5].maksimum.catatan: required when status is 'acuan': name what is unknown",)

    def test_composition_must_add_to_one(self):
        """Regime B maturity and survey weights must add up to 1."""
        data = rubrik_data(rezim_b())
        data["komposisi"]["bobot_survei"]["nilai"] = "0.3"
        assert self._errors(data) == ("$.komposisi: bobot_maturitas + bobot_survei must be 1, got 1.05",)


class TestAturanKoreksi:
    def _with_rule(self, **rule):
        data = rubrik_data(rezim_b())
        data["komposisi"]["koreksi"] = {"nama": "Uji", **rule}
        return data

    @pytest.mark.parametrize(
        ("rule", "expected"),
        [
            ({"minimum": _num("1")}, ("$.komposisi.koreksi.minimum: must not be above 0 (no correction, every assessment's default), got 1",)),
            ({"maksimum": _num("-0.5")}, ("$.komposisi.koreksi.maksimum: must not be below 0 (no correction, every assessment's default), got -0.5",)),
            ({"minimum": _num("2"), "maksimum": _num("1")}, ("$.komposisi.koreksi.minimum: 2 is above maksimum 1",)),
            ({"minimum": {"nilai": "-10", "status": "acuan"}}, ("$.komposisi.koreksi.minimum.catatan: required when status is 'acuan': name what is unknown",)),
            ({"minimum": _num("-1"), "lebar": _num("1")}, ("$.komposisi.koreksi.lebar: unknown key",)),
        ],
        ids=["minimum-above-0", "maksimum-below-0", "inverted", "acuan-without-note", "unknown-key"],
    )
    def test_a_declared_range_holds_zero_and_is_path_addressed(self, rule, expected):
        """A correction range must hold 0 (the default correction); every problem names its path."""
        assert TestInvalidRubrik._errors(self, self._with_rule(**rule)) == expected

    def test_a_valid_range_round_trips(self):
        """A declared range loads, dumps and loads again unchanged, and bounds the corrections it allows."""
        r = parse_rubrik(self._with_rule(minimum=_num("-0.05"), maksimum=_num("0")))
        rule = r.komposisi.koreksi
        assert (rule.allows(Decimal("-0.05")), rule.allows(Decimal("0.01"))) == (True, False)
        assert rule.describe() == "-0.05..0 (resmi)"
        assert attrs.evolve(rule, minimum=None).describe() == "..0 (resmi)"
        assert parse_rubrik(rubrik_data(r)) == r

    def test_an_open_range(self):
        """Without bounds every correction is allowed, and the range reads as open."""
        r = parse_rubrik(self._with_rule())
        assert r.komposisi.koreksi.allows(Decimal("-1E+6"))
        assert r.komposisi.koreksi.describe() == "tanpa batas"

    def test_no_survey_weight_needs_no_survey(self):
        """A composition that gives the survey weight 0 does not use it."""
        data = rubrik_data(rezim_b())
        data["komposisi"].update(bobot_maturitas=_num("1"), bobot_survei=_num("0"))
        assert not parse_rubrik(data).komposisi.pakai_survei
        assert rezim_b().komposisi.pakai_survei


class TestFingerprint:
    @pytest.mark.parametrize("rid", [KASN, B])
    def test_json_round_trip_keeps_hash(self, rid, tmp_path):
        """A rubric saved as JSON loads back equal, with the same content hash."""
        r = get_rubrik(rid)
        path = tmp_path / "r.json"
        path.write_text(dumps_rubrik(r))
        again = load_rubrik(path)
        assert again == r
        assert rubrik_sha256(again) == rubrik_sha256(r)

    def test_hash_changes_with_content(self):
        """Changing one weight changes the content hash."""
        data = rubrik_data(kasn())
        data["aspek"][0]["indikator"][0]["bobot"]["nilai"] = "2.5"
        data["aspek"][0]["indikator"][1]["bobot"]["nilai"] = "3.5"
        assert rubrik_sha256(parse_rubrik(data)) != rubrik_sha256(kasn())

    @pytest.mark.parametrize(
        ("path", "same"),
        [
            (("jumlah_bobot", "nilai"), ("100", "100.0")),
            (("aspek", 0, "indikator", 0, "bobot", "nilai"), ("3", "3.00")),
            (("skala", "maksimum", "nilai"), ("400", "4E+2")),
        ],
        ids=["sum-of-weights", "indicator-weight", "exponent"],
    )
    def test_equal_numbers_written_differently_hash_the_same(self, path, same):
        """Equal rubrics hash equally: a number written "100" in one file and "100.0" in another is the same number."""
        hashes = set()
        for text in same:
            data = rubrik_data(kasn())
            node = data
            for step in path[:-1]:
                node = node[step]
            node[path[-1]] = text
            r = parse_rubrik(data)
            assert r == kasn()
            hashes.add(rubrik_sha256(r))
        assert hashes == {rubrik_sha256(kasn())}

    def test_every_entry_point_gives_the_same_hash(self):
        """The content hash is one function, reachable from meritsys, meritsys.model and meritsys.io."""
        import meritsys
        import meritsys.io
        import meritsys.model

        assert meritsys.rubrik_sha256 is meritsys.model.rubrik_sha256 is meritsys.io.rubrik_sha256
        assert len(rubrik_sha256(rezim_b())) == 64


class TestInForce:
    @pytest.mark.parametrize(
        ("rubrik", "tanggal", "in_force"),
        [
            (kasn, dt.date(2019, 1, 1), True),
            (kasn, dt.date(2025, 12, 30), True),
            (kasn, dt.date(2025, 12, 31), False),
            (kasn, dt.date(2018, 12, 31), False),
            (rezim_b, dt.date(2025, 12, 31), True),
            (rezim_b, dt.date(2040, 1, 1), True),
        ],
        ids=["a-first-day", "a-last-day", "a-after", "a-before", "b-first-day", "b-open-ended"],
    )
    def test_in_force_on_a_date(self, rubrik, tanggal, in_force):
        """Rubrik.in_force_on is true from berlaku_mulai to berlaku_sampai inclusive, open-ended without an end."""
        assert rubrik().in_force_on(tanggal) is in_force
