"""Property tests (hypothesis): extraction is stable under the spelling noise real drafts carry,
offsets always slice back, and nothing raises on arbitrary text.

The citation table is copied from the seed articles and from the project's table of real
citation phrasings (kept here so the tests never read anything outside the repository).
"""
from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from refcheck.api import check_source, check_text
from refcheck.catalog.load import load_catalog
from refcheck.model import FileResult
from refcheck.lint.report import render

#: (text before the symbol, symbol as written, text after it); named references have no symbol.
CITATIONS: list[tuple[str, str, str]] = [
    # seeds/
    ("Chỉ thị số ", "35-CT/TW", " ngày 30/5/2019 của Bộ Chính trị"),
    ("Chỉ thị số ", "45 - CT/TW", " ngày 20/6/2020 của Bộ Chính trị"),
    ("Quy định số ", "126-QĐ/TW", " của Bộ Chính trị"),
    ("Kết luận ", "01-KL/TW", " của Bộ Chính trị"),
    ("Chỉ thị ", "05-CT/TW", ""),
    ("Kế hoạch số ", "01-KH/ĐU", " Ngày 31/12/2019"),
    ("Nghị quyết Đại hội XIII của Đảng", "", ""),
    ("Nghị quyết Trung ương 4 (Khóa XI, XII)", "", ""),
    ("Nghị quyết Hội nghị lần thứ 4 BCH Trung ương Đảng (khóa XII)", "", ""),
    # real phrasings (news corpus)
    ("Chỉ thị số ", "15-CT/TU", ", ngày 16-12-2016, của Thành ủy"),
    ("Nghị quyết số ", "58-NQ/TW", " ngày 19-11-1958 của Bộ Chính trị Ban Chấp hành Trung ương"),
    ("Nghị quyết số ", "39-NQ/TW", " của Bộ Chính trị (khóa XI)"),
    ("Nghị quyết ", "19-2017/NQ-CP", " ngày 6/2/2017"),
    ("Nghị định ", "167/2013/ NĐ-CP", ""),
    ("Thông tư số ", "03 /2016/TT-BNNPTNT", ""),
    ("Nghị định số: ", "29/2012/NĐ-CP", " ngày 12/4/2012 của Chính phủ"),
    ("Quyết định số ", "1665/QĐ-BCT", " ngày 05 tháng 4 năm 2012 của Bộ trưởng Bộ Công Thương"),
    ("Nghị quyết T.Ư 4, khóa XII", "", ""),
    ("Chỉ thị số ", "11-CT/TW", ", ngày 20/12/2016 của Ban Bí thư"),
    ("Chỉ thị số ", "13/CT-TTg", " ngày 17/12/2016"),
    ("Pháp lệnh số ", "04/2012/UBTVQH13", " ngày 16/7/2012"),
    ("Nghị định số ", "30/2020/NĐ-CP", " ngày 05/3/2020 của Chính phủ"),
]

#: Filler that cannot extend a citation: no digits, no "ngày", "của", "khóa", type words.
FILLER = ["cán bộ", "đảng viên", "phát triển", "kinh tế", "xã hội", "nhân dân", "tăng cường",
          "công tác", "tuyên truyền", "đổi mới", "học tập", "quán triệt", "nâng cao", "hiệu quả",
          "thi đua", "phong trào", "địa phương", "đơn vị", "Hà Nội", "trong", "và", "với",
          "những", "các", "đã", "sẽ", "tiếp tục", "triển khai"]
SEPS = [". ", ".\n", ".\n\n", "; ", ".\r\n"]

_CATALOG = None


def catalog():
    global _CATALOG
    if _CATALOG is None:
        _CATALOG = load_catalog()
    return _CATALOG


def extract(text: str) -> list[tuple]:
    r = check_source(text, catalog=catalog())
    return [(c.symbol, c.date, c.issuer, c.khoa) for a in r.articles for c in a.citations]


def citations(text: str):
    r = check_source(text, catalog=catalog())
    return [c for a in r.articles for c in a.citations]


filler = st.lists(st.sampled_from(FILLER), min_size=1, max_size=8).map(" ".join)
cite_index = st.integers(0, len(CITATIONS) - 1)
# A draft: filler sentences with citations in between, as (filler, citation index) pairs.
draft = st.lists(st.tuples(filler, cite_index, st.sampled_from(SEPS)), min_size=1, max_size=6)


def render_draft(parts, symbol_fn=lambda s: s) -> str:
    out = []
    for words, i, sep in parts:
        before, sym, after = CITATIONS[i]
        out.append(f"{words[:1].upper()}{words[1:]} {before}{symbol_fn(sym)}{after}{sep}")
    return "".join(out)


PROP = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _check_offsets(text: str) -> None:
    for c in citations(text):
        assert c.text == text[c.start:c.end]
        assert 0 <= c.start < c.end <= len(text)
        if c.symbol_span:
            assert c.symbol_raw == text[c.symbol_span.start:c.symbol_span.end]
        if c.date_span:
            assert c.date_raw == text[c.date_span.start:c.date_span.end]


# --------------------------------------------------------------------------- stability


def test_every_table_citation_is_found_alone():
    for before, sym, after in CITATIONS:
        text = before + sym + after
        got = citations(text)
        assert got, text
        assert got[0].start == 0, text


@PROP
@given(draft)
def test_nfd_finds_the_same_citations_as_nfc(parts):
    nfc = render_draft(parts)
    nfd = unicodedata.normalize("NFD", nfc)
    assume(nfd != nfc)
    assert extract(nfd) == extract(nfc)
    _check_offsets(nfd)


@PROP
@given(draft)
def test_nfc_of_nfd_text_round_trips(parts):
    nfc = unicodedata.normalize("NFC", render_draft(parts))
    assert extract(unicodedata.normalize("NFC", unicodedata.normalize("NFD", nfc))) == extract(nfc)


@PROP
@given(draft)
def test_eth_lookalike_in_symbols(parts):
    base = render_draft(parts)
    swapped = render_draft(parts, lambda s: s.replace("Đ", "\u00d0"))
    assert extract(swapped) == extract(base)
    _check_offsets(swapped)


@PROP
@given(draft, st.sampled_from(["\u2013", "\u2010", "\u2011", "\u2212", "\u2014"]))
def test_dash_lookalikes_in_symbols(parts, dash):
    base = render_draft(parts)
    dashed = render_draft(parts, lambda s: s.replace("-", dash))
    assert extract(dashed) == extract(base)
    _check_offsets(dashed)


@PROP
@given(draft, st.sampled_from([" ", "  ", "\u00a0"]), st.booleans(), st.booleans())
def test_spaces_around_dash_and_slash_in_symbols(parts, space, dash, slash):
    def spaced(s: str) -> str:
        s = " ".join(s.split())  # the table's own spaces, normalised first
        s = s.replace(" -", "-").replace("- ", "-").replace(" /", "/").replace("/ ", "/")
        if dash:
            s = s.replace("-", f"{space}-{space}")
        if slash:
            s = s.replace("/", f"{space}/{space}")
        return s

    base = render_draft(parts)
    noisy = render_draft(parts, spaced)
    assert extract(noisy) == extract(base)
    _check_offsets(noisy)


@PROP
@given(draft)
def test_all_noise_at_once(parts):
    def noisy(s: str) -> str:
        return s.replace("Đ", "\u00d0").replace("-", " \u2013 ").replace("/", " /")

    base = render_draft(parts)
    text = unicodedata.normalize("NFD", render_draft(parts, noisy))
    assert extract(text) == extract(base)
    _check_offsets(text)


# --------------------------------------------------------------------------- offsets, no raise

any_char = st.characters(blacklist_categories=("Cs",))
fragments = st.sampled_from(
    [b + s + a for b, s, a in CITATIONS]
    + ["số ", "Nghị quyết ", "Trung ương ", "-CT/TW", "/NĐ-CP", "ngày 1/1/2020", "(khóa XII)",
       "của Bộ Chính trị", "và ", ", ", "\n", "\r\n", "\r", "\x1b[31m", "\u202e", "\u0301",
       "\u00d0", "\u2013", "\ufeff", "\x00", "\f", "---\n", "refcheck: ignore RC102\n",
       "<!-- refcheck: ignore -->", "Đại hội XIII", "Luật Đất đai 2013", "Chỉ thị 35"])
hostile = st.lists(st.one_of(st.text(any_char, max_size=30), fragments), max_size=25).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile)
def test_offsets_slice_back_on_hostile_text(text):
    _check_offsets(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(any_char, max_size=400))
def test_check_text_never_raises(text):
    check_text(text, catalog=catalog())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile, st.sampled_from([None, "2020-10-02", "1950-01-01"]), st.sampled_from(["vi", "en"]))
def test_check_text_with_dates_and_langs(text, article_date, lang):
    for f in check_text(text, catalog=catalog(), article_date=article_date, lang=lang):
        assert 0 <= f.start <= f.end <= len(text)
        if f.fix is not None:
            assert 0 <= f.fix.start <= f.fix.end <= len(text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile, st.text(any_char, max_size=20), st.sampled_from(["vi", "en"]))
def test_reports_never_raise_and_escape_terminal_controls(text, path_noise, lang):
    text = "\x1b[2J\x1b]0;pwn\x07" + text + "\x1b[31m"
    path = "drafts/\x1b[31mbài" + path_noise + ".txt"
    r = check_source(text, path=path, catalog=catalog(), lang=lang)
    unreadable = FileResult(path=path, error="bad \x1b[1m file\nsecond line")
    results = [r, unreadable]
    for fmt in ("json", "sarif", "grouped", "concise", "github"):
        out = render(fmt, results, "0", lang)
        assert isinstance(out, str)
        if fmt in ("json", "sarif"):
            json.loads(out)  # the escapes live inside JSON strings
        else:
            assert "\x1b" not in out, fmt
            assert "\u202e" not in out, fmt


@pytest.mark.parametrize("fmt", ["grouped", "concise"])
def test_grouped_escapes_controls_inside_citations(fmt):
    text = "Chỉ thị số 45 - CT/TW\x1b[31m ngày 20/6/2020 của Bộ Chính trị\x07\n"
    r = check_source(text, path="x.txt", catalog=catalog())
    out = render(fmt, [r], "0", "en")
    assert "\x1b" not in out and "\x07" not in out
