"""Markdown input: the same text with front matter and code blanked out.

Blanking (spaces of the same length, line breaks kept) instead of cutting keeps every offset,
line and column the file's own, so findings point into the file and fixes can be written back
to it; citations inside code are not checked. Front matter gives the article's ``date:`` and
``title:``.
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

from refcheck.text.dates import parse_date

_BLANK_RE = re.compile(r"[^\r\n]+")
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|\Z)")
_FENCE_OPEN_RE = re.compile(r"[ \t]*(`{3,}|~{3,})(.*)")
_LIST_RE = re.compile(r" {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")
_HEADING_RE = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_INDENTED_RE = re.compile(r"(?: {4}| {0,3}\t)")
_BACKTICKS_RE = re.compile(r"`+")


def _blank(s: str) -> str:
    return _BLANK_RE.sub(lambda m: " " * len(m.group()), s)


def _lines(text: str):
    """Yield (start, content_end, end) for each line; only \\r\\n, \\r, \\n break lines."""
    n = len(text)
    for m in _LINE_RE.finditer(text):
        s, e = m.span()
        if s == e and s == n:
            if n == 0 or text[n - 1] in "\r\n":
                break
        ce = e
        while ce > s and text[ce - 1] in "\r\n":
            ce -= 1
        yield s, ce, e
        if e == n:
            break


def _iso_date(value) -> Optional[str]:
    return parse_date(value)  # text/dates: ISO, D/M/YYYY, "ngày d tháng m năm y", date objects


def _front_matter(text: str, lines: list) -> tuple[int, int, Optional[str], Optional[str]]:
    """(number of lines, end offset, ISO date, title) of YAML front matter, or
    (0, 0, None, None)."""
    if not lines or text[lines[0][0] : lines[0][1]].rstrip() != "---":
        return 0, 0, None, None
    for i in range(1, len(lines)):
        s, ce, e = lines[i]
        if text[s:ce].rstrip() in ("---", "..."):
            body = text[lines[1][0] : s] if i > 1 else ""
            date = title = None
            try:
                import yaml

                data = yaml.safe_load(body)
                if isinstance(data, dict):
                    for key in ("date", "Date", "DATE"):
                        if key in data:
                            date = _iso_date(data[key])
                            break
                    for key in ("title", "Title", "TITLE"):
                        value = data.get(key)
                        if isinstance(value, str) and value.strip():
                            title = " ".join(value.split())
                            break
            except Exception:  # malformed YAML: ignore the date, never crash
                date = title = None
            return i + 1, e, date, title
    return 0, 0, None, None  # no closing line: not front matter


def _code_spans(text: str, start: int, end: int, out: list) -> None:
    """Append (start, end) of inline code spans within text[start:end] (one paragraph)."""
    runs = [(m.start(), m.end() - m.start()) for m in _BACKTICKS_RE.finditer(text, start, end)]
    if len(runs) < 2:
        return
    by_len: dict[int, list[int]] = {}
    for idx, (_, n) in enumerate(runs):
        by_len.setdefault(n, []).append(idx)
    i = 0
    while i < len(runs):
        s, n = runs[i]
        # a backslash-escaped first backtick is literal: the run opens one later
        k = s
        while k > start and text[k - 1] == "\\":
            k -= 1
        if (s - k) % 2 == 1:
            s, n = s + 1, n - 1
        if n == 0:
            i += 1
            continue
        cands = by_len.get(n)
        j = -1
        if cands:
            p = bisect.bisect_right(cands, i)
            if p < len(cands):
                j = cands[p]
        if j < 0:
            i += 1
            continue
        cs, cn = runs[j]
        out.append((s, cs + cn))
        i = j + 1


def markdown_text(text: str) -> tuple[str, Optional[str], Optional[str]]:
    """(scanned text, front-matter date, front-matter title) of a Markdown file."""
    lines = list(_lines(text))
    blank: list[tuple[int, int]] = []
    nfm, fm_end, date, title = _front_matter(text, lines)
    if nfm:
        blank.append((0, fm_end))
    fence: Optional[tuple[str, int, int]] = None  # (char, length, start offset)
    # kind of the previous line: "blank" (or start), "para", "other" (heading, fence end)
    prev = "blank"
    in_list = False  # indented lines after a list item continue it; they are not code
    code_start = -1  # start of an indented code block in progress
    para_start = -1  # start of the current inline region (code spans cannot cross it)
    regions: list[tuple[int, int]] = []

    def end_para(at: int) -> None:
        nonlocal para_start
        if para_start >= 0:
            regions.append((para_start, at))
            para_start = -1

    for s, ce, e in lines[nfm:]:
        line = text[s:ce]
        if fence is not None:
            ch, n, fs = fence
            st = line.strip()
            if len(st) >= n and st == ch * len(st):
                blank.append((fs, ce))
                fence = None
                prev = "other"
            continue
        if not line.strip():
            end_para(s)
            if code_start < 0:
                prev = "blank"
            continue
        m = _FENCE_OPEN_RE.match(line)
        if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
            end_para(s)
            if code_start >= 0:
                blank.append((code_start, s))
                code_start = -1
            fence = (m.group(1)[0], len(m.group(1)), s)
            continue
        indented = _INDENTED_RE.match(line) is not None
        if code_start >= 0:
            if indented:
                continue
            blank.append((code_start, s))
            code_start = -1
            prev = "blank"
        elif indented and prev != "para" and not in_list:
            end_para(s)
            code_start = s
            continue
        if _HEADING_RE.match(line):
            end_para(s)
            in_list = False
            regions.append((s, e))
            prev = "other"
            continue
        if _LIST_RE.match(line):
            in_list = True
        elif line[:1] not in (" ", "\t") and prev != "para":
            in_list = False  # a paragraph after a blank line ends the list
        if para_start < 0:
            para_start = s
        prev = "para"
    if fence is not None:  # unclosed fence runs to the end of the document
        blank.append((fence[2], len(text)))
    if code_start >= 0:
        blank.append((code_start, len(text)))
    end_para(len(text))

    for a, b in regions:
        _code_spans(text, a, b, blank)
    if not blank:
        return text, date, title
    blank.sort()
    out = []
    pos = 0
    for a, b in blank:
        if b <= pos:
            continue
        a = max(a, pos)
        out.append(text[pos:a])
        out.append(_blank(text[a:b]))
        pos = b
    out.append(text[pos:])
    result = "".join(out)
    assert len(result) == len(text)
    return result, date, title
