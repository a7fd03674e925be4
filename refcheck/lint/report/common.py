"""What every report format shares: message texts, terminal-safe text, positions, order.

Positions: findings carry 1-based line/column (code points) filled by the pipeline; citation
and fix positions are computed here from ``FileResult.text`` with a ``LineIndex`` (or taken
from the optional ``positions`` mapping path -> offset -> (line, column)). End columns are
exclusive: ``end_column`` is the column of the character just after the span, which is what
SARIF's ``endColumn`` and GitHub's ``endColumn`` mean.
"""
from __future__ import annotations

from typing import Callable, Iterable, Mapping, Optional

from refcheck.model import FileResult, Finding
from refcheck.text.positions import LineIndex


def tabulate(*args, **kwargs) -> str:
    """``tabulate.tabulate``, imported on first use: a clean run prints no table and should
    not pay for the import (about 20 ms, most of a pre-commit hook's budget)."""
    from tabulate import tabulate as _tabulate

    return _tabulate(*args, **kwargs)


PositionFn = Callable[[int], tuple[int, int]]
Positions = Mapping[str, PositionFn]

_T = {
    "vi": {
        "article": "Bài {index}",
        "date_unknown": "ngày không rõ",
        "untitled": "không tiêu đề",
        "clean": "{path}: {n} trích dẫn, không có vấn đề",
        "dirty": "{path}: {n} trích dẫn, {p} vấn đề",
        "unreadable": "{path}: không đọc được: {error}",
        "help": "gợi ý",
        "fix": "sửa",
        "unsafe": "không an toàn",
        "fix_safe": "sửa (--fix)",
        "fix_unsafe": "gợi ý sửa (xem lại; --fix không tự sửa)",
        "fix_by_hand": "sửa tay (--fix không sửa tệp {kind})",
        "headers": ("dòng:cột", "mã", "mức", "trích dẫn", "thông báo"),
        "sev": {"error": "lỗi", "warning": "cảnh báo", "info": "thông tin"},
        "total": "Tổng: {p} vấn đề trong {f} tệp ({detail}).",
        "total_clean": "Không có vấn đề ({f} tệp, {n} trích dẫn).",
        "n_unreadable": "{u} tệp không đọc được",
        "stats": ("mã", "tên", "số lần"),
    },
    "en": {
        "article": "Article {index}",
        "date_unknown": "date unknown",
        "untitled": "untitled",
        "clean": "{path}: {n} citation{n_s}, no problems",
        "dirty": "{path}: {n} citation{n_s}, {p} problem{p_s}",
        "unreadable": "{path}: cannot be read: {error}",
        "help": "help",
        "fix": "fix",
        "unsafe": "unsafe",
        "fix_safe": "fix (--fix)",
        "fix_unsafe": "suggested fix (review it; --fix leaves it)",
        "fix_by_hand": "fix by hand (--fix does not rewrite {kind} files)",
        "headers": ("line:col", "code", "severity", "citation", "message"),
        "sev": {"error": "error", "warning": "warning", "info": "info"},
        "total": "Found {p} problem{p_s} in {f} file{f_s} ({detail}).",
        "total_clean": "No problems ({f} file{f_s}, {n} citation{n_s}).",
        "n_unreadable": "{u} unreadable",
        "stats": ("code", "name", "count"),
    },
}


def _t(lang: str) -> dict:
    return _T.get(lang, _T["vi"])


def say(template: str, **kw) -> str:
    """``template`` filled in, with ``{x_s}`` the English plural ending of each count ``x``
    ("1 file", "2 files"); Vietnamese nouns do not inflect and leave them unused."""
    kw.update({f"{k}_s": "" if v == 1 else "s" for k, v in list(kw.items()) if isinstance(v, int)})
    return template.format(**kw)


# --------------------------------------------------------------------------- escaping

_BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C}


def _escape_char(ch: str) -> str:
    cp = ord(ch)
    if cp < 0x100:
        return "\\x%02x" % cp
    if 0xDC80 <= cp <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return "\\x%02x" % (cp - 0xDC00)
    return "\\u%04x" % cp


def shown_path(path: str) -> str:
    """A file name as text that can always be printed and put in JSON: the bytes of a name
    that is not UTF-8 (kept by Python as lone surrogates) are shown as ``\\xff``."""
    if path.isascii():
        return path
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return "".join(_escape_char(c) if 0xD800 <= ord(c) <= 0xDFFF else c for c in path)


def clean(text: Optional[str], keep_newlines: bool = False) -> str:
    """Make text from a checked file safe to print on a terminal.

    C0/C1 control characters (ESC, BEL, backspace, CR, …) and bidirectional overrides become
    visible escapes (``\\x1b``, ``\\u202e``), so a draft can never move the cursor, recolour the
    terminal or reorder what the editor sees. Tabs and newlines become ``\\t``/``\\n`` too,
    unless ``keep_newlines``.
    """
    if not text:
        return "" if text is None else text
    out = []
    for ch in text:
        cp = ord(ch)
        if keep_newlines and ch in "\r\n":
            out.append(ch)
        elif cp < 0x20 or 0x7F <= cp < 0xA0 or cp in _BIDI or cp in (0x2028, 0x2029) \
                or 0xD800 <= cp <= 0xDFFF:
            out.append({"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(ch) or _escape_char(ch))
        else:
            out.append(ch)
    return "".join(out)


# --------------------------------------------------------------------------- positions


def _position_fn(result: FileResult, positions: Optional[Positions]) -> PositionFn:
    if positions is not None and result.path in positions:
        return positions[result.path]
    return LineIndex(result.text or "")


class _Lazy:
    """Builds the LineIndex of a file only if some position is actually needed."""

    def __init__(self, result: FileResult, positions: Optional[Positions]) -> None:
        self._result, self._positions, self._fn = result, positions, None

    def __call__(self, offset: int) -> tuple[int, int]:
        if self._fn is None:
            self._fn = _position_fn(self._result, self._positions)
        return self._fn(offset)


def _finding_region(f: Finding, pos: PositionFn) -> tuple[int, int, int, int]:
    """(line, column, end_line, end_column) — from the finding when filled, else computed."""
    if f.line > 0:
        line, col = f.line, max(f.column, 1)
        if f.end_line > 0:
            end_line, end_col = f.end_line, max(f.end_column, 1)
        else:
            end_line, end_col = pos(f.end)
        return line, col, end_line, end_col
    line, col = pos(f.start)
    end_line, end_col = pos(f.end)
    return line, col, end_line, end_col


def _iter_findings(results: Iterable[FileResult]):
    for r in results:
        for a in r.articles:
            for f in a.findings:
                yield r, a, f


def _sort_key(f: Finding):
    return (f.line or 0, f.column or 0, f.start, f.code)


def _count(n: int, severity: str, lang: str) -> str:
    word = _t(lang)["sev"][severity]
    if lang == "en" and n != 1 and severity != "info":
        word += "s"
    return f"{n} {word}"




# --------------------------------------------------------------------------- streaming

Sink = Callable[[str], object]


class Writer:
    """A report written as files finish: ``file(result)`` once per file, in order, then
    ``close()``. Nothing but counters is kept between files, so memory does not grow with
    the number of files or findings. ``position`` is the file's offset -> (line, column)
    function when the text alone cannot give it (HTML sources, files checked in blocks)."""

    def __init__(self, write: Sink) -> None:
        self.write = write

    def file(self, r: FileResult, position: Optional[PositionFn] = None) -> None:
        raise NotImplementedError

    def file_parts(self, r: FileResult, parts: Iterable[tuple[FileResult, PositionFn]]) -> None:
        """One file given in parts (a big file checked in blocks: ``r`` without articles,
        then the articles of each block in order, with its position function), written as
        the whole file would be. The formats with no per-file framing write each part as a
        file: findings are sorted by position, and a later block's come after."""
        for part, position in parts:
            self.file(part, position)
            del part, position  # not kept while the next block is checked

    def close(self) -> None:
        pass


def lazy_position(r: FileResult, position: Optional[PositionFn]) -> "_Lazy":
    return _Lazy(r, {r.path: position} if position is not None else None)


def run_writer(writer: Writer, results: Iterable[FileResult],
               positions: Optional[Positions] = None) -> None:
    """Feed a whole list to a streaming writer (the non-streaming ``format_*`` functions)."""
    for r in results:
        writer.file(r, positions.get(r.path) if positions is not None else None)
    writer.close()


def collect(make: Callable[[Sink], Writer], results: Iterable[FileResult],
            positions: Optional[Positions] = None) -> str:
    parts: list[str] = []
    run_writer(make(parts.append), results, positions)
    return "".join(parts)
