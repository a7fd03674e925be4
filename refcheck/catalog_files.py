"""Which files make a catalog stack, and the content key that names its cache.

Apart from ``catalog`` so that the result cache can name a stack (reading and hashing its
files) without importing the catalog machinery, which a run whose files are all cached never
needs.
"""
from __future__ import annotations

import hashlib
from dataclasses import fields as dc_fields
from pathlib import Path
from typing import Optional, Sequence, Union

from .model import Document

PathLike = Union[str, Path]
DOC_FIELDS: tuple[str, ...] = tuple(f.name for f in dc_fields(Document))
CACHE_SCHEMA = "refcheck-catalog-cache-9"


def default_catalog_path() -> Path:
    installed = Path(__file__).resolve().parent / "_default" / "catalog.yaml"
    if installed.is_file():  # the wheel's layout; no importlib.resources import needed
        return installed
    try:
        from importlib.resources import files

        p = files("refcheck._default") / "catalog.yaml"
        if p.is_file():
            return Path(str(p))
    except (ModuleNotFoundError, ImportError, TypeError, AttributeError):
        pass
    return Path(__file__).resolve().parent.parent / "catalog.yaml"


def _version() -> str:
    try:
        from . import __version__

        return __version__
    except ImportError:  # pragma: no cover
        return "0"


def cache_key(contents: Sequence[bytes]) -> str:
    h = hashlib.sha256()
    h.update(f"{CACHE_SCHEMA}\0{_version()}\0{','.join(DOC_FIELDS)}\0".encode())
    for c in contents:
        h.update(hashlib.sha256(c).digest())
    return h.hexdigest()


def stack_key(paths: Optional[Sequence[PathLike]] = None, *, default: bool = True) -> str:
    """The content key of a catalog stack (what the catalog cache is keyed by), without
    loading it. Raises OSError when a file cannot be read."""
    return cache_key([p.read_bytes() for p in stack_files(paths, default)])


def stack_files(paths, default) -> list[Path]:
    files = [default_catalog_path()] if default else []
    files += [Path(p) for p in (paths or [])]
    return files
