"""Scoring and classification: the cohort, strategies, the band classifier, the registry.

The pieces a strategy plugin is written with are public here: the
:class:`ScoringStrategy` and :class:`LinearStrategy` protocols, :class:`AspectLinear`
(a strategy from aspect weights), :func:`resolve` (an assessment against its
rubric), :func:`aspect_fulfilment`, :func:`build_hasil` (a result with its
explanation and provenance), :class:`Kohort` and :class:`SkorBatch`.
"""

from meritsys.scoring._api import classify, score, score_batch, score_many
from meritsys.scoring._aspect_linear import AspectLinear
from meritsys.scoring._aspects import aspect_fulfilment, aspect_fulfilment_matrix
from meritsys.scoring._classifier import BandClassifier, Klasifikasi, classify_units, next_band
from meritsys.scoring._dask import score_batch_dask
from meritsys.scoring._explain import build_hasil
from meritsys.scoring._geometric import GeometricMean
from meritsys.scoring._kohort import JENIS, KOSONG, TAHAP, TIDAK_BERLAKU, Kohort
from meritsys.scoring._maturity import MaturityIndex
from meritsys.scoring._protocols import (
    Classifier,
    LinearModel,
    LinearStrategy,
    ScoringStrategy,
    WeightModel,
    require_linear,
)
from meritsys.scoring._registry import (
    get_classifier,
    get_strategy,
    list_classifiers,
    list_strategies,
    reload_plugins,
    resolve_strategy,
)
from meritsys.scoring._resolution import Resolved, resolve
from meritsys.scoring._skor import SkorBatch
from meritsys.scoring._weakest import WeakestAspectCap
from meritsys.scoring._weighted_sum import WeightedSum, weight_unit

__all__ = [
    "JENIS",
    "KOSONG",
    "TAHAP",
    "TIDAK_BERLAKU",
    "AspectLinear",
    "BandClassifier",
    "Classifier",
    "GeometricMean",
    "Klasifikasi",
    "Kohort",
    "LinearModel",
    "LinearStrategy",
    "MaturityIndex",
    "Resolved",
    "ScoringStrategy",
    "SkorBatch",
    "WeakestAspectCap",
    "WeightModel",
    "WeightedSum",
    "aspect_fulfilment",
    "aspect_fulfilment_matrix",
    "build_hasil",
    "classify",
    "classify_units",
    "get_classifier",
    "get_strategy",
    "list_classifiers",
    "list_strategies",
    "next_band",
    "reload_plugins",
    "require_linear",
    "resolve",
    "resolve_strategy",
    "score",
    "score_batch",
    "score_batch_dask",
    "score_many",
    "weight_unit",
]
