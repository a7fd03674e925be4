"""Coverage the catalog can state (issue 15): each numbering series' completeness is counted
from the entries, RC201 only where a series is near-complete, RC202 elsewhere; documents
without a year in the symbol are keyed by symbol and year, and the type is part of the key of
a symbol without type code. Real sentences (article ids given); variants change one number."""
from __future__ import annotations

import pytest

from refcheck.api import check_text
from refcheck.catalog.coverage import MIN_KNOWN, NEAR_COMPLETE, Series, series_key
from refcheck.catalog.load import load_catalog


@pytest.fixture(scope="module")
def cat():
    return load_catalog()


def codes(text, cat, adate="2017-06-30"):
    return [f.code for f in check_text(text, cat, article_date=adate)]


def test_series_are_counted_from_the_entries(cat):
    laws13 = cat.series(series_key("state", None, "QH13", "Luật", "term"))
    assert laws13.known == len({d.number for d in cat.documents if d.issuer_code == "QH13"
                                and d.type in ("Luật", "Bộ luật") and not d.type_code})
    assert laws13.near_complete and laws13.density >= NEAR_COMPLETE
    decrees = cat.series(series_key("state", "NĐ", "CP", None, "2019"))
    assert decrees.known >= MIN_KNOWN and not decrees.near_complete  # about 4 in 5 known
    # laws and National Assembly resolutions are numbered apart: two series
    nq13 = cat.series(series_key("state", None, "QH13", "Nghị quyết", "term"))
    assert nq13 is not None and nq13.key != laws13.key
    # a symbol without a year is numbered apart from those with one, by the year of its date
    assert series_key("state", "QĐ", "TTg", None, "~2017") != series_key(
        "state", "QĐ", "TTg", None, "2017")


def test_small_or_sparse_series_claim_nothing():
    assert not Series(("state", "TT", "BTC", "2016"), 3, 3).near_complete  # too few known
    assert not Series(("state", "TT", "BTC", "2016"), 80, 100).claims(5)
    dense = Series(("state", "TT", "BTC", "2016"), 95, 100)
    assert dense.claims(5) and not dense.claims(101) and not dense.claims(None)


LAW = "Theo Khoản 1, Điều 110 Luật Đất đai số {n}/2013/QH13 ngày 29/11/2013, việc miễn, giảm tiền sử dụng đất, tiền thuê đất được thực hiện"  # baomoi/21509015


def test_unknown_only_in_a_near_complete_series(cat):
    assert not {"RC201", "RC202"} & set(codes(LAW.format(n=45), cat))
    assert "RC201" in codes(LAW.format(n=34), cat)  # a gap in 1..108: unknown
    got = codes(LAW.format(n=150), cat)  # past the highest number known: unverifiable
    assert "RC202" in got and "RC201" not in got


def test_party_series_too_sparse_to_call_unknown(cat):
    # baomoi/21471880: a 1948 directive; before the catalog's terms, and CT/TW is sparse
    text = ("ngày 25-9-1948, Ban Thường vụ Trung ương Đảng đã ra Chỉ thị số 25-CT/TW về việc "
            "“đề phòng gián điệp chui vào hàng ngũ Đảng và các cơ quan chính quyền”")
    got = codes(text, cat)
    assert "RC202" in got and "RC201" not in got


def test_law_version_before_coverage_is_unverifiable(cat):
    # baomoi/22231640: laws.tsv starts in 1992, so the 1987 land law is not "unknown version"
    text = ("Giấy chứng nhận quyền sử dụng đất được cấp theo quy định của Luật Đất đai năm 1987, "
            "Luật Đất đai năm 1993")
    got = codes(text, cat)
    assert "RC406" not in got and "RC202" in got


def test_administrative_symbols_are_keyed_by_year(cat):
    # baomoi/22701355 cites the 2017 directive; baomoi/21492040 the 2016 one of the same
    # number, which the catalog does not hold: another document, not a misdated one
    ok = "Chỉ thị số 24/CT-TTg ngày 2/6/2017, Chỉ thị số 26/CT-TTg ngày 6/6/2017"
    assert not {"RC401", "RC201", "RC203"} & set(codes(ok, cat))
    other = ("theo Chỉ thị số 26/CT-TTg ngày 5/9/2016 của Thủ tướng Chính phủ về tăng cường kỷ "
             "luật, kỷ cương")
    got = codes(other, cat)
    assert "RC401" not in got and "RC202" in got


def test_type_is_part_of_the_key_without_type_code(cat):
    # state-documents.tsv:2069 (title): the resolution 55/2010/QH12, not the law of that number
    text = ("Quy định chi tiết và hướng dẫn thi hành Nghị quyết số 55/2010/QH12 ngày 24 tháng 11 "
            "năm 2010 của Quốc hội về miễn, giảm thuế sử dụng đất nông nghiệp")
    assert {d.type for d in cat.by_symbol("55/2010/QH12")} == {"Luật", "Nghị quyết"}
    got = codes(text, cat, adate="2011-06-01")
    assert not {"RC401", "RC203", "RC301"} & set(got), got


def test_stats_and_review_cli():
    from click.testing import CliRunner

    from refcheck.lint.catalog_cli import catalog as catalog_cli

    # the English words the assertions quote (a default run is Vietnamese: test_i18n_session6)
    r = CliRunner().invoke(catalog_cli, ["stats", "--series", "5", "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert "near-complete" in r.output and "Luật-QH13 term" in r.output
    r = CliRunner().invoke(catalog_cli, ["review", "--limit", "3", "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert "recorded conflicts: 20 (0 undecided)" in r.output
    assert "01/2022/NĐ-CP" in r.output and "disputed" in r.output
    r = CliRunner().invoke(catalog_cli, ["review", "--tsv"])
    rows = [line.split("\t") for line in r.output.splitlines()[1:]]
    unverified = [row for row in rows if row[0] == "unverified"]
    assert len([row for row in rows if row[0] == "conflict"]) == 20
    # every unverified entry is listed, each with the evidence of its source row
    assert unverified and all(row[3] for row in unverified)
    assert sum(1 for row in unverified if row[4]) > 0.9 * len(unverified)
