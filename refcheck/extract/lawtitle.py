"""How far a law's title runs: the LAW_TITLE terminal of the grammar, and the checks the
scanner makes before it hands a window that opens with "luật" to the parser.

Real forms this was written from (tests/data/official, ../shared/data/news):
  Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;
  Căn cứ Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân và Ủy ban nhân dân ngày 03 tháng 12 năm 2004;
  luật Phòng, chống tham nhũng năm 2005        Bộ luật hình sự năm 1999        Bộ Luật lao động 2012
  Luật Quản lý thuế số 78/2006/QH11            Luật sửa đổi, bổ sung một số điều của Luật Thuế giá trị gia tăng năm 2013
  Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức năm 2019
A title ends where the date, the year or "số" begins; it never runs into the next document
("Luật Doanh nghiệp và Nghị định số …"), and only an amending law's title holds another
law's name ("… của Luật Cán bộ, công chức và Luật Viên chức").
"""
from __future__ import annotations

import re

# Words that open another document: never inside a title (except after "của" in an amending law).
_OTHER_DOC = (r"(?:(?:và[ \t]+)?(?:Nghị|Thông tư|Quyết định|Chỉ thị|Pháp lệnh|Hiến pháp|Luật|"
              r"Bộ luật|Kết luận|Quy định|Công văn|Văn bản)|và[ \t]+(?:luật|bộ luật))\b")
# Words news puts between a law's title and its year (baomoi 2017): "Luật Nhà ở ban hành năm
# 2014", "Luật Sở hữu trí tuệ được Quốc hội thông qua năm 2005", "Luật Phòng, chống tham nhũng
# mà Quốc hội ban hành năm 2012", "Bộ luật Hình sự mới năm 2015". The grammar's LAW_PASSED.
PASSED = (r"(?:mới|(?:(?:được|mà|do)[ \t]+(?:Quốc hội|QH)[ \t]+|được[ \t]+)?(?:thông qua|ban hành)"
          r"(?:[ \t]+vào)?)(?=[ \t]+(?:năm[ \t]+)?(?:19|20)\d\d\b)")
# What ends a title: a year, "số", or a date.
# ("s 47/2010/QH12": "số" with its "ố" lost, official 116)
END = (rf"(?=[ \t]+(?:{PASSED}[ \t]+)?(?:năm[ \t]+)?(?:19|20)\d\d\b|[ \t]+(?:[Ss]ố[ \t]*:?|[sS](?=[ \t]\d))[ \t]*\d|"
       r"[ \t]+(?:(?:ban hành|thông qua)[ \t]+)?ngày[ \t]+\d)")
# "… của 37 luật có liên quan đến quy hoạch" (35/2018/QH14, official 071): a count of laws.
_AMEND = (r"[Ss]ửa[ \t]+đổi,?[ \t]+bổ[ \t]+sung[ \t]+(?:một[ \t]+số[ \t]+điều[ \t]+)?(?:của[ \t]+)?"
          r"(?:các[ \t]+)?(?:\d{1,3}[ \t]+)?(?:Luật|Bộ luật|luật|Pháp lệnh)[ \t]+")


# Words of prose that no title holds: "Luật Quy hoạch sẽ có hiệu lực từ ngày 01/01/2019",
# "Luật Đất đai mới" (news).
_PROSE = (r"(?:sẽ|đã|được|có|từ|vào|là|cũng|thì|đến|gồm|dự|mới|này|đó|theo|khi|sau|trước|"
          r"trình|nhưng|mà|để|với|bị|nên|hiện|chưa|vẫn|đang|quy định|ban hành)\b")


def law_title_regex() -> str:
    """The LAW_TITLE terminal: up to twenty words, a comma allowed before a word ("Phòng,
    chống tham nhũng"), in any case (a title the catalogs do not know is dropped later)."""
    word = rf"(?:,?[ \t]+)(?!{_OTHER_DOC}|{_PROSE}|(?:ngày|số|năm|[sS])[ \t]+\d)\w+"
    first = r"(?!Hội nghị|Trung ương|Đại hội|số\b|sư\b|pháp\b|này\b|lệ\b|ngày\b|năm\b)\w+"
    # "có", "đến" end a title ("… có hiệu lực từ"), not "37 luật có liên quan đến quy hoạch"
    amend = (rf"{_AMEND}\w+(?:,?[ \t]+(?!(?:ngày|số|năm)[ \t]+\d|Nghị|Thông tư|Quyết định|"
             rf"(?!có[ \t]+liên[ \t]+quan\b|đến[ \t]+quy[ \t]+hoạch\b){_PROSE})\w+){{0,24}}?")
    return rf"(?:{amend}|{first}(?:{word}){{0,19}}?){END}"


_AMEND_INNER = re.compile(r"(?:của[ \t]+)?(?:các[ \t]+)?(?:Luật|Bộ luật|luật|Pháp lệnh)[ \t]+(.+?)(?=[ \t]+và[ \t]+(?:Luật|Bộ luật|luật)\b|$)")


def is_amending(title: str) -> bool:
    """"sửa đổi, bổ sung một số điều của Luật Giáo dục": the title of an amending law."""
    return title[:7].lower() == "sửa đổi"


def amended_titles(title: str) -> list[str]:
    """The titles of the laws an amending law amends ("… của Luật Cán bộ, công chức và Luật
    Viên chức" -> ["Cán bộ, công chức", "Viên chức"])."""
    return [re.sub(r"[ \t]+số[ \t]+\S+$", "", m.group(1)) for m in _AMEND_INNER.finditer(title)]


# --- loose title matching ----------------------------------------------------------------------
# Titles as written differ from the catalog's: commas and "và" ("Luật bảo vệ chăm sóc giáo dục
# trẻ em 2004"), the old tone placement ("Uỷ ban", "Hoà"), abbreviations that are the initials
# of the catalog's words ("Luật Tổ chức HĐND và UBND", "Luật NSNN", "Luật BHYT").
_TONE_PAIRS = (("uỷ", "ủy"), ("uý", "úy"), ("uỳ", "ùy"), ("uỹ", "ũy"), ("uỵ", "ụy"),
               ("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"),
               ("oè", "òe"), ("oé", "óe"), ("oẻ", "ỏe"), ("oẽ", "õe"), ("oẹ", "ọe"))
_WORD = re.compile(r"\w+")


def _tokens(title: str) -> list[tuple[str, bool]]:
    """(word in lower case with the new tone placement, written as an abbreviation)."""
    import unicodedata

    out = []
    for w in _WORD.findall(unicodedata.normalize("NFC", title)):
        abbr = len(w) >= 2 and w.isupper()
        w = w.lower()
        for old, new in _TONE_PAIRS:
            if old in w:
                w = w.replace(old, new)
        if w not in ("và", "luật", "bộ") or abbr:
            out.append((w, abbr))
    return out


def _initial(word: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFD", word)[0].replace("đ", "d")


def _abbr_letters(word: str) -> list[str]:
    return [_initial(ch) for ch in word]


def loose_equal(written: str, catalog_title: str) -> bool:
    """Whether ``written`` names ``catalog_title`` once commas, "và", tone placement and
    abbreviations by initials are set aside."""
    return tokens_equal(_tokens(written), _tokens(catalog_title))


def title_tokens(title: str) -> list[tuple[str, bool]]:
    return _tokens(title)


def first_initial(tokens: list[tuple[str, bool]]) -> str:
    return _initial(tokens[0][0]) if tokens else ""


def tokens_equal(a: list[tuple[str, bool]], b: list[tuple[str, bool]]) -> bool:
    i = 0
    for w, abbr in a:
        if abbr and not (i < len(b) and b[i][0] == w):
            letters = _abbr_letters(w)
            if [_initial(x) for x, _ in b[i:i + len(letters)]] != letters:
                return False
            i += len(letters)
        elif i < len(b) and b[i][0] == w:
            i += 1
        else:
            return False
    return i == len(b)


def close_titles(a: str, b: str) -> bool:
    """Titles one typo apart ("Thi hành tạm giữ, tạm gia" / "Thi hành tạm giữ, tạm giam")."""
    from difflib import SequenceMatcher

    x = " ".join(w for w, _ in _tokens(a))
    y = " ".join(w for w, _ in _tokens(b))
    return SequenceMatcher(None, x, y).ratio() >= 0.9


def title_words(title: str) -> tuple[str, ...]:
    """A title's words as the bare-title index keys them: lower case, the new tone placement,
    punctuation dropped ("Cán bộ, công chức" -> ("cán", "bộ", "công", "chức"))."""
    import unicodedata

    out = []
    for w in _WORD.findall(unicodedata.normalize("NFC", title)):
        w = w.lower()
        for old, new in _TONE_PAIRS:
            if old in w:
                w = w.replace(old, new)
        out.append(w)
    return tuple(out)


def fold_letters(abbr: str) -> str:
    """An abbreviation's letters with Đ read as D ("BLLĐ" and "BLLD" are one key)."""
    return "".join(_initial(ch.lower()) for ch in abbr).upper()


# Words an abbreviation may leave out: "Luật các TCTD", "TNBTNN" for "Trách nhiệm bồi
# thường của Nhà nước", "BVCSGDTE" for "Bảo vệ, chăm sóc và giáo dục trẻ em".
_SKIPPABLE = ("và", "của", "các")


def initials(words: tuple[str, ...], fold: bool = True) -> set[str]:
    """The abbreviations a title's words give: every word's initial, and the same without
    "và", "của", "các" ("trách nhiệm bồi thường của nhà nước" -> TNBTCNN, TNBTNN); with
    ``fold``, Đ read as D."""
    import unicodedata

    def first(w: str) -> str:
        return _initial(w) if fold else unicodedata.normalize("NFD", w)[0]

    full = "".join(first(w) for w in words).upper()
    short = "".join(first(w) for w in words if w not in _SKIPPABLE).upper()
    return {x for x in (full, short) if len(x) >= 2}
