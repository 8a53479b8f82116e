"""Build the synthetic three-year history examples/data/riwayat-kasn-2022-2024.json.

    python examples/riwayat.py

Ten fictional agencies (Sukamaju, Contoh, ...), regime A (``kasn-2019``),
cycles 2022-2024, final results (*penetapan*) plus one self-assessment. Each
agency-year answers every indicator of an aspect at one level, so its index is
the sum of aspect weight x level and stays the same however the rubric splits
an aspect into indicators. Some agencies are missing from some cycles:

* ``kota-contoh`` is Sangat Baik in 2023 and, by the KASN-era cadence, skips 2024;
* ``kab-makmur-jaya`` is Baik in 2023 and misses 2024, in which it was due;
* ``kab-tanjung-asri`` and ``kementerian-contoh`` are Sangat Baik in 2022 and skip 2023;
* ``komisi-contoh`` is first assessed in 2023;
* ``kab-sukamaju`` has a self-assessment (Sangat Baik) and a final result (Baik) for 2024.

A test checks that the shipped file equals what this script writes; the
documentation's hand counts (docs/konsekuensi.md) are made on it.
"""

from __future__ import annotations

import json
from pathlib import Path

import meritsys

HERE = Path(__file__).parent
OUT = HERE / "data" / "riwayat-kasn-2022-2024.json"

INSTANSI = {
    "kota-contoh": ("Pemerintah Kota Contoh", "kota", "Jawa Barat"),
    "kab-sukamaju": ("Pemerintah Kabupaten Sukamaju", "kabupaten", "Jawa Tengah"),
    "kota-lestari": ("Pemerintah Kota Lestari", "kota", "Kalimantan Timur"),
    "kab-makmur-jaya": ("Pemerintah Kabupaten Makmur Jaya", "kabupaten", "Sulawesi Selatan"),
    "kab-tanjung-asri": ("Pemerintah Kabupaten Tanjung Asri", "kabupaten", "Sumatera Utara"),
    "prov-nusa-contoh": ("Pemerintah Provinsi Nusa Contoh", "provinsi", "Nusa Contoh"),
    "prov-sejahtera": ("Pemerintah Provinsi Sejahtera", "provinsi", "Sejahtera"),
    "kementerian-contoh": ("Kementerian Contoh", "kementerian", None),
    "badan-contoh": ("Badan Contoh Nasional", "lembaga", None),
    "komisi-contoh": ("Sekretariat Jenderal Komisi Contoh", "lembaga_negara", None),
}

# (agency, cycle, stage): the level of every indicator of aspects 1..8
# (aspect weights 10, 10, 32.5, 10, 20, 10, 2.5, 5: all at 3 give 300).
LEVELS = {
    ("kota-contoh", 2022, "penetapan"): "33233333",  # 267.5 Baik
    ("kota-contoh", 2023, "penetapan"): "34334344",  # 337.5 Sangat Baik
    ("kab-sukamaju", 2022, "penetapan"): "22322222",  # 232.5 Kurang
    ("kab-sukamaju", 2023, "penetapan"): "33333322",  # 292.5 Baik
    ("kab-sukamaju", 2024, "mandiri"): "34334344",  # 337.5 Sangat Baik
    ("kab-sukamaju", 2024, "penetapan"): "33333333",  # 300 Baik
    ("kota-lestari", 2022, "penetapan"): "12112111",  # 130 Buruk
    ("kota-lestari", 2023, "penetapan"): "22222222",  # 200 Kurang
    ("kota-lestari", 2024, "penetapan"): "32223222",  # 230 Kurang
    ("kab-makmur-jaya", 2022, "penetapan"): "23233333",  # 257.5 Baik
    ("kab-makmur-jaya", 2023, "penetapan"): "33333333",  # 300 Baik
    ("kab-tanjung-asri", 2022, "penetapan"): "44344333",  # 350 Sangat Baik
    ("kab-tanjung-asri", 2024, "penetapan"): "33433322",  # 325 Sangat Baik (the lower bound)
    ("prov-nusa-contoh", 2022, "penetapan"): "22232233",  # 217.5 Kurang
    ("prov-nusa-contoh", 2023, "penetapan"): "23332333",  # 270 Baik
    ("prov-nusa-contoh", 2024, "penetapan"): "33333322",  # 292.5 Baik
    ("prov-sejahtera", 2022, "penetapan"): "33333333",  # 300 Baik
    ("prov-sejahtera", 2023, "penetapan"): "33334321",  # 307.5 Baik
    ("prov-sejahtera", 2024, "penetapan"): "34334344",  # 337.5 Sangat Baik
    ("kementerian-contoh", 2022, "penetapan"): "44444333",  # 382.5 Sangat Baik
    ("kementerian-contoh", 2024, "penetapan"): "44344333",  # 350 Sangat Baik
    ("badan-contoh", 2022, "penetapan"): "23332333",  # 270 Baik
    ("badan-contoh", 2023, "penetapan"): "33223233",  # 247.5 Kurang (2.5 below Baik)
    ("badan-contoh", 2024, "penetapan"): "23233333",  # 257.5 Baik
    ("komisi-contoh", 2023, "penetapan"): "22232233",  # 217.5 Kurang
    ("komisi-contoh", 2024, "penetapan"): "33233333",  # 267.5 Baik
}


def items() -> list[dict[str, object]]:
    """The assessments, by cycle, then agency (in the order above), then stage."""
    kasn = meritsys.get_rubrik("kasn-2019")
    order = list(INSTANSI)
    out = []
    for kode, tahun, tahap in sorted(LEVELS, key=lambda k: (k[1], order.index(k[0]), k[2])):
        nama, jenis, provinsi = INSTANSI[kode]
        levels = LEVELS[kode, tahun, tahap]
        instansi: dict[str, object] = {"kode": kode, "nama": nama, "jenis": jenis}
        if provinsi is not None:
            instansi["provinsi"] = provinsi
        out.append(
            {
                "instansi": instansi,
                "tahun": tahun,
                "rubrik": kasn.id,
                "tahap": tahap,
                "jawaban": {ind.kode: int(levels[a]) for a, asp in enumerate(kasn.aspek) for ind in asp.indikator},
            }
        )
    return out


def text() -> str:
    """The file's text: indented JSON, answers on one line per assessment."""
    lines = []
    for item in items():
        body = json.dumps(item, ensure_ascii=False)
        lines.append("  " + body)
    return "[\n" + ",\n".join(lines) + "\n]\n"


if __name__ == "__main__":
    OUT.write_text(text(), encoding="utf-8")
    print(f"wrote {OUT}")
