"""Reporters: one pure function per output format, from ``list[FileResult]`` to text.

Nothing here reads files, looks at the terminal or decides exit codes; the CLI does that.
Positions: findings carry 1-based line/column (code points) filled by the pipeline; citation
and fix positions are computed here from ``FileResult.text`` with a ``LineIndex`` (or taken
from the optional ``positions`` mapping path -> offset -> (line, column)). End columns are
exclusive: ``end_column`` is the column of the character just after the span, which is what
SARIF's ``endColumn`` and GitHub's ``endColumn`` mean.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from typing import Callable, Iterable, Mapping, Optional



def tabulate(*args, **kwargs) -> str:
    """``tabulate.tabulate``, imported on first use: a clean run prints no table and should
    not pay for the import (about 20 ms, most of a pre-commit hook's budget)."""
    from tabulate import tabulate as _tabulate

    return _tabulate(*args, **kwargs)

from refcheck.model import Article, Citation, FileResult, Finding
from refcheck.text.positions import LineIndex
from refcheck.rules.registry import RULES

PositionFn = Callable[[int], tuple[int, int]]
Positions = Mapping[str, PositionFn]

INFORMATION_URI = "https://github.com/refcheck/refcheck"
SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB = {"error": "error", "warning": "warning", "info": "notice"}

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
        "clean": "{path}: {n} citations, no problems",
        "dirty": "{path}: {n} citations, {p} problems",
        "unreadable": "{path}: cannot be read: {error}",
        "help": "help",
        "fix": "fix",
        "unsafe": "unsafe",
        "headers": ("line:col", "code", "severity", "citation", "message"),
        "sev": {"error": "error", "warning": "warning", "info": "info"},
        "total": "Found {p} problems in {f} files ({detail}).",
        "total_clean": "No problems ({f} files, {n} citations).",
        "n_unreadable": "{u} unreadable",
        "stats": ("code", "name", "count"),
    },
}


def _t(lang: str) -> dict:
    return _T.get(lang, _T["vi"])


# --------------------------------------------------------------------------- escaping

_BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C}


def _escape_char(ch: str) -> str:
    cp = ord(ch)
    if cp < 0x100:
        return "\\x%02x" % cp
    return "\\u%04x" % cp


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
        elif cp < 0x20 or 0x7F <= cp < 0xA0 or cp in _BIDI or cp in (0x2028, 0x2029):
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


# --------------------------------------------------------------------------- JSON


def _citation_json(c: Citation, resolved: list[str], pos: PositionFn) -> dict:
    line, col = pos(c.start)
    return {
        "text": c.text,
        "start": c.start,
        "end": c.end,
        "line": line,
        "column": col,
        "kind": c.kind,
        "type": c.type,
        "number": c.number,
        "year": c.year,
        "type_code": c.type_code,
        "issuer_code": c.issuer_code,
        "date": c.date,
        "issuer": c.issuer,
        "khoa": c.khoa,
        "resolved": resolved,
    }


def _finding_json(f: Finding, pos: PositionFn) -> dict:
    line, col, end_line, end_col = _finding_region(f, pos)
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity,
        "message": f.message,
        "line": line,
        "column": col,
        "end_line": end_line,
        "end_column": end_col,
        "citation": f.citation,
        "fix": {"replacement": f.fix.replacement} if f.fix is not None else None,
    }


def _article_json(a: Article, pos: PositionFn) -> dict:
    citations = []
    for i, c in enumerate(a.citations):
        res = a.resolutions[i] if i < len(a.resolutions) else None
        resolved = [d.id for d in res.documents] if res is not None else []
        citations.append(_citation_json(c, resolved, pos))
    return {
        "index": a.index,
        "title": a.title,
        "date": a.date,
        "line": a.line,
        "citations": citations,
        "findings": [_finding_json(f, pos) for f in sorted(a.findings, key=_sort_key)],
    }


def to_json_data(results: list[FileResult], version: str,
                 positions: Optional[Positions] = None) -> dict:
    files = []
    for r in results:
        if r.error is not None:
            files.append({"path": r.path, "error": r.error, "articles": []})
            continue
        pos = _Lazy(r, positions)
        files.append({"path": r.path, "articles": [_article_json(a, pos) for a in r.articles]})
    return {"refcheck": version, "files": files}


def format_json(results: list[FileResult], version: str,
                positions: Optional[Positions] = None) -> str:
    """The stable JSON shape other tools consume (see docs); UTF-8, not ASCII-escaped."""
    return json.dumps(to_json_data(results, version, positions), ensure_ascii=False, indent=2)


# --------------------------------------------------------------------------- grouped (default)

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


def _count(n: int, severity: str, lang: str) -> str:
    word = _t(lang)["sev"][severity]
    if lang == "en" and n != 1 and severity != "info":
        word += "s"
    return f"{n} {word}"


# --------------------------------------------------------------------------- concise


def format_concise(results: list[FileResult], lang: str = "vi",
                   positions: Optional[Positions] = None) -> str:
    """``path:line:col: CODE [severity] message``, one line per finding."""
    out = []
    for r in results:
        if r.error is not None:
            out.append(f"{clean(r.path)}:1:1: error {clean(r.error)}")
            continue
        pos = _Lazy(r, positions)
        for f in sorted((f for a in r.articles for f in a.findings), key=_sort_key):
            line, col, _, _ = _finding_region(f, pos)
            out.append(f"{clean(r.path)}:{line}:{col}: {f.code} [{f.severity}] {clean(f.message)}")
    return "".join(ln + "\n" for ln in out)


# --------------------------------------------------------------------------- SARIF


def _uri(path: str) -> str:
    """A relative URI (forward slashes, percent-encoded) for a reported path."""
    p = path
    if os.path.isabs(p):
        try:
            p = os.path.relpath(p)
        except ValueError:  # another drive on Windows
            pass
    p = p.replace(os.sep, "/")
    if p.startswith("./"):
        p = p[2:]
    return _quote(p, safe="/")


def _rule_descriptor(code: str, lang: str) -> dict:
    r = RULES[code]
    summary = r.summary.get(lang) or r.summary["vi"]
    explanation = r.explanation.get(lang) or r.explanation["vi"]
    help_text = explanation + "\n\n" + ("Ví dụ" if lang == "vi" else "Example") + f": {r.example}"
    if r.fix:
        help_text += "\n" + ("Sửa thành" if lang == "vi" else "Fixed") + f": {r.fix}"
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": explanation},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": _LEVEL[r.severity]},
        "properties": {"severity": r.severity},
    }


def _region(line: int, col: int, end_line: int, end_col: int) -> dict:
    # SARIF lines and columns are 1-based; our columns count Unicode code points, declared by
    # the run's "columnKind": "unicodeCodePoints". endColumn is exclusive in SARIF, as ours is.
    region = {"startLine": line, "startColumn": col}
    if (end_line, end_col) > (line, col):
        region["endLine"] = end_line
        region["endColumn"] = end_col
    return region


def format_sarif(results: list[FileResult], version: str, lang: str = "vi",
                 positions: Optional[Positions] = None) -> str:
    codes = list(RULES)
    rule_index = {c: i for i, c in enumerate(codes)}
    sarif_results, notifications = [], []
    for r in results:
        uri = _uri(r.path)
        if r.error is not None:
            notifications.append({
                "level": "error",
                "message": {"text": r.error},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                "descriptor": {"id": "io-error"},
            })
            continue
        pos = _Lazy(r, positions)
        for a in r.articles:
            for f in sorted(a.findings, key=_sort_key):
                region = _region(*_finding_region(f, pos))
                res: dict = {
                    "ruleId": f.code,
                    "level": _LEVEL.get(f.severity, "warning"),
                    "message": {"text": f.message},
                    "locations": [{"physicalLocation": {
                        "artifactLocation": {"uri": uri}, "region": region}}],
                }
                if f.code in rule_index:
                    res["ruleIndex"] = rule_index[f.code]
                if f.citation is not None and 0 <= f.citation < len(a.citations):
                    res["properties"] = {"citation": a.citations[f.citation].text,
                                         "article": a.index}
                if f.fix is not None:
                    fl, fc = pos(f.fix.start)
                    el, ec = pos(f.fix.end)
                    deleted = {"startLine": fl, "startColumn": fc, "endLine": el, "endColumn": ec}
                    res["fixes"] = [{
                        "description": {"text": f"“{f.fix.replacement}”"},
                        "artifactChanges": [{
                            "artifactLocation": {"uri": uri},
                            "replacements": [{"deletedRegion": deleted,
                                              "insertedContent": {"text": f.fix.replacement}}],
                        }],
                    }]
                sarif_results.append(res)
    invocation = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    log = {
        "$schema": SARIF_SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "refcheck",
                "version": version,
                "semanticVersion": version,
                "informationUri": INFORMATION_URI,
                "language": lang,
                "rules": [_rule_descriptor(c, lang) for c in codes],
            }},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


# --------------------------------------------------------------------------- GitHub Actions


def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def format_github(results: list[FileResult], lang: str = "vi",
                  positions: Optional[Positions] = None) -> str:
    """Workflow commands: ``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::msg``."""
    out = []
    for r in results:
        path = _gh_prop(clean(r.path, keep_newlines=True))
        if r.error is not None:
            out.append(f"::error file={path},title=refcheck::"
                       f"{_gh_data(clean(r.error, keep_newlines=True))}")
            continue
        pos = _Lazy(r, positions)
        for f in sorted((f for a in r.articles for f in a.findings), key=_sort_key):
            line, col, end_line, end_col = _finding_region(f, pos)
            props = f"file={path},line={line},col={col},endLine={end_line},endColumn={end_col}"
            props += f",title={_gh_prop(f'{f.code} {f.name}')}"
            cmd = _GITHUB.get(f.severity, "warning")
            out.append(f"::{cmd} {props}::{_gh_data(clean(f.message, keep_newlines=True))}")
    return "".join(ln + "\n" for ln in out)


# --------------------------------------------------------------------------- statistics


def statistics(results: list[FileResult]) -> list[tuple[str, str, int]]:
    counts = Counter(f.code for _, _, f in _iter_findings(results))
    names = {f.code: f.name for _, _, f in _iter_findings(results)}
    rows = [(code, names.get(code) or (RULES[code].name if code in RULES else ""), n)
            for code, n in counts.items()]
    rows.sort(key=lambda row: (-row[2], row[0]))
    return rows


def format_statistics(results: list[FileResult], lang: str = "en") -> str:
    """Counts per code, most frequent first: ``code  name  count``."""
    rows = statistics(results)
    if not rows:
        return ""
    return tabulate([list(r) for r in rows], headers=list(_t(lang)["stats"]),
                    tablefmt="simple", colalign=("left", "left", "right")) + "\n"


FORMATS = ("grouped", "concise", "json", "sarif", "github", "statistics")


def render(fmt: str, results: list[FileResult], version: str, lang: str = "vi",
           color: bool = False, positions: Optional[Positions] = None) -> str:
    """Dispatch on a ``--format`` name. ``positions``: see the module docstring."""
    if fmt == "grouped" or fmt == "full":
        return format_grouped(results, lang, color, positions=positions)
    if fmt == "concise":
        return format_concise(results, lang, positions=positions)
    if fmt == "json":
        return format_json(results, version, positions) + "\n"
    if fmt == "sarif":
        return format_sarif(results, version, lang, positions=positions) + "\n"
    if fmt == "github":
        return format_github(results, lang, positions=positions)
    if fmt == "statistics":
        return format_statistics(results, lang)
    raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")


def _quote(*args, **kwargs) -> str:
    from urllib.parse import quote

    return quote(*args, **kwargs)
