"""The stages of an assessment: paper (the self-assessment) versus field (the verified and final results)."""

from meritsys.analysis._stages._gap import (
    PerubahanIndikator,
    SelisihAspek,
    SelisihInstansi,
    SelisihTahap,
    compare_stages,
)

__all__ = ["PerubahanIndikator", "SelisihAspek", "SelisihInstansi", "SelisihTahap", "compare_stages"]
