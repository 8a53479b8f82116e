"""Rules that change: reforms, baseline-versus-reform comparison, policy tests."""

from meritsys.policy.compare import BarisPerbandingan, Perbandingan, compare
from meritsys.policy.reform import IndikatorBaru, Reform, apply_reforms, load_reform

__all__ = [
    "BarisPerbandingan",
    "IndikatorBaru",
    "Perbandingan",
    "Reform",
    "apply_reforms",
    "compare",
    "load_reform",
]
