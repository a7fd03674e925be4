"""Table-driven extraction tests over real citations (seeds, ../shared/data examples, notation).

Each row: a real sentence fragment and the fields of every citation refcheck must find in it,
in order. Fields not named in a row are not asserted.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from refcheck.extract.scan import scan

DATA = Path(__file__).parent / "data"

CASES = [
    # --- seeds ---------------------------------------------------------------------------
    ("Thực hiện Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị “về Đại hội đảng bộ",
     [dict(kind="symbol", type="Chỉ thị", number=35, year=None, type_code="CT", issuer_code="TW",
           date="2019-05-30", issuer="Bộ Chính trị", text="Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị")]),
    ("Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị về lãnh đạo cuộc bầu cử",
     [dict(number=45, type_code="CT", issuer_code="TW", date="2020-06-20", symbol="45-CT/TW",
           spelling=["45-CT/TW"])]),
    ("đã ban hành Kế hoạch số 01-KH/ĐU Ngày 31/12/2019 Về việc tổ chức Đại hội",
     [dict(number=1, type="Kế hoạch", type_code="KH", issuer_code="ĐU", date="2019-12-31", system="party")]),
    ("gắn với việc thực hiện Chỉ thị 05-CT/TW và Kết luận 01-KL/TW của Bộ Chính trị về đẩy mạnh",
     [dict(type="Chỉ thị", number=5, type_code="CT", issuer=None),
      dict(type="Kết luận", number=1, type_code="KL", issuer="Bộ Chính trị")]),
    ("nêu trong Quy định số 126-QĐ/TW của Bộ Chính trị về một số vấn đề",
     [dict(type="Quy định", number=126, type_code="QĐ", issuer_code="TW", issuer="Bộ Chính trị")]),
    ("theo Nghị quyết Trung ương 4 (Khóa XI, XII) gắn với",
     [dict(kind="named", plenum=4, khoa="XI"), dict(kind="named", plenum=4, khoa="XII")]),
    ("Nghị quyết Hội nghị lần thứ 4 BCH Trung ương Đảng (khóa XII), gắn với đẩy mạnh",
     [dict(kind="named", plenum=4, khoa="XII")]),
    ("năm đầu tiên thực hiện Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng, năm",
     [dict(kind="named", congress="XIII")]),
    ("thực hiện Nghị quyết Đại hội XIII của Đảng.", [dict(kind="named", congress="XIII")]),
    # A local congress is not the Party Congress.
    ("Chương trình hành động thực hiện Nghị quyết Đại hội XIII Đảng bộ Khối;", []),
    ("thực hiện thành công Nghị quyết Đại hội XIII của Đảng bộ Khối, góp phần", []),
    ("Nghị quyết Đại hội đại biểu Đảng bộ Cơ quan Văn phòng Quốc hội lần thứ XIV", []),
    # --- ../shared/data/citation-examples.tsv and notation.md ------------------------------
    ("Chỉ thị số 15-CT/TU, ngày 16-12-2016, của Thành ủy",
     [dict(number=15, type_code="CT", issuer_code="TU", date="2016-12-16", issuer="Thành ủy")]),
    ("Nghị quyết số 58-NQ/TW ngày 19-11-1958 của Bộ Chính trị Ban Chấp hành Trung ương",
     [dict(number=58, date="1958-11-19", issuer="Bộ Chính trị")]),
    ("Nghị quyết số 39-NQ/TW của Bộ Chính trị (khóa XI)",
     [dict(number=39, type_code="NQ", issuer="Bộ Chính trị", khoa="XI")]),
    ("Nghị quyết 19-2017/NQ-CP ngày 6/2/2017",
     [dict(number=19, year=2017, type_code="NQ", issuer_code="CP", date="2017-02-06", crossed=False,
           symbol="19-2017/NQ-CP")]),  # the Government's own style for it (issue 13)
    ("Nghị định 167/2013/ NĐ-CP", [dict(number=167, year=2013, type_code="NĐ", issuer_code="CP",
                                       spelling=["167/2013/NĐ-CP"])]),
    ("Thông tư số 03 /2016/TT-BNNPTNT", [dict(number=3, year=2016, type_code="TT",
                                             issuer_code="BNNPTNT", spelling=["03/2016/TT-BNNPTNT"])]),
    ("Nghị định số: 29/2012/NĐ-CP ngày 12/4/2012 của Chính phủ",
     [dict(number=29, year=2012, date="2012-04-12", issuer="Chính phủ", spelling=["số"])]),
    ("Quyết định số 1665/QĐ-BCT ngày 05 tháng 4 năm 2012 của Bộ trưởng Bộ Công Thương",
     [dict(number=1665, year=None, type_code="QĐ", issuer_code="BCT", date="2012-04-05",
           issuer="Bộ Công Thương")]),
    ("Nghị quyết T.Ư 4, khóa XII", [dict(kind="named", plenum=4, khoa="XII")]),
    ("Nghị quyết TW4", [dict(kind="named", plenum=4, khoa=None)]),
    ("Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng (Khóa XII)",
     [dict(kind="named", plenum=4, khoa="XII")]),
    ("Chỉ thị số 11-CT/TW, ngày 20/12/2016 của Ban Bí thư, Chỉ thị số 13/CT-TTg ngày 17/12/2016",
     [dict(number=11, issuer_code="TW", date="2016-12-20", issuer="Ban Bí thư"),
      dict(number=13, type_code="CT", issuer_code="TTg", date="2016-12-17", issuer=None)]),
    ("Pháp lệnh số 04/2012/UBTVQH13 ngày 16/7/2012",
     [dict(number=4, year=2012, type_code=None, issuer_code="UBTVQH13", date="2012-07-16")]),
    ("Nghị quyết 379/2017/UBTVQH14 ban hành ngày 4/5/20",
     [dict(number=379, year=2017, issuer_code="UBTVQH14", date=None, date_problem="truncated")]),
    ("Nghị quyết số 18-NQ/TW và 19-NQ/TW", [dict(number=18, type="Nghị quyết"),
                                            dict(number=19, type="Nghị quyết", type_inherited=True)]),
    ("Nghị quyết 18, 19-NQ/TW", [dict(number=18, type_code="NQ"), dict(number=19, type_code="NQ")]),
    ("Chỉ thị số 45 – CT/TW", [dict(number=45, spelling=["45-CT/TW"])]),
    ("Nghị định 38/2012/ND-CP", [dict(type_code="NĐ", symbol="38/2012/NĐ-CP", spelling=["38/2012/NĐ-CP"])]),
    ("Nghị quyết số 09/NQ-TW", [dict(type_code="NQ", issuer_code="TW", crossed=True, symbol="09-NQ/TW")]),
    ("Quyết định số 08-QĐi/TW", [dict(type_code="QĐi", issuer_code="TW", symbol="08-QĐi/TW")]),
    ("Thông tư liên tịch số 01/2014/TTLT-BTC-BNV", [dict(type="Thông tư liên tịch", type_code="TTLT",
                                                      issuer_code="BTC-BNV", year=2014)]),
    ("Luật số 80/2015/QH13", [dict(type="Luật", type_code=None, issuer_code="QH13", year=2015)]),
    ("Quyết định 1234/QĐ-TTg", [dict(type_code="QĐ", issuer_code="TTg", year=None)]),
    ("ngày 30.5.2019 theo Chỉ thị số 35-CT/TW ngày 30.5.2019", [dict(date="2019-05-30")]),
    ("Chỉ thị số 35-CT/TW ngày 31/2/2019", [dict(date=None, date_problem="impossible")]),
    # --- real news lines (baomoi 2017) -----------------------------------------------------
    ("UBND tỉnh Lâm Đồng mới đây đã có liên tiếp 5 quyết định số 191/QĐ-UBND; 192/QĐ-UBND; 193/QĐ-UBND xử phạt",
     [dict(number=191, type="Quyết định"), dict(number=192), dict(number=193)]),
    ("Thủ tướng Chính phủ chấp thuận chủ trương đầu tư tại văn bản số 152/TTg-CN, ngày 25/1/2017 cho",
     [dict(type="Văn bản", number=152, type_code=None, issuer_code="TTg-CN", date="2017-01-25")]),
    ("đã ký công văn số 301/ BGDĐT-GDMN gửi Sở GD-ĐT Hà Nội",
     [dict(type="Công văn", number=301, issuer_code="BGDĐT-GDMN")]),
    ("với số model SM-G9550/SM-G9550X, trong khi", []),
    ("theo QCVN 08-MT:2015/BTNMT - Quy chuẩn kỹ thuật quốc gia về chất lượng nước", []),
    # dates as real text writes them, and whose they are in a list (baomoi 2017)
    ("công văn số 1354/UBND-XD ngày13/11/2015 với giấy phép", [dict(date="2015-11-13")]),
    ("Chỉ thị số 25/CT-TTg (ngày 31-8-2016), về một số nhiệm vụ", [dict(date="2016-08-31")]),
    ("Nghị quyết 45/NQ-CP của Chính phủ ban hành 16/11/2010 về đơn giản hóa",
     [dict(date="2010-11-16", issuer="Chính phủ")]),
    ("Thông tư 333/2016/TT-BTC có hiệu lực từ ngày 10/02/2017.", [dict(date=None)]),
    ("Kết luận số 1956/KL-CT và số 2100/QĐ-CT ngày 19-9-2016 của Cục",
     [dict(number=1956, date=None), dict(number=2100, date="2016-09-19")]),
    ("Nghị quyết số 18-NQ/TW và 19-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương",
     [dict(number=18, date="2017-10-25", issuer="Ban Chấp hành Trung ương"),
      dict(number=19, date="2017-10-25", issuer="Ban Chấp hành Trung ương")]),
    ("Chỉ thị 05-CT/TW ngày 15/5/2016 và 36-CT/TW thì", [dict(number=5, date="2016-05-15"),
                                                          dict(number=36, date=None)]),
    ("các huyện nghèo tại Nghị quyết số 30a/2008/NQ- CP của Chính phủ và",
     [dict(number=30, number_suffix="a", year=2008, symbol="30a/2008/NQ-CP", issuer="Chính phủ",
           spelling=["30a/2008/NQ-CP"])]),
    ("Ảnh: Doãn Tấn/TTXVN", []),
    ("nhiệm kỳ 2020-2025 và ngày 30/10/2020", []),
    # --- named and short forms -------------------------------------------------------------
    ("Theo Luật Đất đai 2013 và Luật Nhà ở năm 2014, thì",
     [dict(kind="named", type="Luật", title="Đất đai", year=2013),
      dict(kind="named", type="Luật", title="Nhà ở", year=2014)]),
    ("Bộ luật Hình sự 2015 có hiệu lực", [dict(kind="named", type="Bộ luật", title="Hình sự", year=2015)]),
    ("Luật Doanh nghiệp số 68/2014/QH13 quy định",
     [dict(kind="symbol", title="Doanh nghiệp", number=68, issuer_code="QH13")]),
    ("theo Luật Đất đai hiện hành", []),
    ("sau đó Chỉ thị 35 yêu cầu", [dict(kind="bare", type="Chỉ thị", number=35)]),
    ("Nghị quyết 18 và 19 của Hội nghị Trung ương 6 khóa XII",
     [dict(kind="bare", number=18, plenum=6, khoa="XII"), dict(kind="bare", number=19, plenum=6)]),
    ("Nghị quyết số 18-NQ/TW Hội nghị Trung ương 6 khóa XII",
     [dict(kind="symbol", number=18, plenum=6, khoa="XII")]),
    ("Nghị quyết Hội nghị Trung ương lần thứ tư (khóa XII)", [dict(kind="named", plenum=4, khoa="XII")]),
    ("Nghị quyết Hội nghị Trung ương lần thứ mười lăm", [dict(kind="named", plenum=15)]),
    ("Nghị quyết Đại hội lần thứ XII của Đảng", [dict(kind="named", congress="XII")]),
    ("Nghị quyết Đại hội XIII của Đảng Cộng sản Việt Nam", [dict(kind="named", congress="XIII")]),
    # more real plenum and congress forms (baomoi 2017)
    ("nghị quyết Trung ương 4 khóa XII", [dict(kind="named", plenum=4, khoa="XII")]),
    ("Nghị quyết Hội nghị trung ương 5 khóa XII về sắp xếp, đổi mới DNNN",
     [dict(kind="named", plenum=5, khoa="XII")]),
    ("Nghị quyết Hội nghị lần thứ 4 Ban chấp hành Trung ương khóa XII về tăng cường",
     [dict(kind="named", plenum=4, khoa="XII")]),
    ("Nghị quyết Hội nghị 5 Ban Chấp hành Trung ương khóa XII về tiếp tục cơ cấu lại",
     [dict(kind="named", plenum=5, khoa="XII")]),
    ("nghị quyết Đại hội Đảng toàn quốc lần thứ XII", [dict(kind="named", congress="XII")]),
    ("Nghị quyết Đại hội Đại biểu toàn quốc lần thứ VI, ngày 20-5-1988",
     [dict(kind="named", congress="VI")]),
    ("Nghị quyết Đại hội 12 của Đảng, Đại hội 15 của Đảng bộ thành phố", [dict(kind="named", congress="XII")]),
    ("Nghị quyết Đại hội Đảng lần thứ VI, Tổng Bí thư Trường Chinh", [dict(kind="named", congress="VI")]),
    ("Nghị quyết Đại hội 12 thì", []),
    ("nghị quyết Đại hội Đảng bộ tỉnh, bằng các chương trình", []),
    ("Nghị quyết Đại hội đồng cổ đông về việc chi trả cổ tức năm 2016", []),
    # another country's party congress (baomoi 2017)
    ("sau hơn một năm triển khai Nghị quyết Đại hội lần thứ X của Đảng Nhân dân Cách mạng Lào", []),
    ("Bộ Luật Tố tụng hình sự 2003", [dict(kind="named", type="Bộ luật", title="Tố tụng hình sự", year=2003)]),
]


def _value(c, key):
    if key == "spelling":
        return [canon for _span, canon in c.spelling]
    return getattr(c, key)


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_extraction(text, expected):
    found = scan(text)
    assert len(found) == len(expected), [(c.kind, c.symbol, c.text) for c in found]
    for c, exp in zip(found, expected):
        for key, want in exp.items():
            assert _value(c, key) == want, (key, c)
        assert c.text == text[c.start:c.end]


def test_every_example_in_the_shared_table_is_found():
    """Every verbatim hard case mined from real articles yields at least one citation."""
    with open(DATA / "citation-examples.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert len(rows) == 15
    for row in rows:
        found = scan(row["verbatim"])
        assert found, row
        for c in found:
            assert c.text == row["verbatim"][c.start:c.end]


def test_offsets_point_into_decomposed_original():
    import unicodedata

    text = unicodedata.normalize("NFD", "Thực hiện Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị về")
    (c,) = scan(text)
    assert c.text == text[c.start:c.end]
    assert unicodedata.normalize("NFC", c.text) == "Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị"
    assert (c.type, c.issuer, c.date) == ("Chỉ thị", "Bộ Chính trị", "2019-05-30")


def test_lookalike_eth_is_normalised_and_flagged():
    (c,) = scan("Nghị định số 30/2020/\u00d0-CP".replace("\u00d0", "N\u00d0"))
    assert c.type_code == "NĐ"
    assert [canon for _s, canon in c.spelling] == ["30/2020/NĐ-CP"]
