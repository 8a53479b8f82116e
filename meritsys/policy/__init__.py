"""Rules that change: reforms, baseline-versus-reform comparison, policy tests."""

from meritsys.policy.compare import BarisPerbandingan, Perbandingan, compare
from meritsys.policy.konversi import Konversi, convert_linear, convert_proportional
from meritsys.policy.reform import IndikatorBaru, Reform, apply_reforms, load_reform

__all__ = [
    "BarisPerbandingan",
    "IndikatorBaru",
    "Konversi",
    "Perbandingan",
    "Reform",
    "apply_reforms",
    "compare",
    "convert_linear",
    "convert_proportional",
    "load_reform",
]
