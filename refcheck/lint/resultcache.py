"""The result cache, in the manner of ruff's: one file per project root and settings.

Editors and pre-commit hooks run ``refcheck check drafts/`` over folders where most files
have not changed since the last run. The cache holds, for every file checked under one
project root with one set of settings, catalogs and refcheck code (the *salt*, which names
the cache file), the file's size, modification time and content hash (BLAKE2b of its bytes)
and its result without the text. A run reads that one file at its start and writes it once
at its end (to a temporary file renamed over the old one: a killed run leaves the previous
cache), so a rerun over 20,000 unchanged drafts opens one cache file, not 20,000.

A file whose size and mtime match its entry is a hit without being read, unless the entry
is *racy* (the file changed within ``RACY_NS`` of the run that stored it, so an edit in the
same clock tick could hide behind an equal mtime, as git's index has it): then, and
whenever the caller needs the text anyway (to report positions, to fix), the bytes are read
and their hash must match, so a stale or swapped entry can never be applied to other text.

An entry also keeps the file's piece of the JSON report after its path (the exact text the
JSON writer would make from the result: ``jsonfmt.tail``) and the highest severity of its
findings, so a rerun with ``--format json`` writes each unchanged file as stat, compare,
write: no result is rebuilt, no JSON encoded. Results are stored as plain data
(``refcheck.lint.plain``), never pickled: reading a cache file runs no code, and a damaged
or forged entry is a miss.

Pruning: entries of files that no longer exist, and entries not used for ``MAX_AGE_NS``,
are dropped when the cache is written; cache files of other settings unused that long are
deleted. Nothing is dropped because of a count. Anything unreadable is an empty cache, and an
unwritable cache directory only means nothing is kept.
"""
from __future__ import annotations

import marshal
import os
import time
from pathlib import Path
from typing import Optional

from refcheck.fsio import blake2b, sha256
from refcheck.model import FileResult

_SCHEMA = "refcheck-results-4"
MAX_AGE_NS = 30 * 24 * 3600 * 10**9
RACY_NS = 2 * 10**9  # FAT and some network file systems keep mtimes to 2 s
_REFRESH_NS = 24 * 3600 * 10**9  # rewrite an all-hit cache once a day to keep its stamps

# An entry: (size, mtime_ns, digest, payload, last_used_ns, piece, rank, form).
# payload: ``marshal.dumps((kind, articles, positions))``, bytes that are decoded only when a
# report needs the result (decoding every entry's articles took 0.20 s of a JSON rerun over
# 20,000 drafts; copying them as bytes 5 ms); articles as ``plain.articles_to_plain``
# writes them, positions the (line, column) of every offset the report looks up ({offset:
# (line, column)}) or None. form: "c" for a file with neither citations nor findings (most
# drafts), "t" for one whose positions are stored, "n" for one stored by a run that kept
# the text (a report must then read the file for its positions). piece: the JSON report's
# text for the file after its path as UTF-8 bytes, or None until a JSON run made it; rank:
# the highest ``severity_rank`` of its findings, -1 for none.
Entry = tuple
_ENTRY_LEN = 8


def stamp_ns(st: os.stat_result) -> int:
    """The time an entry is matched on: the later of the file's modification and status
    change times. ``cp -p``, ``rsync -a`` or ``touch -r`` put back an old mtime on new
    content of the same size (a date's digit corrected); the status change time cannot be
    set back, so such a file is read again rather than reported from its old entry."""
    return max(st.st_mtime_ns, st.st_ctime_ns)


def code_fingerprint() -> str:
    """The schema, the version and every code file of refcheck by stat
    (:func:`refcheck.fsio.code_stamp`): a development checkout that changes code without a
    version bump must not meet old results."""
    from refcheck._version import __version__
    from refcheck.fsio import code_stamp

    return "\n".join((_SCHEMA, __version__, code_stamp()))


def digest(data: bytes) -> bytes:
    return blake2b(data, 16).digest()


def payload(result: FileResult, table: Optional[dict]) -> tuple[str, bytes]:
    """A result as stored: (form, payload bytes), see ``Entry``; workers build it, the
    parent keeps it as it is. ``ValueError``/``TypeError``: a result the cache cannot hold
    (it is then not cached)."""
    from refcheck.lint.plain import articles_to_plain

    arts = articles_to_plain(result.articles)
    if not any(a.citations or a.findings for a in result.articles):
        form, table = "c", None
    else:
        form = "n" if table is None else "t"
    return form, marshal.dumps((result.kind, arts, table))


_LAST: list = [None, None]  # the payload decoded last: get() then position() of one hit


def _decode(data: bytes) -> tuple:
    """(kind, articles as plain data, checked positions table) of payload bytes."""
    if _LAST[0] is data:
        return _LAST[1]
    from refcheck.lint.plain import table_ok

    got = marshal.loads(data)
    if type(got) is not tuple or len(got) != 3 or type(got[0]) is not str:
        raise ValueError("payload")
    got = got[0], got[1], table_ok(got[2])
    _LAST[:] = data, got
    return got


def result_of(stored: tuple[str, bytes], path: str) -> FileResult:
    """The stored result back (``ValueError`` and the like for a damaged payload)."""
    from refcheck.lint.plain import articles_from_plain

    kind, arts, _ = _decode(stored[1])
    return FileResult(path, articles_from_plain(arts), None, "", kind)


def rank_of(result: FileResult) -> int:
    """The highest severity rank of the result's findings, -1 for none (``Entry.rank``)."""
    from refcheck.model import severity_rank

    return max((severity_rank(f.severity) for a in result.articles for f in a.findings),
               default=-1)


class ResultCache:
    """The cached results of one project root under one salt (settings, catalogs, code)."""

    def __init__(self, root: Path, salt: str, project: str = "") -> None:
        self.dir = root / "results"
        name = sha256(f"{salt}\0{project}".encode("utf-8", "surrogatepass")).hexdigest()
        self.path = self.dir / f"{name[:32]}.cache"
        self._old: Optional[dict[str, Entry]] = None
        self._new: dict[str, Entry] = {}
        self._written_ns = 0
        self._now = time.time_ns()
        self.hits = self.misses = self.opened = 0
        self._dirty = False

    # -- reading ----------------------------------------------------------------------------

    def _entries(self) -> dict[str, Entry]:
        if self._old is None:
            self._old = {}
            try:
                with open(self.path, "rb") as fh:
                    self.opened += 1
                    data = marshal.loads(fh.read())  # load(fh) reads in small pieces
                if (type(data) is tuple and len(data) == 3 and data[0] == _SCHEMA
                        and type(data[1]) is int and type(data[2]) is dict):
                    self._written_ns, self._old = data[1], data[2]
            except Exception:  # missing, truncated, from another Python: an empty cache
                self._old = {}
        return self._old

    def lookup(self, key: str, size: int, mtime_ns: int) -> Optional[Entry]:
        """The entry of ``key`` (an absolute path) if its size and mtime still match."""
        e = self._entries().get(key)
        if (type(e) is not tuple or len(e) != _ENTRY_LEN or e[0] != size or e[1] != mtime_ns
                or type(e[4]) is not int):
            return None  # (anything else in a damaged file is a miss too)
        return e

    def textless(self, e: Entry) -> bool:
        """Whether a report can be written from the entry alone, without the file's text."""
        return e[7] == "c" or e[7] == "t"

    def position(self, e: Entry):
        """The offset -> (line, column) function of a textless entry (None: not needed;
        ``ValueError``: a damaged entry)."""
        if e[7] != "t":
            return None
        table = _decode(e[3])[2]
        if table is None:
            raise ValueError("positions")
        return table.__getitem__

    def trusted(self, e: Entry) -> bool:
        """Whether size and mtime alone vouch for the content (not racy)."""
        return type(e[1]) is int and e[1] < self._written_ns - RACY_NS

    def piece(self, key: str, e: Entry, data_digest: Optional[bytes] = None
              ) -> Optional[tuple[str, int]]:
        """The entry's JSON piece and rank, used as a hit (None: no piece kept, or the bytes
        just read do not match; the caller then asks :meth:`get`, which counts the miss)."""
        tail, rank = e[5], e[6]
        if (type(tail) is not bytes or type(rank) is not int
                or (data_digest is not None and data_digest != e[2])):
            return None
        try:
            text = tail.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            return None
        self._use(key, e, data_digest)
        return text, rank

    def add_piece(self, key: str, tail: str, rank: int) -> None:
        """Keep the piece a JSON run made from a hit that had none (a run of another format
        stored it): written once, then every JSON rerun takes it as it is."""
        e = self._new.get(key)
        if e is not None:
            self._new[key] = e[:5] + (tail.encode("utf-8", "surrogatepass"), rank, e[7])
            self._dirty = True

    def get(self, key: str, e: Entry, path: str, data_digest: Optional[bytes] = None
            ) -> Optional[FileResult]:
        """The cached result for a looked-up entry; ``data_digest`` (the hash of the bytes
        just read) must match when given. ``None`` is a miss."""
        if data_digest is not None and data_digest != e[2]:
            self.misses += 1
            return None
        try:
            result = result_of((e[7], e[3]), path)
        except Exception:  # a damaged entry is a miss
            self.misses += 1
            return None
        self._use(key, e, data_digest)
        return result

    def _use(self, key: str, e: Entry, data_digest: Optional[bytes]) -> None:
        """A hit: the entry is kept (stamped anew once a day) into the next cache file."""
        self.hits += 1
        self._new[key] = e if self._now - e[4] < _REFRESH_NS else e[:4] + (self._now,) + e[5:]
        if e is not self._new[key]:
            self._dirty = True
        elif (data_digest is not None and not self.trusted(e)
              and e[1] < self._now - RACY_NS):
            # Racy when stored, verified by its hash now and no longer racy: rewrite the
            # cache (stamped with this run's start) so that the next run trusts size and
            # mtime. Without it an all-hit cache is never rewritten, and the drafts written
            # just before a short first run were read and hashed on every rerun (3,267 of
            # 5,913 files in bench/folder.py --quick's folder, each sent to the workers).
            self._dirty = True

    # -- writing ----------------------------------------------------------------------------

    def put(self, key: str, size: int, mtime_ns: int, data_digest: bytes,
            result: FileResult, table: Optional[dict] = None,
            piece: Optional[tuple[str, int]] = None) -> None:
        try:
            stored = payload(result, table)
        except (ValueError, TypeError, AttributeError):
            return
        self.put_payload(key, size, mtime_ns, data_digest, stored, piece)

    def put_payload(self, key: str, size: int, mtime_ns: int, data_digest: bytes,
                    stored: tuple[str, bytes], piece: Optional[tuple[str, int]] = None
                    ) -> None:
        try:
            tail, rank = ((piece[0].encode("utf-8", "surrogatepass"), piece[1])
                          if piece is not None else (None, -1))
        except UnicodeEncodeError:  # pragma: no cover - surrogatepass encodes any str
            tail, rank = None, -1
        self._new[key] = (size, mtime_ns, data_digest, stored[1], self._now, tail, rank,
                          stored[0])
        self._dirty = True

    def save(self) -> None:
        """Write the cache once, atomically: this run's entries, and the old ones of files
        that still exist and were used within ``MAX_AGE_NS``."""
        old = self._entries()
        merged = dict(self._new)
        kept = {}
        for key, e in old.items():
            if key in merged:
                continue
            if (type(e) is not tuple or len(e) != _ENTRY_LEN or type(e[4]) is not int
                    or type(key) is not str or self._now - e[4] > MAX_AGE_NS):
                self._dirty = True
                continue
            kept[key] = e
        present = _existing(kept)
        if len(present) < len(kept):
            self._dirty = True
        for key in present:
            merged[key] = kept[key]
        if not self._dirty:
            return
        from refcheck.fsio import try_write_atomic

        try:
            data = marshal.dumps((_SCHEMA, self._now, merged))
        except ValueError:
            return
        if not try_write_atomic(self.path, data):
            return
        self._prune_others()

    def _prune_others(self) -> None:
        """Delete cache files of other settings not used for ``MAX_AGE_NS`` and the per-file
        results of the first cache layout (one ``.pickle`` per result)."""
        try:
            with os.scandir(self.dir) as it:
                for e in it:
                    if e.path == str(self.path):
                        continue
                    old_layout = e.name.endswith(".pickle")
                    if old_layout or (e.name.endswith((".cache", ".tmp"))
                                      and self._now - e.stat().st_mtime_ns > MAX_AGE_NS):
                        os.unlink(e.path)
        except OSError:
            pass


# A folder holding at least this many of the entries to check is listed once instead of
# one ``stat`` per entry: a run over one draft of a 20,000-draft project kept the others'
# entries at the price of 20,000 ``os.path.exists`` (50 ms, more than the run).
_LIST_MIN = 8


def _existing(keys) -> list[str]:
    """The absolute paths among ``keys`` that still name something (a name listed in its
    folder, or ``os.path.exists`` for folders with few of them)."""
    by_folder: dict[str, list[str]] = {}
    for key in keys:
        folder, _, name = key.rpartition("/")
        by_folder.setdefault(folder, []).append(name)
    present: list[str] = []
    for folder, names in by_folder.items():
        prefix = folder + "/"
        if len(names) < _LIST_MIN:
            present.extend(prefix + n for n in names if os.path.exists(prefix + n))
            continue
        try:
            listed = set(os.listdir(folder or "/"))
        except OSError:  # the folder is gone (or unreadable: its files are not checked)
            continue
        present.extend(prefix + n for n in names if n in listed)
    return present
