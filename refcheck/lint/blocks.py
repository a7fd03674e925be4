"""One big plain-text file checked in blocks, so memory stays bounded whatever its size.

A 71 MB dump of news decodes to about 140 MB of Python text before any work is done; checked
whole, the run peaks above 300 MB, and a draft dense with citations holds one result object
per citation. Citations are local (no pattern crosses a blank line) and every check works
within one article, so the file is read ``READ_BYTES`` at a time, decoded incrementally, and
cut where an article starts (``split_articles`` decides, as it does for the whole text; the
unfinished last article is carried into the next block). Each block is checked on its own,
its offsets, lines and article numbers shifted to the file's, and handed to the report as
one *part* (:func:`check_in_blocks` yields them): the positions the report needs (citation
starts, fix spans) are kept in a table per block, with each fix's original text, and both
are dropped once the part is written. Nothing of the file is kept between blocks.

Before the first block the file is read once through (:func:`prescan`), so that whatever
sends it back to the whole-file reader is known before any part is reported: ``--fix``/
``--diff``/``--baseline`` (they need the text; the runner never asks), an ``--encoding``
other than UTF-8, anything not valid UTF-8 or not text (the whole-file reader words the
error), files that mention ``refcheck`` (suppression comments can reach across a block,
``ignore-file`` across all of them). An article longer than ``MAX_CARRY_CHARS`` is cut at its
last blank line, else at its last line break, else (a draft that is one long line: read whole,
60 MB of it peaked at 1.45 GB) at its last sentence end, and counts as two; a block that starts
inside a line shifts the columns of that line.
"""
from __future__ import annotations

import codecs
import re
import dataclasses
from typing import Callable, Iterator, Optional

from refcheck.model import Article, FileResult, Span

BLOCK_MIN_BYTES = 16 << 20  # smaller files are read whole
READ_BYTES = 128 << 10
#: >= 2 * READ_BYTES: a cut in its second half leaves a block of text. A block holds at most
#: MAX_CARRY_CHARS + READ_BYTES characters whatever the text's lines: what bounds memory,
#: since a block's results grow with its citations (a 1 MB block dense with citations, as
#: one line, peaked at 335 MB with --format json).
MAX_CARRY_CHARS = 256 << 10


class Fallback(Exception):
    """Blocks cannot reproduce the whole-file result for this file: read it whole."""


def _breaks(text: str) -> int:
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _cut(buf: str) -> int:
    """Where the next block starts: the last article start that the lines read so far decide
    (a repeated headline needs the line after it, so only complete lines before the last
    non-blank one count), else, for one article longer than ``MAX_CARRY_CHARS``, after its
    last blank line; 0 to read on."""
    from refcheck.extract.articles import split_articles

    end = buf.rfind("\n") + 1  # complete lines only
    body = buf[:end]
    last = len(body.rstrip())
    limit = body.rfind("\n", 0, last) + 1  # where the last non-blank line starts
    starts = [a.start for a in split_articles(body)[1:] if a.start <= limit]
    if starts:
        return starts[-1]
    if len(buf) <= MAX_CARRY_CHARS:
        return 0
    i = max(body.rfind("\n\n"), body.rfind("\n\r\n"))
    if i >= 0:
        return body.index("\n", i + 1) + 1
    if end:
        return end  # no blank line: at the last line break
    return _sentence_end(buf)


# A sentence ends at ". " (or ";", "!", "?") before a capital, after a word in lower case: not
# inside "TP. Hồ Chí Minh" or a symbol, so no citation is cut.
_SENTENCE_END = re.compile(r"(?<=[a-zà-ỹđ][.;!?])[\"”’)]*[ \t]+(?=[A-ZÀ-ỸĐ\"“])")


def _sentence_end(buf: str) -> int:
    """Where one long line is cut: after its last sentence end in the second half of ``buf``,
    else its last space there, else all of it (a megabyte without a space is not prose)."""
    half = len(buf) // 2
    last = None
    for last in _SENTENCE_END.finditer(buf, half):
        pass
    if last is not None:
        return last.end()
    sp = buf.rfind(" ", half)
    return sp + 1 if sp >= 0 else len(buf)


def _span(s: Optional[Span], base: int) -> Optional[Span]:
    return Span(s.start + base, s.end + base) if s is not None else None


def _shift(r: FileResult, chunk: str, base: int, base_line: int, n_art: int,
           table: dict, base_col: int = 0) -> list[Article]:
    """Shift one block's results to the file's offsets, lines and columns (``base_col``: how
    far into its line the block starts, for positions on its first line)."""
    from refcheck.text.positions import LineIndex

    pos = None

    def at(off: int) -> tuple[int, int]:
        line, col = pos(off)
        return line + base_line, col + (base_col if line == 1 else 0)

    for a in r.articles:
        if a.citations or a.findings:
            pos = pos or LineIndex(chunk)
        for c in a.citations:
            table[c.start + base] = at(c.start)
            c.start += base
            c.end += base
            c.symbol_span = _span(c.symbol_span, base)
            c.date_span = _span(c.date_span, base)
            c.issuer_span = _span(c.issuer_span, base)
            c.spelling = [(_span(s, base), canon) for s, canon in c.spelling]
        for f in a.findings:
            if base_col:
                f.column += base_col if f.line == 1 else 0
                f.end_column += base_col if f.end_line == 1 else 0
            f.start += base
            f.end += base
            f.line += base_line
            f.end_line += base_line
            if f.fix is not None:
                fx = f.fix
                for off in (fx.start, fx.end):
                    table[off + base] = at(off)
                original = chunk[fx.start:fx.end]
                f.fix = dataclasses.replace(fx, start=fx.start + base, end=fx.end + base,
                                            original=original)
        a.index += n_art
        a.start += base
        a.end += base
        a.line += base_line
    return r.articles


PositionFn = Callable[[int], tuple[int, int]]


def prescan(name: str) -> None:
    """Raise :class:`Fallback` unless the whole file can be checked in blocks (see the module
    docstring); reads the file once, keeping one block."""
    from refcheck.io.read import _binary_kind

    decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
    tail = b""
    with open(name, "rb") as fh:
        first = True
        while True:
            raw = fh.read(READ_BYTES)
            if first:
                if _binary_kind(raw) or raw[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
                    raise Fallback("not UTF-8 text")
                first = False
            if b"\x00" in raw or b"refcheck" in (tail + raw).lower():
                raise Fallback("NUL bytes or a refcheck comment")
            tail = raw[-8:]
            try:
                decoder.decode(raw, final=not raw)
            except UnicodeDecodeError:
                raise Fallback("not valid UTF-8") from None
            if not raw:
                return


def check_in_blocks(name: str, check: Callable[[str], FileResult]
                    ) -> Iterator[tuple[FileResult, PositionFn]]:
    """The results of ``check`` (one block's text -> its ``FileResult``) over the whole file,
    block by block, each with the offset -> (line, column) function of what the reports look
    up in it. Raises :class:`Fallback` (or ``OSError``) before the first block when the file
    must be read whole; an ``OSError`` later (the file truncated under us) ends the parts."""
    prescan(name)
    return _blocks(name, check)


def _blocks(name: str, check: Callable[[str], FileResult]
            ) -> Iterator[tuple[FileResult, PositionFn]]:
    decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
    n_art = base = base_line = base_col = 0
    carry = ""
    with open(name, "rb") as fh:
        while True:
            raw = fh.read(READ_BYTES)
            eof = not raw
            buf = carry + decoder.decode(raw, final=eof)
            cut = len(buf) if eof else _cut(buf)
            if cut:
                chunk, carry = buf[:cut], buf[cut:]
                del buf
                r = check(chunk)
                table: dict[int, tuple[int, int]] = {}
                articles = _shift(r, chunk, base, base_line, n_art, table, base_col)
                n_art += len(articles)
                base += len(chunk)
                base_line += _breaks(chunk)
                nl = max(chunk.rfind("\n"), chunk.rfind("\r"))
                base_col = len(chunk) - nl - 1 if nl >= 0 else base_col + len(chunk)
                del chunk, r
                yield FileResult(path=name, articles=articles, text="", kind="txt"), \
                    table.__getitem__
                del articles, table
            else:
                carry = buf
            if eof:
                break
