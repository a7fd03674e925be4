"""Issue 13: citations as official texts and news write them — wrapped lines, title lines in
capitals, document headers, consolidated texts (VBHN), laws by title, short forms.

Sentences are copied from tests/data/official (sources in its SOURCES.tsv) and from
tests/data/named-forms.tsv (news, ../shared/data/news); hypothesis generates variants.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from refcheck.api import check_source
from refcheck.extract.articles import split_articles
from refcheck.extract.scan import scan

DATA = Path(__file__).parent / "data"
OFFICIAL = DATA / "official"


def fields(c) -> tuple:
    return (c.type, c.symbol, c.date, c.issuer)


# --- line breaks inside a citation (hard-wrapped official texts) -----------------------------

WRAPPED = [
    # (text as printed, type, canonical symbol, date, issuer) — 001, 002, 006, 008, 018, 038
    ("Quyết định số 25/2016/QĐ-TTg ngày 27\ntháng 6 năm 2016 của Thủ tướng Chính phủ về việc",
     "Quyết định", "25/2016/QĐ-TTg", "2016-06-27", "Thủ tướng Chính phủ"),
    ("Căn cứ Nghị định số\n96/2022/NĐ-CP ngày 29 tháng 11 năm 2022 của Chính phủ quy định",
     "Nghị định", "96/2022/NĐ-CP", "2022-11-29", "Chính phủ"),
    ("*Căn cứ Nghị\nđịnh số 126/2020/NĐ-CP ngày 19/10/2020 của Chính phủ",
     "Nghị định", "126/2020/NĐ-CP", "2020-10-19", "Chính phủ"),
    ("Nghị định số 21/2012/NĐ-CP ngày\n21 tháng 3 năm 2012 của Chính phủ", "Nghị định",
     "21/2012/NĐ-CP", "2012-03-21", "Chính phủ"),
    ("Nghị quyết số 09/2022/NQ-HĐND ngày 14 tháng 7 năm\n2022 của Hội đồng nhân dân", "Nghị quyết",
     "09/2022/NQ-HĐND", "2022-07-14", None),
    ("Thông tư liên tịch\nsố 11/2004/TTLT-BNN-BNV ngày 02/4/2004 của", "Thông tư liên tịch",
     "11/2004/TTLT-BNN-BNV", "2004-04-02", None),
    ("Căn cứ Nghị định\nsố 82/2023/NĐ-CP ngày 28 tháng 11 năm 2023 của Chính phủ", "Nghị định",
     "82/2023/NĐ-CP", "2023-11-28", "Chính phủ"),
    ("Quyết định số 29/2019/QĐ-TTg ngày 03 tháng 10 năm 2019 của Thủ tướng Chính\nphủ, có hiệu",
     "Quyết định", "29/2019/QĐ-TTg", "2019-10-03", "Thủ tướng Chính phủ"),
]


@pytest.mark.parametrize("text,typ,symbol,date,issuer", WRAPPED)
def test_wrapped_lines_keep_type_word_and_date(text, typ, symbol, date, issuer):
    (c,) = scan(text)
    assert fields(c) == (typ, symbol, date, issuer)
    assert text[c.start:c.end] == c.text


def test_a_paragraph_break_is_not_read_through():
    # news: one paragraph a line; a sentence's end or a capital after a bare line ends it
    text = ("Chính phủ ban hành Nghị định 100/2019/NĐ-CP\nNgày 30/12/2019, Thủ tướng ký.\n"
            "Theo Nghị định số 46/2016/NĐ-CP.\nngày 5/3/2016 là một ngày đẹp")
    a, b = scan(text)
    assert (a.symbol, a.date) == ("100/2019/NĐ-CP", None)
    assert (b.symbol, b.date) == ("46/2016/NĐ-CP", None)


_SPACES = [
    ("Căn cứ Quyết định số 20/2016/QĐ-TTg ngày 11 tháng 5 năm 2016 của Thủ tướng Chính phủ;",
     ("Quyết định", "20/2016/QĐ-TTg", "2016-05-11", "Thủ tướng Chính phủ")),
    ("Căn cứ Thông tư số 12/2025/TT-BCT ngày 01 tháng 02 năm 2025 của Bộ trưởng Bộ Công Thương;",
     ("Thông tư", "12/2025/TT-BCT", "2025-02-01", "Bộ Công Thương")),
]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_SPACES), st.data())
def test_any_wrap_point_gives_the_same_citation(case, data):
    """A hard wrap may fall at any space whose next word opens in lower case or a digit."""
    text, want = case
    spaces = [i for i, ch in enumerate(text) if ch == " " and i > 7
              and (text[i + 1].islower() or text[i + 1].isdigit())]
    cut = data.draw(st.sets(st.sampled_from(spaces), max_size=3))
    wrapped = "".join("\n" if i in cut else ch for i, ch in enumerate(text))
    (c,) = scan(wrapped)
    assert fields(c) == want


# --- capitals, VBHN, headers ---------------------------------------------------------------

CAPS = [
    # 034 (a VBHN title line), 008, issue 13
    ("QUYẾT ĐỊNH SỐ 20/2016/QĐ-TTG\nNGÀY 11 THÁNG 5 NĂM 2016 CỦA THỦ TƯỚNG CHÍNH PHỦ",
     ("Quyết định", "20/2016/QĐ-TTg", "2016-05-11", "Thủ tướng Chính phủ")),
    ("NGHỊ QUYẾT\nSỐ 09/2022/NQ-HĐND NGÀY 14 THÁNG 7 NĂM 2022 CỦA HỘI ĐỒNG NHÂN DÂN",
     ("Nghị quyết", "09/2022/NQ-HĐND", "2022-07-14", None)),
    ("CHỈ THỊ SỐ 20/CT-TTG NGÀY 8 THÁNG 6 NĂM 2020 CỦA THỦ TƯỚNG CHÍNH PHỦ",
     ("Chỉ thị", "20/CT-TTg", "2020-06-08", "Thủ tướng Chính phủ")),
]


@pytest.mark.parametrize("text,want", CAPS)
def test_title_lines_in_capitals(text, want):
    (c,) = scan(text)
    assert fields(c)[:3] == want[:3]
    if want[3]:
        assert c.issuer == want[3]
    assert c.spelling == []  # "TTG" in a line of capitals is no misspelling


def test_vbhn_is_a_type_code():
    (c,) = scan("Văn bản hợp nhất số\n10/VBHN-BGDĐT ngày 14 tháng 3 năm 2014 của Bộ Giáo dục")
    assert (c.type, c.type_code, c.issuer_code, c.symbol) == (
        "Văn bản hợp nhất", "VBHN", "BGDĐT", "10/VBHN-BGDĐT")


def _official(name: str) -> str:
    return (OFFICIAL / name).read_text(encoding="utf-8")


def _labels(kind: str) -> list[dict]:
    rows = [json.loads(line) for line in (OFFICIAL / "labels.jsonl").open(encoding="utf-8")]
    return [r for r in rows if r["kind"] == kind]


@pytest.mark.parametrize("label", [r for r in _labels("header") if "\n" not in r["text"]],
                         ids=lambda r: r["file"])
def test_header_number_is_the_document_not_a_citation(label):
    text = _official(label["file"])
    overlapping = [c for c in scan(text) if c.start < label["end"] and label["start"] < c.end]
    assert overlapping == []


@pytest.mark.parametrize("label", [r for r in _labels("header") if r.get("date") and "\n" not in r["text"]],
                         ids=lambda r: r["file"])
def test_header_gives_the_article_date(label):
    arts = split_articles(_official(label["file"]))
    assert len(arts) == 1  # the rules under a letterhead do not split the document
    assert (arts[0].date, arts[0].date_source) == (label["date"], "header")


def test_header_date_with_markdown_emphasis():
    text = ("**BỘ QUỐC PHÒNG**\n-------\n|\nSố: 89/VBHN-BQP\n|\n"
            "*Hà Nội, ngày **24** tháng** 11** năm 2025*\n|\n\nCăn cứ Nghị định số 21/2012/NĐ-CP;")
    (a,) = split_articles(text)
    assert a.date == "2025-11-24"
    assert [c.symbol for c in scan(text)] == ["21/2012/NĐ-CP"]


def test_symbol_fields_in_official_texts():
    """Every symbol label of tests/data/official: found, and all fields right for ≥ 97 %."""
    labels = _labels("symbol")
    by_file: dict[str, list] = {}
    right = 0
    for lab in labels:
        cits = by_file.setdefault(lab["file"], scan(_official(lab["file"])))
        hits = [c for c in cits if c.start < lab["end"] and lab["start"] < c.end]
        assert hits, lab["text"]
        c = min(hits, key=lambda h: abs(h.start - lab["start"]))
        f = lab["fields"]
        got = {"type": c.type, "number": None if c.number is None else f"{c.number}{c.number_suffix or ''}",
               "year": c.year, "type_code": c.type_code, "issuer_code": c.issuer_code, "date": c.date}
        want = dict(f)
        if want.get("type"):
            want["type"] = want["type"].lower()
            got["type"] = (got["type"] or "").lower()
        right += got == want
    assert right / len(labels) >= 0.97, right


def test_json_number_is_a_string_as_written():
    res = check_source("Nghị quyết số 30a/2008/NQ-CP ngày 27/12/2008 của Chính phủ")
    (c,) = res.articles[0].citations
    from refcheck.lint.report.jsonfmt import _citation_json

    out = _citation_json(c, [], lambda i: (1, i + 1))
    assert (out["number"], out["symbol"]) == ("30a", "30a/2008/NQ-CP")
