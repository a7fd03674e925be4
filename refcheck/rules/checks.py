"""One small function per finding code, from (citation, resolution, context) to findings.

Names, severities and messages live in ``rules.yaml`` (read by ``registry``); this module
only decides *when* a rule fires and fills the message's arguments. The type, issuer and term
checks are in ``facts``, the law title and version checks in ``laws``. A document whose
catalog entry is unverified never raises an error on its own: such findings are capped at
warning, and their message says so.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from refcheck.model import Article, Citation, Finding, Fix, Resolution, Span
from refcheck.notation.vocab import load_vocab
from refcheck.rules.base import Context, amended_symbol, doc_span as _doc_span, emit, sym as _sym, vn_date as _vn_date
from refcheck.rules.facts import rc301_type, rc302_issuer, rc304_khoa
from refcheck.rules.laws import rc305_title, rc406_law_version
from refcheck.rules.registry import note

__all__ = ["Context", "check_citation", "rc303_consistency", "rc001_article_date", "CITATION_RULES"]


def _f(ctx: Context, code: str, span, ci, **kw) -> Finding:
    return emit(ctx, code, span, ci, **kw)


def _unverified(res: Resolution) -> bool:
    return bool(res.documents) and all(not d.verified for d in res.documents)


# --- RC1xx: how it is written -----------------------------------------------------------------

def rc102_spelling(c, res, ci, ctx):
    for span, canonical in c.spelling:
        found = ctx.text[span.start:span.end] if ctx.text else c.text
        yield _f(ctx, "RC102", span, ci, fix=Fix(span.start, span.end, canonical, True),
                 found=found, canonical=canonical)


def rc103_crossed(c, res, ci, ctx):
    if c.crossed and c.symbol_span:
        party = c.system == "party"
        names = {"vi": ("của Đảng", "Nhà nước", "của Nhà nước", "Đảng"),
                 "en": ("Party", "State", "State", "Party")}[ctx.lang if ctx.lang in ("vi", "en") else "vi"]
        found_sys, style = (names[0], names[1]) if party else (names[2], names[3])
        yield _f(ctx, "RC103", c.symbol_span, ci, found=c.symbol_raw, canonical=c.symbol,
                 system_found=found_sys, system_style=style,
                 fix=Fix(c.symbol_span.start, c.symbol_span.end, c.symbol, False))


# --- RC2xx: does it exist -------------------------------------------------------------------

def rc501_short_form(c, res, ci, ctx):
    if c.kind == "bare" and res.how == "unresolved":
        yield _f(ctx, "RC501", Span(c.start, c.end), ci, text=c.text)


def rc20x_resolution(c, res, ci, ctx):
    if c.kind != "symbol":
        if c.kind == "named" and res.how == "local":  # a local Party committee's congress
            yield _f(ctx, "RC202", Span(c.start, c.end), ci, symbol=" ".join(c.text.split()))
            return
        if c.kind == "named" and not c.title and not res.documents and (c.congress or c.khoa):
            # Unknown only where the catalog would know it: a known congress's term, a khóa
            # whose plenums it holds near-completely, or a scope declaring the term complete
            # (resolve/party.py). "Nghị quyết Trung ương 2 khóa VIII" exists though the
            # catalog holds no plenum 1-2 of khóa VIII: unverifiable.
            if not res.in_scope:
                yield _f(ctx, "RC202", Span(c.start, c.end), ci, symbol=_sym(c))
                return
            yield _f(ctx, "RC201", Span(c.start, c.end), ci, symbol=_sym(c), catalog=ctx.catalog_name,
                     **({"severity": "error"} if res.complete else {}))
        return
    if not res.documents:
        if res.how == "khoa-mismatch":
            return  # RC304 says it better: the number exists, in another term
        if res.in_scope:
            yield _f(ctx, "RC201", _doc_span(c), ci, symbol=c.symbol, catalog=ctx.catalog_name,
                     severity="error" if res.complete else "warning")
        else:
            yield _f(ctx, "RC202", _doc_span(c), ci, symbol=c.symbol)
    elif len(res.documents) > 1:
        cands = ", ".join(d.date or d.id for d in res.documents)
        yield _f(ctx, "RC203", _doc_span(c), ci, symbol=c.symbol, candidates=cands)


# --- RC4xx: dates ----------------------------------------------------------------------------

def rc403_date(c, res, ci, ctx):
    if c.date_problem and c.date_span:
        detail = {"truncated": {"vi": "năm bị cắt", "en": "truncated year"},
                  "impossible": {"vi": "ngày không tồn tại", "en": "no such day"}}[c.date_problem]
        yield _f(ctx, "RC403", c.date_span, ci, found=c.date_raw,
                 detail=detail.get(ctx.lang, detail["vi"]))


def rc404_year(c, res, ci, ctx):
    if c.year and c.date and c.kind == "symbol" and int(c.date[:4]) != c.year \
            and not amended_symbol(c, res, ctx.text):
        yield _f(ctx, "RC404", c.date_span or Span(c.start, c.end), ci, year=c.year,
                 symbol=c.symbol, found=c.date_raw)


def rc401_catalog_date(c, res, ci, ctx):
    if not c.date or len(res.documents) != 1 or not res.certain or amended_symbol(c, res, ctx.text):
        return
    d = res.documents[0]
    if d.date and d.date != c.date:
        if c.year and int(c.date[:4]) != c.year:
            return  # RC404 already says the date is wrong
        yield _f(ctx, "RC401", c.date_span, ci, found=c.date_raw, symbol=c.symbol,
                 expected=_vn_date(d.date), unverified=not d.verified,
                 fix=Fix(c.date_span.start, c.date_span.end, _like(c.date_raw, d.date), False))


def rc402_after_article(c, res, ci, ctx):
    a = ctx.article.date
    if not a:
        if c.date:
            ctx.skipped.add("RC402")
        return
    if c.date and c.date > a:
        yield _f(ctx, "RC402", c.date_span, ci, symbol=_sym(c), found=c.date_raw,
                 article_date=_vn_date(a))
    elif c.kind == "named" and c.title and len(res.documents) == 1:
        d = res.documents[0]  # "Luật Đất đai 2024" in an article of 2020
        if d.date and d.date > a:
            yield _f(ctx, "RC402", Span(c.start, c.end), ci, symbol=c.text,
                     found=_vn_date(d.date), article_date=_vn_date(a))


def rc405_replaced(c, res, ci, ctx):
    a = ctx.article.date
    if len(res.documents) != 1 or not res.certain:
        return
    if c.kind == "named" and c.title and (c.year or c.date):
        return  # "Luật Đất đai năm 1993": the author names the old version on purpose
    full = _full_citation(c, ctx)
    if full is not None and full.kind == "named" and full.title and (full.year or full.date):
        return  # "Luật NSNN" after "Luật NSNN năm 2002": the same version, named on purpose
    d = res.documents[0]
    if not d.replaced_by and not d.expired:
        return
    if not a:
        ctx.skipped.add("RC405")
        return
    newer = []
    for rid in d.replaced_by:
        r = ctx.catalog.get(rid) if ctx.catalog is not None else None
        when = r and (r.effective or r.date)
        if when and when <= a:
            newer.append(r.symbol or r.id)
    if d.expired and d.expired <= a and not newer:
        newer.append(d.expired)
    if newer:
        yield _f(ctx, "RC405", _doc_span(c), ci, symbol=_sym(c), replaced_by=", ".join(newer))


def _full_citation(c: Citation, ctx: Context) -> Optional[Citation]:
    """The earlier full citation a short form abbreviates, when the article links one."""
    cits = ctx.article.citations
    if c.kind != "bare" or c.refers_to is None or not 0 <= c.refers_to < len(cits):
        return None
    return cits[c.refers_to]


def _like(raw: Optional[str], iso: str) -> str:
    """The catalog date written the way the author wrote the wrong one."""
    y, m, d = iso.split("-")
    raw = raw or ""
    if "tháng" in raw:
        return f"{int(d):02d} tháng {int(m)} năm {y}"
    sep = "-" if "-" in raw else "." if "." in raw else "/"
    return f"{int(d)}{sep}{int(m)}{sep}{y}"


CITATION_RULES: tuple[Callable, ...] = (
    rc102_spelling, rc103_crossed, rc20x_resolution, rc301_type, rc302_issuer, rc304_khoa,
    rc403_date, rc404_year, rc401_catalog_date, rc402_after_article, rc405_replaced,
    rc501_short_form, rc406_law_version, rc305_title,
)


# When a catalog document matches every part but the code ("did you mean 05-CT/TW"), the
# findings against the misprinted symbol's document say nothing more.
_SUPERSEDED = ("RC201", "RC202", "RC203", "RC302", "RC304", "RC305", "RC401", "RC405")


def check_citation(c: Citation, res: Resolution, ci: int, ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for rule in CITATION_RULES:
        out.extend(rule(c, res, ci, ctx))
    if any(f.variant == "did-you-mean" for f in out):
        out = [f for f in out if f.code not in _SUPERSEDED]
    if _unverified(res):
        for f in out:
            if f.severity == "error" and f.variant != "did-you-mean":
                f.severity = "warning"
                f.message += note("unverified", ctx.lang)
    return out


# --- article-level rules ---------------------------------------------------------------------

_AMENDING_TITLE = re.compile(r"(?:luật|pháp lệnh)\s+sửa\s+đổi", re.IGNORECASE)


def rc303_consistency(article: Article, ctx: Context) -> list[Finding]:
    """One document cited two ways inside one article."""
    seen: dict[str, tuple[int, Citation]] = {}
    out: list[Finding] = []
    for ci, (c, res) in enumerate(zip(article.citations, article.resolutions)):
        if c.kind != "symbol" or _AMENDING_TITLE.match(c.text):
            # "luật Sửa đổi, bổ sung một số điều của Bộ luật Hình sự số 100/2015/QH13"
            # (baomoi/22737640): the type and date are the amending law's, the symbol the code's
            continue
        key = res.documents[0].id if len(res.documents) == 1 else (c.symbol if not res.documents else None)
        if key is None:
            continue
        if key not in seen:
            seen[key] = (ci, c)
            continue
        _, first = seen[key]
        diffs = []
        if c.date and first.date and c.date != first.date:
            diffs.append(f"{first.date_raw} / {c.date_raw}")
        if c.issuer and first.issuer and c.issuer != first.issuer:
            diffs.append(f"{first.issuer} / {c.issuer}")
        if (c.type and first.type and c.type != first.type and not c.type_inherited
                and not (load_vocab().is_generic(c.type) or load_vocab().is_generic(first.type))):
            diffs.append(f"{first.type} / {c.type}")
        if diffs:
            out.append(_f(ctx, "RC303", Span(c.start, c.end), ci, symbol=c.symbol,
                          detail="; ".join(diffs)))
    return out


def rc001_article_date(article: Article, ctx: Context) -> list[Finding]:
    if article.date or not ctx.skipped:
        return []
    return [_f(ctx, "RC001", Span(article.start, article.start), None,
               checks=", ".join(sorted(ctx.skipped)))]
