"""Issue 13: a number and a year with the codes left out ("Nghị định số 129/2016") is a
citation, resolved by type, number and year — not RC101 "unreadable".

Sentences are copied from ../shared/data/news/baomoi-2017.jsonl.gz (article ids beside them;
the RC101 warnings bench/judged-findings.tsv judged false on exactly these). The catalog rows
in tests/data/catalogs/number_year.yaml are copied from catalog.yaml with their sources.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from refcheck.api import check_source
from refcheck.catalog.load import load_catalog
from refcheck.extract.scan import scan

CATALOG = Path(__file__).parent / "data" / "catalogs" / "number_year.yaml"

# (sentence, citation text, type, number, year, type code, issuer code, symbol)
REAL = [
    ("Với Nghị định số 129/2016 được Chính phủ Ban hành về biểu thuế nhập khẩu ưu đãi đặc biệt",
     "Nghị định số 129/2016", "Nghị định", 129, 2016, "NĐ", "CP", "129/2016/NĐ-CP"),  # 21472311
    ("Ngoài ra, Thông tư số 17/2007 của Bộ Y tế hướng dẫn thực hiện quyền tự chủ",
     "Thông tư số 17/2007 của Bộ Y tế", "Thông tư", 17, 2007, "TT", None, "17/2007"),  # 21510932
    ("Theo quyết định số 1338/2004 của Bộ Y tế hướng dẫn quy trình kỹ thuật rửa sử dụng lại",
     "quyết định số 1338/2004 của Bộ Y tế", "Quyết định", 1338, 2004, "QĐ", None,
     "1338/2004"),  # 22495921
    ("Bộ Công Thương vừa mới ban hành Quyết định số 1667/2017, về việc thành lập Đoàn kiểm tra",
     "Quyết định số 1667/2017", "Quyết định", 1667, 2017, "QĐ", None, "1667/2017"),  # 22271513
    ("Luật Giáo dục đào tạo và Thông tư liên tịch số 21/2016 ngày 16/9/2016 của Bộ Giáo dục và "
     "Đào tạo - Bộ Nội vụ quy định mã số", "Thông tư liên tịch số 21/2016 ngày 16/9/2016 của Bộ "
     "Giáo dục và Đào tạo", "Thông tư liên tịch", 21, 2016, "TTLT", None, "21/2016"),  # 21486751
    ("như quy định tại Thông tư 20/2011 trước đây", "Thông tư 20/2011", "Thông tư", 20, 2011,
     "TT", None, "20/2011"),  # 22271494
    ("Đồng thời tiếp tục chỉ đạo, thực hiện hiệu quả các giải pháp nêu trong Chỉ thị số 32/2016 "
     "của Thủ tướng Chính phủ về tăng cường", "Chỉ thị số 32/2016 của Thủ tướng Chính phủ",
     "Chỉ thị", 32, 2016, "CT", None, "32/2016"),  # 22538766
    ("xử phạt theo thông tư 15/2015 của Bộ VHTT&DL", "thông tư 15/2015", "Thông tư", 15, 2015,
     "TT", None, "15/2015"),  # 21472656
]


def _fields(c) -> tuple:
    return (c.text, c.type, c.number, c.year, c.type_code, c.issuer_code, c.symbol)


@pytest.mark.parametrize("sentence,text,typ,number,year,tc,ic,symbol", REAL)
def test_number_and_year_is_a_citation(sentence, text, typ, number, year, tc, ic, symbol):
    (c,) = [c for c in scan(sentence) if c.number == number]
    assert _fields(c) == (text, typ, number, year, tc, ic, symbol)
    assert c.kind == "symbol" and c.system == "state"
    assert sentence[c.start:c.end] == c.text


def test_a_list_of_number_year_forms():
    # 22434139: each item its own citation, the issuer with the last one
    s = ("Cụ thể, Thông tư số 219/2013, Thông tư số 26/2015 và Thông tư số 173/2016 của Bộ Tài "
         "chính có hướng dẫn điều kiện khấu trừ thuế giá trị gia tăng đầu vào.")
    assert [(c.number, c.year, c.issuer) for c in scan(s)] == [
        (219, 2013, None), (26, 2015, None), (173, 2016, "Bộ Tài chính")]


@pytest.mark.parametrize("text", [
    "Quyết định 12/5/2017 về việc",          # a date after a number: no year in a symbol
    "theo tháng 5/2017 của năm",             # no type word
    "Nghị định 100/2019/NĐ-CP ngày 30/12/2019",  # a full symbol stays one
])
def test_not_a_number_year_form(text):
    assert all(c.symbol_raw is None or "/" not in c.symbol_raw or c.issuer_code
               for c in scan(text)), [c.symbol for c in scan(text)]
    assert [c.symbol for c in scan(text) if c.kind == "symbol"] in ([], ["100/2019/NĐ-CP"])


def _check(text: str):
    cat = load_catalog([CATALOG], default=False)
    art = check_source(text, catalog=cat).articles[0]
    return [(c.text, [d.id for d in r.documents], r.certain)
            for c, r in zip(art.citations, art.resolutions)], [f.code for f in art.findings]


def test_resolved_by_type_number_and_year():
    cites, codes = _check("Với Nghị định số 129/2016 được Chính phủ Ban hành về biểu thuế.")
    assert cites == [("Nghị định số 129/2016", ["129/2016/NĐ-CP"], True)]
    assert "RC101" not in codes


def test_the_issuer_named_picks_one_of_several():
    # 22434372: "Thông tư số 12/2011 của Bộ Giáo dục và Đào tạo" among three 12/2011 circulars
    cites, codes = _check("nữ sinh đã vi phạm điều 41 Thông tư số 12/2011 của Bộ Giáo dục và Đào "
                          "tạo về ban hành Điều lệ")
    assert cites == [("Thông tư số 12/2011 của Bộ Giáo dục và Đào tạo", ["12/2011/TT-BGDĐT"], True)]
    assert not {"RC101", "RC201", "RC203"} & set(codes)


def test_several_candidates_are_none_and_never_an_error():
    cites, codes = _check("Cụ thể, Thông tư số 219/2013 có hướng dẫn điều kiện khấu trừ thuế.")
    assert cites == [("Thông tư số 219/2013", [], False)]
    assert codes == ["RC202"]  # unverifiable, info


def test_several_candidates_are_none_whatever_the_article_date():
    cat = load_catalog([CATALOG], default=False)
    art = check_source("Cụ thể, Thông tư số 219/2013 có hướng dẫn điều kiện khấu trừ thuế.",
                       catalog=cat, article_date="2017-06-30").articles[0]
    assert art.resolutions[0].documents == []  # not the latest of the two 219/2013 circulars


def test_one_candidate_with_no_issuer_is_no_resolution():
    # 22570147 "Quyết định 74/2008" meant a UBND decision; the catalog knows only a ministry's:
    # with no issuer the type fixes or the catalog can name, the one it holds is a guess
    # (session 5: 10 of 10 such picks in baomoi 2017 were wrong)
    cites, codes = _check("theo Quyết định 74/2008 của UBND TP về quản lý vỉa hè")
    assert cites[0][1:] == ([], False)
    assert not [c for c in codes if c.startswith("RC30")]


def test_year_against_its_date_is_checked():
    # 21481733: "Quyết định số 652/2001 ngày 17/5/2011" (the decision is of 17/5/2001)
    _cites, codes = _check("quy định tại Điều 6 Quyết định số 652/2001 ngày 17/5/2011 về việc")
    assert "RC404" in codes and "RC101" not in codes


SPACES = st.sampled_from([" ", "  ", "\u00a0", " \t"])


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(REAL), SPACES, st.booleans(), st.booleans(), st.booleans())
def test_variants_read_the_same(row, sp, lower, nfd, eth):
    sentence, text, typ, number, year, tc, ic, symbol = row
    variant = text.replace(" số ", f"{sp}số{sp}") if " số " in text else text.replace(" ", sp, 1)
    head = variant[0].lower() if lower else variant[0].upper()
    variant = head + variant[1:]
    if eth:
        variant = variant.replace("Đ", "\u00d0")
    if nfd:
        variant = unicodedata.normalize("NFD", variant)
    cs = [c for c in scan("Theo " + variant + " nói rõ.") if c.number == number]
    assert [(c.type, c.year, c.type_code, c.issuer_code) for c in cs] == [(typ, year, tc, ic)]
