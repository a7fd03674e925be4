"""Official texts of the fresh batch (issue 13, session 7: tests/data/official/100-125).

Every line is copied from those excerpts (SOURCES.tsv gives each source): the misses the batch
showed before the fixes, one table per root cause. In-process and cheap: one file read each.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.api import check_source
from refcheck.extract.articles import split_articles
from refcheck.extract.scan import scan

OFFICIAL = Path(__file__).parent / "data" / "official"


# --- the document's own number is not a citation, and dates the document ------------------------

HEADERS = [
    # (file, header line, the header's date)
    ("100.txt", "Nghị quyết số: 653/2019/UBTVQH14", "2019-03-12"),  # a type word before "số:"
    ("112.txt", "straight connector 2Số: 1551 /UBND-VX", "2016-04-07"),  # a drawing's name glued
    ("115.txt", "-Số: 04/2013/TT-NHNN Hà Nội, ngày 01 tháng 03 năm 2013", "2013-03-01"),  # a rule
]


@pytest.mark.parametrize(("name", "line", "date"), HEADERS)
def test_header_number_is_not_a_citation(name: str, line: str, date: str) -> None:
    text = (OFFICIAL / name).read_text(encoding="utf-8")
    at = text.index(line)
    assert [c for c in scan(text) if c.start < at + len(line) and at < c.end] == []
    [article] = split_articles(text)
    assert (article.date, article.date_source) == (date, "header")


@pytest.mark.parametrize("text", [
    # the same shapes in prose stay citations: no colon, or "số:" inside a sentence
    "Thực hiện Nghị quyết số 653/2019/UBTVQH14 ngày 12 tháng 3 năm 2019 của Ủy ban Thường vụ Quốc hội",
    "Căn cứ Nghị quyết số: 653/2019/UBTVQH14 ngày 12 tháng 3 năm 2019",
    "Nghị định số: 29/2012/NĐ-CP ngày 12/4/2012 của Chính phủ",  # (citation.lark's example)
    "theo Công văn Số: 1551 /UBND-VX ngày 07 tháng 4 năm 2016",
])
def test_number_in_prose_is_still_a_citation(text: str) -> None:
    assert [c.kind for c in scan(text)] == ["symbol"]


# --- symbols whose text lost a hyphen, a space or a letter ------------------------------------------

FIELDS = [
    # (line as printed, symbol read, type word, type code, issuer code, date)
    # "ngày" glued to the code (116)
    ("Căn cứ Nghị định số 156/2013/NĐ-CPngày 11 tháng 11 năm 2013 của Chính phủ quy định chức năng",
     "156/2013/NĐ-CP", "Nghị định", "NĐ", "CP", "2013-11-11"),
    ("Căn cứ Luật Ngân hàng Nhà nước ViệtNam s 46/2010/QH12ngày 16 tháng 6 năm 2010;",
     "46/2010/QH12", "Luật", None, "QH12", "2010-06-16"),
    # "s" for "số", the "ố" lost (116), after a type word or a law's title
    ("Căn cứ Luật các tổ chức tín dụng s 47/2010/QH12 ngày 16 tháng 6 năm 2010;",
     "47/2010/QH12", "Luật", None, "QH12", "2010-06-16"),
    ("Căn cứ Nghị định s 70/2014/NĐ-CP ngày 17 tháng 7 năm 2014 của Chính phủ quy định chi tiết",
     "70/2014/NĐ-CP", "Nghị định", "NĐ", "CP", "2014-07-17"),
    # the hyphen between type and issuer code lost (101): read as meant, RC102 offers it back
    ("Căn cứ Nghị định số 61/2018/NĐCP ngày 23 tháng 4 năm 2018 Chính phủ về thực hiện cơ chế ",
     "61/2018/NĐ-CP", "Nghị định", "NĐ", "CP", "2018-04-23"),
    ("Căn cứ Thông tư số 01/2018/TTVPCP ngày 23 tháng 11 năm 2018 của Văn phòng Chính phủ ",
     "01/2018/TT-VPCP", "Thông tư", "TT", "VPCP", "2018-11-23"),
    ("Căn cứ Quyết định số 2468/QĐUBND ngày 02 tháng 11 năm 2018 của Ủy ban nhân dân tỉnh về ",
     "2468/QĐ-UBND", "Quyết định", "QĐ", "UBND", "2018-11-02"),
    # a slash for the hyphen after the type code (110; 056 of batch 1): read as meant, RC102 offers it
    ("Căn cứ Chỉ thị số 19/2001/CT/UB ngày 01 tháng 7 năm 2001 của Ủyban nhân dân",
     "19/2001/CT-UB", "Chỉ thị", "CT", "UB", "2001-07-01"),
    ("*Căn cứ Thông tư liên tịch 88/2016/TTLT/BTC-BTNMT\nngày 22 tháng 6 năm 2016 của Liên Bộ trưởng Bộ Tài chính",
     "88/2016/TTLT-BTC-BTNMT", "Thông tư liên tịch", "TTLT", "BTC-BTNMT", "2016-06-22"),
    # the type word glued: to the word before (104), or its own space dropped (120)
    ("Thực hiệnQuyết định số 1489/QĐ-TTg ngày 08/10/2012 của Thủ tướng Chính phủ phê duyệtChương",
     "1489/QĐ-TTg", "Quyết định", "QĐ", "TTg", "2012-10-08"),
    ("Căn cứ vào Hiến pháp nước Cộnghoà xã hội chủ nghĩa Việt Nam năm 1992 đãđược sửa đổi, bổ sung "
     "theo Nghịquyết số 51/2001/QH10 ngày 25 tháng 12 năm 2001 của Quốchội khoá X, kỳ họp thứ 10;",
     "51/2001/QH10", "Nghị quyết", None, "QH10", "2001-12-25"),
]


@pytest.mark.parametrize(("line", "symbol", "type_word", "type_code", "issuer_code", "date"), FIELDS)
def test_symbol_fields_as_meant(line, symbol, type_word, type_code, issuer_code, date) -> None:
    got = [(c.symbol, c.type, c.type_code, c.issuer_code, c.date) for c in scan(line) if c.kind == "symbol"]
    assert got[-1] == (symbol, type_word, type_code, issuer_code, date)


def test_unglued_code_is_offered_back_with_its_hyphen() -> None:
    [c] = scan("Căn cứ Nghị định số 61/2018/NĐCP ngày 23 tháng 4 năm 2018 Chính phủ")
    assert [fix for _, fix in c.spelling] == ["61/2018/NĐ-CP"]


@pytest.mark.parametrize("line", [
    # a code that is a known code stays whole; a type word with no glued issuer code stays too
    "Căn cứ Nghị quyết số 01/NQLT ngày 5/1/2010",
    "Quyết định số 120/2003/QĐ-UB ngày 17 tháng 7 năm 2003",
])
def test_known_codes_are_not_split(line: str) -> None:
    [c] = scan(line)
    assert c.symbol in line


# --- a catalog title cut inside the amending formula contradicts no title -------------------------

def test_cut_catalog_title_raises_no_title_error() -> None:
    # 07/2022/QH15 is the law amending the Luật Sở hữu trí tuệ; its only row in the shared
    # tables (state-documents-more.tsv) has the title "bổ sung một", cut from the formula
    line = ("- Căn cứ Luật Giao dịch điện tử số 20/2023/QH15 năm 2023; Luật Sở hữu trí tuệ số "
            "07/2022/QH15 năm 2022;")
    codes = [f.code for a in check_source(line).articles for f in a.findings]
    assert "RC305" not in codes
