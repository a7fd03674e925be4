"""Citations printed in capitals (official title lines, headlines) read as in prose (issue 13).

Real lines: the title line the issue quotes, a baomoi 2017 headline (baomoi/22453204.txt), and
every "Căn cứ" line of the official texts in tests/data/official, printed in capitals.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from linear import assert_linear
from refcheck.api import check_source
from refcheck.extract.caps import cased

OFFICIAL = Path(__file__).parent / "data" / "official"


def citations(text: str) -> list[tuple]:
    result = check_source(text)
    return [(c.start, c.end, c.kind, c.symbol, c.date, c.issuer, c.year, c.number,
             tuple(sorted(d.id for d in r.documents)))
            for a in result.articles for c, r in zip(a.citations, a.resolutions)]


def test_title_line_in_capitals() -> None:
    line = "CHỈ THỊ SỐ 20/CT-TTG NGÀY 8 THÁNG 6 NĂM 2020 CỦA THỦ TƯỚNG CHÍNH PHỦ"
    result = check_source(line)
    [article] = result.articles
    [c] = article.citations
    assert (c.text, c.symbol, c.date, c.issuer) == (line, "20/CT-TTg", "2020-06-08", "Thủ tướng Chính phủ")
    # "TTG" in a line of capitals is how capitals print TTg, not a misspelling
    assert not [f for f in article.findings if f.code == "RC102"]


def test_headline_plenum_in_capitals() -> None:
    text = ("TTXVN trân trọng giới thiệu toàn văn Nghị quyết: NGHỊ QUYẾT HỘI NGHỊ LẦN THỨ NĂM BAN "
            "CHẤP HÀNH TRUNG ƯƠNG KHÓA XII về hoàn thiện thể chế kinh tế thị trường định hướng xã "
            "hội chủ nghĩa.")
    [(start, end, kind, *_, ids)] = citations(text)
    assert text[start:end] == "NGHỊ QUYẾT HỘI NGHỊ LẦN THỨ NĂM BAN CHẤP HÀNH TRUNG ƯƠNG KHÓA XII"
    assert ids == ("10-NQ/TW@2017-06-03", "11-NQ/TW@2017-06-03", "12-NQ/TW@2017-06-03")


def _basis_lines() -> list[str]:
    return [line.strip() for p in sorted(OFFICIAL.glob("*.txt"))
            for line in p.read_text(encoding="utf-8").splitlines()
            if line.strip().lower().startswith("căn cứ")]


#: Lines whose capitals read differently, and why: the prose line misses what capitals find
#: ("của Chính phủ Quy định …" ends the issuer at a capital; "Ủy ban thường vụ Quốc hội" in
#: lower case is no spelling of the body), or a misspelt title ("quy phạm luật") with "Uỷ"
#: for "Ủy" that only capitals in prose let through; or a line cut inside the issuer
#: ("… của Thủ tướng Chính" + "phủ" on the next line, official 051): capitals read the body.
DIFFERENT = ("Căn cứ Nghị định số 43/2014/NĐ-CP ngày 15 tháng 5 năm 2014 của Chính phủ Quy định",
             "Căn cứ Nghị định 57/2002/NĐ-CP ngày 03/6/2002 của Chính phủ Quy định",  # official 081
             "Căn cứ Nghị quyết số 1211/2016/UBTVQH13 ngày 25 tháng 5 năm 2016 của Ủy ban thường vụ",
             "Căn cứ Luật Ban hành văn bản quy phạm luật của Hội đồng nhân dân và Uỷ ban nhân dân",
             "Căn cứ Quyết định số 411/QĐ-TTg của Thủ tướng Chính",
             # a type word glued to its number ("… của Nghịđịnh57/2002/NĐ-CP", official 079):
             # capitals read the symbol ("NGHỊĐỊNH57/…" is no syllable to lower), not its type
             "Căn cứ Nghị định số 57/2002/NĐ-CP ngày 03 tháng 6 năm 2002 của Chính phủ quy định")


@pytest.mark.parametrize("line", [x for x in _basis_lines() if not x.startswith(DIFFERENT)])
def test_basis_line_in_capitals_reads_as_written(line: str) -> None:
    assert citations(line.upper()) == citations(line)


def test_most_basis_lines_are_compared() -> None:
    lines = _basis_lines()
    used = {d for d in DIFFERENT for x in lines if x.startswith(d)}
    assert len(lines) > 90 and used == set(DIFFERENT)  # each exception is still met (43/2014 twice)


def test_fixes_in_capitals_match_the_original() -> None:
    text = "\n".join(_basis_lines()).upper()
    for a in check_source(text).articles:
        for f in a.findings:
            if f.fix is not None:
                assert text[f.fix.start:f.fix.end] == f.fix.original


@pytest.mark.parametrize("text", [
    "UBND TP HCM ĐÃ KIỂM TRA",  # acronyms and words, no document type
    "HÀ NỘI CHÀO ĐÓN NĂM MỚI",
    "Theo Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ.",
])
def test_text_without_capitalised_citations_is_left_as_is(text: str) -> None:
    assert cased(text) is text


def test_what_capitals_mean_is_kept() -> None:
    line = "THEO NGHỊ QUYẾT TƯ 4 KHÓA XII, LUẬT BHYT VÀ QUYẾT ĐỊNH SỐ 15/2019/QĐ-UBND CỦA UBND TỈNH"
    assert cased(line) == ("theo Nghị quyết TƯ 4 khóa XII, Luật BHYT và Quyết định số "
                           "15/2019/QĐ-UBND của UBND tỉnh")


def test_law_word_inside_a_title_stays_lower() -> None:
    line = "CĂN CỨ LUẬT BAN HÀNH VĂN BẢN QUY PHẠM PHÁP LUẬT NGÀY 22 THÁNG 6 NĂM 2015;"
    assert cased(line) == "căn cứ Luật ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015;"


_LETTERS = "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYÀÁẢÃẠẦẤẨẪẬỀẾỂỄỆỒỐỔỖỘỜỚỞỠỢỪỨỬỮỰİ"


@given(st.lists(st.sampled_from(["NGHỊ ĐỊNH", "LUẬT", "SỐ", "30/2020/NĐ-CP", "CỦA", "CHÍNH PHỦ",
                                 "XII", "\n", " ", "İ", "Đất", "đai", ",", "UBND"])
                | st.text(alphabet=_LETTERS + " \n/-0123456789", max_size=40)))
def test_same_length_always(parts) -> None:
    text = parts if isinstance(parts, str) else " ".join(parts)
    assert len(cased(text)) == len(text)


@pytest.mark.parametrize("unit", ["NGHỊ ĐỊNH SỐ 30/2020/NĐ-CP CỦA CHÍNH PHỦ VÀ LUẬT ĐẤT ĐAI ",
                                  "ĐẤT" * 50 + " ", "ABC DEF GHI ", "LUẬT "])
def test_linear(unit: str) -> None:
    assert_linear(cased, lambda n: unit * (n // len(unit)), f"cased({unit[:12]!r}…)")
