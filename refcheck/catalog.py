"""The document catalog: loading, stacking, caching, indexing and validating ``catalog.yaml``.

``import refcheck.catalog`` stays cheap: PyYAML is imported only when a catalog file has to be
parsed (cache miss, ``validate``).  A parsed and indexed catalog is marshalled as plain builtins
(tuples, dicts, lists of ints, one blob of entries) under the cache dir, keyed by the sha256 of
the files' contents, the refcheck version and the ``Document`` field list, so a warm load is one
``marshal.load`` (no pickle import) and an entry becomes a ``Document`` only when a lookup
returns it.

See ``docs/catalog.md`` for the file format.
"""
from __future__ import annotations

import marshal
from array import array
from itertools import accumulate
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional, Sequence, Union

from .catalog_files import (DOC_FIELDS, cache_key as _cache_key, default_catalog_path, key_for,
                            stack_files as _stack, stack_key)
from .model import Document
from .normalize import canonical_chars

PathLike = Union[str, Path]

FORMAT_VERSION = 1

#: Counters for tests and benchmarks: how many files were parsed, how many loads hit the cache.
stats = {"parsed": 0, "cache_hits": 0, "cache_writes": 0}


# ---------------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------------
class CatalogError(Exception):
    """A located problem in a catalog file; ``str()`` is ``path:line: field: message``."""

    def __init__(self, path: PathLike, line: int, field: str, message: str):
        self.path = str(path)
        self.line = int(line)
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"

    def __reduce__(self):  # picklable despite the custom __init__
        return (CatalogError, (self.path, self.line, self.field, self.message))


class CatalogErrors(CatalogError):
    """Several errors at once (``load_catalog`` raises this; ``.errors`` holds them all)."""

    def __init__(self, errors: list[CatalogError]):
        self.errors = list(errors)
        first = self.errors[0]
        super().__init__(first.path, first.line, first.field, first.message)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)

    def __reduce__(self):
        return (CatalogErrors, (self.errors,))


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
    from .vocab import load_vocab

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


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def date_problem(value: str) -> Optional[str]:
    """``None`` if ``value`` is a real ISO date, else why not."""
    m = _ISO.match(value)
    if not m:
        return f"bad date {_short(value)}: expected YYYY-MM-DD"
    y, mo, d = (int(g) for g in m.groups())
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    if not 1 <= mo <= 12 or not 1 <= d <= (_DAYS[mo - 1] - (mo == 2 and not leap)):
        return f"impossible date {_short(value)}"
    if not 1900 <= y <= 2100:
        return f"impossible date {_short(value)}: year out of range"
    return None


# ---------------------------------------------------------------------------------------------
# Scope and terms
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Scope:
    name: str
    system: str
    issuer_codes: tuple[str, ...]
    type_codes: Optional[tuple[Optional[str], ...]] = None  # None: any type code
    start: Optional[str] = None  # "from" in the file
    end: Optional[str] = None  # "to" in the file (inclusive)
    complete: bool = False
    catalog: Optional[str] = None
    types: Optional[tuple[str, ...]] = None  # type words claimed (None: any)

    def matches(self, system: str, issuer_code: Optional[str], type_code: Optional[str],
                date: Optional[str] = None, type_word: Optional[str] = None) -> bool:
        if system != self.system or issuer_code is None:
            return False
        if not any(_glob(p).match(issuer_code) for p in self.issuer_codes):
            return False
        if self.type_codes is not None and type_code not in self.type_codes:
            return False
        if self.types is not None and type_word is not None and type_word not in self.types:
            return False
        if date:
            if self.start and date < self.start:
                return False
            if self.end and date > self.end:
                return False
        return True


_GLOBS: dict[str, re.Pattern] = {}


def _glob(pattern: str) -> re.Pattern:
    rx = _GLOBS.get(pattern)
    if rx is None:
        rx = _GLOBS[pattern] = re.compile(
            "^" + ".*".join(re.escape(p) for p in pattern.split("*")) + "$")
    return rx


# ---------------------------------------------------------------------------------------------
# Catalog
# ---------------------------------------------------------------------------------------------
def _lookup_key(type_code: Optional[str], number: Optional[int], issuer_code: Optional[str]):
    tc = canonical_code(type_code, type_position=True) if type_code else None
    ic = canonical_issuer(issuer_code) if issuer_code else None
    return (tc, number, ic)


class Catalog:
    """Stacked catalogs with dict indexes.  Lookups return lists (possibly empty)."""

    def __init__(self, state: dict, *, from_cache: bool = False):
        # Entries stay plain tuples until asked for: a pre-commit run touches a handful of the
        # thousands, and building every Document would be most of the load time.
        # One blob of marshalled entry tuples and their end offsets: loading it is one copy,
        # where 6,000 separate bytes objects cost 6,000 allocations.
        self._blob: bytes = state["blob"]
        self._ends = memoryview(state["ends"]).cast("I")
        self._made: dict[int, Document] = {}
        self._documents: Optional[list[Document]] = None
        self._by_id: Optional[dict[str, Document]] = None
        self.names: list[str] = state["names"]
        self.paths: list[str] = state["paths"]
        self.scopes: list[Scope] = [Scope(*s) for s in state["scopes"]]
        self.party_terms: list[tuple[str, str, Optional[str]]] = state["party_terms"]
        self.assembly_terms: list[tuple[str, int, Optional[int]]] = state["assembly_terms"]
        self._idx: dict[str, dict] = state["idx"]
        self._terms = {k: (s, e) for k, s, e in self.party_terms}
        self.from_cache = from_cache

    # -- entries ------------------------------------------------------------------------------
    def _doc(self, i: int) -> Document:
        d = self._made.get(i)
        if d is None:
            start = self._ends[i - 1] if i else 0
            d = self._made[i] = Document(*marshal.loads(self._blob[start:self._ends[i]]))
        return d

    @property
    def documents(self) -> list[Document]:
        if self._documents is None:
            self._documents = [self._doc(i) for i in range(len(self._ends))]
        return self._documents

    @property
    def by_id(self) -> dict[str, Document]:
        if self._by_id is None:
            self._by_id = {d.id: d for d in self.documents}
        return self._by_id

    # -- indexes ------------------------------------------------------------------------------
    def _index(self, name: str) -> dict:
        ix = self._idx[name]
        if isinstance(ix, bytes):  # from the cache: each index is decoded on first use
            ix = self._idx[name] = marshal.loads(ix)
        return ix

    def _get(self, name: str, key) -> list[Document]:
        hits = self._index(name).get(key)
        if not hits:
            return []
        return [self._doc(i) for i in hits]

    def lookup(self, type_code: Optional[str], number: Optional[int],
               issuer_code: Optional[str]) -> list[Document]:
        return self._get("lookup", _lookup_key(type_code, number, issuer_code))

    def by_symbol(self, symbol: str) -> list[Document]:
        p = parse_symbol(symbol)
        if p is not None:
            return self._get("symbol", p.symbol)
        return self.by_alias(symbol)

    def plenum(self, khoa: str, n: int) -> list[Document]:
        return self._get("plenum", (khoa.strip().upper(), int(n)))

    def congress(self, roman: str) -> list[Document]:
        return self._get("congress", roman.strip().upper())

    def by_alias(self, text: str) -> list[Document]:
        return self._get("alias", norm_text(text))

    def laws_by_title(self, title: str) -> list[Document]:
        return self._get("law_title", law_title_key(title))

    def get(self, doc_id: str) -> Optional[Document]:
        i = self._index("id").get(doc_id)
        return None if i is None else self._doc(i)

    def __len__(self) -> int:
        return len(self._ends)

    def __iter__(self):
        return iter(self.documents)

    # -- scope and terms ----------------------------------------------------------------------
    def scope_for(self, system: str, issuer_code: Optional[str], type_code: Optional[str],
                  date: Optional[str] = None, type_word: Optional[str] = None) -> Optional[Scope]:
        """The scope claiming such a document (latest catalog first), or ``None``."""
        if issuer_code:
            issuer_code = canonical_issuer(issuer_code)
        if type_code:
            type_code = canonical_code(type_code, type_position=True)
        for scope in reversed(self.scopes):
            if scope.matches(system, issuer_code, type_code, date, type_word):
                return scope
        return None

    def khoa_at(self, iso_date: str) -> Optional[str]:
        """Party term (Roman numeral) whose [start, end) contains ``iso_date``."""
        for khoa, start, end in self.party_terms:
            if start <= iso_date and (end is None or iso_date < end):
                return khoa
        return None

    def term(self, khoa: str) -> Optional[tuple[str, Optional[str]]]:
        """``(start, end)`` ISO dates of a Party term, end exclusive (``None``: open)."""
        return self._terms.get(khoa.strip().upper())

    def assembly_term_for_year(self, year: int) -> list[str]:
        """National Assembly terms covering ``year`` (a boundary year such as 2016 gives
        two: ``["XIII", "XIV"]``)."""
        return [k for k, s, e in self.assembly_terms if s <= year and (e is None or year <= e)]


def law_title_key(title: str) -> str:
    """``Luật Đất đai`` / ``đất  đai`` -> ``đất đai`` (the type word is dropped)."""
    t = norm_text(title)
    for prefix in ("bộ luật ", "luật ", "pháp lệnh "):
        if t.startswith(prefix):
            t = t[len(prefix):]
            break
    return t


LAW_TYPES = ("Luật", "Bộ luật", "Pháp lệnh")


def _build_state(merged: list[Document], names, paths, scopes, party_terms, assembly_terms):
    idx: dict[str, dict] = {k: {} for k in ("lookup", "symbol", "plenum", "congress", "alias",
                                            "law_title", "id")}

    def add(name, key, i):
        bucket = idx[name].get(key)
        if bucket is None:
            idx[name][key] = [i]
        elif bucket[-1] != i:
            bucket.append(i)

    for i, d in enumerate(merged):
        idx["id"][d.id] = i
        if d.number is not None or d.issuer_code:
            add("lookup", _lookup_key(d.type_code, d.number, d.issuer_code), i)
        if d.symbol:
            add("symbol", d.symbol, i)
        if d.plenum is not None and d.khoa:
            add("plenum", (d.khoa, d.plenum), i)
        if d.congress:
            add("congress", d.congress, i)
        for a in d.aliases:
            add("alias", norm_text(a), i)
        if d.title and d.type in LAW_TYPES:
            add("law_title", law_title_key(d.title), i)
    # Each entry marshalled on its own: unpickling 6,000 bytes objects is fifteen times faster
    # than 6,000 tuples, and an entry is decoded only when a lookup returns it.
    rows = [marshal.dumps(tuple(getattr(d, f) for f in DOC_FIELDS)) for d in merged]
    ends = array("I", accumulate(len(r) for r in rows))
    return {
        "blob": b"".join(rows), "ends": ends.tobytes(),
        "names": names, "paths": paths, "scopes": scopes, "party_terms": party_terms,
        "assembly_terms": assembly_terms, "idx": idx,
    }


# ---------------------------------------------------------------------------------------------
# Locating the embedded default and the cache
# ---------------------------------------------------------------------------------------------
def cache_dir() -> Path:
    from .vocab import cache_root

    return cache_root()


def _read_cache(key: str) -> Optional[dict]:
    import gc

    enabled = gc.isenabled()
    gc.disable()  # many small objects: the collector would run for nothing
    try:
        with open(cache_dir() / f"catalog-{key}.marshal", "rb") as fh:
            data = fh.read()  # (marshal.load(fh) reads object by object: five times slower)
        n = int.from_bytes(data[:8], "little")
        view = memoryview(data)
        state = marshal.loads(view[8:8 + n])
        state["blob"] = view[8 + n:]  # the entries stay in the file's buffer, uncopied
    except Exception:  # missing, unreadable, truncated: rebuild
        return None
    finally:
        if enabled:
            gc.enable()
    return state if isinstance(state, dict) and state.get("key") == key else None


def _write_cache(key: str, state: dict) -> None:
    try:
        d = cache_dir()
        d.mkdir(parents=True, exist_ok=True)
        tmp = d / f".catalog-{key}.{os.getpid()}.tmp"
        # Layout: header length (8 bytes), the marshalled header (each index marshalled on its
        # own, decoded when first used), then the entry blob, which a load leaves in place.
        header = {k: v for k, v in state.items() if k != "blob"}
        header["idx"] = {name: ix if isinstance(ix, bytes) else marshal.dumps(ix)
                         for name, ix in state["idx"].items()}
        header["key"] = key
        head = marshal.dumps(header)
        with open(tmp, "wb") as fh:
            fh.write(len(head).to_bytes(8, "little"))
            fh.write(head)
            fh.write(state["blob"])
        os.replace(tmp, d / f"catalog-{key}.marshal")
        stats["cache_writes"] += 1
        _prune(d)
    except (OSError, ValueError):  # unwritable cache dir (or unmarshallable state): work without it
        try:
            tmp.unlink()  # type: ignore[possibly-undefined]
        except Exception:
            pass


_KEEP = 16  # catalog caches kept: an edited house catalog must not fill the disk


def _prune(d: Path) -> None:
    """Keep the most recently built catalog caches, drop the rest."""
    try:
        caches = sorted(d.glob("catalog-*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in caches[_KEEP:]:
            old.unlink()
    except OSError:
        pass


def cache_path_for(paths: Optional[Sequence[PathLike]] = None, *, default: bool = True) -> Path:
    """Where the cache of this stack lives (for tests and ``catalog stats``)."""
    return cache_dir() / f"catalog-{stack_key(paths, default=default)}.marshal"


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------
def _read_all(files: Sequence[Path]) -> list[bytes]:
    contents = []
    for p in files:
        try:
            contents.append(p.read_bytes())
        except OSError as exc:
            raise CatalogError(p, 0, "file", f"cannot read: {exc.strerror or exc}") from None
    return contents


def load_catalog(paths: Optional[Sequence[PathLike]] = None, *, default: bool = True,
                 use_cache: bool = True) -> Catalog:
    """Load the embedded default (unless ``default=False``) then each file of ``paths``;
    a later entry with the same id replaces an earlier one.  Raises ``CatalogError``
    (a ``CatalogErrors`` holding every problem) on an invalid file."""
    files = _stack(paths, default)
    try:
        key, contents = key_for(files)
    except OSError:
        key, contents = None, None  # the loop below names the file that cannot be read
    if contents is None and (key is None or not use_cache):
        contents = _read_all(files)
        key = _cache_key(contents)
    if use_cache:
        state = _read_cache(key)
        if state is not None:
            stats["cache_hits"] += 1
            import gc

            enabled = gc.isenabled()
            gc.disable()
            try:
                return Catalog(state, from_cache=True)
            finally:
                if enabled:
                    gc.enable()

    if contents is None:  # the key came from the files' stat memo: read them now
        contents = _read_all(files)
    parsed = [_parse_file(p, c) for p, c in zip(files, contents)]
    terms_p: dict[str, tuple] = {}
    terms_a: dict[str, tuple] = {}
    for pf in parsed:
        for k, s, e in pf.party_terms:
            terms_p[k] = (k, s, e)
        for k, s, e in pf.assembly_terms:
            terms_a[k] = (k, s, e)
    party_terms = sorted(terms_p.values(), key=lambda t: t[1])
    assembly_terms = sorted(terms_a.values(), key=lambda t: t[1])
    known_ids = set()
    for pf in parsed:
        known_ids.update(d.id for d in pf.docs)
    errors: list[CatalogError] = []
    for pf in parsed:
        errors += pf.errors
        errors += _check_semantics(pf, known_ids, {k: (s, e) for k, s, e in party_terms})
    if errors:
        raise CatalogErrors(errors)

    merged: dict[str, Document] = {}
    scopes = []
    names = []
    for pf in parsed:
        names.append(pf.name)
        for d in pf.docs:
            d.catalog = pf.name
            merged[d.id] = d  # same id: replaced in place, keeps the first position
        scopes += [s for s in pf.scopes]
    state = _build_state(list(merged.values()), names, [str(p) for p in files],
                         [tuple(getattr(s, f) for f in Scope.__slots__) for s in scopes],
                         party_terms, assembly_terms)
    if use_cache:
        _write_cache(key, state)
    return Catalog(state)


# ---------------------------------------------------------------------------------------------
# Parsing one file (cache miss / validate): safe YAML, no aliases, located errors
# ---------------------------------------------------------------------------------------------
TOP_KEYS = {"refcheck_catalog", "name", "description", "terms", "scope", "documents"}
DOC_KEYS = {"id", "symbol", "system", "type", "number", "year", "type_code", "issuer_code",
            "issuer", "date", "effective", "expired", "title", "khoa", "plenum", "congress",
            "relations", "aliases", "source", "verified"}
REL_KEYS = ("replaces", "replaced_by", "amends")
SCOPE_KEYS = {"name", "system", "issuer_codes", "type_codes", "types", "from", "to", "complete"}
_SAFE_TAGS = {"tag:yaml.org,2002:" + t for t in
              ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}


class _ParsedFile:
    __slots__ = ("path", "name", "docs", "doc_nodes", "doc_index", "scopes", "party_terms",
                 "assembly_terms", "errors", "root")

    def __init__(self, path):
        self.path = str(path)
        self.name = Path(path).stem
        self.docs: list[Document] = []
        self.doc_nodes: list[Any] = []
        self.doc_index: list[int] = []
        self.scopes: list[Scope] = []
        self.party_terms: list[tuple] = []
        self.assembly_terms: list[tuple] = []
        self.errors: list[CatalogError] = []
        self.root = None


_LOADER = None


def _loader_class():
    global _LOADER
    if _LOADER is None:
        import yaml

        base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        class _Loader(base):  # type: ignore[misc, valid-type]
            pass

        # keep dates as the strings written, so a bad or impossible date is reported, located,
        # by the validator instead of raising inside the constructor
        _Loader.add_constructor("tag:yaml.org,2002:timestamp",
                                lambda loader, node: loader.construct_scalar(node))
        _LOADER = _Loader
    return _LOADER


def _line(node) -> int:
    return node.start_mark.line + 1 if node is not None else 0


def _key_node(mapping_node, key: str):
    """The value node of ``key`` in a mapping node (for locating errors)."""
    if mapping_node is None or not hasattr(mapping_node, "value"):
        return None
    if isinstance(mapping_node.value, list):
        for k, v in mapping_node.value:
            if isinstance(k.value, str) and k.value == key:
                return v
    return None


# A catalog nests three or four levels deep. libyaml's composer recurses once per level and
# overflows the C stack (a segfault, no message) near 100,000; refuse long before, in one
# linear pass, and say where.
_DEEP = re.compile(rb"(?:[\[{][ \t\r\n]*){64}|(?:-[ \t]+){64}")


def _compose(path: str, text: bytes):
    """Compose the YAML node tree (C composer when available); errors located."""
    import yaml

    deep = _DEEP.search(text)
    if deep:
        raise CatalogError(path, text.count(b"\n", 0, deep.start()) + 1, "yaml",
                           "nesting too deep (more than 64 levels)")

    loader = _loader_class()(text)
    try:
        node = loader.get_single_node()
        if node is not None and node.id != "mapping":
            raise CatalogError(path, _line(node), "file",
                               "a catalog is a mapping with 'documents'")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise CatalogError(path, (mark.line + 1) if mark else 0, "yaml",
                           f"malformed YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise CatalogError(path, 0, "yaml", f"malformed YAML: {exc}") from None
    finally:
        try:
            loader.dispose()
        except Exception:
            pass
    return node, loader


def _alias_error(path: str, text: bytes) -> CatalogError:
    """Locate the first alias (``*name``) with the event parser (error path only)."""
    import yaml

    try:
        for ev in yaml.parse(text, Loader=_loader_class()):
            if isinstance(ev, yaml.AliasEvent):
                return CatalogError(path, ev.start_mark.line + 1, "yaml",
                                    f"alias *{ev.anchor}: YAML anchors/aliases are not "
                                    f"allowed in a catalog")
    except yaml.YAMLError:
        pass
    return CatalogError(path, 0, "yaml", "YAML anchors/aliases are not allowed in a catalog")


_T = "tag:yaml.org,2002:"
_BOOL_TRUE = {"yes", "true", "on", "y"}


def _to_python(path: str, root, text: bytes = b""):
    """Node tree -> Python values in one pass, refusing aliases (billion laughs: an alias is
    a node met twice, so nothing is ever expanded) and any non-standard tag
    (``!!python/...``).  Dates stay the strings written."""
    seen: set[int] = set()

    def conv(node, where):
        if id(node) in seen:
            raise _alias_error(path, text)
        seen.add(id(node))
        tag = node.tag
        if tag not in _SAFE_TAGS:
            raise CatalogError(path, _line(node), where or "yaml",
                               f"tag {tag!r} is not allowed (safe YAML only)")
        if node.id == "scalar":
            v = node.value
            if tag == _T + "str" or tag == _T + "timestamp":
                return v
            if tag == _T + "null":
                return None
            if tag == _T + "bool":
                return v.lower() in _BOOL_TRUE
            if tag == _T + "int":
                try:
                    return int(v.replace("_", ""))
                except ValueError:
                    pass
            elif tag == _T + "float":
                try:
                    return float(v.replace("_", ""))
                except ValueError:
                    pass
            raise CatalogError(path, _line(node), where or "yaml",
                               f"unsupported {tag.rsplit(':', 1)[-1]} value {_short(v)}")
        if node.id == "sequence":
            return [conv(v, f"{where}[{i}]") for i, v in enumerate(node.value)]
        out = {}
        for k, v in node.value:
            key = conv(k, where)
            if isinstance(key, (list, dict)):
                raise CatalogError(path, _line(k), where or "yaml", "complex keys not allowed")
            out[key] = conv(v, f"{where}.{key}" if where else str(key))
        return out

    return conv(root, "")


def _parse_file(path: PathLike, text: bytes) -> _ParsedFile:
    stats["parsed"] += 1
    pf = _ParsedFile(path)
    p = pf.path
    try:
        root, _loader = _compose(p, text)
        if root is None:
            raise CatalogError(p, 1, "file", "empty catalog")
        data = _to_python(p, root, text)
    except CatalogError as exc:
        pf.errors.append(exc)
        return pf
    except RecursionError:
        pf.errors.append(CatalogError(p, 0, "yaml", "nesting too deep"))
        return pf
    pf.root = root
    _check_schema(pf, data, root)
    return pf


def _short(v, limit: int = 60) -> str:
    """A value for an error message: repr, cut so that one bad field never floods a terminal."""
    r = repr(v)
    return r if len(r) <= limit else r[:limit - 1] + "…"


def _typename(v) -> str:
    return {str: "string", int: "integer", bool: "boolean", list: "list", dict: "mapping",
            float: "number", type(None): "null"}.get(type(v), type(v).__name__)


def _check_schema(pf: _ParsedFile, data, root) -> None:
    p = pf.path
    err = pf.errors.append
    if not isinstance(data, dict):
        err(CatalogError(p, _line(root), "file", "a catalog is a mapping with 'documents'"))
        return
    for k in data:
        if k not in TOP_KEYS:
            err(CatalogError(p, _line(_key_node(root, k)), str(k), "unknown key"))
    ver = data.get("refcheck_catalog")
    if ver != FORMAT_VERSION or isinstance(ver, bool):
        err(CatalogError(p, _line(_key_node(root, "refcheck_catalog")) or 1, "refcheck_catalog",
                         f"expected refcheck_catalog: {FORMAT_VERSION}, got {ver!r}"))
    name = data.get("name")
    if name is not None:
        if isinstance(name, str) and name:
            pf.name = name
        else:
            err(CatalogError(p, _line(_key_node(root, "name")), "name", "must be a string"))
    if "description" in data and not isinstance(data["description"], (str, type(None))):
        err(CatalogError(p, _line(_key_node(root, "description")), "description",
                         "must be a string"))
    _check_terms(pf, data.get("terms"), _key_node(root, "terms"))
    _check_scopes(pf, data.get("scope"), _key_node(root, "scope"))
    docs = data.get("documents", [])
    dnode = _key_node(root, "documents")
    if docs is None:
        docs = []
    if not isinstance(docs, list):
        err(CatalogError(p, _line(dnode), "documents", f"must be a list, got {_typename(docs)}"))
        return
    seen: dict[str, int] = {}
    for i, entry in enumerate(docs):
        node = dnode.value[i]
        doc = _check_doc(pf, entry, node, i)
        if doc is None:
            continue
        if doc.id in seen:
            err(CatalogError(p, _line(_key_node(node, "id")), f"documents[{i}].id",
                             f"duplicate id {doc.id!r} (first at line {seen[doc.id]})"))
            continue
        seen[doc.id] = _line(node)
        pf.docs.append(doc)
        pf.doc_nodes.append(node)
        pf.doc_index.append(i)


def _check_terms(pf, terms, node) -> None:
    p = pf.path
    if terms is None:
        return
    if not isinstance(terms, dict):
        pf.errors.append(CatalogError(p, _line(node), "terms", "must be a mapping"))
        return
    for k in terms:
        if k not in ("party", "assembly"):
            pf.errors.append(CatalogError(p, _line(_key_node(node, k)), f"terms.{k}",
                                          "unknown key"))
    for kind in ("party", "assembly"):
        items = terms.get(kind) or []
        lnode = _key_node(node, kind)
        if not isinstance(items, list):
            pf.errors.append(CatalogError(p, _line(lnode), f"terms.{kind}", "must be a list"))
            continue
        for i, t in enumerate(items):
            tnode = lnode.value[i]
            where = f"terms.{kind}[{i}]"
            if not isinstance(t, dict):
                pf.errors.append(CatalogError(p, _line(tnode), where, "must be a mapping"))
                continue
            bad = [k for k in t if k not in ("khoa", "start", "end")]
            for k in bad:
                pf.errors.append(CatalogError(p, _line(_key_node(tnode, k)), f"{where}.{k}",
                                              "unknown key"))
            khoa, start, end = t.get("khoa"), t.get("start"), t.get("end")
            if not isinstance(khoa, str) or from_roman(khoa) is None:
                pf.errors.append(CatalogError(p, _line(_key_node(tnode, "khoa") or tnode),
                                              f"{where}.khoa", "must be a Roman numeral"))
                continue
            ok = True
            for fname, v in (("start", start), ("end", end)):
                if v is None and fname == "end":
                    continue
                vn = _line(_key_node(tnode, fname) or tnode)
                if kind == "party":
                    prob = date_problem(v) if isinstance(v, str) else "must be an ISO date"
                else:
                    prob = None if isinstance(v, int) and not isinstance(v, bool) \
                        and 1900 <= v <= 2100 else "must be a year"
                if prob:
                    pf.errors.append(CatalogError(p, vn, f"{where}.{fname}", prob))
                    ok = False
            if ok and end is not None and end <= start:
                pf.errors.append(CatalogError(p, _line(tnode), f"{where}.end",
                                              "term ends before it starts"))
                ok = False
            if ok:
                (pf.party_terms if kind == "party" else pf.assembly_terms).append(
                    (khoa, start, end))


def _check_scopes(pf, scopes, node) -> None:
    p = pf.path
    if scopes is None:
        return
    if not isinstance(scopes, list):
        pf.errors.append(CatalogError(p, _line(node), "scope", "must be a list"))
        return
    for i, s in enumerate(scopes):
        snode = node.value[i]
        where = f"scope[{i}]"
        if not isinstance(s, dict):
            pf.errors.append(CatalogError(p, _line(snode), where, "must be a mapping"))
            continue
        n0 = len(pf.errors)
        for k in s:
            if k not in SCOPE_KEYS:
                pf.errors.append(CatalogError(p, _line(_key_node(snode, k)), f"{where}.{k}",
                                              "unknown key"))

        def bad(k, msg):
            pf.errors.append(CatalogError(p, _line(_key_node(snode, k) or snode),
                                          f"{where}.{k}", msg))

        if not isinstance(s.get("name"), str):
            bad("name", "required string")
        if s.get("system") not in ("party", "state"):
            bad("system", "must be 'party' or 'state'")
        ic = s.get("issuer_codes")
        if not isinstance(ic, list) or not ic or not all(isinstance(x, str) for x in ic):
            bad("issuer_codes", "must be a non-empty list of strings")
        tc = s.get("type_codes")
        if tc is not None and (not isinstance(tc, list)
                               or not all(isinstance(x, (str, type(None))) for x in tc)):
            bad("type_codes", "must be a list of strings or nulls")
        for k in ("from", "to"):
            v = s.get(k)
            if v is not None:
                prob = date_problem(v) if isinstance(v, str) else "must be an ISO date"
                if prob:
                    bad(k, prob)
        if not isinstance(s.get("complete", False), bool):
            bad("complete", "must be true or false")
        tw = s.get("types")
        if tw is not None and (not isinstance(tw, list) or not all(isinstance(x, str) for x in tw)):
            bad("types", "must be a list of type words")
        if len(pf.errors) == n0:
            pf.scopes.append(Scope(
                s["name"], s["system"], tuple(ic),
                None if tc is None else tuple(
                    canonical_code(x, type_position=True) if x else None for x in tc),
                s.get("from"), s.get("to"), bool(s.get("complete", False)), pf.name,
                None if tw is None else tuple(tw)))


_INT_FIELDS = ("number", "year", "plenum")
_STR_FIELDS = ("id", "symbol", "type", "type_code", "issuer_code", "issuer", "title", "khoa",
               "congress", "source")
_DATE_FIELDS = ("date", "effective", "expired")


def _check_doc(pf, entry, node, i) -> Optional[Document]:
    p = pf.path
    where = f"documents[{i}]"
    if not isinstance(entry, dict):
        pf.errors.append(CatalogError(p, _line(node), where,
                                      f"must be a mapping, got {_typename(entry)}"))
        return None
    n0 = len(pf.errors)

    def bad(k, msg, sub=None):
        vn = _key_node(node, k)
        if sub is not None and vn is not None:
            vn = sub(vn)
        pf.errors.append(CatalogError(p, _line(vn or node), f"{where}.{k}", msg))

    for k in entry:
        if k not in DOC_KEYS:
            bad(str(k), "unknown key")
    for k in ("id", "system"):
        if entry.get(k) in (None, ""):
            pf.errors.append(CatalogError(p, _line(node), f"{where}.{k}", f"missing {k}"))
    for k in _STR_FIELDS:
        v = entry.get(k)
        if v is not None and (not isinstance(v, str) or not v.strip()):
            bad(k, f"must be a non-empty string, got {_typename(v)}")
    for k in _INT_FIELDS:
        v = entry.get(k)
        if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
            bad(k, f"must be a non-negative integer, got {_typename(v)} {_short(v)}")
    for k in _DATE_FIELDS:
        v = entry.get(k)
        if v is not None:
            prob = date_problem(v) if isinstance(v, str) else \
                f"bad date: expected YYYY-MM-DD, got {_typename(v)}"
            if prob:
                bad(k, prob)
    sysv = entry.get("system")
    if sysv is not None and sysv not in ("party", "state"):
        bad("system", f"must be 'party' or 'state', got {sysv!r}")
    v = entry.get("verified")
    if v is not None and not isinstance(v, bool):
        bad("verified", f"must be true or false, got {_typename(v)}")
    for k in ("khoa", "congress"):
        v = entry.get(k)
        if isinstance(v, str) and from_roman(v) is None:
            bad(k, f"must be a Roman numeral, got {_short(v)}")
    aliases = entry.get("aliases")
    if aliases is not None and (not isinstance(aliases, list)
                                or not all(isinstance(a, str) and a.strip() for a in aliases)):
        bad("aliases", "must be a list of strings")
    rel = entry.get("relations")
    rels: dict[str, tuple] = {}
    if rel is not None:
        if not isinstance(rel, dict):
            bad("relations", "must be a mapping")
        else:
            rnode = _key_node(node, "relations")
            for k, targets in rel.items():
                if k not in REL_KEYS:
                    pf.errors.append(CatalogError(p, _line(_key_node(rnode, k) or rnode),
                                                  f"{where}.relations.{k}", "unknown key"))
                elif not isinstance(targets, list) or not all(isinstance(t, str)
                                                              for t in targets):
                    pf.errors.append(CatalogError(p, _line(_key_node(rnode, k) or rnode),
                                                  f"{where}.relations.{k}",
                                                  "must be a list of ids"))
                else:
                    rels[k] = tuple(targets)
    if len(pf.errors) != n0:
        return None
    sym = entry.get("symbol")
    if sym:  # fields a user left out are taken from the symbol (contradictions are checked later)
        sp = parse_symbol(sym)
        if sp is not None:
            entry = dict(entry)
            for k in ("number", "type_code", "issuer_code"):
                if k not in entry:
                    entry[k] = getattr(sp, k)
            if "year" not in entry and entry.get("system") == "state":
                entry["year"] = sp.year
    return Document(
        id=entry["id"], symbol=entry.get("symbol"), type=entry.get("type"),
        number=entry.get("number"), year=entry.get("year"), type_code=entry.get("type_code"),
        issuer_code=entry.get("issuer_code"), issuer=entry.get("issuer"),
        date=entry.get("date"), system=entry["system"], effective=entry.get("effective"),
        title=entry.get("title"), khoa=entry.get("khoa"), plenum=entry.get("plenum"),
        congress=entry.get("congress"), replaces=rels.get("replaces", ()),
        replaced_by=rels.get("replaced_by", ()), amends=rels.get("amends", ()),
        expired=entry.get("expired"), aliases=tuple(aliases or ()), source=entry.get("source"),
        verified=entry.get("verified", True),
    )


def _check_semantics(pf: _ParsedFile, known_ids: set, terms: dict) -> list[CatalogError]:
    """Cross-field checks: dangling relations, symbol vs fields, year vs date, khóa vs date."""
    out: list[CatalogError] = []
    p = pf.path
    for doc, node, i in zip(pf.docs, pf.doc_nodes, pf.doc_index):
        where = f"documents[{i}]"

        def bad(k, msg, n=None):
            out.append(CatalogError(p, _line(n or _key_node(node, k) or node), f"{where}.{k}",
                                    msg))

        rnode = _key_node(node, "relations")
        for kind in REL_KEYS:
            targets = getattr(doc, kind)
            tnode = _key_node(rnode, kind)
            for j, t in enumerate(targets):
                if t not in known_ids:
                    n = tnode.value[j] if tnode is not None and j < len(tnode.value) else None
                    bad(f"relations.{kind}", f"{t!r} points to no document", n)
                elif t == doc.id:
                    bad(f"relations.{kind}", "a document cannot relate to itself")
        if doc.symbol:
            sp = parse_symbol(doc.symbol)
            if sp is None:
                bad("symbol", f"cannot parse symbol {doc.symbol!r}")
            else:
                if sp.symbol != doc.symbol:
                    bad("symbol", f"not canonical: write {sp.symbol!r}")
                for k in ("number", "type_code", "issuer_code", "year"):
                    have = getattr(doc, k)
                    want = getattr(sp, k)
                    if k in ("year",) and doc.system == "party":
                        continue
                    if have != want:
                        bad(k, f"{have!r} contradicts symbol {doc.symbol!r} ({k} {want!r})")
                if (doc.system == "state" and sp.year is not None and doc.date
                        and int(doc.date[:4]) != sp.year):
                    bad("date", f"{doc.date} contradicts the year {sp.year} in {doc.symbol!r}")
        if doc.system == "party" and doc.khoa and doc.date:
            t = terms.get(doc.khoa)
            if t is not None:
                start, end = t
                if doc.date < start or (end is not None and doc.date >= end):
                    bad("date", f"{doc.date} is outside khóa {doc.khoa} "
                                f"({start} to {end or 'now'})")
    return out


# ---------------------------------------------------------------------------------------------
# validate
# ---------------------------------------------------------------------------------------------
def validate(paths: Optional[Sequence[PathLike]] = None, *,
             against_default: bool = True) -> list[CatalogError]:
    """Every problem in ``paths`` (default: the embedded catalog), file by file.

    Relations may point to ids of any of the files or, with ``against_default``, of the
    embedded catalog; Party dates are checked against the terms of the files (else the
    default's).
    """
    files = [Path(p) for p in paths] if paths else [default_catalog_path()]
    parsed = []
    errors: list[CatalogError] = []
    for f in files:
        try:
            text = f.read_bytes()
        except OSError as exc:
            errors.append(CatalogError(f, 0, "file", f"cannot read: {exc.strerror or exc}"))
            continue
        parsed.append(_parse_file(f, text))
    known = set()
    terms: dict = {}
    default_path = default_catalog_path()
    if against_default and all(Path(f).resolve() != default_path.resolve() for f in files):
        try:
            base = load_catalog(default=True)
            known.update(base.by_id)
            terms.update({k: (s, e) for k, s, e in base.party_terms})
        except CatalogError:
            pass
    for pf in parsed:
        known.update(d.id for d in pf.docs)
        terms.update({k: (s, e) for k, s, e in pf.party_terms})
    for pf in parsed:
        errors += pf.errors
        errors += _check_semantics(pf, known, terms)
    return errors
