"""Citation + article date + catalog -> Resolution (one document, several, or none).

Every lookup is an index hit on the catalog; nothing here scans the catalog's entries.
Party numbers restart every term, so a Party symbol is narrowed by, in order: the date
written next to it, the khóa written next to it, the type word (Quy định vs Quyết định share
QĐ), and finally the article's date (the latest document of that number issued by then).
"""
from __future__ import annotations

from typing import Optional

from .model import Citation, Document, Resolution


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
    out: list[Document] = []
    for tc in _type_variants(c.type_code):
        out.extend(catalog.lookup(tc, c.number, c.issuer_code))
    if c.year is not None:
        same_year = [d for d in out if d.year in (c.year, None)]
        out = same_year
    return out


def resolve(c: Citation, catalog, article_date: Optional[str]) -> Resolution:
    if catalog is None:
        return Resolution()
    if c.kind == "named" and c.plenum and not c.khoa and article_date:
        # A plenum named without its term means the term in force at the article date.
        k = catalog.khoa_at(article_date)
        docs = catalog.plenum(k, c.plenum) if k else []
        return Resolution(docs, in_scope=True, how="article-date")
    cands = candidates(c, catalog)
    scope = None
    if c.kind == "symbol" and c.system:
        scope = catalog.scope_for(c.system, c.issuer_code, c.type_code, c.date)
    in_scope = c.kind == "named" or scope is not None
    complete = bool(scope and scope.complete)
    if len(cands) <= 1:
        return Resolution(cands, in_scope, complete, "only" if cands else "")
    if c.kind == "named":
        return Resolution(cands, in_scope, complete, "named")
    # Several documents share the symbol: narrow them.
    if c.date:
        exact = [d for d in cands if d.date == c.date]
        if exact:
            return Resolution(exact, in_scope, complete, "date")
        k = catalog.khoa_at(c.date)
        same_term = [d for d in cands if d.khoa == k] if k else []
        if len(same_term) == 1:
            return Resolution(same_term, in_scope, complete, "date-term")
    if c.khoa:
        by_khoa = [d for d in cands if d.khoa == c.khoa]
        if len(by_khoa) >= 1:
            cands = by_khoa
            if len(cands) == 1:
                return Resolution(cands, in_scope, complete, "khoa")
    if c.type and len({d.type for d in cands}) > 1:
        by_type = [d for d in cands if d.type == c.type]
        if by_type:
            cands = by_type
            if len(cands) == 1:
                return Resolution(cands, in_scope, complete, "type")
    ref_date = c.date or article_date
    if ref_date:
        before = [d for d in cands if d.date and d.date <= ref_date]
        if before:
            latest = max(before, key=lambda d: d.date)
            return Resolution([latest], in_scope, complete, "article-date" if not c.date else "date-latest")
    return Resolution(cands, in_scope, complete, "ambiguous")
