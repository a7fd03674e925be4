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

from refcheck.fsio import sha256
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
def _code_digest() -> str:
    """A digest of the code and data the cached index is built by (the catalog and notation
    stages): a checkout whose index code changed without a ``CACHE_SCHEMA`` bump (d1d7912
    added plenum series; an older cache lacked them and tests/test_plenums_khoa8.py failed on
    it) must not read an index the old code built. About 30 small files, read once per
    process and only when a catalog is loaded; a zipped install (no files to list) keys by
    the version alone."""
    root = Path(__file__).resolve().parent.parent
    h = sha256()
    for stage in ("catalog", "notation"):
        for p in sorted((root / stage).glob("*.py")) + sorted((root / stage).glob("*.yaml")):
            try:
                h.update(p.name.encode() + b"\0" + p.read_bytes())
            except OSError:
                pass
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def _code_stamp() -> str:
    """Names, sizes and modification times of the files :func:`_code_digest` reads. The memo
    of :func:`key_for` trusts them by ``stat``, as it trusts the catalog files: a run that
    finds its key there (every cached run) does not read and hash 200 KB of code (2.4 ms of
    each start-up); a changed file misses the memo, and the key is made from the digest."""
    import os

    root = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    parts = []
    for stage in ("catalog", "notation"):
        try:
            with os.scandir(os.path.join(root, stage)) as it:
                for e in it:
                    if e.name.endswith((".py", ".yaml")) and e.is_file():
                        st = e.stat()
                        parts.append(f"{stage}/{e.name}\0{st.st_size}\0{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{stage}\0?")
    return "\n".join(sorted(parts))


def cache_key(contents: Sequence[bytes]) -> str:
    h = sha256()
    h.update(f"{CACHE_SCHEMA}\0{_version()}\0{_code_digest()}\0{','.join(DOC_FIELDS)}\0".encode())
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
