"""Findings an editor can trust (issue 12): every class of false error, table-driven, each with
the false alarm gone and a real error of the same shape still caught.

Sentences come from the news corpus (article id in the row), the official texts in
tests/data/official, a public page (URL in the row) or, where the issue names a shape the shared
data lacks, that shape with real documents ("issue 12 shape"). The judged regression tables
(tests/data/false-errors.tsv, true-errors.tsv) are checked row by row.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from refcheck.api import check_source
from refcheck.catalog.load import load_catalog
from refcheck.rules.registry import RULES, describe

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def cat():
    return load_catalog()


def _findings(text, cat, date):
    r = check_source(text, catalog=cat, article_date=date)
    return [f for a in r.articles for f in a.findings]


def _rows(name):
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.mark.parametrize("row", _rows("false-errors.tsv"), ids=lambda r: f"{r['code']}-{r['article_id']}")
def test_judged_false_errors_are_gone(cat, row):
    found = _findings(row["sentence"], cat, row["article_date"] or None)
    assert [f for f in found if f.severity == "error"] == [], [(f.code, f.message) for f in found]
    if row["verdict"] == "warning":  # a defensible doubt: still said, as a warning
        assert any(f.code == row["code"] and f.severity == "warning" for f in found) or \
            row["code"] == "RC406", [(f.code, f.severity) for f in found]


@pytest.mark.parametrize("row", _rows("true-errors.tsv"), ids=lambda r: f"{r['code']}-{r['article_id']}")
def test_judged_true_errors_are_still_errors(cat, row):
    found = _findings(row["sentence"], cat, row["article_date"] or None)
    assert any(f.code == row["code"] and f.severity == "error" for f in found), \
        [(f.code, f.severity, f.message) for f in found]


# (class, source, sentence, article date, code, expected severity of that code or None for
#  "not raised at all"; other codes may appear but never as an error when None/warning).
CLASSES = [
    # công văn / văn bản are generic words for any official letter
    ("generic", "baomoi/21488666.txt", "Hải Hậu vừa có Công văn số 23/TB ngày 10/1/2017 hồi đáp đơn của", None, "RC301", None),
    ("generic", "https://ytho.org/tag/cong-van-10453ct-ttht-nam-2016-ve-thue-suat-thue-gia-tri-gia-tang/",
     "Công văn 10453/CT-TTHT năm 2016 về thuế suất thuế giá trị gia tăng", "2017-05-01", "RC301", None),
    ("generic", "baomoi/21477752.txt", "đã được Thủ tướng đồng ý tại văn bản số 152/TTg-CN ngày 25/1/2017", "2017-05-01", "RC301", None),
    ("generic+", "issue 12 shape", "Chỉ thị 10453/NQ-TTHT năm 2016 về thuế suất", "2017-05-01", "RC301", "error"),
    # old numbering: /CT of the Chairman of the Council of Ministers, /CP and /TTg alone
    ("old", "issue 12 shape", "theo Quyết định 217/CT ngày 14/11/1987 của Chủ tịch Hội đồng Bộ trưởng", "2017-05-01", "RC301", None),
    ("old", "baomoi/22231640.txt", "theo quy định của Nghị định số 60/CP ngày 5/7/1994 của Chính phủ về quyền sở hữu nhà ở", "2017-05-01", "RC301", None),
    ("old", "baomoi/21471880.txt", "Chính phủ ban hành Nghị định số 100/TTg ngày 3-3-1959 về việc thành lập lực lượng", "2017-05-01", "RC301", None),
    ("old", "baomoi/21512269.txt", "được giao theo Nghị định 64/CP, đã được cấp giấy chứng nhận", "2017-05-01", "RC301", None),
    ("old+", "issue 12 shape", "theo Quyết định 217/NQ-CT ngày 14/11/1987 của Chủ tịch Hội đồng Bộ trưởng", "2017-05-01", "RC301", "error"),
    # type words used as verbs or heads of other nouns; no span across "và" into a second type word
    ("verb", "issue 12 shape", "Huyện ủy đã thông báo kết luận số 123-KL/HU về việc", "2017-05-01", "RC301", None),
    ("verb+", "issue 12 shape", "Huyện ủy đã thông báo kết luận số 123-NQ/HU về việc", "2017-05-01", "RC301", "error"),
    ("head", "issue 12 shape", "Báo cáo tiếp thu, chỉnh lý dự thảo Luật số 512/BC-UBTVQH14 ngày 20/5/2017", "2017-07-01", "RC301", None),
    ("typo", "baomoi/22321668.txt", "triệt Thông báo kết luật số 19-TB/TW của Ban Bí thư (Khóa XII) về công tác xuất", None, "RC301", None),
    ("and", "baomoi/21493814.txt", "Cán bộ, công chức, luật Viên chức và đặc biệt là chỉ thị số 26/CT-TTg ngày 5/9/2016 cũng như công điện", None, "RC301", None),
    ("and+", "issue 12 shape", "Cán bộ, công chức, luật Viên chức và đặc biệt là nghị định số 26/CT-TTg ngày 5/9/2016", None, "RC301", "error"),
    # National Assembly terms are not Party terms
    ("na-term", "issue 12 shape", "Luật số 80/2015/QH13 ngày 22/6/2015 của Quốc hội khóa XIII", "2017-05-01", "RC304", None),
    ("na-term+", "issue 12 shape", "Luật số 80/2015/QH13 ngày 22/6/2015 của Quốc hội khóa XIV", "2017-05-01", "RC304", "warning"),
    ("party-term+", "tests/test_rules.py", "Chỉ thị số 35-CT/TW ngày 30/5/2019 (khóa XIII)", "2020-10-02", "RC304", "error"),
    # issuer attribution as people write it
    ("signs-for", "baomoi/22285346.txt", "Nghị định số 08/2015/NĐ-CP ngày 21 tháng 01 năm 2015 của Thủ tướng Chính phủ quy định chi tiết", None, "RC302", "warning"),
    ("signs-for+", "baomoi/22479951.txt", "Quyết định 1880/QĐ-CP và Quyết định 309/QĐ-CP của Thủ tướng Chính phủ). Về xử lý", None, "RC302", "error"),
    ("pm-acts", "baomoi corpus: 1722/QĐ-TTg of the Thủ tướng, issuer swapped (issue 12 shape)",
     "Quyết định số 1722/QĐ-TTg ngày 2/9/2016 của Chính phủ", "2017-05-01", "RC302", "warning"),
    ("pm-acts+", "issue 12 shape", "Quyết định số 1722/QĐ-TTg ngày 2/9/2016 của Bộ Tài chính", "2017-05-01", "RC302", "error"),
    ("letterhead", "baomoi/22677082.txt", "vi phạm Điều 29, Quy định 181/QĐ-TW, ngày 30/3/2013 của Ban Chấp hành Trung ương Đảng về xử lý kỷ", None, "RC302", "warning"),
    ("letterhead+", "tests/test_rules.py", "Chỉ thị số 35-CT/TW ngày 30/5/2019 của Ban Bí thư", "2020-10-02", "RC302", "error"),
    ("speaks-for", "baomoi/22554005.txt (issuer after)", "Thông báo số 150/TB-VPCP ngày 21.3.2017 của Thủ tướng Chính phủ", "2017-05-01", "RC302", None),
    ("speaks-for+", "issue 12 shape", "Thông báo số 150/TB-VPCP ngày 21.3.2017 của Bộ Tài chính", "2017-05-01", "RC302", "error"),
    ("party", "baomoi/22264684.txt (issuer after)", "Chỉ thị số 12-CT/TW ngày 03/05/2007 của Đảng về công tác giáo dục quốc phòng", "2017-05-01", "RC302", None),
    ("party+", "issue 12 shape", "Chỉ thị số 12-CT/TW ngày 03/05/2007 của Chính phủ về công tác giáo dục quốc phòng", "2017-05-01", "RC302", "error"),
    ("fixed", "issue 12 shape", "theo Nghị định 86 của Bộ Công an", "2017-05-01", "RC302", "warning"),
    ("restart", "baomoi/22623978.txt", "hiệu quả hơn nữa Nghị quyết 06-NQ/TW của Bộ Chính trị về “Xây dựng và", "2017-07-01", "RC302", "warning"),
    ("one-candidate", "issue 12 shape", "Chỉ thị số 05-CT/TW của Ban Bí thư", None, "RC302", "warning"),
    ("code-typo", "baomoi/22703919.txt", "Công văn số 3851/NHNH-PC ngày 24/5/2017", "2017-07-01", "RC302", "warning"),
    ("code-typo", "issue 12 shape", "Công văn 123/NHHN-TTGSNH", "2017-07-01", "RC302", "warning"),
    ("code-ok", "issue 12 shape", "Công văn 123/NHNN-TTGSNH", "2017-07-01", "RC302", None),
    ("cut-short", "issue 12 shape", "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Ban Bí.", "2017-07-01", "RC302", "warning"),
    ("cut-ok", "issue 12 shape", "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Ngân hàng.", "2017-07-01", "RC302", None),
    # law titles as people write them (RC305)
    ("title", "baomoi/22677110.txt", "sử dụng trước khi Luật Phòng cháy chữa cháy số 27/2001/QH10 có hiệu lực và", None, "RC305", None),
    ("title", "issue 12 shape", "Luật Hàng không dân dụng số 66/2006/QH11", "2017-05-01", "RC305", None),
    ("amending", "issue 12 shape", "Luật Thuế giá trị gia tăng số 31/2013/QH13", "2017-05-01", "RC305", "warning"),
    ("amending-full", "tests/data/official/013.txt", "Luật sửa đổi, bổ sung một số điều của Luật Thuế thu nhập cá nhân số 26/2012/QH13 ngày 22 tháng 11 năm 2012", "2017-05-01", "RC305", None),
    ("title+", "tests/test_rules.py", "Luật Đầu tư số 68/2014/QH13", "2015-01-01", "RC305", "error"),
    # law versions (RC406)
    ("amended", "baomoi/22721293.txt", "nơi thiếu trách nhiệm Luật Luật sư 2012, Luật Công chứng", None, "RC406", None),
    ("took-effect", "baomoi/21475348.txt", "dựng TP.HCM, từ khi Luật Nhà ở 2006 có hiệu lực, TP.HCM", None, "RC406", "warning"),
    ("before-coverage", "baomoi/22231640.txt", "theo quy định của Luật Đất đai năm 1987, Luật Đất đai", None, "RC406", None),
    ("foreign", "issue 12 shape", "Luật Thuế quan năm 1930 của Mỹ", "2017-05-01", "RC406", None),
    ("amending-year", "tests/data/official/014.txt", "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;", "2020-05-01", "RC406", None),
    ("omnibus", "issue 12 shape (35/2018/QH14 amended 37 laws)", "theo Luật Xây dựng năm 2018", "2019-05-01", "RC406", "warning"),
    ("other-title", "issue 12 shape", "theo Luật Bảo vệ trẻ em năm 2016", "2017-05-01", "RC406", "warning"),
    # a year with no version is a warning: the catalog lacks amending laws (61/2010/QH12)
    ("version", "baomoi/22641646.txt", "b khoản 2 Điêù164 Bộ luật Tố tụng hình sự năm 2013. Trần Tĩnh (TTXVN)", None, "RC406", "warning"),
    # a missing type code, a wrong code among right facts
    ("missing-code", "baomoi/22426458.txt", "hưu trước tuổi theo Nghị định 108/2014/CP ngày 20-11-2014 của Chính phủ về tinh giản biên", None, "RC301", "error"),
    ("missing-code", "issue 12 shape", "Thông tư 45/2016/BTC", "2017-05-01", "RC301", "error"),
    ("did-you-mean", "issue 12 shape", "Chỉ thị số 05-NQ/TW ngày 15/5/2016 của Bộ Chính trị", "2017-05-01", "RC301", "error"),
]


@pytest.mark.parametrize("cls,source,text,date,code,expected", CLASSES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CLASSES)])
def test_class(cat, cls, source, text, date, code, expected):
    found = _findings(text, cat, date)
    mine = [f for f in found if f.code == code and f.severity in ("warning", "error")]
    shown = [(f.code, f.severity, f.message) for f in found]
    if expected is None:
        assert mine == [], shown
    else:
        assert expected in [f.severity for f in mine], shown
    if expected != "error":
        assert [f for f in found if f.severity == "error"] == [], shown


def test_missing_type_code_names_the_likely_symbol(cat):
    (f,) = [f for f in _findings("Thông tư 45/2016/BTC", cat, "2017-05-01") if f.code == "RC301"]
    assert f.variant == "missing-code" and f.args["likely"] == "45/2016/TT-BTC"
    assert "Thiếu ký hiệu loại văn bản" in f.message and "—" not in f.message


def test_wrong_code_among_right_facts_is_one_finding(cat):
    text = "Chỉ thị số 05-NQ/TW ngày 15/5/2016 của Bộ Chính trị"
    found = [f for f in _findings(text, cat, "2017-05-01") if f.severity != "info"]
    assert [(f.code, f.variant) for f in found] == [("RC301", "did-you-mean")]
    (f,) = found
    assert f.args["likely"] == "05-CT/TW" and f.fix.replacement == "05-CT/TW"
    assert f.documents and f.documents[0].startswith("05-CT/TW")


def test_one_candidate_contradiction_says_if_meant(cat):
    (f,) = [f for f in _findings("Chỉ thị số 05-CT/TW của Ban Bí thư", cat, None) if f.code == "RC302"]
    assert f.severity == "warning" and f.variant == "if-meant"
    assert "Nếu là 05-CT/TW ngày 15/05/2016" in f.message and "Bộ Chính trị" in f.message


def test_other_title_names_the_law(cat):
    (f,) = [f for f in _findings("theo Luật Bảo vệ trẻ em năm 2016", cat, "2017-05-01") if f.code == "RC406"]
    assert "Luật Trẻ em" in f.message and f.documents


def test_took_effect_names_the_right_year(cat):
    (f,) = [f for f in _findings("từ khi Luật Nhà ở 2006 có hiệu lực", cat, None) if f.code == "RC406"]
    assert f.args["likely_year"] == 2005 and f.args["likely"] == "56/2005/QH11"


def test_before_coverage_is_unverifiable(cat):
    found = _findings("theo quy định của Luật Đất đai năm 1987, Luật Đất đai", cat, None)
    assert ("RC202", "before-coverage") in [(f.code, f.variant) for f in found]


def test_softened_by_unverified_entry_says_so(cat):
    unverified = [d for d in cat.documents if not d.verified and d.system == "party" and d.date
                  and d.symbol and cat.khoa_at(d.date)]  # khóa VII-VIII rows: no term known
    d = unverified[0]
    y, m, dd = d.date.split("-")
    text = f"{d.type} số {d.symbol} ngày {1 if int(dd) != 1 else 2}/{int(m)}/{y}"
    (f,) = [f for f in _findings(text, cat, "2026-06-01") if f.code == "RC401"]
    assert f.severity == "warning" and "chưa kiểm chứng" in f.message


# --- rule texts are data ---------------------------------------------------------------------

@pytest.mark.parametrize("code", list(RULES))
def test_every_rule_example_raises_its_code(cat, code):
    r = RULES[code]
    assert code in [f.code for f in _findings(r.example, cat, r.example_date)], r.example
    if r.fix:
        fixed = _findings(r.fix, cat, r.example_date)
        assert code not in [f.code for f in fixed if f.severity != "info"], r.fix
        assert [f for f in fixed if f.severity == "error"] == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_rule_is_documented_in_both_languages(lang):
    for code, r in RULES.items():
        for part in (r.summary, r.what, r.why, r.when):
            assert part.get(lang), (code, lang)
        for variant, texts in r.messages.items():
            assert texts.get(lang), (code, variant, lang)
        doc = describe(code, lang)
        assert doc.startswith(f"# {r.name} ({code})") and r.example in doc


def test_rc901_name_is_not_a_document_type():
    from refcheck.notation.vocab import load_vocab

    name = RULES["RC901"].summary["vi"]
    assert not any(w in name for w in load_vocab().types), name


def test_rules_do_not_reach_into_private_internals():
    import re

    for p in (Path(__file__).parent.parent / "refcheck" / "rules").glob("*.py"):
        src = p.read_text(encoding="utf-8")
        assert not re.search(r"from refcheck\.(?:resolve|catalog[.\w]*) import [^\n]*\b_\w", src), p
        assert not re.search(r"\bcatalog\._\w", src), p
