"""A plenum named without its khóa ("Nghị quyết Trung ương 4"): which plenum the writer means.

Plenums are numbered anew every term, so "Trung ương 4" names the fourth plenum of some khóa.
Written on a known day, it is the latest fourth plenum held by then: the khóa in office's, or,
when that khóa has not held its fourth plenum yet, the one before's (in March 2016, two months
into khóa XII, "Nghị quyết Trung ương 4" is still khóa XI's of 2012 on Party building; XII's
fourth sat in October 2016). Always a guess: the text may mean an older one, so no check holds
it against the text.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Optional

from refcheck.model import Document, Resolution


def latest_plenum(catalog, n: int, day: str) -> list[Document]:
    """The resolutions of the latest ``n``-th plenum held by ``day``: of the khóa in office
    then, else of the khóa before it when the one in office has held its ``n``-th only after
    ``day``. Nothing when the catalog holds no ``n``-th plenum of the khóa in office (it may
    have sat and be missing) or the documents carry no date."""
    k = catalog.khoa_at(day)
    for _ in range(2):  # the khóa in office, then the one before it
        if not k:
            return []
        docs = catalog.plenum(k, n)
        if not docs or any(not d.date for d in docs):
            return []
        held = [d for d in docs if d.date <= day]
        if held:
            return held
        term = catalog.term(k)
        if not term:
            return []
        k = catalog.khoa_at((date.fromisoformat(term[0]) - timedelta(days=1)).isoformat())
    return []


def plenum_at(c, catalog, article_date: Optional[str]) -> Resolution:
    """"Nghị quyết Trung ương 4" in an article of ``article_date``: :func:`latest_plenum`,
    a guess (``certain=False``). Without a date, none."""
    if not article_date:
        return Resolution([], in_scope=False, how="article-date", certain=False)
    k = catalog.khoa_at(article_date)
    docs = latest_plenum(catalog, c.plenum, article_date) if k else []
    return Resolution(docs, in_scope=bool(k), how="article-date", certain=False)


def plenum_at_bound(c, catalog, floor: str, window_days: int) -> Optional[Resolution]:
    """"Nghị quyết Trung ương IV" in an undated article (baomoi 22582387, bound 2017-06-21):
    the plenum :func:`latest_plenum` names on the bound, when it names the same one
    ``window_days`` after it (the article may be of any day between); a guess like a law's
    inferred version."""
    later = (date.fromisoformat(floor) + timedelta(days=window_days)).isoformat()
    docs = latest_plenum(catalog, c.plenum, floor)
    if not docs or {d.id for d in latest_plenum(catalog, c.plenum, later)} != {d.id for d in docs}:
        return None
    return Resolution(docs, in_scope=True, how="plenum-inferred", certain=False, inferred=floor)
