"""Per-file result cache, as ruff keeps one: a file whose input, settings, catalogs and
refcheck code are all unchanged is not checked again; its result comes from the cache.

Editors run ``refcheck check drafts/`` over folders where most files have not changed since
the last run; a cached file costs a read, a hash and an unpickle instead of the grammar,
the catalog and every rule (and a run where every file hits never imports lark nor loads the
catalog).

The key is a sha256 over a salt (refcheck's version, a fingerprint of the package's own files,
the catalog stack's content key, the settings in force) and the file's own input (path, kind,
the text as read, the HTML or Markdown source it came from, the front-matter date). Results
do not depend on the day they are computed (no rule reads the clock). A value is the pickled
``FileResult`` without its text, which the caller already holds. One file per key under
``<cache dir>/results``; the newest ``KEEP`` are kept. Anything unreadable is a miss, and an
unwritable cache directory only means nothing is cached.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Optional

from refcheck.model import FileResult

KEEP = 2000  # result files kept (a few kB each)
_SCHEMA = "refcheck-results-1"


def code_fingerprint() -> str:
    """Name, size and modification time of refcheck's own modules and grammar files: a
    development checkout that changes code without a version bump must not meet old results."""
    from refcheck._version import __version__

    parts = [_SCHEMA, __version__]
    package = Path(__file__).resolve().parent.parent
    try:
        files = sorted(p for p in package.rglob("*") if p.suffix in (".py", ".lark", ".yaml"))
        for p in files:
            st = p.stat()
            parts.append(f"{p.relative_to(package)}:{st.st_size}:{st.st_mtime_ns}")
    except OSError:
        parts.append(f"{package}:?")
    return "\n".join(parts)


class ResultCache:
    """Cached ``FileResult``s for one run: ``salt`` names everything but the file itself."""

    def __init__(self, root: Path, salt: str) -> None:
        self.dir = root / "results"
        self._salt = hashlib.sha256(salt.encode("utf-8", "surrogatepass")).digest()
        self.hits = self.misses = self.writes = 0

    def key(self, src) -> str:
        h = hashlib.sha256(self._salt)
        for part in (src.path, src.kind, src.front_matter_date or "", src.text,
                     getattr(src, "_source", None) or ""):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\0")
        return h.hexdigest()

    def get(self, key: str, text: str) -> Optional[FileResult]:
        import pickle

        try:
            with open(self.dir / f"{key}.pickle", "rb") as fh:
                result = pickle.load(fh)
        except Exception:  # missing, truncated, from another Python: a miss
            self.misses += 1
            return None
        if not isinstance(result, FileResult):
            self.misses += 1
            return None
        result.text = text
        self.hits += 1
        return result

    def put(self, key: str, result: FileResult) -> None:
        import pickle

        text, result.text = result.text, ""
        tmp = self.dir / f".{key}.{os.getpid()}.tmp"
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as fh:
                pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.dir / f"{key}.pickle")
            self.writes += 1
        except (OSError, pickle.PicklingError):
            try:
                tmp.unlink()
            except OSError:
                pass
        finally:
            result.text = text

    def prune(self) -> None:
        """Keep the newest ``KEEP`` results (run after a run that wrote some)."""
        if not self.writes:
            return
        try:
            with os.scandir(self.dir) as it:
                entries = [(e.stat().st_mtime_ns, e.path) for e in it if e.name.endswith(".pickle")]
            if len(entries) <= KEEP:
                return
            entries.sort(reverse=True)
            for _, path in entries[KEEP:]:
                os.unlink(path)
        except OSError:
            pass
