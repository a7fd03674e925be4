"""Searches that start at a pattern's opening literal, found by ``str.find``.

CPython's ``re`` skips to a pattern's literal prefix one character at a time; ``str.find``
finds the same literal two to ten times faster (``memchr`` for one character). Most texts
hold none of a finder's rare literals, so one ``find`` answers for the whole search.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator, Optional


def finditer_from(rx: re.Pattern, literal: str, text: str, pos: int = 0,
                  endpos: Optional[int] = None) -> Iterable[re.Match]:
    """``rx.finditer(text, pos, endpos)`` for a pattern every match of which starts with
    ``literal``: no match starts before the literal's first occurrence, so the search starts
    there (look-behinds still see the text before it, as they do before ``pos``)."""
    endpos = len(text) if endpos is None else endpos
    p = first(literal, text, pos, endpos)
    if p < 0:
        return ()
    return rx.finditer(text, p, endpos)


#: (text, {(literal, pos, endpos): offset}) of the text searched last: the scanner and the
#: law-name finder look for the same literals ("uật", "lệnh") in the same text, one after the
#: other. The text is compared by identity, so an answer holds only for that very string.
_LAST: tuple = (None, {})


def first(literal: str, text: str, pos: int, endpos: int) -> int:
    """``text.find(literal, pos, endpos)``, remembered for the text searched last."""
    global _LAST
    last = _LAST  # one read: another thread (the language server) may swap it meanwhile
    memo = last[1] if last[0] is text else None
    if memo is None:
        memo = {}
        _LAST = (text, memo)
    key = (literal, pos, endpos)
    p = memo.get(key)
    if p is None:
        p = memo[key] = text.find(literal, pos, endpos)
    return p


def finditer_at(rx: re.Pattern, text: str, pos: int, endpos: int,
                starts: Iterable[int]) -> Iterator[re.Match]:
    """``rx.finditer(text, pos, endpos)`` for a pattern that matches no empty string and can
    only match at ``starts`` (ascending, repeats and extra positions allowed): the same
    matches, tried only there. ``starts`` come from a search for a literal inside the pattern
    (found at ``str.find`` speed), where the pattern itself opens with a class or a case-blind
    word that ``re`` tries at every position of a long article."""
    after = pos  # finditer goes on from the end of its last match
    for p in starts:
        if p < after:
            continue
        if p >= endpos:
            break
        m = rx.match(text, p, endpos)
        if m is None:
            after = p + 1
        else:
            yield m
            after = m.end()
