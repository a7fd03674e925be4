"""SARIF 2.1.0, for code-scanning dashboards (GitHub, VS Code's SARIF viewer)."""
from __future__ import annotations

import os
from typing import Optional

from refcheck.lint.report.common import (PositionFn, Positions, Sink, Writer, _finding_region,
                                         _sort_key, collect, lazy_position)
from refcheck.lint.report.jsonfmt import compact_encoder
from refcheck.model import FileResult
from refcheck.rules.registry import RULES

INFORMATION_URI = "https://github.com/refcheck/refcheck"
SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


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
    # the file system's own bytes, percent-encoded: a name that is not UTF-8 stays exact
    return _quote(os.fsencode(p), safe="/")


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


_ENCODE = compact_encoder()


def _result(f, a, uri: str, pos, rule_index: dict) -> dict:
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
    return res


class SarifWriter(Writer):
    """One SARIF log, streamed: the tool and its rules first, then one result per line, then
    the invocation (whose notifications name the files that could not be read)."""

    def __init__(self, write: Sink, version: str, lang: str = "vi") -> None:
        super().__init__(write)
        codes = list(RULES)
        self.rule_index = {c: i for i, c in enumerate(codes)}
        self.notifications: list[dict] = []
        self.n = 0
        tool = {"driver": {
            "name": "refcheck",
            "version": version,
            "semanticVersion": version,
            "informationUri": INFORMATION_URI,
            "language": lang,
            "rules": [_rule_descriptor(c, lang) for c in codes],
        }}
        self.write('{"$schema":' + _ENCODE(SARIF_SCHEMA_URI) + ',"version":"2.1.0","runs":[{'
                   '"tool":' + _ENCODE(tool) + ',"columnKind":"unicodeCodePoints","results":[')

    def file(self, r: FileResult, position: Optional[PositionFn] = None) -> None:
        uri = _uri(r.path)
        if r.error is not None:
            self.notifications.append({
                "level": "error",
                "message": {"text": r.error},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                "descriptor": {"id": "io-error"},
            })
            return
        pos = lazy_position(r, position)
        out = []
        for a in r.articles:
            for f in sorted(a.findings, key=_sort_key):
                out.append(("\n" if self.n == 0 else ",\n")
                           + _ENCODE(_result(f, a, uri, pos, self.rule_index)))
                self.n += 1
        if out:
            self.write("".join(out))

    def close(self) -> None:
        invocation: dict = {"executionSuccessful": not self.notifications}
        if self.notifications:
            invocation["toolExecutionNotifications"] = self.notifications
        self.write(("\n" if self.n else "") + '],"invocations":' + _ENCODE([invocation])
                   + "}]}\n")


def format_sarif(results: list[FileResult], version: str, lang: str = "vi",
                 positions: Optional[Positions] = None) -> str:
    return collect(lambda w: SarifWriter(w, version, lang), results, positions)


# --------------------------------------------------------------------------- GitHub Actions


def _quote(*args, **kwargs) -> str:
    from urllib.parse import quote

    return quote(*args, **kwargs)
