"""Symbols written without some of their codes, as news writes them: a number and a year
("Nghị định số 129/2016", "Thông tư 02/2017 - BYT") and the old numbering with a dash
("Nghị định số 28-CP"). extract/groups.py calls these for the grammar's number_year,
year_dash and old_dash shapes; the date helpers every citation uses live here too.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Optional

from refcheck.model import Citation, Span
from refcheck.notation.symbols import format_symbol
from refcheck.notation.vocab import load_vocab
from refcheck.text.dates import iso_day

if TYPE_CHECKING:
    from refcheck.extract.groups import Group, Ref

_NUMBER_YEAR = re.compile(r"\d{1,5}[a-z]?[ \t\u00a0]*/[ \t\u00a0]*\d{4}")


def is_number_year(c: Citation) -> bool:
    """"Nghị định số 129/2016": a symbol citation written as a number and a year, its codes
    left out (:func:`number_year` took the type code from the type word)."""
    return c.kind == "symbol" and bool(c.symbol_raw) and bool(_NUMBER_YEAR.fullmatch(c.symbol_raw))



def number_year(g: Group, r: Ref, i: int, span: Span, osp, original: str,
                 issuer_code: Optional[str] = None) -> list[Citation]:
    """"Nghị định số 129/2016", "Thông tư số 12/2011 của Bộ Giáo dục và Đào tạo": a number and
    a year, the codes left out. The type code is the type word's; the issuer code is the one
    the law fixes for the type (Nghị định: Chính phủ, CP) or else unknown, and the symbol is
    then the number and year as written. resolve.py looks such a citation up by type, number
    and year."""
    v = load_vocab()
    codes = [t for t in v.types.get(g.type_word or "", ()) if t and t != "*"]
    type_code = codes[0] if codes else None
    fixed = issuer_code or fixed_issuer_code(g.type_word)
    sym_span = osp(r.start, r.end)
    out = []
    for number, digits in r.numbers:
        c = Citation(text=original[span.start:span.end], start=span.start, end=span.end,
                     kind="symbol", type=g.type_word, number=number, year=r.year,
                     type_code=type_code, issuer_code=fixed, system="state",
                     type_inherited=bool(g.type_word) and (i > 0 or digits != r.numbers[0][1]))
        c.number_suffix = digits[-1] if digits[-1:].isalpha() else None
        c.symbol = (format_symbol("state_year", number, r.year, type_code, fixed, number_text=digits)
                    if fixed and type_code else f"{digits}/{r.year}")
        _ref_parts(c, r, sym_span, osp, original)
        out.append(c)
    return out


# Issuer codes of the old numbering written with a dash (vocab.yaml checks.old_issuer_codes,
# less CT, which is also a type code): "Nghị định số 28-CP ngày 07/05/1996" (baomoi 2017).
_OLD_DASH_CODES = ("CP", "TTg", "HĐBT")


def old_dash(g: Group, r: Ref, span: Span, osp, original: str) -> list[Citation]:
    """"Nghị định số 28-CP": the number and the issuer, no year and no type code (before
    1997). The type code stays empty, as the grammar leaves it for "Nghị định số 197/CP" of
    the same document (tests/data/official/060.txt prints both): the type is the type word."""
    code = r.codes[0] if len(r.codes) == 1 else ""
    if code not in _OLD_DASH_CODES or code not in (load_vocab().checks.get("old_issuer_codes") or {}):
        return []
    sym_span = osp(r.start, r.end)
    out = []
    for number, digits in r.numbers:
        c = Citation(text=original[span.start:span.end], start=span.start, end=span.end,
                     kind="symbol", type=g.type_word, number=number, year=None,
                     type_code=None, issuer_code=code, system="state")
        c.number_suffix = digits[-1] if digits[-1:].isalpha() else None
        c.symbol = f"{digits}-{code}"
        _ref_parts(c, r, sym_span, osp, original)
        out.append(c)
    return out


_OLD_DASH = re.compile(r"\d{1,5}[a-z]?-(?:" + "|".join(_OLD_DASH_CODES) + ")")


def is_old_dash(c: Citation) -> bool:
    """"Nghị định số 28-CP" (see :func:`old_dash`)."""
    return c.kind == "symbol" and bool(c.symbol) and bool(_OLD_DASH.fullmatch(c.symbol))


@lru_cache(maxsize=64)
def fixed_issuer_code(type_word: Optional[str]) -> Optional[str]:
    """The issuer code of a type whose issuer the law fixes (vocab.yaml checks.fixed_issuers:
    Nghị định -> Chính phủ -> CP), when that is one body with one code."""
    v = load_vocab()
    bodies = (v.checks.get("fixed_issuers") or {}).get(type_word or "") or ()
    codes = {code for b in bodies for code in v.codes_for_body(b)}
    return next(iter(codes)) if len(codes) == 1 else None


def _ref_parts(c: Citation, r: Ref, sym_span: Span, osp, original: str) -> None:
    """The symbol as written, the date and the issuer: what every loose form takes from its ref."""
    c.symbol_span = sym_span
    c.symbol_raw = original[sym_span.start:sym_span.end]
    if r.date:
        set_date(c, r.date, osp, original)
    set_issuer(c, r.issuer, osp)


def set_issuer(c: Citation, issuer: Optional[tuple], osp) -> None:
    """``issuer`` is (canonical, as written, start, end) from the parse, or None."""
    if issuer:
        c.issuer, c.issuer_raw = issuer[0], issuer[1]
        c.issuer_span = osp(issuer[2], issuer[3])


def set_date(c: Citation, date: tuple, osp, original: str) -> None:
    d, m, y, ds, de, ytext = date
    c.date_span = osp(ds, de)
    c.date_raw = original[c.date_span.start:c.date_span.end]
    c.date_parts = (d, m, y)
    c.date, c.date_problem = _iso(d, m, y, ytext)


def _iso(d: int, m: int, y: int, ytext: str) -> tuple[Optional[str], Optional[str]]:
    if len(ytext) < 4:
        return None, "truncated"
    iso = iso_day(y, m, d)
    return (iso, None) if iso else (None, "impossible")
