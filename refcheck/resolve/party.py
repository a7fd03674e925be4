"""Plenums and congresses named in words ("Nghị quyết Trung ương 4 khóa VII", "Nghị quyết Đại
hội XII"): their documents, and whether the catalog would know a missing one.

Why apart: a named plenum is no symbol. Its candidates come from the plenum index, not the
number lookup, and "unknown" (RC201) needs its own evidence: the catalog holds only some
plenums of a khóa (none of 1-2 of khóa VIII, though 02-NQ/HNTW on education is famous), so
knowing the term is not knowing its plenums. A missing plenum is unknown only when the
catalog holds that khóa's plenums near-completely (``coverage.plenum_key``, the same
threshold as a numbering series) or a scope declares the term complete.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Optional

from refcheck.catalog.coverage import plenum_key
from refcheck.catalog.lawnames import FLOOR_WINDOW_DAYS
from refcheck.catalog.plenums import plenum_at, plenum_at_bound
from refcheck.model import Citation, Document, Resolution
from refcheck.notation.vocab import load_vocab

_LOCAL = "Đảng bộ"  # extract/groups.py: the local committee of a congress


def named_candidates(c: Citation, catalog) -> list[Document]:
    """The congress's documents, or the plenum's of the named khóa; with a type word, the
    plenum's documents of that type ("Nghị quyết Trung ương 5 khóa VIII" is 03-NQ/TW, not
    the conclusion 01-KL/HNTW of the same plenum), all of them when none has it."""
    if c.congress:
        return catalog.congress(c.congress)
    if c.plenum and c.khoa:
        return of_type(catalog.plenum(c.khoa, c.plenum), c.type)
    return []


def of_type(docs: list[Document], type_word: Optional[str]) -> list[Document]:
    """The documents of ``docs`` of the type ``type_word`` names, else all of them."""
    if not type_word or load_vocab().is_generic(type_word):
        return docs
    v = load_vocab()
    kept = [d for d in docs if d.type and v.same_kind(type_word, d.type)]
    return kept or docs


def term_claimed(c: Citation, catalog) -> tuple[bool, bool]:
    """``(in_scope, complete)`` for a named plenum or congress the catalog lacks.

    A congress opens the term of its number, and the terms are read from the congresses, so a
    known term is a known congress. A plenum is in scope when its khóa's plenums are
    near-complete in the catalog (and its number within them) or a scope claims the khóa's
    whole term; ``complete`` only from such a scope."""
    term = c.khoa or c.congress
    span = catalog.term(term) if term else None
    if span is None:
        return False, False
    if c.congress and not c.plenum:
        return True, False
    complete = _scope_complete(c, catalog, span)
    series = catalog.series(plenum_key(term))
    return complete or bool(series and series.claims(c.plenum)), complete


def _scope_complete(c: Citation, catalog, span: tuple[str, Optional[str]]) -> bool:
    """Whether a scope declared complete claims the central committee's documents of the
    whole term (its first and last day), of the cited type."""
    v = load_vocab()
    codes = [t for t in v.types.get(c.type or "", ()) if t and t != "*"] or [None]
    start, end = span
    days = [start] + ([(date.fromisoformat(end) - timedelta(days=1)).isoformat()] if end else [])
    for code in codes:
        for issuer in ("TW", "HNTW"):
            scopes = [catalog.scope_for("party", issuer, code, day, c.type) for day in days]
            if all(s is not None and s.complete for s in scopes):
                return True
    return False


def resolve_named(c: Citation, catalog, article_date: Optional[str]) -> Resolution:
    """A named plenum or congress: a local committee's congress (no catalog holds them), a
    plenum without its khóa (the latest by the article's date), else the named one."""
    if c.congress and c.issuer and c.issuer.startswith(_LOCAL):
        # "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX": no catalog holds local congresses
        return Resolution(how="local", certain=False)
    if c.plenum and not c.khoa:  # the latest such plenum by the article date
        res = plenum_at(c, catalog, article_date)
        res.documents = of_type(res.documents, c.type)
        return res
    docs = named_candidates(c, catalog)
    in_scope, complete = (True, False) if docs else term_claimed(c, catalog)
    return Resolution(docs, in_scope, complete, "named", True)


def plenum_at_floor(c: Citation, catalog, floor: str) -> Optional[Resolution]:
    """"Nghị quyết Trung ương IV" in an undated article: ``plenums.plenum_at_bound`` on its
    lower bound, its documents of the cited type."""
    res = plenum_at_bound(c, catalog, floor, FLOOR_WINDOW_DAYS)
    if res is not None:
        res.documents = of_type(res.documents, c.type)
    return res
