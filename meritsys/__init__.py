"""meritsys: Indonesia's civil-service merit-system index as a typed Python SDK.

Load the rubric in force, score an assessment exactly as the regulation does,
and see why it got its category:

    >>> import meritsys
    >>> kasn = meritsys.get_rubrik("kasn-2019")
    >>> p = meritsys.Penilaian(
    ...     meritsys.Instansi("kab-sukamaju", "Pemerintah Kabupaten Sukamaju", "kabupaten"),
    ...     2023, "kasn-2019", {i.kode: 3 for i in kasn.indikator})
    >>> hasil = meritsys.score(p)
    >>> hasil.indeks, hasil.kategori.label
    (Decimal('300'), 'Baik')
"""

from importlib.metadata import PackageNotFoundError, version

from meritsys._numbers import fraction_to_decimal, round_half_up
from meritsys.errors import (
    IncompatibleStrategyError,
    MeritsysError,
    PluginError,
    PluginWarning,
    Problem,
    RubricNotFoundError,
    ValidationError,
)
from meritsys.io import (
    dumps,
    dumps_rubrik,
    load_rubrik,
    loads_hasil,
    loads_penilaian,
    read_penilaian,
    rubrik_sha256,
)
from meritsys.model import (
    Angka,
    Aspek,
    AturanBatas,
    Gerbang,
    Hasil,
    HasilAspek,
    Indikator,
    Instansi,
    JarakKategori,
    JenisBatas,
    JenisInstansi,
    Kategori,
    KategoriHasil,
    KebijakanKosong,
    KebijakanTidakBerlaku,
    Komposisi,
    Kontribusi,
    LetakBobot,
    Level,
    Normalisasi,
    Penilaian,
    Rubrik,
    RubrikRef,
    Rujukan,
    Saran,
    Skala,
    Status,
    Syarat,
    Tahap,
)
from meritsys.policy import (
    Konversi,
    Perbandingan,
    Reform,
    apply_reforms,
    compare,
    convert_linear,
    convert_proportional,
    load_reform,
)
from meritsys.rubrics import get_rubrik, list_rubrik, register_rubrik, rubrik_for_date
from meritsys.scoring import (
    AnswerMatrix,
    BandClassifier,
    Classifier,
    GeometricMean,
    Klasifikasi,
    MaturityIndex,
    ScoringStrategy,
    SkorBatch,
    WeakestAspectCap,
    WeightedSum,
    classify,
    get_strategy,
    list_strategies,
    score,
    score_batch,
    score_many,
)

try:
    __version__ = version("meritsys")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0+unknown"

__all__ = [
    "Angka",
    "AnswerMatrix",
    "Aspek",
    "AturanBatas",
    "BandClassifier",
    "Classifier",
    "GeometricMean",
    "Gerbang",
    "Hasil",
    "HasilAspek",
    "IncompatibleStrategyError",
    "Indikator",
    "Instansi",
    "JarakKategori",
    "JenisBatas",
    "JenisInstansi",
    "Kategori",
    "KategoriHasil",
    "KebijakanKosong",
    "KebijakanTidakBerlaku",
    "Klasifikasi",
    "Komposisi",
    "Kontribusi",
    "Konversi",
    "LetakBobot",
    "Level",
    "MaturityIndex",
    "MeritsysError",
    "Normalisasi",
    "Penilaian",
    "Perbandingan",
    "PluginError",
    "PluginWarning",
    "Problem",
    "Reform",
    "RubricNotFoundError",
    "Rubrik",
    "RubrikRef",
    "Rujukan",
    "Saran",
    "ScoringStrategy",
    "Skala",
    "SkorBatch",
    "Status",
    "Syarat",
    "Tahap",
    "ValidationError",
    "WeakestAspectCap",
    "WeightedSum",
    "__version__",
    "apply_reforms",
    "classify",
    "compare",
    "convert_linear",
    "convert_proportional",
    "dumps",
    "dumps_rubrik",
    "fraction_to_decimal",
    "get_rubrik",
    "get_strategy",
    "list_rubrik",
    "list_strategies",
    "load_reform",
    "load_rubrik",
    "loads_hasil",
    "loads_penilaian",
    "read_penilaian",
    "register_rubrik",
    "round_half_up",
    "rubrik_for_date",
    "rubrik_sha256",
    "score",
    "score_batch",
    "score_many",
]
