"""Reading and writing rubric files (TOML or JSON).

The rubric's content hash (:func:`~meritsys.model.rubrik_sha256`) lives in the
model, so scoring can record it without this module.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from meritsys.errors import ValidationError
from meritsys.io._reader import read_document
from meritsys.io._structure import structure, unstructure
from meritsys.io._suffix import file_name
from meritsys.model import Rubrik, rubrik_sha256

__all__ = ["dumps_rubrik", "load_rubrik", "parse_rubrik", "read_mapping", "rubrik_sha256"]


def parse_rubrik(data: Mapping[str, Any]) -> Rubrik:
    """Build and fully validate a :class:`Rubrik` from parsed TOML/JSON data."""
    return structure(dict(data), Rubrik)


def read_mapping(path: str | os.PathLike[str], *, what: str, decimals: bool = False) -> dict[str, Any]:
    """Read a ``.json`` file (strict JSON) or any other file as TOML, which must hold an object.

    Raises:
        ValidationError: if the file cannot be read or parsed or is not an object.
    """
    data = read_document(path, decimals=decimals)
    if not isinstance(data, dict):
        raise ValidationError(f"{file_name(path)}: {what} must be an object, got {type(data).__name__}", code="type")
    return data


def load_rubrik(path: str | os.PathLike[str]) -> Rubrik:
    """Load a rubric from a ``.toml`` or ``.json`` file.

    Raises:
        ValidationError: if the file cannot be read or parsed, or the rubric
            breaks a rule; every problem is listed with its path.
    """
    data = read_mapping(path, what="a rubric")
    return parse_rubrik(data)


def dumps_rubrik(rubrik: Rubrik, *, indent: int | None = 2) -> str:
    """Serialise a rubric to JSON text that :func:`load_rubrik` reads back unchanged."""
    return json.dumps(unstructure(rubrik), ensure_ascii=False, indent=indent)
