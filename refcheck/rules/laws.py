"""RC305 and RC406: law titles and versions, as people write them.

A title is compared loosely (case, commas, "và", a trailing "Việt Nam"), an amending law is a
version of the law it amends, a year next to a version (the year it took effect, a draft
debated the year before) is a warning naming that version, a year before the catalog's first
version is unverifiable, and a foreign law is not a citation at all.
"""
from __future__ import annotations

import re

from refcheck.model import Span
from refcheck.resolve import (TITLE_DATE, amended_titles, amends_before, law_amendments, law_versions,
                              law_year, loose_title, omnibus_amendments)
from refcheck.rules.base import Context, checks_table, emit, vn_date


#: The words an amending law's title opens with ("sửa đổi, bổ sung một số điều của Luật …").
_AMENDING_WORDS = ("sửa đổi", "bổ sung")


def rc305_title(c, res, ci, ctx: Context):
    if c.kind != "symbol" or not c.title or len(res.documents) != 1 or not res.certain:
        return
    d = res.documents[0]
    if not d.title:
        return
    cited, known = loose_title(c.title), loose_title(d.title)
    if cited == known:
        return
    catalog_title = f"{d.type or ''} {d.title}".strip()
    amended = amended_titles(d.title)
    if not amended and d.title.lower().startswith(_AMENDING_WORDS):
        # "bổ sung một" (07/2022/QH15 in state-documents-more.tsv, official 106): a title cut
        # inside the amending formula names no law, so it contradicts none
        return
    if amended and cited in amended and ctx.text and amends_before(ctx.text, c.start):
        return  # "Luật sửa đổi, bổ sung một số điều của Luật X số …": the amending law itself
    if amended and cited in amended:
        yield emit(ctx, "RC305", Span(c.start, c.end), ci, variant="amending", severity="warning",
                   docs=(d,), symbol=c.symbol, title=c.title, catalog_title=catalog_title)
        return
    if amended and amended_titles(c.title) and set(amended_titles(c.title)) <= set(amended):
        return  # "Luật sửa đổi, bổ sung một số điều của Luật X số …" written in full
    if known.startswith(cited + " ") or cited.startswith(known + " "):
        yield emit(ctx, "RC305", Span(c.start, c.end), ci, variant="short", severity="warning",
                   docs=(d,), symbol=c.symbol, title=c.title, catalog_title=catalog_title)
        return
    from refcheck.extract.lawtitle import close_titles

    # one typo apart ("Thi hành tạm giữ, tạm gia" for "… tạm giam"): the right law, a warning
    yield emit(ctx, "RC305", Span(c.start, c.end), ci, symbol=c.symbol, title=c.title, docs=(d,),
               catalog_title=catalog_title, unverified=not d.verified,
               severity="warning" if close_titles(c.title, d.title) else None)


def _foreign(c, ctx: Context) -> bool:
    after = ctx.text[c.end:c.end + 40].lstrip(" ,") if ctx.text else ""
    return any(after.startswith(w) for w in checks_table("foreign_after"))


_BASIS = re.compile(r"[Cc]ăn cứ[^.;\n]*$")


def _law_date(c, res, ci, ctx: Context):
    """"Căn cứ Luật … ngày 20 tháng 6 năm 2015": a law's title and a date that matches none of
    its versions (``res.near``), RC401 with their dates. A version adopted that year means the
    citation is misdated; none that year may be a version the catalog lacks (an amending law
    of that day): a warning, not an error."""
    dated = sorted({d.date for d in res.near if d.date})
    if not dated or not c.date_span:
        return
    if ctx.text and amends_before(ctx.text, c.start):
        # "Luật sửa đổi, bổ sung một số điều và Phụ lục … của Luật Thống kê ngày 12 tháng 11 năm
        # 2021" (official 005): the date is the amending law's, not one of X's versions
        yield emit(ctx, "RC202", Span(c.start, c.end), ci, symbol=" ".join(c.text.split()))
        return
    if any(not d.date and law_year(d) == int(c.date[:4]) for d in res.near):
        # "Luật Ban hành văn bản quy phạm pháp luật ngày 03 tháng 6 năm 2008" (official 023): the
        # catalog holds that year's version (17/2008/QH12) without its day; nothing to hold against
        return
    same_year = any(x[:4] == c.date[:4] for x in dated)
    # Outside a "Căn cứ" clause a date after a law's title may be an event's: "… bàn về tháo gỡ
    # vướng mắc trong thi hành Luật Doanh nghiệp và Luật Đầu tư ngày 25/4/2016" (baomoi/22214631,
    # the meeting's date). Only a legal basis surely dates the law itself.
    formal = bool(ctx.text) and _BASIS.search(ctx.text[max(0, c.start - 120):c.start]) is not None
    yield emit(ctx, "RC401", c.date_span, ci, found=c.date_raw, symbol=f"{c.type} {c.title}",
               expected=", ".join(vn_date(x) for x in dated), docs=res.near,
               severity=None if same_year and formal else "warning",
               unverified=all(not d.verified for d in res.near))


def rc406_law_version(c, res, ci, ctx: Context):
    # "Hiến pháp năm 2012" too: the constitution carries its catalog title (vocab
    # checks.constitution); a catalog without its rows leaves it unverifiable (RC202 below)
    if c.kind != "named" or not c.title or res.documents or ctx.catalog is None:
        return
    if not c.year:
        if c.date and res.near:
            yield from _law_date(c, res, ci, ctx)
        return
    if _foreign(c, ctx):
        return  # "Luật Thuế quan năm 1930 của Mỹ": not a Vietnamese law
    span = Span(c.start, c.end)
    bare_title = TITLE_DATE.sub("", c.title)
    title = f"{c.type or 'Luật'} {bare_title}"
    amendments = [d for d in law_amendments(ctx.catalog, bare_title) if law_year(d)]
    if any(law_year(d) == c.year for d in amendments):
        return  # "Luật Luật sư 2012": the law as amended in 2012
    if ctx.text and amends_before(ctx.text, c.start):
        # "Luật sửa đổi, bổ sung một số điều của Luật X năm 2019": the amending law's year,
        # and the catalog knows no amendment of X that year.
        yield emit(ctx, "RC202", span, ci, symbol=c.text)
        return
    versions = law_versions(ctx.catalog, bare_title, c.type)
    if not versions:
        if res.near:
            other = ", ".join(f"{d.type} {d.title} ({d.symbol or d.id})" for d in res.near)
            yield emit(ctx, "RC406", span, ci, variant="other-title", severity="warning",
                       docs=res.near, title=title, year=c.year, other=other)
        else:
            yield emit(ctx, "RC202", span, ci, symbol=c.text)
        return
    dated = [d for d in versions + amendments if law_year(d)]
    first = min((law_year(d) for d in dated), default=None)
    if first is not None and c.year < first:
        yield emit(ctx, "RC202", span, ci, variant="before-coverage", symbol=c.text, first=first)
        return
    listed = ", ".join(sorted({f"{law_year(d)} ({d.symbol or d.id})" for d in versions if law_year(d)}))
    likely = _near_version(dated, c.year)
    if likely is not None:
        yield emit(ctx, "RC406", span, ci, variant="near-year", severity="warning",
                   docs=(likely,), title=title, year=c.year, versions=listed,
                   likely_year=law_year(likely), likely=likely.symbol or likely.id)
        return
    omnibus = omnibus_amendments(ctx.catalog, c.year)
    if omnibus:
        other = ", ".join(f"{d.type} {d.title} ({d.symbol or d.id})" for d in omnibus)
        yield emit(ctx, "RC406", span, ci, variant="omnibus", severity="warning", docs=omnibus,
                   title=title, year=c.year, versions=listed, other=other)
        return
    yield emit(ctx, "RC406", span, ci, title=title, year=c.year, versions=listed, docs=versions,
               unverified=all(not d.verified for d in versions))


def _near_version(versions, year: int):
    """The version a year next to it most likely names: the one that took effect that year,
    else the one adopted the year before (laws take effect the next year), else the one adopted
    the year after (a draft debated the year before)."""
    took_effect = [d for d in versions if d.effective and int(d.effective[:4]) == year]
    if took_effect:
        return took_effect[0]
    for delta in (-1, 1):
        hits = [d for d in versions if law_year(d) == year + delta]
        if hits:
            return hits[0]
    return None
