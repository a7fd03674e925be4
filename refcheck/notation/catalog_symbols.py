"""Symbol clean-up for tables and catalog files (the importer, ``catalog show``)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional, Union

from refcheck.text.normalize import canonical_chars

PathLike = Union[str, Path]

# ---------------------------------------------------------------------------------------------
# Text and symbol normalisation (shared with the importer and the CLI)
# ---------------------------------------------------------------------------------------------
_WS = re.compile(r"\s+")


def norm_text(text: str) -> str:
    """Key for alias / title indexes: NFC, look-alikes fixed, casefolded, spaces collapsed."""
    text = canonical_chars(unicodedata.normalize("NFC", text))
    return _WS.sub(" ", text).strip().casefold()


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
ROMAN_RE = re.compile(r"^(?=[IVXLC])C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


def to_roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def from_roman(s: str) -> Optional[int]:
    s = s.strip().upper()
    if not s or not ROMAN_RE.match(s):
        return None
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, ch in enumerate(s):
        v = values[ch]
        total += -v if i + 1 < len(s) and values[s[i + 1]] > v else v
    return total


#: Codes whose canonical spelling is not all upper case.
_MIXED_CASE = {"TTG": "TTg", "QĐI": "QĐi", "CTR": "CTr", "TTR": "TTr", "QYĐ": "QyĐ", "TTH": "TTh"}
#: Plain-D spellings of type codes (only applied in the type-code position).
_TYPE_FIX = {"QD": "QĐ", "ND": "NĐ", "QDI": "QĐI"}
@lru_cache(maxsize=1)
def _type_codes() -> tuple[frozenset, frozenset]:
    """(every type code, the Party's type codes), upper-cased, from grammar/vocab.yaml: they
    tell a type code from an issuer code in ``NN/CODE-CODE`` symbols."""
    from refcheck.notation.vocab import load_vocab

    v = load_vocab()
    every = frozenset(c.upper() for c in list(v.code_of_type) + list(v.other_type_codes))
    return every, frozenset(c.upper() for c in v.party_type_codes)


_PARTY_ISSUER = re.compile(r"^(TW|[A-ZĐ]*TW|TU|HU|ĐU|ĐUK|ĐUCA|VPTU|UBKTTU|BTCTU|BTGTU|BCS.*|ĐĐ.*)$")
_LAW_ISSUER = re.compile(r"^(QH|UBTVQH)\d+$")


def canonical_code(code: str, *, type_position: bool = False) -> str:
    """Canonical case of one code group: ``tt`` -> ``TT``, ``ttg`` -> ``TTg``, ``QD`` -> ``QĐ``."""
    up = code.upper()
    if type_position:
        up = _TYPE_FIX.get(up, up)
    return _MIXED_CASE.get(up, up)


def canonical_issuer(issuer: str) -> str:
    """Canonical issuer code: groups upper-cased, ``&`` dropped, ``TTg`` kept."""
    issuer = issuer.replace("&", "")
    parts = re.split(r"([-/])", issuer)
    return "".join(p if p in "-/" else canonical_code(p) for p in parts)


@dataclass(frozen=True, slots=True)
class SymbolParts:
    symbol: str  # canonical symbol
    number: Optional[int]
    year: Optional[int]
    type_code: Optional[str]
    issuer_code: Optional[str]
    system: str  # best guess: "party" | "state"
    suffix: str = ""  # letter after the number ("30a")


_STRAY = "'\"`.,;:"
_NUM = r"(\d{1,5})([a-zA-Z]?)"
_CODE = r"[A-Za-zĐđƯưƠơ&]+"
_RE_YEAR = re.compile(rf"^{_NUM}/(\d{{4}})/(.+)$")
_ICODE = r"[A-Za-zĐđƯưƠơ&][A-Za-zĐđƯưƠơ0-9&]*"
_RE_PARTY = re.compile(rf"^{_NUM}-({_CODE})/({_ICODE}(?:-[A-Za-zĐđƯư0-9&]+)*)$")
_RE_NOYEAR = re.compile(rf"^{_NUM}/({_CODE})[-/](.+)$")
_RE_NOYEAR_1 = re.compile(rf"^{_NUM}[-/]({_CODE})$")


def _clean_raw(raw: str) -> str:
    s = canonical_chars(unicodedata.normalize("NFC", raw))
    s = _WS.sub("", s)
    return s.strip(_STRAY)


def _num(num: str, suffix: str) -> str:
    return f"{int(num):02d}{suffix.lower()}"


def parse_symbol(raw: Optional[str]) -> Optional[SymbolParts]:
    """Parse and canonicalise a document symbol; ``None`` when it is not one.

    ``30/2020/ND-CP`` -> ``30/2020/NĐ-CP`` (30, 2020, NĐ, CP); ``80/2015/QH13`` -> type None;
    ``35 - CT/TW`` -> ``35-CT/TW``; ``1234/QĐ-TTg`` (no year); old shapes such as
    ``18-L/CTN`` and ``119-CP`` keep their shape.  A crossed Party symbol written in State
    style (``09/NQ-TW``) is returned in Party form.
    """
    if not raw:
        return None
    s = _clean_raw(raw)
    if not s:
        return None
    m = _RE_YEAR.match(s)
    if m:
        num, suffix, year, rest = m.groups()
        number = None if suffix else int(num)
        paren = ""
        pm = re.match(r"^(.*?)(\([^()]*\))$", rest)
        if pm:
            rest, paren = pm.group(1), pm.group(2).upper()
        if _LAW_ISSUER.match(rest.upper()):
            issuer = rest.upper()
            return SymbolParts(f"{_num(num, suffix)}/{year}/{issuer}{paren}", number, int(year),
                               None, issuer, "state", suffix.lower())
        tm = re.match(rf"^({_CODE})[-/.](.+)$", rest)
        if not tm:
            return None
        type_code = canonical_code(tm.group(1), type_position=True)
        issuer = canonical_issuer(tm.group(2)).strip("-/")
        if not issuer or not re.fullmatch(r"[\w/-]+", issuer):
            return None
        system = "party" if issuer == "TW" and type_code.upper() in _type_codes()[1] else "state"
        if system == "party":  # "09/2007/NQ-TW": a Party document written in State style
            return SymbolParts(f"{_num(num, suffix)}-{type_code}/TW", number, None, type_code,
                               "TW", "party", suffix.lower())
        return SymbolParts(f"{_num(num, suffix)}/{year}/{type_code}-{issuer}{paren}", number,
                           int(year), type_code, issuer, "state", suffix.lower())
    m = _RE_PARTY.match(s)
    if m:
        num, suffix, tcode, issuer = m.groups()
        type_code = canonical_code(tcode, type_position=True)
        issuer = canonical_issuer(issuer.replace("TƯ", "TW").replace("tư", "TW"))
        number = None if suffix else int(num)
        if _PARTY_ISSUER.match(issuer):
            return SymbolParts(f"{_num(num, suffix)}-{type_code}/{issuer}", number, None,
                               type_code, issuer, "party", suffix.lower())
        # old State shapes keep theirs: 18-L/CTN, 82-TC/TCT, 102-SL/L-004
        return SymbolParts(f"{num}{suffix}-{type_code}/{issuer}", number, None, type_code,
                           issuer, "state", suffix.lower())
    m = _RE_NOYEAR.match(s)
    if m:
        num, suffix, first, rest = m.groups()
        number = None if suffix else int(num)
        up = canonical_code(first, type_position=True)
        rest_c = canonical_issuer(rest.replace("TƯ", "TW"))
        if rest_c == "TW" and up.upper() in _type_codes()[1]:  # crossed: 09/NQ-TW
            return SymbolParts(f"{_num(num, suffix)}-{up}/TW", number, None, up, "TW", "party",
                               suffix.lower())
        if up.upper() in _type_codes()[0]:
            return SymbolParts(f"{_num(num, suffix)}/{up}-{rest_c}", number, None, up, rest_c,
                               "state", suffix.lower())
        issuer = canonical_issuer(f"{first}-{rest}")  # công văn: 123/VPCP-KGVX
        return SymbolParts(f"{num}{suffix}/{issuer}", number, None, None, issuer, "state",
                           suffix.lower())
    m = _RE_NOYEAR_1.match(s)
    if m:
        num, suffix, code = m.groups()
        number = None if suffix else int(num)
        issuer = canonical_issuer(code)
        sep = s[len(num) + len(suffix)]
        return SymbolParts(f"{num}{suffix}{sep}{issuer}", number, None, None, issuer, "state",
                           suffix.lower())
    return None


def canonical_symbol(raw: str) -> Optional[str]:
    p = parse_symbol(raw)
    return p.symbol if p else None
