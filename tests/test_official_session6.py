"""Official texts from sources other than the first dev set's (issue 13, session 6).

Every line is copied from tests/data/official/067-096 (SOURCES.tsv gives each source): the
misses the new excerpts showed before the fixes, one table per root cause.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.api import check_source
from refcheck.extract.articles import split_articles
from refcheck.extract.scan import scan

OFFICIAL = Path(__file__).parent / "data" / "official"


def _cits(text: str) -> list[tuple]:
    return [(text[c.start:c.end], c.kind, c.symbol, c.date, c.issuer)
            for a in check_source(text).articles for c in a.citations]


# --- Căn cứ lines in capitals read as written ---------------------------------------------------

CAPS = [
    # the constitution (088, a consolidated law; 076, the law's own header)
    "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992 đã được sửa đổi, bổ sung "
    "một số điều theo Nghị quyết số 51/2001/QH10;",
    "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
    # a minister before the ministry (089, a Bình Định decision)
    "Căn cứ Thông tư số 42/2015/TT-BTNMT ngày 29 tháng 9 năm 2015 của Bộ trưởng Bộ Tài nguyên và "
    "Môi trường quy định kỹ thuật quy hoạch tài nguyên nước;",
]


@pytest.mark.parametrize("line", CAPS)
def test_basis_line_in_capitals(line: str) -> None:
    prose = _cits(line)
    assert prose and _cits(line.upper()) == [(line.upper()[line.index(t):line.index(t) + len(t)],
                                              *rest) for t, *rest in prose]


def test_minister_in_capitals_gives_the_ministry() -> None:
    line = CAPS[2].upper()
    [(text, kind, symbol, date, issuer)] = _cits(line)
    assert (symbol, date, issuer) == ("42/2015/TT-BTNMT", "2015-09-29", "Bộ Tài nguyên và Môi trường")
    assert text.endswith("CỦA BỘ TRƯỞNG BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG")


# --- the document's own number is not a citation -------------------------------------------------

HEADERS = [
    # (file, header line) — a joint body's dotted code (067), a law's own "Luật số:" (076)
    ("067.txt", "Số: 06/QC-TT.HĐND-UBND"),
    ("076.txt", "Luật số: 76/2015/QH13 |"),
]


@pytest.mark.parametrize(("name", "line"), HEADERS)
def test_header_number_is_not_a_citation(name: str, line: str) -> None:
    text = (OFFICIAL / name).read_text(encoding="utf-8")
    at = text.index(line)
    assert [c for c in scan(text) if c.start < at + len(line) and at < c.end] == []


def test_law_header_gives_the_date() -> None:
    text = (OFFICIAL / "076.txt").read_text(encoding="utf-8")
    [article] = split_articles(text)
    assert (article.date, article.date_source) == ("2015-06-19", "header")


def test_law_number_in_prose_is_still_a_citation() -> None:
    # "Luật số …" inside a sentence (088) is a citation, not a header
    text = "1. Luật số 32/2013/QH13 ngày 19 tháng 6 năm 2013 của Quốc hội sửa đổi, bổ sung"
    assert [c.symbol for c in scan(text)] == ["32/2013/QH13"]


# --- laws by title -------------------------------------------------------------------------------

LAWS = [
    # (Căn cứ line, the law it names) — the catalog holds these two without their day
    # (laws.tsv: 17/2008/QH12, 31/2004/QH11): the date's year picks the version (074, 091; 080, 083)
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 03/6/2008;", "17/2008/QH12"),
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân và Ủy ban nhân dân ngày "
     "03 tháng 12 năm 2004;", "31/2004/QH11"),
    # an amending law of a count of laws, "có liên quan đến" in its title (071, Kon Tum 2024)
    ("Căn cứ Luật sửa đổi, bổ sung\nmột số điều của 37 luật có liên quan đến quy hoạch ngày 20 tháng 11"
     " năm 2018;", "35/2018/QH14"),
    # the version with its day still wins over another of the same title (067, Hòa Bình 2019)
    ("Căn cứ Luật Ban hành văn bản quy\nphạm pháp luật ngày 22 tháng 6 năm 2015;", "80/2015/QH13"),
]


@pytest.mark.parametrize(("line", "law"), LAWS)
def test_law_by_title_and_date(line: str, law: str) -> None:
    res = check_source(line)
    [article] = res.articles
    [(c, r)] = zip(article.citations, article.resolutions)
    assert line[c.start:c.end].startswith("Luật") and [d.id for d in r.documents] == [law]
    assert not [f for f in article.findings if f.severity == "error"]


def test_amending_title_ends_at_prose() -> None:
    # "có hiệu lực" still ends an amending law's title (078, a 2013 letter of Bộ Tài chính)
    text = ("Luật sửa đổi, bổ sung một số điều của Luật Quản lý thuế có hiệu lực thi hành từ ngày "
            "1/7/2013")
    assert all("hiệu lực" not in c.text for c in scan(text))


# --- a list under one plural type word -----------------------------------------------------------

LISTS = [
    # (text, [(symbol, type)]) — 069 (Hưng Yên 2013), 072 (Quảng Nam 2018)
    ("Căn cứ các Nghị định của Chính phủ: Số 181/2004/NĐ-CP ngày 29/10/2004 về thi hành Luật Đất "
     "đai; số 69/2009/NĐ-CP ngày 13/8/2009 quy định bổ sung về quy hoạch sử dụng đất;",
     [("181/2004/NĐ-CP", "Nghị định"), ("69/2009/NĐ-CP", "Nghị định")]),
    ("Căn cứ các Nghị định của Chính phủ: số 77/2015/NĐ-CP ngày 10 tháng 9 năm 2015 về kế hoạch "
     "đầu tư công trung hạn và hằng năm; số 120/2018/NĐ-CP ngày 13 tháng 9 năm 2018 về sửa đổi, "
     "bổ sung một số điều Nghị định số 77/2015/NĐ-CP ngày 10 tháng 9 năm 2015 của Chính phủ;",
     [("77/2015/NĐ-CP", "Nghị định"), ("120/2018/NĐ-CP", "Nghị định"), ("77/2015/NĐ-CP", "Nghị định")]),
    # a member whose code is not the list's type keeps no type (the list word does not fit it)
    ("Căn cứ các Nghị định của Chính phủ: số 77/2015/NĐ-CP ngày 10 tháng 9 năm 2015; số "
     "54/2018/TT-BTC ngày 08 tháng 6 năm 2018;",
     [("77/2015/NĐ-CP", "Nghị định"), ("54/2018/TT-BTC", None)]),
]


@pytest.mark.parametrize(("text", "want"), LISTS)
def test_list_members_take_the_list_type(text: str, want: list) -> None:
    assert [(c.symbol, c.type) for c in scan(text)] == want


# --- an old circular's number puts its type code last ----------------------------------------------

OLD = [
    # (text, (symbol, type_code, issuer_code)) — 084 (Bộ Y tế 1994); "18-L/CTN" keeps its order
    ("Số: 07-BYT/TT", None),
    ("THÔNG TƯ CỦA BỘ Y TẾ SỐ 7-BYT/TT NGÀ Y 30-4-1994", ("7-BYT/TT", "TT", "BYT")),
    ("Thông tư số 07-BYT/TT ngày 30-4-1994 của Bộ Y tế", ("07-BYT/TT", "TT", "BYT")),
    ("Pháp lệnh số 18-L/CTN ngày 10/5/1996", ("18-L/CTN", "L", "CTN")),
]


@pytest.mark.parametrize(("text", "want"), OLD)
def test_old_state_number_type_code_last(text: str, want) -> None:
    got = [(c.symbol, c.type_code, c.issuer_code) for c in scan(text)]
    assert got == ([want] if want else [])
