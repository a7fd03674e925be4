"""Canonical written form of a document symbol, shared by the parser, the catalog and fixes."""
from __future__ import annotations


def format_symbol(shape: str, number: int, year: int | None, type_code: str | None,
                  issuer_code: str | None, *, number_text: str | None = None) -> str:
    """Render a symbol the way the formatting rules write it.

    ``shape`` is ``party`` (35-CT/TW), ``state_year`` (30/2020/NĐ-CP, 80/2015/QH13) or
    ``state_admin`` (1234/QĐ-TTg). Numbers below 10 get a leading zero unless ``number_text``
    (the digits as written) is given: a fix must not change what the author wrote beyond the
    spelling it is about.
    """
    n = number_text if number_text is not None else f"{number:02d}"
    codes = "-".join(c for c in (type_code, issuer_code) if c)
    if shape == "party":
        return f"{n}-{type_code}/{issuer_code}" if type_code else f"{n}/{issuer_code}"
    if shape == "state_year":
        return f"{n}/{year}/{codes}"
    return f"{n}/{codes}"
