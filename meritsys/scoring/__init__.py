"""Scoring and classification: strategies, the band classifier, the batch path, the registry."""

from meritsys.scoring.api import classify, score, score_batch, score_many
from meritsys.scoring.batch import KOSONG, TIDAK_BERLAKU, AnswerMatrix, SkorBatch
from meritsys.scoring.classifier import BandClassifier, Klasifikasi
from meritsys.scoring.geometric import GeometricMean
from meritsys.scoring.maturity import MaturityIndex
from meritsys.scoring.protocols import Classifier, ScoringStrategy
from meritsys.scoring.registry import (
    get_classifier,
    get_strategy,
    list_classifiers,
    list_strategies,
    reload_plugins,
)
from meritsys.scoring.resolution import Resolved, resolve
from meritsys.scoring.weakest import WeakestAspectCap
from meritsys.scoring.weighted_sum import WeightedSum, weight_unit

__all__ = [
    "KOSONG",
    "TIDAK_BERLAKU",
    "AnswerMatrix",
    "BandClassifier",
    "Classifier",
    "GeometricMean",
    "Klasifikasi",
    "MaturityIndex",
    "Resolved",
    "ScoringStrategy",
    "SkorBatch",
    "WeakestAspectCap",
    "WeightedSum",
    "classify",
    "get_classifier",
    "get_strategy",
    "list_classifiers",
    "list_strategies",
    "reload_plugins",
    "resolve",
    "score",
    "score_batch",
    "score_many",
    "weight_unit",
]
