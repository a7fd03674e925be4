"""The default human report: each file, each article, one line per finding and, when the
finding has a fix, one fix line; fitted to the terminal's width (``width``), never wider::

    drafts/hoi-nghi.txt
      Bài 1: “HỘI NGHỊ BAN CHẤP HÀNH …” (2020-10-02)
        5:22  cảnh báo   RC102  Số hiệu viết chưa chuẩn: “45 - CT/TW” → “45-CT/TW”.
                                sửa (--fix): “45 - CT/TW” → “45-CT/TW”
    drafts/hoi-nghi.txt: 3 trích dẫn, 1 vấn đề

A message longer than the width is wrapped at a space under its own first column (nothing is
cut). ``quiet`` leaves only the findings: no clean files, no per-file or run totals.
"""
from __future__ import annotations

from collections import Counter
from typing import Optional

from refcheck.lint.report.common import (PositionFn, Positions, Sink, Writer, _count, say,
                                         _finding_region, _sort_key, _t, clean, collect,
                                         lazy_position)
from refcheck.model import Article, FileResult

_COLORS = {"error": "31", "warning": "33", "info": "36"}
_INDENT = "    "
#: narrower than this there is no room to wrap into: lines run on instead
_MIN_TEXT = 20


def _c(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _n_citations(r: FileResult) -> int:
    return sum(len(a.citations) for a in r.articles)


def _article_heading(a: Article, lang: str, width: Optional[int]) -> str:
    t = _t(lang)
    head = t["article"].format(index=a.index)
    date = a.date or t["date_unknown"]
    room = 80 if width is None else max(_MIN_TEXT, width - len(head) - len(date) - 9)
    title = clean(_shorten(a.title, room)) if a.title else t["untitled"]
    return f"  {head}: “{title}” ({date})"


def _wrap(text: str, first: str, indent: int, width: Optional[int]) -> list[str]:
    """``first`` (visible width ``indent``, may hold colour codes) then ``text``, wrapped at
    ``width`` with continuation lines indented by ``indent``."""
    if width is None or width - indent < _MIN_TEXT or len(text) <= width - indent:
        return [first + text]
    import textwrap  # here: only a terminal's report wraps

    lines = textwrap.wrap(text, width - indent, break_long_words=True, break_on_hyphens=False)
    if not lines:
        return [first.rstrip()]
    return [first + lines[0]] + [" " * indent + ln for ln in lines[1:]]


def fix_label(f, kind: str, t: dict) -> str:
    """What the report says a fix is: applied by --fix, to check by hand, or (.html, .docx)
    to make by hand because --fix does not rewrite those files."""
    if kind in ("html", "docx"):
        return t["fix_by_hand"].format(kind=".html" if kind == "html" else ".docx")
    return t["fix_safe"] if f.fix.safe else t["fix_unsafe"]


class GroupedWriter(Writer):
    """The default human report, streamed: each file's lines as it finishes, the totals at
    the end. A dirty file's closing blank line is held back until something follows it."""

    def __init__(self, write: Sink, lang: str = "vi", color: bool = False,
                 summary: bool = True, width: Optional[int] = None, quiet: bool = False) -> None:
        super().__init__(write)
        self.lang, self.color, self.summary = lang, color, summary and not quiet
        self.width, self.quiet = width, quiet
        self.totals: Counter = Counter()
        self.n_files = self.n_cit = self.unreadable = 0
        self.blank = False  # a blank line is owed before the next output

    def _emit(self, out: list[str]) -> None:
        if not out:
            return
        self.write(("\n" if self.blank else "") + "\n".join(out) + "\n")
        self.blank = False

    def file(self, r: FileResult, position: Optional[PositionFn] = None) -> None:
        color, t, width = self.color, _t(self.lang), self.width
        out: list[str] = []
        self.n_files += 1
        path = clean(r.path)
        if r.error is not None:
            self.unreadable += 1
            head = t["unreadable"].format(path=path, error="")
            out.extend(_wrap(clean(r.error), _c(head, "31;1", color), len(head), width))
            self._emit(out)
            return
        n = _n_citations(r)
        self.n_cit += n
        findings = [f for a in r.articles for f in a.findings]
        if not findings:
            if not self.quiet:
                out.append(say(t["clean"], path=path, n=n))
            self._emit(out)
            return
        out.append(_c(path, "1", color))
        self._articles(r, lazy_position(r, position), out)
        if not self.quiet:
            out.append(say(t["dirty"], path=path, n=n, p=len(findings)))
        self._emit(out)
        self.blank = not self.quiet

    def _articles(self, r: FileResult, pos, out: list[str]) -> None:
        """The lines of each article of ``r`` that has findings."""
        color, t, width = self.color, _t(self.lang), self.width
        sev_width = max(len(w) for w in t["sev"].values())
        for a in r.articles:
            if not a.findings:
                continue
            out.append(_article_heading(a, self.lang, width))
            rows = []
            for f in sorted(a.findings, key=_sort_key):
                self.totals[f.severity] += 1
                line, col, _, _ = _finding_region(f, pos)
                rows.append((f"{line}:{col}", f))
            loc_width = max(len(loc) for loc, _ in rows)
            indent = len(_INDENT) + loc_width + 2 + sev_width + 2 + len(rows[0][1].code) + 2
            for loc, f in rows:
                sev = t["sev"].get(f.severity, f.severity)
                first = (f"{_INDENT}{loc:<{loc_width}}  "
                         + _c(f"{sev:<{sev_width}}", _COLORS.get(f.severity, "0"), color)
                         + "  " + _c(f.code, "1", color) + "  ")
                out.extend(_wrap(clean(f.message), first, indent, width))
                if f.fix is not None:
                    old = f.fix.original  # (a file checked in blocks keeps no text)
                    if old is None:
                        old = r.text[f.fix.start:f.fix.end] if r.text else ""
                    fix = f"“{clean(f.fix.replacement)}”"
                    if old:
                        fix = f"“{clean(old)}” → {fix}"
                    text = f"{fix_label(f, r.kind, t)}: {fix}"
                    out.extend(_wrap(text, " " * indent, indent, width))

    def file_parts(self, r: FileResult, parts) -> None:
        """The same lines as ``file`` of the whole result, written block by block: the
        file's name before the first finding, its totals after the last part."""
        t = _t(self.lang)
        self.n_files += 1
        path = clean(r.path)
        n = p = 0
        for part, position in parts:
            n += _n_citations(part)
            k = sum(len(a.findings) for a in part.articles)
            if k:
                out = [] if p else [_c(path, "1", self.color)]
                self._articles(part, lazy_position(part, position), out)
                self._emit(out)
                p += k
            del part, position  # not kept while the next block is checked
        self.n_cit += n
        if not p:
            if not self.quiet:
                self._emit([say(t["clean"], path=path, n=n)])
            return
        if not self.quiet:
            self._emit([say(t["dirty"], path=path, n=n, p=p)])
        self.blank = not self.quiet

    def close(self) -> None:
        t, lang, totals, out = _t(self.lang), self.lang, self.totals, []
        if self.summary and (self.n_files > 1 or totals or self.unreadable):
            p = sum(totals.values())
            parts = [_count(totals[s], s, lang) for s in ("error", "warning", "info") if totals[s]]
            if self.unreadable:
                parts.append(t["n_unreadable"].format(u=self.unreadable))
            if p:
                out.append(say(t["total"], p=p, f=self.n_files, detail=", ".join(parts)))
            else:
                line = say(t["total_clean"], f=self.n_files, n=self.n_cit)
                out.append(line[:-2] + "; " + ", ".join(parts) + ")." if self.unreadable else line)
        self._emit(out)


def format_grouped(results: list[FileResult], lang: str = "vi", color: bool = False,
                   summary: bool = True, positions: Optional[Positions] = None,
                   width: Optional[int] = None, quiet: bool = False) -> str:
    """The default human report (see the module docstring)."""
    return collect(lambda w: GroupedWriter(w, lang, color, summary, width, quiet), results,
                   positions)
