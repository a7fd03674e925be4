"""Archive mode: ``refcheck check --jsonl FILE...`` over JSON-lines corpora.

Each input line is one article (``{"id": …, "text": …, "date": …}``, field names
configurable); gzip input is recognised by its ``.gz`` suffix or its magic bytes. Output is
JSON lines, one per article that has citations or findings::

    {"id", "path", "date", "citations": [...], "findings": [...]}

with the same citation and finding objects as the stable JSON report
(``report.to_json_data``); line/column are relative to the article's text, and a finding's
``citation`` indexes that line's ``citations``.

Streaming: input is read lazily (``refcheck.lint.jsonl``) and cut into chunks (``CHUNK_LINES`` lines or
``CHUNK_BYTES`` bytes); at most a few chunks are in flight at any time and each chunk's
output is written as soon as every earlier chunk is written, so memory stays flat whatever
the corpus size and the output order is the input order. The same chunk worker
(``_run_chunk``) runs in-process (``--jobs 1``), in a ``multiprocessing`` pool (``--jobs N``;
fork where available, so that workers inherit the loaded catalog and parser; with spawn each
worker loads the catalog from the on-disk cache) or on a Dask cluster (``--dask ADDRESS`` / ``--dask local``): the output is byte-identical in all three.

Exit code: 2 if a file could not be read or a line was not a JSON object with a text field
(each reported on stderr as ``file:line: reason`` and skipped), else 1 if a finding reaches
``settings.fail_level`` (unless ``exit_zero``), else 0.
"""
from __future__ import annotations

import json
import os
import re
import sys
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Optional, Sequence

from refcheck.lint.messages import Said, json_kind, say
from refcheck.lint.jsonl import (CHUNK_BYTES, CHUNK_LINES, _bad_json, _close,  # noqa: F401
                                _open_binary, iter_chunks, load_line, parse_date)


# --------------------------------------------------------------------------- the chunk worker


@dataclass
class Options:
    """Everything a worker needs besides the catalog (picklable)."""

    settings: Any
    text_field: str = "text"
    id_field: str = "id"
    date_field: str = "date"
    article_date: Optional[str] = None
    catalog_paths: tuple[str, ...] = ()
    default_catalog: bool = True


@dataclass
class ChunkResult:
    output: str = ""  # JSON lines, each ending in "\n"
    errors: list[str] = field(default_factory=list)  # "file:line: reason"
    articles: int = 0
    reported: int = 0  # articles written (with citations or findings)
    citations: int = 0
    findings: int = 0
    failing: int = 0  # findings at or above the fail level
    bad_dates: int = 0
    text_bytes: int = 0  # UTF-8 bytes of article text
    no_field: int = 0  # lines without the text field: said once for the run, not per line
    fields_seen: list[str] = field(default_factory=list)  # their keys (first few lines)
    first_no_field: str = ""  # "file:line" of the first


_STATE: dict = {}  # per process: {"catalog", "options", "key"}


def _init_worker(options: Options, catalog=None) -> None:
    """Pool initializer (and in-process set-up): load the catalog once per process."""
    if catalog is None:
        from refcheck.catalog.load import load_catalog

        catalog = load_catalog(list(options.catalog_paths), default=options.default_catalog)
    _STATE["catalog"] = catalog
    _STATE["options"] = options
    _STATE["key"] = _options_key(options)


def _options_key(options: Options) -> tuple:
    return (tuple(options.catalog_paths), options.default_catalog)


def _run_chunk(chunk: tuple[str, list[tuple[int, bytes]]]) -> ChunkResult:
    """Check every article of one chunk; the output is a pure function of the chunk."""
    from refcheck._version import __version__
    from refcheck.api import check_source
    from refcheck.model import severity_rank
    from refcheck.lint.report import to_json_data

    catalog = _STATE["catalog"]
    opts: Options = _STATE["options"]
    settings = opts.settings
    threshold = severity_rank(settings.fail_level)
    path, lines = chunk
    out: list[str] = []
    res = ChunkResult()
    for lineno, raw in lines:
        try:
            obj = load_line(raw)  # NaN/Infinity are not JSON: kept as text
        except ValueError as e:  # JSONDecodeError and UnicodeDecodeError
            res.errors.append(_bad_json(f"{path}:{lineno}", e, settings.lang))
            continue
        if not isinstance(obj, dict):
            res.errors.append(say("json_not_object", settings.lang, where=f"{path}:{lineno}",
                                  kind=json_kind(obj, settings.lang)))
            continue
        text = obj.get(opts.text_field)
        if text is None:
            if opts.text_field in obj:  # "text": null — an empty article
                res.articles += 1
                continue
            res.no_field += 1
            if res.no_field == 1:
                res.first_no_field = f"{path}:{lineno}"
            if res.no_field <= 3:
                res.fields_seen.extend(k for k in obj if k not in res.fields_seen)
            continue
        if not isinstance(text, str):
            res.errors.append(say("json_not_string", settings.lang, where=f"{path}:{lineno}",
                                  field=opts.text_field, kind=json_kind(text, settings.lang)))
            continue
        res.articles += 1
        try:
            res.text_bytes += len(text.encode("utf-8"))
        except UnicodeEncodeError:  # a lone surrogate ("\\ud800" is valid JSON): U+FFFD, same offsets
            text = _no_surrogates(text)
            res.text_bytes += len(text.encode("utf-8"))
        art_id = obj.get(opts.id_field)
        if isinstance(art_id, str):
            art_id = _no_surrogates(art_id)
        raw_date = obj.get(opts.date_field)
        date = parse_date(raw_date)
        if date is None and raw_date not in (None, ""):
            res.bad_dates += 1
        where = f"{path}#{art_id}" if art_id is not None else f"{path}:{lineno}"
        result = check_source(text, path=where, catalog=catalog,
                              article_date=date or opts.article_date, settings=settings,
                              lang=settings.lang)
        n_cit = sum(len(a.citations) for a in result.articles)
        findings = [f for a in result.articles for f in a.findings]
        if not n_cit and not findings:
            continue
        res.reported += 1
        res.citations += n_cit
        res.findings += len(findings)
        res.failing += sum(1 for f in findings if severity_rank(f.severity) >= threshold)
        out.append(json.dumps(_record(result, art_id, where, date, to_json_data, __version__),
                              ensure_ascii=False, separators=(",", ":")) + "\n")
    res.output = "".join(out)
    return res


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (which no output can encode) replaced by U+FFFD, one
    code point for one, so offsets still slice the original."""
    return _SURROGATE.sub("\ufffd", text)


def _record(result, art_id, where: str, date: Optional[str], to_json_data, version) -> dict:
    """One output line. The pipeline may split a text into several articles (repeated
    headline, ``---``): their citations are concatenated and each finding's ``citation``
    index is shifted to point into the merged list."""
    arts = to_json_data([result], version)["files"][0]["articles"]
    citations: list = []
    findings: list = []
    for a in arts:
        offset = len(citations)
        for c in a["citations"]:
            if c.get("refers_to") is not None:
                c["refers_to"] += offset
        citations.extend(a["citations"])
        for f in a["findings"]:
            if f["citation"] is not None:
                f["citation"] += offset
            findings.append(f)
    if date is None:
        date = next((a["date"] for a in arts if a["date"]), None)
    return {"id": art_id, "path": where, "date": date, "citations": citations,
            "findings": findings}


def _dask_chunk(chunk, options: Options) -> ChunkResult:
    """The chunk worker on a Dask worker: set the process up on first use (or when the
    catalog stack changes), then run ``_run_chunk``."""
    if _STATE.get("key") != _options_key(options):
        _init_worker(options)
    else:
        _STATE["options"] = options
    return _run_chunk(chunk)


# --------------------------------------------------------------------------- drivers


class _Writer:
    """Writes chunk output in order, to a file or stdout (UTF-8, ``\\n`` line ends). A file
    is written through :class:`refcheck.fsio.AtomicFile` (renamed over ``output`` only when
    the run completes; a device or FIFO is written into); ``abort`` (Ctrl-C, an error)
    leaves no partial file."""

    def __init__(self, output: Optional[str]):
        self.out = None
        if output and output != "-":
            from refcheck.fsio import AtomicFile
            from refcheck.lint.signals import deferred_stops

            try:  # a signal held while the file is made lands here, where it is removed
                with deferred_stops():
                    self.out = AtomicFile(output, durable=False, into_special=True)
            except BaseException:
                self.abort()
                raise
            self.fh = self.out.fh
        else:
            self.fh = sys.stdout.buffer
        self.broken = False

    def write(self, text: str) -> None:
        if not text or self.broken:
            return
        try:
            if self.out is not None:
                self.fh.write(text)
            else:
                self.fh.write(text.encode("utf-8"))
        except BrokenPipeError:
            self.broken = True
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())

    def close(self) -> None:
        try:
            if self.out is not None:
                self.out.commit()
            elif not self.broken:
                self.fh.flush()
        except BrokenPipeError:
            self.broken = True

    def abort(self) -> None:
        if self.out is not None:
            self.out.discard()


@dataclass
class Totals:
    articles: int = 0
    reported: int = 0
    citations: int = 0
    findings: int = 0
    failing: int = 0
    bad_lines: int = 0
    bad_dates: int = 0
    text_bytes: int = 0
    read_errors: int = 0
    no_field: int = 0
    fields_seen: list = field(default_factory=list)
    first_no_field: str = ""

    def add(self, r: ChunkResult) -> None:
        self.articles += r.articles
        self.reported += r.reported
        self.citations += r.citations
        self.findings += r.findings
        self.failing += r.failing
        self.bad_lines += len(r.errors)
        self.bad_dates += r.bad_dates
        self.text_bytes += r.text_bytes
        if r.no_field and not self.no_field:
            self.first_no_field = r.first_no_field
        self.no_field += r.no_field
        if len(self.fields_seen) < 50:
            self.fields_seen.extend(k for k in r.fields_seen if k not in self.fields_seen)


def _all_chunks(paths: Sequence[str], read_errors: list[str], lang: str = "vi"):
    for p in paths:
        yield from iter_chunks(p, read_errors, lang=lang)


def _consume(results: Iterable[ChunkResult], writer: _Writer, totals: Totals,
             read_errors: list[str]) -> None:
    for r in results:
        writer.write(r.output)
        for msg in r.errors:
            _err(msg)
        totals.add(r)
        while read_errors:  # report read errors where they happen in the stream
            totals.read_errors += 1
            _err(read_errors.pop(0))
    while read_errors:
        totals.read_errors += 1
        _err(read_errors.pop(0))


def _err(msg: str, prefix: str = "refcheck: ") -> None:
    try:
        sys.stderr.write(f"{prefix}{msg}\n")
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass


def _in_order(submit, chunks, window: int) -> Iterator[ChunkResult]:
    """Submit chunks with at most ``window`` in flight; yield results in input order."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield pending.popleft()()
    while pending:
        yield pending.popleft()()


def _run_local(chunks, options: Options, catalog, jobs: int) -> Iterator[ChunkResult]:
    if jobs <= 1:
        _init_worker(options, catalog)
        for chunk in chunks:
            yield _run_chunk(chunk)
        return
    import multiprocessing as mp

    if sys.platform.startswith("linux"):  # fork is safe there (not on macOS, absent on Windows)
        # Where processes fork, load the catalog and build the parser once here: the workers
        # inherit them instead of each paying the start-up again (it is most of what keeps
        # two workers from running twice as fast as one).
        ctx = mp.get_context("fork")
        if catalog is None:
            from refcheck.catalog.load import load_catalog

            catalog = load_catalog(list(options.catalog_paths), default=options.default_catalog)
        from refcheck.api import check_source

        check_source("Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị", catalog=catalog)
        initargs: tuple = (options, catalog)
    else:  # spawn: each worker loads the catalog itself (from the on-disk cache)
        ctx = mp.get_context("spawn")
        initargs = (options,)
    from refcheck.lint.pool import open_pool  # workers leave Ctrl-C to this process

    with open_pool(ctx, jobs, initializer=_init_worker, initargs=initargs) as pool:
        def submit(chunk):
            return pool.apply_async(_run_chunk, (chunk,)).get

        yield from _in_order(submit, chunks, 2 * jobs + 1)


class SchedulerError(Said):
    """The Dask scheduler cannot be reached; ``str()`` names it and the problem."""


def _run_dask(chunks, options: Options, address: str, jobs: int) -> Iterator[ChunkResult]:
    from distributed import Client  # ImportError handled by run_archive

    cluster = None
    if address == "local":
        import logging

        from distributed import LocalCluster

        cluster = LocalCluster(n_workers=max(jobs, 1), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    else:
        try:
            client = Client(address)
        except (OSError, TimeoutError, ValueError) as e:  # refused, timed out, bad address
            raise SchedulerError("dask_unreachable", address=address,
                                 detail=" ".join(str(e).split()) or type(e).__name__) from None
    try:
        n = max(len(client.scheduler_info().get("workers", {})), 1)

        def submit(chunk):
            return client.submit(_dask_chunk, chunk, options, pure=False).result

        yield from _in_order(submit, chunks, 2 * n + 1)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def resolve_jobs(jobs: Optional[int]) -> int:
    if not jobs:
        try:
            return len(os.sched_getaffinity(0))
        except AttributeError:  # pragma: no cover - not Linux
            return os.cpu_count() or 1
    return jobs


def run_archive(paths: Sequence[str], *, catalog=None, settings=None,
                output: Optional[str] = None, text_field: str = "text", id_field: str = "id",
                date_field: str = "date", jobs: Optional[int] = 1,
                dask_address: Optional[str] = None, article_date: Optional[str] = None,
                catalog_paths: Sequence[str] = (), default_catalog: bool = True,
                exit_zero: bool = False, stats: Optional[Totals] = None,
                quiet: bool = False) -> int:
    """Check JSON-lines archives; write findings as JSON lines; return the exit code. The
    summary (and every notice) goes to stderr, in the settings' language."""
    if settings is None:
        from refcheck.lint.config import Settings

        settings = Settings()
    lang = settings.lang
    if jobs is not None and jobs < 0:
        _err(say("jobs_negative", lang, n=jobs))
        return 2
    jobs = resolve_jobs(jobs)
    if dask_address:
        try:
            import distributed  # noqa: F401
        except ImportError:
            _err(say("dask_missing", lang))
            return 2
    if catalog is None and (jobs <= 1 and not dask_address):
        from refcheck.catalog.load import load_catalog

        catalog = load_catalog(list(catalog_paths), default=default_catalog)
    options = Options(settings=settings, text_field=text_field, id_field=id_field,
                      date_field=date_field, article_date=article_date,
                      catalog_paths=tuple(str(p) for p in catalog_paths),
                      default_catalog=default_catalog)
    read_errors: list[str] = []
    chunks = _all_chunks(list(paths), read_errors, lang)
    totals = stats if stats is not None else Totals()
    try:
        writer = _Writer(output)
    except OSError as e:
        _err(say("archive_cannot_write", lang, path=output, reason=e))
        return 2
    try:
        if dask_address:
            results = _run_dask(chunks, options, dask_address, jobs)
        else:
            results = _run_local(chunks, options, catalog, jobs)
        _consume(results, writer, totals, read_errors)
    except SchedulerError as e:
        writer.abort()
        _err(e.say(lang))
        return 2
    except OSError as e:
        writer.abort()
        _err(say("archive_cannot_write", lang, path=output or say("stdout", lang), reason=e))
        return 2
    except BaseException:  # Ctrl-C: no partial output file
        writer.abort()
        raise
    try:
        writer.close()
    except OSError as e:
        writer.abort()
        _err(say("archive_cannot_write", lang, path=output, reason=e))
        return 2
    if totals.no_field:
        seen = ", ".join(repr(k) for k in totals.fields_seen[:20]) or "-"
        more = say("json_no_field_more", lang, n=totals.no_field - 1) if totals.no_field > 1 else ""
        _err(say("json_no_field", lang, where=totals.first_no_field, field=text_field,
                 more=more, seen=seen))
        totals.bad_lines += totals.no_field
    if totals.bad_dates:
        _err(say("json_bad_dates", lang, n=totals.bad_dates, field=date_field))
    if not quiet:
        bad = totals.bad_lines + totals.read_errors
        _err(say("archive_summary", lang, articles=totals.articles, citations=totals.citations,
                 findings=totals.findings, reported=totals.reported,
                 bad=say("archive_summary_bad", lang, n=bad) if bad else ""), prefix="")
    if totals.bad_lines or totals.read_errors:
        return 2
    if exit_zero:
        return 0
    return 1 if totals.failing else 0


__all__ = ["run_archive", "parse_date", "iter_chunks", "Options", "ChunkResult", "Totals"]
