"""Finders that search from a literal and match the plain pattern there (a multi-line "^"
or a leading look-behind is tried at every position): the same matches as the plain search.
Texts: tests/data/official/076.txt (Luật Tổ chức Chính phủ, 76/2015/QH13), 069 and 072 (lists
under "các Nghị định của Chính phủ:") and a sentence of 088 quoted in
tests/test_official_session6.py."""
from __future__ import annotations

from pathlib import Path

from refcheck.extract import articles

OFFICIAL_076 = (Path(__file__).parent / "data" / "official" / "076.txt").read_text("utf-8")
IN_A_SENTENCE = "1. Luật số 32/2013/QH13 ngày 19 tháng 6 năm 2013 của Quốc hội sửa đổi, bổ sung"


def _texts() -> list[str]:
    top = OFFICIAL_076[:3000]
    line = next(ln for ln in OFFICIAL_076.splitlines() if ln.lstrip(" *|").startswith("Luật số:"))
    return [top, line, "x\n  **" + line, "ab\n| " + line, "a" + line, IN_A_SENTENCE,
            IN_A_SENTENCE + "\n" + line]


def test_the_law_header_line_is_found_as_the_plain_search_finds_it():
    found = 0
    for text in _texts():
        for lo, hi in ((0, len(text)), (1, len(text)), (3, 40), (0, 3000)):
            hi = min(hi, len(text))
            want = articles._LAW_HEADER_LINE.search(text, lo, hi)
            got = articles._law_header_line(text, lo, hi)
            assert (got and got.span()) == (want and want.span()), (text[:60], lo, hi)
            found += want is not None
    assert found >= 6  # the law's own number line is found, not only missed alike


def test_the_header_is_asked_once_per_top():
    """split_articles, header_date and scan.is_official ask for the same top: one answer."""
    text = OFFICIAL_076[:5000]
    first = articles.header_number(text, 0, 3000)
    assert first is not None and articles.header_number(text, 0, 3000) is first
    assert articles.header_number(text + " ", 0, 3000).span() == first.span()  # another text


def test_a_list_head_is_found_as_the_search_from_the_line_start_finds_it():
    """scan._list_word: each line's list heads are found once, not searched again from the
    line start for every member (quadratic on a one-line text)."""
    from refcheck.extract import scan

    found = 0
    for name in ("069.txt", "072.txt"):
        text = (Path(__file__).parent / "data" / "official" / name).read_text("utf-8")
        for at in range(0, len(text) + 1, 7):
            m = scan._LIST_TYPE.search(text, text.rfind("\n", 0, at) + 1, at)
            assert scan._list_word(text, at) == (m.group(1) if m else None), (name, at)
            found += m is not None
        one_line = text.replace("\n", " ")  # the same text as one line
        for at in range(0, len(one_line) + 1, 97):
            m = scan._LIST_TYPE.search(one_line, 0, at)
            assert scan._list_word(one_line, at) == (m.group(1) if m else None), (name, at)
    assert found > 0
