"""A normalised view of a text that maps every offset back to the original.

Two kinds of normalisation, paid for differently:

* NFC for decomposed (NFD) text changes lengths, so it builds an offset map; it runs only when
  the text is not NFC already and holds combining marks at all, which real drafts rarely do.
* Look-alike characters (``Ð`` U+00D0 for ``Đ``, en/em dashes, no-break spaces) keep lengths,
  so ``canonical_chars`` is applied only to the small windows handed to the parser.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from typing import Optional

_COMBINING = re.compile(r"[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff]")
_MARKS = re.compile(r"[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff]+")


def _clusters(text: str, pos: int = 0, endpos: Optional[int] = None):
    """(start, end) of each base character with the combining marks that follow it: the unit
    NFC recomposes. Found from the marks (a class the engine skips to quickly) and widened by
    one character back; a pattern opening with "any character" is tried at every position and
    ran at a quarter of the speed on a long text."""
    # A bare class is searched about three times faster than "class+": find the first mark,
    # then take the run from there.
    for m in _COMBINING.finditer(text, pos, len(text) if endpos is None else endpos):
        s = m.start()
        if s and _COMBINING.match(text, s - 1):
            continue  # inside a run already taken
        run = _MARKS.match(text, s)
        assert run is not None  # _COMBINING matched at s
        e = run.end()
        if s > 0:
            yield s - 1, e
        elif e - s >= 2:  # marks at the very start: the first one stands as the base
            yield s, e
#: Longer runs of marks are left as written: no real text has them (Unicode's stream-safe
#: limit is 30), and CPython's NFC reorders marks in quadratic time (a 1 MB run would hang).
_MAX_CLUSTER = 32
_QUICK_CHECK_MAX = 1 << 16

#: Same-length replacements for look-alikes seen in real text.
_CHARMAP = str.maketrans({
    "\u00d0": "\u0110",  # Ð (Icelandic eth) -> Đ
    "\u00f0": "\u0111",  # ð -> đ
    "\u0189": "\u0110",  # Ɖ (African D) -> Đ
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
    "\u200b": " ", "\ufeff": " ",
})


#: The characters ``canonical_chars`` reads as a plain space, as a regex class: a pattern
#: that must see what the parser sees uses it where the parser has a literal space.
SPACE_CLASS = "[" + "".join(k for k, v in ((chr(c), r) for c, r in _CHARMAP.items()) if v == " ") + " ]"

_LOOKALIKE = re.compile("[" + "".join(chr(c) for c in _CHARMAP) + "]")


def canonical_chars(s: str) -> str:
    """Replace look-alikes; never changes the length, so offsets stay valid."""
    # str.translate looks every character up in a dict; most windows hold no look-alike at all
    return s.translate(_CHARMAP) if _LOOKALIKE.search(s) else s


@dataclass(slots=True)
class View:
    """``text`` is NFC; ``to_original(i)`` maps an offset in it to the original text."""

    text: str
    _starts: list[int] | None = None  # view offsets where a mapped segment starts
    _orig: list[int] | None = None  # matching original offsets

    def to_original(self, i: int) -> int:
        starts, orig = self._starts, self._orig
        if starts is None or orig is None:
            return i
        k = bisect_right(starts, i) - 1
        if k < 0:
            return i
        seg_view, seg_orig = starts[k], orig[k]
        # Inside a recomposed cluster every view offset maps to the cluster's start; past the
        # cluster, offsets advance one for one.
        return seg_orig + (i - seg_view)


def _slices(text: str):
    """Slices of about ``_QUICK_CHECK_MAX`` characters, each starting at a character that is
    not a combining mark, so that no cluster is split between two of them."""
    n = len(text)
    lo = 0
    while n - lo > _QUICK_CHECK_MAX:
        hi = lo + _QUICK_CHECK_MAX
        m = _MARKS.match(text, hi)
        if m:
            hi = m.end()  # a run of marks stays with its base
        if hi >= n:
            break
        yield lo, hi
        lo = hi
    yield lo, n


def view(text: str) -> View:
    """NFC view of ``text``. Costs one quick check when the text is already composed."""
    # The quick check runs at twice the speed of the search on composed text, but on text
    # holding a combining mark it normalises all of it to decide (about 30 MB/s): a long
    # text is checked in slices, and only the slices that fail are searched for clusters.
    if len(text) <= _QUICK_CHECK_MAX:  # an article: one check, no slicing
        if unicodedata.is_normalized("NFC", text):
            return View(text)
        spans = [(0, len(text))]
    else:
        spans = [(lo, hi) for lo, hi in _slices(text)
                 if not unicodedata.is_normalized("NFC", text[lo:hi])]
    if not spans or not any(_COMBINING.search(text, lo, hi) for lo, hi in spans):
        return View(text)
    parts: list[str] = []
    starts: list[int] = []
    origs: list[int] = []
    pos = 0  # original offset consumed
    vlen = 0  # view length so far
    for cs, ce in (c for lo, hi in spans for c in _clusters(text, lo, hi)):
        if ce - cs > _MAX_CLUSTER:
            continue  # copied verbatim with the next plain chunk: offsets map one for one
        if cs > pos:
            chunk = text[pos:cs]
            parts.append(chunk)
            starts.append(vlen)
            origs.append(pos)
            vlen += len(chunk)
        composed = unicodedata.normalize("NFC", text[cs:ce])
        # Every character of the composed cluster maps to the cluster's original start...
        for j in range(len(composed)):
            starts.append(vlen + j)
            origs.append(cs)
        parts.append(composed)
        vlen += len(composed)
        pos = ce
        # ...and the first character after it maps to the original cluster's end.
        starts.append(vlen)
        origs.append(pos)
    if pos < len(text):
        parts.append(text[pos:])
    return View("".join(parts), starts, origs)


def short_repr(v, limit: int = 60) -> str:
    """A value for an error message: repr, cut so that one bad field never floods a terminal."""
    r = repr(v)
    return r if len(r) <= limit else r[:limit - 1] + "…"


_WS = re.compile(r"\s+")


def norm_text(text: str) -> str:
    """Key for alias / title indexes: NFC, look-alikes fixed, casefolded, spaces collapsed."""
    text = canonical_chars(unicodedata.normalize("NFC", text))
    return _WS.sub(" ", text).strip().casefold()
