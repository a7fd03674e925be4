"""The whole pipeline in one call: ``check_text`` for a string, ``check_source`` per file.

read -> articles -> normalize -> scan -> grammar -> resolve -> rules -> (report, in the CLI)
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Callable, Optional

from .articles import split_articles
from .model import Article, Citation, FileResult, Finding
from .normalize import view
from .positions import LineIndex
from .resolve import resolve_article
from .rules import Context, check_citation, rc001_article_date, rc303_consistency
from .scan import scan

def _default_catalog():
    from .catalog import load_catalog

    return load_catalog()


def check_text(text: str, catalog=None, article_date: Optional[str] = None, *,
               lang: str = "vi") -> list[Finding]:
    """Every finding in ``text`` (all its articles), in text order.

    ``catalog`` defaults to the embedded one; ``article_date`` (ISO) applies to every article
    that has no dateline of its own.
    """
    result = check_source(text, catalog=catalog, article_date=article_date, lang=lang)
    return [f for a in result.articles for f in a.findings]


def check_source(text: str, *, path: str = "<text>", catalog=None,
                 article_date: Optional[str] = None, front_matter_date: Optional[str] = None,
                 lang: str = "vi", settings=None,
                 position: Optional[Callable[[int], tuple[int, int]]] = None,
                 kind: str = "txt", suppressions: bool = True) -> FileResult:
    if catalog is None:
        catalog = _default_catalog()
    v = view(text)
    unparsed: list[tuple[int, int]] = []
    citations = scan(text, v, unparsed)
    articles = split_articles(text, article_date=article_date, front_matter_date=front_matter_date)
    starts = [a.start for a in articles]
    for c in citations:
        articles[max(0, bisect_right(starts, c.start) - 1)].citations.append(c)
    for a_start, a_end in unparsed:
        art = articles[max(0, bisect_right(starts, a_start) - 1)]
        art.findings.append(_unparsable(text, a_start, a_end, lang))
    cat_name = None
    for a in articles:
        if not a.citations:
            continue  # every check starts from a citation (RC001 reports checks they skipped)
        if cat_name is None:
            names = getattr(catalog, "names", None)
            cat_name = "+".join(names) if names else "mặc định"
        ctx = Context(a, catalog, lang=lang, catalog_name=cat_name, text=text)
        a.resolutions = resolve_article(a.citations, catalog, a.date)
        _drop_unknown_titles(a)
        for ci, (c, res) in enumerate(zip(a.citations, a.resolutions)):
            a.findings.extend(check_citation(c, res, ci, ctx))
        a.findings.extend(rc303_consistency(a, ctx))
        a.findings.extend(rc001_article_date(a, ctx))
    pos = position
    for a in articles:
        if a.findings and pos is None:
            pos = LineIndex(text).position
        for f in a.findings:
            f.line, f.column = pos(f.start)
            f.end_line, f.end_column = pos(f.end)
    if suppressions and "refcheck" in text:
        _apply_suppressions(text, articles, lang)
    if settings is not None and any(a.findings for a in articles):
        _apply_settings(articles, settings, path)
    for a in articles:
        if len(a.findings) > 1:
            a.findings.sort(key=_finding_order)
    return FileResult(path=path, articles=articles, text=text, kind=kind)


def _finding_order(f: Finding) -> tuple[int, str]:
    return f.start, f.code


def _drop_unknown_titles(a: Article) -> None:
    """"Luật Biển năm 1982" of a UN convention, "Đạo luật Magnitsky 2012": a title and a
    year are a citation only of a law the catalogs know under that title."""
    keep = [i for i, (c, r) in enumerate(zip(a.citations, a.resolutions))
            if not (c.kind == "named" and c.title and not r.in_scope)]
    if len(keep) != len(a.citations):
        a.citations = [a.citations[i] for i in keep]
        a.resolutions = [a.resolutions[i] for i in keep]


def _unparsable(text: str, start: int, end: int, lang: str) -> Finding:
    from .ruledefs import RULES, message

    rule = RULES["RC101"]
    shown = " ".join(text[start:end].split())
    return Finding("RC101", rule.name, rule.severity, message("RC101", lang, text=shown), start, end)


def _apply_suppressions(text: str, articles: list[Article], lang: str) -> None:
    from .suppress import apply, parse_directives, unused_finding

    directives = parse_directives(text)
    if not directives:
        return
    all_findings = [f for a in articles for f in a.findings]
    kept, unused = apply(all_findings, directives)
    keep = {id(f) for f in kept}
    for a in articles:
        a.findings = [f for f in a.findings if id(f) in keep]
    starts = [a.start for a in articles]
    for d in unused:
        articles[max(0, bisect_right(starts, d.start) - 1)].findings.append(unused_finding(d, lang))


def _apply_settings(articles: list[Article], settings, path: str) -> None:
    for a in articles:
        kept = []
        for f in a.findings:
            if not settings.is_selected(f.code, path):
                continue
            f.severity = settings.severity_for(f.code, f.severity)
            kept.append(f)
        a.findings = kept


__all__ = ["check_text", "check_source", "Citation"]
