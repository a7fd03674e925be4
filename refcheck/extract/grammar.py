"""The Lark grammar: loads ``extract/citation.lark`` once, parses a window into citations.

The parser is LALR with Lark's contextual lexer. A window starts where the scanner found a
citation and runs on into prose; tokens are fed one at a time and the longest prefix the
grammar accepts is the citation group, so where a citation ends is decided by the grammar and
not by a second, hand-written pattern. extract/groups.py turns the tree into citations.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

from refcheck.extract.lawtitle import PASSED, law_title_regex
from refcheck.fsio import cache_dir
from refcheck.notation.vocab import alternation, load_vocab, upper_class


def words_rx(words) -> str:
    """A regex for any of ``words`` as written (single spaces), longest first; one word is
    left bare. Lark orders terminals by the length of their pattern among equals, so the
    generated text matches what the .lark file held."""
    def esc(w: str) -> str:
        return re.escape(w).replace("\\ ", " ")

    ws = sorted(set(words), key=lambda w: (-len(w), w))
    return esc(ws[0]) if len(ws) == 1 else "(?:" + "|".join(esc(w) for w in ws) + ")"


def grammar_text() -> str:
    """The full grammar: the .lark file plus word terminals generated from vocab.yaml."""
    v = load_vocab()
    base = (Path(__file__).resolve().parent / "citation.lark").read_text(encoding="utf-8")
    type_words = v.type_spellings()
    bodies = list(v.bodies)
    for info in list(v.issuer_exact.values()) + [i for _, i in v.issuer_prefix]:
        bodies += info.get("bodies") or []

    def term(name: str, rx: str, lookahead: str = r"\b") -> str:
        return f"{name}: /(?:{rx}){lookahead}/\n"

    return (base + "\n// --- generated from vocab.yaml ---\n"
            # "Nghịđịnh57/2002/NĐ-CP" (official 079): a word ending in "định" glued to the number
            + term("TYPE_WORD", alternation(type_words), r"(?:\b|(?<=định)(?=\d)|(?<=ĐỊNH)(?=\d))")
            # A body is a proper name: "Đảng" alone is the Party, "Đảng bộ" a local committee.
            # (nor "Đảng Nhân dân Cách mạng Lào": another country's party; ours is listed whole)
            # Its first letter is a capital, the rest in any case ("của Ủy ban thường vụ Quốc
            # hội", news); a capital word after it goes on with another name ("Chính phủ
            # Hoa Kỳ"), except the words a document's subject opens with ("của Chính phủ Quy
            # định chi tiết …", baomoi/21473745): ``subject_openers`` in vocab.yaml.
            + term("BODY", rf"(?={upper_class()})(?i:{alternation(bodies)})",
                   rf"\b(?!\s+(?:bộ|ủy|uỷ|viên|đoàn)\b)"
                   rf"(?!\s+(?!{words_rx(v.checks.get('subject_openers') or ['Quy định'])}\b){upper_class()})")
            + term("ORD_WORD", alternation(v.ordinals))
            # The words the scanner anchors on (extract/scan.py builds its anchors from the
            # same lists): laws by title, "Trung ương" before a plenum number, the meetings.
            + f"LAW_WORD.2: /{words_rx(v.law_spellings())}\\b/\n"
            + f"TRUNG_UONG.3: /{words_rx(v.named['central'])}(?=\\s*(?:\\d|lần\\b|[IVX]{{1,5}}\\b))/\n"
            + f"HOI_NGHI: /{words_rx(v.named['plenum'])}\\b/\n"
            + f"DAI_HOI: /{words_rx(v.named['congress'])}\\b/\n"
            # A law's title (refcheck/extract/lawtitle.py): only when a year, a date or "số"
            # follows (a title without one is not a citation).
            + term("LAW_TITLE", law_title_regex(), "")
            + term("LAW_PASSED", PASSED, ""))


# Lark's runtime classes, bound when the parser is first built (importing lark costs ~15 ms,
# which a clean run that finds no candidate never pays).
_Token = _UnexpectedInput = None


@lru_cache(maxsize=1)
def parser():
    global _Token, _UnexpectedInput
    from lark import Lark, Token
    from lark.exceptions import UnexpectedInput

    _Token, _UnexpectedInput = Token, UnexpectedInput

    text = grammar_text()
    cache = cache_dir()
    kwargs = {}
    if cache is not None:
        import hashlib

        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        kwargs["cache"] = str(cache / f"grammar-{digest}.lark.cache")
    try:
        return Lark(text, parser="lalr", lexer="contextual", propagate_positions=False,
                    maybe_placeholders=False, **kwargs)
    except OSError:  # unwritable cache: build in memory
        return Lark(text, parser="lalr", lexer="contextual", maybe_placeholders=False)


class _Lexer:
    """A contextual lexer over the grammar's own terminals, each compiled once.

    Lark's contextual lexer compiles, for every parser state, the union of the terminals that
    state accepts; the word lists (type words, issuing bodies) appear in many states, and
    compiling those unions dominated a short run's start-up. Here each terminal is compiled
    the first time it is needed and tried in Lark's own order (priority, then width), only
    when the current parser state accepts it: the same tokens, a fraction of the set-up cost.
    """

    def __init__(self, lark) -> None:
        terms = sorted(lark.terminals, key=lambda t: (-t.priority, -t.pattern.max_width,
                                                       -len(t.pattern.value), t.name))
        ignore = set(lark.lexer_conf.ignore)
        self.order = [t.name for t in terms if t.name not in ignore]
        self._defs = {t.name: t for t in terms}
        self._rx: dict[str, re.Pattern] = {}
        self.ignore = [self._compile(n) for n in ignore]
        self._by_state: dict[int, list[str]] = {}
        self._keep: list = []

    def _compile(self, name: str) -> re.Pattern:
        rx = self._rx.get(name)
        if rx is None:
            t = self._defs[name]
            flags = 0
            for f in t.pattern.flags:
                flags |= getattr(re, f.upper())
            rx = self._rx[name] = re.compile(t.pattern.to_regexp(), flags)
        return rx

    def next(self, text: str, pos: int, acceptable) -> Optional[tuple[str, int, int]]:
        for rx in self.ignore:
            m = rx.match(text, pos)
            if m:
                pos = m.end()
        if pos >= len(text):
            return None
        # ``acceptable`` is the parse table's own dict for the current state, so its id names
        # the state: the terminals it accepts are put in order once per state, not per token.
        terms = self._by_state.get(id(acceptable))
        if terms is None:
            terms = [name for name in self.order if name in acceptable]
            self._by_state[id(acceptable)] = terms
            self._keep.append(acceptable)  # keeps the id from being reused
        rxs = self._rx
        for name in terms:
            m = (rxs.get(name) or self._compile(name)).match(text, pos)
            if m and m.end() > pos:
                return name, pos, m.end()
        return None


@lru_cache(maxsize=1)
def _lexer() -> _Lexer:
    return _Lexer(parser())


def parse_prefix(window: str):
    """Longest prefix of ``window`` that is a complete citation group: (tree, end) or None."""
    p = parser()
    lexer = _lexer()
    Token, UnexpectedInput = _Token, _UnexpectedInput
    ip = p.parse_interactive("")
    tokens = []
    accept: list[int] = []  # token counts after which the table allows $END
    pos = 0
    clean = False  # the window ran out of tokens (not into a token the parser refused)
    while True:
        choices = ip.choices()
        hit = lexer.next(window, pos, choices)
        if hit is None:
            clean = True
            break
        name, start, end = hit
        tok = Token(name, window[start:end], start_pos=start, end_pos=end)
        try:
            ip.feed_token(tok)
        except UnexpectedInput:
            break
        tokens.append(tok)
        pos = end
        if "$END" in ip.choices():
            accept.append(len(tokens))
    if clean and accept and accept[-1] == len(tokens):
        # The parser in hand stopped at an accepting point: finish it without a replay (the
        # common case; a refused token may have left reductions half done, so not then).
        try:
            return ip.feed_eof(tokens[-1]), tokens[-1].end_pos
        except UnexpectedInput:
            accept.pop()
    # LALR lookahead sets are merged across states, so "$END is in the table" is a promise the
    # reductions may still break: replay the tokens (no re-lexing) and keep the longest prefix
    # that really completes. (Replaying beats copying the parser at each such point: Lark's
    # tree building extends child lists in place, so a copy would have to be a deep one.)
    for n in reversed(accept):
        replay = p.parse_interactive("")
        try:
            for tok in tokens[:n]:
                replay.feed_token(tok)
            return replay.feed_eof(tokens[n - 1]), tokens[n - 1].end_pos
        except UnexpectedInput:
            continue
    return None
