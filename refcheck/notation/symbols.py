"""Document symbols: the one place where the parts of a symbol become its canonical form.

The grammar (``extract``) reads a symbol's shape, numbers, year and code groups from the
parse tree; table cells and catalog files (the importer, ``catalog show``) are split into
the same parts by :func:`parse_symbol`'s lenient tokenizer. Both then call
:func:`canonical_parts`, so the code fixes (``ND`` -> ``NĐ``, ``TƯ`` -> ``TW``, ``TTg``),
the split between type and issuer code, the system (Party or State) and crossed notations
(``09/NQ-TW``, ``09/2007/NQ-TW``, ``19-2017/NQ-CP``) are decided once, from vocab.yaml.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence

from refcheck.text.normalize import canonical_chars


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


# ---------------------------------------------------------------------------------------------
# Codes, from vocab.yaml
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Codes:
    case: dict[str, str]  # upper-cased known code -> its spelling (TTG -> TTg, QĐI -> QĐi)
    type_fix: dict[str, str]  # upper-cased variant in type position -> code (ND -> NĐ)
    issuer_fix: dict[str, str]  # upper-cased issuer look-alike -> code (TƯ -> TW)
    types: frozenset[str]  # every type code, upper-cased
    party_types: frozenset[str]
    word_types: frozenset[str]  # type codes that have a type word (24/2014/TT is a type)
    prefixes: tuple[str, ...]  # issuer patterns: QH*, BCS*
    suffixes: tuple[str, ...]  # issuer patterns starting with *
    party_shape_suffixes: tuple[str, ...]  # an unknown issuer in NN-XX/YY is Party if it ends so


@lru_cache(maxsize=1)
def _codes() -> _Codes:
    from refcheck.notation.vocab import load_vocab

    v = load_vocab()
    known = [*v.code_of_type, *v.other_type_codes, *v.party_type_codes, *v.issuer_exact,
             *v.code_variants.values(), *v.issuer_variants.values()]
    case = {c.upper(): c for c in known}
    return _Codes(case, {k.upper(): x for k, x in v.code_variants.items()},
                  {k.upper(): x for k, x in v.issuer_variants.items()},
                  frozenset(c.upper() for c in [*v.code_of_type, *v.other_type_codes]),
                  frozenset(c.upper() for c in v.party_type_codes),
                  frozenset(v.code_of_type), tuple(p.upper() for p, _ in v.issuer_prefix),
                  tuple(p.upper() for p, _ in v.issuer_suffix), tuple(v.party_shape_suffixes))


def canonical_code(code: str, *, type_position: bool = False) -> str:
    """Canonical spelling of one code group: a code vocab.yaml knows gets its spelling
    whatever the case (``ttg`` -> ``TTg``, ``BLĐTBXh`` -> ``BLĐTBXH``), a code written all in
    small letters is upper-cased, any other is kept as written (``HoREA`` is a name, not a
    slip). In type position the plain-D spellings are mended (``ND`` -> ``NĐ``); elsewhere
    ``ND`` may be an issuer of its own (Hội Nông dân)."""
    t = _codes()
    code = canonical_chars(code)
    up = code.upper()
    if type_position:
        up = t.type_fix.get(up, up)
    else:
        up = t.issuer_fix.get(up, up)
        for bad, good in t.issuer_fix.items():  # the end of a longer code: BTGTƯ
            if up.endswith(bad) and up != bad:
                up = up[: -len(bad)] + good
    if up in t.case:
        return t.case[up]
    if code == code.lower() or up != code.upper() or up.startswith(t.prefixes) or up.endswith(
            t.suffixes):
        return up  # all small letters, a look-alike mended, or a pattern's code (QH13, BCSĐ)
    return code


def canonical_issuer(issuer: str) -> str:
    """Canonical issuer code, group by group; ``&`` dropped (``BGD&ĐT`` -> ``BGDĐT``)."""
    parts = re.split(r"([-/])", issuer.replace("&", ""))
    return "".join(p if p in "-/" else canonical_code(p) for p in parts)


def system_of(issuer_code: Optional[str]) -> Optional[str]:
    """"party" / "state" for an issuer code vocab.yaml knows (by its first group), else None."""
    from refcheck.notation.vocab import load_vocab

    return load_vocab().system_of(issuer_code)


# ---------------------------------------------------------------------------------------------
# Parts -> canonical symbol
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SymbolParts:
    symbol: str  # canonical symbol
    number: Optional[int]  # None when a letter follows the number ("30a")
    year: Optional[int]  # a State symbol's year; a Party symbol has none
    type_code: Optional[str]
    issuer_code: Optional[str]
    system: str  # "party" | "state": from the issuer code, else from the shape
    suffix: str = ""  # letter after the number ("30a")
    crossed: bool = False  # written in the other system's notation (09/NQ-TW, 19-2017/NQ-CP)
    shape: str = ""  # canonical shape: party | state_year | state_admin | old


_LAW_ISSUER = re.compile(r"^(QH|UBTVQH)\d+$")


def split_codes(shape: str, codes: Sequence[str]) -> tuple[Optional[str], Optional[str]]:
    """(type code, issuer code) of canonical code groups. In ``NN/CODE-CODE`` the first group
    is a type code only when vocab.yaml lists it (12/GM-UBND, but 123/VPCP-KGVX); a lone
    group is a type when a type word carries it (24/2014/TT, cut) and an issuer otherwise
    (80/2015/QH13, 119/TTg)."""
    if shape == "party":
        return codes[0], "-".join(codes[1:]) or None
    t = _codes()
    if len(codes) == 1:
        return (codes[0], None) if codes[0] in t.word_types else (None, codes[0])
    if codes[0].upper() in t.types:
        return codes[0], "-".join(codes[1:])
    return None, "-".join(codes)


def canonical_parts(shape: str, digits: str, year: Optional[int], codes: Sequence[str],
                    *, tail: str = "", drop_amp: bool = True) -> SymbolParts:
    """The canonical symbol of ``digits`` (the number as written, "30a" included), ``year``
    and the raw code groups, read in ``shape`` (the grammar's rule: party, state_year,
    state_admin, crossed_year).

    A Party symbol in State style (``09/NQ-TW``, ``09/2007/NQ-TW``) and a State symbol in
    Party style (``19-2017/NQ-CP``) are ``crossed`` and returned in their own system's form;
    a Party document has no year in its symbol. ``tail`` is a parenthesised unit kept after
    the issuer (``BCA(C13)``). Old State symbols in Party shape (``18-L/CTN``) keep the
    number as written. ``drop_amp=False`` keeps ``&`` (``BGD&ĐT`` was the code's own
    spelling until 2011: a spelling check must not call it wrong).
    """
    m = re.fullmatch(r"(\d+)([A-Za-z]?)", digits)
    if m is None:
        raise ValueError(f"not a document number: {digits!r}")
    raw_num, suffix = m.group(1), m.group(2).lower()
    num = int(raw_num)
    number = None if suffix else num
    padded = f"{num:02d}{suffix}"
    law = (shape in ("state_year", "crossed_year") and len(codes) == 1
           and _LAW_ISSUER.match(canonical_code(codes[0])))
    if law:
        canon = [canonical_code(codes[0])]
    else:
        canon = [canonical_code(c, type_position=k == 0 and (len(codes) > 1 or shape == "party"))
                 for k, c in enumerate(codes)]
        if drop_amp:
            canon = [c.replace("&", "") for c in canon]
    type_code, issuer_code = split_codes(shape, canon)
    system = system_of(issuer_code)
    t = _codes()
    if shape == "party":
        if system is None:
            first_issuer = (issuer_code or "").split("-")[0].upper()
            system = "party" if first_issuer.endswith(t.party_shape_suffixes) else "state"
        if system == "party":
            sym = f"{padded}-{type_code}/{issuer_code}"
            return SymbolParts(sym + tail, number, None, type_code, issuer_code, "party",
                               suffix, False, "party")
        sym = f"{raw_num}{suffix}-{type_code}/{issuer_code}"  # old State: 18-L/CTN
        if (type_code or "").upper() not in t.types and (issuer_code or "").upper() in t.word_types:
            # a ministry's old circulars put the type last: "07-BYT/TT" (official 084, 1994)
            type_code, issuer_code = issuer_code, type_code
        return SymbolParts(sym + tail, number, None, type_code, issuer_code, "state", suffix,
                           False, "old")
    party_crossed = (system == "party" and issuer_code == "TW"
                     and (type_code or "").upper() in t.party_types)
    if shape == "state_admin" and system == "party" and type_code and not party_crossed \
            and type_code.upper() not in t.party_types:
        # A type the Party never issues, in State style: a State body's own symbol, as the
        # Central Steering Committee for Natural Disaster Prevention numbers its dispatches
        # ("Công điện số 01/CĐ-TW của Ban Chỉ đạo T.Ư về Phòng chống thiên tai", baomoi
        # 21493754): not a Party symbol written the State's way
        system = "state"
    elif party_crossed or (shape == "state_admin" and system == "party"):
        # A Party symbol in State style: 09/NQ-TW, 09/2007/NQ-TW
        sym = f"{padded}-{type_code}/{issuer_code}" if type_code else f"{padded}/{issuer_code}"
        return SymbolParts(sym, number, None, type_code, issuer_code, "party", suffix, True,
                           "party")
    system = system or "state"
    crossed = shape == "crossed_year"
    if shape in ("state_year", "crossed_year"):
        codes_s = "-".join(c for c in (type_code, issuer_code) if c)
        return SymbolParts(f"{padded}/{year}/{codes_s}{tail}", number, year, type_code,
                           issuer_code, system, suffix, crossed, "state_year")
    n = padded if type_code else f"{raw_num}{suffix}"  # công văn: 123/VPCP-KGVX as written
    codes_s = "-".join(c for c in (type_code, issuer_code) if c)
    return SymbolParts(f"{n}/{codes_s}{tail}", number, None, type_code, issuer_code, system,
                       suffix, False, "state_admin")


# ---------------------------------------------------------------------------------------------
# Table cells and catalog files -> parts
# ---------------------------------------------------------------------------------------------
_WS = re.compile(r"\s+")
_STRAY = "'\"`.,;:"
_NUM = r"(\d{1,5}[a-zA-Z]?)"
_CODE = r"[A-Za-zĐđƯưƠơ&]+"
_ICODE = r"[A-Za-zĐđƯưƠơ&][A-Za-zĐđƯưƠơ0-9&]*"
_RE_YEAR = re.compile(rf"^{_NUM}/(\d{{4}})/(.+)$")
_RE_PARTY = re.compile(rf"^{_NUM}-({_CODE})/({_ICODE}(?:-[A-Za-zĐđƯư0-9&]+)*)$")
_RE_NOYEAR = re.compile(rf"^{_NUM}/({_CODE})[-/](.+)$")
_RE_NOYEAR_1 = re.compile(rf"^{_NUM}([-/])({_CODE})$")
_RE_CROSSED = re.compile(rf"^{_NUM}-(\d{{4}})/(.+)$")


def _clean_raw(raw: str) -> str:
    s = canonical_chars(unicodedata.normalize("NFC", raw))
    return _WS.sub("", s).strip(_STRAY)


def parse_symbol(raw: Optional[str]) -> Optional[SymbolParts]:
    """Parse and canonicalise a symbol from a table cell; ``None`` when it is not one.

    ``30/2020/ND-CP`` -> ``30/2020/NĐ-CP`` (30, 2020, NĐ, CP); ``80/2015/QH13`` -> type None;
    ``35 - CT/TW`` -> ``35-CT/TW``; ``1234/qd-ttg`` -> ``1234/QĐ-TTg``; old shapes such as
    ``18-L/CTN`` and ``119-CP`` keep theirs. Laxer than the grammar (small letters, stray
    quotes, ``/`` or ``.`` between codes), and the same canonical form: the parts go through
    :func:`canonical_parts`, as the grammar's do.
    """
    if not raw:
        return None
    s = _clean_raw(raw)
    if not s:
        return None
    m = _RE_YEAR.match(s) or _RE_CROSSED.match(s)
    if m:
        digits, year, rest = m.groups()
        shape = "state_year" if m.re is _RE_YEAR else "crossed_year"
        tail = ""
        pm = re.match(r"^(.*?)(\([^()]*\))$", rest)
        if pm:
            rest, tail = pm.group(1), pm.group(2).upper()
        if _LAW_ISSUER.match(rest.upper()):
            return canonical_parts(shape, digits, int(year), [rest], tail=tail)
        tm = re.match(rf"^({_CODE})[-/.](.+)$", rest)
        if not tm:
            return None
        codes = [tm.group(1), *tm.group(2).strip("-/").split("-")]
        if not all(codes) or not all(re.fullmatch(r"[\w/&]+", c) for c in codes):
            return None
        return canonical_parts(shape, digits, int(year), codes, tail=tail)
    m = _RE_PARTY.match(s)
    if m:
        digits, tcode, issuer = m.groups()
        return canonical_parts("party", digits, None, [tcode, *issuer.split("-")])
    m = _RE_NOYEAR.match(s)
    if m:
        digits, first, rest = m.groups()
        return canonical_parts("state_admin", digits, None, [first, *rest.split("-")])
    m = _RE_NOYEAR_1.match(s)
    if m:
        digits, sep, code = m.groups()
        issuer = canonical_issuer(code)
        num = int(re.match(r"\d+", digits).group())  # type: ignore[union-attr]
        suffix = digits[len(digits.rstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")):]
        return SymbolParts(f"{digits[:len(digits) - len(suffix)]}{suffix.lower()}{sep}{issuer}",
                           None if suffix else num, None, None, issuer,
                           system_of(issuer) or "state", suffix.lower(), False, "old")
    return None


def canonical_symbol(raw: str) -> Optional[str]:
    p = parse_symbol(raw)
    return p.symbol if p else None
