"""From plain data to model objects and back: the public :func:`structure` and :func:`unstructure`.

A clean document is built directly (:mod:`meritsys.io._direct`, no cattrs);
anything else goes through the strict cattrs converter, which names every
problem by its path.  cattrs is imported the first time it is needed.
"""

from __future__ import annotations

from typing import Any, TypeVar

from meritsys.io._direct import UNBUILT, build

__all__ = ["structure", "unstructure"]

T = TypeVar("T")


def structure(data: Any, cls: type[T], *, path: str = "") -> T:
    """Build a *cls* from plain data, or raise one :class:`~meritsys.errors.ValidationError` listing every problem.

    Args:
        data: Parsed JSON/TOML (dicts, lists, strings, numbers).
        cls: The model class to build.
        path: Where *data* sits in a larger document (for error messages).

    Examples:
        >>> from meritsys.model import Instansi
        >>> structure({"kode": "kota-contoh", "nama": "Kota Contoh", "jenis": "kota"}, Instansi)
        Instansi(kode='kota-contoh', nama='Kota Contoh', jenis=<JenisInstansi.KOTA: 'kota'>, provinsi=None)
        >>> structure({"kode": "kota-contoh", "nama": "Kota Contoh", "jenis": "desa"}, Instansi)
        Traceback (most recent call last):
        ...
        meritsys.errors.ValidationError: $.jenis: 'desa' is not one of 'kementerian', 'lembaga', 'lembaga_negara', 'provinsi', 'kabupaten', 'kota'
    """
    built = build(data, cls)
    if built is not UNBUILT:
        return built
    from meritsys.io._converter import structure_checked

    return structure_checked(data, cls, path=path)


def unstructure(obj: Any) -> Any:
    """Turn a model object (or a list of them) into JSON-ready plain data.

    Examples:
        >>> from meritsys.model import Instansi
        >>> unstructure(Instansi("kota-contoh", "Kota Contoh", "kota"))
        {'kode': 'kota-contoh', 'nama': 'Kota Contoh', 'jenis': 'kota', 'provinsi': None}
    """
    from meritsys.io._write import plain  # the way out: reading a rubric in does not import the result model

    return plain(obj)
