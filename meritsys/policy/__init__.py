"""Rules that change and rules that follow: reforms, baseline-versus-reform comparison, policy tests, consequence policies."""

from meritsys.policy._compare import BarisPerbandingan, Perbandingan, compare
from meritsys.policy._jadwal import Jadwal, due_for_assessment
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
from meritsys.policy._kelayakan import Kelayakan, award_list, jpt_exemption
from meritsys.policy._konsekuensi import AturanKategori, AturanSiklus, KebijakanKonsekuensi, StatusAturan
from meritsys.policy._konsekuensi_data import (
    get_konsekuensi,
    konsekuensi_for_cycle,
    list_konsekuensi,
    load_konsekuensi,
)
from meritsys.policy._konversi import Konversi, convert_linear, convert_proportional
from meritsys.policy._reform import IndikatorBaru, Reform, apply_reforms, load_reform
from meritsys.policy._riwayat import BarisRiwayat, Riwayat

__all__ = [
    "AturanKategori",
    "AturanSiklus",
    "BarisPerbandingan",
    "BarisRiwayat",
    "HasilKasus",
    "IndikatorBaru",
    "Jadwal",
    "KebijakanKonsekuensi",
    "Kelayakan",
    "Konversi",
    "Perbandingan",
    "Reform",
    "Riwayat",
    "Selisih",
    "StatusAturan",
    "apply_reforms",
    "award_list",
    "check_file",
    "compare",
    "convert_linear",
    "convert_proportional",
    "due_for_assessment",
    "find_files",
    "get_konsekuensi",
    "is_policy_file",
    "jpt_exemption",
    "konsekuensi_for_cycle",
    "list_konsekuensi",
    "load_cases",
    "load_konsekuensi",
    "load_reform",
    "run_case",
    "run_file",
]
