"""Named references, session 5: an undated article's law version from the years its text
names, shown in the JSON. Sentences are copied from the baomoi 2017 news corpus (article ids
in the comments)."""
from __future__ import annotations

import json

import pytest
from conftest import run_cli
from linear import assert_linear
from hypothesis import given, strategies as st

from refcheck.api import check_source
from refcheck.text.datefloor import written_after

# 21487528: "năm 2017" twice outside ahead clauses, no full date
CUSTOMS = ("Với thực tế ở cơ sở, ông Nguyễn Tiến Lộc cho biết, trong năm 2017, đơn vị đang tiếp tục "
           "triển khai đồng bộ các giải pháp ngay từ những ngày đầu, tháng đầu của năm. Đó là, tiếp tục "
           "thực hiện Đề án mở rộng phối hợp giám sát hải quan theo quy định của Điều 41 Luật Hải quan; "
           "hoàn thiện hệ thống CNTT quản lý hàng gia công. Tại Hội nghị triển khai nhiệm vụ năm 2017 "
           "của Cục Hải quan Hải Phòng (cuối tháng 1-2017), Thứ trưởng Bộ Tài chính Đỗ Hoàng Anh Tuấn "
           "chỉ đạo, năm 2017 Cục Hải quan Hải Phòng phải tiếp tục")
# 22319710: a plan's year with no ahead word before it
PLAN = ("Nghị quyết về việc thành lập Đoàn giám sát chuyên đề của Quốc hội năm 2018; Báo cáo của Ủy "
        "ban Trung ương Mặt trận Tổ quốc Việt Nam về tổng hợp")
# 22667741: a span of months, not the day "04 - 5/2010"
SPAN = ("Tổng giám đốc Công ty cổ phần Bóng đèn Điện Quang (tháng 1/2004 - 5/2010), đồng chí Hồ Thị "
        "Kim Thoa đã")
# 22546491: "tính đến" is "as of", a day already past
AS_OF = ("Ngân hàng Nhà nước cho biết tính đến ngày 31.12.2016, nợ xấu nội bảng của các tổ chức tín "
         "dụng")


def test_a_year_named_twice_bounds_from_the_year_before():
    assert written_after(CUSTOMS) == "2016-01-01"


def test_a_year_named_once_is_no_bound():
    assert written_after(PLAN) is None
    assert written_after("Năm 2011, thôn La Ngà và Võ Đa của xã") is None  # 22644492: a story
    assert written_after("kịp đưa dự án vào khai thác vào năm 2020. Kế hoạch vào năm 2020") is None


def test_a_span_of_months_holds_no_day():
    assert written_after(SPAN) is None


def test_as_of_is_a_past_day():
    assert written_after(AS_OF) == "2016-12-31"
    assert written_after(AS_OF.replace("tính đến", "đến")) is None


def test_the_inferred_version_is_in_the_json(tmp_path, monkeypatch):
    monkeypatch.setenv("REFCHECK_NO_CACHE", "1")
    (tmp_path / "a.txt").write_text(CUSTOMS, encoding="utf-8")
    r = run_cli("check", tmp_path / "a.txt", "--format", "json", "--exit-zero")
    data = json.loads(r.output)
    [law] = [c for f in data["files"] for a in f["articles"] for c in a["citations"]
             if c["title"] == "Hải quan"]
    assert law["how"] == "in-force-inferred" and law["inferred_date"] == "2016-01-01"
    assert law["resolved"] and law["resolved"][0].startswith("54/2014/QH13")
    dated = run_cli("check", tmp_path / "a.txt", "--format", "json", "--exit-zero",
                    "--article-date", "2017-06-30")
    [law] = [c for f in json.loads(dated.output)["files"] for a in f["articles"]
             for c in a["citations"] if c["title"] == "Hải quan"]
    assert law["how"] == "in-force" and law["inferred_date"] is None


def _findings(text):
    return [(f.code, f.severity) for a in check_source(text).articles for f in a.findings]


@given(st.sampled_from(["2013", "2015", "2016", "2017", "2019"]))
def test_the_inferred_version_raises_nothing(year):
    # the same text with and without the year evidence: the same findings
    text = CUSTOMS.replace("2017", year)
    assert _findings(text) == _findings(CUSTOMS.replace("năm 2017", "năm nay").replace("1-2017", "1"))


# 22582387: the bound is the anniversary day; the plenum is named without its khóa
PRESS = ("Kỷ niệm 92 năm Ngày Báo chí Cách mạng Việt Nam (21/6/1925 – 21/6/2017), tối 21/6, Hội Nhà "
         "báo Việt Nam long trọng tổ chức Lễ trao giải Báo chí Quốc gia lần thứ XI năm 2016. 4. Tác "
         "phẩm “Nghị quyết Trung ương IV - Cách làm sáng tạo ở tỉnh Quảng Ngãi” của nhóm tác giả")


def _plenum(text, **kw):
    r = check_source(text, **kw)
    return [(c, res) for a in r.articles for c, res in zip(a.citations, a.resolutions) if c.plenum]


def test_a_plenum_without_khoa_takes_the_khoa_in_office_on_the_bound():
    [(c, res)] = _plenum(PRESS)
    assert res.how == "plenum-inferred" and res.inferred == "2017-06-21" and not res.certain
    assert res.documents and {d.khoa for d in res.documents} == {"XII"}
    assert "04-NQ/TW@2016-10-30" in [d.id for d in res.documents]
    # no bound: nothing chosen; a bound from which the khóa changes within two years: nothing
    [(c, res)] = _plenum(PRESS.replace("21/6/2017", "21/6"))
    assert res.documents == []
    [(c, res)] = _plenum(PRESS.replace("21/6/2017", "21/6/2020").replace("năm 2016", "năm 2019"))
    assert res.documents == []


def test_an_inferred_plenum_raises_nothing():
    assert _findings(PRESS) == _findings(PRESS.replace("21/6/2017", "21/6"))


# 22388457: the 2017 bill names the code it amends by the code's year
BILL = ("Ngày 27/5, Ủy ban Thường vụ Quốc hội tổ chức hội nghị góp ý về dự án Luật sửa đổi, bổ sung "
        "một số điều của Bộ luật Hình sự 2015. Khoản 3, Điều 19 về việc luật sư tố giác thân chủ được "
        "nhiều đại biểu quan tâm thảo luận.")


def test_an_amending_title_with_the_amended_codes_year_names_that_code():
    r = check_source(BILL)
    [(c, res)] = [(c, res) for a in r.articles for c, res in zip(a.citations, a.resolutions)]
    assert [d.symbol for d in res.documents] == ["100/2015/QH13"]
    assert res.how == "amended-law" and not res.certain
    assert [f.code for a in r.articles for f in a.findings] == []  # was RC406 (no such law)


def test_an_amending_law_of_that_year_is_not_taken_for_the_amended_one():
    # laws.tsv: 31/2013/QH13 amends Luật Thuế giá trị gia tăng in 2013 (issue 13's example)
    r = check_source("Luật sửa đổi, bổ sung một số điều của Luật Thuế giá trị gia tăng năm 2013 quy định")
    docs = [d.symbol for a in r.articles for res in a.resolutions for d in res.documents]
    assert docs == ["31/2013/QH13"]


# 22589939: the resolution's own closing line gives the day; Luật Đặc xá's next version is of
# 2018-11-19, more than a year after it
PARDON = ("Luật Chăn nuôi; Luật Trồng trọt; Luật sửa đổi, bổ sung một số điều của Luật Đặc xá; "
          "Nghị quyết này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XIV, kỳ họp "
          "thứ 3 thông qua ngày 08 tháng 6 năm 2017.")


def test_a_reported_day_holds_its_version_for_a_year():
    r = check_source(PARDON)
    [(c, res)] = [(c, res) for a in r.articles for c, res in zip(a.citations, a.resolutions)
                  if c.title == "Đặc xá"]
    assert res.how == "in-force-inferred" and res.inferred == "2017-06-08"
    assert [d.symbol for d in res.documents] == ["07/2007/QH12"]
    # the same law from a year's bound (1 January 2017): the 2018 version is within two years
    r = check_source(PARDON.replace("ngày 08 tháng 6 năm 2017", "năm 2018, năm 2018"))
    [(c, res)] = [(c, res) for a in r.articles for c, res in zip(a.citations, a.resolutions)
                  if c.title == "Đặc xá"]
    assert res.documents == []


@pytest.mark.parametrize("unit", ["năm 2017 ", "tháng 5/2017, ", "ngày 1/2/2017 ", "tháng   ",
                                  "năm năm năm ", "1/2004 - 5/2010 ", "tính đến ngày 31.12.2016 "])
def test_the_bound_is_linear(unit):
    assert_linear(written_after, lambda n: (unit * (n // len(unit) + 1))[:n], unit)


# 22279900: no day with its year, but the Standing Committee of "Quốc hội khóa XIV" (from 2016)
ASSEMBLY = ("Thực hiện chương trình làm việc của phiên họp thứ 10, Ủy ban thường vụ Quốc hội khóa "
            "XIV, chiều 15/5, Ủy ban Thường vụ Quốc hội đã tiến hành xem xét một số nội dung về công "
            "tác nhân sự. Căn cứ quy định tại Điều 74, Hiến pháp nước CHXHCN Việt Nam; Điều 38, Điều "
            "54, Luật tổ chức Quốc hội, Điều 35 Quy chế làm việc của Ủy ban thường vụ Quốc hội")


def test_a_national_assembly_term_bounds_an_undated_article():
    assert written_after(ASSEMBLY, assembly={"XIV": 2016}) == "2016-01-01"
    assert written_after(ASSEMBLY) is None  # no catalog, no term dates
    assert written_after("Kỳ họp thứ 4, HĐND tỉnh khóa IX", assembly={"IX": 1992}) is None
    r = check_source(ASSEMBLY)
    [(c, res)] = [(c, res) for a in r.articles for c, res in zip(a.citations, a.resolutions)
                  if c.title and c.title.casefold() == "tổ chức quốc hội"]
    assert res.how == "in-force-inferred" and res.inferred == "2016-01-01"
    assert [d.symbol for d in res.documents] == ["57/2014/QH13"]
    assert _findings(ASSEMBLY) == _findings(ASSEMBLY.replace("khóa XIV", ""))
