"""Reading JSON-lines archives for archive mode: gzip by suffix or magic bytes, lazy chunks
of raw lines, and the article dates such archives carry (``parse_date``)."""
from __future__ import annotations

import gzip
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
                chunk_bytes: Optional[int] = None
                ) -> Iterator[tuple[str, list[tuple[int, bytes]]]]:
    """``(path, [(line_number, raw_line), ...])`` chunks of one file, read lazily.

    Blank lines are skipped. A file that cannot be opened or is cut short (truncated gzip,
    I/O error) adds a message to ``errors``; the chunks read before the problem are kept."""
    try:
        stream = _open_binary(path)
    except OSError as e:
        errors.append(f"{path}: cannot read: {e.strerror or e}")
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
    except (OSError, EOFError, ValueError) as e:  # zlib.error is not an OSError subclass...
        errors.append(f"{path}:{lineno + 1}: cannot read: {e}")
    except Exception as e:  # noqa: BLE001 - ...and gzip raises a few others (BadGzipFile)
        errors.append(f"{path}:{lineno + 1}: cannot read: {e}")
    finally:
        _close(stream, path)
    if chunk:
        yield path, chunk


def _close(stream, path: str) -> None:
    if path == "-":
        return
    inner = getattr(stream, "fileobj", None)
    try:
        stream.close()
    finally:
        if inner is not None:
            inner.close()
