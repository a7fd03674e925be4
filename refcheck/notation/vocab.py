"""Loads ``notation/vocab.yaml``: type words, codes, issuers, bodies, ordinals.

Everything else reads these tables from here; nothing repeats them in code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from refcheck.fsio import cache_file, try_write_atomic

VOCAB_FILE = Path(__file__).resolve().parent / "vocab.yaml"


@dataclass(slots=True)
class Vocab:
    types: dict[str, tuple[str | None, ...]]  # canonical type word -> allowed codes
    type_variants: dict[str, str]  # spelling -> canonical word
    code_variants: dict[str, str]
    issuer_exact: dict[str, dict]  # code -> {system, bodies}
    issuer_prefix: list[tuple[str, dict]]  # (prefix, info) for patterns ending in *
    issuer_suffix: list[tuple[str, dict]]  # (suffix, info) for patterns starting with *
    bodies: dict[str, str]  # phrase -> canonical body
    ordinals: dict[str, int]
    code_of_type: dict[str, list[str]] = field(default_factory=dict)  # code -> type words
    short_types: dict[str, str] = field(default_factory=dict)  # "NĐ" -> "Nghị định" (short forms)
    short_forms: tuple[str, ...] = ()  # type words that take a short form
    interchangeable: frozenset = frozenset()  # frozensets of two type words
    other_type_codes: tuple[str, ...] = ()  # type codes without a type word here
    party_type_codes: tuple[str, ...] = ()
    canonical_bodies: frozenset = frozenset()  # the values of ``bodies``, for membership tests
    issuer_variants: dict[str, str] = field(default_factory=dict)  # TƯ -> TW
    party_shape_suffixes: tuple[str, ...] = ()  # unknown issuers in NN-XX/YY that are Party
    law_words: tuple[str, ...] = ()  # Luật, Bộ luật, Pháp lệnh
    named: dict[str, tuple[str, ...]] = field(default_factory=dict)  # types, central, plenum, congress
    checks: dict = field(default_factory=dict)  # the ``checks:`` tables the rules read (keyword)

    def constitution_words(self) -> list[str]:
        """The constitution's type word ("Hiến pháp", ``checks.constitution`` of vocab.yaml)."""
        t = ((self.checks or {}).get("constitution") or {}).get("type")
        return [t] if t else []

    def is_type_code(self, code: str) -> bool:
        return code in self.code_of_type or code in self.other_type_codes

    def same_kind(self, a: str | None, b: str | None) -> bool:
        """Whether two type words may name one document (equal, or used for each other)."""
        return a == b or frozenset((a, b)) in self.interchangeable

    def codes_for_body(self, body: str | None) -> list[str]:
        """Issuer codes under which ``body`` signs (exact codes only, not patterns)."""
        if not body:
            return []
        return [code for code, info in self.issuer_exact.items() if body in (info.get("bodies") or ())]
    def issuer_info(self, code: str | None) -> dict | None:
        if not code:
            return None
        first = code.split("-")[0]
        info = self.issuer_exact.get(first)
        if info is not None:
            return info
        for prefix, pinfo in self.issuer_prefix:
            if first.startswith(prefix):
                return pinfo
        for suffix, sinfo in self.issuer_suffix:
            if first.endswith(suffix):
                return sinfo
        return None

    def system_of(self, issuer_code: str | None) -> str | None:
        info = self.issuer_info(issuer_code)
        return info["system"] if info else None

    def canonical_type(self, word: str | None) -> str | None:
        if word is None:
            return None
        word = re.sub(r"\s+", " ", word.strip())
        if word in self.types:
            return word
        if word in self.type_variants:
            return self.type_variants[word]
        if word in self.short_types:
            return self.short_types[word]
        cap = word[:1].upper() + word[1:]
        return cap if cap in self.types else word

    def spellings_of(self, words) -> list[str]:
        """Every written form of some type words: as listed, their type_variants, and each of
        those with a lower-case first letter."""
        words = list(words)
        words += [w for w, canon in self.type_variants.items() if canon in words]
        return sorted(set(words + [w[:1].lower() + w[1:] for w in words]))

    def law_spellings(self) -> list[str]:
        """Luật, luật, Bộ luật, Bộ Luật, bộ luật, Pháp lệnh, pháp lệnh (from ``law_words``)."""
        return self.spellings_of(self.law_words)

    def named_type_spellings(self) -> list[str]:
        """Type words that name a plenum or congress resolution, as written."""
        return self.spellings_of(self.named.get("types", ()))

    def named_words(self) -> list[str]:
        """What follows a named type word: "Trung ương" (as written), "Hội nghị", "Đại hội"."""
        n = self.named
        return [*n.get("central", ()), *n.get("plenum", ()), *n.get("congress", ())]

    def type_spellings(self) -> list[str]:
        """Every written form of a type word, including lower-case first letters."""
        words = list(self.types) + list(self.type_variants)
        return words + [w[:1].lower() + w[1:] for w in words] + list(self.short_types)


    def canonical_body(self, phrase: str | None) -> str | None:
        if not phrase:
            return None
        phrase = re.sub(r"\s+", " ", phrase.strip())
        if phrase in self.bodies:
            return self.bodies[phrase]
        if phrase.startswith("Bộ trưởng "):
            return self.canonical_body(phrase[len("Bộ trưởng "):])
        # "của Ủy ban thường vụ Quốc hội" (news writes a body's inner words in any case)
        return _folded_bodies(self).get(phrase.casefold(), phrase)

    def bodies_for_code(self, issuer_code: str | None) -> tuple[str, ...] | None:
        """Bodies allowed to sign under the first issuer code; None when unknown."""
        info = self.issuer_info(issuer_code)
        if not info or not info.get("bodies"):
            return None
        return tuple(info["bodies"])

    def known_body(self, body: str | None) -> bool:
        return body is not None and body in self.canonical_bodies

    def is_generic(self, word: str | None) -> bool:
        """A type word that may carry any code ("văn bản số 152/TTg-CN")."""
        return word is not None and "*" in (self.types.get(word) or ())


@lru_cache(maxsize=1)
def load_vocab() -> Vocab:
    """The vocabulary, from a pickle keyed by the YAML file's hash when one is cached: a
    pre-commit run should not pay for importing a YAML parser."""
    import hashlib
    import pickle

    from refcheck._version import __version__

    data = VOCAB_FILE.read_bytes()
    # The key covers the file and the shape of Vocab: a new field must not meet an old pickle.
    # The module path is part of it too: a pickle names the class by its module.
    shape = ",".join([__name__, *Vocab.__dataclass_fields__]).encode()
    digest = hashlib.sha256(data + b"\0" + shape + b"\0" + __version__.encode()).hexdigest()[:20]
    cache = cache_file(f"vocab-{digest}.pickle")
    if cache is not None:
        try:
            with open(cache, "rb") as fh:
                v = pickle.load(fh)
            if isinstance(v, Vocab):
                return v
        except Exception:  # unreadable or damaged (any unpickling error): parse the YAML
            pass
    v = _parse_vocab(data)
    if cache is not None:
        try_write_atomic(cache, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL))
    return v


def _parse_vocab(data: bytes) -> Vocab:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    raw = yaml.load(data.decode("utf-8"), Loader=loader)
    types = {w: tuple(codes) for w, codes in raw["types"].items()}
    exact: dict[str, dict] = {}
    prefix: list[tuple[str, dict]] = []
    suffix: list[tuple[str, dict]] = []
    for code, info in raw["issuers"].items():
        info = dict(info or {})
        if code.endswith("*"):
            prefix.append((code[:-1], info))
        elif code.startswith("*"):
            suffix.append((code[1:], info))
        else:
            exact[code] = info
    prefix.sort(key=lambda p: -len(p[0]))
    suffix.sort(key=lambda p: -len(p[0]))
    code_of_type: dict[str, list[str]] = {}
    for word, codes in types.items():
        for c in codes:
            if c and c != "*":
                code_of_type.setdefault(c, []).append(word)
    return Vocab(types, dict(raw.get("type_variants") or {}), dict(raw.get("code_variants") or {}),
                 exact, prefix, suffix, dict(raw["bodies"]), {k: int(v) for k, v in raw["ordinals"].items()},
                 code_of_type, dict(raw.get("short_types") or {}),
                 tuple(raw.get("short_forms") or ()),
                 frozenset(frozenset(pair) for pair in raw.get("interchangeable") or ()),
                 tuple(raw.get("other_type_codes") or ()), tuple(raw.get("party_type_codes") or ()),
                 frozenset(raw["bodies"].values()), dict(raw.get("issuer_variants") or {}),
                 tuple(raw.get("party_shape_suffixes") or ()), tuple(raw.get("law_words") or ()),
                 {k: tuple(x) for k, x in (raw.get("named") or {}).items()},
                 checks=dict(raw.get("checks") or {}))


_FOLDED: dict[int, dict[str, str]] = {}


def _folded_bodies(v: Vocab) -> dict[str, str]:
    """Case-folded spelling -> canonical body, for every body phrase and canonical name."""
    d = _FOLDED.get(id(v))
    if d is None:
        d = {b.casefold(): b for b in v.canonical_bodies}
        for phrase, canon in v.bodies.items():
            d.setdefault(phrase.casefold(), canon)
        for info in v.issuer_exact.values():
            for b in info.get("bodies") or ():
                d.setdefault(b.casefold(), b)
        _FOLDED.clear()
        _FOLDED[id(v)] = d
    return d


def upper_class() -> str:
    """A regex class of the capital letters of Vietnamese (A-Z, Đ, and every vowel with its
    marks). A range such as ``À-Ỹ`` is wrong here: Unicode interleaves capitals and small
    letters there, so it matches "đã" as well as "Đà"."""
    import unicodedata

    caps = set("ABCDEFGHIJKLMNOPQRSTUVWXYZĐ")
    for base in "AĂÂEÊIOÔƠUƯY":
        caps.add(base)
        for mark in "\u0300\u0301\u0303\u0309\u0323":
            caps.add(unicodedata.normalize("NFC", base + mark))
    return "[" + "".join(sorted(caps)) + "]"


def alternation(words) -> str:
    """A regex matching any of ``words``, the longest where several fit ("Thông tư liên
    tịch" beats "Thông tư"), written as a trie: "Nghị (?:quyết|định)" rather than a flat
    list. The patterns compile and match several times faster, which matters at start-up.
    """
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    end = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        tail = _trie_regex(node[ch])
        atom = r"\s+" if ch == " " else re.escape(ch)
        branches.append(atom + tail)
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:  # a word may stop here, but a longer one is tried first (greedy ?)
        return ("(?:" + body + ")?") if len(branches) == 1 else body + "?"
    return body
