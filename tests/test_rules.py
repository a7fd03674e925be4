"""One row per finding code: a real citation that must raise it, and the correct form that
must not. Documents and dates are real (the default catalog, built from ../shared/data)."""
from __future__ import annotations

import pytest

from refcheck import check_text
from refcheck.catalog.load import load_catalog
from refcheck.rules.registry import RULES


@pytest.fixture(scope="module")
def cat():
    return load_catalog()


# (code, bad text, good text, article date)
CASES = [
    ("RC101", "Nghị quyết số 18-NQ/ ngày 25/10/2017 về", "Nghị quyết số 18-NQ/TW ngày 25/10/2017 về", "2018-01-01"),
    ("RC102", "Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị", "Chỉ thị số 45-CT/TW ngày 20/6/2020 của Bộ Chính trị", "2020-10-02"),
    ("RC102", "Nghị định số: 29/2012/NĐ-CP ngày 12/4/2012 của Chính phủ", "Nghị định số 29/2012/NĐ-CP ngày 12/4/2012 của Chính phủ", "2017-01-01"),
    ("RC102", "Nghị định 38/2012/ND-CP", "Nghị định 38/2012/NĐ-CP", "2017-01-01"),
    ("RC103", "Nghị quyết số 09/NQ-TW", "Nghị quyết số 09-NQ/TW", "2017-03-01"),
    # RC201 only in a near-complete series (laws of khóa XIII: 106 of numbers 1..108 known);
    # 34/2013/QH13 is one of the two missing numbers (the sentence is baomoi/21509015)
    ("RC201", "Theo Khoản 1, Điều 110 Luật Đất đai số 34/2013/QH13 ngày 29/11/2013", "Theo Khoản 1, Điều 110 Luật Đất đai số 45/2013/QH13 ngày 29/11/2013", "2017-03-01"),
    ("RC202", "Kế hoạch số 01-KH/ĐU Ngày 31/12/2019", "Chỉ thị số 35-CT/TW ngày 30/5/2019", "2020-03-01"),
    ("RC203", "Kết luận 01-KL/TW của Bộ Chính trị", "Kết luận 01-KL/TW ngày 18/5/2021 của Bộ Chính trị", None),
    ("RC301", "Chỉ thị số 35-NQ/TW ngày 30/5/2019", "Chỉ thị số 35-CT/TW ngày 30/5/2019", "2020-10-02"),
    ("RC302", "Chỉ thị số 35-CT/TW ngày 30/5/2019 của Ban Bí thư", "Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị", "2020-10-02"),
    ("RC302", "Nghị định số 08/2015/NĐ-CP ngày 21 tháng 01 năm 2015 của Thủ tướng Chính phủ", "Nghị định số 08/2015/NĐ-CP ngày 21 tháng 01 năm 2015 của Chính phủ", "2017-01-01"),
    ("RC303", "Chỉ thị số 35-CT/TW ngày 30/5/2019. Sau đó, Chỉ thị số 35-CT/TW ngày 3/5/2019 yêu cầu", "Chỉ thị số 35-CT/TW ngày 30/5/2019. Sau đó, Chỉ thị số 35-CT/TW ngày 30/5/2019 yêu cầu", "2020-10-02"),
    ("RC304", "Chỉ thị số 35-CT/TW ngày 30/5/2019 (khóa XIII)", "Chỉ thị số 35-CT/TW ngày 30/5/2019 (khóa XII)", "2020-10-02"),
    ("RC304", "Nghị quyết số 18-NQ/TW Hội nghị Trung ương 5 khóa XII", "Nghị quyết số 18-NQ/TW Hội nghị Trung ương 6 khóa XII", "2018-01-01"),
    ("RC305", "Luật Đầu tư số 68/2014/QH13", "Luật Doanh nghiệp số 68/2014/QH13", "2015-01-01"),
    ("RC401", "Quy định số 102-QĐ/TW ngày 15/12/2017", "Quy định số 102-QĐ/TW ngày 15/11/2017", "2018-03-01"),
    ("RC402", "Chỉ thị số 45-CT/TW ngày 20/6/2020 của Bộ Chính trị", "Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị", "2019-10-02"),
    ("RC402", "theo Luật Đất đai 2024", "theo Luật Đất đai 2013", "2020-10-02"),
    ("RC403", "Nghị quyết 379/2017/UBTVQH14 ban hành ngày 4/5/20", "Nghị quyết 379/2017/UBTVQH14 ban hành ngày 4/5/2017", "2017-07-01"),
    ("RC403", "Chỉ thị số 35-CT/TW ngày 31/2/2019", "Chỉ thị số 35-CT/TW ngày 30/5/2019", "2020-10-02"),
    ("RC404", "Nghị định số 30/2020/NĐ-CP ngày 5/3/2019 của Chính phủ", "Nghị định số 30/2020/NĐ-CP ngày 5/3/2020 của Chính phủ", "2020-06-01"),
    ("RC405", "Luật Đất đai số 13/2003/QH11", "Luật Đất đai số 45/2013/QH13", "2017-01-01"),
    ("RC406", "Luật Đất đai 2012", "Luật Đất đai 2013", "2017-01-01"),
    ("RC501", "sau đó Chỉ thị 35 yêu cầu", "Chỉ thị số 35-CT/TW ngày 30/5/2019 nêu rõ... sau đó Chỉ thị 35 yêu cầu", "2020-10-02"),
    ("RC001", "Chỉ thị số 35-CT/TW ngày 30/5/2019", "Chỉ thị số 35-CT/TW ngày 30/5/2019", "2020-10-02"),
]


@pytest.mark.parametrize("code,bad,good,adate", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_fires_on_bad_and_not_on_good(cat, code, bad, good, adate):
    bad_codes = [f.code for f in check_text(bad, cat, article_date=adate if code != "RC001" else None)]
    good_findings = check_text(good, cat, article_date=adate)
    assert code in bad_codes, bad_codes
    assert code not in [f.code for f in good_findings]
    # The correct citation raises no error at all.
    assert [f for f in good_findings if f.severity == "error"] == []


def test_every_code_is_tested():
    tested = {c[0] for c in CASES}
    assert set(RULES) - tested == {"RC901"}  # suppressions are tested in test_suppress/test_cli


def test_english_messages(cat):
    (f,) = [f for f in check_text("Chỉ thị số 35-NQ/TW của Bộ Chính trị", cat, "2020-01-01", lang="en")
            if f.code == "RC301"]
    assert f.message == "Type word “Chỉ thị” contradicts the type code NQ in 35-NQ/TW."
    assert f.args == {"type": "Chỉ thị", "type_code": "NQ", "symbol": "35-NQ/TW"}
    (f,) = [f for f in check_text("Chỉ thị số 35-NQ/TW ngày 30/5/2019", cat, "2020-01-01", lang="en")
            if f.code == "RC301"]
    assert f.message == ("Did you mean 35-CT/TW? The Chỉ thị of 30/5/2019 is 35-CT/TW; "
                         "the text prints 35-NQ/TW.")


def test_unverified_documents_never_raise_errors(cat):
    unverified = [d for d in cat.documents if not d.verified and d.system == "party" and d.date and d.symbol]
    assert unverified
    d = unverified[0]
    y, m, dd = d.date.split("-")
    wrong_day = 1 if int(dd) != 1 else 2
    text = f"{d.type} số {d.symbol} ngày {wrong_day}/{int(m)}/{y}"
    findings = check_text(text, cat, article_date="2026-06-01")
    assert findings and all(f.severity != "error" for f in findings), findings


def test_fix_only_on_the_symbol(cat):
    text = "Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị"
    (f,) = [f for f in check_text(text, cat, "2020-10-02") if f.code == "RC102"]
    assert text[f.fix.start:f.fix.end] == "45 - CT/TW" and f.fix.replacement == "45-CT/TW"


def test_a_title_and_year_cite_only_laws_the_catalog_knows(cat):
    from refcheck.api import check_source

    texts = ["Công ước của Liên hợp quốc về Luật Biển năm 1982 (UNCLOS).",
             "liên quan đến Đạo luật Magnitsky 2012. Cục Điều tra"]
    for text in texts:
        r = check_source(text, catalog=cat, article_date="2017-06-01")
        assert [c for a in r.articles for c in a.citations] == [], text
    r = check_source("theo Luật Trẻ em năm 2016", catalog=cat, article_date="2017-06-01")
    (res,) = [x for a in r.articles for x in a.resolutions]
    assert [d.title for d in res.documents] == ["Trẻ em"]


def test_readme_documents_every_code():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert [code for code in RULES if f"| {code} |" not in readme] == []
