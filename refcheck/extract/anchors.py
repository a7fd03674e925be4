"""The scanner's anchors: the cheap patterns that find where a citation may start.

Each finder is a few compiled patterns that open with a literal or a class, so CPython's regex
engine skips ahead at C speed: symbols (around their slash), named Party resolutions
("Nghị quyết Hội nghị…"), laws by title (from the middle of "luật"), short forms ("Chỉ thị
35"). Split from extract/scan.py, which widens each hit into a window for the grammar.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator, Optional

from refcheck.text.literals import finditer_from
from refcheck.text.normalize import SPACE_CLASS, canonical_chars
from refcheck.notation.vocab import load_vocab

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
    rf"\d(?:(?<![\w/.:\-]\d)|(?<=số\d)|(?<=định\d)|(?<=ĐỊNH\d))\d{{0,4}}[a-z]?{_SP}(?:"
    rf"[{_DASHES}]{_SP}(?:[{_UP}][A-Za-zĐÐđ]{{0,5}}{_SP}/{_SP}[{_UP}]|(?:19|20)\d\d{_SP}/{_SP}[{_UP}])"
    rf"|/{_SP}(?:(?:19|20)\d\d{_SP}/{_SP})?[{_UP}][A-Za-zĐÐđƯƠÔÂĂÊ&]{{0,15}}\d{{0,2}}"
    rf")"
)
# Every SYMBOL_RE match holds a slash followed by a capital (the last slash before the codes),
# at most _SYM_BEFORE characters after the match starts and _SYM_AFTER before it ends. Slashes
# are rare and a literal is found at C speed, so the symbol pattern runs only around them.
# The same pass finds the slash before a year that ends a number-and-year citation ("Nghị
# định số 129/2016"): one search for slashes serves both.
_NUMBER_BEFORE = "|".join(rf"(?<=[ \t\u00a0]\d{{{k}}}/)" for k in range(1, 6))  # not "12/5/2017"
_SLASH_CODE = re.compile(rf"/(?:{_SP}[{_UP}]|(?:{_NUMBER_BEFORE})(?:19|20)\d\d(?![\d/]))")
_SYM_BEFORE, _SYM_AFTER = 24, 24


def _symbol_matches(text: str, pos: int = 0, endpos: Optional[int] = None,
                    years: Optional[list[int]] = None) -> Iterator[re.Match]:
    """``SYMBOL_RE.finditer(text, pos, endpos)``, only where a match can be: each match
    contains a slash hit, so it lies inside that hit's region, and overlapping regions are
    merged. ``years``, when given, receives the offsets of slashes before a bare year."""
    endpos = len(text) if endpos is None else endpos
    lo = hi = -1
    for m in finditer_from(_SLASH_CODE, "/", text, pos, endpos):
        p = m.start()
        if text[m.end() - 1].isdigit():
            if years is not None:
                years.append(p)
            continue
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
def _named_res() -> tuple[tuple[str, re.Pattern], ...]:
    """Named Party resolutions, plenums and congresses: "[Nn]ghị quyết Hội nghị…", one
    pattern per anchor of the named type words, each opening with that literal ("ghị quyết";
    a match starts one character earlier), given with it. The words that may follow are the
    grammar's (vocab.yaml ``named:``)."""
    v = load_vocab()
    # the meeting words have a plain space inside, which the parser's window may hold as a
    # look-alike ("Đại\u00a0hội")
    # ("lần thứ": "Nghị quyết lần thứ XII của Đảng", the congress named by its number alone)
    follow = "|".join(re.escape(w).replace("\\ ", SPACE_CLASS)
                      for w in sorted(v.named_words() + ["lần thứ"], key=lambda w: (-len(w), w)))
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
        # "Nghị quyết của Hội nghị lần thứ 7 Ban Chấp hành Trung ương Đảng (khóa XII)"
        out.append((head, re.compile(rf"{a}(?<=[{cls}]{a})(?:{more})[ \t\u00a0]+"
                                     rf"(?:của[ \t\u00a0]+)?(?={follow})")))
    return tuple(out)


def _named_starts(text: str, pos: int = 0, endpos: Optional[int] = None) -> Iterator[int]:
    endpos = len(text) if endpos is None else endpos
    res = _named_res()
    if len(res) == 1:
        for m in finditer_from(res[0][1], res[0][0], text, pos, endpos):
            yield m.start() - 1
        return
    yield from sorted({m.start() - 1 for lit, rx in res
                       for m in finditer_from(rx, lit, text, pos, endpos)})

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
    for literal, rx, shift, members in _law_anchors():
        found = [m.start() - shift for m in finditer_from(rx, literal, text, pos, endpos)]
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


# "Nghị định số 129/2016", "quyết định số 1338/2004 của Bộ Y tế": a number and a year after a
# type word in any case. Found from the slash before the year (slashes are rare, a literal is
# found at C speed), then the type word is looked for just before it.
_YEAR_SLASH = re.compile(rf"/(?:{_NUMBER_BEFORE})(?:19|20)\d\d(?![\d/])")
_NY_BACK = 64  # type word + "số:" + the number fit in this


@lru_cache(maxsize=1)
def _number_year_before() -> re.Pattern:
    from refcheck.notation.vocab import alternation

    words = alternation(load_vocab().type_spellings())
    return re.compile(rf"(?<!\w)(?:{words})[ \t\u00a0]+(?:[Ss]ố[ \t\u00a0]*:?[ \t\u00a0]*)?"
                      r"\d{1,5}[a-z]?\Z")


@lru_cache(maxsize=1)
def _last_words() -> frozenset[str]:
    """The words a type word ends with ("định", "tư", "NĐ"), and "số": what stands right
    before the number (most "/2017" are dates: "tháng 5/2017", "12/5/2017")."""
    words = {w.rsplit(" ", 1)[-1].casefold() for w in load_vocab().type_spellings()}
    return frozenset(words | {"số", "số:"})


_NOT_BLANK = re.compile(r"[^ \t\u00a0]+\Z")


def _number_year_starts(text: str, pos: int = 0, endpos: Optional[int] = None,
                        slashes: Optional[list[int]] = None) -> Iterator[int]:
    """Where a number-and-year citation's type word starts; ``slashes``: the slashes before
    a year (from :func:`_symbol_matches`), else searched for here."""
    endpos = len(text) if endpos is None else endpos
    if slashes is None:
        slashes = [m.start() for m in finditer_from(_YEAR_SLASH, "/", text, pos, endpos)]
    before = _number_year_before()
    last = _last_words()
    for s in slashes:
        j = s
        while j > pos and s - j < 6 and text[j - 1].isdigit():
            j -= 1
        if j == s or j - 1 <= pos or text[j - 1] not in " \t\u00a0":
            continue  # no number, or a date's day/month ("12/5/2017")
        k = j - 1
        while k > pos and text[k - 1] in " \t\u00a0":
            k -= 1
        word = _NOT_BLANK.search(text, max(pos, k - 12), k)
        if word is None or word.group().casefold() not in last:
            continue
        w = before.search(text, max(pos, s - _NY_BACK), s)
        if w:
            yield w.start()
