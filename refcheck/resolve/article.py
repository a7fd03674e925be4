"""An article's citations, in order: short forms linked to what they abbreviate, then each
resolved by its kind (symbol: resolve/core.py, law title: resolve/laws.py, plenum or congress:
resolve/party.py); a short form inherits the resolution of the citation it abbreviates.
"""
from __future__ import annotations

from typing import Optional

from refcheck.catalog.lawnames import charged_under
from refcheck.extract.shortforms import link_short_forms
from refcheck.model import Citation, Resolution
from refcheck.notation.vocab import load_vocab
from refcheck.resolve.core import resolve, restarts_yearly
from refcheck.resolve.laws import resolve_law
from refcheck.resolve.party import plenum_at_floor


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
            charged = bool(floor and text and charged_under(text, c.start))  # "về tội X theo Điều N BLHS"
            res = resolve_law(c, catalog, article_date, floor, charged) if catalog is not None else Resolution()
        elif prior is not None and (c.kind == "named" or not c.year and citations[c.refers_to].year):
            # "Nghị quyết Trung ương 4" after "… (khóa XII)"; "67/NĐ-CP" after "67/2014/NĐ-CP"
            res = _inherit(prior, prior.in_scope)
        else:
            res = resolve(c, catalog, article_date)
            if floor and c.plenum and not (c.khoa or res.documents) and c.kind == "named":
                res = plenum_at_floor(c, catalog, floor) or res  # "Nghị quyết Trung ương 4"
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
        return (_bare_number_year(c, catalog) or _bare_by_issuer(c, catalog, article_date)
                or Resolution(how="unresolved", certain=False))
    return _inherit(prior, prior.in_scope)


def _bare_number_year(c: Citation, catalog) -> Optional[Resolution]:
    """"Nghị định 34 năm 2016 của Chính phủ": a number and its year in words, read as
    "Nghị định 34/2016" is (resolve.core._resolve_number_year): the one document of that type,
    number and year, and only when the type fixes the issuer or the text names it."""
    if catalog is None or c.year is None or c.number is None or not c.type:
        return None
    from refcheck.catalog.numbers import number_year_candidates
    from refcheck.extract.loose import fixed_issuer_code

    if not (c.issuer or fixed_issuer_code(c.type)):
        return None
    docs = number_year_candidates(c, catalog)
    return Resolution(docs, in_scope=True, how="number-year", certain=False) if len(docs) == 1 else None


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
