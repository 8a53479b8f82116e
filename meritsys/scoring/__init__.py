"""Scoring and classification: the cohort, strategies, the band classifier, the registry.

The pieces a strategy plugin is written with are public here: the
:class:`ScoringStrategy` and :class:`LinearStrategy` protocols, :class:`AspectLinear`
(a strategy from aspect weights), :func:`resolve` (an assessment against its
rubric), :func:`aspect_fulfilment`, :func:`build_hasil` (a result with its
explanation and provenance), :class:`Kohort` and :class:`SkorBatch`.
Each name is imported the first time it is used, so the single path (a
rubric, one assessment, the band classifier) runs without numpy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from meritsys._lazy import lazy_names

if TYPE_CHECKING:
    from meritsys.scoring._api import (
        classify,
        score,
        score_batch,
        score_many,
    )
    from meritsys.scoring._aspect_linear import (
        AspectLinear,
    )
    from meritsys.scoring._aspects import (
        aspect_fulfilment,
        aspect_fulfilment_matrix,
    )
    from meritsys.scoring._classifier import (
        BandClassifier,
        Klasifikasi,
        classify_units,
        next_band,
    )
    from meritsys.scoring._dask import (
        score_batch_dask,
    )
    from meritsys.scoring._explain import (
        build_hasil,
    )
    from meritsys.scoring._geometric import (
        GeometricMean,
    )
    from meritsys.scoring._interim import score_interim
    from meritsys.scoring._kohort import (
        JENIS,
        KOSONG,
        TAHAP,
        TIDAK_BERLAKU,
        Kohort,
    )
    from meritsys.scoring._maturity import (
        MaturityIndex,
    )
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
    from meritsys.scoring._resolution import (
        Resolved,
        resolve,
    )
    from meritsys.scoring._skor import (
        SkorBatch,
    )
    from meritsys.scoring._weakest import (
        WeakestAspectCap,
    )
    from meritsys.scoring._weighted_sum import (
        WeightedSum,
        weight_unit,
    )

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
    "score_interim",
    "score_many",
    "weight_unit",
]

_WHERE = {
    "JENIS": "meritsys.scoring._kohort",
    "KOSONG": "meritsys.scoring._kohort",
    "TAHAP": "meritsys.scoring._kohort",
    "TIDAK_BERLAKU": "meritsys.scoring._kohort",
    "AspectLinear": "meritsys.scoring._aspect_linear",
    "BandClassifier": "meritsys.scoring._classifier",
    "Classifier": "meritsys.scoring._protocols",
    "GeometricMean": "meritsys.scoring._geometric",
    "Klasifikasi": "meritsys.scoring._classifier",
    "Kohort": "meritsys.scoring._kohort",
    "LinearModel": "meritsys.scoring._protocols",
    "LinearStrategy": "meritsys.scoring._protocols",
    "MaturityIndex": "meritsys.scoring._maturity",
    "Resolved": "meritsys.scoring._resolution",
    "ScoringStrategy": "meritsys.scoring._protocols",
    "SkorBatch": "meritsys.scoring._skor",
    "WeakestAspectCap": "meritsys.scoring._weakest",
    "WeightModel": "meritsys.scoring._protocols",
    "WeightedSum": "meritsys.scoring._weighted_sum",
    "aspect_fulfilment": "meritsys.scoring._aspects",
    "aspect_fulfilment_matrix": "meritsys.scoring._aspects",
    "build_hasil": "meritsys.scoring._explain",
    "classify": "meritsys.scoring._api",
    "classify_units": "meritsys.scoring._classifier",
    "get_classifier": "meritsys.scoring._registry",
    "get_strategy": "meritsys.scoring._registry",
    "list_classifiers": "meritsys.scoring._registry",
    "list_strategies": "meritsys.scoring._registry",
    "next_band": "meritsys.scoring._classifier",
    "reload_plugins": "meritsys.scoring._registry",
    "require_linear": "meritsys.scoring._protocols",
    "resolve": "meritsys.scoring._resolution",
    "resolve_strategy": "meritsys.scoring._registry",
    "score": "meritsys.scoring._api",
    "score_batch": "meritsys.scoring._api",
    "score_batch_dask": "meritsys.scoring._dask",
    "score_interim": "meritsys.scoring._interim",
    "score_many": "meritsys.scoring._api",
    "weight_unit": "meritsys.scoring._weighted_sum",
}


if not TYPE_CHECKING:  # a type checker sees the names above only, so a misspelt name stays an error there
    __getattr__, __dir__ = lazy_names(__name__, _WHERE, globals(), __all__)
