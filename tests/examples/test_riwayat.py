"""The shipped synthetic history is what examples/riwayat.py writes, and it holds what the documentation counts on."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import meritsys

EXAMPLES = Path(__file__).parents[2] / "examples"


def _builder():
    spec = importlib.util.spec_from_file_location("riwayat_builder", EXAMPLES / "riwayat.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestShippedHistory:
    def test_the_file_is_what_the_script_writes(self) -> None:
        """examples/data/riwayat-kasn-2022-2024.json equals the output of examples/riwayat.py, byte for byte."""
        builder = _builder()
        assert builder.OUT.read_text(encoding="utf-8") == builder.text()

    def test_every_index_is_the_one_its_comment_states(self) -> None:
        """Each assessment scores the index and category written beside its levels in the script."""
        builder = _builder()
        source = (EXAMPLES / "riwayat.py").read_text(encoding="utf-8")
        stated = {}
        for line in source.splitlines():
            if line.strip().startswith('("') and "#" in line:
                key = eval(line.split(":")[0].strip())  # the tuple literal (agency, cycle, stage)
                index, _, label = line.split("#")[1].strip().partition(" ")
                stated[key] = (index, label.split(" (")[0])
        assert len(stated) == len(builder.LEVELS)
        for h in meritsys.score_many(meritsys.read_penilaian(builder.OUT)):
            assert (str(h.indeks), h.kategori.label) == stated[h.instansi.kode, h.tahun, h.tahap.value]

    def test_fictional_agencies_only(self) -> None:
        """The history names only fictional agencies (Sukamaju, Contoh, ...)."""
        builder = _builder()
        names = [nama for nama, _, _ in builder.INSTANSI.values()]
        assert all(any(w in n for w in ("Contoh", "Sukamaju", "Lestari", "Makmur Jaya", "Tanjung Asri", "Sejahtera")) for n in names)
