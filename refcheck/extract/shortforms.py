"""Short forms that only an earlier citation makes citations: a law's bare title repeating a
law cited in full earlier in the same article.

Official texts cite each law in full once ("Căn cứ Luật Thương mại ngày 14 tháng 6 năm 2005;")
and then by its bare title ("Nghị định số 37/2006/NĐ-CP … quy định chi tiết Luật Thương mại");
a bare title with no full citation before it stays prose (a title without a year is not a
citation: it may name a bill, a field of law, a foreign act).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from refcheck.model import Citation

_LAW_WORD = r"(?<![\w])(?<!pháp )(?<!Pháp )(?:Bộ[ \t]+[Ll]uật|bộ[ \t]+luật|Luật|luật|Pháp lệnh)"
_LAW_TYPES = ("Luật", "Bộ luật", "Pháp lệnh")
_MAX_TITLES = 64  # each title is one pass over the article: bounded on huge one-article files
# A bare title followed by its year, date or number is a full citation (the grammar reads it).
_FULL_AFTER = re.compile(r"[ \t\n*]*(?:,[ \t]*)?(?:(?:năm[ \t]+)?(?:19|20)\d\d\b|[Ss]ố[ \t]*:?[ \t]*\d|"
                         r"ngày[ \t]+\d)")


@lru_cache(maxsize=1024)
def _repeat_rx(title: str) -> re.Pattern:
    return re.compile(rf"{_LAW_WORD}[ \t]+(?:\r?\n[ \t]*)?{_title_rx(title)}(?!\w)", re.IGNORECASE)


def _title_rx(title: str) -> str:
    words = re.findall(r"\w+|[^\w\s]", title)
    return r"[ \t*]*(?:\r?\n[ \t*]*)?".join(re.escape(w) for w in words)


def title_repeats(text: str, citations: list[Citation], lo: int, hi: int) -> list[Citation]:
    """Bare titles in ``text[lo:hi]`` (one article) of laws that ``citations`` (that article's,
    in order) cite in full before them, as ``bare`` citations with the title."""
    firsts: dict[str, tuple[int, str, str]] = {}  # casefolded title -> (end, title, type)
    for c in citations:
        if c.title and c.type in _LAW_TYPES and c.kind in ("named", "symbol"):
            key = " ".join(c.title.split()).casefold()
            if key not in firsts and not key.startswith("sửa đổi") and len(firsts) < _MAX_TITLES:
                firsts[key] = (c.end, c.title, c.type)
    if not firsts:
        return []
    spans = sorted((c.start, c.end) for c in citations)
    starts = [s for s, _ in spans]
    longer = sorted(firsts, key=len, reverse=True)
    out: list[Citation] = []
    for key in longer:
        end0, title, typ = firsts[key]
        rx = _repeat_rx(title)
        for m in rx.finditer(text, end0, hi):
            a, b = m.start(), m.end()
            k = bisect_right(starts, b) - 1
            if k >= 0 and spans[k][1] > a:
                continue  # inside a citation already read (an amending law's title)
            if _FULL_AFTER.match(text, b):
                continue
            if any(o != key and o.startswith(key + " ") and _repeat_rx(firsts[o][1]).match(text, a, hi)
                   for o in longer):
                continue  # "Luật Giáo dục đại học" is not "Luật Giáo dục"
            if any(x.start < b and a < x.end for x in out):
                continue
            out.append(Citation(text=text[a:b], start=a, end=b, kind="bare", type=typ,
                                title=title, system="state"))
    out.sort(key=lambda c: c.start)
    return out
