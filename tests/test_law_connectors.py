"""Laws named with words between the title and the year, and the constitution by its full
name (issue 13). Found by bench-style probing of ../shared/data/news/baomoi-2017.jsonl.gz in
session 6; each sentence is copied from the article whose id is beside it.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from refcheck.api import check_source

CASES = [
    # (article, text, citation as found, year, resolved)
    ("22277363", "Tại Luật Nhà ở ban hành năm 2014 (thay thế Luật Nhà ở ban hành năm 2005) cũng quy "
     "định cụ thể", "Luật Nhà ở ban hành năm 2014", 2014, ["65/2014/QH13"]),
    ("22277363", "Tại Luật Nhà ở ban hành năm 2014 (thay thế Luật Nhà ở ban hành năm 2005) cũng quy "
     "định cụ thể", "Luật Nhà ở ban hành năm 2005", 2005, ["56/2005/QH11"]),
    ("21478377", "Chúng ta đã có Luật Sở hữu trí tuệ được Quốc hội thông qua năm 2005 (sửa đổi, bổ "
     "sung năm 2009)", "Luật Sở hữu trí tuệ được Quốc hội thông qua năm 2005", 2005, ["50/2005/QH11"]),
    ("22299233", "Theo Bộ luật Hình sự mới năm 2015 quy định, hành vi này", "Bộ luật Hình sự mới năm 2015",
     2015, ["100/2015/QH13"]),
    # the constitution by its full name (data/sources/constitutions.tsv)
    ("21471880", "là cơ sở chính trị quan trọng để Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm "
     "1992 quy định", "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992", 1992,
     ["Hiến pháp 1992"]),
]


def _found(text: str):
    art = check_source(text).articles[0]
    return {c.text: (c.year, [d.id for d in r.documents])
            for c, r in zip(art.citations, art.resolutions)}, art


@pytest.mark.parametrize("article,text,cited,year,resolved", CASES)
def test_title_then_words_then_year(article, text, cited, year, resolved):
    found, art = _found(text)
    assert found.get(cited) == (year, resolved), found
    assert not [f for f in art.findings if f.severity == "error"]


def test_prose_between_title_and_year_is_not_a_year():
    # baomoi/21512144, 22536465: the year is when it was drafted or took effect, not its own
    for text in ("Luật Chứng khoán được xây dựng năm 2006 và sửa đổi năm 2010",
                 "nguyên nhân khách quan là Luật Đầu tư công có hiệu lực từ năm 2015 song thực tế"):
        found, _ = _found(text)
        assert all(y is None for y, _ in found.values()), found


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["ban hành năm", "thông qua năm", "được Quốc hội thông qua năm",
                        "mà Quốc hội ban hành năm", "được thông qua vào năm", "mới năm", "ban hành"]),
       st.sampled_from(["Theo ", "Căn cứ ", "Tại "]))
def test_connectors_keep_the_year(connector, lead):
    text = f"{lead}Luật Nhà ở {connector} 2014, các chủ đầu tư phải bảo trì"
    found, _ = _found(text)
    assert (2014, ["65/2014/QH13"]) in found.values(), found
