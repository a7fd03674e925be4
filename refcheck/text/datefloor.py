"""The day before which an undated article cannot have been written, from its own text.

News carries no date field (the corpus has id/title/text only), yet "theo Luật Đất đai"
needs one to name a version. An article is written after every past day it states
("Ngày 30/5/2017, UBND tỉnh …") and after every document it cites by symbol
("Nghị định 30/2020/NĐ-CP" exists, so the article is of 2020 or later). A date may also be
in the future ("có hiệu lực từ ngày 1/1/2018", "dự kiến khai mạc ngày 23/10"), so a date is
taken only when nothing in its clause before it points ahead (``_AHEAD``). The result is a
lower bound, never the article's date: it only chooses among a law's versions
(catalog/lawnames.resolve_undated) and feeds no date check.

A year named without a day ("Năm 2016, …", "tháng 3/2014") is weaker evidence: a plan
("Đoàn giám sát của Quốc hội năm 2018") often carries no ahead word, and a story may name
one year of its past. Such a year counts only when the text names it twice outside ahead
clauses, and then as the start of the year before it. Measured on the 28k articles of the
2017 news corpus (bench/undated_versions.py): 178 of 179 inferred picks are the version in
force in 2017 (21 of them bounded by "Quốc hội khóa XIV" alone, the term's first year from the
catalog).
"""
from __future__ import annotations

import heapq
import re
from typing import Iterable, Iterator, Mapping, Optional

from refcheck.text.dates import iso_day
from refcheck.text.literals import finditer_at

# DMY or LONG ("ngày 5 tháng 3 năm 2020", "5/3/2020") found from the day's digits, the common
# head of both: "(?:ngày\s*)?" at the front made the engine try every position (28 MB/s);
# from a digit class it skips ahead. A LONG match starts at the "ngày" before it (_day_start).
_DAY = re.compile(r"(\d\d?)(?:\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})"
                  r"|\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))", re.IGNORECASE)
_NGAY = re.compile(r"ngày", re.IGNORECASE)


def _day_start(text: str, m: re.Match, lo: int) -> int:
    """Where ``rf"{DMY}|{LONG}"`` (case-blind) would have started the match ``m`` of :data:`_DAY`:
    at "ngày" and the blanks after it, when a LONG date follows them."""
    k = m.start()
    if m.group(4) is None:
        return k
    while k > lo and text[k - 1].isspace():  # \s*, as the engine reads it
        k -= 1
    return k - 4 if k - 4 >= lo and _NGAY.fullmatch(text, k - 4, k) else m.start()
# A symbol's year: "30/2020/NĐ-CP", "15/2019/QĐ-UBND", "47/2010/QH12".
# (Each pattern here opens with a class, the look-behind after it: a leading look-behind
# made the engine try every position.)
_SYMBOL_YEAR = re.compile(r"\d(?<![\d/]\d)\d{0,3}[a-zđ]?/((?:19|20)\d\d)/(?:[A-ZĐ]|QH)")
# Its slash and year, a literal: a match starts at most 5 characters before it ("1234a/").
# Tried only there, a whole long text is read at str.find speed, not the digit class's.
_SYMBOL_YEAR_TAIL = re.compile(r"/(?:19|20)\d\d/(?:[A-ZĐ]|QH)")


def symbol_years(text: str, start: int, end: int) -> Iterator[re.Match]:
    """``_SYMBOL_YEAR.finditer(text, start, end)``, tried only before a slash and a year."""
    return finditer_at(_SYMBOL_YEAR, text, start, end,
                       (k for m in _SYMBOL_YEAR_TAIL.finditer(text, start, end)
                        for k in range(m.start() - 5, m.start())))
# Words that put a date in the future, or make it a deadline or a period's end, when they
# stand in its clause before it: "từ ngày", "đến ngày", "trước ngày", "có hiệu lực", "dự
# kiến", "sẽ", "kế hoạch", "hạn", "chậm nhất", "vào năm" …
_AHEAD = re.compile(
    r"(?<!\w)(?:từ|đến|tới|trước|sau|hiệu[ \t]+lực|dự[ \t]+kiến|sẽ|kế[ \t]+hoạch|hạn|chậm[ \t]+nhất|"
    r"muộn[ \t]+nhất|bắt[ \t]+đầu|áp[ \t]+dụng|lộ[ \t]+trình|giai[ \t]+đoạn|dự[ \t]+thảo|"
    r"vào[ \t]+năm|năm[ \t]+tới|khai[ \t]+mạc|diễn[ \t]+ra|tổ[ \t]+chức|thi|đợt|tầm[ \t]+nhìn|"
    r"thời[ \t]+điểm|mục[ \t]+tiêu|chương[ \t]+trình|dự[ \t]+toán|chỉ[ \t]+tiêu|phấn[ \t]+đấu|định[ \t]+hướng)(?!\w)",
    re.IGNORECASE)
_DRAFT = re.compile(r"(?<!\w)dự[ \t]+thảo(?!\w)", re.IGNORECASE)
# A month or a year the text speaks of: "tháng 3/2014", "tháng 5 năm 2017", "năm 2016" (the
# first year of "năm 2016-2017"), read like a full date: its clause must not point ahead.
# (in any case: "t" and "n" have no case forms but T and N)
_MONTH_YEAR = re.compile(
    r"[tTnN](?<!\w[tTnN])(?i:(?<=[tT])háng[ \t]+\d{1,2}[ \t]*(?:/|-|[ \t]năm[ \t]+)[ \t]*"
    r"((?:19|20)\d\d)|(?<=[nN])ăm[ \t]+((?:19|20)\d\d))(?![\d/])")
# A National Assembly term: "Ủy ban thường vụ Quốc hội khóa XIV", "ĐBQH khóa XIV".
_ASSEMBLY = re.compile(r"(?:Quốc[ \t]+hội|QH)[ \t]+(?:khóa|khoá)[ \t]+([XVI]{1,6})(?!\w)", re.IGNORECASE)
# Each of its matches opens with "Q" or "q" (no other letter folds to them): tried only there,
# found as two literals at str.find speed, not as the case-blind pattern's class.
_Q = (re.compile("Q"), re.compile("q"))


def assembly_terms(text: str, start: int, end: int) -> Iterator[re.Match]:
    """``_ASSEMBLY.finditer(text, start, end)``, tried only at a "Q" or a "q"."""
    return finditer_at(_ASSEMBLY, text, start, end,
                       heapq.merge(*[(m.start() for m in q.finditer(text, start, end)) for q in _Q]))


# "tính đến ngày 31.12.2016" is "as of", a day already past.
_AS_OF = re.compile(r"(?<!\w)tính[ \t]+đến(?!\w)", re.IGNORECASE)
# A clause ends at a full stop, a semicolon, a colon or a line break ("Ngày 30/5/2017, …"
# starts a sentence; a comma does not end the clause of "có hiệu lực, từ ngày …").
_CLAUSE_END = re.compile(r"[.;:!?\n](?=\s|$)|\n")
_LOOKBACK = 80  # characters of the clause read before a date


def _clause_before(text: str, start: int, lo: int) -> str:
    left = text[max(lo, start - _LOOKBACK):start]
    ends = list(_CLAUSE_END.finditer(left))
    return left[ends[-1].end():] if ends else left


def written_after(text: str, start: int = 0, end: Optional[int] = None,
                  assembly: Optional[Mapping[str, int]] = None,
                  cited: Iterable[tuple[int, int]] = ()) -> Optional[str]:
    """The latest day ``text[start:end]`` shows to be past (ISO), or ``None``: a full date
    with nothing ahead-pointing in its clause before it, 1 January of a cited symbol's year,
    1 January of the year before a year the text names twice (outside ahead clauses), or 1
    January of the first year of a National Assembly term it names ("Quốc hội khóa XIV";
    ``assembly``: term -> first year, the catalog's), or 1 January of the year of a document
    the text names by title or plenum (``cited``: (offset, year) pairs, the catalog's year of
    "Bộ luật Dân sự năm 2015", "Nghị quyết Trung ương 4 khóa XII", read like a symbol's year:
    the document exists, unless a draft's). A day that does not exist (31/2/2017) is
    no evidence; the bound is dropped when the text names a year more than ``_STALE_YEARS``
    after it."""
    end = len(text) if end is None else end
    best: Optional[str] = None
    for m in assembly_terms(text, start, end) if assembly else ():
        first = assembly.get(m.group(1).upper()) if assembly else None
        if first and (best is None or f"{first}-01-01" > best):
            best = f"{first}-01-01"  # "đại biểu Quốc hội khóa XIV": that term has begun
    for m in _DAY.finditer(text, start, end):
        d, mo1, y1, mo2, y2 = m.groups()
        mo, y = (mo1, y1) if y1 else (mo2, y2)
        at = _day_start(text, m, start)
        if at > start and (text[at - 1].isdigit() or text[at - 1] in "/.-"):
            continue  # "tháng 1/2004 - 5/2010" holds no day "04 - 5/2010"
        day = iso_day(int(y), int(mo), int(d))
        if day and (best is None or day > best) \
                and not _AHEAD.search(_AS_OF.sub("", _clause_before(text, at, start))):
            best = day
    years = _years(text, start, end)
    months = list(month_years(text, start, end, years))  # read by both of the next two
    year = _year_named_twice(text, start, end, months)
    if year and (best is None or f"{year - 1}-01-01" > best):
        best = f"{year - 1}-01-01"
    for m in symbol_years(text, start, end):
        day = f"{m.group(1)}-01-01"
        if (best is None or day > best) and not _DRAFT.search(_clause_before(text, m.start(), start)):
            best = day  # a document cited by symbol exists, unless it is a draft's
    for at, y in cited:
        day = f"{y}-01-01"
        if (best is None or day > best) and not _DRAFT.search(_clause_before(text, at, start)):
            best = day
    if best and _latest_year(text, start, end, months, years) > int(best[:4]) + _STALE_YEARS:
        return None  # the text speaks of later years: the bound may be years stale
    return best


#: A bound this many years before the latest year the text names may be stale (a story told
#: years later); measured on the news corpus together with lawnames.FLOOR_WINDOW_DAYS.
_STALE_YEARS = 3


def _year_named_twice(text: str, start: int, end: int,
                      months: Optional[list[re.Match]] = None) -> Optional[int]:
    """The latest year named at least twice as a month or a year ("năm 2016", "tháng 3/2017")
    with nothing ahead-pointing in its clause, the words of the match included ("vào năm");
    ``months``: the matches of :data:`_MONTH_YEAR` there, when the caller has them."""
    seen: dict[int, int] = {}
    for m in month_years(text, start, end) if months is None else months:
        if not _AHEAD.search(_clause_before(text, m.start(), start) + m.group(0)):
            y = int(m.group(1) or m.group(2))
            seen[y] = seen.get(y, 0) + 1
    return max((y for y, n in seen.items() if n >= 2), default=None)


_ANY_YEAR = re.compile(r"[nN/.](?<![\d/.][nN/.])(?:(?<=[/.])|(?<=[nN])(?i:ăm))[ \t]*"
                       r"((?:19|20)\d\d)(?!\d)")  # ("năm" in any case, "/", ".")


def _latest_year(text: str, start: int, end: int,
                 months: Optional[list[re.Match]] = None, years: Optional[list[int]] = None) -> int:
    """The latest year the text names in any way ("năm 2030", "tháng 8/2016", "2017-2018")."""
    years = _years(text, start, end) if years is None else years
    if months is None:
        months = list(month_years(text, start, end, years))
    anys = finditer_at(_ANY_YEAR, text, start, end, _year_starts(text, start, years, False))
    return max([int(m.group(1)) for m in anys]
               + [int(m.group(1) or m.group(2)) for m in months], default=0)


# Every match of _MONTH_YEAR and _ANY_YEAR ends in a year, "19" or "20" and two digits and no
# third: found from those literals at str.find speed, the patterns are tried only at the few
# starts a year allows, not at every "n" and "t" of a long article (their opening classes).
_YEARS = (re.compile(r"19\d\d(?!\d)"), re.compile(r"20\d\d(?!\d)"))


def _years(text: str, start: int, end: int) -> list[int]:
    """Where the years (as above) of ``text[start:end]`` start, ascending."""
    return sorted(m.start() for rx in _YEARS for m in rx.finditer(text, start, end))


def _blanks_before(text: str, k: int, lo: int) -> int:
    """``k`` moved back over the spaces and tabs before it, not below ``lo``."""
    while k > lo and text[k - 1] in " \t":
        k -= 1
    return k


def _year_starts(text: str, start: int, years: list[int], month: bool) -> Iterator[int]:
    """Where a match of _MONTH_YEAR (``month``) or _ANY_YEAR ending in each of ``years`` can
    start, ascending: "năm" or "/" or "." before the blanks before the year, or, for a month,
    "tháng", blanks, one or two digits, blanks and "/", "-" or "năm" before them (a match holds
    no other year, so the starts of one year come after those of the year before)."""
    for y in years:
        k = _blanks_before(text, y, start)
        found = {k - 3}
        if month:
            for d in {_blanks_before(text, k - 1, start), _blanks_before(text, k - 3, start)}:
                for nd in (1, 2):
                    found.add(_blanks_before(text, d - nd, start) - 5)
        else:
            found.add(k - 1)
        yield from sorted(found)


def month_years(text: str, start: int, end: int,
                years: Optional[list[int]] = None) -> Iterator[re.Match]:
    """``_MONTH_YEAR.finditer(text, start, end)``, tried only where ``years`` (the text's,
    from :func:`_years`, when the caller has them) allow."""
    years = _years(text, start, end) if years is None else years
    return finditer_at(_MONTH_YEAR, text, start, end, _year_starts(text, start, years, True))
