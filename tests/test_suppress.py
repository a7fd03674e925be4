"""Inline suppression directives."""
from __future__ import annotations

from dataclasses import dataclass

from refcheck.text.positions import LineIndex
from refcheck.rules.suppress import Directive, apply, parse_directives, unused_finding


@dataclass
class F:  # the fields apply() reads; real Findings work the same
    code: str
    line: int
    end_line: int = 0


def finding_at(text: str, needle: str, code: str) -> F:
    idx = LineIndex(text)
    start = text.index(needle)
    return F(code, idx.position(start)[0], idx.position(start + len(needle))[0])


MD = """\
---
date: 2020-10-02
---
# Hội nghị Ban Chấp hành Đảng bộ

<!-- refcheck: ignore RC401 -->

Theo Quy định số 102-QĐ/TW ngày 15/12/2017 của Bộ Chính trị về xử lý kỷ luật đảng viên.

Thực hiện Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị. <!-- refcheck: ignore RC102 -->

<!-- refcheck: ignore RC401, RC102 -->
<!-- refcheck: ignore RC3 -->
Quán triệt Chỉ thị số 35-CT/TW ngày 30/5/2019 của Ban Bí thư.
"""


def test_parse_markdown():
    ds = parse_directives(MD)
    assert [(d.kind, d.codes, d.line, d.target_line) for d in ds] == [
        ("ignore", ("RC401",), 6, 8),
        ("ignore", ("RC102",), 10, 10),  # trailing comment: its own line
        ("ignore", ("RC401", "RC102"), 12, 14),  # skips the directive line below it
        ("ignore", ("RC3",), 13, 14),
    ]
    d = ds[0]
    assert MD[d.start:d.end] == "<!-- refcheck: ignore RC401 -->" == d.text
    assert (d.column, d.end_column) == (1, 32)
    assert d.label == "ignore RC401"


def test_apply_markdown():
    ds = parse_directives(MD)
    findings = [
        finding_at(MD, "15/12/2017", "RC401"),
        finding_at(MD, "102-QĐ/TW", "RC201"),  # same line, other code: kept
        finding_at(MD, "45 - CT/TW", "RC102"),
        finding_at(MD, "Ban Bí thư", "RC302"),
    ]
    kept, unused = apply(findings, ds)
    assert [f.code for f in kept] == ["RC201"]
    # "ignore RC401, RC102" on the 35-CT/TW line suppressed nothing (RC302 went to "ignore RC3")
    assert [d.label for d in unused] == ["ignore RC401, RC102"]


def test_ignore_file_and_all_codes():
    text = ("<!-- refcheck: ignore-file RC2 -->\n"
            "Kế hoạch số 01-KH/ĐU ngày 31/12/2019 của Đảng ủy cơ quan.\n"
            "Chỉ thị số 99-CT/TW ngày 30/5/2019 của Bộ Chính trị.\n")
    ds = parse_directives(text)
    assert [(d.kind, d.codes, d.target_line) for d in ds] == [("ignore-file", ("RC2",), None)]
    kept, unused = apply([F("RC202", 2), F("RC201", 3), F("RC401", 3)], ds)
    assert [f.code for f in kept] == ["RC401"] and unused == []
    ds = parse_directives("<!-- refcheck: ignore-file -->\n" + text)
    assert ds[0].codes == ()
    kept, unused = apply([F("RC401", 4)], ds)
    assert kept == [] and [d.codes for d in unused] == [("RC2",)]


def test_plain_text_forms():
    text = ("HỘI NGHỊ BAN CHẤP HÀNH ĐẢNG BỘ\n"
            "refcheck: ignore RC401\n"
            "\n"
            "Theo Quy định số 102-QĐ/TW ngày 15/12/2017 của Bộ Chính trị.\n"
            "# refcheck: ignore RC102 RC103\n"
            "Thực hiện Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị.\n"
            "   // refcheck: ignore\n"
            "Nghị quyết 19-2017/NQ-CP ngày 6/2/2017 của Chính phủ.\n"
            "REFCHECK: Ignore-File RC5\n")
    ds = parse_directives(text)
    assert [(d.kind, d.codes, d.line, d.target_line) for d in ds] == [
        ("ignore", ("RC401",), 2, 4),
        ("ignore", ("RC102", "RC103"), 5, 6),
        ("ignore", (), 7, 8),
        ("ignore-file", ("RC5",), 9, None),
    ]
    kept, unused = apply([F("RC401", 4), F("RC102", 6), F("RC103", 8), F("RC301", 8)], ds)
    assert kept == []
    assert [d.line for d in unused] == [9]


def test_prose_is_not_a_directive():
    text = ("Bài viết nhắc tới refcheck: ignore RC401 giữa câu thì không phải chỉ thị.\n"
            "Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị.\n"
            "refcheck: ignorelist\n")
    assert parse_directives(text) == []


def test_crlf_and_cr_line_endings():
    for nl in ("\r\n", "\r"):
        text = nl.join(["refcheck: ignore RC102", "", "Chỉ thị số 45 - CT/TW ngày 20/6/2020", ""])
        (d,) = parse_directives(text)
        assert d.codes == ("RC102",) and d.target_line == 3
        assert text[d.start:d.end] == "refcheck: ignore RC102"


def test_directive_at_end_targets_nothing():
    ds = parse_directives("Chỉ thị số 35-CT/TW.\n<!-- refcheck: ignore RC401 -->\n\n")
    assert ds[0].target_line is None
    kept, unused = apply([F("RC401", 1)], ds)
    assert len(kept) == 1 and unused == ds


def test_multiline_finding_covered():
    text = ("<!-- refcheck: ignore RC303 -->\n"
            "Chỉ thị số 35-CT/TW ngày 30/5/2019 … và\n"
            "Chỉ thị số 35-CT/TW ngày 3/5/2019\n")
    ds = parse_directives(text)
    kept, _ = apply([F("RC303", 2, 3)], ds)
    assert kept == []
    kept, _ = apply([F("RC303", 3, 3)], ds)  # starts after the target line
    assert len(kept) == 1


def test_invalid_tokens_recorded_and_case():
    (d,) = parse_directives("<!-- refcheck: ignore rc401, RC40X -->\nx\n")
    assert d.codes == ("RC401",) and d.invalid == ("RC40X",)


def test_html_comment_inside_text_line_multiple():
    text = "Số 45 - CT/TW <!-- refcheck: ignore RC102 --> và 19-2017/NQ-CP <!--refcheck:ignore RC103-->\n"
    ds = parse_directives(text)
    assert [d.codes for d in ds] == [("RC102",), ("RC103",)]
    assert all(d.target_line == 1 for d in ds)


def test_unused_finding():
    (d,) = parse_directives("\n<!-- refcheck: ignore RC401 -->\nChỉ thị số 35-CT/TW\n")
    f = unused_finding(d, "en")
    assert f.code == "RC901" and f.name == "unused-suppression" and f.severity == "warning"
    assert f.message == "Suppression “ignore RC401” suppresses nothing."
    assert (f.line, f.column, f.end_line, f.end_column) == (2, 1, 2, 32)
    assert isinstance(d, Directive)
    assert "không bỏ qua phát hiện nào" in unused_finding(d, "vi").message
