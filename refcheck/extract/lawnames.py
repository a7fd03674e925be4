"""Laws named without a year: bare titles the catalog knows, their abbreviations, the
abbreviations an article defines, and the later years of a list.

Real forms this was written from (../shared/data/news, baomoi 2017):
  theo quy định tại Điều 104 Bộ luật Hình sự.        Luật Cán bộ, công chức và Luật Viên chức
  vi phạm Điều 115 BLHS                               Luật BHXH, Luật Công đoàn
  bộ luật Tố tụng hình sự (BLTTHS năm 2003)           Luật Trách nhiệm bồi thường Nhà nước (TNBTNN)
  Luật Đất đai năm 2003 và 2013                       Bộ luật Hình sự (năm 1999, sửa đổi năm 2009)
The scanner reports a law by title only with a year, a date or a number; this finder adds the
titles that stand alone, and only those the catalog knows word for word (case and old tone
placement aside): "luật chơi", "luật Plus", "đúng luật" are prose, "Luật sư Nguyễn Văn A" a
lawyer, "dự thảo Luật Du lịch (sửa đổi)" a bill, "Luật Đầu tư nước ngoài" not "Luật Đầu tư".
A title must end where the sentence goes on with a word that no title holds (``ends`` in the
``law_names`` table of vocab.yaml) or with punctuation.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Optional, Protocol

from refcheck.extract.lawtitle import is_amending, title_words
from refcheck.model import Citation
from refcheck.text.literals import finditer_from, first

_SP = "[ \t\u00a0]"
# Each pattern opens with a literal, so the engine skips ahead (see scan.word_start).
_LUAT = re.compile(rf"uật(?<=[Ll]uật)(?<!\w[Ll]uật){_SP}+(?=\w)")
# "lệnh" is rarer than "háp" (biện pháp, tư pháp): the anchor opens with it
_LUAT_WRAPPED = re.compile(rf"uật(?<=[Ll]uật)(?<!\w[Ll]uật){_SP}*\r?\n{_SP}*(?=\w)")
_PHAP_LENH = re.compile(rf"lệnh(?<=[Pp]háp{_SP}lệnh)(?<!\w[Pp]háp{_SP}lệnh){_SP}+(?=\w)")
_BL = re.compile(r"BL(?<!\wBL)[A-ZĐ]{2,6}(?!\w)")
_NEXT_WORD = re.compile(rf"{_SP}*(?:,{_SP}*)?(\w+)")
_AFTER_WORD = re.compile(rf"{_SP}+(\w+)(?:{_SP}+(\w+))?")
_YEAR_AFTER = re.compile(rf"{_SP}+(?:năm{_SP}+)?((?:19|20)\d\d)(?![\d/])|{_SP}*\({_SP}*(?:năm{_SP}+)?((?:19|20)\d\d)(?!\d)")
_AMENDED_YEAR = re.compile(rf"{_SP}*\(?{_SP}*sửa{_SP}+đổi(?:,?{_SP}+bổ{_SP}+sung)?{_SP}*\)?{_SP}+"
                           rf"(?:năm{_SP}+)?((?:19|20)\d\d)(?![\d/])")
_BILL_AFTER = re.compile(rf"{_SP}*\(?{_SP}*sửa{_SP}+đổi")
# "(sau đây gọi tắt là BLHS)", "(viết tắt là …)", "(BLTTHS năm 2003)", "(TNBTNN)"
_DEFINITION = re.compile(
    rf"{_SP}*\({_SP}*(?:sau{_SP}+đây{_SP}*,?{_SP}*)?(?:(?:được{_SP}+)?(?:gọi{_SP}+tắt{_SP}+là|"
    rf"viết{_SP}+tắt{_SP}+là|gọi{_SP}+là){_SP}*:?{_SP}*)?[“\"]?((?:(?:Bộ{_SP}+)?[Ll]uật{_SP}+)?"
    rf"[A-ZĐ]{{2,10}})[”\"]?(?:{_SP}+(?:năm{_SP}+)?((?:19|20)\d\d))?{_SP}*[”\"]?\)")
_CAPS = re.compile(r"[A-ZĐ]{2,10}")
_DOTTED = re.compile(r"\.\w")
# The state's name between "Hiến pháp" and its year: "Hiến pháp nước Cộng hòa xã hội chủ nghĩa
# Việt Nam năm 1992" (baomoi/21471880), "Hiến pháp Việt Nam 2013".
# "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;" (every official text): the full
# name is part of the citation, year or not; "Việt Nam" alone only before a year.
_STATE_NAME = re.compile(rf"{_SP}+(?:của{_SP}+)?(?:nước{_SP}+)?(?:Cộng{_SP}+h(?:òa|oà){_SP}+xã{_SP}+hội"
                         rf"{_SP}+chủ{_SP}+nghĩa{_SP}+Việt{_SP}+Nam(?!\w)|Việt{_SP}+Nam(?!\w)"
                         rf"(?={_SP}*\(?{_SP}*(?:năm{_SP}+)?(?:19|20)\d\d))", re.IGNORECASE)
_NUMBERED_AFTER = re.compile(rf"[\s*]*(?:[Ss]ố{_SP}*:?{_SP}*\d|ngày{_SP}+\d)")


class Titles(Protocol):
    """What the finder needs of the catalog (catalog.lawnames.TitleIndex)."""

    types: dict[str, set[str]]
    display: dict[str, str]
    reach: dict[str, int]  # first word -> the most words a title opening with it has

    def title(self, words: tuple[str, ...]) -> Optional[str]: ...

    def exact_title(self, words: tuple[str, ...]) -> bool: ...

    def expand(self, group: str, letters: str) -> set[str]: ...


@lru_cache(maxsize=1)
def _tables() -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    from refcheck.notation.vocab import load_vocab

    checks = load_vocab().checks or {}
    t = checks.get("law_names") or {}
    return (frozenset(t.get("ends") or ()), tuple(t.get("not_after") or ()),
            tuple(checks.get("foreign_after") or ()))


@lru_cache(maxsize=1)
def _constitution() -> re.Pattern:
    """The constitution's word (the type of ``checks.constitution`` in vocab.yaml: "Hiến pháp"), as prose
    writes it; a passage in capitals reaches here recased (extract/caps)."""
    from refcheck.notation.vocab import load_vocab

    words = load_vocab().constitution_words()
    alts = [f"{_SP}+".join(map(re.escape, w.split())) for w in words]
    return re.compile(rf"(?:{'|'.join(alts)})(?!\w)" if alts else r"(?!x)x")


@lru_cache(maxsize=1)
def _constitution_heads() -> tuple[str, ...]:
    """The first word of each constitution word, for the cheap test that an article holds none."""
    from refcheck.notation.vocab import load_vocab

    return tuple(w.split()[0] for w in load_vocab().constitution_words())


@lru_cache(maxsize=1)
def _bills() -> re.Pattern:
    from refcheck.notation.vocab import load_vocab

    words = ((load_vocab().checks or {}).get("law_names") or {}).get("bills") or ()
    # "thông qua 11 dự án gồm", "cho ý kiến 9 dự án về": a number of bills
    return re.compile("|".join([re.escape(w) for w in words] + [r"\d+ dự án\b"]))


def _in_bill_list(text: str, start: int, lo: int) -> bool:
    """Whether the sentence up to ``start`` announces bills, and the title at ``start`` is
    not the law an amending bill amends ("… bổ sung một số điều của Luật Giáo dục")."""
    a = max(lo, start - 800)
    head = text[a:start]
    cut = max(head.rfind(". "), head.rfind("\n"))
    sentence = head[cut + 1:].casefold()
    return bool(_bills().search(sentence)) and not sentence.rstrip().endswith("của")


@lru_cache(maxsize=4096)
def _word(w: str) -> str:
    """One word as the title index keys it (title_words of a single word)."""
    t = title_words(w)
    return t[0] if t else w.lower()


def _key(title: str) -> str:
    return " ".join(title.split()).casefold()


class _Spans:
    """Spans already read (citations), to skip anchors inside them."""

    def __init__(self, citations: list[Citation]):
        self.spans = sorted((c.start, c.end) for c in citations)

    def covers(self, a: int) -> bool:
        k = bisect_right(self.spans, (a, 1 << 62)) - 1
        return k >= 0 and self.spans[k][1] > a

    def add(self, a: int, b: int) -> None:
        k = bisect_right(self.spans, (a, b))
        self.spans.insert(k, (a, b))


def law_names(text: str, citations: list[Citation], lo: int, hi: int,
              index: Optional[Titles]) -> list[Citation]:
    """The laws ``text[lo:hi]`` (one article) names without a year, date or number that the
    scanner did not read, as citations: ``named`` for the first mention of a title, ``bare``
    for a later one (it repeats the earlier citation)."""
    if index is None or hi <= lo:
        return []
    u = first("uật", text, lo, hi)  # (one search for both: each match opens with it)
    anchors = [] if u < 0 else [(m.start() - 1, m.end()) for m in _LUAT.finditer(text, u, hi)]
    wrapped = [] if u < 0 else [(m.start() - 1, m.end())
                                for m in _LUAT_WRAPPED.finditer(text, u, hi)]
    if wrapped and _official(text):  # "… một số điều của Luật⏎Dược;": a hard-wrapped line
        anchors += wrapped
    anchors += [(m.start() - 5, m.end()) for m in finditer_from(_PHAP_LENH, "lệnh", text, lo, hi)]
    if not anchors and first("BL", text, lo, hi) < 0 and not any(
            first(h, text, lo, hi) >= 0 for h in _constitution_heads()):
        return []  # most articles: no law word at all (found at C speed)
    anchors.sort()
    spans = _Spans(citations)
    out: list[Citation] = []
    for s, p in anchors:
        c = _titled(text, s, p, lo, hi, index)
        if c is not None and not spans.covers(c.start) and not spans.covers(s):
            out.append(c)
            spans.add(c.start, c.end)
    _definitions(text, sorted(citations + out, key=lambda c: c.start), out, spans, hi)
    out += _constitutions(text, lo, hi, spans)
    amending = [(c.start, c.end) for c in citations if c.kind == "named" and c.title
                and is_amending(c.title)]
    for m in finditer_from(_BL, "BL", text, lo, hi):
        # "dự án Luật sửa đổi, bổ sung một số điều của BLHS 2015" (baomoi/22377847): the code
        # inside an amending law's title is cited too (api drops one of the two: the amending
        # law when the catalog has no such law, else the code)
        inside = any(a < m.start() and m.end() <= b for a, b in amending)
        if spans.covers(m.start()) and not inside:
            continue
        c = _abbreviation(text, m.start(), m.end(), "Bộ luật", m.group()[2:], index, hi, m.group())
        if c is not None:
            out.append(c)
            spans.add(c.start, c.end)
    out += [y for y in list_years(text, sorted(out, key=lambda c: c.start), hi)
            if not spans.covers(y.start)]  # "Hiến pháp năm 1992 và 2013", "BLHS 1999, 2015"
    if not out:
        return []
    _repeats(citations, out)
    return sorted(out, key=lambda c: c.start)


def _official(text: str) -> bool:
    """An official document, whose lines are hard-wrapped (scan.is_official)."""
    from refcheck.extract.scan import is_official

    return is_official(text[:3000])


def _law_word(text: str, s: int, lo: int) -> tuple[int, str]:
    """Where the law word at ``s`` ("luật", "Pháp lệnh") really starts ("Bộ luật") and its type."""
    if text[s] in "Pp":
        return s, "Pháp lệnh"
    b = s - 1
    while b > lo and text[b - 1] in " \t\u00a0":
        b -= 1
    if b >= lo + 2 and b < s and text[b - 2:b] in ("Bộ", "bộ") and (b - 2 == lo or not text[b - 3].isalnum()):
        return b - 2, "Bộ luật"
    return s, "Luật"


def _titled(text: str, s: int, p: int, lo: int, hi: int, index: Titles) -> Optional[Citation]:
    ends, not_after, _ = _tables()
    m = _NEXT_WORD.match(text, p, hi)
    if m is None:
        return None
    first = m.group(1)
    w0 = _word(first)
    lawyer = w0 == "sư"
    if w0 == "luật":  # "Luật Luật sư"
        m2 = _NEXT_WORD.match(text, m.end(), hi)
        if m2 is None:
            return None
        m, first = m2, m2.group(1)
        w0 = _word(first)
    caps = bool(_CAPS.fullmatch(first)) or w0 == "các"
    reach = index.reach.get(w0, 0)
    if lawyer or not (reach or caps):
        return None  # "Luật sư Nguyễn Văn A": a lawyer; "luật chơi": no title opens so
    start, typ = _law_word(text, s, lo)
    before = text[max(lo, start - 16):start].lower()
    if typ == "Luật" and before.endswith(("pháp ", "pháp\u00a0")):
        return None  # "pháp luật": law in general
    if before.rstrip().endswith(not_after) or _in_bill_list(text, start, lo):
        return None  # "dự thảo Luật …" (a bill), "ngành Luật …" (a field of study)
    words, stops, raw = [w0], [m.end()], [first]
    q = m.end()
    limit = min(hi, q + 400)
    while len(words) < max(reach, 2):
        m = _NEXT_WORD.match(text, q, limit)
        if not m:
            break
        raw.append(m.group(1))
        words.append(_word(m.group(1)))
        stops.append(m.end())
        q = m.end()
    if _CAPS.fullmatch(first) or (words[0] in ("các",) and len(raw) > 1 and _CAPS.fullmatch(raw[1])):
        k = 0 if _CAPS.fullmatch(first) else 1
        group = "PL" if typ == "Pháp lệnh" else "L"
        return _abbreviation(text, start, stops[k], typ, raw[k], index, hi, group=group)
    for k in range(len(words), 0, -1):
        key = index.title(tuple(words[:k]))
        if key is not None:
            break
    else:
        return None
    types = index.types.get(key, set())
    if typ == "Pháp lệnh" and "Pháp lệnh" not in types:
        return None
    if typ != "Pháp lệnh" and not types & {"Luật", "Bộ luật"}:
        return None
    if (typ == "Luật" and types <= {"Bộ luật"} and text[start] == "l" and raw[0][:1].islower()):
        return None  # "luật hình sự", "luật dân sự": a branch of law, not the code
    e = stops[k - 1]
    title = " ".join(text[p:e].split())
    if not index.exact_title(tuple(words[:k])):  # matched without "và"/"của": the catalog's
        title = index.display.get(key, title)
    amended = _AMENDED_YEAR.match(text, e, hi)
    if amended:  # "Bộ luật Hình sự sửa đổi, bổ sung năm 2009", "Luật BHXH (sửa đổi) năm 2014"
        return Citation(text=text[start:amended.end()], start=start, end=amended.end(),
                        kind="named", type=typ, title=f"{title} sửa đổi",
                        year=int(amended.group(1)), system="state")
    if not _ends_here(text, e, hi, ends) or _NUMBERED_AFTER.match(text, e, hi):
        return None  # "Luật Ngân sách nhà nước⏎số 83/2015/QH13": the scanner's citation
    return _citation(text, start, e, typ, title, hi)


def _ends_here(text: str, e: int, hi: int, ends: frozenset[str]) -> bool:
    """Whether a title may end at ``e``: punctuation or the end of the line, a year, or a
    word no title holds; never "(sửa đổi)" or "sửa đổi" (a bill), nor a foreign law."""
    _, _, foreign = _tables()
    if e >= hi or text[e] in "\r\n":
        return True
    if _BILL_AFTER.match(text, e, hi):
        return False
    after = text[e:e + 40].lstrip(" \t\u00a0,")
    if any(after.startswith(w) for w in foreign):
        return False
    if _YEAR_AFTER.match(text, e, hi):
        return True
    m = _AFTER_WORD.match(text, e, hi)
    if m is None:
        return text[e] not in "-–"  # punctuation ends a title, a hyphen may join words
    one = m.group(1)
    if one == "Việt" and m.group(2) == "Nam":  # "Bộ luật Hình sự Việt Nam năm 1999"
        return _ends_here(text, m.end(), hi, ends)
    if one[:1].isdigit() or not one[:1].islower():
        return False  # "Luật Thương mại Quốc tế", "Bộ luật Hình sự Liên bang Nga"
    two = f"{one} {m.group(2)}" if m.group(2) else ""
    return one in ends or two in ends


def _citation(text: str, start: int, e: int, typ: str, title: str, hi: int) -> Citation:
    year = None
    m = _YEAR_AFTER.match(text, e, hi)
    if m:
        year = int(m.group(1) or m.group(2))
        e = m.end()
    return Citation(text=text[start:e], start=start, end=e, kind="named", type=typ,
                    title=title, year=year, system="state")


def _abbreviation(text: str, start: int, e: int, typ: str, letters: str, index: Titles,
                  hi: int, written: Optional[str] = None, group: str = "BL") -> Optional[Citation]:
    """"BLHS", "Luật BHXH": the title the abbreviation stands for, or, when two laws share
    it, the abbreviation itself (found, resolved to neither)."""
    ends, _, _ = _tables()
    keys = index.expand(group, letters)
    amended = _AMENDED_YEAR.match(text, e, hi) if len(keys) == 1 else None
    if not keys or not (amended or _ends_here(text, e, hi, ends)) or _DOTTED.match(text, e, hi):
        return None  # "Luật TP.HCM": a name, not an abbreviation
    title = index.display.get(next(iter(keys)), letters) if len(keys) == 1 else (written or letters)
    if amended:  # "Luật BHXH (sửa đổi) năm 2014"
        title, e = f"{title} sửa đổi", amended.start(1) - 1
    if len(keys) == 1:
        types = index.types.get(next(iter(keys)), set())
        if group == "BL":
            typ = "Bộ luật"
        elif typ == "Luật" and types <= {"Bộ luật"}:
            typ = "Bộ luật"
    return _citation(text, start, e, typ, title, hi)


def _definitions(text: str, cites: list[Citation], out: list[Citation], spans: _Spans,
                 hi: int) -> None:
    """"Bộ luật hình sự (BLHS)", "(sau đây gọi tắt là BLHS)": the abbreviation names that law
    in the rest of the article; a year inside ("(BLTTHS năm 2003)") is the version's."""
    defs: list[tuple[str, Citation, int]] = []
    for c in cites:
        if not c.title or c.type not in ("Luật", "Bộ luật", "Pháp lệnh"):
            continue
        m = _DEFINITION.match(text, c.end, hi)
        if not m:
            continue
        abbr = _CAPS.search(m.group(1)).group()
        if m.group(2) and c.year is None and c in out:
            c.year = int(m.group(2))
            c.end = m.end()
            c.text = text[c.start:c.end]
            spans.add(c.start, c.end)
        spans.add(m.start(1), m.end())  # "(BLHS)" itself is the definition, not a citation
        defs.append((abbr, c, m.end()))
    for abbr, c, after in defs[:16]:
        rx = re.compile(rf"(?<!\w)(?:(?:[Bb]ộ{_SP}+)?[Ll]uật{_SP}+)?{re.escape(abbr)}(?!\w)")
        for m in rx.finditer(text, after, hi):
            a = m.start()
            clash = [x for x in out if x.start <= a < x.end]
            if spans.covers(a) and not clash:
                continue
            for x in clash:  # a catalog abbreviation at the same place: the definition wins
                out.remove(x)
            year_m = _YEAR_AFTER.match(text, m.end(), hi)
            e = year_m.end() if year_m else m.end()
            year = int(year_m.group(1) or year_m.group(2)) if year_m else None
            out.append(Citation(text=text[a:e], start=a, end=e, kind="named" if year else "bare",
                                type=c.type, title=c.title, year=year or None, system="state"))
            spans.add(a, e)


def _constitutions(text: str, lo: int, hi: int, spans: _Spans) -> list[Citation]:
    """"Hiến pháp năm 2013", "theo Hiến pháp": the constitution, resolved by its year (the
    catalog's rows come from data/sources/constitutions.tsv). Not "dự thảo Hiến pháp" (a
    draft) nor a foreign one ("Hiến pháp Mỹ", lower case "hiến pháp Romania")."""
    _, not_after, foreign = _tables()
    from refcheck.notation.vocab import load_vocab

    const = (load_vocab().checks or {}).get("constitution") or {}
    out: list[Citation] = []
    if not any(first(h, text, lo, hi) >= 0 for h in _constitution_heads()):
        return out  # (each match opens with one of them)
    for m in _constitution().finditer(text, lo, hi):
        a, e = m.start(), m.end()
        if (a > lo and text[a - 1].isalnum()) or spans.covers(a):
            continue
        before = text[max(lo, a - 16):a]
        if before[before.rfind("\n") + 1:].lower().rstrip().endswith(not_after):
            continue  # (a word of the line before, "… HIẾN PHÁP⏎⏎Hiến pháp", is not "pháp Hiến")
        after = text[e:e + 40].lstrip(" \t\u00a0,")
        if any(after.startswith(w) for w in foreign):
            continue
        year = None
        named = _STATE_NAME.match(text, e, hi)
        if named:
            e = named.end()
        # "Hiến pháp sửa đổi năm 2013 đã được Quốc hội khóa XIII … thông qua" (nvsk.vnanet.vn)
        y = _YEAR_AFTER.match(text, e, hi) or _AMENDED_YEAR.match(text, e, hi)
        if y:
            year, e = int(y.group(1) or y.group(2)), y.end()
        elif not named:
            nxt = _AFTER_WORD.match(text, e, hi)
            if nxt and nxt.group(1)[:1].isupper() and nxt.group(1) != "Việt":
                continue  # "Hiến pháp Romania"
        out.append(Citation(text=text[a:e], start=a, end=e, kind="named", type=const.get("type"),
                            title=const.get("title"), year=year, system="state"))
        spans.add(a, e)
    return out


def _repeats(citations: list[Citation], out: list[Citation]) -> None:
    """A title without a year after a citation of the same title is a short form of it."""
    seen: list[tuple[int, str]] = sorted((c.start, _key(c.title)) for c in citations + out
                                         if c.title and c.kind in ("named", "symbol"))
    for c in out:
        if c.kind != "named" or c.year is not None or not c.title:
            continue
        k = _key(c.title)
        if any(s < c.start and t == k for s, t in seen):
            c.kind = "bare"


def list_years(text: str, citations: list[Citation], hi: int) -> list[Citation]:
    """"Luật Đất đai năm 2003 và 2013", "Bộ luật Dân sự 2005, 2015": one citation per year
    after a law cited by title and year (the later items' spans are their years)."""
    out: list[Citation] = []
    for c in citations:
        if c.kind != "named" or not (c.title or c.type == "Hiến pháp") or c.year is None:
            continue
        e = c.end
        while True:
            m = _LIST_YEAR.match(text, e, hi)
            if not m:
                break
            y = int(m.group(1))
            out.append(Citation(text=m.group(1), start=m.start(1), end=m.end(1), kind="named",
                                type=c.type, title=c.title, year=y, system="state"))
            e = m.end()
    return out


_LIST_YEAR = re.compile(rf"{_SP}*(?:,|và|;){_SP}*(?:năm{_SP}+)?((?:19|20)\d\d)(?![\d/])")
