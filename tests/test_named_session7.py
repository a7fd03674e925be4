"""Named references, session 7 (issue 13). Every sentence is copied from the baomoi 2017 news
corpus (article id in the comment)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from refcheck.api import check_source


def laws(text: str, article_date=None):
    r = check_source(text, article_date=article_date)
    return [(c.text, [d.symbol for d in res.documents])
            for a in r.articles for c, res in zip(a.citations, a.resolutions) if c.title]


# "Luật sư" is the law's whole title (65/2006/QH11): its initials keep the title's own "Luật".
LUAT_LS = [
    ("hủ thì xung đột ngay. Đồng thời, tại điểm c khoản 1 Điều 9 Luật LS 2006 (sửa đổi, bổ sung "
     "năm 2012) quy định nghiêm cấm LS tiết lộ thông tin", "Luật LS 2006"),  # baomoi/22524717
    (" hiểm khác. Đồng thời, Điều 5 của Luật LS quy định nguyên tắc hành nghề là: “Tuân thủ "
     "Hiến pháp và p", "Luật LS"),  # baomoi/22374318
    ("o rằng chính sách này phù hợp với quy định của Luật LS, Quy tắc đạo đức và ứng xử nghề "
     "nghiệp LS Việt Nam đồng", "Luật LS"),  # baomoi/22566614
]


@pytest.mark.parametrize("sentence,cited", LUAT_LS)
def test_abbreviation_of_a_title_that_opens_with_luat(sentence, cited):
    assert (cited, ["65/2006/QH11"]) in laws(sentence)


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(["Luật sư", "luật sư", "Đoàn Luật sư", "các luật sư", "LS"]),
       st.sampled_from([" Nguyễn Văn Tuấn cho biết.", " TP.HCM kiến nghị.", " (LS) Võ Hồng Nam"]))
def test_the_profession_is_no_law(word, rest):
    assert laws("Theo " + word + rest) == []


def named(text: str, article_date=None):
    r = check_source(text, article_date=article_date)
    return [(c.text, res) for a in r.articles for c, res in zip(a.citations, a.resolutions)]


def findings(text: str, article_date=None):
    r = check_source(text, article_date=article_date)
    return [(f.code, f.severity) for a in r.articles for f in a.findings]


# A plenum without khóa written on a known day is the latest such plenum held by then
# (baomoi/22492039): khóa XII's fourth sat in October 2016, so in March 2016 it is khóa XI's.
TW4 = ("ĐB Quyết Tâm cho rằng: Đảng ta đang lãnh đạo thực hiện Nghị quyết Trung ương 4. Tại "
       "TP.HCM và nhiều cấp ủy khác trong cả nước thực hiện ")


@pytest.mark.parametrize("day,symbol", [("2016-03-01", "12-NQ/TW"), ("2017-05-01", "04-NQ/TW"),
                                        ("2012-03-01", "12-NQ/TW")])
def test_plenum_without_khoa_is_the_latest_held_by_the_article_date(day, symbol):
    [(text, res)] = named(TW4, day)
    assert text == "Nghị quyết Trung ương 4" and symbol in [d.symbol for d in res.documents]
    assert not res.certain  # a guess: the text may mean an older plenum


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=__import__("datetime").date(2002, 1, 1),
                max_value=__import__("datetime").date(2024, 12, 31)))
def test_plenum_without_khoa_never_after_the_article_nor_an_error(day):
    iso = day.isoformat()
    [(_, res)] = named(TW4, iso)
    assert all(d.date <= iso for d in res.documents)
    assert "error" not in {s for _, s in findings(TW4, iso)}


def test_no_plenum_without_an_article_date_or_bound():
    [(_, res)] = named(TW4)
    assert res.documents == []


# An undated article is written after the documents it names by title and year: "BLHS 2015"
# (baomoi/22365501) bounds it by 2015, so its "Hiến pháp" is the 2013 constitution.
BLHS_2015 = ("Bộ luật hình sự (BLHS) là đạo luật đồ sộ và có tầm ảnh hưởng chỉ sau Hiến pháp. Thế "
             "nhưng việc sửa đổi BLHS 2015 lại được cho là gấp gáp. Có đại biểu đề nghị Quốc hội "
             "làm việc thêm ngày thứ Bảy để có thêm thời gian nghiên cứu tài liệu.")


def test_a_law_named_with_its_year_bounds_an_undated_article():
    got = {t: res for t, res in named(BLHS_2015)}
    res = got["Hiến pháp"]
    assert [d.id for d in res.documents] == ["Hiến pháp 2013"]
    assert res.how == "in-force-inferred" and res.inferred == "2015-01-01" and not res.certain


# ... but not an old version named years after its successor (baomoi/22691265): "Bộ luật Hình
# sự 1999" says nothing of when the article was written; its "Hiến pháp" stays unresolved.
BLHS_1999 = ("Theo vị Trưởng Văn phòng luật sư Nguyễn Anh, Hiến pháp đã quy định, mọi người có "
             "quyền sống, tính mạng con người được pháp luật bảo hộ. Tội phạm và hình phạt được quy "
             "định tại điểm n, khoản 1 Điều 93 Bộ luật Hình sự 1999, khung hình phạt cho tội danh "
             "này là phạt tù từ mười hai năm đến hai mươi năm")


def test_a_superseded_version_named_by_its_year_is_no_bound():
    got = {t: res for t, res in named(BLHS_1999)}
    assert got["Hiến pháp"].documents == [] and got["Hiến pháp"].how == "version-unknown"


# A plenum is taken at the bound only when the same plenum is the latest a window later
# (baomoi/22703164): "Nghị quyết lần thứ 12 của Đảng" (the XII congress, 2016) bounds the
# article by 2016, when the latest fourth plenum was khóa XI's; by 2018 it was khóa XII's.
TW4_CONGRESS = ("biểu hiện rõ ràng của sự suy thoái tư tưởng đạo đức mà Đảng ta đã nêu ra trong "
                "Nghị quyết Trung ương 4? Ông Nguyễn Viết Chức: Nghị quyết lần thứ 12 của Đảng đã "
                "đề cao việc xây dựng Đảng trong sạch vững mạnh, xây dựng đạo đức trong Đảng.")


def test_a_plenum_that_changes_within_the_window_is_not_guessed():
    got = {t: res for t, res in named(TW4_CONGRESS)}
    assert got["Nghị quyết Trung ương 4"].documents == []
    assert [d.id for d in named(TW4_CONGRESS, "2017-05-01")[0][1].documents][:1] == ["04-NQ/TW@2016-10-30"]


# baomoi/22350352 (May 2017) is bounded by 2017 ("năm 2018" named twice): khóa XII held its
# sixth plenum only in October 2017, so at the bound the latest sixth was khóa XI's and two
# years on it is XII's. The old rule (the khóa in office at both ends) took XII's resolutions
# of 2017-10-25, months after the article.
TW6 = ("Sáng 23/5, Quốc hội nghe Tờ trình về dự kiến Chương trình xây dựng luật, pháp lệnh năm "
       "2018 và điều chỉnh Chương trình xây dựng luật, pháp lệnh năm 2017; Tờ trình về dự kiến "
       "Chương trình hoạt động giám sát của Quốc hội năm 2018. Theo ông Lâm, sở dĩ phải đưa dự án "
       "luật này vào năm 2018 vì trong năm nay thực hiện Nghị quyết Trung ương 6 về nâng cao vai "
       "trò lãnh đạo của Đảng, xây dựng bộ máy hiệu lực, hiệu quả, tinh giản biên chế")


def test_a_plenum_held_after_the_bound_is_not_guessed():
    [(text, res)] = named(TW6)
    assert text == "Nghị quyết Trung ương 6" and res.documents == []


# A title with one word's marks mistyped is the one title it spells (three words or more).
TYPOS = [
    ("g… dẫn đến vướng mắc trong thực thi. Cụ thể, Luật Đầu tư và Luật Bảo về môi trường quy định "
     "không thống nhất về đối tượng thực hiện đánh giá tác động môi trường",  # baomoi/22296561
     "Luật Bảo về môi trường", "Bảo vệ môi trường", None),
    ("phát biểu cho rằng Quy hoạch này vi phạm các điều luật như: Luật Bảo về và phát triển rừng "
     "năm 2004; Luật đa dạng sinh học năm 2008;",  # baomoi/22454620
     "Luật Bảo về và phát triển rừng năm 2004", None, "29/2004/QH11"),
    ("h phủ Việt Nam cân nhắc một số nội dung trong quá trình sửa Luật Quản lý nợ cộng, trong đó có "
     "việc cần làm rõ sự khác biệt",  # baomoi/22752212
     "Luật Quản lý nợ cộng", "Quản lý nợ công", None),
]


@pytest.mark.parametrize("sentence,cited,title,symbol", TYPOS)
def test_title_with_one_word_mistyped(sentence, cited, title, symbol):
    r = check_source(sentence)
    got = {c.text: (c, res) for a in r.articles for c, res in zip(a.citations, a.resolutions)}
    c, res = got[cited]
    if title:
        assert c.title == title
    if symbol:
        assert [d.symbol for d in res.documents] == [symbol]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["vê", "vể", "vễ", "vé", "về", "ve"]))
def test_any_mark_on_one_word_of_a_long_title(ve):
    sentence = TYPOS[0][0].replace("Bảo về", "Bảo " + ve)
    assert any(c.title == "Bảo vệ môi trường" for a in check_source(sentence).articles for c in a.citations)


@pytest.mark.parametrize("wrong,written", [
    ("Luật Đầu tư", "Luật Đầu tu"),  # a two-word title: not guessed
    ("Luật Bảo về môi trường", "Luật Bảo về môi trướng"),  # two words mistyped
])
def test_short_or_twice_mistyped_titles_are_not_guessed(wrong, written):
    sentence = TYPOS[0][0].replace(wrong, written)  # variants of baomoi/22296561
    assert written not in [t for t, _ in laws(sentence)]


# The type word with its space dropped and the number glued to it (tests/data/official/079.txt).
GLUED = ("Nghị định số 24/2006-NĐ-CP ngày 06 tháng 3 năm 2006 của Chính phủ về sửa đổi, bổ sung một "
         "số điều của Nghịđịnh57/2002/NĐ-CP ngày 03 tháng 6 năm 2002 của Chính phủ quy định chi "
         "tiết thi hành Pháp lệnh Phí và lệ phí;")


def test_type_word_glued_to_its_number():
    r = check_source(GLUED)
    got = [(c.text[:30], c.type, c.symbol, c.date) for a in r.articles for c in a.citations]
    assert ("Nghịđịnh57/2002/NĐ-CP ngày 03 ", "Nghị định", "57/2002/NĐ-CP", "2002-06-03") in got


@pytest.mark.parametrize("word", ["Mãđịnh", "xácđịnh", "ổnđịnh"])
def test_other_words_glued_to_a_symbol_are_not_type_words(word):
    r = check_source(GLUED.replace("Nghịđịnh", word))  # variants of official 079
    assert all(c.type is None or not c.text.startswith(word) for a in r.articles for c in a.citations)
