"""The folder run: every walked file to its result, in walk order, cached and on all cores.

For each file the parent takes one ``stat`` and asks the result cache. A trusted hit for a
file with neither citations nor findings is served without reading the file; every other
file is *work*: read as bytes once, hashed, decoded once, and either matched against its
cache entry (a hit whose text the report needs) or checked. Work runs in this process or,
when there is enough of it (``PARALLEL_MIN_BYTES``) and ``jobs`` (by default the idle cores,
:func:`default_jobs`) allows, in a pool of forked
workers that inherit the loaded catalog and parser; chunks of files go out with a bounded
number in flight and come back in order, so the output is the same whichever runs it and
memory does not grow with the folder.
"""
from __future__ import annotations

import os
import stat
import sys
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Optional

from refcheck.lint.pool import default_jobs, open_pool, resolve_jobs
from refcheck.lint.resultcache import ResultCache, digest, payload, rank_of, result_of, stamp_ns

# Less work than this is done faster in-process: the pool's fixed cost (fork, the catalog
# decoded before it, IPC) is about what 3 MB of news cost to check on one core.
PARALLEL_MIN_BYTES = 4_000_000
CHUNK_FILES = 32
CHUNK_BYTES = 1 << 20


@dataclass
class Item:
    """One checked file as the caller sees it: ``src`` is None for a cached file that was
    not read (``result.text`` is then empty), ``error`` the ``ReadError`` of an unreadable one."""

    name: str
    result: Any  # FileResult
    src: Any = None  # Source
    error: Optional[str] = None
    position: Any = None  # offset -> (line, column) when neither text nor src can say
    #: a big file checked in blocks: (FileResult of some articles, position) per block, to
    #: be written as they come (``result`` then has no articles); see refcheck.lint.blocks
    parts: Optional[Iterator] = None
    #: the report's piece for this file, made by a worker (``Job.encode``; ``result`` is
    #: then None), and whether its findings fail the run
    encoded: Optional[str] = None
    failing: bool = False


@dataclass
class Job:
    """What a worker needs besides the catalog (picklable)."""

    settings: Any
    encoding: Optional[str] = None
    article_date: Optional[str] = None
    stdin_filename: Optional[str] = None
    # The report needs no text (no --fix, --diff, --baseline): results travel from workers
    # and into the cache with a table of the positions the report looks up instead of the
    # text, and big plain-text files may be checked in blocks (refcheck.lint.blocks).
    textless: bool = False
    #: Workers also write the file's report piece (``"json"``: its line of the JSON report)
    #: and say whether it fails the run, so the parent writes it as it comes, unread; set
    #: only when nothing else reads the result (no statistics, baseline or fixes).
    encode: Optional[str] = None
    cached: bool = True  # a result cache takes the payload (else workers skip building it)


_STATE: dict = {}


def _check(src, job: Job):
    from refcheck.api import check_source

    s = job.settings
    return check_source(src.text, path=src.path, catalog=_STATE["catalog"](),
                        article_date=job.article_date, front_matter_date=src.front_matter_date,
                        front_matter_title=src.front_matter_title,
                        lang=s.lang, settings=s, position=src.position, kind=src.kind)


def _work(task: tuple) -> tuple:
    """Read one file (bytes once), hash it, decode it; check it unless ``expect`` (the digest
    of its cache entry) matches. Returns (name, src, result or None, digest, size, mtime,
    error)."""
    from refcheck.io.read import FileStamp, ReadError, read_bytes, read_file_bytes

    name, expect, job = task[:3]
    try:
        data, st = _read(name) if len(task) > 3 and task[3] else read_file_bytes(name)
        d = digest(data)
        src = read_bytes(data, name, encoding=job.encoding)
        if not job.textless:  # --fix writes only over exactly these bytes
            src.stamp = FileStamp.of(st, data)
        del data
    except ReadError as e:
        lang = job.settings.lang
        return name, None, None, None, 0, 0, (e.path or name, e.reason_in(lang), e.say(lang)), None
    if expect is not None and expect == d:
        return name, src, None, d, st.st_size, stamp_ns(st), None, None
    result = _check(src, job)
    if not job.textless:
        return name, src, result, d, st.st_size, stamp_ns(st), None, None
    table = position_table(result, src)
    result.text = ""
    return name, None, result, d, st.st_size, stamp_ns(st), None, table


def _read(name: str) -> tuple:
    """The bytes and ``fstat`` of a file the parent's ``stat`` found regular: one open, no
    second ``stat``; anything unusual is read again by ``read_file_bytes``, which says why."""
    from refcheck.io.read import read_file_bytes

    try:
        with open(name, "rb") as f:
            st = os.fstat(f.fileno())
            if stat.S_ISREG(st.st_mode):
                return f.read(), st
    except (OSError, MemoryError):
        pass
    return read_file_bytes(name)


def _pack(out: tuple, job: Job) -> tuple:
    """A worker's result as its cache payload (``resultcache.payload``: a tuple, or one
    pickled string), so that it crosses the pipe as bytes and the parent stores it as it is
    instead of pickling the result a second time; :func:`_unpack` is the parent's side."""
    result, table = out[2], out[7]
    if result is None or out[1] is not None:
        return out
    stored = None
    if job.cached:
        try:
            stored = payload(result, table)
        except (ValueError, TypeError, AttributeError):
            return out
    encoded = _encoded(out[0], result, table, job) if job.encode else None
    if stored is None and encoded is None:
        return out
    return out[:2] + (_Packed(stored, encoded),) + out[3:]


@dataclass
class _Packed:
    payload: Optional[tuple]
    encoded: Optional[tuple[str, int]] = None  # (report piece after its path, rank: _encoded)


def position_table(result, src) -> Optional[dict]:
    """Every (line, column) a report looks up for ``result`` (citation starts, fix spans,
    finding spans without lines), so the text can be dropped; each fix keeps its original
    text. ``None`` for a result with neither citations nor findings."""
    if not any(a.citations or a.findings for a in result.articles):
        return None
    if src.kind == "html":
        pos = src.position
    else:
        from refcheck.text.positions import LineIndex

        pos = LineIndex(result.text)
    text = result.text
    table = {}
    for a in result.articles:
        for c in a.citations:
            table[c.start] = pos(c.start)
        for f in a.findings:
            if f.fix is not None:
                fx = f.fix
                table[fx.start] = pos(fx.start)
                table[fx.end] = pos(fx.end)
                if fx.original is None:
                    fx.original = text[fx.start:fx.end]
            if f.line <= 0:
                table[f.start] = pos(f.start)
            if f.end_line <= 0:
                table[f.end] = pos(f.end)
    return table


def _html(src):
    """The position function the report uses for a read file (HTML: its own map)."""
    return src.position if src is not None and src.kind == "html" else None


def _blockable(name: str, st, job: Job) -> bool:
    """Whether a file may be checked in blocks (a big plain-text file, a report that needs
    no text, UTF-8); :func:`refcheck.lint.blocks.prescan` has the last word."""
    if not (job.textless and job.encoding is None and st is not None and stat.S_ISREG(st.st_mode)):
        return False
    from refcheck.io.read import kind_for_path
    from refcheck.lint import blocks  # here: a fully cached run never imports it
    return st.st_size >= blocks.BLOCK_MIN_BYTES and kind_for_path(name) == "txt"


def _parts(item: Item, parts: Iterator, lang: str = "vi") -> Iterator:
    """The blocks' parts; a read error half-way (the file truncated or rewritten under us)
    ends them and is reported as the file's error (in ``lang``)."""
    from refcheck.io.read import ReadError
    from refcheck.io.reasons import Reason

    try:
        yield from parts
    except (OSError, UnicodeDecodeError) as e:
        why = Reason("os_read", {"os": e}) if isinstance(e, OSError) else Reason(
            "cannot_decode", {"encoding": "utf-8", "pos": e.start, "byte": e.object[e.start]})
        item.error = ReadError(item.name, why).say(lang)


def _work_chunk(tasks: list) -> list:
    return [_pack(_work(t), t[2]) if t[2].textless else _work(t) for t in tasks]


def _encoded(name: str, result, position, job: Job) -> tuple[str, int]:
    """The report's piece for one result after its path (``jsonfmt.tail``), as the
    parent's writer would make it from the result (path ``name``, positions from
    ``position``, a dict or a function), and the highest severity of its findings: the
    cache keeps both, and the run's piece is ``jsonfmt.head(name)`` + that."""
    from refcheck.lint.report.jsonfmt import tail

    result.path = name
    if isinstance(position, dict):
        position = position.__getitem__
    return tail(result, position), rank_of(result)


def _chunks(tasks: list, sizes: list[int]) -> Iterator[list]:
    chunk: list = []
    size = 0
    for t, n in zip(tasks, sizes):
        chunk.append(t)
        size += n
        if len(chunk) >= CHUNK_FILES or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _in_order(submit: Callable, chunks, window: int) -> Iterator:
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield pending.popleft()()
    while pending:
        yield pending.popleft()()


def _absolute(name: str, cwd: str) -> str:
    """``os.path.abspath`` for the walk's clean relative paths by a join, else abspath."""
    if "/." not in "/" + name and "//" not in name and name[-1:] != "/":
        if name[:1] == "/":
            return name  # already clean and absolute (a folder named by its full path)
        return f"{cwd}/{name}" if cwd != "/" else "/" + name
    return os.path.abspath(name)


class Runner:
    """Runs one folder check. ``load_catalog`` is called at most once, at the first file
    that has to be checked (a fully cached run never loads the catalog nor imports lark)."""

    def __init__(self, job: Job, cache: Optional[ResultCache], load_catalog: Callable,
                 jobs: Optional[int] = None, need_source: bool = False) -> None:
        self.job, self.cache, self.jobs = job, cache, jobs
        self.need_source = need_source  # --fix / --diff: every file is read
        self._catalog = None
        self._load = load_catalog
        self.parallel = 0  # worker processes used (0: in-process)
        self.read = 0  # files read
        self._head: Optional[Callable[[str], str]] = None  # jsonfmt.head, for job.encode

    def _piece(self, name: str, got: tuple[str, int]) -> Item:
        """A file as its JSON piece (``got``: the text after the path, the rank of its worst
        finding), written as it is: the result is never rebuilt."""
        if self._head is None:
            from refcheck.lint.report.jsonfmt import head
            from refcheck.model import severity_rank

            self._head, self._threshold = head, severity_rank(self.job.settings.fail_level)
        return Item(name, None, encoded=self._head(name) + got[0],
                    failing=got[1] >= self._threshold)

    def catalog(self):
        if self._catalog is None:
            self._catalog = self._load()
        return self._catalog

    def run(self, names: list[str]) -> Iterator[Item]:
        cache, job = self.cache, self.job
        _STATE["catalog"] = self.catalog
        cwd = os.getcwd()
        slots: list = []  # per file: ("hit", name, key, entry) | ("work", name, key, entry)
        tasks: list = []
        sizes: list[int] = []
        for name in names:
            if name == "-":
                slots.append(("stdin", name, None, None))
                continue
            key = entry = None
            try:  # one stat: the cache's key, and the size that decides blocks and workers
                st = os.stat(name)
                size = st.st_size
            except (OSError, ValueError):  # reading it will say why
                st, size = None, 0
            if cache is not None:
                key = _absolute(name, cwd)
                if st is not None:
                    entry = cache.lookup(key, st.st_size, stamp_ns(st))
                if (entry is not None and not self.need_source and cache.textless(entry)
                        and cache.trusted(entry)):
                    slots.append(("hit", name, key, entry))
                    continue
            if _blockable(name, st, job):  # checked here, streamed: never cached
                slots.append(("blocks", name, key, entry))
                continue
            slots.append(("work", name, key, entry))
            regular = st is not None and stat.S_ISREG(st.st_mode)
            tasks.append((name, entry[2] if entry is not None else None, job, regular))
            sizes.append(size)
        done = self._results(tasks, sizes)
        encode = job.encode is not None
        for kind, name, key, entry in slots:
            if kind == "hit":
                if encode:  # stat, compare, write: the entry holds the file's JSON
                    got = cache.piece(key, entry)
                    if got is not None:
                        yield self._piece(name, got)
                        continue
                result = cache.get(key, entry, name)
                if result is not None:
                    position = cache.position(entry)
                    if encode:  # stored by a run of another format: made once, kept
                        got = _encoded(name, result, position, job)
                        cache.add_piece(key, *got)
                        yield self._piece(name, got)
                        continue
                    yield Item(name, result, position=position)
                    continue
                out = _work((name, None, job))  # a damaged entry: check the file after all
            elif kind == "stdin":
                yield self._stdin()
                continue
            elif kind == "blocks":
                item = self._blocks(name)
                if item is not None:
                    yield item
                    continue
                out = _work((name, None, job))  # read whole after all
            else:
                out = next(done)
            yield self._finish(out, key, entry)

    def _finish(self, out: tuple, key, entry) -> Item:
        from refcheck.model import FileResult

        name, src, result, d, size, mtime, error, table = out
        if error is not None:
            return Item(name, FileResult(path=error[0], error=error[1]), error=error[2])
        position = table.__getitem__ if table is not None else None
        self.read += 1
        cache = self.cache
        packed = None
        if isinstance(result, _Packed):  # from a worker: its cache payload, its piece
            packed, encoded = result.payload, result.encoded
            if encoded is not None:  # written as it is: the result is never unpacked
                if cache is not None and packed is not None:
                    cache.put_payload(key, size, mtime, d, packed, encoded)
                return self._piece(name, encoded)
            result = result_of(packed, name)
        encode = self.job.encode is not None
        if result is None:  # the bytes match the cache entry
            got = cache.piece(key, entry, d) if encode else None
            if got is not None:
                return self._piece(name, got)
            result = cache.get(key, entry, src.path, d)
            if result is not None:
                result.text = src.text
                if encode:
                    got = _encoded(name, result, _html(src), self.job)
                    cache.add_piece(key, *got)
                    return self._piece(name, got)
                return Item(name, result, src)
            result = _check(src, self.job)
        got = _encoded(name, result, position or _html(src), self.job) if encode else None
        if cache is not None:
            if packed is not None:
                cache.put_payload(key, size, mtime, d, packed, got)
            else:
                cache.put(key, size, mtime, d, result, table, got)
        if got is not None:
            return self._piece(name, got)
        return Item(name, result, src, position=position)

    def _blocks(self, name: str) -> Optional[Item]:
        """A big plain-text file as an item whose parts are checked as the report takes
        them (None: it must be read whole)."""
        from refcheck.lint import blocks
        from refcheck.model import FileResult
        from refcheck.text.positions import LineIndex  # noqa: F401  (imported before the loop)

        job, s = self.job, self.job.settings
        catalog = self.catalog()

        def check(text: str):
            from refcheck.api import check_source

            return check_source(text, path=name, catalog=catalog,
                                article_date=job.article_date, lang=s.lang, settings=s)

        try:
            parts = blocks.check_in_blocks(name, check)
        except (OSError, blocks.Fallback):
            return None
        self.read += 1
        item = Item(name, FileResult(path=name, articles=[], text="", kind="txt"))
        item.parts = _parts(item, parts, s.lang)
        return item

    def _stdin(self) -> Item:
        from refcheck.io.read import ReadError, read_bytes
        from refcheck.io.reasons import Reason
        from refcheck.model import FileResult

        name = self.job.stdin_filename or "-"
        try:
            try:
                data = sys.stdin.buffer.read()
            except OSError as e:  # closed (<&-), a directory (< /), an I/O error
                raise ReadError(name, Reason("os_read", {"os": e})) from None
            src = read_bytes(data, name, encoding=self.job.encoding)
        except ReadError as e:
            lang = self.job.settings.lang
            return Item("-", FileResult(path=e.path or name, error=e.reason_in(lang)),
                        error=e.say(lang))
        return Item("-", _check(src, self.job), src)

    def _results(self, tasks: list, sizes: list[int]) -> Iterator[tuple]:
        big = sum(sizes) >= PARALLEL_MIN_BYTES
        jobs = (default_jobs() if self.jobs is None else resolve_jobs(self.jobs)) if big else 1
        if jobs <= 1 or len(tasks) < 2 * jobs or not sys.platform.startswith("linux"):
            return (_work(t) for t in tasks)
        return self._pool(tasks, sizes, jobs)

    def _pool(self, tasks: list, sizes: list[int], jobs: int) -> Iterator[tuple]:
        import multiprocessing as mp

        # Load the catalog and build the parser here: forked workers inherit them.
        from refcheck.api import check_source

        catalog = self.catalog()
        check_source("Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị", catalog=catalog)
        decode_all = getattr(catalog, "decode_all", None)
        if decode_all is not None:
            decode_all()
        import gc

        gc.freeze()  # the workers' collections then leave the inherited pages unwritten
        self.parallel = jobs
        with open_pool(mp.get_context("fork"), jobs) as pool:
            def submit(chunk):
                return pool.apply_async(_work_chunk, (chunk,)).get

            for outs in _in_order(submit, _chunks(tasks, sizes), 2 * jobs + 1):
                yield from outs
