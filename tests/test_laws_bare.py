"""Laws named without a year (issue 13): bare titles the catalog knows, abbreviations derived
from its titles, definitions, lists. Every sentence is copied from the baomoi 2017 news
corpus (article id in the comment)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from refcheck.api import check_source
from refcheck.catalog.lawnames import in_force, title_index
from refcheck.api import _default_catalog


def cites(text: str, article_date=None):
    r = check_source(text, article_date=article_date)
    return [(c, res) for a in r.articles for c, res in zip(a.citations, a.resolutions)]


def laws(text: str, article_date=None):
    return [(c.text, c.kind, c.type, c.title, c.year, [d.symbol for d in res.documents])
            for c, res in cites(text, article_date) if c.title or c.type == "Bộ luật"]


FOUND = [
    # (sentence, cited text, law word, catalog title)
    ("ch theo quy định tại Điều 104 Bộ luật Hình sự. Nếu chưa đủ yếu tố cấu thành",  # 6000 news
     "Bộ luật Hình sự", "Bộ luật", "Hình sự"),
    ("Bên cạnh đó, các luật liên quan như Luật Đất đai, Luật Đấu giá… đã được sửa",
     "Luật Đất đai", "Luật", "Đất đai"),
    ("Theo quy định tại Điều 9 Luật Hôn nhân và gia đình, nam nữ kết hôn với nhau phải tuân theo",
     "Luật Hôn nhân và gia đình", "Luật", "Hôn nhân và gia đình"),
    ("trái với quy định của luật Khám bệnh, chữa bệnh. Phòng khám không được cấp phép",
     "luật Khám bệnh, chữa bệnh", "Luật", "Khám bệnh, chữa bệnh"),
    ("là người có trách nhiệm bảo vệ pháp chế theo Luật luật sư. Điều đó chúng tôi",
     "Luật luật sư", "Luật", "luật sư"),
    # abbreviations from the catalog's titles
    ("theo khoản 1 Điều 93 BLHS có khung hình phạt từ 12 năm đến tử hình",
     "BLHS", "Bộ luật", "Hình sự"),
    ("như Luật Lao động, Luật BHXH, Luật Công đoàn…đối với CNLĐ vẫn còn hạn chế",  # 22435944
     "Luật BHXH", "Luật", "Bảo hiểm xã hội"),
    ("Hội đồng Thẩm phán trong BLTTDS và Luật TTHC đều không quy định trách nhiệm của Tòa",
     "Luật TTHC", "Luật", "Tố tụng hành chính"),  # 22427009
    ("quản lý chi đầu tư theo quy định Luật Đầu tư công, tăng cường công tác thanh tra",
     "Luật Đầu tư công", "Luật", "Đầu tư công"),
]


@pytest.mark.parametrize("sentence,cited,law_word,title", FOUND)
def test_bare_title_found(sentence, cited, law_word, title):
    hits = [c for c, _ in cites(sentence) if c.text == cited]
    assert len(hits) == 1, laws(sentence)
    c = hits[0]
    assert (c.type, c.title.casefold(), c.year, c.date) == (law_word, title.casefold(), None, None)


NOT_LAWS = [
    "Thế nhưng, khi thời thế thay đổi thì người “ra luật chơi” bây giờ không chỉ là G7 mà còn là Nga",
    "phóng viên Pháp luật Plus đã có cuộc trao đổi với luật sư Đặng Văn Cường - Văn phòng",
    "dân các cấp nhiệm kỳ 2016-2020 đảm bảo dân chủ, công khai, đúng luật",
    "trao đổi với Đất Việt, Luật sư Nguyễn Anh Thơm - Trưởng Văn phòng",
    "h đang lấy ý kiến cho dự thảo Luật quản lý nợ công (sửa đổi) nhằm khắc phục những",
    "iện chủ trì họp góp ý dự thảo Luật Du lịch sửa đổi Sáng 6/2, Bộ trưởng",
    "ợc cấp phép theo quy định tại luật Đầu tư nước ngoài trước đây (trước năm 2005)",
    "êm ngành đào tạo mới là ngành Luật Thương mại Quốc tế, sinh viên sau khi tốt nghiệp",
    "khoản 1 Điều 105 (Giết người) Bộ luật Hình sự Liên bang Nga. Các tin nhắn",
    "Thạc sỹ luật hình sự Trần Văn Việt, Công ty TNHH Luật LT và Cộng sự nêu quan điểm",  # 22539195
    " Khoa Kinh tế, trường Đại học Kinh tế - Luật TP.HCM nhận định, cá nhân ông",
    "Xây dựng Luật Chứng khoán mới, Bộ dự kiến đề xuất tăng",
]


@pytest.mark.parametrize("sentence", NOT_LAWS)
def test_prose_is_no_law(sentence):
    assert laws(sentence) == []


def test_bills_in_a_programme_are_not_laws_but_the_amended_law_is():
    # baomoi/22487918.txt: the bills of the law-making programme are drafts; the law an
    # amending bill amends is cited
    s = ("tại kỳ họp thứ 5, Quốc hội sẽ thông qua 11 dự án gồm: Luật Hành chính công; Luật Đơn "
         "vị hành chính - kinh tế đặc biệt; Luật Cạnh tranh (sửa đổi); Luật sửa đổi, bổ sung một "
         "số điều của Luật Thuế bảo vệ môi trường; Luật An ninh mạng; Luật Đo đạc và bản đồ; "
         "Nghị quyết về Chương trình xây dựng luật, pháp lệnh năm 2019.")
    assert [x[0] for x in laws(s)] == ["Luật Thuế bảo vệ môi trường"]


def test_a_title_with_no_version_by_the_article_date_is_a_bill():
    s = "cho ý kiến về Luật Chăn nuôi; Luật Trồng trọt. Luật Đất đai quy định"
    got = [x[0] for x in laws(s, article_date="2017-06-30")]
    assert got == ["Luật Đất đai"]  # Luật Chăn nuôi and Trồng trọt are of 2018


def test_version_in_force_at_the_article_date():
    s = "ch theo quy định tại Điều 104 Bộ luật Hình sự. Nếu chưa đủ yếu tố cấu thành"
    # 2015 code adopted 27/11/2015, in force 01/01/2018: in 2017 the 1999 code applies
    assert laws(s, "2017-06-30")[0][-1] == ["15/1999/QH10"]
    assert laws(s, "2018-06-30")[0][-1] == ["100/2015/QH13"]
    assert laws(s)[0][-1] == []  # no article date, several versions: none is guessed


def test_bare_titles_never_raise_errors():
    s = ("Theo VKS, luật Trách nhiệm bồi thường của Nhà nước quy định. Điều 179 BLHS. Luật "
         "Đất đai, Luật Đấu giá… đã được sửa")
    for date in (None, "2010-01-01", "2017-06-30", "2030-01-01"):
        r = check_source(s, article_date=date)
        assert all(f.severity != "error" for a in r.articles for f in a.findings)


def test_definition_links_the_abbreviation():
    # baomoi/22658568.txt
    s = ("Căn cứ điều 88 bộ luật Tố tụng hình sự (BLTTHS năm 2003), việc tạm giam được áp dụng "
         "đối với bị can. Theo BLTTHS, việc tạm giam")
    got = cites(s)
    first, second = [c for c, _ in got if c.type == "Bộ luật"]
    assert first.year == 2003 and first.text.endswith("2003)")
    assert second.text == "BLTTHS" and second.kind == "bare" and second.refers_to == 0
    assert [d.symbol for d in got[1][1].documents] == ["19/2003/QH11"]


def test_list_of_years():
    # baomoi/22403769.txt
    s = "nằm trong khoảng giao thời giữa Luật Đất đai năm 2003 và 2013 nên công tác tham mưu"
    got = laws(s)
    assert [(x[0], x[4], x[5]) for x in got] == [
        ("Luật Đất đai năm 2003", 2003, ["13/2003/QH11"]), ("2013", 2013, ["45/2013/QH13"])]


def test_shared_abbreviation_names_neither():
    # "DN": Luật Doanh nghiệp and Luật Dạy nghề; found, resolved to neither
    ix = title_index(_default_catalog())
    assert {"doanh nghiệp", "dạy nghề"} <= ix.expand("L", "DN")
    s = "thành viên tổ công tác thi hành Luật DN và Luật Đầu tư cho rằng: Về m"
    got = [(c, res) for c, res in cites(s) if c.text == "Luật DN"]
    assert got and got[0][1].documents == [] and got[0][1].how == "ambiguous"
    assert [c.text for c, _ in cites(s)] == ["Luật DN", "Luật Đầu tư"]


def test_in_force_without_entry_into_force():
    cat = _default_catalog()
    versions = cat.laws_by_title("Các tổ chức tín dụng")
    assert len(versions) >= 2
    # 2010 version: no entry into force in the data, adopted more than three years before
    assert in_force(versions, "2017-06-30").symbol == "47/2010/QH12"


@settings(max_examples=40)
@given(st.sampled_from([s for s, *_ in FOUND]), st.sampled_from(["", "\n", " ", "  "]))
def test_found_with_any_surroundings(sentence, pad):
    text = pad + sentence + pad
    r = check_source(text)
    for a in r.articles:
        for c in a.citations:
            assert text[c.start:c.end] == c.text


# --- constitution, amended laws, more lists (baomoi 2017) ------------------------------------

def test_constitution_resolved_by_its_year():
    # baomoi/21511852.txt; the constitutions of 1992 and 2013 are catalog rows
    # (data/sources/constitutions.tsv, session 6; before, found and never resolved)
    s = ("phân tích theo tinh thần của Hiến pháp 2013 và quy định của BLTTHS 2013, một người "
         "không bị coi là có tội")
    r = check_source(s)
    (art,) = r.articles
    const = [(c, res) for c, res in zip(art.citations, art.resolutions) if c.type == "Hiến pháp"]
    assert [(c.text, c.year, [d.id for d in res.documents]) for c, res in const] == [
        ("Hiến pháp 2013", 2013, ["Hiến pháp 2013"])]
    assert [(f.code, f.severity) for f in art.findings if f.start == const[0][0].start] == []


def test_constitution_of_a_year_with_none_is_a_warning_naming_the_versions():
    r = check_source("Theo Hiến pháp năm 2012, mọi người có quyền")  # no constitution of 2012
    got = [(f.code, f.severity) for a in r.articles for f in a.findings if f.code != "RC001"]
    assert got == [("RC406", "warning")]
    msg = [f.message for a in r.articles for f in a.findings if f.code == "RC406"][0]
    assert "1992" in msg and "2013" in msg and "None" not in msg
    # before the catalog's first version: unverifiable, not wrong
    r = check_source("Hiến pháp năm 1946 là bản Hiến pháp đầu tiên")
    assert [(f.code, f.severity) for a in r.articles for f in a.findings if f.code != "RC001"] == [
        ("RC202", "info")]


@pytest.mark.parametrize("article_date,version", [("2017-05-01", "Hiến pháp 2013"),
                                                  ("2005-01-01", "Hiến pháp 1992")])
def test_undated_constitution_is_the_one_in_force(article_date, version):
    art = check_source("Điều 4 Hiến pháp quy định vai trò lãnh đạo của Đảng.",
                       article_date=article_date).articles[0]
    assert [[d.id for d in r.documents] for r in art.resolutions] == [[version]]


def test_basis_line_quotes_the_full_name():
    # every official text: "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;"
    art = check_source("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nCăn cứ Luật Tổ "
                       "chức Chính phủ ngày 19 tháng 6 năm 2015;", article_date="2019-03-05").articles[0]
    assert [(c.text, [d.id for d in r.documents]) for c, r in zip(art.citations, art.resolutions)] == [
        ("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", ["Hiến pháp 2013"]),
        ("Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015", ["76/2015/QH13"])]


@pytest.mark.parametrize("sentence", [
    "này chỉ nhằm làm cân đối giữa luật hình sự với hiến pháp Romania, đồng thời",
    "Điều này trái với Hiến pháp Mỹ",
])
def test_foreign_constitution_is_not_found(sentence):
    assert [c for c, _ in cites(sentence) if c.type == "Hiến pháp"] == []


def test_constitution_list():
    s = "Hiến pháp năm 1992 và 2013 đều khẳng định"
    got = [(c.text, c.year) for c, _ in cites(s) if c.type == "Hiến pháp"]
    assert got == [("Hiến pháp năm 1992", 1992), ("2013", 2013)]


@pytest.mark.parametrize("sentence,cited,symbol", [
    # "Luật X sửa đổi năm Y": the amending law of that year, else the revised version
    ("ợ đọng BHXH. Thực tế cho thấy, trước khi Luật BHXH (sửa đổi) năm 2014 có hiệu lực",
     "Luật BHXH (sửa đổi) năm 2014", "58/2014/QH13"),
    ("Theo Luật Bảo hiểm y tế sửa đổi năm 2014 thì", "Luật Bảo hiểm y tế sửa đổi năm 2014",
     "46/2014/QH13"),
    ("Luật BHYT sửa đổi năm 2014 quy định", "Luật BHYT sửa đổi năm 2014", "46/2014/QH13"),
])
def test_law_amended_in_a_year(sentence, cited, symbol):
    got = [(c.text, [d.symbol for d in res.documents]) for c, res in cites(sentence)]
    assert (cited, [symbol]) in got


def test_title_with_viet_nam_and_abbreviation_list():
    s = "theo quy định tại Điều 143 Bộ luật Hình sự Việt Nam năm 1999, được sửa đổi"
    assert laws(s)[0][4:] == (1999, ["15/1999/QH10"])
    got = [(c.text, [d.symbol for d in res.documents]) for c, res in cites("BLHS 1999, 2015 đều")]
    assert got == [("BLHS 1999", ["15/1999/QH10"]), ("2015", ["100/2015/QH13"])]


def test_title_alone_takes_the_version_the_article_names():
    # baomoi/22365501.txt: the 2017 debate on the 2015 code; "BLHS" is the code named with
    # its year in the same article, though the 1999 one was still in force
    s = ("Bộ luật hình sự (BLHS) được sửa đổi. Theo Điều 19 BLHS 2015, người bào chữa phải tố "
         "giác. Điều 19 BLHS quy định")
    got = [(c.text, [d.symbol for d in res.documents]) for c, res in cites(s, "2017-06-30")]
    assert got == [("Bộ luật hình sự", ["100/2015/QH13"]), ("BLHS 2015", ["100/2015/QH13"]),
                   ("BLHS", ["100/2015/QH13"])]
    # an article of 2014 cannot mean the 2015 code: the version in force is kept
    got = [(c.text, [d.symbol for d in res.documents]) for c, res in cites(s, "2014-06-30")]
    assert got[0] == ("Bộ luật hình sự", ["15/1999/QH10"])


def test_title_without_cua_and_its_defined_abbreviation():
    # baomoi/22427009.txt: the catalog's title is "Trách nhiệm bồi thường của Nhà nước"
    s = ("bồi thường của TANDTC\nLuật Trách nhiệm bồi thường Nhà nước (TNBTNN) quy định trách "
         "nhiệm bồi thường của Nhà nước với cá nhân. Theo Luật TNBTNN thì")
    got = [(c.text, c.kind, c.refers_to, [d.symbol for d in res.documents])
           for c, res in cites(s, "2017-06-01")]
    assert got == [("Luật Trách nhiệm bồi thường Nhà nước", "named", None, ["35/2009/QH12"]),
                   ("Luật TNBTNN", "bare", 0, ["35/2009/QH12"])]


def test_loose_title_never_swallows_a_trailing_va():
    # baomoi/22435944.txt
    s = ("chuyên gia hàng đầu về Luật Lao động, Luật Bảo hiểm xã hội và các chế độ chính sách "
         "đối với người lao động.")
    assert [c.text for c, _ in cites(s)] == ["Luật Lao động", "Luật Bảo hiểm xã hội"]


def test_title_after_a_hard_wrapped_law_word_in_an_official_text():
    # tests/data/official/038.txt (Thông tư 109/2025/TT-BTC), excerpt
    s = ("Độc lập - Tự do - Hạnh phúc\n---------------\n|\n|\nSố: 109/2025/TT-BTC\n|\n"
         "*Căn cứ Luật Quản\nlý thuế số 38/2019/QH14;*\n"
         "*Căn cứ Nghị định số 126/2020/NĐ-CP\nngày 19 tháng 10 năm 2020 của\n"
         "Chính phủ quy định chi tiết một số điều của Luật\nQuản lý thuế;*\n")
    got = [(c.text, c.kind, c.refers_to) for c, _ in cites(s) if c.type == "Luật"]
    assert got[-1] == ("Luật\nQuản lý thuế", "bare", 0)
    # the same break in news (no motto, no "Số:" header) is not read across
    news = "Chính phủ quy định chi tiết một số điều của Luật\nQuản lý thuế;"
    assert [c for c, _ in cites(news) if c.type == "Luật"] == []


def test_abbreviation_letters_as_written_then_folded():
    ix = title_index(_default_catalog())
    assert ix.expand("BL", "LĐ") == ix.expand("BL", "LD") == {"lao động"}
    # "Luật ĐĐ": Đất đai and Đê điều share the letters, so neither is meant
    assert ix.expand("L", "ĐĐ") == {"đất đai", "đê điều"}


@pytest.mark.parametrize("sentence", [
    " ai bảo vệ mới là văn minh. Vừa rồi, thảo luận dự luật Cảnh vệ, có ý kiến cho biết",
    "ị định 34 của Chính phủ quy định về việc xử lý kỷ luật cán bộ, công chức và quy định",
])
def test_bill_and_discipline_are_no_laws(sentence):
    assert [c.text for c, _ in cites(sentence) if c.year is None and c.type != "Nghị định"] == []
