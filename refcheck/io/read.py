"""Turn an input file into text the pipeline can check, with a way back to source positions.

Supported kinds (chosen from the file extension, default ``txt``):

``txt``
    The decoded file, unchanged. Newlines are **never** translated, so ``text`` is exactly
    the file and fixes can be written straight back.
``md``
    Same length as the file. YAML front matter (between leading ``---`` lines), fenced code
    blocks (````` and ``~~~``), indented code blocks and inline ```code``` spans are replaced
    by spaces of the same length, keeping ``\\r``/``\\n``, so every offset, line and column
    is the file's own and citations inside code are not checked. ``<!-- ... -->`` comments
    stay (suppression comments live there). ``front_matter_date`` is read from ``date:``.
``html``
    Text content extracted with :mod:`html.parser` (script/style skipped, entities decoded,
    whitespace collapsed outside ``<pre>``; block elements end lines, paragraph-like blocks
    leave a blank line; table cells are separated by a tab). ``<!-- refcheck ... -->``
    comments are kept **inline, verbatim** (``<!-- refcheck: ... -->``; a comment spread
    over several lines is joined into one) at the place they occur: between blocks that is
    a line of its own directly above the next block, after text it stays on that text's
    line, so suppression comments behave as they do in Markdown. Other comments are
    dropped. An offset map sends every text offset back to the HTML source.
``docx``
    ``word/document.xml`` only (body text incl. tables; headers, footers, footnotes and
    comments are not read). One paragraph per line: ``position()`` gives (paragraph, column).

Decoding: UTF-8, UTF-8 with BOM, UTF-16 LE/BE with BOM, or the ``encoding`` given. Every
failure is a :class:`ReadError` whose ``str`` is one line ``"path: reason"``.

What ``Source.encoding``/``Source.bom`` mean for writing back (see
:func:`refcheck.fixer.write_atomic`): ``"utf-8"`` (no BOM), ``"utf-8-sig"`` (BOM
``EF BB BF``), ``"utf-16"`` with ``bom`` ``FF FE`` (little-endian) or ``FE FF``
(big-endian), or the codec name given with ``encoding=`` (e.g. ``"cp1258"``).
"""
from __future__ import annotations

import bisect
import codecs
import os
import re
import stat
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from refcheck.io.kinds import EXTENSIONS, KINDS, hook_files_pattern, kind_for_path  # noqa: F401
from refcheck.io.reasons import Reason, render
from refcheck.text.positions import LINE_BREAK

__all__ = [
    "Source",
    "OffsetMap",
    "FileStamp",
    "ReadError",
    "EncodingError",
    "read_path",
    "read_bytes",
    "read_text",
    "read_file_bytes",
    "check_encoding",
    "kind_for_path",
    "KINDS",
    "EXTENSIONS",
    "hook_files_pattern",
    "detect_newline",
    "line_starts",
    "DOCX_MAX_XML_BYTES",
]

#: Refuse a .docx whose word/document.xml would decompress to more than this (zip bombs).
DOCX_MAX_XML_BYTES = 200 * 1024 * 1024

_NEWLINE_RE = LINE_BREAK  # text/positions: \r\n, \n or \r


class ReadError(Exception):
    """A file that cannot be read. ``str(err)`` is one clean line: ``"path: reason"`` in
    English; :meth:`say` gives it in the run's language (``why`` is its :class:`Reason`)."""

    def __init__(self, path: str, reason: "Optional[str | Reason]" = None):
        path = str(path)
        if reason is None:  # ReadError("path: reason") also works
            path, _, reason = path.partition(": ")
        self.path = path
        self.why: Optional[Reason] = reason if isinstance(reason, Reason) else None
        self.reason = " ".join(str(reason).split())  # never more than one line
        super().__init__(f"{path}: {self.reason}" if self.reason else path)

    def reason_in(self, lang: str = "vi") -> str:
        """The reason alone, in ``lang``."""
        return render(self.why, lang) if self.why is not None else self.reason

    def say(self, lang: str = "vi") -> str:
        """``"path: reason"`` in ``lang``."""
        why = self.reason_in(lang)
        return f"{self.path}: {why}" if why else self.path


class EncodingError(ValueError):
    """``--encoding`` names no codec, or one that does not decode bytes to text."""

    def __init__(self, why: Reason):
        super().__init__(str(why))
        self.why = why


# --------------------------------------------------------------------------- helpers


def detect_newline(text: str) -> str:
    """The dominant line ending of ``text``: ``"\\n"``, ``"\\r\\n"`` or ``"\\r"`` (ties and
    no line breaks at all give ``"\\n"``)."""
    if "\r" not in text:  # (one letter: memchr) no "\r\n", no "\r": "\n" or none at all
        return "\n"
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    best = max(lf, crlf, cr)
    if best == 0 or lf == best:
        return "\n"
    return "\r\n" if crlf == best else "\r"


def line_starts(text: str) -> array:
    """Offsets where each line starts; ``\\r\\n``, ``\\n`` and ``\\r`` each end one line."""
    starts = array("q", [0])
    starts.extend(m.end() for m in _NEWLINE_RE.finditer(text))
    return starts


# --------------------------------------------------------------------------- Source


@dataclass(frozen=True)
class FileStamp:
    """The file as it was read: a fix is written only while the file still matches it (an
    editor may save the draft, or move it away, while ``--fix`` runs)."""

    size: int
    mtime_ns: int
    ino: int
    dev: int
    sha256: bytes

    @classmethod
    def of(cls, st: os.stat_result, data: bytes) -> "FileStamp":
        import hashlib

        return cls(st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev, hashlib.sha256(data).digest())


@dataclass(frozen=True)
class OffsetMap:
    """Where the scanned text's pieces come from in the original (HTML): piece ``i`` starts
    at ``text[i]`` in the scanned text and at ``source[i]`` in the original; ``exact[i]`` is
    1 when the piece is a verbatim copy, 0 for an entity, collapsed whitespace or an
    inserted line break (an offset inside those maps to where the piece starts)."""

    text: array
    source: array
    exact: bytearray

    def __call__(self, offset: int) -> int:
        """The original's offset for an offset into the scanned text."""
        if not self.text:
            return 0
        i = bisect.bisect_right(self.text, offset) - 1
        if i < 0:
            return self.source[0]
        if self.exact[i]:
            return self.source[i] + (offset - self.text[i])
        return self.source[i]


@dataclass(eq=False)
class Source:
    """A file read for checking. Built by :func:`read_path`/:func:`read_bytes`/:func:`read_text`,
    or directly by a reader of another format: ``text`` is what the pipeline scans;
    ``original`` the decoded file when it differs (HTML, Markdown with blanked code) and
    ``offsets`` the map from ``text`` back to it when the two differ in length (HTML)."""

    path: str  # as given ("-" or --stdin-filename for stdin)
    kind: str  # "txt" | "md" | "html" | "docx"
    text: str  # what the pipeline scans; offsets in findings point into it
    encoding: str = "utf-8"  # "utf-8" | "utf-8-sig" | "utf-16" (+ bom) | codec given
    newline: str = "\n"  # dominant line ending of the original file
    front_matter_date: Optional[str] = None  # ISO date from Markdown front matter
    front_matter_title: Optional[str] = None  # ``title:`` from Markdown front matter
    fixable: bool = False  # True only for txt/md
    bom: bytes = b""  # byte-order mark the file started with (b"" if none)
    #: the decoded original when it differs from ``text``; None means "same as text"
    original: Optional[str] = field(default=None, repr=False)
    #: ``text`` offset -> ``original`` offset; None when offsets are the same in both
    offsets: Optional[OffsetMap] = field(default=None, repr=False)
    _starts: Optional[array] = field(default=None, repr=False)  # line starts, computed once
    #: what was on disk when the file was read (None for stdin): ``--fix`` writes only over
    #: exactly these bytes
    stamp: Optional["FileStamp"] = field(default=None, repr=False)

    def source_text(self) -> str:
        """The decoded original (the HTML source for html; the paragraph text for docx)."""
        return self.text if self.original is None else self.original

    def source_offset(self, offset: int) -> int:
        """Map an offset into ``text`` to an offset into :meth:`source_text`."""
        offset = max(0, min(offset, len(self.text)))
        return offset if self.offsets is None else self.offsets(offset)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column in code points) in the ORIGINAL file for an offset into
        ``text``; for docx (paragraph, column). O(log n)."""
        src = self.source_offset(offset)
        if self._starts is None:
            self._starts = line_starts(self.source_text())
        i = bisect.bisect_right(self._starts, src) - 1
        return i + 1, src - self._starts[i] + 1


# --------------------------------------------------------------------------- decoding

_MAGIC = (  # what each is called: refcheck.io.reasons.BINARY_KINDS
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "empty_zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc"),
    (b"\x7fELF", "elf"),
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!\x1a\x07", "rar"),
)

_CHARSET_RE = re.compile(rb"""(?i)(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)""")


_MAGIC_FIRST = frozenset(m[0] for m, _ in _MAGIC) | {ord("R")}


def _binary_kind(data: bytes) -> Optional[str]:
    if not data or data[0] not in _MAGIC_FIRST:  # text: decided by its first byte
        return None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "riff"
    return None


def check_encoding(encoding: str) -> str:
    """The codec name for ``encoding``; ``ValueError`` (one line) for an unknown codec or one
    that does not turn bytes into text (``rot13``, ``base64``, ``zlib``)."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise EncodingError(Reason("unknown_encoding", {"name": encoding})) from None
    if not getattr(info, "_is_text_encoding", True):
        raise EncodingError(Reason("not_text_encoding", {"name": encoding}))
    return info.name


def _decode(data: bytes, path: str, encoding: Optional[str]) -> tuple[str, str, bytes]:
    """Return (text, encoding label, bom). ``encoding`` is the fallback for a file that is
    not UTF-8 (with or without BOM) nor UTF-16 with a BOM: a folder of UTF-8 drafts checked
    with ``--encoding cp1258`` for its one legacy file keeps its UTF-8 drafts UTF-8."""
    what = _binary_kind(data)
    if what is not None:
        raise ReadError(path, Reason("binary", {"what": what}))
    if encoding:
        try:
            check_encoding(encoding)
        except EncodingError as e:
            raise ReadError(path, e.why) from None
    try:
        return _decode_auto(data, path)
    except ReadError:
        if not encoding:
            raise
    return _decode_as(data, path, encoding)


def _decode_as(data: bytes, path: str, encoding: str) -> tuple[str, str, bytes]:
    try:
        name = check_encoding(encoding)
    except EncodingError as e:
        raise ReadError(path, e.why) from None
    try:
        text = data.decode(name)
    except UnicodeDecodeError as e:
        raise ReadError(path, Reason("cannot_decode", {"encoding": encoding, "pos": e.start,
                                                       "byte": data[e.start]})) from None
    bom = b""
    if name == "utf-8-sig":
        bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
        if not bom:
            name = "utf-8"
    elif name == "utf-16":
        if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            bom = data[:2]
        else:  # no BOM: Python decoded in native order; write back the same, no BOM
            name = "utf-16-le" if codecs.BOM_UTF16 == codecs.BOM_UTF16_LE else "utf-16-be"
    elif text.startswith("\ufeff"):
        if name == "utf-8":
            text, name, bom = text[1:], "utf-8-sig", codecs.BOM_UTF8
        elif name in ("utf-16-le", "utf-16-be"):
            bom = codecs.BOM_UTF16_LE if name == "utf-16-le" else codecs.BOM_UTF16_BE
            text, name = text[1:], "utf-16"
    return text, name, bom


def _decode_auto(data: bytes, path: str) -> tuple[str, str, bytes]:
    if data.startswith(codecs.BOM_UTF8):
        label, bom, codec, body = "utf-8-sig", codecs.BOM_UTF8, "utf-8", data[3:]
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise ReadError(path, Reason("utf32"))
    elif data.startswith(codecs.BOM_UTF16_LE):
        label, bom, codec, body = "utf-16", codecs.BOM_UTF16_LE, "utf-16-le", data[2:]
    elif data.startswith(codecs.BOM_UTF16_BE):
        label, bom, codec, body = "utf-16", codecs.BOM_UTF16_BE, "utf-16-be", data[2:]
    else:
        label, bom, codec, body = "utf-8", b"", "utf-8", data
        if b"\x00" in data:
            raise ReadError(path, Reason("nul_bytes"))
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as e:
        if codec != "utf-8":
            pos = e.start + len(bom)
            raise ReadError(path, Reason("bad_utf16", {"label": label.upper(), "pos": pos,
                                                       "byte": data[pos]})) from None
        pos = e.start + len(bom)
        line = data.count(b"\n", 0, pos) + 1
        why = Reason("not_utf8", {"byte": data[pos], "line": line})
        m = _CHARSET_RE.search(data[:4096])
        if m:
            declared = m.group(1).decode("ascii", "replace")
            if declared.lower().replace("_", "-") not in ("utf-8", "utf8"):
                why = Reason("not_utf8_declared", {"byte": data[pos], "line": line,
                                                   "declared": declared})
        raise ReadError(path, why) from None
    return text, label, bom


# --------------------------------------------------------------------------- entry points


def read_bytes(
    data: bytes, path: str, *, encoding: Optional[str] = None, kind: Optional[str] = None
) -> Source:
    """Read ``data`` as the file ``path`` (kind from the extension unless ``kind`` is given)."""
    path = str(path)
    kind = kind or kind_for_path(path)
    if kind == "docx":
        from refcheck.io.markup import _docx_text

        text = _docx_text(bytes(data), path, DOCX_MAX_XML_BYTES)
        return Source(path=path, kind="docx", text=text, encoding="utf-8", newline="\n", fixable=False)
    text, label, bom = _decode(bytes(data), path, encoding)
    return read_text(text, path, kind, encoding=label, bom=bom)


def read_text(text: str, path: str, kind: str = "txt", *, encoding: str = "utf-8",
              bom: bytes = b"") -> Source:
    """Read decoded ``text`` (an editor's buffer, or a file after ``_decode``) as the file
    ``path`` of ``kind`` (txt, md, html), so that offsets mean what they mean for a file."""
    path = str(path)
    if kind == "html":
        from refcheck.io.markup import _html_source

        return _html_source(text, path, encoding, bom)
    newline = detect_newline(text)
    if kind == "md":
        from refcheck.io.markdown import markdown_text

        scanned, date, title = markdown_text(text)
        return Source(path=path, kind="md", text=scanned, encoding=encoding, newline=newline,
                      front_matter_date=date, front_matter_title=title, fixable=True, bom=bom,
                      original=None if scanned == text else text)
    return Source(path=path, kind="txt", text=text, encoding=encoding, newline=newline,
                  fixable=True, bom=bom)


def read_path(path: str | Path, *, encoding: Optional[str] = None) -> Source:
    """Read a file from disk. Every failure is a one-line :class:`ReadError`."""
    name = str(path)
    data, st = read_file_bytes(name)
    src = read_bytes(data, name, encoding=encoding)
    src.stamp = FileStamp.of(st, data)
    return src


def read_file_bytes(name: str) -> tuple[bytes, os.stat_result]:
    """The bytes of a file and its ``stat`` (size and mtime for the result cache), read once;
    the same one-line :class:`ReadError` for every failure as :func:`read_path`."""
    try:
        st = os.stat(name)
    except FileNotFoundError:
        if os.path.islink(name):
            try:
                target = os.readlink(name)
            except OSError:
                target = "?"
            raise ReadError(name, Reason("broken_link", {"target": target})) from None
        raise ReadError(name, Reason("no_such_file")) from None
    except PermissionError:
        raise ReadError(name, Reason("permission_denied")) from None
    except OSError as e:
        raise ReadError(name, Reason("os_read", {"os": e})) from None
    if stat.S_ISDIR(st.st_mode):
        raise ReadError(name, Reason("is_dir"))
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
        raise ReadError(name, Reason("not_regular"))
    try:
        with open(name, "rb") as f:
            st = os.fstat(f.fileno())
            data = f.read()
    except FileNotFoundError:
        raise ReadError(name, Reason("vanished_reading")) from None
    except PermissionError:
        raise ReadError(name, Reason("permission_denied")) from None
    except IsADirectoryError:
        raise ReadError(name, Reason("is_dir")) from None
    except OSError as e:
        raise ReadError(name, Reason("os_read", {"os": e})) from None
    except MemoryError:
        raise ReadError(name, Reason("too_large")) from None
    return data, st
