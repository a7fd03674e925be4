"""The default human report: file, article, a table of findings, then help lines."""
from __future__ import annotations

from collections import Counter
from typing import Optional

from refcheck.lint.report.common import (Positions, _count, _finding_region, _Lazy, _sort_key,
                                         _t, clean, tabulate)
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


def format_grouped(results: list[FileResult], lang: str = "vi", color: bool = False,
                   summary: bool = True, positions: Optional[Positions] = None) -> str:
    """The default human report: file, article, a table of findings, then help lines."""
    t = _t(lang)
    out: list[str] = []
    totals: Counter = Counter()
    n_files = n_cit = unreadable = 0
    for r in results:
        n_files += 1
        path = clean(r.path)
        if r.error is not None:
            out.append(_c(t["unreadable"].format(path=path, error=clean(r.error)), "31;1", color))
            unreadable += 1
            continue
        n = _n_citations(r)
        n_cit += n
        findings = [f for a in r.articles for f in a.findings]
        if not findings:
            out.append(t["clean"].format(path=path, n=n))
            continue
        pos = _Lazy(r, positions)
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
                    old = r.text[f.fix.start:f.fix.end] if r.text else ""
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
        out.append("")
    if summary and (n_files > 1 or totals or unreadable):
        p = sum(totals.values())
        parts = [_count(totals[s], s, lang) for s in ("error", "warning", "info") if totals[s]]
        if unreadable:
            parts.append(t["n_unreadable"].format(u=unreadable))
        if p:
            out.append(t["total"].format(p=p, f=n_files, detail=", ".join(parts)))
        else:
            line = t["total_clean"].format(f=n_files, n=n_cit)
            out.append(line[:-2] + "; " + ", ".join(parts) + ")." if unreadable else line)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + ("\n" if out else "")
