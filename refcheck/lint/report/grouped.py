"""The default human report: file, article, a table of findings, then help lines."""
from __future__ import annotations

from collections import Counter
from typing import Optional

from refcheck.lint.report.common import (PositionFn, Positions, Sink, Writer, _count,
                                         _finding_region, _sort_key, _t, clean, collect,
                                         lazy_position, tabulate)
from refcheck.model import Article, FileResult
from refcheck.rules.registry import RULES


_COLORS = {"error": "31", "warning": "33", "info": "36"}


def _c(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _n_citations(r: FileResult) -> int:
    return sum(len(a.citations) for a in r.articles)


def _article_heading(a: Article, lang: str) -> str:
    t = _t(lang)
    title = clean(_shorten(a.title, 80)) if a.title else t["untitled"]
    date = a.date or t["date_unknown"]
    return f"{t['article'].format(index=a.index)}: “{title}” ({date})"


class GroupedWriter(Writer):
    """The default human report, streamed: each file's lines as it finishes, the totals at
    the end. A dirty file's closing blank line is held back until something follows it."""

    def __init__(self, write: Sink, lang: str = "vi", color: bool = False,
                 summary: bool = True) -> None:
        super().__init__(write)
        self.lang, self.color, self.summary = lang, color, summary
        self.totals: Counter = Counter()
        self.n_files = self.n_cit = self.unreadable = 0
        self.blank = False  # a blank line is owed before the next output

    def _emit(self, out: list[str]) -> None:
        if not out:
            return
        self.write(("\n" if self.blank else "") + "\n".join(out) + "\n")
        self.blank = False

    def file(self, r: FileResult, position: Optional[PositionFn] = None) -> None:
        lang, color, t = self.lang, self.color, _t(self.lang)
        totals = self.totals
        out: list[str] = []
        self.n_files += 1
        path = clean(r.path)
        if r.error is not None:
            out.append(_c(t["unreadable"].format(path=path, error=clean(r.error)), "31;1", color))
            self.unreadable += 1
            self._emit(out)
            return
        n = _n_citations(r)
        self.n_cit += n
        findings = [f for a in r.articles for f in a.findings]
        if not findings:
            out.append(t["clean"].format(path=path, n=n))
            self._emit(out)
            return
        pos = lazy_position(r, position)
        out.append(_c(path, "1", color))
        for a in r.articles:
            if not a.findings:
                continue
            out.append("  " + _article_heading(a, lang))
            rows, helps = [], []
            for f in sorted(a.findings, key=_sort_key):
                totals[f.severity] += 1
                line, col, _, _ = _finding_region(f, pos)
                cit = ""
                if f.citation is not None and 0 <= f.citation < len(a.citations):
                    cit = clean(_shorten(a.citations[f.citation].text, 40))
                sev = t["sev"].get(f.severity, f.severity)
                rows.append([f"{line}:{col}", _c(f.code, "1", color),
                             _c(sev, _COLORS.get(f.severity, "0"), color), cit,
                             clean(f.message)])
                rule = RULES.get(f.code)
                helptext = rule.summary.get(lang, rule.summary["vi"]) if rule else f.name
                line_help = f"    {_c(t['help'], '32', color)} [{line}:{col} {f.code}]: {helptext}"
                if f.fix is not None:
                    old = f.fix.original if f.fix.original is not None else (
                        r.text[f.fix.start:f.fix.end] if r.text else "")
                    fix = f"“{clean(f.fix.replacement)}”"
                    if old:
                        fix = f"“{clean(old)}” → {fix}"
                    if not f.fix.safe:
                        fix += f" ({t['unsafe']})"
                    line_help += f"; {t['fix']}: {fix}"
                helps.append(line_help)
            table = tabulate(rows, headers=list(t["headers"]), tablefmt="simple",
                             maxcolwidths=[None, None, None, 40, 70], disable_numparse=True)
            out.extend("    " + ln for ln in table.splitlines())
            out.extend(helps)
        out.append(t["dirty"].format(path=path, n=n, p=len(findings)))
        self._emit(out)
        self.blank = True

    def close(self) -> None:
        t, lang, totals, out = _t(self.lang), self.lang, self.totals, []
        if self.summary and (self.n_files > 1 or totals or self.unreadable):
            p = sum(totals.values())
            parts = [_count(totals[s], s, lang) for s in ("error", "warning", "info") if totals[s]]
            if self.unreadable:
                parts.append(t["n_unreadable"].format(u=self.unreadable))
            if p:
                out.append(t["total"].format(p=p, f=self.n_files, detail=", ".join(parts)))
            else:
                line = t["total_clean"].format(f=self.n_files, n=self.n_cit)
                out.append(line[:-2] + "; " + ", ".join(parts) + ")." if self.unreadable else line)
        self._emit(out)


def format_grouped(results: list[FileResult], lang: str = "vi", color: bool = False,
                   summary: bool = True, positions: Optional[Positions] = None) -> str:
    """The default human report: file, article, a table of findings, then help lines."""
    return collect(lambda w: GroupedWriter(w, lang, color, summary), results, positions)
