"""Importer: each known noise of the source tables, cleaned and reported (real rows)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from refcheck.catalog.load import load_catalog, validate
from refcheck.lint.catalog_cli import catalog as catalog_cli
from refcheck.catalog.build import load_recipe
from refcheck.catalog.importer import (import_table, parse_column_map, parse_relation_text,
                                       read_records, ImportReport)

ROOT = Path(__file__).resolve().parent.parent
RECIPE = load_recipe(ROOT / "data" / "sources" / "recipe.yaml")
STATE_HEADER = "number\ttype\tissuer\tdate\teffective\ttitle\tvbpl_itemid\tdemuc"

# (real row of data/sources/state-documents.tsv, expected symbol or None if dropped,
#  expected title prefix, expected fixed field / drop reason)
STATE_ROWS = [
    ("'56/2020/TT-BCT\tThông tư\tBộ Công thương\t2020-12-31\t2021-07-03\tThông tư số 56/2020/TT-BCT ngày 31 tháng 12 năm 2020\t156203\t34.11 Quản lý thị trường",
     "56/2020/TT-BCT", "Thông tư số 56", "stray"),
    ("03/2020/TT-BCT\"\tThông tư\tBộ công thương\t2020-01-22\t2020-03-09\tQuy định việc nhập khẩu thuốc lá nguyên liệu theo hạn ngạch thuế quan năm 2020\t139895\t34.4 Quản lý ngoại thương",
     "03/2020/TT-BCT", "Quy định việc nhập khẩu", "stray"),
    ("05/2007/TT-BYT.\tThông tư\tBộ Y tế\t2007-03-07\t2007-04-13\tHướng dẫn về điều kiện và thủ tục chỉ định tổ chức thực hiện kiểm tra\t12181\t41.9 Y tế",
     "05/2007/TT-BYT", "Hướng dẫn", "stray"),
    ("01\tQuyết định\tThủ tướng Chính phủ\t2017-01-17\t2017-03-05\t/2017/QĐ-TTg Ban hành Danh mục giáo dục, đào tạo của hệ thống giáo dục quốc dân\t118855\t31.1 Thống kê",
     "01/2017/QĐ-TTg", "Ban hành Danh mục", "cut"),
    ("01/2012/QĐ-\tQuyết định\tThủ tướng Chính phủ\t2012-01-09\t2012-03-01\tTTg Về một số chính sách hỗ trợ việc áp dụng Quy trình thực hành sản xuất nông nghiệp tốt\t27148\t2.1 Nông nghiệp",
     "01/2012/QĐ-TTg", "Về một số chính sách", "cut"),
    ("11/2015/TTLT-\tThông tư liên tịch\tBộ Lao động - Thương binh và Xã hội\t2015-12-11\t2016-01-25\tBVHTTDL-BTC- BGDĐT-BLĐTBXH Thông tư liên tịch hướng dẫn thực hiện\t60370\t13.1 Giáo dục",
     "11/2015/TTLT-BVHTTDL-BTC-BGDĐT-BLĐTBXH", "Thông tư liên tịch hướng dẫn", "cut"),
    ("TT\tThông tư\tBộ Nông nghiệp và Phát triển nông thôn\t2023-09-27\t2023-11-11\t07/2023/TT-BNNPTNT Bãi bỏ một phần Thông tư số 71/2011/TT-BNNPTNT\t162034\t2.1 Nông nghiệp",
     "07/2023/TT-BNNPTNT", "Bãi bỏ một phần", "cut"),
    ("02/2020/TT-BGDÐT\tThông tư\tBộ Giáo dục và Đào tạo\t2020-02-05\t2020-03-22\tQuy định về tiêu chuẩn đánh giá chất lượng chương trình đào tạo giáo viên\t140131\t13.1 Giáo dục",
     "02/2020/TT-BGDĐT", "Quy định", "canonical"),
    ("03/2019/tt-bkhđt\tThông tư\tBộ Kế hoạch và Đầu tư\t2019-01-22\t2019-03-08\tquy định bộ chỉ tiêu phát triển bền vững của Việt Nam\t133531\t31.1 Thống kê",
     "03/2019/TT-BKHĐT", "quy định", "canonical"),
    ("02/2002/TT-BGD&ĐT\tThông tư\tBộ Giáo dục và Đào tạo\t2002-01-22\t2002-02-06\thướng dẫn thi hành một số điều của Quy chế trường đại học dân lập\t21422\t13.1 Giáo dục",
     "02/2002/TT-BGDĐT", "hướng dẫn", "canonical"),
    ("45/2013/QH13\tLuật\tQuốc hội\t2013-11-29\t2014-07-01\tĐất đai\t32832\t12.1 Đất đai",
     "45/2013/QH13", "Đất đai", None),
    ("01/2003/QĐ-BGDĐT\tQuyết định\t\t\t2003-01-17\t\t21399\t41.12 Thư viện",
     None, None, "no date and no issuer"),
    ("Thông\tThông tư\t\t\t\t\t\t", None, None, "unparseable symbol"),
    ("Không\tPháp lệnh\tUỷ ban Thường vụ Quốc hội\t1995-05-31\t1995-05-31\tsố Về Hàm, cấp ngoại giao\t11005\t1.2 Ngoại giao",
     None, None, "unparseable symbol"),
    ("05/2022/TT-BYT\tThông tư\tBộ Y tế\t2002-08-01\t2002-08-01\tQuy định chi tiết thi hành một số điều\t1\t41.9 Y tế",
     "05/2022/TT-BYT", "Quy định", "contradicts"),
]


@pytest.mark.parametrize("row,symbol,title,what", STATE_ROWS)
def test_state_noise(tmp_path, row, symbol, title, what):
    p = tmp_path / "state-documents.tsv"
    p.write_text(STATE_HEADER + "\n" + row + "\n", encoding="utf-8")
    docs, report = import_table(p, RECIPE.columns("state-documents.tsv"), system="state")
    if symbol is None:
        assert docs == []
        assert len(report.drops) == 1 and report.drops[0].reason == what
        assert report.drops[0].line == 2
        return
    assert [d.symbol for d in docs] == [symbol]
    d = docs[0]
    assert d.id == symbol and d.title.startswith(title)
    assert d.source == "state-documents.tsv:2"
    if what is None:
        assert report.fixes == []
    else:
        assert any(what in f.reason for f in report.fixes), [str(f) for f in report.fixes]
        assert all(f.line == 2 for f in report.fixes)
    if what == "contradicts":
        assert d.date is None and d.verified is False


def test_field_conventions(tmp_path):
    p = tmp_path / "t.tsv"
    p.write_text(STATE_HEADER + "\n" + "\n".join([
        "30/2020/NĐ-CP\tNghị định\tChính phủ\t2020-03-05\t2020-03-05\tVề công tác văn thư\t1\tx",
        "1234/QD-TTg\tQuyết định\tThủ tướng Chính phủ\t2019-09-20\t\tvề việc x\t2\tx",
        "80/2015/QH13\tLuật\tQuốc hội\t2015-06-22\t2016-07-01\tBan hành văn bản quy phạm pháp luật\t3\tx",
    ]) + "\n", encoding="utf-8")
    docs, _ = import_table(p, RECIPE.columns("state-documents.tsv"), system="state")
    got = {d.symbol: (d.number, d.year, d.type_code, d.issuer_code, d.khoa) for d in docs}
    assert got == {"30/2020/NĐ-CP": (30, 2020, "NĐ", "CP", None),
                   "1234/QĐ-TTg": (1234, None, "QĐ", "TTg", None),
                   "80/2015/QH13": (80, 2015, None, "QH13", "XIII")}
    law = next(d for d in docs if d.symbol == "80/2015/QH13")
    assert law.aliases == ("Luật Ban hành văn bản quy phạm pháp luật 2015",)


def test_duplicates_and_shared_symbols(tmp_path):
    p = tmp_path / "t.tsv"
    p.write_text(STATE_HEADER + "\n" + "\n".join([
        "06/2020/TT-BCT.\tThông tư\tBộ công thương\t2020-03-24\t\tA\t1\tx",
        "06/2020/TT-BCT\tThông tư\tBộ Công Thương\t2020-03-24\t\tA again\t2\tx",
        "24/2008/QH12\tNghị quyết\tQuốc hội\t2008-11-14\t\tVề việc thi hành Luật thi hành án dân sự\t3\tx",
        "24/2008/QH12\tLuật\tQuốc hội\t2008-11-13\t\tQuốc tịch Việt Nam\t4\tx",
    ]) + "\n", encoding="utf-8")
    docs, report = import_table(p, RECIPE.columns("state-documents.tsv"), system="state")
    assert sorted(d.id for d in docs) == ["06/2020/TT-BCT", "24/2008/QH12@2008-11-13",
                                          "24/2008/QH12@2008-11-14"]
    assert [(d.line, d.reason) for d in report.drops] == [(3, "duplicate of t.tsv:2")]


PARTY_HEADER = ("symbol\ttype\tissuing_body\tkhoa\tdate\tplenum\tshort_title\trelations\t"
                "evidence\tverified")
PARTY_ROWS = [
    "Nghị quyết Đại hội XII\tNghị quyết Đại hội\tĐại hội đại biểu toàn quốc lần thứ XII\tXII\t28/01/2016\t\tNghị quyết Đại hội XII\t\tpages\tyes",
    "18-NQ/TW\tNghị quyết\tBộ Chính trị\tX\t25/10/2007\t\tđịnh hướng chiến lược phát triển năng lượng quốc gia\treplaced by 55-NQ/TW (11/02/2020) [knowledge]\tx\tyes",
    "04-NQ/TW\tNghị quyết\tBan Chấp hành Trung ương\tXII\t30/10/2016\tHội nghị Trung ương 4\ttăng cường xây dựng, chỉnh đốn Đảng\tsame number as 04-NQ/TW 21/08/2006 (TW3 khóa X)\tx\tyes",
    "55-NQ/TW\tNghị quyết\tBộ Chính trị\tXII\t11/02/2020\t\tđịnh hướng Chiến lược phát triển năng lượng quốc gia\treplaces 18-NQ/TW (25/10/2007) [news context]; followed by 70-NQ/TW (20/08/2025)\tx\tyes",
    "28-NQ/TW\tNghị quyết\tBan Chấp hành Trung ương\tXI\t\tHội nghị Trung ương 8\tChiến lược bảo vệ Tổ quốc trong tình hình mới\t\tx\tno",
    "80-QĐ/TW\tQuy định\tBộ Chính trị\tXIII\t18/08/2022\t\tx\tsuperseded by 377-QĐ/TW (08/10/2025) [not source-confirmed]\tx\tyes",
]


def test_party_rows(tmp_path):
    p = tmp_path / "party-documents.tsv"
    p.write_text(PARTY_HEADER + "\n" + "\n".join(PARTY_ROWS) + "\n", encoding="utf-8")
    docs, report = import_table(p, RECIPE.columns("party-documents.tsv"), system="party")
    by = {d.id: d for d in docs}
    assert set(by) == {"Đại hội XII", "18-NQ/TW@2007-10-25", "04-NQ/TW@2016-10-30",
                       "55-NQ/TW@2020-02-11", "28-NQ/TW@XI", "80-QĐ/TW@2022-08-18"}
    cong = by["Đại hội XII"]
    assert (cong.congress, cong.date, cong.symbol, cong.number) == ("XII", "2016-01-28", None, None)
    assert "Nghị quyết Đại hội XII" in cong.aliases
    tw4 = by["04-NQ/TW@2016-10-30"]
    assert tw4.plenum == 4 and "Nghị quyết Trung ương 4 khóa XII" in tw4.aliases
    assert by["18-NQ/TW@2007-10-25"].replaced_by == ("55-NQ/TW@2020-02-11",)
    assert by["55-NQ/TW@2020-02-11"].replaces == ("18-NQ/TW@2007-10-25",)
    assert by["28-NQ/TW@XI"].verified is False and by["28-NQ/TW@XI"].date is None
    assert by["80-QĐ/TW@2022-08-18"].replaced_by == ()  # not source-confirmed: left out
    assert [d.id for d in docs][:2] == ["18-NQ/TW@2007-10-25", "Đại hội XII"]  # by date
    assert [d.id for d in docs][-1] == "28-NQ/TW@XI"  # undated last


def test_relation_text():
    assert parse_relation_text("replaces 07-QĐi/TW and 102-QĐ/TW") == [
        ("replaces", "07-QĐi/TW", None, None), ("replaces", "102-QĐ/TW", None, None)]
    assert parse_relation_text("amends 69-QĐ/TW (06/07/2022); thuvienphapluat labels x") == [
        ("amends", "69-QĐ/TW", "2022-07-06", None)]
    assert parse_relation_text("replaced by a later Quy định (source: x)") == []
    assert parse_relation_text("followed by 68-NQ/TW (04/05/2025, BCT)") == []
    assert parse_relation_text("replaced by 45-CT/TW (2025) per prior list") == [
        ("replaced_by", "45-CT/TW", None, 2025)]


def test_laws_merge_and_real_sources():
    """On the real copies: laws.tsv wins for law fields, verified party rows kept apart."""
    report = ImportReport()
    src = ROOT / "data" / "sources"
    laws = read_records(src / "laws.tsv", RECIPE.columns("laws.tsv"), report, system="state")
    assert sum(1 for d in report.drops if d.reason == "no symbol") == 6
    assert len(laws) == 530
    party = read_records(src / "party-documents.tsv", RECIPE.columns("party-documents.tsv"),
                         report, system="party")
    assert len(party) == 309 and sum(1 for r in party if not r.doc.verified) == 24
    cat = load_catalog()
    dat = cat.by_id["45/2013/QH13"]
    assert dat.title == "Đất đai" and dat.khoa == "XIII" and dat.source.startswith("laws.tsv:")
    # in both tables: one entry, laws.tsv's title ("Luật Thủy lợi" -> "Thủy lợi")
    tl = cat.by_id["08/2017/QH14"]
    assert tl.title == "Thủy lợi" and tl.source == "laws.tsv:360; state-documents.tsv:744"
    assert "Luật Thủy lợi 2017" in tl.aliases
    # same symbol, different documents (Luật vs Nghị quyết): kept apart, ids carry the date
    assert {d.id for d in cat.by_symbol("24/2008/QH12")} == {"24/2008/QH12@2008-11-13",
                                                             "24/2008/QH12@2008-11-14"}


def test_column_map_and_cli_import(tmp_path):
    assert parse_column_map("symbol=number, type=type") == {"symbol": "number", "type": "type"}
    with pytest.raises(ValueError):
        parse_column_map("symbol")
    csvf = tmp_path / "mine.csv"
    csvf.write_text('so,loai,ngay,co quan,trich yeu\n'
                    '"35 - CT/TU",Chỉ thị,30/05/2019,Thành ủy,"về đại hội, nhiệm kỳ"\n'
                    '"",Chỉ thị,30/05/2019,Thành ủy,x\n', encoding="utf-8")
    out = tmp_path / "mine.yaml"
    r = CliRunner().invoke(catalog_cli, [
        "import", str(csvf), "--map",
        "symbol=so,type=loai,date=ngay,issuer=co quan,title=trich yeu", "-o", str(out),
        "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert "mine.csv:3: drop 'x': no symbol" in r.output and "canonical spelling" in r.output
    assert validate([out]) == []
    cat = load_catalog([out], default=False)
    d = cat.by_id["35-CT/TU@2019-05-30"]
    assert (d.system, d.title, d.date, d.issuer) == ("party", "về đại hội, nhiệm kỳ",
                                                     "2019-05-30", "Thành ủy")
    bad = CliRunner().invoke(catalog_cli, ["import", str(csvf), "--map", "symbol=nope",
                                            "--lang", "en"])
    assert bad.exit_code == 2 and "no column" in bad.output
