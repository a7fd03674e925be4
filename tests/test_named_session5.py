"""Named references, session 5: an undated article's law version from the years its text
names, shown in the JSON. Sentences are copied from the baomoi 2017 news corpus (article ids
in the comments)."""
from __future__ import annotations

import json

from conftest import run_cli
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
