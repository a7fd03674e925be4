"""Named references, session 7 (issue 13). Every sentence is copied from the baomoi 2017 news
corpus (article id in the comment)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from refcheck.api import check_source


def laws(text: str, article_date=None):
    r = check_source(text, article_date=article_date)
    return [(c.text, [d.symbol for d in res.documents])
            for a in r.articles for c, res in zip(a.citations, a.resolutions) if c.title]


# "Luật sư" is the law's whole title (65/2006/QH11): its initials keep the title's own "Luật".
LUAT_LS = [
    ("hủ thì xung đột ngay. Đồng thời, tại điểm c khoản 1 Điều 9 Luật LS 2006 (sửa đổi, bổ sung "
     "năm 2012) quy định nghiêm cấm LS tiết lộ thông tin", "Luật LS 2006"),  # baomoi/22524717
    (" hiểm khác. Đồng thời, Điều 5 của Luật LS quy định nguyên tắc hành nghề là: “Tuân thủ "
     "Hiến pháp và p", "Luật LS"),  # baomoi/22374318
    ("o rằng chính sách này phù hợp với quy định của Luật LS, Quy tắc đạo đức và ứng xử nghề "
     "nghiệp LS Việt Nam đồng", "Luật LS"),  # baomoi/22566614
]


@pytest.mark.parametrize("sentence,cited", LUAT_LS)
def test_abbreviation_of_a_title_that_opens_with_luat(sentence, cited):
    assert (cited, ["65/2006/QH11"]) in laws(sentence)


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(["Luật sư", "luật sư", "Đoàn Luật sư", "các luật sư", "LS"]),
       st.sampled_from([" Nguyễn Văn Tuấn cho biết.", " TP.HCM kiến nghị.", " (LS) Võ Hồng Nam"]))
def test_the_profession_is_no_law(word, rest):
    assert laws("Theo " + word + rest) == []
