"""The library surface: ``check_text`` for a string, ``check_source`` per file, and
``group_by_document`` to gather the citations that name one document.

read -> articles -> normalize -> scan -> grammar -> resolve -> rules -> (report, in the CLI)
"""
from __future__ import annotations

import datetime as _dt
import os
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional, Union

from refcheck.extract.articles import split_articles
from refcheck.extract.caps import cased
from refcheck.extract.scan import scan
from refcheck.model import Article, Citation, Document, FileResult, Finding, Resolution
from refcheck.extract.shortforms import number_repeats, title_repeats
from refcheck.extract.lawnames import law_names, list_years
from refcheck.extract.lawtitle import is_amending
from refcheck.resolve import link_short_forms, resolve_article
from refcheck.rules.checks import Context, check_citation, rc001_article_date, rc303_consistency
from refcheck.text.dates import parse_iso
from refcheck.text.normalize import view
from refcheck.text.positions import LineIndex

DateLike = Union[str, _dt.date, None]
_default: list = []  # the embedded catalog, loaded once per process


def _default_catalog():
    """The embedded catalog, memoised: ``check_text`` in a loop must not reload it each call."""
    if not _default:
        from refcheck.catalog.load import load_catalog

        _default.append(load_catalog())
    return _default[0]


def _catalog_arg(catalog):
    """``None`` (embedded), a loaded catalog, or catalog file path(s) stacked over the default."""
    if catalog is None:
        return _default_catalog()
    if isinstance(catalog, (str, os.PathLike)):
        catalog = [catalog]
    if isinstance(catalog, (list, tuple)):
        from refcheck.catalog.load import load_catalog

        if not all(isinstance(c, (str, os.PathLike)) for c in catalog):
            raise TypeError(f"catalog paths must be str or os.PathLike, got {catalog!r}")
        return load_catalog([os.fspath(c) for c in catalog])
    if not (hasattr(catalog, "lookup") and hasattr(catalog, "scopes")):
        # a dict, bytes, a number: an AttributeError deep in resolution would not say why
        raise TypeError("catalog must be None, a catalog file path (or a list of them) or a "
                        f"catalog from refcheck.catalog.load.load_catalog, got "
                        f"{type(catalog).__name__}")
    return catalog


def _text_arg(text) -> str:
    """The text to check, which must already be decoded: bytes or a path would be checked
    as something else (or fail deep inside with an unrelated message)."""
    if isinstance(text, str):
        return text
    hint = ("decode it first, or read a file with refcheck.io.read.read_path"
            if isinstance(text, (bytes, bytearray, memoryview, os.PathLike)) else "")
    raise TypeError(f"text must be str, got {type(text).__name__}" + (f": {hint}" if hint else ""))


def _lang_arg(lang) -> str:
    """Messages exist in Vietnamese and English only: another value must not silently give
    Vietnamese."""
    if lang not in ("vi", "en"):
        raise ValueError(f"lang must be 'vi' or 'en', got {lang!r}")
    return lang


def _date_arg(value: DateLike, name: str = "article_date") -> Optional[str]:
    """An ISO day from a ``date``/``datetime`` or an ISO string; anything else is a caller's
    mistake that must not silently turn the date checks off."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str) and parse_iso(value):
        return parse_iso(value)
    raise ValueError(f"{name} must be a date or an ISO date string (YYYY-MM-DD), got {value!r}")


def check_text(text: str, catalog=None, article_date: DateLike = None, *,
               lang: str = "vi") -> list[Finding]:
    """Every finding in ``text`` (all its articles), in text order.

    ``catalog``: ``None`` for the embedded one, a loaded catalog, or catalog file path(s)
    stacked over the embedded one. ``article_date`` (a ``date`` or ISO string) applies to
    every article that has no dateline of its own.
    """
    result = check_source(text, catalog=catalog, article_date=article_date, lang=lang)
    return [f for a in result.articles for f in a.findings]


def check_source(text: str, *, path: str = "<text>", catalog=None,
                 article_date: DateLike = None, front_matter_date: DateLike = None,
                 front_matter_title: Optional[str] = None,
                 lang: str = "vi", settings=None,
                 position: Optional[Callable[[int], tuple[int, int]]] = None,
                 kind: str = "txt", suppressions: bool = True) -> FileResult:
    """Check one file's decoded text: every article's citations, resolutions and findings.

    ``settings`` (the CLI's select/ignore/severity table) and ``suppressions`` (inline
    ``refcheck: ignore`` comments) are the lint layer's; ``position`` maps an offset to
    (line, column) when the text came from markup with its own offset map.
    """
    text = _text_arg(text)
    lang = _lang_arg(lang)
    catalog = _catalog_arg(catalog)
    article_date = _date_arg(article_date)
    front_matter_date = _date_arg(front_matter_date, "front_matter_date")
    # Extraction and checks read ``seen``: the text with its all-caps passages in the case of
    # prose (same length, so offsets hold); citations quote and fixes match the original.
    seen = cased(text)
    v = view(seen)
    unparsed: list[tuple[int, int]] = []
    citations = scan(seen, v, unparsed)
    articles = split_articles(text, article_date=article_date, front_matter_date=front_matter_date,
                              front_matter_title=front_matter_title)
    starts = [a.start for a in articles]
    for c in citations:
        articles[max(0, bisect_right(starts, c.start) - 1)].citations.append(c)
    for a_start, a_end in unparsed:
        art = articles[max(0, bisect_right(starts, a_start) - 1)]
        art.findings.append(_unparsable(text, a_start, a_end, lang))
    cat_name = None
    titles = _titles(catalog)
    for a in articles:
        repeats = (title_repeats(seen, a.citations, a.start, a.end)
                   + number_repeats(seen, a.citations, a.start, a.end, v)) if a.citations else []
        if repeats:
            a.citations = sorted(a.citations + repeats, key=lambda c: c.start)
        more = list_years(seen, a.citations, a.end)
        more += law_names(seen, a.citations + more, a.start, a.end, titles)
        if more:  # laws named without a year, abbreviations, the later years of a list
            a.citations = sorted(a.citations + more, key=lambda c: c.start)
        if not a.citations:
            continue  # every check starts from a citation (RC001 reports checks they skipped)
        if cat_name is None:
            names = getattr(catalog, "names", None)
            cat_name = "+".join(names) if names else "mặc định"
        ctx = Context(a, catalog, lang=lang, catalog_name=cat_name, text=seen)
        floor = None if a.date else _floor(seen, a, catalog)
        a.resolutions = resolve_article(a.citations, catalog, a.date, floor, seen)
        _article_versions(a, catalog, seen)
        if floor:
            _unpick_bills(seen, a)
        _drop_unknown_titles(a)
        link_short_forms(a.citations, seen)
        if seen is not text:
            for c in a.citations:
                c.text = text[c.start:c.end]
        for ci, (c, res) in enumerate(zip(a.citations, a.resolutions)):
            a.findings.extend(check_citation(c, res, ci, ctx))
        a.findings.extend(rc303_consistency(a, ctx))
        a.findings.extend(rc001_article_date(a, ctx))
    if seen is not text:
        _in_capitals(text, seen, articles)
    pos = position
    for a in articles:
        if a.findings and pos is None:
            pos = LineIndex(text).position
        for f in a.findings:
            f.line, f.column = pos(f.start)
            f.end_line, f.end_column = pos(f.end)
    if suppressions and "f" in text and "refcheck" in text:  # (one letter first: memchr)
        _apply_suppressions(text, articles, lang)
    if settings is not None and any(a.findings for a in articles):
        _apply_settings(articles, settings, path)
    for a in articles:
        if len(a.findings) > 1:
            a.findings.sort(key=_finding_order)
    return FileResult(path=path, articles=articles, text=text, kind=kind)


def _in_capitals(text: str, seen: str, articles: list[Article]) -> None:
    """Passages printed in capitals: case carries no information there ("20/CT-TTG" in a
    title line is not a misspelling of 20/CT-TTg), and a fix computed on the prose-case
    reading would write prose case into capitals."""
    for a in articles:
        recased = [text[c.start:c.end] != seen[c.start:c.end] for c in a.citations]
        a.findings = [f for f in a.findings
                      if not (f.code == "RC102" and f.citation is not None and recased[f.citation]
                              and str(f.args.get("found", "")).upper()
                              == str(f.args.get("canonical", "")).upper())]
        for f in a.findings:
            if f.fix is not None and text[f.fix.start:f.fix.end] != seen[f.fix.start:f.fix.end]:
                f.fix = None


def _unpick_bills(text: str, a: Article) -> None:
    from refcheck.catalog.lawnames import unpick_bills

    unpick_bills(text, a.start, a.end, a.citations, a.resolutions)


def _floor(text: str, a: Article, catalog) -> Optional[str]:
    """An undated article's lower bound, read only when a law is named without a year (or a
    plenum without its khóa); the catalog gives the National Assembly terms' first years."""
    if not any((c.title or c.plenum and not c.khoa) and c.year is None and c.date is None
               for c in a.citations):
        return None
    from refcheck.text.datefloor import written_after

    assembly = {k: first for k, first, _ in getattr(catalog, "assembly_terms", None) or ()}
    return written_after(text, a.start, a.end, assembly, _cited_years(a.citations, catalog))


def _superseded(d: Document, catalog) -> bool:
    """Whether the catalog holds a later version of the law ``d``: a year written to tell the
    old version from its successor says nothing of when the article was written
    (bench/undated_versions.py: counted, they add 4 right picks and 1 wrong)."""
    from refcheck.resolve import law_versions

    return any((v.date or "") > (d.date or "") for v in law_versions(catalog, d.title, d.type))


def _cited_years(citations: list[Citation], catalog) -> list[tuple[int, int]]:
    """(offset, year) of each document the article names by title and year, by plenum and
    khóa or by congress that the catalog holds (baomoi/22365501: "BLHS 2015" dates the article
    after 2015, so its "Hiến pháp" is the 2013 one). Symbols give their year in the text."""
    from refcheck.resolve import law_year, resolve, resolve_law

    out = []
    for c in citations:
        if c.kind != "named" or catalog is None:
            continue
        if c.title and c.year:
            res = resolve_law(c, catalog)
            if res.documents and _superseded(res.documents[0], catalog):
                continue  # "Bộ luật Hình sự 1999" (22691265): an old version, cited years later
        elif c.plenum and c.khoa or c.congress:  # (a local congress resolves to nothing)
            res = resolve(c, catalog, None)
        else:
            continue
        years = [y for y in (law_year(d) for d in res.documents) if y] if res.certain else []
        if years:
            out.append((c.start, min(years)))
    return out


def _article_versions(a: Article, catalog, text: str) -> None:
    from refcheck.catalog.lawnames import versions_named_in_article

    versions_named_in_article(a.citations, a.resolutions, catalog, a.date)
    if any(c.kind == "symbol" and "sửa" in c.text[:24] for c in a.citations):
        from refcheck.catalog.lawnames import inner_symbols

        inner_symbols(a.citations, a.resolutions, text)  # "Luật sửa đổi … của Bộ luật X số …"


def _titles(catalog):
    from refcheck.catalog.lawnames import title_index

    return title_index(catalog)


def _finding_order(f: Finding) -> tuple[int, str]:
    return f.start, f.code


def _drop_unknown_titles(a: Article) -> None:
    """"Luật Biển năm 1982" of a UN convention, "Đạo luật Magnitsky 2012": a title and a
    year are a citation only of a law the catalogs know under that title."""
    keep = [i for i, (c, r) in enumerate(zip(a.citations, a.resolutions))
            if not (c.kind in ("named", "bare") and c.title and not r.in_scope)]
    # A code named inside an amending law's title that stands ("Luật sửa đổi … của BLHS 2015"
    # read both ways, extract/lawnames): the amending law is the citation.
    outer = [(a.citations[i].start, a.citations[i].end) for i in keep
             if a.citations[i].kind == "named" and is_amending(a.citations[i].title or "")]
    if outer:
        keep = [i for i in keep if not any(s < a.citations[i].start and a.citations[i].end <= e
                                           for s, e in outer)]
    if len(keep) != len(a.citations):
        a.citations = [a.citations[i] for i in keep]
        a.resolutions = [a.resolutions[i] for i in keep]


def _unparsable(text: str, start: int, end: int, lang: str) -> Finding:
    from refcheck.rules.registry import RULES, message

    rule = RULES["RC101"]
    shown = " ".join(text[start:end].split())
    return Finding("RC101", rule.name, rule.severity, message("RC101", lang, text=shown), start, end,
                   args={"text": shown})


def _apply_suppressions(text: str, articles: list[Article], lang: str) -> None:
    from refcheck.rules.suppress import apply, parse_directives, unused_finding

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


@dataclass(slots=True)
class DocumentGroup:
    """The citations of one article (or file) that name one document, in text order."""

    key: str  # catalog id, else the canonical symbol / title as written
    document: Optional[Document]  # the catalog entry, when resolved with certainty
    citations: list[Citation] = field(default_factory=list)
    articles: list[int] = field(default_factory=list)  # article index of each citation


def _group_key(c: Citation, r: Resolution) -> Optional[tuple[str, Optional[Document]]]:
    if len(r.documents) == 1 and r.certain:
        return r.documents[0].id, r.documents[0]
    if c.symbol:
        return c.symbol, None
    if c.title:
        return f"{c.type or ''} {c.title}".strip() + (f" {c.year}" if c.year else ""), None
    if c.plenum and c.khoa:
        return f"HNTW{c.plenum}/{c.khoa}", None
    if c.congress:
        return f"DH/{c.congress}", None
    return None


def group_by_document(result: Union[FileResult, str], catalog=None,
                      article_date: DateLike = None) -> list[DocumentGroup]:
    """Citations gathered by the document they name (as eyecite's ``resolve_citations``):
    a short form joins the full citation it abbreviates; unresolved citations group by their
    canonical symbol. Groups come in order of first mention."""
    if isinstance(result, str):
        result = check_source(result, catalog=catalog, article_date=article_date)
    groups: dict[str, DocumentGroup] = {}
    for a in result.articles:
        for c, r in zip(a.citations, a.resolutions or [Resolution()] * len(a.citations)):
            k = _group_key(c, r)
            if k is None:
                continue
            g = groups.get(k[0])
            if g is None:
                g = groups[k[0]] = DocumentGroup(k[0], k[1])
            g.citations.append(c)
            g.articles.append(a.index)
    return list(groups.values())


def iter_findings(results: Iterable[FileResult]):
    """(result, article, finding) for every finding, in file and text order."""
    for r in results:
        for a in r.articles:
            for f in a.findings:
                yield r, a, f


__all__ = ["check_text", "check_source", "group_by_document", "DocumentGroup", "iter_findings",
           "Citation", "Finding", "FileResult"]
