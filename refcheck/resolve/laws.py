"""Laws named by title ("Luật Đất đai năm 2013", "BLHS 2015", "Luật … ngày 19 tháng 6 năm
2015"): the version meant, and the tables of titles, years and amendments that find it.

Why apart from symbols: a title is no number; its versions are read from the catalog's law
titles (exact, loose, abbreviated, amended), built once per catalog.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from refcheck.catalog.lawnames import by_expanded_title, resolve_undated
from refcheck.model import Citation, Document, Resolution
from refcheck.resolve.core import same_type


def _law_year(d: Document) -> Optional[int]:
    return d.year or (int(d.date[:4]) if d.date else None)


def resolve_law(c: Citation, catalog, article_date: Optional[str] = None,
                floor: Optional[str] = None, charged: bool = False) -> Resolution:
    """A law named by its title and year, or by its title and date of adoption ("Luật Tổ chức
    Chính phủ ngày 19 tháng 6 năm 2015"): the version adopted then. With no law of that
    title, ``near`` holds the laws of that year whose title is contained in the written one
    or contains it ("Luật Bảo vệ trẻ em năm 2016" for Luật Trẻ em, 2016)."""
    # A title never holds a date: "Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015".
    title = TITLE_DATE.sub("", c.title) if c.title else c.title
    versions = law_versions(catalog, title, c.type)
    if not versions and title:  # abbreviations by initials, old tone placement (HĐND, Uỷ ban)
        versions = [d for d in laws_titled(catalog, title) if not c.type or same_type(c.type, d.type)]
    if not versions and title:  # "BLHS 2015", "Luật BHYT sửa đổi năm 2014"
        versions = by_expanded_title(c, title, catalog, law_versions, law_amendments)
        if isinstance(versions, Resolution):
            return versions
    if c.date is None and c.year is None:  # "Luật Đất đai", "BLHS": the version in force
        return resolve_undated(c, versions, catalog, article_date, floor, charged)
    if c.date and c.year is None:  # "Luật … ngày 19 tháng 6 năm 2015": the version of that day
        match = [d for d in versions if d.date == c.date] or [  # or that year's, held with no day
            d for d in versions if not d.date and law_year(d) == int(c.date[:4])]
    else:
        match = [d for d in versions if law_year(d) == c.year]
    res = Resolution(match, in_scope=bool(versions) or _surely_a_law(c, catalog),
                     how="title" if match else "", certain=bool(match))
    if not match and c.date and versions:
        res.near = versions  # RC401 lists their dates
        return res
    if not versions and c.title and c.year and not _TWO_LAWS.search(c.title.casefold()):
        words = loose_title(title).split()
        same, near = [], []
        for d in law_tables(catalog).by_year.get(c.year, ()):
            known = loose_title(d.title).split()
            if _prefix(known, words) or _prefix(words, known):
                same.append(d)  # "Luật Ngân sách năm 2002"; "Luật Sở hữu trí tuệ được … thông qua"
            elif _contains(set(words), set(known)):
                near.append(d)  # "Luật Bảo vệ trẻ em năm 2016" for Luật Trẻ em
        if len(same) == 1:
            return Resolution(same, in_scope=True, how="title", certain=True)
        if near:
            res.in_scope, res.near = True, near
    return res


def _prefix(a: list, b: list) -> bool:
    return (len(a) >= 2 or a == b) and len(a) <= len(b) and b[:len(a)] == a


law_year = _law_year
_TWO_LAWS = re.compile(r"\b(?:và|,)\s+(?:bộ )?luật\b")
TITLE_DATE = re.compile(r"\s+ngày\s+\d.*$")


def _contains(a: set, b: set) -> bool:
    small = a if len(a) <= len(b) else b
    return len(small) >= 2 and (a <= b or b <= a)


def loose_title(title: str, drop_country: bool = True) -> str:
    """A law title as people write it: case, commas and "và" do not count, nor a trailing
    "Việt Nam" ("Phòng cháy chữa cháy" = "Phòng cháy và chữa cháy"; "phòng chống" =
    "phòng, chống"; "Hàng không dân dụng" = "Hàng không dân dụng Việt Nam")."""
    from refcheck.catalog.index import law_title_key

    t = law_title_key(title).replace(",", " ")
    t = re.sub(r"\b(?:và|các)\b", " ", t)
    if drop_country:
        t = re.sub(r"\s+việt nam\s*$", "", t)
    return " ".join(t.split())


def amended_titles(title: Optional[str]) -> list[str]:
    """The loose titles an amending law amends: "Sửa đổi, bổ sung một số điều của Luật Thuế
    giá trị gia tăng, Luật Thuế tiêu thụ đặc biệt và Luật Quản lý thuế" -> three titles."""
    from refcheck.catalog.index import law_title_key

    if not title:
        return []
    m = _AMENDS.match(law_title_key(title))
    if not m:
        return []
    parts = re.split(r",\s*(?=(?:bộ )?luật |pháp lệnh )|\s+và\s+(?=(?:bộ )?luật |pháp lệnh )", m.group(1))
    # "… của Bộ luật Hình sự số 100/2015/QH13": the amended law's number is not its title
    return [loose_title(re.sub(r"\s+số\s+\S+$", "", re.sub(r"^(?:(?:bộ )?luật|pháp lệnh) ", "", p.strip())))
            for p in parts if p.strip()]


def amends_before(text: str, start: int) -> bool:
    """Whether the law title at ``start`` is the object of an amending law's title ("Luật sửa
    đổi, bổ sung một số điều của Luật X …"): the year or date that follows is the amending law's."""
    return bool(_AMENDED_HERE.search(text[max(0, start - 200):start].casefold()))


# "Sửa đổi điều 10 của Pháp lệnh Dân số" (08/2008/PL-UBTVQH12, laws.tsv) amends without "bổ sung";
# ordinances are amended as laws are ("… của Pháp lệnh Ngoại hối", 06/2013/UBTVQH13).
_AMENDED_HERE = re.compile(r"sửa đổi(?:,? bổ sung)?[^.;]*\bcủa\s*(?:[^.;]*\b(?:và|,)\s*)?$")


_AMENDS = re.compile(r"(?:luật |pháp lệnh )?sửa đổi(?:,? bổ sung)?.*?\bcủa ((?:(?:bộ )?luật|pháp lệnh) .+)$")


def law_versions(catalog, title: Optional[str], type_word: Optional[str] = None) -> list[Document]:
    """Every version of the law ``title`` names: by its exact title, else its loose title."""
    if catalog is None or not title:
        return []
    versions = catalog.laws_by_title(title) or list(law_tables(catalog).by_loose.get(loose_title(title, False), ()))
    if type_word:
        versions = [d for d in versions if same_type(type_word, d.type)]
    return versions


def law_amendments(catalog, title: Optional[str]) -> list[Document]:
    """The laws that amend the law ``title`` names (each is a version of it)."""
    if catalog is None or not title:
        return []
    return list(law_tables(catalog).amendments.get(loose_title(title), ()))


@dataclass
class LawTables:
    by_year: dict[int, list[Document]]
    by_loose: dict[str, list[Document]]
    amendments: dict[str, list[Document]]
    omnibus: dict[int, list[Document]]  # "… của các luật về thuế", "… của 37 luật …", by year


_LAW_TABLES: dict[int, tuple[object, LawTables]] = {}
_OMNIBUS = re.compile(r"sửa đổi.*\bcủa (?:các|\d+) luật\b")


def omnibus_amendments(catalog, year: Optional[int]) -> list[Document]:
    """Laws of ``year`` that amend laws they do not name ("… của 37 luật có liên quan đến quy
    hoạch"): any law may have a version that year."""
    if catalog is None or not year:
        return []
    return list(law_tables(catalog).omnibus.get(year, ()))


def law_tables(catalog) -> LawTables:
    """Laws by year, by loose title and by the title they amend, built once per catalog (the
    catalog indexes laws by exact title only)."""
    hit = _LAW_TABLES.get(id(catalog))
    if hit is not None and hit[0] is catalog:
        return hit[1]
    from refcheck.catalog.index import LAW_TYPES

    t = LawTables({}, {}, {}, {})
    for d in catalog.documents:
        if d.type not in LAW_TYPES or not d.title:
            continue
        if _OMNIBUS.search(d.title.casefold()) and _law_year(d):
            t.omnibus.setdefault(_law_year(d), []).append(d)
            continue
        amended = amended_titles(d.title)
        for key in amended:
            t.amendments.setdefault(key, []).append(d)
        y = _law_year(d)
        if not amended and y:
            t.by_year.setdefault(y, []).append(d)
        if not amended:
            t.by_loose.setdefault(loose_title(d.title, False), []).append(d)
    if len(_LAW_TABLES) > 4:
        _LAW_TABLES.clear()
    _LAW_TABLES[id(catalog)] = (catalog, t)
    return t


def laws_titled(catalog, title: str) -> list[Document]:
    """The versions of the law titled ``title``: by its exact title, else loosely (commas,
    "và", old tone placement, abbreviations such as HĐND or NSNN; see lawtitle.loose_equal)."""
    found = catalog.laws_by_title(title)
    if found or not hasattr(catalog, "law_title_keys"):
        return found
    memo = _LOOSE.get(id(catalog))
    if memo is None or memo[0] is not catalog:
        memo = _LOOSE[id(catalog)] = (catalog, {}, _title_buckets(catalog))
    _, seen, buckets = memo
    if title not in seen:
        from refcheck.extract.lawtitle import first_initial, title_tokens, tokens_equal

        toks = title_tokens(title)
        keys = [k for k, kt in buckets.get(first_initial(toks), ()) if tokens_equal(toks, kt)]
        seen[title] = keys[0] if len(keys) == 1 else None
        if len(seen) > 4096:
            seen.clear()
    key = seen.get(title)
    return catalog.laws_by_title(key) if key else []


def _title_buckets(catalog) -> dict:
    """The catalog's law titles as tokens, by the initial of their first word (built once)."""
    from refcheck.extract.lawtitle import first_initial, title_tokens

    out: dict[str, list] = {}
    for k in catalog.law_title_keys():
        t = title_tokens(k)
        out.setdefault(first_initial(t), []).append((k, t))
    return out


_LOOSE: dict[int, tuple] = {}


def _surely_a_law(c: Citation, catalog) -> bool:
    """A title the catalogs do not know is still a law's when it is dated in full ("Luật
    Phòng thủ dân sự ngày 20 tháng 6 năm 2023", the form of every "Căn cứ" line) or amends a
    law they know: reported unverifiable rather than dropped."""
    from refcheck.extract.lawtitle import amended_titles as inner_titles, is_amending

    if not c.title or catalog is None:
        return False
    if is_amending(c.title):
        return any(laws_titled(catalog, t) for t in inner_titles(c.title))
    # the official form: "ngày 20 tháng 6 năm 2023" in words, a capitalised title
    return (bool(c.date) and "tháng" in (c.date_raw or "") and c.title[:1].isupper()
            and (c.type or "")[:1].isupper())
