"""Inline suppressions.

Forms (codes are rule codes or prefixes, separated by commas and/or spaces):

* Markdown / HTML comment ``<!-- refcheck: ignore RC401, RC102 -->``. On a line of its own it
  applies to the next non-blank line that is not itself a directive; after other text on the
  same line it applies to that line.
* ``<!-- refcheck: ignore-file RC2 -->``: the whole file; without codes, every code.
* Plain text: a line consisting only of ``refcheck: ignore RC401`` or ``refcheck: ignore-file``,
  optionally behind ``#`` or ``//``. The same line rules apply.

``ignore`` without codes ignores every code on its line. ``apply`` returns the findings kept
and the directives that suppressed nothing, for RC901 (unused-suppression).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterable, Optional, Protocol, Sequence, TypeVar

from refcheck.text.positions import LineIndex, split_lines

_CODES = r"(?P<codes>[^\n>]*?)"
_HTML = re.compile(
    r"<!--[ \t]*refcheck[ \t]*:[ \t]*(?P<kind>ignore-file|ignore)(?![\w-])" + _CODES + r"[ \t]*-->",
    re.IGNORECASE)
_PLAIN = re.compile(
    r"(?:^|(?<=\r))[ \t]*(?:(?:#+|//)[ \t]*)?"
    r"refcheck[ \t]*:[ \t]*(?P<kind>ignore-file|ignore)(?![\w-])"
    r"(?P<codes>[^\r\n]*?)[ \t]*(?=\r|\n|\Z)",
    re.IGNORECASE | re.MULTILINE)
_CODE = re.compile(r"^RC\d{0,3}$")


@dataclass(slots=True)
class Directive:
    kind: str  # "ignore" | "ignore-file"
    codes: tuple[str, ...]  # code prefixes; empty = every code
    start: int  # offsets of the directive text
    end: int
    line: int  # 1-based line of the directive
    column: int
    end_line: int
    end_column: int
    target_line: Optional[int] = None  # for "ignore": the line it covers (None: nothing follows)
    text: str = ""  # the directive as written, for messages
    invalid: tuple[str, ...] = ()  # tokens that are not codes ("RC40X")

    def covers(self, code: str) -> bool:
        return not self.codes or any(code.startswith(c) for c in self.codes)

    @property
    def label(self) -> str:
        """Short form for messages: ``ignore RC401, RC102``."""
        return self.kind + (" " + ", ".join(self.codes) if self.codes else "")


class _HasLines(Protocol):
    code: str
    line: int
    end_line: int


F = TypeVar("F", bound=_HasLines)


def _parse_codes(raw: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    codes, invalid = [], []
    for token in re.split(r"[\s,;]+", raw.strip()):
        if not token:
            continue
        up = token.upper()
        (codes if _CODE.match(up) else invalid).append(up if _CODE.match(up) else token)
    return tuple(dict.fromkeys(codes)), tuple(invalid)


def parse_directives(text: str) -> list[Directive]:
    """Every suppression directive in ``text``, in order, with offsets and lines."""
    index = LineIndex(text)
    lines = split_lines(text)
    found: list[tuple[int, int, str, str]] = []  # start, end, kind, codes
    for m in _HTML.finditer(text):
        found.append((m.start(), m.end(), m.group("kind").lower(), m.group("codes")))
    html_spans = [(s, e) for s, e, _, _ in found]  # in text order, not overlapping
    html_starts = [s for s, _ in html_spans]
    for m in _PLAIN.finditer(text):
        k = bisect_right(html_starts, m.end()) - 1  # the last comment starting before m ends
        if k >= 0 and html_spans[k][1] > m.start():
            continue
        found.append((m.start(), m.end(), m.group("kind").lower(), m.group("codes")))
    found.sort()

    directives: list[Directive] = []
    for start, end, kind, raw in found:
        # _PLAIN may start at the beginning of the line's indentation; report the directive.
        line, col = index.position(start)
        end_line, end_col = index.position(end)
        codes, invalid = _parse_codes(raw)
        directives.append(Directive(kind, codes, start, end, line, col, end_line, end_col,
                                    text=text[start:end].strip(), invalid=invalid))

    # Which lines are nothing but directives (and blanks)? Those are skipped for targets.
    directive_only: set[int] = set()
    for d in directives:
        for ln in range(d.line, d.end_line + 1):
            directive_only.add(ln)
    for ln in list(directive_only):
        if _strip_directives(lines[ln - 1] if ln - 1 < len(lines) else "").strip():
            directive_only.discard(ln)

    # next_target[ln]: the first line at or after ln that has text and is not only
    # directives; one backward pass, so that thousands of directives stay linear.
    next_target: list[Optional[int]] = [None] * (len(lines) + 2)
    for ln in range(len(lines), 0, -1):
        if lines[ln - 1].strip() and ln not in directive_only:
            next_target[ln] = ln
        else:
            next_target[ln] = next_target[ln + 1]
    for d in directives:
        if d.kind != "ignore":
            continue
        if d.end_line not in directive_only or d.line not in directive_only:
            d.target_line = d.line  # trailing comment: its own line
            continue
        d.target_line = next_target[d.end_line + 1] if d.end_line + 1 <= len(lines) else None
    return directives


def _strip_directives(line: str) -> str:
    line = _HTML.sub("", line)
    return _PLAIN.sub("", line)


def apply(findings: Iterable[F],
          directives: Sequence[Directive]) -> tuple[list[F], list[Directive]]:
    """(findings kept, directives that suppressed nothing).

    A finding is covered by an ``ignore`` directive whose target line lies within the
    finding's lines (``line`` .. ``end_line``), and by any ``ignore-file`` directive, when the
    directive's codes cover the finding's code. Findings must have ``line`` filled.
    """
    used = [False] * len(directives)
    whole_file = [i for i, d in enumerate(directives) if d.kind == "ignore-file"]
    by_line: dict[int, list[int]] = {}
    for i, d in enumerate(directives):
        if d.kind == "ignore" and d.target_line is not None:
            by_line.setdefault(d.target_line, []).append(i)
    kept: list[F] = []
    for f in findings:
        first = f.line
        last = max(f.end_line or f.line, f.line)
        suppressed = False
        candidates = list(whole_file)
        if by_line:
            for ln in range(first, last + 1):
                candidates.extend(by_line.get(ln, ()))
        for i in candidates:
            if directives[i].covers(f.code):
                used[i] = True
                suppressed = True
        if not suppressed:
            kept.append(f)
    return kept, [d for d, u in zip(directives, used) if not u]


def unused_finding(d: Directive, lang: str = "vi"):
    """The RC901 finding for a directive that suppressed nothing."""
    from refcheck.model import Finding
    from refcheck.rules.registry import RULES, message

    rule = RULES["RC901"]
    return Finding(code="RC901", name=rule.name, severity=rule.severity,
                   message=message("RC901", lang, directive=d.label), start=d.start, end=d.end,
                   args={"directive": d.label},
                   line=d.line, column=d.column, end_line=d.end_line, end_column=d.end_column)
