"""Cheap scan for candidate citations, then the grammar on each candidate only.

This is the only code that sees every character, so it is a handful of compiled patterns,
each written to open with a literal or a class so that CPython's regex engine can skip ahead:
symbols (they start with a digit), named Party resolutions ("Nghị quyết Hội nghị…"), laws by
title (found from the middle of "luật"), short forms ("Chỉ thị 35"), and "số N/" for symbols
the grammar may not read (RC101). Each hit is widened backwards to its type word and ``số``,
cut at the end of the line, normalised (look-alikes), and handed to the grammar, which
decides where the citation really ends.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Iterable, Iterator, Optional

from refcheck.extract.grammar import parse_prefix
from refcheck.extract.groups import build_groups, group_citations
from refcheck.extract.articles import header_number
from refcheck.extract.lawtitle import is_amending
from refcheck.extract.wrap import decap, flatten, joinable, window_end
from refcheck.model import Citation
from refcheck.text.normalize import SPACE_CLASS, View, canonical_chars, view
from refcheck.notation.vocab import alternation, load_vocab, upper_class

_UP = "A-ZĐÐ"
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"
_SP = "[ \t\u00a0]{0,2}"

def word_start(words) -> str:
    r"""A whole-word alternation that begins with a literal character.

    CPython's ``re`` skips quickly to plausible starts only when a pattern opens with a literal
    or a class; a leading look-behind makes it try every position. So ``(?<!\w)(?:Luật|Bộ
    luật)`` is written ``L(?<!\wL)(?:uật)|B(?<!\wB)(?:ộ\s+luật)``: same matches, several
    times faster (measured in bench/run.py).
    """
    groups: dict[str, list[str]] = {}
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        groups.setdefault(w[0], []).append(re.escape(w[1:]).replace(r"\ ", r"\s+"))
    return "|".join(f"{re.escape(f)}(?<!\\w{re.escape(f)})(?:{'|'.join(rest)})"
                    for f, rest in groups.items())


#: A symbol: 35-CT/TW, 45 - CT/TW, 30/2020/NĐ-CP, 80/2015/QH13, 1234/QĐ-TTg, 19-2017/NQ-CP.
SYMBOL_RE = re.compile(
    rf"\d(?:(?<![\w/.:\-]\d)|(?<=số\d))\d{{0,4}}[a-z]?{_SP}(?:"
    rf"[{_DASHES}]{_SP}(?:[{_UP}][A-Za-zĐÐđ]{{0,5}}{_SP}/{_SP}[{_UP}]|(?:19|20)\d\d{_SP}/{_SP}[{_UP}])"
    rf"|/{_SP}(?:(?:19|20)\d\d{_SP}/{_SP})?[{_UP}][A-Za-zĐÐđƯƠÔÂĂÊ&]{{0,15}}\d{{0,2}}"
    rf")"
)
# Every SYMBOL_RE match holds a slash followed by a capital (the last slash before the codes),
# at most _SYM_BEFORE characters after the match starts and _SYM_AFTER before it ends. Slashes
# are rare and a literal is found at C speed, so the symbol pattern runs only around them.
_SLASH_CODE = re.compile(rf"/{_SP}[{_UP}]")
_SYM_BEFORE, _SYM_AFTER = 24, 24


def _symbol_matches(text: str, pos: int = 0, endpos: Optional[int] = None) -> Iterator[re.Match]:
    """``SYMBOL_RE.finditer(text, pos, endpos)``, only where a match can be: each match
    contains a slash hit, so it lies inside that hit's region, and overlapping regions are
    merged."""
    endpos = len(text) if endpos is None else endpos
    lo = hi = -1
    for m in _SLASH_CODE.finditer(text, pos, endpos):
        p = m.start()
        if hi < 0 or p - _SYM_BEFORE > hi:  # a new region
            if hi >= 0:
                yield from SYMBOL_RE.finditer(text, lo, min(hi, endpos))
            lo = max(pos, p - _SYM_BEFORE)
        hi = p + _SYM_AFTER
    if hi >= 0:
        yield from SYMBOL_RE.finditer(text, lo, min(hi, endpos))


def literal_anchors(words) -> dict[str, list[tuple[str, int]]]:
    """Rare literals to find ``words`` from: anchor -> [(word, offset of the anchor in it)].

    A word's anchor is what follows its first letter (the letter whose case varies: "uật"
    for Luật and luật, "háp lệnh" for Pháp lệnh), unless a shorter anchor already occurs in
    it ("Bộ luật" is found from "uật", three characters back). Derived from the word lists
    of vocab.yaml, so the anchors cannot drift from the grammar's terminals.
    """
    anchors: dict[str, list[tuple[str, int]]] = {}
    for w in sorted(set(words), key=lambda w: (len(w), w)):
        tail = w[1:]
        for a in anchors:
            k = w.find(a, 1)
            if k >= 0:
                anchors[a].append((w, k))
                break
        else:
            anchors[tail] = [(w, 1)]
    return anchors


@lru_cache(maxsize=1)
def _named_res() -> tuple[re.Pattern, ...]:
    """Named Party resolutions, plenums and congresses: "[Nn]ghị quyết Hội nghị…", one
    pattern per anchor of the named type words, each opening with that literal ("ghị quyết";
    a match starts one character earlier). The words that may follow are the grammar's
    (vocab.yaml ``named:``)."""
    v = load_vocab()
    # the meeting words have a plain space inside, which the parser's window may hold as a
    # look-alike ("Đại\u00a0hội")
    follow = "|".join(re.escape(w).replace("\\ ", SPACE_CLASS)
                      for w in sorted(v.named_words(), key=lambda w: (-len(w), w)))
    by_head: dict[str, tuple[set[str], set[str]]] = {}  # first word's tail -> (firsts, rests)
    for anchor, members in literal_anchors(v.named_type_spellings()).items():
        head, _, rest = anchor.partition(" ")
        firsts, rests = by_head.setdefault(head, (set(), set()))
        firsts.update(w[0] for w, k in members if k == 1)
        rests.add(rest)
    out = []
    for head, (firsts, rests) in sorted(by_head.items()):
        a = re.escape(head)
        # TYPE_WORD takes any blank inside a word ("Nghị  quyết")
        more = "|".join(r"\s+" + r"\s+".join(map(re.escape, r.split(" "))) if r else ""
                        for r in sorted(rests))
        cls = "".join(sorted(firsts))
        out.append(re.compile(rf"{a}(?<=[{cls}]{a})(?:{more})[ \t\u00a0]+(?={follow})"))
    return tuple(out)


def _named_starts(text: str, pos: int = 0, endpos: Optional[int] = None) -> Iterator[int]:
    endpos = len(text) if endpos is None else endpos
    res = _named_res()
    if len(res) == 1:
        for m in res[0].finditer(text, pos, endpos):
            yield m.start() - 1
        return
    yield from sorted({m.start() - 1 for rx in res for m in rx.finditer(text, pos, endpos)})

# A title in any case follows ("Bộ luật hình sự năm 1999"), but not "luật sư", "luật pháp".
_LAW_AFTER = r"[ \t\u00a0]+(?=\w)(?!sư\b|pháp\b|này\b|lệ\b)"


@lru_cache(maxsize=1)
def _law_re() -> re.Pattern:
    """Laws and codes by title: "Luật Đất đai 2013", "Bộ luật Hình sự 2015", "Luật Doanh
    nghiệp số …", "pháp lệnh Ngoại hối": the law words of vocab.yaml, as the grammar's
    LAW_WORD reads them."""
    return re.compile(rf"(?:{word_start(load_vocab().law_spellings())}){_LAW_AFTER}")


_Members = tuple[tuple[int, int, frozenset[str], frozenset[str], bool], ...]


@lru_cache(maxsize=1)
def _law_anchors() -> tuple[tuple[str, re.Pattern, int, _Members], ...]:
    """The same matches, found from the rarer middle of the words: "l" and "b" open a fifth
    of all Vietnamese words, "uật " almost only "luật". One pattern per anchor, each opening
    with a literal (an anchor of several words opens with its last, "lệnh", the rest looked
    behind for): an alternation would open with a class, which the engine tests character
    by character, several times slower than a literal search. With each pattern: its
    literal, how far the anchor starts before the match, and the words it finds as (offset of
    the anchor in them, length, first letters, spellings, whether they hold a space), the
    longest reach first.
    """
    out = []
    for anchor, members in literal_anchors(load_vocab().law_spellings()).items():
        head, _, last = anchor.rpartition(" ")
        if head:  # LAW_WORD's plain space, which the parser's window may hold as a look-alike
            behind = rf"(?<={re.escape(head)}{SPACE_CLASS}{re.escape(last)})"
            rx = re.compile(re.escape(last) + behind + _LAW_AFTER)
        else:
            rx = re.compile(re.escape(last) + _LAW_AFTER)
        groups: dict[tuple[int, int], set[str]] = {}
        for w, k in members:
            groups.setdefault((k, len(w)), set()).add(w)
        out.append((last, rx, len(head) + 1 if head else 0,
                    tuple((k, n, frozenset(w[0] for w in ws), frozenset(ws),
                           any(" " in w for w in ws))
                          for (k, n), ws in sorted(groups.items(), reverse=True))))
    return tuple(out)


def __getattr__(name: str):
    if name == "LAW_RE":  # the plain pattern, for tests and benchmarks
        return _law_re()
    raise AttributeError(name)


def _law_starts(text: str, pos: int = 0, endpos: Optional[int] = None):
    endpos = len(text) if endpos is None else endpos
    law_re = _law_re()
    runs = []
    for _literal, rx, shift, members in _law_anchors():
        found = [m.start() - shift for m in rx.finditer(text, pos, endpos)]
        if found:
            runs.append((found, members))
    if not runs:
        return
    if len(runs) == 1:
        hits: Iterable[tuple[int, _Members]] = ((p, runs[0][1]) for p in runs[0][0])
    else:
        hits = sorted(((p, ms) for ps, ms in runs for p in ps), key=lambda h: h[0])
    for p, members in hits:
        # the longest law word written there that reads as one (Bộ luật, else luật)
        for k, n, firsts, words, spaced in members:
            s = p - k
            if s < 0 or text[s] not in firsts:
                continue
            seg = text[s:s + n]
            if seg not in words and (not spaced or canonical_chars(seg) not in words):
                continue  # (a look-alike space inside "Bộ luật" is read as the parser reads it)
            if seg in ("luật", "Luật") and text[s - 5:s] in ("pháp ", "Pháp "):
                break  # "pháp luật": law in general
            mm = law_re.match(text, s)
            if mm:
                yield mm
                break


_MAX_BACK = 80  # type word + "số:" + a number list fit in this


#: After a short form's type word: a bare number that does not go on into a symbol or a
#: decimal (a comma or full stop after it is punctuation: "với Nghị định 49, những cửa hàng").
BARE_NUMBER = (r"[ \t\u00a0]+(?:số[ \t\u00a0]+)?\d{1,5}"
               r"(?![\d/\-\u2013]|[.,]\d|[ \t\u00a0]*[/\-\u2013][ \t\u00a0]*[\dA-ZĐ])")


@lru_cache(maxsize=1)
def _bare_parts() -> tuple[re.Pattern, ...]:
    """Short forms, a type word and a bare number ("Chỉ thị 35", "Nghị định 100", "NĐ 100"):
    one pattern per first letter. Each opens with a literal, which the engine finds several
    times faster than the class of all six first letters (measured: 0.05 s against 0.08 s
    on 20 MB of news, for the six passes together)."""
    v = load_vocab()
    by_first: dict[str, list[str]] = {}
    for w in list(v.short_forms) + list(v.short_types):
        by_first.setdefault(w[0], []).append(w)
    return tuple(re.compile(rf"(?:{word_start(ws)}){BARE_NUMBER}") for _, ws in sorted(by_first.items()))


def _bare_matches(text: str, pos: int = 0, endpos: Optional[int] = None) -> list[re.Match]:
    """The short forms in ``text``, in order, as one pattern's ``finditer`` would give them: a
    match that starts inside an earlier one is dropped (whole-word starts make that rare)."""
    endpos = len(text) if endpos is None else endpos
    hits = [m for rx in _bare_parts() for m in rx.finditer(text, pos, endpos)]
    if len(hits) < 2:
        return hits
    hits.sort(key=lambda m: m.start())
    out, end = [], -1
    for m in hits:
        if m.start() >= end:
            out.append(m)
            end = m.end()
    return out


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
        rf"(?<!\w)(?:(?:{words})[ \t\u00a0]+)?(?:[Ss]ố[ \t\u00a0]*(?::[ \t\u00a0]*)?)?"
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


_BLOCK = 1 << 16  # characters: with its UCS-2 copy, a block stays in the CPU's L2 cache


def blocks(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) blocks of about ``_BLOCK`` characters that no pattern match crosses.

    The finders make a dozen passes; over one long text each pass would stream it from
    memory again (a 50 MB file ran a third slower than the same text as articles), so the
    passes run block by block. A block ends at a full stop and a line break: no pattern
    matches across a line break except inside a type word ("Nghị\\nquyết"), and no type
    word ends with a full stop. A text without one is a single block.
    """
    n = len(text)
    if n <= _BLOCK:
        return ((0, n),)
    return _cut_blocks(text, n)


def _cut_blocks(text: str, n: int) -> Iterator[tuple[int, int]]:
    lo = 0
    while n - lo > _BLOCK:
        j = text.find(".\n", lo + _BLOCK)  # a two-character literal: found at memory speed
        if j < 0:
            break
        yield lo, j + 2
        lo = j + 2
    yield lo, n


def candidates(text: str, loose: bool = False) -> list[tuple[int, int, bool]]:
    """Candidate citations in ``text`` (a normalised view), in order: (window start, anchor,
    whether it is a law by title, which is a citation only with a number: a year or a symbol)."""
    out: list[tuple[int, int, bool]] = []
    for lo, hi in blocks(text):
        starts: list[tuple[int, int, bool]] = []
        for m in _symbol_matches(text, lo, hi):
            starts.append((_window_start(text, m.start(), loose), m.start(), False))
        for s in _named_starts(text, lo, hi):
            starts.append((s, s, False))
        for m in _law_starts(text, lo, hi):
            starts.append((m.start(), m.start(), True))
        for m in _bare_matches(text, lo, hi):
            starts.append((m.start(), m.start(), False))
        starts.sort()
        out += starts
    return out


_DIGIT = re.compile(r"\d")
# A law's title ends at a year, a date or "số" within its twenty-odd words.
_LAW_END = re.compile(r"[ \t](?:năm[ \t]+)?(?:19|20)\d\d\b|[ \t][Ss]ố[ \t]*:?[ \t]*\d|[ \t]ngày[ \t]+\d")


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
    v = v or view(text)
    vt = v.text
    out: list[Citation] = []
    covered = -1
    loose = is_official(vt)
    for start, anchor, law in candidates(vt, loose):
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
        for g in groups:
            if not g.refs:
                if g.congress and _LOCAL_AFTER.match(vt, start + g.end):
                    continue  # a local congress ("Đại hội XIII Đảng bộ Khối")
                if g.congress and g.issuer and g.issuer[0] != "Đảng":
                    continue
                if g.congress_numeric and not (g.issuer and g.issuer[0] == "Đảng"):
                    continue  # "Đại hội 12" alone may be anyone's twelfth congress
            if g.type_word is None and g.so_raw is None and all(
                    r.shape == "state_admin" and len(r.codes) < 2 for r in g.refs):
                continue  # "3/TTXVN": one code and no type word is too weak
            if any(r.shape in ("state_year", "crossed_year") and not 1945 <= (r.year or 0) <= 2100
                   for r in g.refs):
                continue
            if any(_PROSE_CODE.search(code) for r in g.refs for code in r.codes):
                continue  # "QCVN 08-MT:2015/BTNMT - Quy chuẩn": a word, not a code
            if g.type_word is None and _is_header(vt, start + g.start, start + g.end):
                continue  # "Số: 15/2019/QĐ-UBND": the document's own number, not a citation
            cits = group_citations(g, window, start, text, v.to_original)
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
        covered = start + length
    if problems is not None:
        _unparsed(vt, v, out, problems)
    return out


def is_official(vt: str) -> bool:
    """An official document (its motto or a "Số:" header at the top): lines are wrapped."""
    if vt.find("Hạnh phúc", 0, 3000) >= 0:
        return True
    return header_number(vt, 0, min(len(vt), 3000)) is not None
_LAW_CODES = ("L", "PL")


def _not_a_law(r) -> bool:
    """A symbol that no law carries: a type code other than a law's (4698/QĐ-BCT)."""
    if r.shape == "party":
        return True
    first = r.codes[0] if r.codes else ""
    return len(r.codes) > 1 and first not in _LAW_CODES and load_vocab().is_type_code(first)


# A document's own number in its header: "Số: 15/2019/QĐ-UBND" alone on its line (or after
# "Số:" on the line above), before a table cell or the place and date.
_HEADER_BEFORE = re.compile(r"(?:\A|\n)[ \t*|]*[Ss]ố[ \t]*:[ \t*]*(?:\r?\n[ \t*|]*)?\Z")
_HEADER_AFTER = re.compile(r"[ \t*]*(?:\||\r?\n|\Z|[^\n\d]{2,40}, ngày)")


def _is_header(vt: str, a: int, b: int) -> bool:
    return bool(_HEADER_BEFORE.search(vt, max(0, a - 40), a) and _HEADER_AFTER.match(vt, b))


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
    for m in _SO_NUMBER.finditer(vt, pos, endpos):
        s = m.start() - 1
        if s < last:
            continue
        w = before.search(vt, max(last, s - 40), s)
        if w:
            mm = full.match(vt, w.start())
            if mm:
                last = mm.end()
                yield mm


def _unparsed(vt: str, v: View, found: list[Citation], problems: list) -> None:
    spans = starts = None
    for m in _broken(vt):
        if spans is None:
            spans = sorted((c.symbol_span.start, c.symbol_span.end) for c in found if c.symbol_span)
            starts = [s for s, _ in spans]
        a, b = v.to_original(m.start()), v.to_original(m.end())
        k = bisect_right(starts, b) - 1
        if k >= 0 and spans[k][1] > a:
            continue  # a citation was read there
        problems.append((a, b))
