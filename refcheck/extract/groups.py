"""Parse tree -> citation groups -> ``Citation``s.

A window's tree (extract/grammar.parse_prefix) is one citation group after another: a type
word with its symbols, a law by title, a named plenum or congress, and the details that
follow (date, issuer, khóa). :func:`build_groups` walks the tree into :class:`Group`s, which
the scanner filters (local congresses, prose codes), and :func:`group_citations` turns a
group into ``Citation``s, with the symbol read by notation/symbols as the catalog reads it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from refcheck.extract.loose import (  # noqa: F401  (is_*, fixed_issuer_code re-exported)
    fixed_issuer_code, is_number_year, is_old_dash, number_year, old_dash, set_date, set_issuer)
from refcheck.model import Citation, Span
from refcheck.notation.symbols import canonical_parts, format_symbol
from refcheck.notation.vocab import load_vocab
from refcheck.text.roman import from_roman, to_roman


@dataclass
class Ref:
    """One symbol as the tree holds it (a list "18, 19-NQ/TW" is one Ref, two numbers)."""

    shape: str  # party | state_year | state_admin | crossed_year
    numbers: list[tuple[int, str]]  # (value, digits as written)
    year: Optional[int]
    codes: list[str]
    start: int
    end: int
    date: Optional[tuple] = None  # (d, m, y, start, end, raw)
    issuer: Optional[tuple] = None  # (body, raw, start, end)
    khoa: Optional[list[str]] = None
    khoa_span: Optional[tuple[int, int]] = None
    closed: bool = False  # later details do not belong to it


@dataclass
class Group:
    """A type word and what follows it: symbols, a law's title, a plenum or congress."""

    start: int
    type_word: Optional[str] = None
    type_span: Optional[tuple[int, int]] = None
    so_span: Optional[tuple[int, int]] = None
    so_raw: Optional[str] = None
    refs: list[Ref] = field(default_factory=list)
    plenum: Optional[int] = None
    plenums: list[int] = field(default_factory=list)  # "Trung ương 6, 7": one citation each
    congress: Optional[str] = None
    bare: Optional[list[tuple[int, str]]] = None  # short form: Chỉ thị 35
    bare_year: Optional[int] = None  # "Nghị định 34 năm 2016": a number and its year in words
    congress_numeric: bool = False  # "Đại hội 12": trusted only with "của Đảng"
    local: Optional[str] = None  # "Đảng bộ tỉnh": a local Party committee's congress
    law_title: Optional[str] = None
    law_year: Optional[int] = None
    named_end: int = 0
    date: Optional[tuple] = None
    issuer: Optional[tuple] = None
    khoa: Optional[list[str]] = None
    khoa_span: Optional[tuple[int, int]] = None
    end: int = 0


def _tokens(tree) -> list:
    """The tokens under ``tree``, in order (an explicit stack: trees are shallow but many).
    A Lark ``Token`` is a ``str`` and a ``Tree`` is not: no lark import here."""
    out = []
    stack = [tree]
    while stack:
        t = stack.pop()
        if isinstance(t, str):
            out.append(t)
        else:
            stack.extend(reversed(t.children))
    return out


def _span(tree) -> tuple[int, int]:
    toks = _tokens(tree)
    return toks[0].start_pos, toks[-1].end_pos


def _int(tok) -> int:
    """The number of a NUM token; "30a" (Nghị quyết 30a/2008/NQ-CP) is 30."""
    v = str(tok)
    return int(v[:-1]) if v[-1:].isalpha() else int(v)


def _numlist(tree) -> list[tuple[int, str]]:
    return [(_int(t), t.value) for t in _tokens(tree) if t.type == "NUM"]


def _ref(tree) -> Ref:
    toks = _tokens(tree)
    numbers = _numlist(tree.children[0])
    rest = [t for t in tree.children[1:] if getattr(t, "type", None) == "NUM"]
    codes = [t.value for t in toks if t.type == "CODE"]
    start, end = toks[0].start_pos, toks[-1].end_pos
    year = _int(rest[0]) if rest else None
    return Ref(tree.data, numbers, year, codes, start, end)


def _date(tree) -> tuple:
    dmy = next(c for c in tree.children if getattr(c, "data", None) == "dmy")
    nums = [t for t in _tokens(dmy) if t.type == "NUM"]
    ds, de = _span(dmy)
    return (_int(nums[0]), _int(nums[1]), _int(nums[2]), ds, de, nums[2].value)


def _ordinal(tree, vocab) -> int:
    tok = _tokens(tree)[0]
    if tok.type == "NUM":
        return _int(tok)
    return vocab.ordinals.get(tok.value, 0)


@lru_cache(maxsize=1)
def _named_spellings() -> frozenset[str]:
    return frozenset(load_vocab().named_type_spellings())


def build_groups(tree) -> list[Group]:
    vocab = load_vocab()
    groups: list[Group] = []
    items = [(tree.children[0], False)] + [
        (c.children[-1], any(getattr(x, "type", None) == "SO" for x in c.children))
        for c in tree.children[1:]]
    for part, own_so in items:
        kind = part.data
        s, e = _span(part)
        if kind == "typed_ref":
            tw = part.children[0]
            g = Group(start=tw.start_pos, type_word=vocab.canonical_type(tw.value),
                       type_span=(tw.start_pos, tw.end_pos))
            so = [c for c in part.children if getattr(c, "type", None) == "SO"]
            if so:
                g.so_span = (so[0].start_pos, so[0].end_pos)
                g.so_raw = so[0].value
            g.refs.append(_ref(part.children[-1]))
            groups.append(g)
        elif kind == "named":
            tw = part.children[0]
            if " ".join(tw.value.split()) not in _named_spellings():
                continue  # "Kết luận Trung ương 4", "NQ TW4": only the named types (vocab.yaml)
            g = Group(start=tw.start_pos, type_word=vocab.canonical_type(tw.value),
                       type_span=(tw.start_pos, tw.end_pos))
            sub = part.children[-1]
            if sub.data == "plenum":
                g.plenums = _plenums(sub, vocab)
                g.plenum = g.plenums[0] if g.plenums else None
            else:
                local = [t for t in _tokens(sub) if t.type == "LOCAL_PARTY"]
                if local:  # "Đại hội Đảng bộ tỉnh lần thứ XIX": a local committee's congress
                    g.local = re.sub(r"^[Đđ]ại biểu\s+", "", " ".join(local[0].value.split()))
                toks = [t for t in _tokens(sub) if t.type in ("ROMAN", "ORD_WORD", "NUM")]
                t = toks[-1]
                if t.type == "ROMAN":
                    g.congress = t.value
                elif t.type == "NUM":
                    g.congress, g.congress_numeric = to_roman(_int(t)), True
                else:
                    g.congress = to_roman(vocab.ordinals[t.value])
            g.named_end = e
            groups.append(g)
        elif kind == "loose_congress":
            # "Nghị quyết lần thứ XII của Đảng": the congress, trusted only with "của Đảng"
            tw = part.children[0]
            if " ".join(tw.value.split()) not in _named_spellings():
                continue
            g = Group(start=tw.start_pos, type_word=vocab.canonical_type(tw.value),
                       type_span=(tw.start_pos, tw.end_pos), congress_numeric=True)
            t = [t for t in _tokens(part) if t.type in ("ROMAN", "ORD_WORD", "NUM")][-1]
            g.congress = (t.value if t.type == "ROMAN" else to_roman(_int(t)) if t.type == "NUM"
                          else to_roman(vocab.ordinals[t.value]))
            g.named_end = e
            groups.append(g)
        elif kind == "bare":
            tw = part.children[0]
            g = Group(start=tw.start_pos, type_word=vocab.canonical_type(tw.value),
                       type_span=(tw.start_pos, tw.end_pos),
                       bare=_numlist([ch for ch in part.children if hasattr(ch, "data")][-1]))
            year = part.children[-1]
            if getattr(year, "type", None) == "NUM" and re.fullmatch(r"(?:19|20)\d\d", year.value):
                g.bare_year = int(year.value)
            g.named_end = e
            groups.append(g)
        elif kind == "law":
            tw = part.children[0]
            g = Group(start=tw.start_pos, type_word=vocab.canonical_type(tw.value),
                       type_span=(tw.start_pos, tw.end_pos))
            for ch in part.children[1:]:
                if getattr(ch, "type", None) == "LAW_TITLE":
                    g.law_title = " ".join(ch.value.split())
                elif getattr(ch, "type", None) == "SO":
                    g.so_span, g.so_raw = (ch.start_pos, ch.end_pos), ch.value
                elif getattr(ch, "data", None) == "law_year":
                    g.law_year = _int([t for t in _tokens(ch) if t.type == "NUM"][0])
                elif hasattr(ch, "data"):
                    g.refs.append(_ref(ch))
            g.named_end = e
            groups.append(g)
        elif kind in ("party", "state_year", "state_admin", "crossed_year", "year_dash", "year_slash"):
            r = _ref(part)
            if not groups:
                groups.append(Group(start=r.start))
            if own_so:  # "… và số 2100/QĐ-CT ngày …": what follows is this one's alone
                for prev in groups[-1].refs:
                    prev.closed = True
            groups[-1].refs.append(r)
        elif not groups:
            continue
        elif kind == "date":
            d = _date(part)
            _attach(groups[-1], "date", d)
        elif kind == "issuer":
            toks = _tokens(part)
            body_toks = [t for t in toks if t.type in ("BODY", "BO_TRUONG")]
            raw = " ".join(t.value for t in body_toks)
            body = vocab.canonical_body(body_toks[-1].value)
            _attach(groups[-1], "issuer", (body, raw, body_toks[0].start_pos, body_toks[-1].end_pos))
        elif kind == "khoa":
            romans = _khoas(part)
            if romans:
                _attach(groups[-1], "khoa", romans, (s, e))
        elif kind in ("plenum", "of_plenum"):
            if kind == "of_plenum":
                part = part.children[-1]
            groups[-1].plenums = _plenums(part, vocab)
            groups[-1].plenum = groups[-1].plenums[0] if groups[-1].plenums else None
        groups[-1].end = max(groups[-1].end, e)
    for g in groups:
        g.end = max(g.end, g.named_end, *(r.end for r in g.refs)) if g.refs else max(g.end, g.named_end)
    return groups


def _plenums(tree, vocab) -> list[int]:
    """The plenum numbers of a ``plenum`` tree: "Trung ương 6, 7" -> [6, 7], "Trung ương IV"
    -> [4], "Hội nghị … lần thứ tư" -> [4]."""
    out: list[int] = []
    for ch in tree.children:
        data = getattr(ch, "data", None)
        if data == "plenum_nos":
            out += [_int(t) for t in _tokens(ch) if t.type == "NUM"]
        elif data == "ordinal":
            out.append(_ordinal(ch, vocab))
        elif getattr(ch, "type", None) == "NUM":
            out.append(_int(ch))
        elif getattr(ch, "type", None) == "ROMAN":
            n = from_roman(ch.value)
            if n:
                out.append(n)
    return [n for n in out if 0 < n <= 30]


def _khoas(tree) -> list[str]:
    """The terms of a ``khoa`` tree as Roman numerals: "khóa XI và XII", "khóa 12" -> XII."""
    out = []
    for t in _tokens(tree):
        if t.type == "ROMAN":
            out.append(t.value)
        elif t.type == "NUM" and 1 <= _int(t) <= 20:
            out.append(to_roman(_int(t)))
    return out


def _attach(g: Group, attr: str, value, span=None) -> None:
    """A date/issuer/khóa after a list of symbols belongs to each of them that has none yet
    ("18-NQ/TW và 19-NQ/TW ngày 25/10/2017"), except that a date is shared only by symbols of
    the same series as the last one: in "1956/KL-CT và 2100/QĐ-CT ngày 19-9-2016" the date is
    the decision's."""
    if not g.refs:
        if attr == "khoa" and g.khoa:  # "Trung ương 4 khóa XI, khóa XII": both terms
            value = g.khoa + [k for k in value if k not in g.khoa]
        setattr(g, attr, value)
        if span:
            g.khoa_span = span
        return
    last = g.refs[-1]
    for r in g.refs:
        if getattr(r, attr) is not None or r.closed:
            continue
        if attr == "date" and r is not last and r.codes != last.codes:
            continue
        setattr(r, attr, value)
        if span:
            r.khoa_span = span


def group_citations(g: Group, window_text: str, offset: int, original: str, to_orig) -> list[Citation]:
    """Turn a parsed group into citations; spans are mapped into the original text."""
    out: list[Citation] = []

    def osp(a: int, b: int) -> Span:
        return Span(to_orig(offset + a), to_orig(offset + b))

    if g.bare is not None and not g.refs:  # short form: Chỉ thị 35; Nghị quyết 18 và 19
        span = osp(g.start, g.end)
        for number, _digits in g.bare:
            c = Citation(text=original[span.start:span.end], start=span.start, end=span.end,
                         kind="bare", type=g.type_word, number=number, plenum=g.plenum,
                         khoa=(g.khoa or [None])[0], year=g.bare_year if len(g.bare) == 1 else None)
            if g.date:
                set_date(c, g.date, osp, original)
            set_issuer(c, g.issuer, osp)
            out.append(c)
        return out
    if g.law_title and not g.refs:  # a law by its title and year: Luật Đất đai 2013
        span = osp(g.start, g.end)
        c = Citation(text=original[span.start:span.end], start=span.start, end=span.end,
                     kind="named", type=g.type_word, year=g.law_year, title=g.law_title,
                     system="state")
        if g.date:
            set_date(c, g.date, osp, original)
        return [c] if g.law_year or g.date else []
    if not g.refs:  # named reference: a plenum or a congress
        khoas = g.khoa or [None]
        span = osp(g.start, g.end)
        for k in khoas:  # "Nghị quyết Trung ương 6, 7 khóa XII", "… 4 khóa XI và XII": each
            for p in g.plenums or [g.plenum]:
                c = Citation(text=original[span.start:span.end], start=span.start, end=span.end,
                             kind="named", type=g.type_word, khoa=k, plenum=p,
                             congress=g.congress, system="party")
                set_issuer(c, g.issuer, osp)
                if g.local:
                    c.issuer = c.issuer_raw = g.local
                out.append(c)
        return out

    for i, r in enumerate(g.refs):
        start = g.start if i == 0 else r.start
        # A citation runs to the end of its own symbol and the details attached to it; in a
        # list the later members' own spans start at their symbol.
        end = max([r.end] + [x for x in ((r.date or (0,) * 5)[4], (r.issuer or (0,) * 4)[3],
                                          (r.khoa_span or (0, 0))[1]) if x])
        if (g.law_year is not None or g.plenum is not None) and len(g.refs) == 1:
            end = max(end, g.end)  # "Luật … số 68/2014/QH13", "… Hội nghị Trung ương 6 khóa XII"
        span = osp(start, end)
        if r.shape == "number_year":
            out.extend(number_year(g, r, i, span, osp, original))
            continue
        if r.shape == "old_dash":
            out.extend(old_dash(g, r, span, osp, original))
            continue
        # One canonical form, shared with the catalog (notation/symbols): type and issuer
        # code, system, crossed notation and the symbol itself.
        if r.shape == "year_dash" and len(r.codes) < 2:
            # "Thông tư 02/2017 - BYT": the type code left out, the issuer's written
            out.extend(number_year(g, r, i, span, osp, original, r.codes[0] if r.codes else None))
            continue
        if r.shape in ("year_dash", "year_slash"):  # 134/2016-NĐ-CP, 19/2001/CT/UB: a dash for
            r.shape = "state_year"  # a slash or the reverse; RC102 offers the symbol as written
        if r.shape in ("state_year", "state_admin") and len(r.codes) == 1:
            r.codes = _unglued(g.type_word, r.codes)
        first = canonical_parts(r.shape, r.numbers[0][1], r.year, r.codes)
        type_code, issuer_code, system = first.type_code, first.issuer_code, first.system
        crossed = first.crossed
        # The Government's yearly resolutions carry a dash before the year officially
        # (19-2017/NQ-CP, 11 independent articles of baomoi 2017): a State symbol so written
        # is not crossed notation; it is kept as written.
        dash_year = r.shape == "crossed_year" and system == "state"
        if dash_year:
            crossed = False
        sym_span = osp(r.start, r.end)
        for number, digits in r.numbers:
            sp = first if digits == r.numbers[0][1] else canonical_parts(r.shape, digits, r.year,
                                                                         r.codes)
            c = Citation(text=original[span.start:span.end], start=span.start, end=span.end,
                         kind="symbol", type=g.type_word, number=number, year=sp.year,
                         type_code=type_code, issuer_code=issuer_code, system=system,
                         crossed=crossed, plenum=g.plenum,
                         type_inherited=bool(g.type_word) and (i > 0 or number != r.numbers[0][0]))
            c.number_suffix = sp.suffix or None
            c.symbol = sp.symbol
            c.symbol_span = sym_span
            c.symbol_raw = original[sym_span.start:sym_span.end]
            if dash_year:
                c.crossed = False
                c.symbol = sp.symbol.replace("/", "-", 1)
            elif len(r.numbers) == 1 and not crossed:
                # the symbol as written, spelling mended but "&" kept (BGD&ĐT, before 2011)
                w = canonical_parts(r.shape, digits, r.year, r.codes, drop_amp=False)
                written = format_symbol(r.shape, number, r.year, w.type_code, w.issuer_code,
                                        number_text=digits)
                if c.symbol_raw.replace("*", "") != written:  # (emphasis inside is not a slip)
                    c.spelling.append((sym_span, written))
            if i == 0 and g.so_raw and ":" in g.so_raw:
                so = osp(*g.so_span)
                c.spelling.append((so, "số"))
            c.title = g.law_title
            if c.type is None and i == 0 and type_code:
                c.type = _qualified_type(original, span.start, type_code)
            date = r.date
            if date:
                set_date(c, date, osp, original)
            set_issuer(c, r.issuer, osp)
            khoa = r.khoa
            if khoa:
                c.khoa = khoa[0]
            out.append(c)
    return out


def _unglued(type_word: Optional[str], codes: list[str]) -> list[str]:
    """"Nghị định số 61/2018/NĐCP" (official 101, PDF text whose hyphens are lost): one code
    that is no code of vocab.yaml but the written type's code glued to a known issuer code
    reads as the two ("NĐ", "CP"); the symbol as written then differs, and RC102 offers the hyphen."""
    v = load_vocab()
    code, word = codes[0], v.canonical_type(type_word)
    if word is None or v.is_type_code(code) or code in v.issuer_exact:
        return codes
    for tc, words in v.code_of_type.items():
        if word in words and len(code) > len(tc) and code.startswith(tc) and code[len(tc):] in v.issuer_exact:
            return [tc, code[len(tc):]]
    return codes


@lru_cache(maxsize=256)
def _qualified_rx(type_code: str) -> Optional[re.Pattern]:
    words = [w for w, codes in load_vocab().types.items() if type_code in codes]
    if not words:
        return None
    alt = "|".join(re.escape(w[0]) + "(?i:" + re.escape(w[1:]) + ")" for w in words)
    # the type word, one or two words that qualify it, "số": at the end of the text before
    return re.compile(rf"(?<!\w)(?P<w>(?:{alt}))[ \t\r\n*]+[^\W\d]+(?:[ \t]+[^\W\d]+)?"
                      r"[ \t\r\n*]+[Ss]ố[ \t]*:?[ \t]*\Z")


def _qualified_type(original: str, at: int, type_code: str) -> Optional[str]:
    """The type word of a symbol read without one because a qualifier stands between them
    ("Báo cáo thẩm tra số 18/BC-HĐND-KTNS", "Kế hoạch\nhành động số 469-KH/TU":
    tests/data/official 028, 051): only a type word whose code the symbol carries."""
    rx = _qualified_rx(type_code)
    m = rx.search(original, max(0, at - 60), at) if rx else None
    return load_vocab().canonical_type(m.group("w")) if m else None

