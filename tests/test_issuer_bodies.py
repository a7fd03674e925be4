"""Issuing bodies whose names hold a comma stay whole (vocab.yaml read them as two bodies)."""
from __future__ import annotations

from refcheck import check_source

# The citation form of official texts ("Căn cứ … ngày … của <body> <title>;"), with the facts of
# 04/2013/TT-BVHTTDL as ../shared/data/state-documents.tsv gives them (issuer, date, title).
SENTENCE = ("Căn cứ Thông tư số 04/2013/TT-BVHTTDL ngày 03 tháng 5 năm 2013 của Bộ Văn hóa, "
            "Thể thao và Du lịch quy định tiêu chuẩn, hồ sơ, thủ tục bổ nhiệm, miễn nhiệm giám "
            "định viên tư pháp;")


def test_ministry_name_with_comma_is_one_issuer() -> None:
    result = check_source(SENTENCE)
    [article] = result.articles
    [citation] = article.citations
    assert citation.issuer == "Bộ Văn hóa, Thể thao và Du lịch"
    assert citation.text.endswith("Bộ Văn hóa, Thể thao và Du lịch")
    [document] = article.resolutions[0].documents  # it is in the embedded catalog
    assert document.issuer == citation.issuer
    assert not [f for a in result.articles for f in a.findings if f.severity != "info"]
