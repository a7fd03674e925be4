"""Code actions as plain edits (code-point offsets into the document's text).

* the safe fix of a finding, exactly what ``refcheck check --fix`` writes (``Finding.fix``);
* "suppress this finding on this line", in the comment syntax ``refcheck.suppress`` honours
  for the document's kind: a ``refcheck: ignore CODE`` line above it in plain text, a trailing
  ``<!-- refcheck: ignore CODE -->`` in Markdown, and the same comment right before the
  finding in HTML (between blocks a comment would cover the *next* block); a directive already
  covering the line gets the code added instead;
* the removal of an unused suppression (RC901);
* every safe fix of the document at once (``source.fixAll``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from refcheck.io.read import detect_newline
from refcheck.lsp.positions import LineMap
from refcheck.model import Finding
from refcheck.rules.suppress import parse_directives

Edit = tuple[int, int, str]  # start, end, new text

_TITLES = {
    "vi": {"fix": "Sửa thành “{r}”", "suppress": "Bỏ qua {code} trên dòng này",
           "unused": "Xóa chỉ thị bỏ qua không dùng",
           "all": "refcheck: áp dụng mọi cách sửa an toàn ({n})"},
    "en": {"fix": "Replace with “{r}”", "suppress": "Suppress {code} on this line",
           "unused": "Remove the unused suppression",
           "all": "refcheck: apply every safe fix ({n})"},
}


@dataclass(slots=True)
class Action:
    title: str
    kind: str  # "quickfix" | "source.fixAll"
    edits: list[Edit]
    findings: list[Finding] = field(default_factory=list)
    preferred: bool = False


def _titles(lang: str) -> dict[str, str]:
    return _TITLES.get(lang, _TITLES["vi"])


def fix_edit(checked, f: Finding) -> Optional[Edit]:
    """The finding's safe fix, when the document's kind can be fixed (text, Markdown)."""
    if f.fix is None or not f.fix.safe or not checked.source.fixable:
        return None
    s, e = f.fix.start, f.fix.end
    if not (0 <= s <= e <= len(checked.text)) or checked.text[s:e] == f.fix.replacement:
        return None
    return s, e, f.fix.replacement


def suppress_edit(checked, f: Finding) -> Edit:
    text, kind = checked.text, checked.source.kind
    start = checked.source.source_offset(f.start)
    lines = LineMap(text, "utf-32")
    line, _ = lines.position(start)
    line_start, line_end = lines.line_span(line)
    if kind != "html":  # in HTML, directive lines are lines of the extracted text
        for d in parse_directives(text):
            if d.kind == "ignore" and d.codes and d.target_line == line + 1:
                raw = text[d.start:d.end]
                close = raw.rfind("-->")
                at = d.start + (close if close >= 0 else len(raw))
                while at > d.start and text[at - 1] in " \t":
                    at -= 1
                return at, at, f", {f.code}"
    if kind == "txt":
        body = text[line_start:line_end]
        indent = body[:len(body) - len(body.lstrip(" \t"))]
        newline = detect_newline(text)
        return line_start, line_start, f"{indent}refcheck: ignore {f.code}{newline}"
    if kind == "md":
        return line_end, line_end, f" <!-- refcheck: ignore {f.code} -->"
    return start, start, f"<!-- refcheck: ignore {f.code} -->"


def remove_directive_edit(checked, f: Finding) -> Optional[Edit]:
    """Delete an unused directive (RC901), with its line when nothing else is on it."""
    if checked.source.kind == "html":
        return None
    text = checked.text
    lines = LineMap(text, "utf-32")
    line, _ = lines.position(f.start)
    line_start, line_end = lines.line_span(line)
    if not text[line_start:f.start].strip() and not text[f.end:line_end].strip():
        next_start = lines.line_span(line + 1)[0] if line + 1 < lines.line_count else len(text)
        return line_start, max(next_start, line_end), ""
    start = f.start
    while start > line_start and text[start - 1] in " \t":
        start -= 1
    return start, f.end, ""


def actions_for(checked, findings: list[Finding]) -> list[Action]:
    """Quick fixes for ``findings`` (those under the cursor or the editor's selection)."""
    t = _titles(checked.lang)
    out: list[Action] = []
    for f in findings:
        edit = fix_edit(checked, f)
        if edit is not None:
            out.append(Action(t["fix"].format(r=edit[2]), "quickfix", [edit], [f], True))
        if f.code == "RC901":
            edit = remove_directive_edit(checked, f)
            if edit is not None:
                out.append(Action(t["unused"], "quickfix", [edit], [f], True))
            continue
        out.append(Action(t["suppress"].format(code=f.code), "quickfix",
                          [suppress_edit(checked, f)], [f]))
    return out


def fix_all(checked) -> Optional[Action]:
    """Every safe fix of the document, overlapping ones left for the next run (as --fix)."""
    found = [(f, fix_edit(checked, f)) for f in all_findings(checked)]
    edits = sorted({e for _, e in found if e is not None}, key=lambda e: (e[0], e[1]))
    chosen: list[Edit] = []
    for e in edits:
        if chosen and e[0] < chosen[-1][1]:
            continue
        if chosen and e[0] == e[1] == chosen[-1][0] == chosen[-1][1]:
            continue  # two insertions at one point: their order would be a guess
        chosen.append(e)
    if not chosen:
        return None
    fixed = [f for f, e in found if e in chosen]
    return Action(_titles(checked.lang)["all"].format(n=len(chosen)), "source.fixAll",
                  chosen, fixed)


def all_findings(checked) -> list[Finding]:
    return [f for a in checked.result.articles for f in a.findings]
