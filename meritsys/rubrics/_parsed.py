"""The shipped rubrics, parsed ahead of time.

:mod:`tomllib` is pure Python: parsing ``kasn-2019.toml`` takes longer than all
the rest of ``meritsys classify``'s own work.  So each shipped TOML file has,
in the ``_parsed`` folder beside it, its document as JSON, stamped with the
length and CRC-32 of the TOML bytes it was made from.  A copy whose stamp
matches the TOML is read instead of it (``json`` is C); a stale copy is
ignored and the TOML is parsed, so the TOML stays the only source of truth and
an edit can never be hidden by an old copy.  The document still goes through
the same structuring and every rule of :class:`~meritsys.model.Rubrik`.  The
copy also records the rubric's content hash (:func:`~meritsys.model.rubrik_sha256`),
so a quick command never computes it (nor loads OpenSSL for it).

``tests/rubrics/test_parsed.py`` fails while a copy is stale or missing;
rewrite the copies with ``python -m meritsys.rubrics._parsed``.
"""

from __future__ import annotations

import json
import os
import zlib
from typing import TYPE_CHECKING, Any

from meritsys.io._reader import parse_document
from meritsys.io._rubrik import load_rubrik, parse_rubrik
from meritsys.model import Rubrik
from meritsys.model._fingerprint import rubrik_sha256

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["FOLDER", "copy_of", "load_shipped", "stamp", "write_copies"]

FOLDER = "_parsed"


def stamp(raw: bytes) -> dict[str, int]:
    """What a copy records of the TOML bytes it was made from."""
    return {"bytes": len(raw), "crc32": zlib.crc32(raw)}


def copy_of(path: Path) -> Path:
    """Where the parsed copy of the shipped rubric file *path* lives."""
    return path.parent / FOLDER / f"{path.stem}.json"


def load_shipped(path: str | os.PathLike[str]) -> Rubrik:
    """A shipped rubric file, from its parsed copy when the copy is fresh, else from the file itself."""
    folder, name = os.path.split(os.fspath(path))
    stem, suffix = os.path.splitext(name)
    copy = os.path.join(folder, FOLDER, f"{stem}.json")  # copy_of(path), without pathlib
    if suffix == ".toml" and os.path.isfile(copy):
        with open(copy, "rb") as f:
            saved = parse_document(f.read(), "json", name=f"{stem}.json")
        with open(path, "rb") as f:
            raw = f.read()
        if isinstance(saved, dict) and saved.get("sumber") == stamp(raw):
            rubrik = parse_rubrik(saved["dokumen"])
            if isinstance(saved.get("sha256"), str):
                rubrik_sha256.remember(rubrik, saved["sha256"])
            return rubrik
    return load_rubrik(path)


def _document(path: Path) -> dict[str, Any]:
    """The TOML document of *path* as JSON holds it (dates as ISO text)."""
    from meritsys.io._rubrik import read_mapping

    # the keys keep their order: a gate's options are listed in messages as the rubric gives them
    return json.loads(json.dumps(read_mapping(path, what="a rubric"), default=lambda d: d.isoformat()))  # type: ignore[no-any-return]


def write_copies(folder: Path | None = None) -> list[Path]:
    """Write the parsed copy of every shipped TOML rubric; return the copies written."""
    from pathlib import Path

    folder = Path(__file__).parent if folder is None else folder
    written = []
    for path in sorted(folder.glob("*.toml")):
        copy = copy_of(path)
        copy.parent.mkdir(exist_ok=True)
        saved = {"sumber": stamp(path.read_bytes()), "sha256": rubrik_sha256(load_rubrik(path)), "dokumen": _document(path)}
        copy.write_text(json.dumps(saved, ensure_ascii=False, indent=None) + "\n", encoding="utf-8")
        written.append(copy)
    return written


if __name__ == "__main__":  # pragma: no cover - the maintainers' command
    for p in write_copies():
        print(p)
