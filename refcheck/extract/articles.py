"""Split a text into articles and find each article's date.

Scraped news files often hold several articles back to back (seed 001): a new one starts
where a headline is repeated on the next non-blank line (page title, then the article's own
heading), or at an explicit separator line (``---``, ``***``, ``===`` or a form feed).
An article's date comes from, in order: Markdown front matter ``date:``, the caller's
``article_date``, a dateline near its top (``02/10/2020``, ``Thứ Sáu, 02/10/2020 10:30``), or
an official document's header ("Số: 15/2019/QĐ-UBND … Đà Nẵng, ngày 05 tháng 4 năm 2019":
the document's own date, which its citations cannot postdate).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate
from typing import Optional

from refcheck.model import Article
from refcheck.notation.vocab import load_vocab
from refcheck.text.dates import DMY, iso_day
from refcheck.text.positions import LINE_BREAK

_SEPARATOR = re.compile(r"^(?:-{3,}|\*{3,}|={3,}|_{3,}|\f)\s*$")
_SEPARATOR_FIRST = "-*=_\f"  # what a stripped separator line can open with
# "\s*X?\s*" is written "\s*(?:X\s*)?": the first form backtracks quadratically over a long
# run of spaces ("02/10/2020" + 100 kB of blanks took 73 s).
_DATELINE = re.compile(
    r"^\s*(?:[^\d,\n]{2,40},\s*)?(?:(?:Thứ\s+\w+|Chủ\s+nhật|Chủ\s+Nhật)\s*(?:,\s*)?)?(?:[Nn]gày\s+)?"
    + DMY + r"(?:\s*(?:[,\-|]\s*)?\d{1,2}[:h]\d{2}(?:\s*(?:GMT|\(GMT)[^\n]*)?)?\s*$"
)
_DATELINE_LINES = 6  # non-blank lines from the article top in which a dateline may stand
_TITLE_MAX = 200
_NOT_A_TITLE_END = (".", ":", ";", ",")


def _lines(text: str) -> tuple[list[str], Optional[list[int]]]:
    """Each line without its line break, and the offset where each starts (None when every
    break is one "\\n": ``_starts`` works them out only if an article needs them)."""
    if "\r" not in text:  # the common case: one C-level split, no per-line Python
        return text.split("\n"), None
    strs, starts = [], []
    pos = 0
    for m in LINE_BREAK.finditer(text):
        strs.append(text[pos:m.start()])
        starts.append(pos)
        pos = m.end()
    strs.append(text[pos:])
    starts.append(pos)
    return strs, starts


def _starts(strs: list[str]) -> list[int]:
    starts = [0]
    starts.extend(accumulate(len(s) + 1 for s in strs[:-1]))
    return starts


def _too_long(s: str) -> bool:
    """Longer than a title even once stripped (decided without copying a paragraph)."""
    return len(s) > _TITLE_MAX and not s[0].isspace() and not s[-1].isspace()


def _is_headline(s: str) -> bool:
    if _too_long(s):
        return False
    s = s.strip()
    return 3 <= len(s) <= _TITLE_MAX and not s.endswith(_NOT_A_TITLE_END) and len(s.split()) >= 3


def split_articles(text: str, article_date: Optional[str] = None,
                   front_matter_date: Optional[str] = None,
                   front_matter_title: Optional[str] = None) -> list[Article]:
    strs, starts = _lines(text)
    nonblank = [i for i, s in enumerate(strs) if s and not s.isspace()]
    cuts: list[int] = [0]  # line indexes where articles start
    if len(nonblank) > 2:
        nbs = [strs[i].strip() for i in nonblank]
        first_content = nonblank[0]
        # An official document (its motto or "Số:" header at the top) is one article: the
        # rules under its letterhead and before its body are not article separators.
        official = official_top(text)
        # Only lines that open like a separator or repeat the next non-blank line can cut.
        for k, (line, after) in enumerate(zip(nbs[1:-1], nbs[2:]), 1):
            if line[0] in _SEPARATOR_FIRST:
                i = nonblank[k]
                if not official and _SEPARATOR.match(strs[i]):
                    cuts.append(i + 1)
                    continue
            if line == after and _is_headline(line):
                # Not when the repeat is the file's own first headline (title + heading at the top)
                i = nonblank[k]
                if i > first_content + 2:
                    cuts.append(i)
    if len(cuts) > 1:
        cuts = sorted(set(cuts))
        if starts is None:
            starts = _starts(strs)
    articles: list[Article] = []
    n_lines = len(strs)
    for n, li in enumerate(cuts):
        next_li = cuts[n + 1] if n + 1 < len(cuts) else n_lines
        if starts is None:  # one article: the whole text
            start, end = 0, len(text)
        else:
            start = starts[li] if li < n_lines else len(text)
            end = starts[next_li] if next_li < n_lines else len(text)
        art = Article(index=len(articles) + 1, start=start, end=end, line=li + 1)
        # The first non-blank, non-separator lines of the article: its title and dateline.
        block = []
        for k in range(bisect_left(nonblank, li), len(nonblank)):  # a slice would copy the rest
            i = nonblank[k]
            if i >= next_li or len(block) == _DATELINE_LINES:
                break
            s = strs[i]
            if not (s[0] in _SEPARATOR_FIRST and _SEPARATOR.match(s)):
                block.append(s)
        art.title = _title(block)
        if front_matter_title and n == 0:  # Markdown front matter's title: says it best
            art.title = front_matter_title
        if front_matter_date and n == 0:
            art.date, art.date_source = front_matter_date, "front-matter"
        elif article_date:
            art.date, art.date_source = article_date, "option"
        else:
            d = _dateline(block)
            if d:
                art.date, art.date_source = d, "dateline"
            else:
                d = header_date(text, start, min(end, start + _HEADER_SPAN))
                if d:
                    art.date, art.date_source = d, "header"
        articles.append(art)
    return articles


#: a Markdown ATX heading's marks: "# Tiêu đề", "## Tiêu đề ##" (the title is the words)
_HEADING_MARKS = re.compile(r"^#{1,6}[ \t]+|[ \t]+#+$")


def _title(block: list[str]) -> Optional[str]:
    for line in block[:3]:
        if _too_long(line):
            continue
        line = line.strip()
        if line.startswith("#"):
            line = _HEADING_MARKS.sub("", line).strip()
        # a headline (see _is_headline) of at least four words that is not a dateline
        if (3 <= len(line) <= _TITLE_MAX and not line.endswith(_NOT_A_TITLE_END)
                and len(line.split()) >= 4 and not _DATELINE.match(line)):
            return line
    if block and not _too_long(block[0]):
        line = block[0].strip()
        if line.startswith("#"):
            line = _HEADING_MARKS.sub("", line).strip()
        if len(line) <= _TITLE_MAX and not line.endswith("."):
            return line
    return None


def _dateline(block: list[str]) -> Optional[str]:
    for line in block[:_DATELINE_LINES]:
        m = _DATELINE.match(line)
        if m:
            d, mo, y = (int(x) for x in m.groups())
            return iso_day(y, mo, d)
    return None


_HEADER_SPAN = 3000  # an official header (issuer, motto, number, place and date) fits in this
# "Số: 15/2019/QĐ-UBND" at the start of its line, or "Số:" with the number on the next line;
# a Party document prints no colon, "Số 384-QĐ/TW" (official 065, a Quy định of Ban Bí thư):
# without it only the Party shape N-CODE/… counts ("Số 5/…" at a line start may be prose).
_HEADER_TAIL = re.compile(r"Số(?::[ \t*]*(?:\r?\n[ \t*|]*)?|[ \t]+(?=\d{1,5}[a-z]?-[A-ZĐ]+/))"
                          r"\d{1,5}[a-z]?[ \t]*[/\-]")
_LINE_OPEN = frozenset(" \t*|")


# The gazette's layout in capitals (tests/data/official/027.txt, Nghị định 136/2007/NĐ-CP): the
# type word alone on the document's first line, then its own number and date,
# "NGHỊ ĐỊNH\n\nSỐ 136/2007/NĐ-CP NGÀY 17 THÁNG 8 NĂM 2007".
_CAPS_HEADER = re.compile(r"[ \t*#]*(?P<type>[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+){0,3})[ \t*]*\r?\n"
                          r"(?:[ \t*]*\r?\n){0,3}[ \t*#]*SỐ[ \t]*:?[ \t]*(?P<sym>\d{1,5}[a-z]?[ \t]*/\S+)"
                          r"[ \t]+NGÀY[ \t]+(?P<d>\d{1,2})[ \t]+THÁNG[ \t]+(?P<m>\d{1,2})[ \t]+NĂM[ \t]+"
                          r"(?P<y>\d{4})[ \t*]*(?:\r?\n|\Z)")


def caps_header(text: str, start: int, end: int) -> Optional[re.Match]:
    """The capitals header at the top of ``text[start:end]`` (:data:`_CAPS_HEADER`): its first
    non-blank line a type word in capitals, the next its "SỐ … NGÀY …" line."""
    first = start
    while first < end and text[first] in " \t\r\n":
        first += 1
    m = _CAPS_HEADER.match(text, first, end)
    if not m or not m.group("type").isupper():
        return None
    word = m.group("type")
    return m if load_vocab().canonical_type(word[:1] + word[1:].lower()) else None


#: The last answer of :func:`header_number`: (text, start, end, match). Each file asks it
#: three times for the same top of the same text (split_articles, header_date, scan.is_official):
#: the text is compared by identity, so the memo holds only while that very string is checked.
_LAST_HEADER: tuple = (None, 0, 0, None)


def header_number(text: str, start: int, end: int) -> Optional[re.Match]:
    """The "Số: N/…" header line in ``text[start:end]``, found from the literal "Số" (a
    multi-line "^" pattern is tried at every position), else the capitals header at its top."""
    global _LAST_HEADER
    end = min(end, len(text))  # (a slice end past the text reads as its end)
    last = _LAST_HEADER
    if last[0] is text and last[1] == start and last[2] == end:
        return last[3]
    m = _colon_header(text, start, end)
    if m is None:
        m = caps_header(text, start, end)
    _LAST_HEADER = (text, start, end, m)
    return m


#: The last answer of :func:`official_top`: (text, answer), the text compared by identity.
_LAST_OFFICIAL: tuple = (None, False)


def official_top(text: str) -> bool:
    """An official document: its motto ("Hạnh phúc") or its number's header line in the first
    ``_HEADER_SPAN`` characters. Asked by the scanner and by :func:`split_articles` for the
    same text, answered once."""
    global _LAST_OFFICIAL
    last = _LAST_OFFICIAL  # one read: another thread may swap it meanwhile
    if last[0] is text:
        return last[1]
    yes = (text.find("Hạnh phúc", 0, _HEADER_SPAN) >= 0
           or header_number(text, 0, _HEADER_SPAN) is not None)
    _LAST_OFFICIAL = (text, yes)
    return yes


# A law's own header: "Luật số: 76/2015/QH13" at the start of its line (official 076); other
# types print theirs so too: "Nghị quyết số: 653/2019/UBTVQH14" (official 100).
_LAW_HEADER_LINE = re.compile(r"^[ \t*|]*Luật[ \t]+số[ \t]*:[ \t*]*\d{1,5}/\d{4}/QH", re.M)
#: The type word before "số:" of such a line (vocab.yaml's types); built on first use.
_TYPE_HEADER: list = []


#: What ends such a header's number: the line, a table cell, or the place and date.
_TYPED_END = re.compile(r"[ \t*]*(?:\||\r?\n|\Z|[^\n\d]{2,40}, ngày)")


def typed_header_at(text: str, a: int) -> bool:
    """Whether a type word and "số:" open the line at ``a`` and its number ends it ("Nghị quyết
    số: 653/2019/UBTVQH14", "Luật số: 76/2015/QH13 |"): a document's own number. A citation
    so spelt goes on ("Nghị định số: 29/2012/NĐ-CP ngày 12/4/2012 của Chính phủ")."""
    if not _TYPE_HEADER:
        words = sorted(load_vocab().types, key=len, reverse=True)
        _TYPE_HEADER.append(re.compile("(?:" + "|".join(map(re.escape, words))
                                       + r")[ \t]+số[ \t]*:[ \t*]*\d[^\s|]*"))
    m = _TYPE_HEADER[0].match(text, a)
    if not m or not _TYPED_END.match(text, m.end()):
        return False
    line = text[text.rfind("\n", 0, a) + 1:a]
    return not line.strip(" \t*|")


def _colon_header(text: str, start: int, end: int) -> Optional[re.Match]:
    m = _colon_number(text, start, end)
    if m is None:
        m = _law_header_line(text, start, end)
    return m if m is not None else _typed_number(text, start, end)


# "Nghị quyết số: 653/2019/UBTVQH14" alone on its line (official 100), as _HEADER_TAIL reads it.
_TYPED_TAIL = re.compile(r"số[ \t]*:[ \t*]*\d{1,5}[a-z]?[ \t]*/")


def _typed_number(text: str, start: int, end: int) -> Optional[re.Match]:
    """The first "<type word> số: N/…" line in ``text[start:end]`` (:func:`typed_header_at`),
    found from the literal "số" followed by a colon (rare outside such lines)."""
    p = text.find("số", start, end)
    while p >= 0:
        m = _TYPED_TAIL.match(text, p, end)
        if m:
            a = text.rfind("\n", start, p) + 1 if p > start else start
            a = max(a, start)
            while a < p and text[a] in _LINE_OPEN:
                a += 1
            if a < p and typed_header_at(text, a):
                return m
        p = text.find("số", p + 2, end)
    return None


def _law_header_line(text: str, start: int, end: int) -> Optional[re.Match]:
    """``_LAW_HEADER_LINE.search(text, start, end)``, found from the literal "Luật": a
    multi-line "^" pattern is tried at every position (15 µs on a 3,000-character top of
    news, against one literal search). Each "Luật" is walked back over blanks, stars and bars
    to its line's start, where the pattern is matched as the search would have."""
    p = text.find("Luật", start, end)
    while p >= 0:
        q = p - 1
        while q >= start and text[q] in _LINE_OPEN:
            q -= 1
        if q >= start:
            s = q + 1 if text[q] == "\n" else -1
        else:  # ("^" holds at the text's start and after a line break, wherever the search began)
            s = start if start == 0 or text[start - 1] == "\n" else -1
        if s >= 0:
            m = _LAW_HEADER_LINE.match(text, s, end)
            if m:
                return m
        p = text.find("Luật", p + 4, end)
    return None


def _colon_number(text: str, start: int, end: int) -> Optional[re.Match]:
    p = text.find("Số", start, end)  # "Số:", or "Số " before a Party number (_HEADER_TAIL)
    while p >= 0:
        q = p - 1
        while q >= start and text[q] in _LINE_OPEN:
            q -= 1
        # or glued to what extraction left before it: "straight connector 2Số: 1551 /UBND-VX"
        # (a drawing's name, official 112), "-Số: 04/2013/TT-NHNN" (a table rule, official 115)
        if q < start or text[q] == "\n" or (text.startswith(":", p + 2) and not text[p - 1].isspace()):
            m = _HEADER_TAIL.match(text, p, end)
            if m:
                return m
        p = text.find("Số", p + 2, end)
    return None
# "Hà Nội, ngày 24 tháng 11 năm 2025" (Markdown emphasis removed first), after the number.
_HEADER_DAY = re.compile(r",[ \t]*ngày[ \t]+(\d{1,2})[ \t]+tháng[ \t]+(\d{1,2})[ \t]+năm[ \t]+(\d{4})")


def header_date(text: str, start: int, end: int) -> Optional[str]:
    """The date of an official document's header: the place and date that follow its number
    within a few lines."""
    m = header_number(text, start, end)
    if not m:
        return None
    if m.re is _CAPS_HEADER:
        return iso_day(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    after = " ".join(text[m.start():min(end, m.end() + 400)].replace("*", "").split())
    d = _HEADER_DAY.search(after)
    if not d:
        return None
    day, mo, y = (int(x) for x in d.groups())
    return iso_day(y, mo, day)
