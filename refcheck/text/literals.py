"""Searches that start at a pattern's opening literal, found by ``str.find``.

CPython's ``re`` skips to a pattern's literal prefix one character at a time; ``str.find``
finds the same literal two to ten times faster (``memchr`` for one character). Most texts
hold none of a finder's rare literals, so one ``find`` answers for the whole search.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional


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
