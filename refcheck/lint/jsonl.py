"""Reading JSON-lines archives for archive mode: gzip by suffix or magic bytes, lazy chunks
of raw lines, and the article dates such archives carry (``parse_date``)."""
from __future__ import annotations

import gzip
import json
import sys
from typing import IO, Any, Iterator, Optional

from refcheck.text import dates

CHUNK_LINES = 256
CHUNK_BYTES = 8 << 20  # a chunk is cut early when its raw lines pass this size
_GZIP_MAGIC = b"\x1f\x8b"


# --------------------------------------------------------------------------- dates

def parse_date(value: Any) -> Optional[str]:
    """An ISO date (``2017-01-05``) from ``2017-01-05``, ``05/01/2017`` (day first),
    ``2017/01/05``, ``ngày 5 tháng 1 năm 2017`` or a datetime string
    (``2017-01-05T10:30:00+07:00``, ``05/01/2017 10:30``), read by text/dates; the date is
    taken as written, with no time-zone conversion. ``None`` for a missing, empty or
    unparsable value."""
    return dates.parse_date(value) if isinstance(value, str) else None


# --------------------------------------------------------------------------- lines

#: One decoder for every line: ``json.loads(raw, parse_constant=str)`` builds a new
#: ``JSONDecoder`` and its scanner on each call (a keyword argument is given).
_DECODER = json.JSONDecoder(parse_constant=str)


def load_line(raw: Any) -> Any:
    """``json.loads(raw, parse_constant=str)`` (NaN/Infinity kept as text) with the decoder
    built once: bytes decoded as ``json.loads`` decodes them, a str with a BOM refused as it
    refuses one; the same values and the same errors."""
    if isinstance(raw, str):
        if raw.startswith("\ufeff"):
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", raw, 0)
        return _DECODER.decode(raw)
    return _DECODER.decode(raw.decode(json.detect_encoding(raw), "surrogatepass"))


# --------------------------------------------------------------------------- reading


def _open_binary(path: str) -> IO[bytes]:
    """A binary stream of the decompressed content (gzip by suffix or magic bytes)."""
    if path == "-":
        raw = sys.stdin.buffer
        head = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
        return gzip.GzipFile(fileobj=raw) if head == _GZIP_MAGIC else raw
    fh = open(path, "rb")
    try:
        head = fh.read(2)
        fh.seek(0)
    except OSError:
        fh.close()
        raise
    if path.endswith(".gz") or head == _GZIP_MAGIC:
        return gzip.GzipFile(fileobj=fh, mode="rb")  # closes nothing: see _close
    return fh


def iter_chunks(path: str, errors: list[str], *, chunk_lines: Optional[int] = None,
                chunk_bytes: Optional[int] = None, lang: str = "vi"
                ) -> Iterator[tuple[str, list[tuple[int, bytes]]]]:
    """``(path, [(line_number, raw_line), ...])`` chunks of one file, read lazily.

    Blank lines are skipped. A file that cannot be opened or is cut short (truncated gzip,
    I/O error) adds a message in ``lang`` to ``errors``; the chunks read before the problem
    are kept."""
    from refcheck.lint.messages import say

    try:
        stream = _open_binary(path)
    except OSError as e:
        errors.append(say("jsonl_cannot_open", lang, path=path, reason=e))
        return
    chunk_lines = chunk_lines or CHUNK_LINES
    chunk_bytes = chunk_bytes or CHUNK_BYTES
    chunk: list[tuple[int, bytes]] = []
    size = 0
    lineno = 0
    try:
        for lineno, line in enumerate(stream, 1):
            if not line.strip():
                continue
            chunk.append((lineno, line))
            size += len(line)
            if len(chunk) >= chunk_lines or size >= chunk_bytes:
                yield path, chunk
                chunk, size = [], 0
    except Exception as e:  # noqa: BLE001 - OSError, EOFError, zlib.error, BadGzipFile...
        where = f"{path}:{lineno + 1}"
        if isinstance(e, OSError) and e.errno is not None:  # the disk, not the data
            errors.append(say("jsonl_cannot_open", lang, path=where, reason=e))
        else:  # a cut or broken gzip stream
            errors.append(say("jsonl_cut", lang, where=where, detail=e))
    finally:
        _close(stream, path)
    if chunk:
        yield path, chunk


def _bad_json(where: str, e: ValueError, lang: str) -> str:
    """A line that is not JSON (or not UTF-8), as archive mode reports it."""
    import json

    from refcheck.lint.messages import say

    if isinstance(e, json.JSONDecodeError):
        return say("json_bad_line", lang, where=where, detail=e.msg, column=e.colno)
    return say("json_not_utf8", lang, where=where, pos=getattr(e, "start", 0))


def _close(stream, path: str) -> None:
    if path == "-":
        return
    inner = getattr(stream, "fileobj", None)
    try:
        stream.close()
    finally:
        if inner is not None:
            inner.close()
