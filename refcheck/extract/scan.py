"""Cheap scan for candidate citations, then the grammar on each candidate only.

The anchors (extract/anchors.py) are the only code that sees every character: a handful of
compiled patterns that find symbols, named Party resolutions, laws by title and short forms,
and "số N/" for symbols the grammar may not read (RC101). Each hit is widened backwards to its
type word and ``số``, cut at the end of the line, normalised (look-alikes), and handed to the
grammar, which decides where the citation really ends.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Optional

from refcheck.extract.anchors import (  # noqa: F401  (re-exported: tests and benches)
    BARE_NUMBER, SYMBOL_RE, _bare_matches, _bare_parts, _law_anchors, _law_re, _law_starts,
    _named_res, _named_starts, _number_year_starts, _symbol_matches, blocks, literal_anchors,
    word_start)
from refcheck.extract.grammar import parse_prefix
from refcheck.extract.groups import build_groups, group_citations
from refcheck.extract.articles import caps_header, official_top, typed_header_at
from refcheck.extract.lawtitle import is_amending
from refcheck.extract.wrap import decap, flatten, joinable, window_end
from refcheck.model import Citation
from refcheck.text.literals import finditer_from
from refcheck.text.normalize import View, canonical_chars, view
from refcheck.notation.vocab import alternation, load_vocab, upper_class


def __getattr__(name: str):
    if name == "LAW_RE":  # the plain pattern, for tests and benchmarks
        return _law_re()
    raise AttributeError(name)


_MAX_BACK = 80  # type word + "số:" + a number list fit in this


@lru_cache(maxsize=1)
def _broken_re() -> re.Pattern:
    """"Nghị quyết số 18-NQ/ ngày…": a type word and "số" promise a symbol that may not parse."""
    v = load_vocab()
    words = word_start(v.type_spellings())
    return re.compile(
        rf"(?:{words})[ \t\u00a0]+[Ss]ố[ \t\u00a0]*(?::[ \t\u00a0]*)?\d{{1,5}}[ \t\u00a0]*[/\-\u2013]\S{{0,12}}")


@lru_cache(maxsize=1)
def _prefix_re() -> re.Pattern:
    v = load_vocab()
    words = alternation(v.type_spellings())
    # Anchored at the end of the look-back slice: [type word] [số[:]] [N, N và ]
    return re.compile(
        # (or glued to the word before, capitalised: "Thực hiệnQuyết định số 1489/QĐ-TTg", official 104)
        rf"(?:(?<!\w)|(?<=[^\W\dA-ZĐ_])(?=[A-ZĐ]))(?:(?:{words})(?:[ \t\u00a0]+|(?<=định)(?=\Z)|(?<=ĐỊNH)(?=\Z)))?"
        rf"(?:(?:[Ss]ố|[sS](?=[ \t]))[ \t\u00a0]*(?::[ \t\u00a0]*)?)?"  # "s 70/…": the "ố" lost (official 116)
        rf"(?:\d{{1,5}}[ \t\u00a0]*(?:,|và)[ \t\u00a0]*)*\Z"
    )


def _window_start(text: str, sym_start: int, loose: bool = False) -> int:
    floor = max(0, sym_start - _MAX_BACK)
    lo = sym_start
    while True:  # back to the line break that ends the sentence (official texts wrap lines)
        nl = text.rfind("\n", floor, lo)
        if nl < 0:
            lo = floor
            break
        lo = nl
        if not joinable(text, nl, loose):
            lo = nl + 1
            break
    seg = decap(flatten(text[lo:sym_start]))
    m = _prefix_re().search(seg)
    return lo + m.start() if m else sym_start


def candidates(text: str, loose: bool = False,
               broken: Optional[list] = None) -> list[tuple[int, int, bool]]:
    """Candidate citations in ``text`` (a normalised view), in order: (window start, anchor,
    whether it is a law by title, which is a citation only with a number: a year or a symbol).
    A type word, "số" and a number before a slash or dash opens one too ("Nghị định số
    28-CP", the old numbering); those matches go to ``broken`` (RC101 where nothing reads)."""
    out: list[tuple[int, int, bool]] = []
    for lo, hi in blocks(text):
        starts: list[tuple[int, int, bool]] = []
        for m in _broken_block(text, lo, hi):
            starts.append((m.start(), m.start(), False))
            if broken is not None:
                broken.append(m)
        years: list[int] = []
        for m in _symbol_matches(text, lo, hi, years):
            starts.append((_window_start(text, m.start(), loose), m.start(), False))
        for s in _named_starts(text, lo, hi):
            starts.append((s, s, False))
        for m in _law_starts(text, lo, hi):
            starts.append((m.start(), m.start(), True))
        for m in _bare_matches(text, lo, hi):
            starts.append((m.start(), m.start(), False))
        for s in _number_year_starts(text, lo, hi, years):
            starts.append((s, s, False))
        starts.sort()
        out += starts
    return out


_DIGIT = re.compile(r"\d")
# A law's title ends at a year, a date or "số" within its twenty-odd words.
# A line break inside the window reads as a space ("Luật Ngân sách nhà nước\nsố 83/2015/QH13",
# "Luật Đầu tư công số\n58/2024/QH15": official texts wrap lines, tests/data/official/008.txt).
_LAW_END = re.compile(r"\s(?:năm\s+)?(?:19|20)\d\d\b|\s[Ss]ố[ \t]*:?\s*\d|\sngày\s+\d")


def _law_end(vt: str, anchor: int, end: int) -> bool:
    d = _DIGIT.search(vt, anchor, end)
    return bool(d) and bool(_LAW_END.search(vt, max(anchor, d.start() - 12), min(end, anchor + 200)))


# Codes are capitals with at most one small letter at a time (TTg, QĐi, CTr, GDTrH); two in
# a row make a word of prose.
_PROSE_CODE = re.compile(r"[a-zđ]{2}")

# What follows a congress that is not the Party's national one. One whitespace run, then an
# optional comma and another: "[ ]*,?[ ]*" would backtrack quadratically over long blanks.
_LOCAL_AFTER = re.compile(
    r"[ \t\u00a0]*(?:,[ \t\u00a0]*)?(?:của[ \t\u00a0]+)?(?:[Đđ]ảng[ \t\u00a0]+bộ|[Đđ]ảng[ \t\u00a0]+ủy|"
    rf"Đảng[ \t\u00a0]+(?!Cộng sản Việt Nam){upper_class()}|"
    r"Công đoàn|Đoàn|Hội|Mặt trận|MTTQ|Hội đồng|tỉnh|thành phố|huyện)"
)


def scan(text: str, v: View | None = None, problems: list | None = None) -> list[Citation]:
    """All citations in ``text``, with offsets into ``text`` itself.

    ``problems``, when given, receives ``(start, end)`` spans (original offsets) of text that
    promises a symbol ("Nghị quyết số 18-NQ/ …") but that the grammar cannot read.
    """
    v = _unsplit(text, v or view(text))
    vt = v.text
    out: list[Citation] = []
    covered = -1
    loose = is_official(vt)
    broken: list[re.Match] = []
    for start, anchor, law in candidates(vt, loose, broken):
        if anchor < covered:
            continue
        # bounded search: an unbounded find is O(n) per candidate on a one-line file
        end, _joins = window_end(vt, anchor, loose)
        if law and not _law_end(vt, anchor, end):
            continue  # "Luật Tiếp cận thông tin" with no year, date nor symbol: not a citation
        flat = flatten(canonical_chars(vt[start:end]))
        window = decap(flat)
        res = parse_prefix(window)
        if res is None and start != anchor:  # the prefix guess was wrong: try the symbol alone
            start = anchor
            flat = flatten(canonical_chars(vt[start:end]))
            window = decap(flat)
            res = parse_prefix(window)
        caps = window is not flat
        if res is None:
            continue
        tree, length = res
        groups = build_groups(tree)
        if any(g.law_title and any(_not_a_law(r) for r in g.refs) for g in groups):
            continue  # "luật Buộc thôi việc … theo quyết định số 4698/QĐ-BCT": no law; the
            # symbol's own candidate reads it
        covered = start + length
        if len(groups) > 1 and _cut_short(vt, end, covered):
            # The window stopped at its length limit inside a list: the last member's date
            # or issuer may lie past it ("…, Nghị định số 59/2011/NĐ-CP ngày 18/07/2011 của
            # Thủ tướng Chính phủ, …", baomoi 22472778). It is read again in its own window.
            covered = start + groups[-1].start
            groups = groups[:-1]
        for g in groups:
            if not g.refs and not g.local:  # (a local congress named as such is kept: RC202)
                if g.congress and _LOCAL_AFTER.match(vt, start + g.end):
                    continue  # a local congress ("Đại hội XIII Đảng bộ Khối")
                if g.congress and g.issuer and g.issuer[0] != "Đảng":
                    continue
                if g.congress_numeric and not (g.issuer and g.issuer[0] == "Đảng"):
                    continue  # "Đại hội 12" alone may be anyone's twelfth congress
            if g.type_word is None and g.so_raw is None and all(
                    r.shape in ("state_admin", "crossed_year") and len(r.codes) < 2
                    and not _LAW_CODE.match(r.codes[0] if r.codes else "") for r in g.refs):
                continue  # "3/TTXVN", "(QTKĐ: 23-2014/BLĐTBXH)": one code and no type word is too weak
            if any(r.shape in ("state_year", "crossed_year", "number_year", "year_dash")
                   and not 1945 <= (r.year or 0) <= 2100 for r in g.refs):
                continue
            if any(_PROSE_CODE.search(code) for r in g.refs for code in r.codes):
                continue  # "QCVN 08-MT:2015/BTNMT - Quy chuẩn": a word, not a code
            if ((g.type_word is None or typed_header_at(vt, start + g.start))
                    and _is_header(vt, start + g.start, start + g.end)):
                continue  # "Số: 15/2019/QĐ-UBND": the document's own number, not a citation
            cits = group_citations(g, window, start, text, v.to_original)
            if g.type_word is None:
                _list_type(vt, start + g.start, cits)
            for c in cits:
                if c.kind == "symbol" and c.title and is_amending(c.title):
                    # "Luật sửa đổi, bổ sung … của Bộ luật Hình sự số 100/2015/QH13": the
                    # number may be the amending law's or the amended one's; no title check
                    c.title = None
            if caps:
                for c in cits:  # "QĐ-TTG" in a line of capitals is not a misspelling
                    c.spelling = [(sp, w) for sp, w in c.spelling
                                  if text[sp.start:sp.end].upper() != w.upper()]
            out.extend(cits)
    if problems is not None:
        _unparsed(v, out, problems, broken)
    return out


_CUT_SLACK = 40  # "của Thủ tướng Chính phủ" and the comma before it


def _cut_short(vt: str, end: int, parsed_to: int) -> bool:
    """Whether a window ended at its forward limit (wrap.window_end stops at a line break
    otherwise), with the parse running to near that limit: what follows may still belong
    to the last group."""
    return end < len(vt) and vt[end] != "\n" and parsed_to >= end - _CUT_SLACK


# Markdown emphasis inside a word or a number, as converted official texts carry it: "Nghị
# định số **1**04/2012/NĐ-CP", "ngày 23 tháng** 1**1 năm 2009", "Luật Kh**á**m bệnh"
# (tests/data/official/001.txt). The scanner reads such text without the markers.
# (Opened with its literal "**", the look-behind after it: a leading look-behind is tried at
# every position of a text that holds one "**" somewhere, 0.24 s of CPU on 8 MB.)
_SPLIT = re.compile(r"\*\*(?<=\w\*\*)\*{0,2}(?=\w)")


def _unsplit(text: str, v: View) -> View:
    """``v`` without emphasis markers between two word characters (offsets still map to
    ``text``); only for composed text, whose view is ``text`` itself."""
    if v.text is not text or "*" not in text or "**" not in text:  # (one letter: memchr)
        return v
    runs = [(m.start(), m.end()) for m in _SPLIT.finditer(text)]
    if not runs:
        return v
    parts, starts, origs, pos, vlen = [], [], [], 0, 0
    for a, b in runs:
        parts.append(text[pos:a])
        vlen += a - pos
        starts.append(vlen)  # the view from here on continues at the original offset b
        origs.append(b)
        pos = b
    parts.append(text[pos:])
    return View("".join(parts), [0] + starts, [0] + origs)


def is_official(vt: str) -> bool:
    """An official document (its motto or a "Số:" header at the top): lines are wrapped."""
    return official_top(vt)
_LAW_CODES = ("L", "PL")
_LAW_CODE = re.compile(r"(?:UBTV)?QH\d")  # 80-2015/QH13 carries no type code: a law


def _not_a_law(r) -> bool:
    """A symbol that no law carries: a type code other than a law's (4698/QĐ-BCT)."""
    if r.shape == "party":
        return True
    first = r.codes[0] if r.codes else ""
    return len(r.codes) > 1 and first not in _LAW_CODES and load_vocab().is_type_code(first)


# A document's own number in its header: "Số: 15/2019/QĐ-UBND" alone on its line (or after
# "Số:" on the line above), before a table cell or the place and date; "Số 384-QĐ/TW" (no
# colon, official 065) alone on its line counts only in the Party shape N-CODE/….
_HEADER_BEFORE = re.compile(r"(?:(?:\A|\n)[ \t*|]*(?:[Ss]ố[ \t]*:[ \t*]*(?:\r?\n[ \t*|]*)?|(Số)[ \t]+)"
                            r"|(?<=\S)Số[ \t]*:[ \t*]*)\Z")
# The rest of a code the grammar does not read ("06/QC-TT" of "Số: 06/QC-TT.HĐND-UBND", a joint
# body's dotted code, official 067) still belongs to the header's number.
_HEADER_AFTER = re.compile(r"(?:\.[\w.\-]+)?[ \t*]*(?:\||\r?\n|\Z|[^\n\d]{2,40}, ngày)")
_PARTY_NUMBER = re.compile(r"\d{1,5}[a-z]?-[A-ZĐ]+/")
# A law's own header prints its type word before the number: "Luật số: 76/2015/QH13" alone on its
# line (official 076), and so do other types ("Nghị quyết số: 653/2019/UBTVQH14", official 100).
# "Số:" glued to what extraction left before it is a header too ("straight connector 2Số: 1551
# /UBND-VX", a drawing's name, official 112; "-Số: 04/2013/TT-NHNN Hà Nội, ngày …", 115).


def _is_header(vt: str, a: int, b: int) -> bool:
    if typed_header_at(vt, a):  # (its number ends the line: checked there)
        return True
    h = _HEADER_BEFORE.search(vt, max(0, a - 40), a)
    if h and _HEADER_AFTER.match(vt, b) and (h.group(1) is None or _PARTY_NUMBER.match(vt, a)):
        return True  # no colon ("Số 384-QĐ/TW", official 065): the Party shape only
    m = caps_header(vt, 0, min(len(vt), a + 200)) if a < 400 else None  # "NGHỊ ĐỊNH\n\nSỐ 136/…"
    return m is not None and m.start("sym") <= a < m.end("sym")


# A list under one plural type word: "Căn cứ các Nghị định của Chính phủ: số 77/2015/NĐ-CP …;
# số 120/2018/NĐ-CP …" (official 069, 072): the members carry no type word of their own.
_LIST_TYPE = re.compile(r"(?<!\w)các[ \t]+(Nghị định|Thông tư|Quyết định|Nghị quyết|Chỉ thị)"
                        r"[ \t]+(?:của|do)[ \t]+[^\n:]{2,60}?:[^\n]*\Z")


# Its head, from the literal "các", up to the colon; the tail ("[^\n]*\Z") always holds on the
# rest of a line. A search from the line start for each member was quadratic on a one-line
# text (4,000 bare symbols in 140 kB: 6 s).
_LIST_HEAD = re.compile(r"các(?<!\wcác)[ \t]+(Nghị định|Thông tư|Quyết định|Nghị quyết|Chỉ thị)"
                        r"[ \t]+(?:của|do)[ \t]+[^\n:]{2,60}?:")
#: (text, line start, heads of that line as (start, end, type word)): the members of a list
#: are read in order, so each line is searched once.
_LIST_LINE: tuple = (None, -1, ())


def _list_word(vt: str, at: int) -> Optional[str]:
    """``_LIST_TYPE.search(vt, line start, at).group(1)``: the type word of the leftmost list
    head of ``at``'s line that ends before ``at`` (an overlapping later head ends no sooner)."""
    global _LIST_LINE
    ls = vt.rfind("\n", 0, at) + 1
    line = _LIST_LINE
    if line[0] is not vt or line[1] != ls:
        le = vt.find("\n", ls)
        heads = tuple((m.start(), m.end(), m.group(1))
                      for m in _LIST_HEAD.finditer(vt, ls, len(vt) if le < 0 else le))
        line = _LIST_LINE = (vt, ls, heads)
    for s, e, word in line[2]:
        if s >= at:
            break
        if e <= at:
            return word
    return None


def _list_type(vt: str, at: int, cits: list) -> None:
    """Give a list member the list's type word when its type code is that word's."""
    word = _list_word(vt, at)
    if word is None:
        return
    codes = load_vocab().types.get(word) or ()
    for c in cits:
        if c.kind == "symbol" and c.type is None and c.type_code in codes:
            c.type, c.type_inherited = word, True


# Opens with the literal "ố" (the match starts one character earlier, at "S" or "s").
_SO_NUMBER = re.compile(r"ố(?<=[Ss]ố)[ \t\u00a0]*(?::[ \t\u00a0]*)?\d{1,5}[ \t\u00a0]*[/\-\u2013]")


@lru_cache(maxsize=1)
def _type_word_before() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{alternation(load_vocab().type_spellings())})[ \t\u00a0]+\Z")


def _broken(vt: str):
    """``_broken_re`` matches, found from their rarer middle ("số 18-"): a pattern that opens
    with dozens of type words would make the engine stop at nearly every letter."""
    for lo, hi in blocks(vt):
        yield from _broken_block(vt, lo, hi)


def _broken_block(vt: str, pos: int, endpos: int):
    full = _broken_re()
    before = _type_word_before()
    last = pos
    for m in finditer_from(_SO_NUMBER, "ố", vt, pos, endpos):
        s = m.start() - 1
        if s < last:
            continue
        w = before.search(vt, max(last, s - 40), s)
        if w:
            mm = full.match(vt, w.start())
            if mm:
                last = mm.end()
                yield mm


def _unparsed(v: View, found: list[Citation], problems: list, broken: list) -> None:
    spans = starts = None
    for m in broken:
        if spans is None:
            spans = sorted((c.symbol_span.start, c.symbol_span.end) for c in found if c.symbol_span)
            starts = [s for s, _ in spans]
        a, b = v.to_original(m.start()), v.to_original(m.end())
        k = bisect_right(starts, b) - 1
        if k >= 0 and spans[k][1] > a:
            continue  # a citation was read there
        problems.append((a, b))
