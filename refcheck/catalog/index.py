"""The indexed catalog: scopes, terms and lookups over entries decoded on demand."""
from __future__ import annotations

import marshal
import re
from array import array
from dataclasses import dataclass
from itertools import accumulate
from functools import lru_cache
from pathlib import Path
from typing import Optional, Union

from refcheck.catalog.files import DOC_FIELDS
from refcheck.model import Document
from refcheck.notation.symbols import canonical_code, canonical_issuer, parse_symbol
from refcheck.text.normalize import norm_text

PathLike = Union[str, Path]

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

    def decode_all(self) -> None:
        """Decode every entry and index now: before forking workers, which would otherwise
        each decode the same ones again (a large run ends up touching most of them)."""
        self.documents  # noqa: B018  (the property decodes them)
        for name in self._idx:
            self._index(name)

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

    def law_title_keys(self) -> list[str]:
        """Every law title the catalog knows (keys of ``laws_by_title``)."""
        return list(self._index("law_title"))

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

    def series(self, key: Optional[tuple]):
        """Coverage of one numbering series (``coverage.series_key``), or ``None``."""
        if key is None:
            return None
        from refcheck.catalog.coverage import Series

        hit = self._index("coverage").get(key)
        return Series(key, *hit) if hit else None

    def all_series(self) -> list:
        from refcheck.catalog.coverage import Series

        return [Series(k, *v) for k, v in self._index("coverage").items()]

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
    return strip_law_word(norm_text(title))


@lru_cache(maxsize=1)
def law_types() -> tuple[str, ...]:
    """The law words of vocab.yaml (Luật, Bộ luật, Pháp lệnh) and the constitution's type
    (Hiến pháp): the types a law title has."""
    from refcheck.notation.vocab import load_vocab

    v = load_vocab()
    return v.law_words + tuple(v.constitution_words())


def strip_law_word(title: str) -> str:
    """``Bộ luật Hình sự`` -> ``Hình sự``: the law word a title opens with (any case) dropped."""
    low = title.casefold()
    for w in sorted(law_types(), key=len, reverse=True):
        if low.startswith(w.casefold() + " "):
            return title[len(w) + 1:]
    return title


def __getattr__(name: str):
    if name == "LAW_TYPES":  # read lazily: importing the catalog must not load vocab.yaml
        return law_types()
    raise AttributeError(name)


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
        if d.title and d.type in law_types():
            add("law_title", law_title_key(d.title), i)
    from refcheck.catalog.coverage import compute

    idx["coverage"] = compute(merged, party_terms)
    # Each entry marshalled on its own: unpickling 6,000 bytes objects is fifteen times faster
    # than 6,000 tuples, and an entry is decoded only when a lookup returns it.
    rows = [marshal.dumps(tuple(getattr(d, f) for f in DOC_FIELDS)) for d in merged]
    ends = array("I", accumulate(len(r) for r in rows))
    return {
        "blob": b"".join(rows), "ends": ends.tobytes(),
        "names": names, "paths": paths, "scopes": scopes, "party_terms": party_terms,
        "assembly_terms": assembly_terms, "idx": idx,
    }
