"""An undated article's lower bound (text/datefloor) picks a law's version, nothing else.
Sentences are copied from the baomoi 2017 news corpus (article ids in the comments)."""
from __future__ import annotations

from refcheck.api import _default_catalog, check_source
from refcheck.catalog.lawnames import in_force_after
from refcheck.text.datefloor import written_after

# 22382330
PAST = "Chiều 26/5/2017, tại Nhà Quốc hội, Quốc hội thảo luận ở tổ về Dự thảo Nghị quyết về xử lý nợ xấu."
LAW = "Bên cạnh đó, các luật liên quan như Luật Đất đai, Luật Đấu giá… đã được sửa."
AHEAD = "quy định thời hạn áp dụng Nghị quyết này là 5 năm kể từ ngày 1/7/2017 để thực hiện"


def test_a_past_day_is_a_bound():
    assert written_after(PAST) == "2017-05-26"


def test_a_day_after_ahead_words_is_not():
    assert written_after(AHEAD) is None
    assert written_after("Đó là ngày 31/2/2017") is None  # no such day


def test_a_cited_symbol_is_a_bound_unless_a_draft():
    # 22566611
    assert written_after("pháp luật hiện hành về viễn thông (Luật Viễn thông, Nghị định 25/2011/NĐ-CP, "
                         "Nghị định 174/2013/NĐ-CP") == "2013-01-01"
    assert written_after("Tờ trình dự thảo Nghị định 174/2013/NĐ-CP") is None


def test_later_years_make_the_bound_stale():
    # 22382330 then 22548109 ("vào năm 2030"): the text speaks of years after the bound
    assert written_after(PAST + " Về lộ trình cấm xe máy hoạt động tại nội thành vào năm 2030") is None


def _law(text):
    r = check_source(text)
    return [(c, res) for a in r.articles for c, res in zip(a.citations, a.resolutions)
            if c.title == "Đất đai"]


def test_an_undated_article_takes_the_version_in_force_at_its_bound():
    [(c, res)] = _law(PAST + " " + LAW)
    assert [d.symbol for d in res.documents] == ["45/2013/QH13"]
    assert res.how == "in-force-inferred" and not res.certain
    [(c, res)] = _law(LAW)
    assert res.documents == [] and res.how == "version-unknown"


def test_the_inferred_bound_raises_no_finding():
    text = PAST + " " + LAW
    assert [f.code for a in check_source(text).articles for f in a.findings] == \
        [f.code for a in check_source(PAST.replace("26/5/2017", "26/5") + " " + LAW).articles for f in a.findings]


def test_a_version_adopted_soon_after_the_bound_leaves_it_open():
    cat = _default_catalog()
    blhs = cat.laws_by_title("Bộ luật Hình sự")
    # the 2015 code, adopted 2015-11-27, in force 2018-01-01: a 2017 bound names neither
    assert in_force_after(blhs, "2017-05-26") is None
    assert in_force_after(blhs, "2013-01-01").symbol == "15/1999/QH10"
    assert in_force_after(blhs, "2014-01-01") is None  # adopted within two years
    assert in_force_after(blhs, "2015-01-01") is None
    assert in_force_after(blhs, "2019-03-01").symbol == "100/2015/QH13"


def test_a_law_debated_as_a_bill_stays_open():
    # 22403743: the 2016 symbol bounds the article, but it debates the Luật Du lịch bill
    text = ("Tiếp thu ý kiến đại biểu, khoản 9 Điều 9 dự thảo Luật Du lịch đã quy định các hành vi bị "
            "nghiêm cấm khác theo quy định của Bộ luật Hình sự, Luật Trẻ em số 102/2016/QH13 và các luật "
            "khác có liên quan. Có ý kiến đề nghị bổ sung nội dung vào các hành vi cấm trong Luật Du lịch.")
    r = check_source(text)
    picked = [(c.text, res.how) for a in r.articles for c, res in zip(a.citations, a.resolutions)
              if c.title == "Du lịch"]
    assert picked and all(how == "version-unknown" for _, how in picked)
    assert written_after(text) == "2016-01-01"


# 21495070, 22353482, 22657447: long dates after "ngày", and one after "từ ngày … đến ngày"
LONG_DATES = [
    "mở mạng Facebook cá nhân của Hoàng Kiều từ ngày 28 tháng 12 năm 2016, đến hôm nay "
    "ngày 8 tháng 2 năm 2017",
    "Nguyễn Xuân Phúc sẽ thăm chính thức Hợp chúng quốc Hoa Kỳ từ ngày 29 đến ngày 31 tháng 5 năm 2017",
    "bắt đầu từ ngày 20 tháng 10 năm 2017 đến ngày 28 tháng 2 năm 2018",
]


def test_the_day_finder_reads_as_the_plain_pattern():
    """text/datefloor finds days from their digits (the "ngày" before a long date is looked
    back for): the same starts and fields as ``DMY|LONG`` matched in any case."""
    import re

    from refcheck.text import datefloor
    from refcheck.text.dates import DMY, LONG

    plain = re.compile(rf"{DMY}|{LONG}", re.IGNORECASE)
    texts = LONG_DATES + [PAST, AHEAD, "NGÀY  \n 15 THÁNG 6 NĂM 2017", "ngày5 tháng 6 năm 2017",
                          "ngày 123 tháng 4 năm 2017 và 1/1/2017ngày 5 tháng 6 năm 2018"]
    for text in texts:
        for lo in (0, 5):
            want = [(m.start(), tuple(g for g in m.groups() if g)) for m in plain.finditer(text, lo)]
            got = [(datefloor._day_start(text, m, lo), tuple(g for g in m.groups() if g))
                   for m in datefloor._DAY.finditer(text, lo)]
            assert got == want, text
    assert written_after("hôm nay ngày 8 tháng 2 năm 2017") == "2017-02-08"  # (21495070)
    assert written_after(LONG_DATES[2]) is None  # "bắt đầu từ …": ahead


def test_the_year_finders_read_as_their_plain_patterns():
    """Opened with a class and looked behind from there (not from a leading look-behind, which
    the engine tries at every position): the same matches as the plain patterns."""
    import re

    from refcheck.text import datefloor

    plain = {
        "_SYMBOL_YEAR": re.compile(r"(?<![\d/])\d{1,4}[a-zđ]?/((?:19|20)\d\d)/(?:[A-ZĐ]|QH)"),
        "_MONTH_YEAR": re.compile(r"(?<!\w)(?:tháng[ \t]+\d{1,2}[ \t]*(?:/|-|[ \t]năm[ \t]+)[ \t]*"
                                  r"((?:19|20)\d\d)|năm[ \t]+((?:19|20)\d\d))(?![\d/])", re.IGNORECASE),
        "_ANY_YEAR": re.compile(r"(?<![\d/.])(?:năm|/|\.)[ \t]*((?:19|20)\d\d)(?!\d)", re.IGNORECASE),
    }
    texts = LONG_DATES + [PAST, AHEAD, LAW,
                          "pháp luật hiện hành về viễn thông (Luật Viễn thông, Nghị định 25/2011/NĐ-CP, "
                          "Nghị định 174/2013/NĐ-CP",  # 22566611
                          "Về lộ trình cấm xe máy hoạt động tại nội thành vào năm 2030",  # 22548109
                          "THÁNG 3/2014, NĂM 2016-2017, x.2019 và 1.2019, anăm 2022, 12/2017/NĐ-CP"]
    for name, rx in plain.items():
        for text in texts:
            for lo in (0, 5):
                want = [(m.span(), m.groups()) for m in rx.finditer(text, lo)]
                got = [(m.span(), m.groups()) for m in getattr(datefloor, name).finditer(text, lo)]
                assert got == want, (name, text)


def test_the_year_finders_try_a_few_places_per_year_whatever_the_length(monkeypatch):
    """Linear cost on one long text (issue 16): the month, year and symbol patterns are tried
    at a few places per year or slash-and-year, not at each of the text's letters, so joining
    a text to itself twice doubles the tries, and a text without years costs none."""
    from refcheck.text import datefloor
    from refcheck.text.literals import finditer_at

    tries = []

    def counted(rx, text, pos, endpos, starts):
        def each():
            for p in starts:
                tries.append(p)
                yield p
        return finditer_at(rx, text, pos, endpos, each())

    monkeypatch.setattr(datefloor, "finditer_at", counted)
    one = "\n".join(LONG_DATES + [PAST, AHEAD, LAW, "Nghị định 174/2013/NĐ-CP, vào năm 2030"])
    counts = []
    for text in (one, "\n\n".join([one] * 2), "\n\n".join([one] * 4), LAW * 40):
        tries.clear()
        written_after(text)
        counts.append(len(tries))
    assert counts[0] > 0 and counts[1] == 2 * counts[0] and counts[2] == 4 * counts[0], counts
    assert counts[0] <= 12 * len(datefloor._years(one, 0, len(one))) + 5 * one.count("/"), counts
    assert counts[3] == 0, counts
