"""Rules that change: reforms, baseline-versus-reform comparison, policy tests."""

from meritsys.policy._compare import BarisPerbandingan, Perbandingan, compare
from meritsys.policy._kasus import (
    HasilKasus,
    Selisih,
    check_file,
    find_files,
    is_policy_file,
    load_cases,
    run_case,
    run_file,
)
from meritsys.policy._konversi import Konversi, convert_linear, convert_proportional
from meritsys.policy._reform import IndikatorBaru, Reform, apply_reforms, load_reform

__all__ = [
    "BarisPerbandingan",
    "HasilKasus",
    "IndikatorBaru",
    "Konversi",
    "Perbandingan",
    "Reform",
    "Selisih",
    "apply_reforms",
    "check_file",
    "compare",
    "convert_linear",
    "convert_proportional",
    "find_files",
    "is_policy_file",
    "load_cases",
    "load_reform",
    "run_case",
    "run_file",
]
