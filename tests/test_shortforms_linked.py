"""Issue 13: every short or bare citation gets ``refers_to`` (the index, in its article, of
the earlier full citation it abbreviates), whether or not the catalog knows the document,
and inherits its resolution.

Sentences are copied from ../shared/data/news/baomoi-2017.jsonl.gz (article ids beside them)
and, for the definition, from a public web text (tracuuhs.com, HSTC's note on Thông tư
121/2025/TT-BTC, found in the stored public sources).
"""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from refcheck.api import check_source


def _links(text: str, article_date: str | None = None) -> list[tuple]:
    art = check_source(text, article_date=article_date).articles[0]
    return [(c.text, c.kind, c.refers_to, [d.id for d in r.documents])
            for c, r in zip(art.citations, art.resolutions)]


# Two excerpts of one article joined by "\n…\n" (each copied as the article has it).
CASES = [
    # 22555965: the decree is not in the catalog; the lower-case repeat is found and linked
    ("Về phía cơ quan chức năng, từ 24/4, Chính phủ đã ban hành Nghị định 49/2017/NĐ-CP yêu cầu "
     "người dùng đăng ký số điện thoại mới phải cung cấp đầy đủ thông tin về giấy tờ\n…\nTrao "
     "đổi với Zing.vn, VNPT cho biết nhà mạng này đã sớm triển khai nghị định 49 nhưng rất khó để "
     "hoàn tất.", "nghị định 49", 0),
    # 22307548: a Politburo directive, then its short form with the issuer
    ("Hội nghị toàn quốc sơ kết một năm thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị khóa XII về "
     "đẩy mạnh học tập và làm theo\n…\ndù là năm đầu triển khai Chỉ thị 05 của Bộ Chính trị khóa "
     "XII nhưng nhờ kế thừa phát huy kết quả đã đạt được", "Chỉ thị 05 của Bộ Chính trị khóa XII", 0),
    # 22497643: "NĐ 99" after the number-and-year "Nghị định 99/2015"
    ("Từ trước đến nay chưa có chủ đầu tư nào bị cưỡng chế để bàn giao phí bảo trì cho chung cư "
     "theo Điều 37 Nghị định 99/2015 do nhiều vướng mắc.\n…\nchưa có chủ đầu tư nào bị cưỡng chế "
     "để bàn giao phí bảo trì cho chung cư theo Điều 37 NĐ 99 do nhiều vướng mắc.", "NĐ 99", 0),
    # 22271494: a circular by number and year, then "Thông tư 20 của Bộ Công Thương"
    ("doanh nghiệp (DN) nhập khẩu ô tô không cần có giấy ủy quyền chính hãng về phân phối xe tại "
     "Việt Nam như quy định tại Thông tư 20/2011 trước đây.\n…\nTừ tháng 6-2011, khi Thông tư 20 "
     "của Bộ Công Thương quy định điều kiện nhập khẩu ô tô", "Thông tư 20 của Bộ Công Thương", 0),
    # 21494848: the number and year repeating the full symbol
    ("hành vi làm bẩn nơi công cộng sẽ được tăng mức phạt lên nhiều lần theo quy định tại Nghị "
     "định 155/2016/NĐ-CP về xử phạt hành chính trong lĩnh vực bảo vệ môi trường.\n…\nđể đảm bảo "
     "Nghị định 155/2016 sẽ là cơ sở pháp lý quan trọng", "Nghị định 155/2016", 0),
    # tracuuhs.com: a definition
    ("Bộ Tài chính đã ban hành Thông tư 121/2025/TT-BTC (sau đây gọi tắt là Thông tư 121) sửa "
     "đổi, bổ sung một số điều tại Thông tư số 38/2015/TT-BTC ngày 25/3/2015 về thủ tục hải quan",
     "Thông tư 121", 0),
    # 22378770: the decree is the second member of a list; its own code says it is a decree
    ("các Nghị định số 72/2013/NĐ-CP, 174/2013/NĐ-CP của Chính phủ và các Thông tư của Bộ "
     "TT&TT.\n…\nCụ thể, dự thảo Nghị định sửa đổi thay thế, bổ sung Nghị định 174 quy định xử "
     "phạt vi phạm hành chính", "Nghị định 174", 1),
]


@pytest.mark.parametrize("text,short,target", CASES)
def test_short_form_refers_to_its_full_citation(text, short, target):
    rows = _links(text)
    (row,) = [r for r in rows if r[0] == short]
    assert row[2] == target, rows
    assert row[3] == rows[target][3]  # the resolution is the full citation's, known or not


def test_the_resolution_is_inherited():
    rows = _links(CASES[1][0])
    assert rows[0][3] == rows[1][3] and rows[1][3], rows  # 05-CT/TW of khóa XII is in the catalog


def test_a_lower_case_type_and_number_alone_is_prose():
    # no earlier citation of Nghị định 49: "nghị định 49" is not read on its own
    assert _links("VNPT cho biết nhà mạng này đã sớm triển khai nghị định 49 nhưng rất khó") == []


def test_plenum_without_khoa_refers_to_the_full_one():
    # 21512098: "Nghị quyết Trung ương 4 khóa XII" then "Nghị quyết Trung ương 4", no date
    text = ("Bộ Chính trị đã có văn bản chỉ đạo về việc kiểm điểm tự phê bình và phê bình gắn với "
            "thực hiện Nghị quyết Trung ương 4 khóa XII.\n…\nđây là bước đi cụ thể trong triển "
            "khai Nghị quyết Trung ương 4, triển khai các giải pháp về xây dựng, chỉnh đốn Đảng")
    rows = _links(text)
    assert [r[2] for r in rows] == [None, 0]
    assert rows[1][3] == rows[0][3] and "04-NQ/TW@2016-10-30" in rows[0][3]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(CASES), st.sampled_from([" ", "\u00a0", "  "]), st.booleans())
def test_variants_link_alike(case, sp, nfd):
    text, short, target = case
    variant = text.replace(short, short.replace(" ", sp))
    if nfd:
        variant = unicodedata.normalize("NFD", variant)
    art = check_source(variant).articles[0]
    linked = [c.refers_to for c in art.citations if c.kind == "bare" or c.refers_to is not None]
    assert target in linked, [(c.text, c.refers_to) for c in art.citations]
