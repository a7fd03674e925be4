"""Which files make a catalog stack, and the content key that names its cache.

Apart from ``catalog`` so that the result cache can name a stack (reading and hashing its
files) without importing the catalog machinery, which a run whose files are all cached never
needs.
"""
from __future__ import annotations

from dataclasses import fields as dc_fields
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence, Union

from refcheck.fsio import code_stamp, sha256
from refcheck.model import Document

PathLike = Union[str, Path]
DOC_FIELDS: tuple[str, ...] = tuple(f.name for f in dc_fields(Document))
CACHE_SCHEMA = "refcheck-catalog-cache-12"  # 10: one symbol parser; 11: series coverage; 12: plenum series


def default_catalog_path() -> Path:
    package = Path(__file__).resolve().parent.parent
    installed = package / "_default" / "catalog.yaml"
    if installed.is_file():  # the wheel's layout; no importlib.resources import needed
        return installed
    if package.is_dir():  # on disk (a checkout): the resource would be the file just tried
        return package.parent / "catalog.yaml"
    try:  # zipped
        from importlib.resources import files

        p = files("refcheck._default") / "catalog.yaml"
        if p.is_file():
            return Path(str(p))
    except (ModuleNotFoundError, ImportError, TypeError, AttributeError):
        pass
    return package.parent / "catalog.yaml"


def _version() -> str:
    try:
        from refcheck._version import __version__

        return __version__
    except ImportError:  # pragma: no cover
        return "0"


@lru_cache(maxsize=1)
def _code_stamp() -> str:
    """The catalog and notation stages' files by stat (:func:`refcheck.fsio.code_stamp`): the
    index they build is keyed by them, as results are by all of refcheck's code. d1d7912
    changed the index (plenum series) without a ``CACHE_SCHEMA`` bump, and a checkout's old
    cache made tests/test_plenums_khoa8.py fail."""
    return code_stamp("catalog", "notation")


def cache_key(contents: Sequence[bytes]) -> str:
    h = sha256()
    h.update(f"{CACHE_SCHEMA}\0{_version()}\0{_code_stamp()}\0{','.join(DOC_FIELDS)}\0".encode())
    for c in contents:
        h.update(sha256(c).digest())
    return h.hexdigest()


def stack_key(paths: Optional[Sequence[PathLike]] = None, *, default: bool = True) -> str:
    """The content key of a catalog stack (what the catalog cache is keyed by), without
    loading it. Raises OSError when a file cannot be read."""
    return key_for(stack_files(paths, default))[0]


#: A file modified this recently may change again within the same timestamp tick, so its
#: (size, mtime) does not yet name its content (git's "racily clean" rule).
RACY_SECONDS = 2.0
_KEEP_MEMOS = 64


def key_for(files: Sequence[Path]) -> tuple[str, Optional[list[bytes]]]:
    """(content key, the files' contents when they had to be read).

    Reading and hashing the 2.7 MB default catalog costs a few milliseconds on every run;
    a file whose path, size, modification and status-change times and inode are unchanged
    since its key was recorded is not read again (as Python trusts a .pyc by its source's
    mtime and size; the status-change time catches an mtime put back by ``cp -p``).
    Raises OSError when a file cannot be read."""
    import os
    import time

    stats = [os.stat(p) for p in files]
    token = "\n".join(f"{os.path.abspath(p)}\0{st.st_size}\0{st.st_mtime_ns}\0"
                      f"{st.st_ctime_ns}\0{st.st_ino}" for p, st in zip(files, stats))
    memo_name = sha256(f"{CACHE_SCHEMA}\0{_version()}\0{_code_stamp()}\0{token}".encode(
        "utf-8", "surrogatepass")).hexdigest()
    memo_dir = _memo_dir()
    if memo_dir is not None:
        try:
            key = (memo_dir / memo_name).read_text(encoding="ascii")
            if len(key) == 64:
                return key, None
        except (OSError, ValueError):
            pass
    from refcheck.fsio import MAX_CATALOG_BYTES, read_capped

    contents = [read_capped(p, MAX_CATALOG_BYTES) for p in files]
    key = cache_key(contents)
    newest = max((st.st_mtime for st in stats), default=0.0)
    if memo_dir is not None and time.time() - newest > RACY_SECONDS:
        _write_memo(memo_dir, memo_name, key)
    return key, contents


def _memo_dir() -> Optional[Path]:
    from refcheck.fsio import cache_dir

    d = cache_dir()
    return None if d is None else d / "catalog-keys"


def _write_memo(memo_dir: Path, name: str, key: str) -> None:
    import os

    from refcheck.fsio import try_write_atomic

    if not try_write_atomic(memo_dir / name, key.encode("ascii")):
        return
    try:
        with os.scandir(memo_dir) as it:
            memos = sorted(((e.stat().st_mtime_ns, e.path) for e in it if not e.name.startswith(".")),
                           reverse=True)
        for _, path in memos[_KEEP_MEMOS:]:
            os.unlink(path)
    except OSError:
        pass


def stack_files(paths, default) -> list[Path]:
    files = [default_catalog_path()] if default else []
    files += [Path(p) for p in (paths or [])]
    return files

#: The ``refcheck_catalog:`` format version files must declare.
FORMAT_VERSION = 1

#: Counters for tests and benchmarks: how many files were parsed, how many loads hit the cache.
stats = {"parsed": 0, "cache_hits": 0, "cache_writes": 0}
