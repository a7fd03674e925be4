"""Split a text into articles and find each article's date.

Scraped news files often hold several articles back to back (seed 001): a new one starts
where a headline is repeated on the next non-blank line (page title, then the article's own
heading), or at an explicit separator line (``---``, ``***``, ``===`` or a form feed).
An article's date comes from, in order: Markdown front matter ``date:``, the caller's
``article_date``, a dateline near its top (``02/10/2020``, ``Thứ Sáu, 02/10/2020 10:30``).
"""
from __future__ import annotations

import datetime
import re
from typing import Optional

from .model import Article

_SEPARATOR = re.compile(r"^(?:-{3,}|\*{3,}|={3,}|_{3,}|\f)\s*$")
# "\s*X?\s*" is written "\s*(?:X\s*)?": the first form backtracks quadratically over a long
# run of spaces ("02/10/2020" + 100 kB of blanks took 73 s).
_DATELINE = re.compile(
    r"^\s*(?:[^\d,\n]{2,40},\s*)?(?:(?:Thứ\s+\w+|Chủ\s+nhật|Chủ\s+Nhật)\s*(?:,\s*)?)?(?:[Nn]gày\s+)?"
    r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:\s*(?:[,\-|]\s*)?\d{1,2}[:h]\d{2}(?:\s*(?:GMT|\(GMT)[^\n]*)?)?\s*$"
)
_DATELINE_LINES = 6  # non-blank lines from the article top in which a dateline may stand
_TITLE_MAX = 200


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, without its line break."""
    out = []
    pos = 0
    if "\r" not in text:  # the common case, several times faster than a regex
        for line in text.split("\n"):
            out.append((pos, pos + len(line)))
            pos += len(line) + 1
        return out
    for m in re.finditer(r"\r\n|\n|\r", text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _is_headline(s: str) -> bool:
    s = s.strip()
    return 3 <= len(s) <= _TITLE_MAX and not s.endswith((".", ":", ";", ",")) and len(s.split()) >= 3


def split_articles(text: str, article_date: Optional[str] = None,
                   front_matter_date: Optional[str] = None) -> list[Article]:
    lines = _lines(text)
    nonblank = [(i, s, e) for i, (s, e) in enumerate(lines) if text[s:e].strip()]
    cuts: list[int] = [0]  # line indexes where articles start
    stripped = [text[s:e].strip() for _i, s, e in nonblank]
    for k in range(1, len(nonblank) - 1):
        i, s, e = nonblank[k]
        line = stripped[k]
        if line[0] in "-*=_\f" and _SEPARATOR.match(text[s:e]):
            cuts.append(i + 1)
            continue
        if line == stripped[k + 1] and _is_headline(line):
            # Not when the repeat is the file's own first headline (title + heading at the top)
            first_content = nonblank[0][0]
            if i > first_content + 2:
                cuts.append(i)
    cuts = sorted(set(cuts))
    articles: list[Article] = []
    for n, li in enumerate(cuts):
        start = lines[li][0] if li < len(lines) else len(text)
        end = lines[cuts[n + 1]][0] if n + 1 < len(cuts) else len(text)
        art = Article(index=len(articles) + 1, start=start, end=end, line=li + 1)
        block = [(s, e) for (s, e) in lines[li:(cuts[n + 1] if n + 1 < len(cuts) else len(lines))]
                 if text[s:e].strip() and not _SEPARATOR.match(text[s:e])]
        art.title = _title(text, block)
        if front_matter_date and n == 0:
            art.date, art.date_source = front_matter_date, "front-matter"
        elif article_date:
            art.date, art.date_source = article_date, "option"
        else:
            d = _dateline(text, block)
            if d:
                art.date, art.date_source = d, "dateline"
        articles.append(art)
    return articles


def _title(text: str, block: list[tuple[int, int]]) -> Optional[str]:
    for s, e in block[:3]:
        line = text[s:e].strip()
        if _DATELINE.match(line):
            continue
        if _is_headline(line) and len(line.split()) >= 4:
            return line
    if block:
        line = text[block[0][0]:block[0][1]].strip()
        if len(line) <= _TITLE_MAX and not line.endswith("."):
            return line
    return None


def _dateline(text: str, block: list[tuple[int, int]]) -> Optional[str]:
    for s, e in block[:_DATELINE_LINES]:
        m = _DATELINE.match(text[s:e])
        if m:
            d, mo, y = (int(x) for x in m.groups())
            try:
                return datetime.date(y, mo, d).isoformat()
            except ValueError:
                return None
    return None
