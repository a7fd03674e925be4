"""A number and its year in words, "Nghị định 34 năm 2016 của Chính phủ" (issue 13, dev set
3): read as "Nghị định 34/2016" is, the one document of that type, number and year, and only
when the type fixes the issuer or the text names it. Sentences copied from the baomoi 2017
news corpus (article id in the comment)."""
from __future__ import annotations

import pytest

from refcheck.api import check_source


def first(text: str):
    r = check_source(text)
    return [(c.text, c.kind, c.number, c.year, [d.symbol for d in res.documents], res.how)
            for a in r.articles for c, res in zip(a.citations, a.resolutions)]


RESOLVED = [
    # baomoi/22422613 (dev set 3)
    ("như quy định tại Điều 35 của Luật 2015, Điều 6 Nghị định 34 năm 2016 của Chính phủ. Theo đó, tác",
     "Nghị định 34 năm 2016 của Chính phủ", 34, 2016, "34/2016/NĐ-CP"),
    # baomoi/21478159
    ("một số tồn tại. Cụ thể, theo Nghị định 105 năm 2014 của Chính phủ (quy định chi tiết",
     "Nghị định 105 năm 2014 của Chính phủ", 105, 2014, "105/2014/NĐ-CP"),
    # baomoi/21508670: the issuer named
    ("thời điểm 31/12/2014, vi phạm Chỉ thị 07 năm 2015 của Thủ tướng Chính phủ. Cơ quan",
     "Chỉ thị 07 năm 2015 của Thủ tướng Chính phủ", 7, 2015, "07/CT-TTg"),
    # baomoi/22261928: a decree's issuer is fixed, named or not
    ("môi trường với nước thải theo Nghị định 154 năm 2016, có hiệu lực từ 1/1/2017: Bổ sung",
     "Nghị định 154 năm 2016", 154, 2016, "154/2016/NĐ-CP"),
]


@pytest.mark.parametrize("text,cited,number,year,symbol", RESOLVED)
def test_number_and_year_in_words(text, cited, number, year, symbol):
    assert (cited, "bare", number, year, [symbol], "number-year") in first(text), first(text)


UNRESOLVED = [
    # baomoi/22656162: a circular, no issuer named: Thông tư 15/2015 of which ministry?
    ("đạo Cục Văn hóa cơ sở căn cứ Thông tư số 15 năm 2015 về tổ chức lễ hội yêu cầu Sở",
     "Thông tư số 15 năm 2015", 2015),
    # "năm nay" is no year: the short form ends before it
    ("Thực hiện Chỉ thị 05 năm nay của Bộ Chính trị, các cấp ủy", "Chỉ thị 05", None),
]


@pytest.mark.parametrize("text,cited,year", UNRESOLVED)
def test_no_guess(text, cited, year):
    hits = [x for x in first(text) if x[0] == cited]
    assert len(hits) == 1 and hits[0][3] == year and hits[0][4] == [], first(text)
