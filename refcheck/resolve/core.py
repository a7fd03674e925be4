"""A cited symbol + the article's date + the catalog -> Resolution (one document, several, or
none); named plenums and congresses are resolve/party.py's, laws by title resolve/laws.py's.

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

from typing import Optional

from refcheck.catalog.numbers import is_number_year, number_year_candidates
from refcheck.extract.loose import is_old_dash
from refcheck.model import Citation, Document, Resolution
from refcheck.notation.vocab import load_vocab
from refcheck.resolve.party import named_candidates, resolve_named


def _type_variants(type_code: Optional[str]) -> tuple[Optional[str], ...]:
    # News often drops the "i" of the 2018-era QĐi series, and the reverse.
    if type_code == "QĐ":
        return ("QĐ", "QĐi")
    if type_code == "QĐi":
        return ("QĐi", "QĐ")
    return (type_code,)


def candidates(c: Citation, catalog) -> list[Document]:
    if c.kind == "named":
        return named_candidates(c, catalog)
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


def _resolve(c: Citation, catalog, article_date: Optional[str]) -> Resolution:
    if c.kind == "named":  # a plenum or congress (resolve/party.py)
        return resolve_named(c, catalog, article_date)
    cands = candidates(c, catalog)
    scope = None
    if c.kind == "symbol" and c.system:
        scope = catalog.scope_for(c.system, c.issuer_code, c.type_code, c.date, c.type)
    complete = bool(scope and scope.complete)
    # "Unknown" only where the catalog would know it: a scope declared complete, or a series
    # whose numbers the catalog holds nearly all of (catalog/coverage.py); elsewhere a missing
    # document is only unverifiable.
    in_scope = complete or (c.kind == "symbol" and _series_claims(c, catalog))

    def done(docs, how, certain=True):
        return Resolution(list(docs), in_scope, complete, how, certain)

    if not cands:
        return done(cands, "")
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
