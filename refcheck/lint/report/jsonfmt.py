"""The stable JSON report (see README "JSON output"); archive mode reuses its objects."""
from __future__ import annotations

import json
from typing import Optional

from refcheck.lint.report.common import (shown_path, PositionFn, Positions, Sink, Writer, _finding_region,
                                         _Lazy, _sort_key, collect, lazy_position)
from refcheck.model import Article, Citation, FileResult, Finding, Resolution

#: Shape of the JSON report. 2: ``number`` is a string as written without leading zeros
#: ("30a"); citations gain ``symbol``, ``title``, ``plenum``, ``congress``, ``refers_to``.
JSON_VERSION = 2


def _citation_json(c: Citation, resolved: list[str], pos: PositionFn,
                   res: Optional[Resolution] = None) -> dict:
    line, col = pos(c.start)
    return {
        "text": c.text,
        "start": c.start,
        "end": c.end,
        "line": line,
        "column": col,
        "kind": c.kind,
        "type": c.type,
        "number": None if c.number is None else f"{c.number}{c.number_suffix or ''}",
        "year": c.year,
        "type_code": c.type_code,
        "issuer_code": c.issuer_code,
        "date": c.date,
        "issuer": c.issuer,
        "khoa": c.khoa,
        "symbol": c.symbol,
        "title": c.title,
        "plenum": c.plenum,
        "congress": c.congress,
        "refers_to": c.refers_to,
        "resolved": resolved,
        # how it resolved ("title", "in-force", "in-force-inferred" …, README) and, for a
        # version inferred in an undated article, the day it was taken on (a guess)
        "how": (res.how or None) if res is not None else None,
        "inferred_date": res.inferred if res is not None else None,
    }


def _finding_json(f: Finding, pos: PositionFn) -> dict:
    line, col, end_line, end_col = _finding_region(f, pos)
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity,
        "message": f.message,
        "line": line,
        "column": col,
        "end_line": end_line,
        "end_column": end_col,
        "citation": f.citation,
        # safe: --fix applies it; unsafe: a suggestion to review (a date from the catalog)
        "fix": ({"replacement": f.fix.replacement, "safe": f.fix.safe,
                 "original": f.fix.original} if f.fix is not None else None),
        "variant": f.variant,
        "args": f.args,
        "documents": list(f.documents),
    }


def _article_json(a: Article, pos: PositionFn) -> dict:
    citations = []
    for i, c in enumerate(a.citations):
        res = a.resolutions[i] if i < len(a.resolutions) else None
        resolved = [d.id for d in res.documents] if res is not None else []
        citations.append(_citation_json(c, resolved, pos, res))
    return {
        "index": a.index,
        "title": a.title,
        "date": a.date,
        "line": a.line,
        "citations": citations,
        "findings": [_finding_json(f, pos) for f in sorted(a.findings, key=_sort_key)],
    }


def to_json_data(results: list[FileResult], version: str,
                 positions: Optional[Positions] = None) -> dict:
    return {"refcheck": version, "json_version": JSON_VERSION,
            "files": [file_json(r, _Lazy(r, positions)) for r in results]}


def compact_encoder():
    """``json.dumps(o, ensure_ascii=False, separators=(",", ":"))`` as one call into the C
    encoder, built once: ``JSONEncoder.encode`` builds it again on every call (a few
    microseconds, paid per file of a 20,000-file report). The same bytes; no circular check
    (reports are trees)."""
    enc = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)
    make = getattr(json.encoder, "c_make_encoder", None)
    basestring = getattr(json.encoder, "c_encode_basestring", None)
    if make is None or basestring is None:  # pragma: no cover - no C accelerator
        return enc.encode
    it = make(None, enc.default, basestring, None, ":", ",", False, False, True)

    def encode(o) -> str:
        if isinstance(o, str):
            return basestring(o)
        return "".join(it(o, 0))

    return encode


#: The C encoder (no indent): one compact line per file.
_ENCODE = compact_encoder()


def file_json(r: FileResult, pos: PositionFn) -> dict:
    if r.error is not None:
        return {"path": shown_path(r.path), "error": r.error, "articles": []}
    return {"path": shown_path(r.path), "articles": [_article_json(a, pos) for a in r.articles]}


def piece(r: FileResult, position: Optional[PositionFn] = None) -> str:
    """One file's line of the JSON report."""
    if r.error is not None:
        return _ENCODE(file_json(r, lazy_position(r, position)))
    return head(r.path) + tail(r, position)


def head(path: str) -> str:
    """A file's line of the JSON report up to its articles: ``{"path":"…",``."""
    return '{"path":' + _ENCODE(shown_path(path)) + ","


def tail(r: FileResult, position: Optional[PositionFn] = None) -> str:
    """The rest of the line, ``"articles":[…]}``: what the result cache keeps for a file
    (the path is the one this run names it by), so that ``head(path) + tail`` is the line
    :func:`file_json` encodes, byte for byte."""
    pos = lazy_position(r, position)
    return _ENCODE({"articles": [_article_json(a, pos) for a in r.articles]})[1:]


class JsonWriter(Writer):
    """``{"refcheck":VERSION,"files":[`` then one line per file, then ``]}``: the stable
    shape, streamed (a reader sees the same object as before; the layout is one file per
    line instead of indented)."""

    def __init__(self, write: Sink, version: str) -> None:
        super().__init__(write)
        self.head = ('{"refcheck":' + _ENCODE(version) + ',"json_version":'
                     + str(JSON_VERSION) + ',"files":[')
        self.n = 0

    def file(self, r: FileResult, position: Optional[PositionFn] = None) -> None:
        self.encoded(piece(r, position))

    def encoded(self, text: str) -> None:
        """One file's :func:`piece`, made here or by a worker."""
        sep = self.head + "\n" if self.n == 0 else ",\n"
        self.n += 1
        self.write(sep + text)

    def file_parts(self, r: FileResult, parts) -> None:
        """The same bytes as ``file`` of the whole result, written article by article."""
        sep = self.head + "\n" if self.n == 0 else ",\n"
        self.n += 1
        self.write(sep + '{"path":' + _ENCODE(shown_path(r.path)) + ',"articles":[')
        comma = ""
        for part, position in parts:
            pos = lazy_position(part, position)
            body = ",".join(_ENCODE(_article_json(a, pos)) for a in part.articles)
            del pos, part, position  # not kept while the next block is checked
            if body:
                self.write(comma + body)
                comma = ","
            del body
        self.write("]}")

    def close(self) -> None:
        self.write(self.head + "]}\n" if self.n == 0 else "\n]}\n")


def format_json(results: list[FileResult], version: str,
                positions: Optional[Positions] = None) -> str:
    """The stable JSON shape other tools consume (see docs); UTF-8, not ASCII-escaped."""
    return collect(lambda w: JsonWriter(w, version), results, positions)
