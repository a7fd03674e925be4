"""All-caps passages, read in the case prose is written in.

Official headers and some headlines print citations in capitals ("CHỈ THỊ SỐ 20/CT-TTG NGÀY 8
THÁNG 6 NĂM 2020 CỦA THỦ TƯỚNG CHÍNH PHỦ", "CĂN CỨ LUẬT TỔ CHỨC CHÍNH PHỦ NGÀY 19 THÁNG 6 NĂM
2015"), while every pattern downstream (type words, bodies, "của", law titles, plenums) is
written for prose. ``cased`` returns a copy of the text of the same length in which such
passages are lowered word by word, except what capitals carry meaning in (symbols, Roman
numerals, acronyms), and the vocabulary's phrases (type words, bodies, "Trung ương") take the
casing vocab.yaml gives them. Offsets stay valid, so a citation found in the copy is sliced
from the original; the copy is never shown or written.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from refcheck.notation.vocab import alternation, load_vocab
from refcheck.text.roman import from_roman

_TOKEN = re.compile(r"\S+")
#: A token's letters with the punctuation around it stripped ("(KHÓA", "XII);").
_CORE = re.compile(r"^\W*(.*?)\W*$")
_VOWELS = "aăâeêioôơuưy"
_V = "[" + "".join(sorted({unicodedata.normalize("NFC", b + m) for b in _VOWELS
                            for m in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")})) + "]"
#: A Vietnamese syllable, lowered: onset, vowels, coda. What is not one is an acronym (UBND,
#: BHYT, HĐND, TW) and keeps its capitals.
_SYLLABLE = re.compile(rf"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?{_V}+"
                       r"(?:ch|ng|nh|[cmnpt])?$")
_MIN_WORDS = 3
#: Words the finders read that vocab.yaml does not list as a type, law word or body: the
#: minister before a ministry ("CỦA BỘ TRƯỞNG BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG", official 089),
#: which the grammar spells so. The constitution ("CĂN CỨ HIẾN PHÁP NƯỚC …", official 088) is
#: the type of vocab.yaml's ``checks.constitution``, restored as a law word.
_ROLES = ("Bộ trưởng",)


def cased(text: str) -> str:
    """``text`` with its all-caps passages that hold a type word lowered (see the module)."""
    if not _may_hold(text):
        return text  # (most texts: a few one-letter searches at C speed)
    hint_re = _hint()
    hint = hint_re.search(text)
    if hint is None:
        return text
    pieces: list[str] = []
    done = 0  # text consumed into ``pieces``
    while hint is not None:
        ls = text.rfind("\n", 0, hint.start()) + 1
        le = text.find("\n", hint.end())
        le = len(text) if le < 0 else le
        for start, end in _runs(text, ls, le):
            new = _recase(text[start:end])
            if new is not None:
                pieces.append(text[done:start])
                pieces.append(new)
                done = end
        hint = hint_re.search(text, le)
    if not pieces:
        return text
    pieces.append(text[done:])
    out = "".join(pieces)
    return out if len(out) == len(text) else text  # same length, or not used at all


def _runs(text: str, lo: int, hi: int):
    """(start, end) of each stretch of a line made of capitalised tokens (and tokens with no
    letters, such as numbers and dashes) that holds at least ``_MIN_WORDS`` capitalised ones."""
    start = end = -1
    words = 0
    for m in _TOKEN.finditer(text, lo, hi):
        tok = m.group()
        upper = tok.upper()
        if tok != upper:  # a lower-case letter ends the run
            if words >= _MIN_WORDS:
                yield start, end
            start, words = -1, 0
            continue
        if start < 0:
            start = m.start()
        end = m.end()
        if tok.lower() != upper:  # it has letters, all capitals
            words += 1
    if words >= _MIN_WORDS:
        yield start, end


def _recase(run: str) -> Optional[str]:
    """The run lowered as the module says, or None when it names no document type."""
    lowered = _lower(run)
    p = _patterns()
    if p.anchors.search(lowered) is None:
        return None
    out = list(_TOKEN.sub(lambda m: _token(m.group()), run))
    for m in p.phrases.finditer(lowered):
        _restore(out, lowered, m, p.canon)
    for m in p.types.finditer(lowered):  # "NGHỊ ĐỊNH 71", "NGHỊ QUYẾT TRUNG ƯƠNG 4"
        _restore(out, lowered, m, p.canon)
    for m in p.laws.finditer(lowered):  # "LUẬT ĐẤT ĐAI", but not "PHÁP LUẬT", "DỰ LUẬT"
        before = lowered[max(0, m.start() - 30):m.start()].split()
        if not before or before[-1] not in p.not_after:
            _restore(out, lowered, m, p.canon)
    return "".join(out)


def _restore(out: list[str], lowered: str, m: re.Match, canon: dict[str, str]) -> None:
    """Give the words of match ``m`` the casing vocab.yaml spells its phrase with."""
    target = canon.get(" ".join(m.group(1).split()))
    if target is None:
        return
    pos = m.start(1)
    for w, part in zip(target.split(" "), m.group(1).split()):
        at = lowered.index(part, pos)
        if len(w) == len(part):
            out[at:at + len(part)] = w
        pos = at + len(part)


#: A number's letter suffix before its code, printed in capitals: "30C/NQ-CP" of "Nghị quyết
#: số 30c/NQ-CP" (official 101), which symbols write in lower case.
_SUFFIX = re.compile(r"^(\W*\d{1,5})([A-Z])(?=[/\-])")
#: "ngày" glued to a symbol's code, in capitals: "46/2010/QH12NGÀY" (official 116).
_GLUED_DAY = re.compile(r"(?<=[A-ZĐ\d])NGÀY$")


def _token(tok: str) -> str:
    core = _CORE.match(tok).group(1)  # type: ignore[union-attr]
    if any(ch.isdigit() for ch in tok):
        tok = _SUFFIX.sub(lambda m: m.group(1) + m.group(2).lower(), tok)  # a symbol, a date
        return _GLUED_DAY.sub("ngày", tok)
    if not core or any(ch in core for ch in "/-&."):
        return tok  # a code ("VH-TT&DL", "T.Ư")
    if set(core) <= set("IVX") and from_roman(core) or core in _patterns().capitals:
        return tok  # khóa XII, Trung ương IV, TƯ, UBND
    if _SYLLABLE.match(_lower(core)) is None:
        return tok  # an acronym
    return _lower(tok)


def _lower(s: str) -> str:
    """Lower case of the same length (a letter whose lower case is longer stays as it is)."""
    low = s.lower()
    if len(low) == len(s):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in s)


@lru_cache(maxsize=1)
def _hint() -> re.Pattern:
    """A type or law word in capitals: the cheap test that a text may hold such a passage
    (a plain alternation runs at about 300 MB/s; word-boundary assertions cost four times that)."""
    v = load_vocab()
    return re.compile(alternation({w.upper() for w in _anchor_words(v)}))


@lru_cache(maxsize=1)
def _letters() -> tuple[tuple[str, tuple[frozenset[str], ...]], ...]:
    """What a match of :func:`_hint` needs: each of its words in capitals holds all its
    letters beyond ASCII ("LUẬT": Ậ), and a text that lacks one cannot hold the word. As
    (key letter, the other letters of each word keyed so); the key is the word's letter of
    the Vietnamese block (U+1E00-U+1EFF: two marks or a dot below), rarest in capitals.
    A word of ASCII letters only ("BCT") would need none: then every text is searched."""
    keyed: dict[str, list[frozenset[str]]] = {}
    for w in {w.upper() for w in _anchor_words(load_vocab())}:
        extra = sorted({c for c in w if not c.isascii()}, key=lambda c: (not "\u1e00" <= c <= "\u1eff", c))
        if not extra:
            return ()
        keyed.setdefault(extra[0], []).append(frozenset(extra[1:]))
    return tuple((k, tuple(rests)) for k, rests in sorted(keyed.items()))


def _may_hold(text: str) -> bool:
    """Whether ``text`` may hold a match of :func:`_hint`: one-letter ``in`` tests (about
    0.2 µs each on an article, against 14 µs for the alternation, which opens with a class)."""
    letters = _letters()
    if not letters:
        return True
    for key, rests in letters:
        if key in text:
            for rest in rests:
                if all(c in text for c in rest):
                    return True
    return False


def _anchor_words(v) -> list[str]:
    return [*v.types, *v.type_variants, *v.law_words, *v.constitution_words(), *v.named.get("types", ())]


@dataclass(frozen=True, slots=True)
class _Patterns:
    anchors: re.Pattern  # a type or law word: the run names a document
    phrases: re.Pattern  # bodies and "Trung ương", restored wherever they stand
    types: re.Pattern  # type words restored before a number or a plenum/congress word only
    laws: re.Pattern  # law words, restored unless a word of ``not_after`` precedes them
    canon: dict[str, str]  # lowered phrase -> its casing
    not_after: frozenset[str]
    capitals: frozenset[str]  # spellings the vocabulary writes in capitals: kept as they are


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    """Built from vocab.yaml alone, on the first text that has a capitalised passage."""
    v = load_vocab()
    type_words = [*v.types, *v.type_variants]
    law_words = [*v.law_words, *v.constitution_words()]  # "HIẾN PHÁP NĂM 2013" as "LUẬT …"
    anchor_words = _anchor_words(v)
    # Canonical spellings first, so that where two spellings differ only in case ("Trung
    # ương", "Trung Ương") the first listed wins; acronyms (TW, BCT) keep their capitals anyway.
    bodies = [*v.named_words(), *sorted(v.canonical_bodies)]
    for info in v.issuer_exact.values():
        bodies += info.get("bodies") or ()
    bodies += [*v.bodies, *_ROLES]
    canon: dict[str, str] = {}
    capitals = set(v.issuer_exact) | set(v.code_of_type) | set(v.short_types)
    for p in [*v.types, *law_words, *bodies, *type_words]:
        p = " ".join(p.split())
        if p.upper() != p:
            canon.setdefault(_lower(p), p)
        elif " " not in p:
            capitals.add(p)  # "TƯ" of "Nghị quyết TƯ 4", "BCT"

    def alt(words) -> str:
        return alternation({_lower(w) for w in words if _lower(w) in canon})

    edge = r"(?<!\w)({})(?!\w)"
    follow = alternation({_lower(w) for w in v.named_words()})
    not_after = {w for w in v.checks.get("law_names", {}).get("not_after", ()) if " " not in w}
    return _Patterns(
        anchors=re.compile(edge.format(alternation({_lower(w) for w in anchor_words}))),
        phrases=re.compile(edge.format(alt(bodies))),
        types=re.compile(edge.format(alt(type_words)) + rf"(?=\s+(?:số\s*)?\d|\s+(?:{follow})(?!\w))"),
        laws=re.compile(edge.format(alt(law_words))),
        canon=canon, not_after=frozenset(not_after), capitals=frozenset(capitals))
