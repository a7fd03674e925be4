"""Catalog lookups by type, number and year, for citations written without their codes
("Nghị định số 129/2016", "Thông tư số 12/2011 của Bộ Giáo dục và Đào tạo").

The catalog's lookup index is keyed by (type code, number, issuer code); a number and a year
name no issuer, so the keys are grouped by number once per catalog (no entry is decoded) and
each matching key is looked up as usual.
"""
from __future__ import annotations

from refcheck.extract.loose import is_number_year  # noqa: F401  (re-exported)
from refcheck.model import Citation, Document
from refcheck.notation.vocab import load_vocab


def number_year_candidates(c: Citation, catalog) -> list[Document]:
    """The documents of ``c``'s type (any of the type word's codes), number and year, by the
    issuer when the type fixes it or the text names it ("của Bộ Tài chính"), else by any
    issuer. Admin symbols carry no year (1667/QĐ-BCT): the year of their date counts."""
    v = load_vocab()
    if not c.type or v.is_generic(c.type):
        return []  # "văn bản số 71/2015": any document of any type
    codes = [t for t in v.types.get(c.type, ()) if t != "*"] or [c.type_code]
    issuers = ({c.issuer_code} if c.issuer_code else set(v.codes_for_body(c.issuer))
               if c.issuer else set())
    keys = _number_keys(catalog).get(c.number, ())
    out: list[Document] = []
    for tc in codes:
        for alt in ("QĐ", "QĐi") if tc in ("QĐ", "QĐi") else (tc,):
            for key in keys:
                if key[0] != alt or (issuers and not issuers & set((key[2] or "").split("-"))):
                    continue
                for d in catalog.lookup(*key):
                    year = d.year or (int(d.date[:4]) if d.date else None)
                    if year == c.year and (c.issuer_code or not c.issuer or issuers
                                           or d.issuer in (None, c.issuer)) and d not in out:
                        out.append(d)
    if None in codes:  # Nghị quyết 109/2013 of the National Assembly: a law has no type code
        out = [d for d in out if d.type is None or v.same_kind(c.type, d.type)]
    return out


_NUMBER_KEYS: dict[int, tuple[object, dict]] = {}


def _number_keys(catalog) -> dict[int, list[tuple]]:
    """The catalog's lookup keys (type code, number, issuer code) by number, built once per
    catalog from its index keys (no entry is decoded)."""
    hit = _NUMBER_KEYS.get(id(catalog))
    if hit is not None and hit[0] is catalog:
        return hit[1]
    table: dict[int, list[tuple]] = {}
    index = getattr(catalog, "_index", None)
    keys = (index("lookup") if index is not None else
            {(d.type_code, d.number, d.issuer_code) for d in catalog.documents})
    for key in keys:
        if key[1] is not None:
            table.setdefault(key[1], []).append(key)
    if len(_NUMBER_KEYS) > 4:
        _NUMBER_KEYS.clear()
    _NUMBER_KEYS[id(catalog)] = (catalog, table)
    return table
