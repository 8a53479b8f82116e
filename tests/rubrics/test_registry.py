"""The rubric registry: the shipped rubrics, lookup by id, by cycle and by date, user sources and rubric plugins."""

import datetime as dt
import json
import os
import re
import sys
import unicodedata
import warnings
from decimal import Decimal
from pathlib import Path

import pytest

import meritsys
from meritsys import (
    JenisInstansi,
    PluginWarning,
    RubricNotFoundError,
    Status,
    ValidationError,
    get_rubrik,
    list_rubrik,
    rubrik_for_cycle,
    rubrik_for_date,
)
from meritsys.rubrics import clear_registered, get_rubrik_or_file, register_rubrik
from meritsys.scoring import reload_plugins
from tests.helpers import (
    JPT,
    KASN,
    ROOT,
    SHIPPED,
    B,
    broken_dist,
    kasn,
    kasn_variant,
    messages,
    rezim_b,
    rubrik_data,
)


def _numbers(node, path="$"):
    """Yield (path, dict) for every Angka-shaped dict in plain rubric data."""
    if isinstance(node, dict):
        if "nilai" in node and "status" in node:
            yield path, node
        for k, v in node.items():
            yield from _numbers(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _numbers(v, f"{path}[{i}]")


def _write_variant(folder, name, **changes):
    path = folder / name
    path.write_text(meritsys.dumps_rubrik(kasn_variant(**changes)))
    return path


@pytest.fixture
def registered():
    """Forget every user-registered rubric after the test."""
    yield register_rubrik
    clear_registered()


class TestShippedKasn:
    def test_aspects_in_official_order(self):
        """The eight regime A aspects appear in the order of PerKASN 9/2019."""
        assert [a.nama for a in kasn().aspek] == [
            "Perencanaan Kebutuhan",
            "Pengadaan",
            "Pengembangan Karier",
            "Promosi dan Mutasi",
            "Manajemen Kinerja",
            "Penggajian, Penghargaan, dan Disiplin",
            "Perlindungan dan Pelayanan",
            "Sistem Informasi",
        ]

    def test_aspect_maxima_match_domain(self):
        """Aspect maxima are 40/40/130/40/80 (resmi) and 40/10/20 (acuan)."""
        maxima = [(a.maksimum.nilai, a.maksimum.status) for a in kasn().aspek]
        assert maxima == [
            (Decimal(40), Status.RESMI),
            (Decimal(40), Status.RESMI),
            (Decimal(130), Status.RESMI),
            (Decimal(40), Status.RESMI),
            (Decimal(80), Status.RESMI),
            (Decimal(40), Status.ACUAN),
            (Decimal(10), Status.ACUAN),
            (Decimal(20), Status.ACUAN),
        ]

    def test_weights_are_half_point_multiples_adding_to_100(self):
        """Every indicator weight is a multiple of 0.5 and they add up to 100."""
        weights = [i.bobot.nilai for i in kasn().indikator]
        assert all((w * 2) % 1 == 0 for w in weights)
        assert sum(weights) == 100

    def test_indicator_codes_follow_aspect(self):
        """Indicator codes are '<aspek>.<n>'."""
        for a in kasn().aspek:
            assert [i.kode for i in a.indikator] == [f"{a.kode}.{n}" for n in range(1, len(a.indikator) + 1)]

    def test_levels_zero_to_four(self):
        """Every indicator allows levels 0-4, 0 meaning no evidence."""
        assert {tuple(lv.nilai for lv in i.level) for i in kasn().indikator} == {(0, 1, 2, 3, 4)}

    def test_bands_and_rule(self):
        """Bands are I Buruk / II Kurang / III Baik / IV Sangat Baik with published ranges, lower bounds inclusive."""
        r = kasn()
        assert [(k.kode, k.label, k.batas_bawah.nilai, k.batas_atas.nilai) for k in r.kategori] == [
            ("I", "Buruk", 100, 174),
            ("II", "Kurang", 175, 249),
            ("III", "Baik", 250, 324),
            ("IV", "Sangat Baik", 325, 400),
        ]
        assert r.aturan_batas.jenis.value == "bawah_inklusif"

    def test_effective_dates(self):
        """kasn-2019 runs from 2019-01-01 (acuan) to 2025-12-30."""
        r = kasn()
        assert (r.berlaku_mulai, r.berlaku_sampai) == (dt.date(2019, 1, 1), dt.date(2025, 12, 30))


class TestShippedRegimeB:
    def test_31_scored_entries(self):
        """The worksheet's 31 scored entries are all encoded with its codes."""
        codes = [i.kode for i in rezim_b().indikator]
        assert len(codes) == 31
        assert {"4.1a", "4.1b", "5.2a", "5.2b", "6.4a", "6.4b", "6.4c", "6.4d"} <= set(codes)

    def test_aspect_weights(self):
        """Aspect weights follow *The domain* (domain.md#reference-values) and add up to exactly 1."""
        r = rezim_b()
        assert [a.bobot.nilai for a in r.aspek] == [Decimal(x) for x in ("0.10", "0.15", "0.15", "0.15", "0.10", "0.15", "0.10", "0.10")]
        assert next(a.bobot.status for a in r.aspek) is Status.RESMI
        assert r.aspek[7].bobot.status is Status.SEKUNDER
        assert all(a.bobot.status is Status.ACUAN for a in r.aspek[1:7])

    def test_variants_by_agency_type(self):
        """4.1a applies to central agencies and provinces, 4.1b to kabupaten and kota."""
        r = rezim_b()
        a, b = r.indicator("4.1a"), r.indicator("4.1b")
        for jenis in JenisInstansi:
            regional = jenis in (JenisInstansi.KABUPATEN, JenisInstansi.KOTA)
            assert a.applies_to(jenis, {}) is not regional
            assert b.applies_to(jenis, {}) is regional

    def test_6_3_applies_to_everyone(self):
        """Question 6.3 (Tukin/TPP) has no gate: central agencies pay tukin too."""
        assert rezim_b().indicator("6.3").berlaku_jika is None

    def test_worksheet_ids_are_aliases(self):
        """The worksheet's internal ids are accepted as aliases of the codes."""
        r = rezim_b()
        assert r.indicator("a1q1").kode == "1.1"
        assert r.gerbang_per_kode["a6q4_kematian_gate"].kode == "kematian"


class TestProvenance:
    @pytest.mark.parametrize("rid", [KASN, B, JPT])
    def test_every_number_has_a_status_and_acuan_says_why(self, rid):
        """Every number carries a status, and every acuan value names what is unknown."""
        found = list(_numbers(rubrik_data(get_rubrik(rid))))
        assert len(found) > 20
        for path, num in found:
            assert num["status"] in ("resmi", "sekunder", "acuan"), path
            if num["status"] == "acuan":
                assert num.get("catatan"), path

    @pytest.mark.parametrize("rid", [KASN, B, JPT])
    def test_rubrik_cites_regulations(self, rid):
        """A rubric carries its legal references."""
        assert get_rubrik(rid).rujukan


DOMAIN_PAGE = ROOT / "docs" / "domain.md"
PACKAGE = Path(meritsys.__file__).resolve().parent
_CITATION = re.compile(r"domain\.md#([A-Za-z0-9_-]+)")
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def _slug(text):
    """The anchor Python-Markdown's toc extension (as mkdocs runs it) gives a heading."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("`", "").replace("*", "")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def _anchors(markdown_text):
    """The heading anchors of a Markdown page, made unique the way toc does (``x``, ``x_1``, ...)."""
    anchors, fenced = [], False
    for line in markdown_text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        heading = None if fenced else _HEADING.match(line)
        if heading:
            anchor = _slug(heading.group(2))
            while anchor in anchors or not anchor:
                numbered = re.match(r"^(.*)_([0-9]+)$", anchor)
                anchor = f"{numbered.group(1)}_{int(numbered.group(2)) + 1}" if numbered else f"{anchor}_1"
            anchors.append(anchor)
    return anchors


def _shipped_texts():
    """Every source and data file of the installed package, as (path, text)."""
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".toml") and "__pycache__" not in path.parts:
            yield path, path.read_text(encoding="utf-8")


class TestDomainCitations:
    """Shipped text cites the documentation page *The domain* (domain.md#what-is-known-and-what-is-not), never a file users lack."""

    def test_anchor_rule_matches_mkdocs(self):
        """The heading-to-anchor rule gives the anchors Python-Markdown's toc gives, where it is installed."""
        markdown = pytest.importorskip("markdown")
        md = markdown.Markdown(extensions=["toc", "tables", "fenced_code", "admonition"])
        md.convert(DOMAIN_PAGE.read_text(encoding="utf-8"))

        def ids(tokens):
            for token in tokens:
                yield token["id"]
                yield from ids(token["children"])

        assert _anchors(DOMAIN_PAGE.read_text(encoding="utf-8")) == list(ids(md.toc_tokens))

    def test_the_page_has_the_anchors_others_link_to(self):
        """docs/domain.md offers the stable anchors of both regimes and of what is known."""
        anchors = set(_anchors(DOMAIN_PAGE.read_text(encoding="utf-8")))
        stable = {"regime-a", "regime-b", "what-is-known-and-what-is-not", "status-marks", "reference-values"}
        assert stable <= anchors

    @pytest.mark.parametrize("rid", [KASN, B, JPT])
    def test_rubric_notes_cite_the_page(self, rid):
        """A shipped rubric's notes cite the docs page at an existing anchor, never DOMAIN.md."""
        text = meritsys.dumps_rubrik(get_rubrik(rid))
        assert "DOMAIN.md" not in text
        cited = set(_CITATION.findall(text))
        assert cited
        assert cited <= set(_anchors(DOMAIN_PAGE.read_text(encoding="utf-8")))

    def test_package_never_mentions_domain_md(self):
        """No module, docstring, comment or rubric file of the installed package mentions DOMAIN.md."""
        files = list(_shipped_texts())
        assert any(path.suffix == ".toml" for path, _ in files)
        assert [str(path.relative_to(PACKAGE)) for path, text in files if "DOMAIN.md" in text] == []

    def test_every_citation_names_an_existing_anchor(self):
        """Every citation of the page in the package, the tests, the docs and the README names one of its headings."""
        anchors = set(_anchors(DOMAIN_PAGE.read_text(encoding="utf-8")))
        sources = [*_shipped_texts()]
        sources += [(p, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "tests").rglob("*.py"))]
        sources += [(p, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "docs").rglob("*.md"))]
        sources.append((ROOT / "README.md", (ROOT / "README.md").read_text(encoding="utf-8")))
        cited = [
            (str(path.relative_to(ROOT)), anchor) for path, text in sources for anchor in _CITATION.findall(text)
        ]
        assert len({path for path, _ in cited}) > 5
        assert [(path, anchor) for path, anchor in cited if anchor not in anchors] == []

    def test_links_inside_the_page_resolve(self):
        """The page's own links to its sections name headings it has."""
        text = DOMAIN_PAGE.read_text(encoding="utf-8")
        anchors = set(_anchors(text))
        local = re.findall(r"\]\(#([^)]+)\)", text)
        assert local
        assert [a for a in local if a not in anchors] == []


class TestRegistry:
    @pytest.mark.parametrize(
        ("tanggal", "rid"),
        [
            (dt.date(2019, 1, 1), KASN),
            (dt.date(2023, 6, 30), KASN),
            (dt.date(2025, 12, 30), KASN),
            (dt.date(2025, 12, 31), B),
            (dt.date(2026, 9, 1), B),
        ],
        ids=["first-day", "mid-2023", "last-day", "b-first-day", "2026"],
    )
    def test_rubrik_for_date(self, tanggal, rid):
        """The rubric in force on a date is found."""
        assert rubrik_for_date(tanggal).id == rid

    @pytest.mark.parametrize(
        ("tahun", "rid"),
        [(2019, KASN), (2024, KASN), (2025, KASN), (2026, B), (2030, B)],
        ids=["2019", "2024", "2025", "2026", "2030"],
    )
    def test_rubrik_for_cycle(self, tahun, rid):
        """The rubric of a cycle is the one in force when the cycle opens: 2025 is regime A, 2026 regime B."""
        assert rubrik_for_cycle(tahun).id == rid

    def test_cycle_not_announcement_date(self):
        """A 2025-cycle result announced in January 2026 is regime A, although regime B is in force on that date."""
        assert rubrik_for_date(dt.date(2026, 1, 15)).id == B
        assert rubrik_for_cycle(2025).id == KASN

    def test_cycle_accepts_numpy_years(self):
        """A year read from a cohort's column (a numpy integer) names a cycle like an int."""
        import numpy as np

        assert rubrik_for_cycle(np.int16(2025)).id == KASN

    @pytest.mark.parametrize(
        ("tahun", "message"),
        [
            ("2025", "$.tahun: expected a whole number (a cycle year), got '2025'"),
            (True, "$.tahun: expected a whole number (a cycle year), got True"),
            (2025.0, "$.tahun: expected a whole number (a cycle year), got 2025.0"),
            (1999, "$.tahun: must lie in 2000..2100, got 1999"),
        ],
        ids=["string", "bool", "float", "too-early"],
    )
    def test_cycle_must_be_a_year(self, tahun, message):
        """A cycle that is not a whole year in 2000..2100 is refused with its path."""
        with pytest.raises(ValidationError) as info:
            rubrik_for_cycle(tahun)
        assert info.value.messages == (message,)

    def test_no_rubrik_for_a_cycle_before_2019(self):
        """No shipped rubric is in force when the 2018 cycle opens; the message names the day and the cycle."""
        with pytest.raises(RubricNotFoundError) as info:
            rubrik_for_cycle(2018)
        assert str(info.value) == "no known rubric is in force on 2018-01-01 (the first day of cycle 2018)"

    def test_user_rubric_wins_by_cycle(self, registered):
        """A registered rubric in force when a cycle opens beats the shipped one, as by date."""
        registered(kasn_variant(id="kasn-daerah"))
        assert rubrik_for_cycle(2023).id == "kasn-daerah"
        assert rubrik_for_cycle(2026).id == B

    def test_no_rubrik_before_2019(self):
        """No shipped rubric is in force before 2019."""
        with pytest.raises(RubricNotFoundError, match="2018-06-30"):
            rubrik_for_date(dt.date(2018, 6, 30))

    def test_unknown_id_lists_known(self):
        """An unknown id raises RubricNotFoundError naming the known ids."""
        with pytest.raises(RubricNotFoundError, match="kasn-2019"):
            get_rubrik("kasn-2018")

    def test_list_is_ordered_by_date(self):
        """list_rubrik returns the rubrics in force order."""
        assert [r.id for r in list_rubrik()] == [KASN, JPT, B]

    def test_plugin_may_build_on_a_shipped_rubric(self, plugins):
        """A rubric package that looks up a shipped rubric while it loads gets it, and loads once, without warnings."""
        source = (
            "import attrs\nfrom meritsys import get_rubrik\nCALLS = []\n"
            "def make():\n    CALLS.append(1)\n    return [attrs.evolve(get_rubrik('kasn-2019'), id='kasn-2019-turunan')]\n"
        )
        plugins("rubrik_turunan", source, "[meritsys.rubrics]\nturunan = rubrik_turunan:make\n")
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert get_rubrik("kasn-2019-turunan").aspek == get_rubrik(KASN).aspek
        assert sys.modules["rubrik_turunan"].CALLS == [1]

    def test_bad_file_in_a_registered_folder_is_named(self, tmp_path):
        """A rubric problem found in a folder names the file it is in."""
        bad = tmp_path / "rusak.toml"
        bad.write_text('id = "x"\nwarna = "biru"\n', encoding="utf-8")
        with pytest.raises(ValidationError) as exc:
            register_rubrik(tmp_path)
        assert all(m.endswith(f"(in {bad})") for m in exc.value.messages)
        assert "$.warna: unknown key (in " + str(bad) + ")" in exc.value.messages

    def test_bad_rubrik_path_entry_names_the_variable(self, tmp_path, monkeypatch):
        """A MERITSYS_RUBRIK_PATH entry that cannot be read is reported with the variable's name."""
        missing = tmp_path / "tidak-ada.toml"
        monkeypatch.setenv("MERITSYS_RUBRIK_PATH", str(missing))
        with pytest.raises(ValidationError) as exc:
            get_rubrik(KASN)
        (message,) = exc.value.messages
        assert message.startswith(f"$: cannot read {missing}")
        assert message.endswith(f"(in MERITSYS_RUBRIK_PATH entry {missing})")


class TestRubrikSources:
    def test_register_a_rubrik_object(self, registered):
        """A Rubrik object registered by the user is found by id and listed; clearing forgets it."""
        own = kasn_variant(id="kasn-2019-saya")
        assert registered(own) == (own,)
        assert get_rubrik("kasn-2019-saya") is own
        assert own in list_rubrik()
        clear_registered()
        with pytest.raises(RubricNotFoundError, match="no rubric 'kasn-2019-saya'; known: jpt-2021, kasn-2019, permenpanrb-19-2025"):
            get_rubrik("kasn-2019-saya")

    def test_register_a_folder_reads_toml_and_json_only(self, tmp_path, registered):
        """A folder's .toml and .json files are registered in name order; other files are ignored."""
        (tmp_path / "b.toml").write_text((SHIPPED / "kasn-2019.toml").read_text().replace('id = "kasn-2019"', 'id = "dari-toml"', 1))
        _write_variant(tmp_path, "a.json", id="dari-json")
        (tmp_path / "catatan.txt").write_text("bukan rubrik")
        assert [r.id for r in registered(tmp_path)] == ["dari-json", "dari-toml"]

    def test_register_an_invalid_file(self, tmp_path, registered):
        """Registering a file that is not a valid rubric raises its problems and registers nothing."""
        path = tmp_path / "r.json"
        data = rubrik_data(kasn())
        data["id"] = "rusak"
        data["warna"] = "biru"
        path.write_text(json.dumps(data))
        assert messages(registered, path) == (f"$.warna: unknown key (in {path})",)
        with pytest.raises(RubricNotFoundError):
            get_rubrik("rusak")

    def test_environment_path_lists_files_and_folders(self, tmp_path, monkeypatch):
        """MERITSYS_RUBRIK_PATH takes files and folders separated by the path separator; empty parts are skipped."""
        folder = tmp_path / "map"
        folder.mkdir()
        _write_variant(folder, "a.json", id="env-folder")
        single = _write_variant(tmp_path, "satu.json", id="env-file")
        monkeypatch.setenv("MERITSYS_RUBRIK_PATH", os.pathsep.join([str(folder), "", str(single)]))
        assert (get_rubrik("env-folder").id, get_rubrik("env-file").id) == ("env-folder", "env-file")

    def test_source_priority(self, tmp_path, monkeypatch, registered):
        """For one id, a registered rubric beats MERITSYS_RUBRIK_PATH, which beats the shipped one."""
        _write_variant(tmp_path, "k.json", nama="Dari lingkungan")
        monkeypatch.setenv("MERITSYS_RUBRIK_PATH", str(tmp_path))
        assert get_rubrik(KASN).nama == "Dari lingkungan"
        assert rubrik_for_date(dt.date(2023, 6, 30)).nama == "Dari lingkungan"
        registered(kasn_variant(nama="Milik saya"))
        assert get_rubrik(KASN).nama == "Milik saya"
        assert rubrik_for_date(dt.date(2023, 6, 30)).nama == "Milik saya"
        monkeypatch.delenv("MERITSYS_RUBRIK_PATH")
        clear_registered()
        assert get_rubrik(KASN) == kasn()

    def test_environment_rubric_in_force_wins_by_date(self, tmp_path, monkeypatch):
        """A rubric from MERITSYS_RUBRIK_PATH in force on a date beats the shipped one in force then."""
        _write_variant(tmp_path, "k.json", id="kasn-daerah")
        monkeypatch.setenv("MERITSYS_RUBRIK_PATH", str(tmp_path))
        assert rubrik_for_date(dt.date(2023, 6, 30)).id == "kasn-daerah"
        assert rubrik_for_date(dt.date(2026, 6, 30)).id == B

    def test_several_in_force_from_one_source(self, registered):
        """Two user rubrics in force on the same date are ambiguous: the error names both."""
        registered(kasn_variant(id="kasn-a"))
        registered(kasn_variant(id="kasn-b"))
        with pytest.raises(RubricNotFoundError) as info:
            rubrik_for_date(dt.date(2023, 6, 30))
        assert str(info.value) == "several rubrics are in force on 2023-06-30: kasn-a, kasn-b; name one by id"

    def test_rubrik_or_file(self, tmp_path):
        """A command-line rubric name is an existing .toml/.json file, or else an id."""
        path = _write_variant(tmp_path, "Milik.JSON", nama="Dari berkas")
        assert get_rubrik_or_file(str(path)).nama == "Dari berkas"
        assert get_rubrik_or_file(KASN) == kasn()
        with pytest.raises(RubricNotFoundError, match=r"no rubric 'tidak-ada\.json'"):
            get_rubrik_or_file("tidak-ada.json")

    def test_register_replaces_shipped_by_id(self, tmp_path):
        """A user's rubric file registered under a shipped id replaces it."""
        data = rubrik_data(kasn())
        data["nama"] = "Instrumen resmi yang saya pegang"
        path = tmp_path / "kasn.json"
        path.write_text(meritsys.dumps_rubrik(meritsys.io.parse_rubrik(data)))
        try:
            register_rubrik(path)
            assert meritsys.get_rubrik("kasn-2019").nama == "Instrumen resmi yang saya pegang"
        finally:
            clear_registered()
        assert meritsys.get_rubrik("kasn-2019").nama != "Instrumen resmi yang saya pegang"

    def test_register_a_folder_and_resolve_by_date(self, tmp_path):
        """A folder of rubrics registers each, and the user's own win by date."""
        data = rubrik_data(kasn())
        data["id"] = "kasn-2019-daerah"
        (tmp_path / "a.json").write_text(meritsys.dumps_rubrik(meritsys.io.parse_rubrik(data)))
        try:
            assert [r.id for r in register_rubrik(tmp_path)] == ["kasn-2019-daerah"]
            import datetime as dt

            assert meritsys.rubrik_for_date(dt.date(2023, 6, 30)).id == "kasn-2019-daerah"
            assert meritsys.rubrik_for_date(dt.date(2026, 6, 30)).id == "permenpanrb-19-2025"
        finally:
            clear_registered()

    def test_environment_variable(self, tmp_path, monkeypatch):
        """MERITSYS_RUBRIK_PATH adds rubric folders."""
        data = rubrik_data(kasn())
        data["id"] = "kasn-2019-env"
        (tmp_path / "r.json").write_text(meritsys.dumps_rubrik(meritsys.io.parse_rubrik(data)))
        monkeypatch.setenv("MERITSYS_RUBRIK_PATH", str(tmp_path))
        assert meritsys.get_rubrik("kasn-2019-env").id == "kasn-2019-env"


RUBRIC_MODULE = '''
import json
from pathlib import Path

from meritsys.io import parse_rubrik

DATA = json.loads((Path(__file__).parent / "kasn.json").read_text())


def semua():
    return [parse_rubrik({**DATA, "id": "kasn-fungsi"})]


def bukan_rubrik():
    return ["kasn-2019"]


ANGKA = 5
'''


class TestRubricPlugins:
    @pytest.fixture
    def module(self, tmp_path):
        (tmp_path / "kasn.json").write_text(meritsys.dumps_rubrik(kasn()))
        return RUBRIC_MODULE

    def test_callable_returning_rubrics(self, plugins, module):
        """An entry point naming a callable contributes the rubrics it returns."""
        plugins("uji_rubrik_fungsi", module, "[meritsys.rubrics]\nfungsi = uji_rubrik_fungsi:semua\n")
        assert get_rubrik("kasn-fungsi").nama == kasn().nama
        assert [r.id for r in list_rubrik()] == [KASN, "kasn-fungsi", JPT, B]

    def test_package_of_rubric_files(self, plugins, tmp_path):
        """An entry point naming a package contributes its .toml/.json files, ignoring others."""
        pkg = tmp_path / "uji_paket_rubrik"
        pkg.mkdir()
        (pkg / "__init__.py").write_text("")
        _write_variant(pkg, "a.json", id="paket-json")
        (pkg / "b.toml").write_text((SHIPPED / "kasn-2019.toml").read_text().replace('id = "kasn-2019"', 'id = "paket-toml"', 1))
        (pkg / "README.md").write_text("bukan rubrik")
        plugins("uji_paket_rubrik", None, "[meritsys.rubrics]\npaket = uji_paket_rubrik\n")
        assert {"paket-json", "paket-toml"} <= {r.id for r in list_rubrik()}

    @pytest.mark.parametrize(
        ("target", "message"),
        [
            ("uji_rubrik_salah:bukan_rubrik", "PluginError: returned str, not a Rubrik"),
            ("uji_rubrik_salah:ANGKA", "PluginError: expected a package or a callable, got int"),
        ],
        ids=["returns-text", "not-callable"],
    )
    def test_bad_rubric_plugin_is_skipped_with_a_warning(self, plugins, module, target, message):
        """A rubric plugin giving something other than rubrics is skipped with a warning saying what it gave."""
        plugins("uji_rubrik_salah", module, f"[meritsys.rubrics]\nsalah = {target}\n")
        with pytest.warns(PluginWarning, match=rf"rubric package 'salah' \({target}\) in meritsys.rubrics failed to load: {message}"):
            assert [r.id for r in list_rubrik()] == [KASN, JPT, B]

    def test_rubric_package_entry_point(self, tmp_path, monkeypatch):
        """An installed rubric package (entry point naming a package of TOML files) is found."""
        pkg = tmp_path / "paket_rubrik"
        pkg.mkdir()
        (pkg / "__init__.py").write_text("")
        data = rubrik_data(kasn())
        data["id"] = "kasn-2019-paket"
        (pkg / "r.json").write_text(meritsys.dumps_rubrik(meritsys.io.parse_rubrik(data)))
        dist = tmp_path / "paket_rubrik-0.1.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: paket-rubrik\nVersion: 0.1\n")
        (dist / "entry_points.txt").write_text("[meritsys.rubrics]\npaket = paket_rubrik\n")
        monkeypatch.syspath_prepend(str(tmp_path))
        reload_plugins()
        try:
            assert meritsys.get_rubrik("kasn-2019-paket").id == "kasn-2019-paket"
        finally:
            monkeypatch.undo()
            sys.modules.pop("paket_rubrik", None)
            reload_plugins()

    def test_broken_rubric_package_warns(self, tmp_path, monkeypatch):
        """A broken rubric package is skipped with a warning; shipped rubrics still resolve."""
        broken_dist(tmp_path, "meritsys.rubrics", "tidak_ada_paket")
        monkeypatch.syspath_prepend(str(tmp_path))
        reload_plugins()
        try:
            with pytest.warns(PluginWarning, match="rubric package 'rusak'"):
                assert meritsys.get_rubrik("kasn-2019").id == "kasn-2019"
        finally:
            monkeypatch.undo()
            reload_plugins()


    def test_a_distribution_whose_entry_points_are_not_utf8_is_named_not_raised(self, tmp_path, monkeypatch):
        """Another package's entry_points.txt that is not UTF-8 (which importlib.metadata cannot read) is a warning: the shipped rubrics still resolve."""
        other = tmp_path / "lain-0.1.dist-info"
        other.mkdir()
        (other / "entry_points.txt").write_bytes(b"[console_scripts]\nalat = m\xe9:main\n")
        broken_dist(tmp_path, "meritsys.rubrics", "tidak_ada_paket")
        monkeypatch.syspath_prepend(str(tmp_path))
        reload_plugins()
        try:
            with pytest.warns(PluginWarning, match=r"entry points cannot be read, so no plugin in meritsys\.rubrics is loaded: UnicodeDecodeError"):
                assert meritsys.get_rubrik("kasn-2019").id == "kasn-2019"
        finally:
            monkeypatch.undo()
            reload_plugins()


class TestShippedLookup:
    @pytest.mark.parametrize(
        "rubrik_id",
        ["x" * 5000, "../rubrics/kasn-2019", "kasn-2019/../kasn-2019", "kasn-2019\x00"],
        ids=["very-long", "path-up", "path-around", "nul"],
    )
    def test_an_id_is_never_a_path(self, rubrik_id):
        """An unknown id, however long or path-like, is RubricNotFoundError with a shortened echo, never an OS error."""
        with pytest.raises(RubricNotFoundError) as info:
            get_rubrik(rubrik_id)
        assert len(str(info.value)) < 200
