"""A code named without a year after a charge ("về tội X theo Điều N BLHS") in an undated
article is the code in force on the day the text shows (issue 13, dev set 3). The 2015 Penal
Code was adopted in November 2015 and took effect only in 2018, so it blocks no pick for a
charge, while it still does for a debate on it. Sentences copied from the baomoi 2017 news
corpus (article id in the comment)."""
from __future__ import annotations

import pytest

from refcheck.api import check_source
from refcheck.catalog.lawnames import charged_under


def picks(text: str) -> list[tuple[str, list[str], str]]:
    r = check_source(text)
    return [(c.text, [d.symbol for d in res.documents], res.how)
            for a in r.articles for c, res in zip(a.citations, a.resolutions) if c.title]


CHARGED = [
    # baomoi/21511709 (dev set 3): "năm 2013", "Ngày 5-8-2016" bound it
    ("VKSND huyện Đông Hòa, Phú Yên vừa truy tố Nguyễn Thành Đồng (sinh năm 1977), Nguyễn Thành "
     "Giàu (cháu ruột Đồng) và Nguyễn Huy Hoàng tội cố ý gây thương tích theo khoản 3 Điều 104 BLHS "
     "(hình phạt từ năm đến 15 năm tù).\nTheo hồ sơ, năm 2013, Đồng và chị NTP chung sống với nhau "
     "như vợ chồng tại xã Hòa Xuân Nam, huyện Đông Hòa, Phú Yên. Ngày 5-8-2016, Đồng thuê Giàu tạt "
     "acid chị P", "BLHS"),
    # baomoi/22401304 (dev set 3)
    ("VKSND TP HCM vừa hoàn tất cáo trạng, đề nghị tòa cùng cấp xét xử Lê Long Trực (31 tuổi) về tội "
     "Giết người, theo khoản 1 Điều 93 BLHS có khung hình phạt từ 12 năm đến tử hình. Theo cáo trạng, "
     "trưa 13/1/2016, Trực lái ôtô BMW dừng đèn đỏ ở giao lộ Lê Lợi - Pasteur (quận 1).", "BLHS"),
    # baomoi/21511449 (dev set 3): the charge's article in brackets
    ("VKS có quan điểm hành vi mua giấy phép lái xe giả của anh Dư không đủ yếu tố cấu thành tội làm "
     "giả con dấu, tài liệu của cơ quan, tổ chức (Điều 267 BLHS) nên chỉ truy tố anh tội vi phạm quy "
     "định về điều khiển phương tiện giao thông đường bộ. Tháng 3-2016, xử sơ thẩm lần hai, TAND "
     "huyện Bình Chánh phạt anh Dư hai năm sáu tháng tù về tội này. Ngày 5-10-2016, tòa xử lại.", "BLHS"),
]


@pytest.mark.parametrize("text,cited", CHARGED)
def test_a_charge_takes_the_code_in_force(text, cited):
    got = [p for p in picks(text) if p[0] == cited]
    assert got == [(cited, ["15/1999/QH10"], "in-force-inferred")], picks(text)


def test_crime_in_general_is_no_charge():
    # baomoi/22359499 (dev set 1): the 2017 debate on the 2015 code; its article 389 is the
    # 2015 code's, so the 1999 code must not be picked
    text = ("Khoản 3 Điều 19 Dự thảo Bộ luật hình sự sửa đổi quy định người bào chữa cho bị cáo phải "
            "chịu trách nhiệm hình sự do không tố giác khách hàng về các tội phạm xâm phạm an ninh quốc "
            "gia và các tội phạm đặc biệt nghiêm trọng quy định tại Điều 389 BLHS.\nThảo luận tại Quốc "
            "hội sáng 24/5, ĐBQH Nguyễn Văn Chiến phản đối. Ngày 12/1/2016 đã có ý kiến.")
    assert not charged_under(text, text.index("BLHS."))
    assert ("BLHS", ["15/1999/QH10"], "in-force-inferred") not in picks(text)


@pytest.mark.parametrize("before,charged", [
    ("về tội Giết người, theo khoản 1 Điều 93 ", True),
    ("về tội “Hiếp dâm trẻ em”, theo khoản 4, Điều 112-", True),  # baomoi/22288191 (set 2)
    ("về tội “làm nhục người khác” theo Điều 121 ", True),  # baomoi/22441884 (set 1)
    ("các tội phạm đặc biệt nghiêm trọng quy định tại Điều 389 ", False),
    ("luật sư vi phạm Điều 73 Bộ luật Tố tụng hình sự, hoặc Điều 19 ", False),
    ("về tội này. Theo Điều 104 ", False),  # the charge ends with its sentence
])
def test_charged_under(before, charged):
    text = before + "BLHS"
    assert charged_under(text, len(before)) is charged
