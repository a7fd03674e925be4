"""The scanner finds its patterns from rare literal anchors (a slash before a code, "ghị quyết",
"uật", "ố") instead of running each pattern over every character. These tests hold the fast
finders to the plain patterns they replace: same matches, same order, on real sentences and on
hypothesis-generated text made of the characters the patterns care about.
"""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from refcheck.extract import anchors, scan
from refcheck.notation.vocab import load_vocab
from refcheck.text.normalize import SPACE_CLASS

def _words(words, space: str) -> str:
    return "|".join(re.escape(w).replace("\\ ", space) for w in sorted(words, key=lambda w: -len(w)))


#: The plain patterns the anchored finders replace, built from vocab.yaml as the grammar's
#: terminals are (TYPE_WORD takes any blank inside a word, LAW_WORD one space as the parser
#: sees it): not a third hand-written copy.
_V = load_vocab()
_NAMED_TYPES = _words(_V.named_type_spellings(), r"\s+")
_NAMED_NEXT = _words(_V.named_words() + ["lần thứ"], SPACE_CLASS)
_LAW_WORDS = _words(_V.law_spellings(), SPACE_CLASS)
NAMED_PLAIN = re.compile(rf"(?:{_NAMED_TYPES})[ \t\u00a0]+(?:của[ \t\u00a0]+)?(?={_NAMED_NEXT})")
LAW_PLAIN = re.compile(rf"(?<!\w)(?<!pháp )(?<!Pháp )(?:{_LAW_WORDS})[ \t\u00a0]+(?=\w)"
                       r"(?!sư\b|pháp\b|này\b|lệ\b)")
SO_PLAIN = re.compile(r"[Ss]ố[ \t\u00a0]*(?::[ \t\u00a0]*)?\d{1,5}[ \t\u00a0]*[/\-\u2013]")

# Real sentences (seeds and the news corpus) with the shapes each finder must see.
REAL = [
    "Nghị quyết của Hội nghị lần thứ 7 Ban Chấp hành Trung ương Đảng (khóa XII) về",
    "Thực hiện Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị về đại hội đảng bộ các cấp",
    "Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị",
    "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư",
    "Luật Đất đai số 45/2013/QH13 và Nghị định số: 29/2012/NĐ-CP ngày 12/4/2012",
    "Nghị quyết 19-2017/NQ-CP ngày 6/2/2017; Thông tư số 03 /2016/TT-BNNPTNT",
    "Nghị định 167/2013/ NĐ-CP, Quyết định số 1665/QĐ-BCT ngày 05 tháng 4 năm 2012",
    "Nghị quyết Trung ương 4 (khóa XII) và Nghị quyết Đại hội XIII của Đảng",
    "theo nghị quyết Hội nghị lần thứ 4 BCH Trung ương Đảng (khóa XII)",
    "Bộ luật Hình sự 2015, Luật Doanh nghiệp 2014 và Pháp lệnh Ngoại hối năm 2005",
    "Nghị quyết trung ương 6 khóa XII; theo pháp lệnh Ngoại hối năm 2005",
    "Nghị quyết số 18-NQ/ ngày 25/10/2017; Số: 126-QĐ/TW; số 30a/2008/NQ-CP",
    "Quyết định số 1234/QĐ-TTg, Nghị quyết số 80/2015/QH13, 19/2017/TT-BTC",
    "Kế hoạch số 01-KH/ĐU Ngày 31/12/2019; https://baomoi.com/Tin/21454551.epi",
]

# Characters the patterns turn on, so that random text hits them often.
ALPHABET = list("0123456789/-– \t\u00a0:.,aQHNTCPĐÐđWưƯsSốKL") + [
    "Chỉ thị ", "Nghị định ", "Thông tư ", "Kết luận ", "NĐ ", "CT ", "TT ", "KL ", "Quy định ",
    "20", "19", "ghị quyết", "Nghị quyết ", "Hội nghị", "Trung ương", "Đại hội", "uật ",
    "Luật ", "Pháp lệnh ", "pháp lệnh ", "Bộ ", "bộ ", "luật ", "trung ương", "Nghị Quyết ", "số ", "Số", "CT/TW", "NĐ-CP", "QH13", "/2020/", "-2017/", "\n"]
texts = st.lists(st.sampled_from(ALPHABET), max_size=60).map("".join)


def _spans(it) -> list[tuple[int, int]]:
    return [m.span() for m in it]


def _law_plain(text: str):
    return LAW_PLAIN.finditer(text)


def _bare_plain() -> re.Pattern:
    """The short-form finder as it was: one pattern opening with the class of first letters."""
    v = _V
    return re.compile(rf"(?:{scan.word_start(list(v.short_forms) + list(v.short_types))})"
                      + scan.BARE_NUMBER)


def _check(text: str) -> None:
    assert _spans(scan._bare_matches(text)) == _spans(_bare_plain().finditer(text)), text
    assert _spans(scan._symbol_matches(text)) == _spans(scan.SYMBOL_RE.finditer(text)), text
    assert list(scan._named_starts(text)) == [m.start() for m in NAMED_PLAIN.finditer(text)], text
    assert _spans(scan._law_starts(text)) == _spans(_law_plain(text)), text
    so = [(m.start() - 1, m.end()) for m in scan._SO_NUMBER.finditer(text)]
    assert so == _spans(SO_PLAIN.finditer(text)), text


def test_real_sentences():
    for text in REAL:
        _check(text)
    # and the finders do find what these sentences hold
    joined = "\n".join(REAL)
    assert len(list(scan._symbol_matches(joined))) >= 15
    assert len(list(scan._named_starts(joined))) == 5  # Trung ương 4, Đại hội XIII, Hội nghị ×2, tr…
    assert len(list(scan._law_starts(joined))) >= 5


def test_symbols_far_apart_and_adjacent():
    one = "Chỉ thị số 35-CT/TW"
    for gap in (0, 1, 5, 23, 24, 25, 47, 48, 49, 200):
        _check(one + " " * gap + one)
        _check(one + "x" * gap + "30/2020/NĐ-CP")


@settings(max_examples=400, deadline=None)
@given(texts)
def test_random_text(text):
    _check(text)


def _blocked(monkeypatch, size: int, text: str):
    monkeypatch.setattr(anchors, "_BLOCK", size)
    return scan.candidates(text), [m.span() for m in scan._broken(text)]


def test_blocks_cover_the_text_and_end_at_sentence_ends(monkeypatch):
    monkeypatch.setattr(anchors, "_BLOCK", 40)
    text = ".\n".join(REAL) + "\nNghị\nquyết 18 và Chỉ thị\n05"
    spans = list(scan.blocks(text))
    assert spans[0][0] == 0 and spans[-1][1] == len(text) and len(spans) > 3
    for (a, b), (c, _d) in zip(spans, spans[1:]):
        assert b == c and text[b - 2:b] == ".\n"


@settings(max_examples=300, deadline=None)
@given(st.lists(texts, min_size=1, max_size=8).map(".\n".join))
def test_block_by_block_equals_whole_text(text):
    import pytest

    with pytest.MonkeyPatch.context() as mp:
        small = _blocked(mp, 8, text)
        whole = _blocked(mp, 10 ** 9, text)
    assert small == whole, text
