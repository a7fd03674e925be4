"""Laws by title alone: the titles and abbreviations the catalog knows, and the version of a
law in force on a day.

News names laws without a year ("theo quy định của Luật Đất đai", "Điều 104 BLHS", "Luật
BHXH"). Such a title is a citation only when the catalog knows it (the word "luật" alone is
prose: "luật chơi", "đúng luật"), and abbreviations are derived here from the catalog's titles
(initials of the type word and the title: BLHS, BLTTDS, "Luật BHXH"), never typed one by one.
An abbreviation two laws share names neither. Which version is meant comes from the article's
date and the catalog's dates of adoption and entry into force; where those do not say, none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from refcheck.extract.lawtitle import amended_titles, initials, is_amending, title_words
from refcheck.model import Document, Resolution

_SKIPPABLE = frozenset(("và", "của", "các"))

#: abbreviation groups: a code's abbreviation opens with "BL" (BLHS), a law's is written after
#: the word "Luật" ("Luật BHXH"), an ordinance's after "Pháp lệnh".
_GROUP = {"Bộ luật": "BL", "Luật": "L", "Pháp lệnh": "PL"}


@dataclass
class TitleIndex:
    """Built once per catalog: every non-amending law title by its words, and every
    abbreviation its initials give."""

    exact: dict[tuple[str, ...], str] = field(default_factory=dict)  # words -> title key
    types: dict[str, set[str]] = field(default_factory=dict)  # title key -> law words
    display: dict[str, str] = field(default_factory=dict)  # title key -> the catalog's title
    abbr: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (group, folded) -> keys
    abbr_exact: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # Đ kept
    reach: dict[str, int] = field(default_factory=dict)  # first word -> longest title's length

    loose: dict[tuple[str, ...], set[str]] = field(default_factory=dict)  # words without và/của/các -> keys
    folded: dict[tuple[str, ...], set[str]] = field(default_factory=dict)  # words without marks -> keys

    def title(self, words: tuple[str, ...]) -> Optional[str]:
        """The title key these words are, exactly, else once "và", "của", "các" are set
        aside ("Hôn nhân gia đình", "Trách nhiệm bồi thường Nhà nước") if one law fits, else
        with one word's marks mistyped (:meth:`typo`)."""
        key = self.exact.get(words)
        if key is None and words and words[-1] not in _SKIPPABLE:  # never "… xã hội và"
            keys = self.loose.get(tuple(w for w in words if w not in _SKIPPABLE), ())
            key = next(iter(keys)) if len(keys) == 1 else self.typo(words)
        return key

    def typo(self, words: tuple[str, ...]) -> Optional[str]:
        """The one title these words spell with one word's tone or vowel marks wrong ("Bảo
        về môi trường", baomoi/22296561: Bảo vệ môi trường), in titles of three words or more
        (two-word titles are too close to prose and to each other)."""
        if len(words) < _TYPO_MIN_WORDS:
            return None
        keys = self.folded.get(tuple(_unmarked(w) for w in words), ())
        if len(keys) != 1:
            return None
        key = next(iter(keys))
        known = title_words(key)
        return key if sum(a != b for a, b in zip(known, words)) == 1 else None

    def exact_title(self, words: tuple[str, ...]) -> bool:
        return words in self.exact

    def expand(self, group: str, letters: str) -> set[str]:
        """The title keys an abbreviation may stand for ("BL", "HS" -> {"hình sự"}): as
        written ("LĐ" is Lao động), else with Đ read as D ("BLLD")."""
        from refcheck.extract.lawtitle import fold_letters

        return (self.abbr_exact.get((group, letters.upper()))
                or self.abbr.get((group, fold_letters(letters)), set()))


_TYPO_MIN_WORDS = 3


@lru_cache(maxsize=8192)
def _unmarked(word: str) -> str:
    """A word without its tone and vowel marks, đ as d ("về", "vệ" -> "ve")."""
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFD", word)
                   if not unicodedata.combining(ch)).replace("đ", "d")


_MEMO: dict[int, tuple[object, TitleIndex]] = {}


def title_index(catalog) -> Optional[TitleIndex]:
    """The catalog's :class:`TitleIndex` (memoised per catalog object)."""
    if catalog is None or not hasattr(catalog, "law_title_keys"):
        return None
    hit = _MEMO.get(id(catalog))
    if hit is not None and hit[0] is catalog:
        return hit[1]
    ix = TitleIndex()
    for key in catalog.law_title_keys():
        if is_amending(key):
            continue
        docs = catalog.laws_by_title(key)
        words = title_words(key)
        if not words or not docs:
            continue
        ix.exact.setdefault(words, key)
        ix.loose.setdefault(tuple(w for w in words if w not in _SKIPPABLE), set()).add(key)
        ix.folded.setdefault(tuple(_unmarked(w) for w in words), set()).add(key)
        types = ix.types.setdefault(key, set())
        types.update(d.type for d in docs if d.type)
        ix.display.setdefault(key, docs[0].title or key)
        ix.reach[words[0]] = max(ix.reach.get(words[0], 0), len(words))
        # "Luật sư" (65/2006/QH11): the key dropped the title's own first word as if it were
        # the type word; its initials are the whole title's ("Luật LS 2006", baomoi/22524717)
        own = title_words(docs[0].title or "")
        awords = own if len(own) > len(words) and own[-len(words):] == words else words
        for t in types:
            group = _GROUP.get(t)
            if group is None:
                continue
            for table, fold in ((ix.abbr, True), (ix.abbr_exact, False)):
                for letters in initials(awords, fold):
                    table.setdefault((group, letters), set()).add(key)
                    if group == "BL":  # "Luật TTHS" for a code, as for a law
                        table.setdefault(("L", letters), set()).add(key)
    if len(_MEMO) > 4:
        _MEMO.clear()
    _MEMO[id(catalog)] = (catalog, ix)
    return ix


#: Of the 285 laws in data/sources/laws.tsv dated both ways, none took effect more than 816
#: days after its adoption (Luật Tiếp cận thông tin 2016); three years is a safe bound.
_EFFECT_WITHIN_DAYS = 3 * 365


def in_force(versions: list[Document], day: str) -> Optional[Document]:
    """The version in force on ``day``: the latest adopted by then that has taken effect.
    A version whose entry into force the catalog does not give is in force once three years
    have passed since its adoption; before that it decides nothing, unless it is the only one."""
    from datetime import date

    adopted = sorted((d for d in versions if d.date and d.date <= day), key=lambda d: d.date)
    while adopted:
        last = adopted[-1]
        if last.effective:
            if last.effective <= day:
                return last
            adopted.pop()  # adopted, not yet in force: its predecessor still is
            continue
        age = (date.fromisoformat(day) - date.fromisoformat(last.date)).days
        return last if len(adopted) == 1 or age > _EFFECT_WITHIN_DAYS else None
    return None


def resolve_undated(c, versions: list[Document], catalog, article_date: Optional[str],
                    floor: Optional[str] = None, charged: bool = False) -> Resolution:
    """A law named by its title alone ("Luật Đất đai", "BLHS"): the version in force on the
    article's date, or the only version the catalog has when the article has no date. Always a
    guess (``certain=False``): no check holds it against the text. ``charged``: the title is
    the law of a charge (:func:`charged_under`)."""
    versions = [d for d in versions if d.title and not is_amending(d.title)]
    if not versions:
        ix = title_index(catalog)
        shared = bool(ix and c.title and _ambiguous(ix, c))
        # an abbreviation two laws share: found, named neither
        return Resolution([], in_scope=shared, how="ambiguous" if shared else "", certain=False)
    if article_date:
        if not any(d.date and d.date <= article_date for d in versions):
            # every version is later than the article: it names a bill ("Luật Chăn nuôi" in
            # 2017), not a law; dropped like a title the catalog does not know
            return Resolution([], in_scope=False, how="bill", certain=False)
        d = in_force(versions, article_date)
        return Resolution([d] if d else [], in_scope=True, how="in-force", certain=False)
    if len(versions) == 1:
        return Resolution(list(versions), in_scope=True, how="only-version", certain=False)
    d = in_force_after(versions, floor, pending_blocks=not charged) if floor else None
    if d is not None:
        return Resolution([d], in_scope=True, how="in-force-inferred", certain=False, inferred=floor)
    return Resolution([], in_scope=True, how="version-unknown", certain=False)


#: An undated article is written on or after the day its text shows (text/datefloor), how
#: long after is unknown: the version in force then is named only when no other version can
#: have come into force within this many days of that day. A bound from a year (1 January:
#: a year the text names, a cited symbol's year) is looser than a reported day, so it is held
#: twice as long. Measured on the news corpus (bench/undated_versions.py): a day's bound held
#: 365 days, not 730, adds 8 right picks and no wrong one.
FLOOR_WINDOW_DAYS = 730
_DAY_WINDOW_DAYS = 365


def in_force_after(versions: list[Document], floor: str, pending_blocks: bool = True) -> Optional[Document]:
    """The version in force on ``floor`` if it stays so for the window after it (above), else
    ``None``. A later version adopted within the window blocks it, even when it takes effect
    after the window (the article may speak of it: "BLHS" in the 2017 debate on the 2015
    code); with ``pending_blocks`` false only one in force within the window does (a charge
    is brought under the code in force, :func:`charged_under`)."""
    from datetime import date, timedelta

    d = in_force(versions, floor)
    if d is None:
        return None
    window = FLOOR_WINDOW_DAYS if floor.endswith("-01-01") else _DAY_WINDOW_DAYS
    horizon = (date.fromisoformat(floor) + timedelta(days=window)).isoformat()
    for v in versions:
        if v is not d and v.date and (v.effective or v.date) > floor and v.date >= (d.date or "") \
                and (v.date if pending_blocks else v.effective or v.date) <= horizon:
            return None  # a newer version, adopted by then, may be the one the article means
    return d


# "về tội Giết người, theo khoản 1 Điều 93 BLHS", "tội làm giả con dấu … (Điều 267 BLHS)",
# "tội “Hiếp dâm trẻ em”, theo khoản 4, Điều 112-BLHS"; not "tội phạm" (crime in general:
# "các tội phạm … quy định tại Điều 389 BLHS" of the 2015 code, in a debate on it).
_CHARGE = re.compile(r"(?<!\w)tội(?![ \t]+phạm)[^.;\n]{0,80}?Điều[ \t]+\d+[a-zđ]?[ \t]*[-,(]?[ \t]*$",
                     re.IGNORECASE)


def charged_under(text: str, start: int) -> bool:
    """Whether the law named at ``start`` follows a charge and its article ("về tội X theo
    Điều N"): one is charged under the code in force, never under one adopted and not yet in
    force, so a version that takes effect only after an undated article's window does not
    block the one in force (baomoi/21511709, 22401304, 21511449 of dev set 3: the 1999 code,
    the 2015 one adopted, in force from 2018)."""
    return bool(_CHARGE.search(text, max(0, start - 120), start))


def _ambiguous(ix: TitleIndex, c) -> bool:
    letters = c.title.replace(" ", "")
    if not letters.isupper():
        return False
    group = "BL" if c.type == "Bộ luật" else "PL" if c.type == "Pháp lệnh" else "L"
    if group == "BL" and letters.startswith("BL"):
        letters = letters[2:]  # "BLxx" written alone
    return len(ix.expand(group, letters)) > 1


_SUFFIX = re.compile(r"^(.+?)[ \t]*\(?sửa[ \t]+đổi(?:,?[ \t]+bổ[ \t]+sung)?\)?$", re.IGNORECASE)
_LETTERS = re.compile(r"[A-ZĐ]{2,10}")


def amended_suffix(title: str) -> tuple[str, bool]:
    """"Bảo hiểm y tế sửa đổi" -> ("Bảo hiểm y tế", True): the law as amended, the form
    "Luật X sửa đổi năm Y" names the amending law of year Y."""
    m = _SUFFIX.match(title)
    return (m.group(1), True) if m else (title, False)


def expand_title(catalog, title: str, type_word: Optional[str]) -> Optional[str]:
    """The catalog title an abbreviation stands for ("BHYT" -> "Bảo hiểm y tế"), when only
    one law has those initials; or the one a title with one word's marks mistyped spells."""
    ix = title_index(catalog)
    letters = title.replace(" ", "")
    if ix is not None and not _LETTERS.fullmatch(letters):  # "Bảo về và phát triển rừng"
        key = ix.typo(title_words(title))
        return ix.display.get(key) if key else None
    if ix is None:
        return None
    group = "BL" if type_word == "Bộ luật" else "PL" if type_word == "Pháp lệnh" else "L"
    keys = ix.expand(group, letters)
    return ix.display.get(next(iter(keys))) if len(keys) == 1 else None


def versions_named_in_article(citations: list, resolutions: list[Resolution], catalog,
                              article_date: Optional[str]) -> None:
    """A title alone takes the version the same article names with its year: "Bộ luật hình
    sự (BLHS)" … "BLHS 2015" … "BLHS" in a 2017 debate on the 2015 code is that code, though
    the 1999 one was in force. Only when the article names exactly one version of that law
    (dated by the article's date, when it has one)."""
    from refcheck.catalog.index import law_title_key

    ix = title_index(catalog)
    if ix is None:
        return
    named: dict[str, dict[str, Document]] = {}
    for c, r in zip(citations, resolutions):
        if c.title and (c.year or c.date) and len(r.documents) == 1 and r.certain:
            d = r.documents[0]
            if d.title and not is_amending(d.title) and (not article_date or (d.date or "") <= article_date):
                named.setdefault(law_title_key(d.title), {})[d.id] = d
    if not named:
        return
    for i, (c, r) in enumerate(zip(citations, resolutions)):
        if not c.title or c.year or c.date or c.kind not in ("named", "bare"):
            continue
        key = ix.title(title_words(c.title))
        found = named.get(key or "")
        if found and len(found) == 1:
            resolutions[i] = Resolution(list(found.values()), in_scope=True,
                                        how="article-version", certain=False)


def by_expanded_title(c, title: str, catalog, versions_of, amendments_of):
    """Versions of a law written by its abbreviation ("BLHS 2015": resolve.law_versions of
    the catalog title), or, for "Luật X sửa đổi năm Y", the Resolution: the amending law of
    that year, else the revised version of that year."""
    if c.year and is_amending(title):
        return _amending_by_inner_year(c, title, catalog, versions_of, amendments_of)
    base, amending = amended_suffix(title)
    full = expand_title(catalog, base, c.type) or base
    if amending and c.year:
        whole = versions_of(catalog, full, c.type)
        hits = [d for d in amendments_of(catalog, full) + whole
                if (d.year or int((d.date or "0")[:4])) == c.year][:1]
        return Resolution(hits, in_scope=bool(hits or whole), how="title" if hits else "",
                          certain=bool(hits))
    return versions_of(catalog, full, c.type) if full != title else []


def _amending_by_inner_year(c, title: str, catalog, versions_of, amendments_of) -> list[Document] | Resolution:
    """"Luật sửa đổi, bổ sung một số điều của Bộ luật Hình sự 2015" (baomoi 22388457, the 2017
    bill): no amending law of that year amends the code, so the year is the amended code's;
    the citation names that version (``how`` "amended-law", a guess: the text may mean the
    amending law, 12/2017/QH14 "… của Bộ luật Hình sự số 100/2015/QH13")."""
    inner = amended_titles(title)
    if len(inner) != 1:
        return []
    year = c.year
    if any(_year(d) == year for d in amendments_of(catalog, inner[0])):
        return []  # an amending law of that year: its title, as written, is not the catalog's
    hits = [d for d in versions_of(catalog, inner[0]) if d.title and not is_amending(d.title)
            and _year(d) == year]
    if len(hits) != 1:
        return []
    return Resolution(hits, in_scope=True, how="amended-law", certain=False)


def _year(d: Document) -> Optional[int]:
    return d.year or (int(d.date[:4]) if d.date else None)


def unpick_bills(text: str, start: int, end: int, citations: list, resolutions: list[Resolution]) -> None:
    """A version picked from an inferred bound is dropped when the article also names that
    law as a bill ("dự án Luật Du lịch (sửa đổi)", "dự thảo Luật Du lịch"): "các hành vi cấm
    trong Luật Du lịch" may then mean the bill, not the version in force at the bound."""
    body = None
    bill: dict[str, bool] = {}  # one search per distinct written title: linear in the article
    for i, (c, r) in enumerate(zip(citations, resolutions)):
        if r.how != "in-force-inferred":
            continue
        if body is None:
            body = text[start:end].casefold()
        key = " ".join(c.text.casefold().split())
        if key not in bill:
            name = re.escape(key).replace(r"\ ", r"\s+")
            bill[key] = bool(re.search(rf"(?:dự\s+án|dự\s+thảo)\s+{name}(?!\w)|(?<!\w){name}\s*\(?\s*sửa\s+đổi", body))
        if bill[key]:
            resolutions[i] = Resolution([], in_scope=True, how="version-unknown", certain=False)


# "Luật sửa đổi, bổ sung một số điều của Bộ luật Hình sự số 100/2015/QH13" (baomoi/22242567,
# 22300897 and 20 more of 2017): the number after the inner title is the inner law's.
_AMENDING_OPEN = re.compile(r"(?:[Ll]uật\s+|[Dd]ự\s+án\s+[Ll]uật\s+)?[Ss]ửa\s+đổi")
_INNER_LAW = re.compile(r"(?:[Bb]ộ\s+)?[Ll]uật\s+|[Pp]háp\s+lệnh\s+")


def inner_symbols(citations: list, resolutions: list, text: str) -> None:
    """An amending law's title followed by a symbol ("Luật sửa đổi, bổ sung một số điều của
    Bộ luật Hình sự số 100/2015/QH13"): when the symbol is a law that amends nothing, it is the
    inner law's own number, so the citation is of the inner law and starts at its title; the
    amending law's title must not take that symbol. A symbol of an amending law ("… của Bộ luật
    Hình sự số 12/2017/QH14") keeps the whole span."""
    for c, res in zip(citations, resolutions):
        if c.kind != "symbol" or len(res.documents) != 1 or c.symbol_span is None:
            continue
        d = res.documents[0]
        if not d.title or is_amending(d.title) or not _AMENDING_OPEN.match(text, c.start):
            continue
        inner = [m for m in _INNER_LAW.finditer(text, c.start + 1, c.symbol_span.start)]
        if not inner:
            continue
        a = inner[-1].start()
        if title_words(text[inner[-1].end():c.symbol_span.start])[:2] != title_words(d.title)[:2]:
            continue  # the words before the number are not that law's title
        c.start, c.type = a, d.type or c.type
        c.text = text[a:c.end]
