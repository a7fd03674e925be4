"""Citation + article date + catalog -> Resolution (one document, several, or none).

Every lookup is an index hit on the catalog; nothing here scans the catalog's entries.
Numbers restart: Party numbers every term (khóa), State administrative numbers (no year in
the symbol: 13/CT-TTg) every calendar year. So a symbol alone is not a key. A citation is
narrowed by, in order: the date written next to it (a document of another term or year is
another document, not a misdated one), the khóa written next to it, the type word (Quy định
and Quyết định share QĐ), and finally the article's date (the latest such document issued by
then). What is only a guess is marked ``certain=False`` so that no check holds it against the
text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from refcheck.model import Citation, Document, Resolution
from refcheck.catalog.lawnames import FLOOR_WINDOW_DAYS, by_expanded_title, resolve_undated
from refcheck.catalog.numbers import is_number_year, number_year_candidates
from refcheck.catalog.plenums import plenum_at, plenum_at_bound
from refcheck.extract.loose import is_old_dash
from refcheck.extract.shortforms import link_short_forms
from refcheck.notation.vocab import load_vocab


def _type_variants(type_code: Optional[str]) -> tuple[Optional[str], ...]:
    # News often drops the "i" of the 2018-era QĐi series, and the reverse.
    if type_code == "QĐ":
        return ("QĐ", "QĐi")
    if type_code == "QĐi":
        return ("QĐi", "QĐ")
    return (type_code,)


def candidates(c: Citation, catalog) -> list[Document]:
    if c.kind == "named":
        if c.congress:
            return catalog.congress(c.congress)
        if c.plenum and c.khoa:
            return catalog.plenum(c.khoa, c.plenum)
        return []
    if c.number is None:
        return []
    if is_number_year(c):
        return number_year_candidates(c, catalog)
    if c.number_suffix:  # 30a/2008/NQ-CP is not 30/2008/NQ-CP: only the symbol finds it
        return catalog.by_symbol(c.symbol)
    out: list[Document] = []
    for tc in _type_variants(c.type_code):
        out.extend(catalog.lookup(tc, c.number, c.issuer_code))
    if not out and is_old_dash(c):  # "Nghị định số 28-CP": the catalog's old symbols have no type code
        out = [d for d in catalog.lookup(None, c.number, c.issuer_code)
               if not c.type or same_type(c.type, d.type)]
    if c.year is not None:
        # A catalog entry without a year in its symbol (85/NĐ-CP, from a source that dropped
        # it) is the cited document only when it is dated that year and no entry carries the
        # year: "85/2013/NĐ-CP ngày 29/7/2013" is not the 85/NĐ-CP of 25/5/2007.
        dated = [d for d in out if d.year == c.year]
        out = dated or [d for d in out if d.year is None and (not d.date or d.date[:4] == str(c.year))]
    if c.type_code is None and c.type:
        # Without a type code (80/2015/QH13) the type word is the only evidence of the type:
        # a "Nghị quyết 99/2015/QH13" is not the law numbered 99/2015/QH13.
        out = [d for d in out if _same_type(c.type, d.type)]
    return out


def same_type(cited: str, catalog_type: Optional[str]) -> bool:
    """Whether a document of ``catalog_type`` may be cited under the type word ``cited``."""
    v = load_vocab()
    return catalog_type is None or v.same_kind(cited, catalog_type) or v.is_generic(cited)


_same_type = same_type  # the old private name, for callers not yet moved


def restarts_yearly(c: Citation) -> bool:
    """State administrative numbers without a year in the symbol (13/CT-TTg) restart yearly."""
    return c.system == "state" and c.year is None


_restarts_yearly = restarts_yearly


def pinned(c: Citation, res: Resolution) -> bool:
    """Whether the text itself names the one document ``res`` holds: a date or khóa written
    next to it chose it, or its number never restarts (30/2020/NĐ-CP). A document picked by
    the article's date, or the only one the catalog knows of a number that restarts every
    term or year, is a guess: a contradiction with it is a warning ("if X is meant"), since
    the text may mean another document the catalog lacks."""
    if len(res.documents) != 1 or not res.certain:
        return False
    if res.how in ("date", "date-period", "khoa", "title", "plenum", "named"):
        return True
    return not (c.system == "party" or restarts_yearly(c))


def _period(c: Citation, d: Document, catalog, when: str) -> bool:
    """Whether ``d`` belongs to the numbering period (term or year) that contains ``when``."""
    if c.system == "party":
        k = catalog.khoa_at(when)
        if k is None:  # before the terms the catalog knows: none of its documents
            return d.khoa is None
        return d.khoa is None or d.khoa == k
    if _restarts_yearly(c):
        return d.date is None or d.date[:4] == when[:4]
    return True


def _series_claims(c: Citation, catalog) -> bool:
    """Whether the numbering series of ``c`` is near-complete in the catalog and covers its
    number. The period comes from the citation itself (the year in its symbol, its own date,
    its khóa), never from the article's date: a 2017 article may cite a 2016 1234/QĐ-TTg."""
    from refcheck.catalog.coverage import series_key, state_period

    if c.number is None or c.number_suffix or not c.system:
        return False
    if c.system == "party":
        period = c.khoa or (catalog.khoa_at(c.date) if c.date else None)
    else:
        period = state_period(c.year, c.date, c.issuer_code)
    series = catalog.series(series_key(c.system, c.type_code, c.issuer_code, c.type, period))
    return bool(series and series.claims(c.number))


def resolve(c: Citation, catalog, article_date: Optional[str]) -> Resolution:
    if catalog is None:
        return Resolution()
    if is_number_year(c):
        return _resolve_number_year(c, catalog, article_date)
    return _resolve(c, catalog, article_date)


def _resolve_number_year(c: Citation, catalog, article_date: Optional[str]) -> Resolution:
    """A number and a year: the one document of that type, number and year; several are none
    (never a guess), and so is one when no issuer is fixed or named: 10 of 10 such picks in
    baomoi 2017 were wrong ("Quyết định 33/2014" of UBND TP.HCM read as 33/2014/QĐ-TTg)."""
    res = _resolve(c, catalog, article_date)
    if (len(res.documents) > 1 or res.how == "article-date"  # (the latest of several: a guess)
            or res.documents and not (c.issuer_code or load_vocab().codes_for_body(c.issuer))):
        return Resolution([], res.in_scope, res.complete, "ambiguous", False)
    return res


_LOCAL = "Đảng bộ"  # extract/groups.py: the local committee of a congress


def _resolve(c: Citation, catalog, article_date: Optional[str]) -> Resolution:
    if c.kind == "named" and c.congress and c.issuer and c.issuer.startswith(_LOCAL):
        # "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX": no catalog holds local congresses
        return Resolution(how="local", certain=False)
    if c.kind == "named" and c.plenum and not c.khoa:  # the latest such plenum by the article date
        return plenum_at(c, catalog, article_date)
    cands = candidates(c, catalog)
    scope = None
    if c.kind == "symbol" and c.system:
        scope = catalog.scope_for(c.system, c.issuer_code, c.type_code, c.date, c.type)
    complete = bool(scope and scope.complete)
    # "Unknown" only where the catalog would know it: a scope declared complete, or a series
    # whose numbers the catalog holds nearly all of (catalog/coverage.py); elsewhere a missing
    # document is only unverifiable.
    in_scope = c.kind == "named" or complete or (c.kind == "symbol" and _series_claims(c, catalog))

    def done(docs, how, certain=True):
        return Resolution(list(docs), in_scope, complete, how, certain)

    if c.kind == "named" or not cands:
        return done(cands, "named" if c.kind == "named" else "")
    if c.date:
        exact = [d for d in cands if d.date == c.date]
        if exact:
            return done(exact, "date")
        # A document of another term (or year) with that number is another document.
        cands = [d for d in cands if _period(c, d, catalog, c.date)]
        if not cands:
            return done([], "")
        if len(cands) == 1:
            return done(cands, "date-period")
    if c.khoa:
        by_khoa = [d for d in cands if d.khoa == c.khoa]
        if not by_khoa and c.system == "party":
            res = done([], "khoa-mismatch")
            res.near = list(cands)
            return res
        cands = by_khoa or cands
        if len(cands) == 1:
            return done(cands, "khoa")
    if c.type and len({d.type for d in cands}) > 1:
        by_type = [d for d in cands if d.type == c.type]
        if by_type:
            cands = by_type
            if len(cands) == 1:
                return done(cands, "type")
    if len(cands) == 1:
        # The only one we know; with numbers that restart, the text may mean another.
        only = cands[0]
        certain = not (c.system == "party" or _restarts_yearly(c)) or bool(
            article_date and only.date and _period(c, only, catalog, article_date)
            and only.date <= article_date)
        return done(cands, "only", certain)
    if article_date:
        before = [d for d in cands if d.date and d.date <= article_date]
        if before:
            latest = max(before, key=lambda d: d.date)
            return done([latest], "article-date", _period(c, latest, catalog, article_date))
    return done(cands, "ambiguous", False)


def _law_year(d: Document) -> Optional[int]:
    return d.year or (int(d.date[:4]) if d.date else None)


def resolve_law(c: Citation, catalog, article_date: Optional[str] = None,
                floor: Optional[str] = None) -> Resolution:
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
        return resolve_undated(c, versions, catalog, article_date, floor)
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


def resolve_article(citations: list[Citation], catalog, article_date: Optional[str],
                    floor: Optional[str] = None, text: Optional[str] = None) -> list[Resolution]:
    """Resolve an article's citations in order. Short forms are linked first (``refers_to``,
    extract/shortforms.py) and take the resolution of the citation they abbreviate, whether
    or not the catalog knows it; so do plenums named without their khóa after a full one.
    ``floor`` (an undated article's lower bound, text/datefloor) only picks a law's version;
    ``text`` (the file's text) lets definitions ("sau đây gọi là …") be linked."""
    link_short_forms(citations, text)
    out: list[Resolution] = []
    for c in citations:
        prior = out[c.refers_to] if c.refers_to is not None else None
        if c.kind == "bare" and c.title:  # a law's bare title after its full citation
            # in scope: the full citation it repeats stands, whatever the catalog knows of it
            res = (_inherit(prior, True) if prior
                   else Resolution(how="unresolved", certain=False))
        elif c.kind == "bare":
            res = _resolve_bare(c, catalog, article_date, prior)
        elif c.kind == "named" and c.title:
            res = resolve_law(c, catalog, article_date, floor) if catalog is not None else Resolution()
        elif prior is not None and (c.kind == "named" or not c.year and citations[c.refers_to].year):
            # "Nghị quyết Trung ương 4" after "… (khóa XII)"; "67/NĐ-CP" after "67/2014/NĐ-CP"
            res = _inherit(prior, prior.in_scope)
        else:
            res = resolve(c, catalog, article_date)
            if floor and c.plenum and not (c.khoa or res.documents) and c.kind == "named":
                res = plenum_at_bound(c, catalog, floor, FLOOR_WINDOW_DAYS) or res  # "Nghị quyết Trung ương 4"
            if prior is not None and prior.documents and not res.documents:
                res = _inherit(prior, prior.in_scope)  # "Nghị định 155/2016" after its full symbol
        out.append(res)
    return out


def _inherit(prior: Resolution, in_scope: bool) -> Resolution:
    return Resolution(list(prior.documents), in_scope, prior.complete, "antecedent", prior.certain,
                      inferred=prior.inferred)


def _resolve_bare(c: Citation, catalog, article_date, prior: Optional[Resolution]) -> Resolution:
    if c.plenum and catalog is not None:
        # "Nghị quyết 18 và 19 của Hội nghị Trung ương 6": the plenum's resolutions by number.
        k = c.khoa or (catalog.khoa_at(article_date) if article_date else None)
        docs = [d for d in (catalog.plenum(k, c.plenum) if k else []) if d.number == c.number]
        return Resolution(docs, in_scope=True, how="plenum", certain=bool(docs))
    if prior is None:
        return _bare_by_issuer(c, catalog, article_date) or Resolution(how="unresolved",
                                                                       certain=False)
    return _inherit(prior, prior.in_scope)


def _bare_by_issuer(c: Citation, catalog, article_date) -> Optional[Resolution]:
    """"Chỉ thị 05 của Bộ Chính trị khóa XII": the type word and the issuer name one series."""
    if catalog is None or not c.issuer or not c.type:
        return None
    from dataclasses import replace

    v = load_vocab()
    type_codes = [t for t in v.types.get(c.type, ()) if t and t != "*"]
    issuer_codes = v.codes_for_body(c.issuer)
    if len(type_codes) != 1 or len(issuer_codes) != 1:
        return None
    full = replace(c, kind="symbol", type_code=type_codes[0], issuer_code=issuer_codes[0],
                   system=v.system_of(issuer_codes[0]))
    res = resolve(full, catalog, article_date)
    if not res.documents:
        return None
    if res.how == "article-date" and (not res.certain or restarts_yearly(full)):
        return None  # the latest of several is a guess ("Nghị định 209 của Chính phủ": 2004's)
    res.how = "issuer"
    return res
