"""``--fix`` and ``--diff``: apply safe fixes, show them, and write files back without ever
losing a word.

Writing back uses what :func:`refcheck.read.read_path` recorded::

    src = read_path(p)
    old, new, n = fix_source(src, fixes)      # == apply_fixes(src.source_text(), fixes)
    if n:
        write_atomic(src.path, new, encoding=src.encoding, bom=src.bom)

**Apply fixes to ``src.source_text()``, never to ``src.text``, for Markdown**: the scanned
text of a ``.md`` file has its front matter and code blanked (same offsets, different
characters), so writing a fixed ``src.text`` back would wipe them. :func:`fix_source` does it
right and refuses kinds that are not fixable.

Encodings: ``"utf-8"`` (no BOM), ``"utf-8-sig"`` (writes ``EF BB BF``), ``"utf-16"`` (writes
``bom`` — ``FF FE`` little-endian or ``FE FF`` big-endian — then the text in that byte order;
without ``bom`` the byte order of the existing file is kept, little-endian for a new file),
or any Python codec name (``"cp1258"``, ``"utf-16-le"`` = no BOM). For legacy 8-bit
Vietnamese code pages a precomposed letter the code page lacks (``ố`` in cp1258) is written
decomposed (``ô`` + combining acute), as those files normally are.
"""
from __future__ import annotations

import codecs
import difflib
import itertools
import os
import stat
import unicodedata
from pathlib import Path
from typing import Iterable, Optional

from refcheck.io.reasons import Reason
from refcheck.model import Fix

__all__ = ["apply_fixes", "fix_source", "unified_diff", "write_atomic", "write_in_place",
           "encode_text", "write_fixed", "FixRefused", "FileChanged"]


class FileChanged(OSError):
    """The file on disk is no longer the one that was read (edited, replaced, moved)."""


class FixRefused(Exception):
    """``--fix`` leaves this file exactly as it was; ``key`` and ``fields`` name the reason
    (texts in :mod:`refcheck.lint.messages`)."""

    def __init__(self, key: str, **fields) -> None:
        super().__init__(key)
        self.key, self.fields = key, fields


# --------------------------------------------------------------------------- fixes


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Apply the safe fixes to ``text``; return ``(new_text, applied_count)``.

    Unsafe fixes, fixes out of bounds, fixes whose ``original`` text is not at their offsets
    (a result computed on another text: a stale cache entry, an edited file), exact duplicates
    and fixes that change nothing are ignored. Fixes are taken from the end backwards (later start first; for equal starts
    the longer one first); a fix overlapping one already taken is skipped (it will be found
    again on the next run). Two insertions at the same offset overlap. The result is built
    in one pass, so many fixes on a big file stay linear.
    """
    n = len(text)
    seen: set[tuple[int, int, str]] = set()
    cands: list[tuple[int, int, str]] = []
    for f in fixes:
        if f is None or not f.safe:
            continue
        s, e, r = f.start, f.end, f.replacement
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= n):
            continue
        if r is None or text[s:e] == r:
            continue
        if f.original is not None and text[s:e] != f.original:
            continue  # not the text this fix was computed on
        key = (s, e, r)
        if key in seen:
            continue
        seen.add(key)
        cands.append(key)
    cands.sort(key=lambda k: (k[0], k[1]), reverse=True)  # stable for ties
    chosen: list[tuple[int, int, str]] = []
    limit = n  # start of the last fix taken: the next one must end at or before it
    for s, e, r in cands:
        if e > limit:
            continue  # overlaps a fix already taken
        if s == e == limit and chosen and chosen[-1][0] == chosen[-1][1]:
            continue  # two insertions at one point: their order would be a guess
        chosen.append((s, e, r))
        limit = s
    if not chosen:
        return text, 0
    out: list[str] = []
    pos = 0
    for s, e, r in reversed(chosen):
        out.append(text[pos:s])
        out.append(r)
        pos = e
    out.append(text[pos:])
    return "".join(out), len(chosen)


def fix_source(src, fixes: Iterable[Fix]) -> tuple[str, str, int]:
    """Apply ``fixes`` (offsets into ``src.text``) to the decoded file of a
    :class:`refcheck.read.Source`; return ``(old_text, new_text, applied_count)``.
    Raises ``ValueError`` for kinds that cannot be fixed (html, docx)."""
    if not src.fixable:
        raise ValueError(f"{src.path}: {src.kind} files cannot be fixed in place")
    old = src.source_text()
    new, n = apply_fixes(old, fixes)
    return old, new, n


# --------------------------------------------------------------------------- diff


def _split_lines(text: str) -> list[str]:
    """Lines with their endings; only ``\\r\\n``, ``\\n`` and ``\\r`` end a line."""
    from refcheck.text.positions import split_lines

    return split_lines(text, keepends=True)


def unified_diff(path: str, old: str, new: str, *, context: int = 3) -> str:
    """A ``git diff``-style unified diff (``a/path``, ``b/path``); ``""`` when equal.
    Line endings are shown as they are; a last line without one gets
    ``\\ No newline at end of file``."""
    if old == new:
        return ""
    a = _split_lines(old)
    b = _split_lines(new)
    path = str(path).replace("\\", "/")
    out: list[str] = []
    for i, line in enumerate(difflib.unified_diff(a, b, f"a/{path}", f"b/{path}", n=context)):
        if i < 2:  # the ---/+++ header lines (difflib ends them with "\n")
            out.append(line)
            continue
        if line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


# --------------------------------------------------------------------------- encode / write

def _decompose_handler(codec: str) -> str:
    """Name of an error handler for ``codec`` that writes a letter the code page lacks as
    base letter (+ shape mark when the code page has that letter, like ô/ơ/ư/â/ă/ê in
    cp1258) + combining tone mark; anything else still fails."""
    name = f"refcheck-decompose-{codec}"
    try:
        codecs.lookup_error(name)
        return name
    except LookupError:
        pass

    def handler(exc: UnicodeError):
        if not isinstance(exc, UnicodeEncodeError):
            raise exc
        out = []
        for ch in exc.object[exc.start : exc.end]:
            d = unicodedata.normalize("NFD", ch)
            marks = d[1:4]
            cands = []
            for k in range(len(marks) - 1, -1, -1):  # compose as many marks as possible
                for keep in itertools.combinations(range(len(marks)), k):
                    rest = "".join(m for i, m in enumerate(marks) if i not in keep)
                    cands.append(unicodedata.normalize("NFC", d[0] + "".join(marks[i] for i in keep)) + rest)
            for cand in cands:
                if cand == ch:
                    continue
                try:
                    cand.encode(codec)
                except UnicodeEncodeError:
                    continue
                out.append(cand)
                break
            else:
                raise exc
        return "".join(out), exc.end

    codecs.register_error(name, handler)
    return name


def encode_text(text: str, encoding: str, bom: Optional[bytes] = None, *, existing: Optional[bytes] = None) -> bytes:
    """Encode ``text`` the way the file was read (see module docstring). Raises
    ``UnicodeEncodeError``/``LookupError`` when that is impossible."""
    name = codecs.lookup(encoding).name
    if name == "utf-16":
        if bom is None:
            head = existing[:2] if existing else b""
            bom = head if head in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else codecs.BOM_UTF16_LE
        if bom == b"":
            return text.encode("utf-16-le" if codecs.BOM_UTF16 == codecs.BOM_UTF16_LE else "utf-16-be")
        if bom == codecs.BOM_UTF16_BE:
            return bom + text.encode("utf-16-be")
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if name == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    if name.startswith("utf"):
        data = text.encode(name)
    else:
        data = text.encode(name, _decompose_handler(name))
    if bom and not data.startswith(bom):
        data = bom + data
    return data


def _dominant_newline(existing: Optional[bytes], encoding: str) -> str:
    from refcheck.io.read import detect_newline

    if not existing:
        return "\n"
    try:
        name = codecs.lookup(encoding).name
        return detect_newline(existing.decode("utf-8-sig" if name == "utf-8" else name, "replace"))
    except LookupError:
        return "\n"


def write_atomic(
    path: str | Path,
    text: str,
    *,
    encoding: str,
    newline_preserved: bool = True,
    bom: Optional[bytes] = None,
    expect=None,
) -> None:
    """Replace the file at ``path`` with ``text`` atomically.

    The text is encoded first (an encoding error leaves everything untouched), written to a
    temporary file in the same directory, flushed and fsync'ed, given the original's
    permission bits (and owner, when allowed), then moved over the original with
    :func:`os.replace`. A symbolic link is kept: its target is replaced. On any error the
    original is untouched and the temporary file removed (a SIGKILL can leave a stray
    ``.<name>.*.refcheck-tmp`` next to the file, never a damaged original).

    ``newline_preserved=True`` (the normal case: ``text`` came from :class:`Source` and keeps
    the file's own ``\\r\\n``) writes ``text`` as is. With ``False``, ``text`` uses ``\\n`` and
    each ``\\n`` is written as the existing file's dominant line ending.

    ``expect`` (a :class:`refcheck.io.read.FileStamp`): the file must still be exactly what
    was read — same size, modification time, inode and content hash — when writing starts
    and again right before the rename; otherwise :class:`FileChanged` is raised and nothing
    is written. A file that is gone is then not recreated.
    """
    target = os.path.realpath(os.fspath(path))
    need_existing = not newline_preserved or (bom is None and codecs.lookup(encoding).name == "utf-16")
    existing: Optional[bytes] = None
    try:
        st: Optional[os.stat_result] = os.stat(target)
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise OSError(22, "not a regular file (a device or a FIFO is never replaced)", target)
    if expect is not None:
        _same_as_read(target, expect)
    if st is not None and need_existing:
        with open(target, "rb") as f:
            existing = f.read()
    if not newline_preserved:
        nl = _dominant_newline(existing, encoding)
        if nl != "\n":
            text = text.replace("\r\n", "\n").replace("\n", nl)
    data = encode_text(text, encoding, bom, existing=existing)

    from refcheck.fsio import AtomicFile

    out = AtomicFile(target, binary=True)  # keeps the mode bits and owner; fsync'ed
    try:
        out.write(data)
    except BaseException:
        out.discard()
        raise
    # an editor may have saved while we wrote: checked again right before the rename
    out.commit(None if expect is None else lambda: _same_as_read(target, expect))


def _same_as_read(target: str, expect) -> None:
    """Raise :class:`FileChanged` unless ``target`` still holds the bytes that were read."""
    import hashlib

    try:
        with open(target, "rb") as f:
            st = os.fstat(f.fileno())
            if (st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev) != \
                    (expect.size, expect.mtime_ns, expect.ino, expect.dev):
                raise FileChanged(target)
            h = hashlib.sha256()
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except FileNotFoundError:
        raise FileChanged(target) from None
    if h.digest() != expect.sha256:
        raise FileChanged(target)


def write_in_place(path: str | Path, text: str, *, encoding: str, bom: Optional[bytes] = None,
                   expect=None) -> None:
    """Write ``text`` over the file's own bytes (same inode), for a file with several hard
    links: each of its names then shows the fix, as an editor saving in place would do.

    The file is opened once; its size, modification time, inode and hash are checked on that
    open file against ``expect`` (:class:`FileChanged` otherwise). Before writing, a copy of
    the original is fsync'ed next to it (``.<name>.*.refcheck-bak``), so a process killed
    mid-write leaves the original's words on disk; on an error while writing the original is
    put back and the copy removed. Encoding as :func:`write_atomic`.
    """
    import hashlib
    import tempfile

    target = os.path.realpath(os.fspath(path))
    try:
        fh = open(target, "r+b")
    except FileNotFoundError:
        raise FileChanged(target) from None
    with fh:
        fd = fh.fileno()
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(22, "not a regular file (a device or a FIFO is never replaced)", target)
        original = fh.read()
        if expect is not None and ((st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev)
                                   != (expect.size, expect.mtime_ns, expect.ino, expect.dev)
                                   or hashlib.sha256(original).digest() != expect.sha256):
            raise FileChanged(target)
        data = encode_text(text, encoding, bom, existing=original)
        folder = os.path.dirname(target) or "."
        bfd, backup = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.",
                                       suffix=".refcheck-bak")
        try:
            _write_all(bfd, original)
            os.fsync(bfd)
        except BaseException:
            os.close(bfd)
            os.unlink(backup)
            raise
        os.close(bfd)
        try:
            _overwrite(fd, data)
        except BaseException:
            _overwrite(fd, original)  # put the words back; the copy stays if this fails too
            os.unlink(backup)
            raise
        os.unlink(backup)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _overwrite(fd: int, data: bytes) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    _write_all(fd, data)
    os.ftruncate(fd, len(data))
    os.fsync(fd)


def _inside(path: str, roots) -> bool:
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def write_fixed(src, new: str, *, roots=None) -> None:
    """Write the fixed text of ``src`` (read by :func:`refcheck.io.read.read_path`) back to
    its file, or raise :class:`FixRefused` and leave the file as it was.

    Refused: a file changed, moved or deleted since it was read; a read-only file; a
    symbolic link whose target lies outside ``roots`` (the real paths of the checked
    folders); a fix the file's own encoding cannot hold; any error writing (an unwritable
    folder). A symbolic link inside the tree is written through: its target is replaced. A
    file with several hard links is written in place (:func:`write_in_place`): an atomic
    rename would leave its other names on the old text.
    """
    path = src.path
    if src.stamp is None:
        raise FixRefused("vanished", path=path)
    target = os.path.realpath(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        raise FixRefused("vanished", path=path) from None
    except OSError as e:
        raise FixRefused("cannot_write", path=path, reason=e) from None
    if not stat.S_ISREG(st.st_mode):  # a FIFO or a device is never replaced by a file
        raise FixRefused("cannot_write", path=path, reason=Reason("not_regular_write"))
    if roots is not None and os.path.islink(path) and not _inside(target, roots):
        raise FixRefused("link_outside", path=path, target=target)
    if not (st.st_mode & stat.S_IWUSR) or not os.access(target, os.W_OK):
        raise FixRefused("read_only", path=path)
    writer = write_atomic if st.st_nlink <= 1 else write_in_place  # keep hard links
    try:
        writer(path, new, encoding=src.encoding, bom=src.bom, expect=src.stamp)
    except FileChanged:
        gone = not os.path.exists(target)
        raise FixRefused("vanished" if gone else "changed", path=path) from None
    except UnicodeEncodeError as e:
        raise FixRefused("cannot_encode", path=path, encoding=src.encoding,
                         char=e.object[e.start:e.end]) from None
    except OSError as e:
        raise FixRefused("cannot_write", path=path, reason=e) from None
