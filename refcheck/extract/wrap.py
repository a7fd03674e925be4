"""Hard-wrapped lines and title lines in capitals, as official texts print citations.

A window handed to the parser reads a line break inside a sentence as a space and the words
of a citation written in capitals in their usual spelling; both keep lengths, so offsets into
the original text stay valid.
"""
from __future__ import annotations

import re
from functools import lru_cache

from refcheck.notation.vocab import load_vocab

_MAX_FORWARD = 260  # date + issuer + khóa + a few list members


# --- line breaks and capitals -----------------------------------------------------------------
# Official texts are hard-wrapped ("Nghị định số\n96/2022/NĐ-CP ngày 27\ntháng 6 năm 2016"),
# news has one paragraph a line. A break is read as a space when the sentence plainly goes
# on: the line does not end a sentence and the next one opens in lower case or with a digit,
# or the line ends with a word that cannot end one ("số", "ngày", "của", "Bộ"), or a line in
# capitals goes on with "SỐ", "NGÀY", "CỦA".
_SKIP = " \t*\r"
_OPEN_END = re.compile(r"(?<!\w)(?:[Ss]ố|SỐ|ngày|NGÀY|tháng|THÁNG|năm|NĂM|của|CỦA|và|Bộ|BỘ|"
                       r"Luật|LUẬT|Nghị|NGHỊ|Quyết|QUYẾT|Thông tư|Chỉ|Tờ|Văn bản|hợp nhất)\Z")
_CAPS_GO_ON = re.compile(r"(?:SỐ|NGÀY|CỦA|KHÓA|KHOÁ)\b")


def joinable(text: str, nl: int, loose: bool = False) -> bool:
    """Whether the line break at ``nl`` falls inside a sentence (see above). ``loose``: in
    an official document any line that does not end a sentence or a cell goes on."""
    j = nl - 1
    while j >= 0 and text[j] in _SKIP:
        j -= 1
    if j < 0 or text[j] in ".;:!?\n|":
        return False
    k, n = nl + 1, len(text)
    while k < n and text[k] in _SKIP:
        k += 1
    if k >= n or text[k] in "\n|":
        return False
    ch = text[k]
    if ch.islower() or ch.isdigit():
        return True
    if not ch.isupper():
        return False
    if loose or _OPEN_END.search(text, max(0, j - 11), j + 1):
        return True
    line_start = text.rfind("\n", max(0, nl - 200), nl) + 1
    line = text[line_start:nl]
    return not any(c.islower() for c in line) and bool(_CAPS_GO_ON.match(text, k))


def window_end(text: str, anchor: int, loose: bool = False) -> tuple[int, list[int]]:
    """Where a window opened at ``anchor`` ends (a break that ends the sentence, or the
    forward limit), and the breaks inside it that read as spaces."""
    limit = min(len(text), anchor + _MAX_FORWARD)
    pos, joins = anchor, []
    while True:
        nl = text.find("\n", pos, limit)
        if nl < 0:
            return limit, joins
        if not joinable(text, nl, loose):
            return nl, joins
        joins.append(nl)
        pos = nl + 1


_FLAT = str.maketrans("\n\r*", "   ")


def flatten(s: str) -> str:
    """Line breaks (already judged joinable) and Markdown emphasis as spaces: same length."""
    return s.translate(_FLAT) if ("\n" in s or "*" in s or "\r" in s) else s


_CAPS_HINTS = ("SỐ", "NGÀY", "NGHỊ", "QUYẾT", "CHỈ THỊ", "THÔNG TƯ", "LUẬT", "KẾT LUẬN", "VĂN BẢN")


@lru_cache(maxsize=1)
def _caps_map() -> tuple[re.Pattern, dict[str, str]]:
    """Capitalised spellings of the words a citation is made of ("NGHỊ QUYẾT", "SỐ", "NGÀY",
    "THỦ TƯỚNG CHÍNH PHỦ", "TTG") -> their usual spelling, for title lines in capitals."""
    v = load_vocab()
    words = set(v.type_spellings()) | set(v.bodies) | {"số", "ngày", "tháng", "năm", "của",
                                                        "khóa", "khoá", "và", "Bộ trưởng"}
    for info in list(v.issuer_exact.values()) + [i for _, i in v.issuer_prefix]:
        words |= set(info.get("bodies") or [])
    table = {}
    for w in sorted(words, key=lambda w: (not w[:1].isupper(), w)):
        if w.upper() != w and len(w.upper()) == len(w):
            table.setdefault(w.upper(), w)
    codes = {c for c in list(v.issuer_exact) + list(v.code_of_type) if c.upper() != c
             and len(c.upper()) == len(c)}
    code_table = {c.upper(): c for c in codes}
    rx = re.compile(
        "|".join([rf"(?<![\w]){re.escape(k)}(?!\w)" for k in sorted(table, key=len, reverse=True)]
                 + [rf"(?<=[-/]){re.escape(k)}(?!\w)" for k in sorted(code_table, key=len, reverse=True)]))
    table.update(code_table)
    return rx, table


def decap(s: str) -> str:
    """``s`` with the citation words it writes in capitals in their usual spelling (same
    length; a title line "QUYẾT ĐỊNH SỐ 20/2016/QĐ-TTG NGÀY 11 THÁNG 5 NĂM 2016")."""
    if not any(h in s for h in _CAPS_HINTS):
        return s
    rx, table = _caps_map()
    return rx.sub(lambda m: table[m.group(0)], s)
