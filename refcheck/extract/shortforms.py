"""Short forms: what they abbreviate (``refers_to``), and the ones that only an earlier
citation makes citations — a law's bare title, a lower-case "nghị định 49", repeating a
document cited in full earlier in the same article.

Official texts cite each law in full once ("Căn cứ Luật Thương mại ngày 14 tháng 6 năm 2005;")
and then by its bare title ("Nghị định số 37/2006/NĐ-CP … quy định chi tiết Luật Thương mại");
a bare title with no full citation before it stays prose (a title without a year is not a
citation: it may name a bill, a field of law, a foreign act).
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right, insort
from functools import lru_cache

from typing import Iterator, Optional

from refcheck.extract.lawtitle import title_words
from refcheck.extract.loose import is_number_year
from refcheck.model import Citation
from refcheck.notation.vocab import load_vocab
from refcheck.text.literals import finditer_at
from refcheck.text.normalize import View, view

_LAW_WORD = r"(?<![\w])(?<!pháp )(?<!Pháp )(?:Bộ[ \t]+[Ll]uật|bộ[ \t]+luật|Luật|luật|Pháp lệnh)"
_LAW_TYPES = ("Luật", "Bộ luật", "Pháp lệnh")
_MAX_TITLES = 64  # each title is one pass over the article: bounded on huge one-article files
# A bare title followed by its year, date or number is a full citation (the grammar reads it).
_FULL_AFTER = re.compile(r"[ \t\n*]*(?:,[ \t]*)?(?:(?:năm[ \t]+)?(?:19|20)\d\d\b|[Ss]ố[ \t]*:?[ \t]*\d|"
                         r"ngày[ \t]+\d)")


@lru_cache(maxsize=1024)
def _repeat_rx(title: str, split: bool = False) -> re.Pattern:
    return re.compile(rf"{_LAW_WORD}[ \t]+(?:\r?\n[ \t]*)?{_title_rx(title, split)}(?!\w)", re.IGNORECASE)


def _title_rx(title: str, split: bool = False) -> str:
    """``split``: Markdown emphasis may cut a word ("Luật Kh**á**m bệnh, chữa bệnh",
    "**Luật Bảo hiểm x**ã h**ội**", tests/data/official 001, 053)."""
    words = re.findall(r"\w+|[^\w\s]", title)
    inner = r"(?:\*{2,4})?" if split else ""
    return r"[ \t*]*(?:\r?\n[ \t*]*)?".join(inner.join(re.escape(ch) for ch in w) if split else re.escape(w)
                                          for w in words)


# An amending law cited with its number keeps no title (extract/scan.py: the number may be the
# amended law's); its title is the text from the type word to "số <number>" or the date.
_AMENDING_TEXT = re.compile(r"(?:Bộ[ \t]+luật|Luật|Pháp[ \t]+lệnh)[ \t\r\n]+(sửa[ \t]+đổi.*?)"
                            r"(?=[ \t\r\n*]+(?:số[ \t]*:?[ \t\r\n]*\d|ngày[ \t]+\d)|[ \t\r\n]*\Z)",
                            re.IGNORECASE | re.DOTALL)
# "dự thảo Luật sửa đổi, bổ sung …": a bill of the same title, not the law cited before
_BILL_BEFORE = re.compile(r"(?:dự[ \t]+thảo|dự[ \t]+án)[ \t]*\Z", re.IGNORECASE)


def law_title(c: Citation) -> Optional[str]:
    """The title of a law citation: its own, or an amending law's read from its text
    ("Luật sửa đổi, bổ sung một số điều của Luật Thuế thu nhập cá nhân số 26/2012/QH13")."""
    if c.title:
        return c.title
    if c.kind == "symbol" and c.type in _LAW_TYPES:
        m = _AMENDING_TEXT.match(c.text)
        if m:
            return " ".join(m.group(1).split())
    return None


def _full_law(c: Citation) -> bool:
    """A law cited in full: with its number, year or date (not a bare or undated title)."""
    return c.kind == "symbol" or (c.kind == "named" and bool(c.year or c.date))


def title_repeats(text: str, citations: list[Citation], lo: int, hi: int) -> list[Citation]:
    """Bare titles in ``text[lo:hi]`` (one article) of laws that ``citations`` (that article's,
    in order) cite in full before them, as ``bare`` citations with the title. An amending
    law's title repeated ("Luật sửa đổi, bổ sung một số điều của Luật Quản lý thuế") is the
    amending law, not the law inside its title."""
    firsts: dict[str, tuple[int, str, str]] = {}  # casefolded title -> (end, title, type)
    for c in citations:
        title = law_title(c) if c.type in _LAW_TYPES and c.kind in ("named", "symbol") else None
        if title:
            key = " ".join(title.split()).casefold()
            if key not in firsts and len(firsts) < _MAX_TITLES:
                firsts[key] = (c.end, title, c.type)
    if not firsts:
        return []
    spans = sorted((c.start, c.end) for c in citations)
    starts = [s for s, _ in spans]
    longer = sorted(firsts, key=len, reverse=True)
    split = text.find("**", lo, hi) >= 0
    out: list[Citation] = []
    taken: list[tuple[int, int]] = []  # spans in out, sorted and disjoint: overlap by bisect
    # Several titles: the law words are found once and each title is tried there only, not
    # one pass over the article per title (up to _MAX_TITLES of them on a long one).
    anchors = [m.start() for m in _LAW_ANCHOR.finditer(text, lo, hi)] if len(longer) > 1 else None
    for key in longer:
        end0, title, typ = firsts[key]
        rx = _repeat_rx(title, split)
        found = rx.finditer(text, end0, hi) if anchors is None else _at(rx, text, end0, hi, anchors)
        for m in found:
            a, b = m.start(), m.end()
            k = bisect_right(starts, b) - 1
            if k >= 0 and spans[k][1] > a:
                continue  # inside a citation already read (an amending law's title)
            if _FULL_AFTER.match(text, b):
                continue
            if key.startswith("sửa đổi") and _BILL_BEFORE.search(text, max(lo, a - 16), a):
                continue
            if any(o != key and o.startswith(key + " ") and _repeat_rx(firsts[o][1], split).match(text, a, hi)
                   for o in longer):
                continue  # "Luật Giáo dục đại học" is not "Luật Giáo dục"
            j = bisect_right(taken, (a, b))
            if (j > 0 and taken[j - 1][1] > a) or (j < len(taken) and taken[j][0] < b):
                continue  # overlaps a repeat already taken (a longer title's)
            insort(taken, (a, b))
            out.append(Citation(text=text[a:b], start=a, end=b, kind="bare", type=typ,
                                title=title, system="state"))
    out.sort(key=lambda c: c.start)
    return out


#: Where _LAW_WORD can start, in the same case-blind matching: every "bộ", "luật" and "pháp
#: lệnh" (none of them overlaps another, so one finditer gives all of them).
# Opened with the letter's class (both cases: no other letter folds to b, l or p), the word
# after it case-blind: a case-blind alternation at the front is tried at every position.
_LAW_ANCHOR = re.compile(r"[bBlLpP](?i:(?<=[bB])ộ|(?<=[lL])uật|(?<=[pP])háp lệnh)")


def _at(rx: re.Pattern, text: str, pos: int, hi: int, anchors: list[int]):
    """``rx.finditer(text, pos, hi)`` for a pattern that can only match at ``anchors``
    (sorted): the same matches, tried only there."""
    i = bisect_left(anchors, pos)
    n = len(anchors)
    while i < n and anchors[i] < hi:
        m = rx.match(text, anchors[i], hi)
        if m is None:
            i += 1
            continue
        yield m
        i = bisect_left(anchors, m.end(), i + 1)


def _title_key(title: str) -> str:
    return " ".join(title.split()).casefold()


_LINK_DROP = frozenset(("và", "các"))
_LINK_TAILS = (("việt", "nam"), ("sửa", "đổi", "bổ", "sung"), ("sửa", "đổi"))


def _link_key(title: str) -> tuple[str, ...]:
    """A law's title as an undated mention may repeat it: case, tone placement, commas, "và"
    and "các" set aside, and a trailing "Việt Nam" or "(sửa đổi)" ("Bộ luật hình sự" after "Bộ
    luật Hình sự Việt Nam năm 1999", "Luật BHXH" after "Luật BHXH (sửa đổi) năm 2014")."""
    words = [w for w in title_words(title) if w not in _LINK_DROP]
    for tail in _LINK_TAILS:
        if len(words) > len(tail) and tuple(words[-len(tail):]) == tail:
            words = words[:-len(tail)]
    return tuple(words)


# A definition in an official text: "Nghị định số 100/2019/NĐ-CP … (sau đây gọi là Nghị định
# 100)", "(sau đây gọi tắt là Nghị định số 65/2013/NĐ-CP)", "(gọi tắt là Nghị định 38/2012)",
# "(viết tắt là …)": the short name is the document just cited.
_DEFINES = re.compile(r"\([ \t]*(?:sau đây[ \t]+)?(?:được[ \t]+)?(?:gọi[ \t]+(?:tắt[ \t]+|chung[ \t]+)?là|"
                      r"viết[ \t]+tắt[ \t]+là)[ \t]*[\"“]?[ \t]*\Z", re.IGNORECASE)


def defined_here(text: Optional[str], c: Citation) -> bool:
    return bool(text) and bool(_DEFINES.search(text, max(0, c.start - 40), c.start))


def link_short_forms(citations: list[Citation], text: Optional[str] = None) -> None:
    """Set ``refers_to`` on every short or bare citation: the index of the earlier full
    citation it abbreviates — whether or not the catalog knows that document — else None.

    A short form ("Nghị định số 100", "NĐ 100", "Chỉ thị 05 của Bộ Chính trị") refers to the
    latest citation of its type and number; "văn bản số 2383" (a generic type word) to the
    latest of that number; a definition ("(sau đây gọi là Nghị định 100)") to the citation
    of its type just before it; a law's bare title to the first full citation of that title
    (its number, year or date), else to its first mention; a number and year ("Nghị định
    155/2016") repeating an earlier one to it; a symbol without its year repeating an earlier
    one of that number and issuer ("Nghị định 67/NĐ-CP" after "Nghị định 67/2014/NĐ-CP",
    "Nghị định 67/CP" twice) to it; a plenum named without its khóa ("Nghị quyết Trung ương
    4") to the latest plenum of that number cited with one, and a plenum cited again in full
    to its latest citation. ``text`` (the file's text) is needed for definitions.
    """
    last_sym: dict[tuple[Optional[str], int], int] = {}
    last_num: dict[int, int] = {}
    last_year: dict[tuple[Optional[str], int, int], int] = {}
    last_type: dict[Optional[str], int] = {}
    law_full: dict[str, int] = {}
    law_any: dict[str, int] = {}
    law_loose: dict[tuple[str, ...], int] = {}  # _link_key -> the first full citation
    last_plenum: dict[tuple[Optional[str], int], int] = {}
    v = load_vocab()
    for i, c in enumerate(citations):
        c.refers_to = None
        if c.kind == "bare":
            if c.title:
                key = _title_key(c.title)
                c.refers_to = law_full.get(key, law_any.get(key))
            elif c.number is not None:
                j = last_type.get(c.type) if defined_here(text, c) else None
                if j is None:
                    j = last_sym.get((c.type, c.number))
                if j is None and (c.type is None or v.is_generic(c.type)):
                    j = last_num.get(c.number)
                c.refers_to = j
            continue
        if c.kind == "named" and c.title and not (c.year or c.date):
            # a law named again without its year ("Luật Hải quan" after "Luật Hải quan Việt
            # Nam 2014", "Luật BHXH" after "Luật BHXH (sửa đổi) năm 2014")
            c.refers_to = law_loose.get(_link_key(c.title))
        if c.kind == "named" and c.plenum is not None and not c.title:
            if c.khoa is None:
                c.refers_to = last_plenum.get((None, c.plenum))
            else:  # a repeat of a full plenum citation refers to it too
                c.refers_to = last_plenum.get((c.khoa, c.plenum))
                last_plenum[(None, c.plenum)] = last_plenum[(c.khoa, c.plenum)] = i
        if c.kind == "symbol" and c.number is not None:
            # a list member's type word was written once for the list and may be another
            # type's ("Nghị quyết số 18-NQ/TW, 20-CT/TW"): its own code says what it is
            types = {c.type} if c.type and not c.type_inherited else set()
            types |= set(v.code_of_type.get(c.type_code or "", ()))
            if is_number_year(c):
                c.refers_to = next((last_year[(t, c.number, c.year)] for t in types
                                    if (t, c.number, c.year) in last_year), None)
            elif c.year is None:
                c.refers_to = _yearless_repeat(c, types, last_sym, citations)
            for t in types:
                last_sym[(t, c.number)] = i
                last_type[t] = i
                if c.year:
                    last_year[(t, c.number, c.year)] = i
            last_num[c.number] = i
        title = law_title(c) if c.kind in ("named", "symbol") else None
        if title:
            key = _title_key(title)
            law_any.setdefault(key, i)
            if _full_law(c):
                law_full.setdefault(key, i)
                if len(law_loose) < _MAX_TITLES:
                    law_loose.setdefault(_link_key(title), i)


def _code_dropped(c: Citation) -> bool:
    """A symbol without the type code its type carries ("Nghị định 67/CP"; a Công văn's
    2383/BVHTTDL-TCDL carries none)."""
    codes = load_vocab().types.get(c.type or "") or ()
    return c.type_code is None and bool(codes) and None not in codes and "*" not in codes


def _yearless_repeat(c: Citation, types: set, last_sym: dict, citations: list[Citation]) -> Optional[int]:
    """The earlier symbol citation that ``c``, a symbol without a year, repeats: of its type,
    number and issuer code, either with a year (the writer dropped it: "Nghị định 67/NĐ-CP"
    after "Nghị định 67/2014/NĐ-CP") or, when ``c`` has no type code either ("Nghị định
    67/CP"), with the same symbol. A date of its own that is not that document's says it is
    another document (administrative numbers restart every year)."""
    for t in types:
        j = last_sym.get((t, c.number))
        if j is None:
            continue
        e = citations[j]
        if e.kind != "symbol" or e.issuer_code != c.issuer_code or e.number_suffix != c.number_suffix:
            continue
        if not (e.year or (_code_dropped(c) and e.symbol == c.symbol)):
            continue
        if c.date and (e.date or e.year) and c.date != e.date and not (
                e.date is None and c.date[:4] == str(e.year)):
            continue
        return j
    return None


_LOWER_MAX = 32  # distinct (type, number) keys looked for per article: bounded passes


@lru_cache(maxsize=64)
def _lower_rx(spelling: str) -> re.Pattern:
    # Opens with its literal first word, the look-behind after it (found at C speed; its first
    # letter alone, "n", "t", "c", is a common one, tried all over a long article). Any
    # number: the caller keeps the ones it looks for, so one pattern per type word is
    # compiled per process, not one per article's set of numbers.
    head, sep, rest = spelling.partition(" ")
    first = re.escape(head)
    word = (first + rf"(?<!\w{first})"
            + re.escape(sep + rest).replace("\\ ", "[ \\t\u00a0]+"))
    return re.compile(rf"{word}[ \t\u00a0]+(?:số[ \t\u00a0]+)?0*(?P<n>[0-9]+)"
                      r"(?![\w/\-\u2013]|[.,]\d)")


def number_repeats(text: str, citations: list[Citation], lo: int, hi: int,
                   text_view: Optional[View] = None) -> list[Citation]:
    """Lower-case short forms in ``text[lo:hi]`` (one article) of documents that
    ``citations`` (that article's, in order) cite before them: "nghị định 49" after "Nghị
    định 49/2017/NĐ-CP". Alone, a lower-case type word and a number may be prose; after the
    document's citation it is that document."""
    v = load_vocab()
    first: dict[tuple[str, int], int] = {}  # (type word, number) -> end of its first citation
    for c in citations:
        if c.number is None or c.type_inherited or not c.type or c.title:
            continue
        if c.type in v.short_forms and (c.type, c.number) not in first and len(first) < _LOWER_MAX:
            first[(c.type, c.number)] = c.end
    spans = sorted((c.start, c.end) for c in citations)
    if not first:
        return _generic_repeats(text, citations, lo, hi, spans)
    starts = [s for s, _ in spans]
    by_type: dict[str, list[int]] = {}
    for t, n in first:
        by_type.setdefault(t, []).append(n)
    seg, base, to_orig = text, 0, None
    # NFD text: read its NFC view (``text_view``, the whole text's, says when none is needed)
    if (text_view is None or text_view.text is not text) and not unicodedata.is_normalized("NFC", text[lo:hi]):
        vv = view(text[lo:hi])
        seg, base, to_orig = vv.text, lo, vv.to_original
    out: list[Citation] = []
    for t, ns in by_type.items():
        lower = t[:1].lower() + t[1:]
        rx = _lower_rx(lower)
        start = min(first[(t, n)] for n in ns) if to_orig is None else 0
        for m in rx.finditer(seg, start, hi if to_orig is None else len(seg)):
            n = int(m.group("n"))
            a, b = m.start(), m.end()
            if to_orig is not None:
                a, b = base + to_orig(a), base + to_orig(b)
            if (t, n) not in first or first[(t, n)] > a:
                continue
            k = bisect_right(starts, b) - 1
            if k >= 0 and spans[k][1] > a:
                continue  # inside a citation already read
            out.append(Citation(text=text[a:b], start=a, end=b, kind="bare", type=t, number=n))
    out += _generic_repeats(text, citations, lo, hi, spans + sorted((c.start, c.end) for c in out))
    out.sort(key=lambda c: c.start)
    return out


# A generic type word, "số" and the number of a document cited before: "Công văn
# 2383/BVHTTDL-TCDL … Ngay sau khi ban hành văn bản số 2383" (baomoi 22503661), "Văn bản số
# 119 /BC-BCT … cùng Văn bản số 119 nêu trên" (baomoi 21488033). Without "số" a generic word
# and a number are prose ("văn bản 2 trang").
_GENERIC_NUMBER = re.compile(r"(?<!\w)(?P<w>[Vv]ăn[ \t\u00a0]+bản)[ \t\u00a0]+số[ \t\u00a0]+0*(?P<n>\d{1,5})"
                             r"(?![\w/\-\u2013]|[.,]\d)")
# Its letters after the "V": a literal, found at str.find speed; a match starts before it.
_GENERIC_TAIL = re.compile(r"ăn[ \t\u00a0]+bản[ \t\u00a0]+số")


def generic_numbers(text: str, pos: int, hi: int) -> Iterator[re.Match]:
    """``_GENERIC_NUMBER.finditer(text, pos, hi)``, tried only before its tail."""
    return finditer_at(_GENERIC_NUMBER, text, pos, hi,
                       (h.start() - 1 for h in _GENERIC_TAIL.finditer(text, pos, hi)))


def _generic_repeats(text: str, citations: list[Citation], lo: int, hi: int,
                     spans: list[tuple[int, int]]) -> list[Citation]:
    first: dict[int, int] = {}  # number -> end of its first citation
    for c in citations:
        if c.kind == "symbol" and c.number is not None and not c.title:
            first.setdefault(c.number, c.end)
    if not first:
        return []
    spans = sorted(spans)
    starts = [s for s, _ in spans]
    out: list[Citation] = []
    for m in generic_numbers(text, min(first.values()), hi):
        n = int(m.group("n"))
        a, b = m.start(), m.end()
        if first.get(n, hi) > a:
            continue
        k = bisect_right(starts, b) - 1
        if k >= 0 and spans[k][1] > a:
            continue  # inside a citation already read
        out.append(Citation(text=text[a:b], start=a, end=b, kind="bare", type="Văn bản", number=n))
    return out
