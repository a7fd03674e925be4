"""refcheck.io.read: decoding, kinds, offset -> (line, column) in the original file, refusals."""
from __future__ import annotations

import codecs
import io
import os
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from linear import assert_linear, growth, LIMIT
from refcheck.io import read as read_mod
from refcheck.io.read import ReadError, Source, detect_newline, read_bytes, read_path

DATA = Path(__file__).parent / "data" / "inputs"
SENT = "Thực hiện Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị về đại hội đảng bộ các cấp"
SYM = "35-CT/TW"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def assert_one_line(err: ReadError, path) -> str:
    msg = str(err)
    assert "\n" not in msg and "\r" not in msg
    assert msg.startswith(f"{path}: ")
    assert "Traceback" not in msg
    return msg


def sym_position_in_file(raw_text: str, needle: str = SYM) -> tuple[int, int]:
    """(line, col) of needle in a decoded file, counting \\r\\n, \\n, \\r as one break."""
    i = raw_text.index(needle)
    before = raw_text[:i].replace("\r\n", "\n").replace("\r", "\n")
    line = before.count("\n") + 1
    col = len(before) - (before.rfind("\n") + 1) + 1
    return line, col


# --------------------------------------------------------------------------- valid text


def test_empty_file(tmp_path):
    s = read_path(write(tmp_path, "empty.txt", b""))
    assert s.text == "" and s.kind == "txt" and s.fixable
    assert s.encoding == "utf-8" and s.bom == b"" and s.newline == "\n"
    assert s.position(0) == (1, 1)
    assert s.source_text() == ""


def test_empty_md_and_html(tmp_path):
    assert read_path(write(tmp_path, "e.md", b"")).text == ""
    assert read_path(write(tmp_path, "e.html", b"")).text == ""


def test_plain_utf8_position(tmp_path):
    body = f"Tiêu đề\n\n{SENT}.\n"
    s = read_path(write(tmp_path, "a.txt", body.encode()))
    assert s.text == body
    assert s.position(s.text.index(SYM)) == (3, SENT.index(SYM) + 1)
    assert s.path.endswith("a.txt")


def test_utf8_bom(tmp_path):
    s = read_path(write(tmp_path, "bom.txt", codecs.BOM_UTF8 + f"{SENT}\n".encode()))
    assert s.encoding == "utf-8-sig" and s.bom == codecs.BOM_UTF8
    assert not s.text.startswith("\ufeff")
    assert s.position(s.text.index(SYM)) == (1, SENT.index(SYM) + 1)


@pytest.mark.parametrize(
    "bom,codec", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
)
def test_utf16_with_bom(tmp_path, bom, codec):
    body = f"Dòng một\r\n{SENT}\r\n"
    s = read_path(write(tmp_path, "u16.txt", bom + body.encode(codec)))
    assert s.text == body
    assert s.encoding == "utf-16" and s.bom == bom
    assert s.newline == "\r\n"
    assert s.position(s.text.index(SYM)) == (2, SENT.index(SYM) + 1)


def test_nfd_kept_as_is(tmp_path):
    nfd = unicodedata.normalize("NFD", SENT)
    assert nfd != SENT
    s = read_path(write(tmp_path, "nfd.txt", nfd.encode()))
    assert s.text == nfd
    # columns are code points of the file as written (NFD is longer)
    assert s.position(s.text.index(SYM)) == (1, nfd.index(SYM) + 1)


def test_crlf_kept_and_positions(tmp_path):
    body = f"Tiêu đề\r\n\r\n{SENT}.\r\nHết.\r\n"
    s = read_path(write(tmp_path, "crlf.txt", body.encode()))
    assert s.text == body  # newlines never translated
    assert s.newline == "\r\n"
    assert s.position(s.text.index(SYM)) == (3, SENT.index(SYM) + 1)
    assert s.position(s.text.index("Hết")) == (4, 1)
    # the \n of a \r\n is still on the line it ends
    assert s.position(body.index("\r\n") + 1) == (1, len("Tiêu đề") + 2)


def test_lone_cr_and_mixed_breaks(tmp_path):
    body = "một\rhai\r\nba\nbốn\x0bvẫn bốn\u2028vẫn bốn"
    s = read_bytes(body.encode(), "mixed.txt")
    assert s.position(body.index("hai")) == (2, 1)
    assert s.position(body.index("ba")) == (3, 1)
    assert s.position(body.index("bốn")) == (4, 1)
    # only \r\n, \n and \r break lines (not VT or U+2028)
    assert s.position(body.rindex("vẫn")) == (4, body.rindex("vẫn") - body.index("bốn") + 1)
    assert s.newline in ("\n", "\r\n", "\r")


def test_detect_newline():
    assert detect_newline("") == "\n"
    assert detect_newline("a\r\nb\r\nc\n") == "\r\n"
    assert detect_newline("a\rb\rc\n") == "\r"
    assert detect_newline("a\nb\r\n") == "\n"  # tie -> \n


def test_position_clamps():
    s = read_bytes(b"ab\ncd", "x.txt")
    assert s.position(-5) == (1, 1)
    assert s.position(10**9) == (2, 3)


def test_big_one_line_file_linear(tmp_path):
    unit = (SENT + ". ").encode()
    p = tmp_path / "big.txt"

    def file_of(n: int):
        p.write_bytes(unit * (n // len(unit) + 1))
        return p

    def read_and_locate(path):
        s = read_path(path)
        last = s.text.rindex(SYM)
        assert s.position(last) == (1, last + 1)

    assert_linear(read_and_locate, file_of, "read_path + position", 500_000, 5_000_000)

    def lookups(src):  # 2,000 look-ups, O(log n) each: 10x the text costs about the same
        for i in range(0, len(src.text), max(1, len(src.text) // 2000)):
            src.position(i)

    ratio, _, _ = growth(lookups, lambda n: read_path(file_of(n)), 500_000, 5_000_000)
    assert ratio < LIMIT, ratio


def test_big_one_line_markdown_and_html():
    unit = f"{SENT} `mã` "
    body = (unit * 40000).encode()
    md = read_bytes(body, "big.md")
    assert len(md.text) == len(body.decode())
    h = read_bytes(b"<p>" + body + b"</p>", "big.html")
    assert SYM in h.text
    gen = lambda n: (unit * (n // len(unit) + 1)).encode()  # noqa: E731
    assert_linear(lambda b: read_bytes(b, "big.md"), gen, "markdown")
    assert_linear(lambda b: read_bytes(b"<p>" + b + b"</p>", "big.html"), gen, "html")


HOSTILE_HTML = {
    "comment-openers": "<!--",  # the case reported: 400 kB took over a minute
    "comment-openers-with-gt": "<!--x>",
    "tag-openers": "<a",
    "end-tag-openers": "</",
    "processing-instructions": "<?",
    "declarations": "<!",
    "marked-sections": "<![x>",
    "unclosed-attribute": '<a b="',
    "lt-runs": "<<",
    "charrefs": "&#",
    "entities": "&amp",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_HTML))
def test_html_parsing_linear_on_hostile_markup(name):
    unit = HOSTILE_HTML[name].encode()
    def parse(data: bytes) -> None:
        try:
            read_bytes(data, "x.html")
        except ReadError:  # refused in one line (a marked section html.parser rejects): fine
            pass

    for tail in (b"", b">", b"-->]>"):
        gen = lambda n: unit * (n // len(unit)) + tail  # noqa: E731
        assert_linear(parse, gen, f"{name} + {tail!r}", 50_000, 500_000)


def test_unclosed_markup_is_text_with_exact_positions():
    src = read_bytes("<p>a < b</p><p>Chỉ thị số 35-CT/TW <!-- không đóng <b".encode(), "x.html")
    assert src.text.startswith("a < b\n\nChỉ thị số 35-CT/TW")
    assert src.text.endswith("<!-- không đóng <b")
    i = src.text.index("<b")
    html = src.source_text()
    assert html[src.source_offset(i):].startswith("<b")
    assert src.position(src.text.index("35-CT/TW")) == (1, html.index("35-CT/TW") + 1)


def test_explicit_encoding_cp1258():
    s = read_path(DATA / "cp1258.txt", encoding="cp1258")
    assert s.encoding == "cp1258"
    assert unicodedata.normalize("NFC", s.text).startswith("Thực hiện Chỉ thị số 35-CT/TW")
    assert s.position(s.text.index(SYM)) == (1, s.text.index(SYM) + 1)


def test_explicit_utf8_with_bom_records_bom():
    s = read_bytes(codecs.BOM_UTF8 + b"abc", "x.txt", encoding="utf-8")
    assert s.text == "abc" and s.encoding == "utf-8-sig"


def test_unknown_encoding_refused():
    with pytest.raises(ReadError) as e:
        read_bytes(b"abc", "x.txt", encoding="no-such-codec")
    assert "no-such-codec" in assert_one_line(e.value, "x.txt")


def test_kind_from_extension():
    assert read_bytes(b"x", "-").kind == "txt"
    assert read_bytes(b"x", "a.TXT").kind == "txt"
    assert read_bytes(b"x", "a.unknown").kind == "txt"
    assert read_bytes(b"x", "a.Markdown").kind == "md"
    assert read_bytes(b"x", "a.HTM").kind == "html"


# --------------------------------------------------------------------------- markdown


def test_markdown_fixture():
    raw = (DATA / "sample.md").read_text(encoding="utf-8")
    s = read_path(DATA / "sample.md")
    assert s.kind == "md" and s.fixable
    assert s.front_matter_date == "2020-10-02"
    assert len(s.text) == len(raw)
    assert [i for i, c in enumerate(s.text) if c in "\r\n"] == [i for i, c in enumerate(raw) if c in "\r\n"]
    assert s.source_text() == raw
    assert "title" not in s.text  # front matter blanked
    assert "99-CT/TW" not in s.text and "98-CT/TW" not in s.text  # code span and fence
    assert "<!-- refcheck: disable-next-line -->" in s.text  # comments stay
    i = s.text.index(SYM)
    assert s.text[i : i + len(SYM)] == raw[i : i + len(SYM)]
    assert s.position(i) == sym_position_in_file(raw)
    assert "Nghị quyết số 18-NQ/TW" in s.text


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2020-10-02", "2020-10-02"),
        ("'2020-10-02'", "2020-10-02"),
        ('"02/10/2020"', "2020-10-02"),
        ("02/10/2020", "2020-10-02"),
        ("2/10/2020", "2020-10-02"),
        ("2020-10-02 08:30:00", "2020-10-02"),
        ("2020-10-02T08:30:00+07:00", "2020-10-02"),
        ("ngày 2 tháng 10 năm 2020", "2020-10-02"),
        ("31/02/2020", None),
        ("hôm qua", None),
        ("[1, 2", None),  # broken YAML: ignored, no crash
        ("!!python/object:os.system ls", None),  # safe loader only
    ],
)
def test_front_matter_dates(value, expected):
    md = f"---\ntitle: Bài\ndate: {value}\n---\n{SENT}\n"
    s = read_bytes(md.encode(), "a.md")
    assert s.front_matter_date == expected
    assert len(s.text) == len(md)
    assert s.position(s.text.index(SYM)) == (5, SENT.index(SYM) + 1)


def test_front_matter_crlf_and_unclosed():
    md = f"---\r\ndate: 2021-01-05\r\n---\r\n{SENT}\r\n"
    s = read_bytes(md.encode(), "a.md")
    assert s.front_matter_date == "2021-01-05"
    assert s.text.count("\r\n") == md.count("\r\n") and len(s.text) == len(md)
    assert s.position(s.text.index(SYM)) == (4, SENT.index(SYM) + 1)
    # no closing line: not front matter, text kept
    md2 = f"---\ndate: 2021-01-05\n{SENT}\n"
    s2 = read_bytes(md2.encode(), "b.md")
    assert s2.front_matter_date is None and s2.text == md2


def test_markdown_code_blocks():
    md = (
        "Đoạn văn đầu: Chỉ thị số 1-CT/TW.\n"
        "\n"
        "~~~~\n"
        "Chỉ thị số 2-CT/TW\n"
        "```\n"  # a shorter/different fence does not close ~~~~
        "Chỉ thị số 3-CT/TW\n"
        "~~~~\n"
        "\n"
        "    Chỉ thị số 4-CT/TW (indented code)\n"
        "\n"
        "Đoạn văn\n"
        "    Chỉ thị số 5-CT/TW (lazy continuation, not code)\n"
        "\n"
        "- mục một\n"
        "\n"
        "    Chỉ thị số 6-CT/TW (list continuation, not code)\n"
        "\n"
        "Dùng ``mã có ` dấu 7-CT/TW`` và `8-CT/TW` nhưng \\`9-CT/TW\\` vẫn là văn bản.\n"
        "Một dấu ` lẻ 10-CT/TW.\n"
        "```python\n"
        "Chỉ thị số 11-CT/TW (unclosed fence runs to the end)\n"
    )
    s = read_bytes(md.encode(), "c.md")
    assert len(s.text) == len(md)
    for kept in ("1-CT/TW", "5-CT/TW", "6-CT/TW", "9-CT/TW", "10-CT/TW"):
        assert kept in s.text, kept
    for gone in ("2-CT/TW", "3-CT/TW", "4-CT/TW", "7-CT/TW", "8-CT/TW", "11-CT/TW"):
        assert f" {gone}" not in s.text and f"`{gone}" not in s.text, gone
    assert s.position(s.text.index("10-CT/TW")) == sym_position_in_file(md, "10-CT/TW")


def test_markdown_inline_code_spans_lines_not_paragraphs():
    md = "Mở `mã\n35-CT/TW` đóng.\n\nMở ` lẻ\n\n35-CT/TW ` sau\n"
    s = read_bytes(md.encode(), "d.md")
    first = s.text.split("\n\n")[0]
    assert "35-CT/TW" not in first  # span across a line break
    assert s.text.count("35-CT/TW") == 1  # the second pair spans a blank line: not code


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("ab `~-#*\t\r\n<!>ịố") + ["```", "~~~", "    ", "---\n", "- ", "1. "]), max_size=120).map("".join))
def test_markdown_blanking_preserves_layout(md):
    s = read_bytes(md.encode(), "h.md")
    assert len(s.text) == len(md)
    for a, b in zip(s.text, md):
        assert a == b or (a == " " and b not in "\r\n")
    assert s.source_text() == md


# --------------------------------------------------------------------------- html


def test_html_fixture_entities_and_positions():
    raw = (DATA / "sample.html").read_text(encoding="utf-8")
    s = read_path(DATA / "sample.html")
    assert s.kind == "html" and not s.fixable
    assert s.source_text() == raw
    assert "Thực hiện Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị." in s.text
    assert "97-CT/TW" not in s.text and "96-CT/TW" not in s.text  # style / script skipped
    assert "<!-- refcheck: disable-next-line -->\nNghị quyết số 18-NQ/TW" in s.text
    i = s.text.index(SYM)
    assert s.position(i) == sym_position_in_file(raw) == (6, 55)
    # the entity-decoded "ỉ" in "Chỉ" maps back to its "&#7881;"
    j = s.text.index("Chỉ") + 2
    assert raw[s.source_offset(j) :].startswith("&#7881;")
    # the comment maps back to itself
    k = s.text.index("<!-- refcheck")
    assert raw[s.source_offset(k) :].startswith("<!-- refcheck: disable-next-line -->")


def test_html_crlf_whitespace_and_blocks():
    raw = (
        "<div>Tiêu&nbsp;đề</div>\r\n<p>Theo   Ch&#7881; th&#x1ECB;\r\n   số "
        "<b>35-CT/TW</b><br>ngày 30/5/2019</p><table><tr><td>a</td><td>b</td></tr></table>"
    )
    s = read_bytes(raw.encode(), "x.htm")
    assert s.text.startswith("Tiêu\xa0đề\n")
    assert "Theo Chỉ thị số 35-CT/TW\nngày 30/5/2019" in s.text
    assert "a\tb" in s.text
    assert s.position(s.text.index(SYM)) == sym_position_in_file(raw)
    assert s.newline == "\r\n"


def test_html_pre_keeps_whitespace():
    raw = "<pre>Chỉ thị\n  số 35-CT/TW</pre>"
    s = read_bytes(raw.encode(), "p.html")
    assert "Chỉ thị\n  số 35-CT/TW" in s.text
    assert s.position(s.text.index(SYM)) == (2, 6)


def test_html_deeply_nested_does_not_crash():
    depth = 200_000
    raw = "<div>" * depth + f"<p>{SENT}</p>" + "</div>" * depth
    s = read_bytes(raw.encode(), "deep.html")
    assert SYM in s.text
    assert s.position(s.text.index(SYM)) == sym_position_in_file(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "<p>Chỉ thị <b>35-CT/TW<i> ngày</p></b></i>",
        "<p>Chỉ thị 35-CT/TW <!-- comment never closed",
        "<script>Chỉ thị 35-CT/TW",
        "<<<>>>&&&;&#;&#xZZ;&#99999999999;<p",
        "</p></p></div><br/></br><p/>x&",
        "<![CDATA[ x ]]><?xml ?><!DOCTYPE html><!-->",
        "\x00\x01<p>x",  # NUL in HTML is refused as binary, cleanly
    ],
)
def test_html_broken_is_best_effort_or_clean_error(raw):
    try:
        s = read_bytes(raw.encode(), "broken.html")
    except ReadError as e:
        assert_one_line(e, "broken.html")
        return
    for i in range(len(s.text) + 1):
        line, col = s.position(i)
        assert line >= 1 and col >= 1


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("<>/&#;!-pdivbr x\n\r=\"'") + ["&#7881;", "&amp;", "<p>", "</p>", "<!--", "-->", "<br>", "<script>", "</script>", "<!-- refcheck: x -->"]), max_size=100).map("".join))
def test_html_never_crashes_and_maps_in_range(raw):
    s = read_bytes(raw.encode(), "h.html")
    n = len(raw)
    for i in range(len(s.text) + 1):
        assert 0 <= s.source_offset(i) <= n


# --------------------------------------------------------------------------- docx


def make_docx(paragraphs: list[str] | None = None, *, document: str | None = None, extra: dict | None = None) -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    if document is None:
        body = []
        for p in paragraphs or []:
            runs = []
            for part in p.split("\t"):
                runs.append(f'<w:r><w:t xml:space="preserve">{part}</w:t></w:r>')
            body.append("<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>" + "<w:r><w:tab/></w:r>".join(runs) + "</w:p>")
        document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{w}"><w:body>{"".join(body)}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        if document is not False:
            z.writestr("word/document.xml", document)
        for k, v in (extra or {}).items():
            z.writestr(k, v)
    return buf.getvalue()


def test_docx_paragraphs_and_positions(tmp_path):
    paras = ["Báo cáo", "", f"Căn cứ\t{SENT}.", "Hết"]
    p = write(tmp_path, "bao-cao.docx", make_docx(paras))
    s = read_path(p)
    assert s.kind == "docx" and not s.fixable
    assert s.text == "\n".join(paras)  # tab stops in pPr are not text; w:tab in a run is
    assert s.position(s.text.index(SYM)) == (3, len("Căn cứ\t") + SENT.index(SYM) + 1)
    assert s.position(s.text.index("Hết")) == (4, 1)


def test_docx_runs_breaks_tables_and_nbsp():
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    doc = (
        f'<w:document xmlns:w="{w}"><w:body>'
        "<w:p><w:r><w:t>Chỉ thị số 35-</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>CT/TW</w:t></w:r>"
        "<w:r><w:br/><w:t>ngày 30/5/2019</w:t></w:r><w:del><w:r><w:delText>XOÁ</w:delText></w:r></w:del></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>ô bảng</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "<w:p><w:r><w:t>cuối</w:t></w:r></w:p>"
        "</w:body></w:document>"
    )
    s = read_bytes(make_docx(document=doc), "t.docx")
    assert s.text == "Chỉ thị số 35-CT/TW ngày 30/5/2019\nô bảng\ncuối"
    assert s.position(s.text.index("cuối")) == (3, 1)


def test_docx_zip_bomb_capped(monkeypatch):
    monkeypatch.setattr(read_mod, "DOCX_MAX_XML_BYTES", 1000)
    data = make_docx([SENT] * 100)
    with pytest.raises(ReadError) as e:
        read_bytes(data, "bomb.docx")
    assert "refusing" in assert_one_line(e.value, "bomb.docx")


def test_docx_with_dtd_refused():
    doc = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
    with pytest.raises(ReadError) as e:
        read_bytes(make_docx(document=doc), "dtd.docx")
    assert_one_line(e.value, "dtd.docx")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_docx_with_utf16_document_xml_refused_like_a_dtd(encoding):
    """Issue 14: the DTD check read raw bytes, so a UTF-16 document.xml with a DTD (every
    other byte NUL) slipped past it; Word writes UTF-8, anything else is refused."""
    doc = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE lolz [<!ENTITY lol "lol">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", doc.encode(encoding))
    with pytest.raises(ReadError) as e:
        read_bytes(buf.getvalue(), "u16.docx")
    assert "refusing" in assert_one_line(e.value, "u16.docx")


def test_docx_declaring_another_encoding_refused():
    doc = ('<?xml version="1.0" encoding="ISO-8859-1"?><w:document xmlns:w="http://schemas.'
           'openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>')
    with pytest.raises(ReadError) as e:
        read_bytes(make_docx(document=doc), "latin.docx")
    assert "ISO-8859-1" in assert_one_line(e.value, "latin.docx")


@pytest.mark.parametrize(
    "name,data,needle",
    [
        ("zip.docx", make_docx(document=False, extra={"notes.txt": "x"}), "word/document.xml"),
        ("text.docx", f"{SENT}\n".encode(), "not a zip"),
        ("badxml.docx", make_docx(document="<w:document><w:body><w:p>"), "XML"),
        ("truncated.docx", make_docx([SENT])[:60], "docx"),
        ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".doc"),
    ],
)
def test_docx_refused(tmp_path, name, data, needle):
    p = write(tmp_path, name, data)
    with pytest.raises(ReadError) as e:
        read_path(p)
    assert needle in assert_one_line(e.value, p)


# --------------------------------------------------------------------------- refusals


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@pytest.mark.parametrize("name", ["anh.txt", "anh.md", "anh.html", "anh.png"])
def test_png_refused(tmp_path, name):
    p = write(tmp_path, name, PNG)
    with pytest.raises(ReadError) as e:
        read_path(p)
    assert "binary" in assert_one_line(e.value, p)


def test_windows_1258_refused_with_hint():
    p = DATA / "cp1258.txt"
    with pytest.raises(ReadError) as e:
        read_path(p)
    msg = assert_one_line(e.value, p)
    assert "UTF-8" in msg and "--encoding" in msg and "line 1" in msg


def test_html_declared_charset_in_hint():
    raw = '<meta charset="windows-1258"><p>Ch\xd2 th\xf2</p>'.encode("latin-1")
    with pytest.raises(ReadError) as e:
        read_bytes(raw, "old.html")
    assert "--encoding windows-1258" in assert_one_line(e.value, "old.html")


def test_utf16_without_bom_refused_with_hint():
    with pytest.raises(ReadError) as e:
        read_bytes(SENT.encode("utf-16-le"), "nobom.txt")
    assert "--encoding utf-16-le" in assert_one_line(e.value, "nobom.txt")
    s = read_bytes(SENT.encode("utf-16-le"), "nobom.txt", encoding="utf-16-le")
    assert s.text == SENT and s.bom == b""


def test_invalid_utf16_refused():
    with pytest.raises(ReadError) as e:
        read_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8", "bad16.txt")  # lone surrogate
    assert_one_line(e.value, "bad16.txt")


def test_zip_as_txt_refused():
    with pytest.raises(ReadError) as e:
        read_bytes(make_docx([SENT]), "x.txt")
    assert "zip" in assert_one_line(e.value, "x.txt")


def test_directory_refused(tmp_path):
    with pytest.raises(ReadError) as e:
        read_path(tmp_path)
    assert "directory" in assert_one_line(e.value, tmp_path)


def test_broken_symlink_refused(tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    with pytest.raises(ReadError) as e:
        read_path(link)
    assert "symbolic link" in assert_one_line(e.value, link)


def test_symlink_to_file_is_read(tmp_path):
    target = write(tmp_path, "real.txt", SENT.encode())
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert read_path(link).text == SENT


def test_missing_file_refused(tmp_path):
    p = tmp_path / "khong-co.txt"
    with pytest.raises(ReadError) as e:
        read_path(p)
    assert "no such file" in assert_one_line(e.value, p)


def test_vanished_file_refused(tmp_path, monkeypatch):
    p = write(tmp_path, "vanish.txt", SENT.encode())
    real_open = open

    def gone(*a, **k):
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr("builtins.open", gone)
    try:
        with pytest.raises(ReadError) as e:
            read_path(p)
    finally:
        monkeypatch.setattr("builtins.open", real_open)
    assert "vanished" in assert_one_line(e.value, p)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_permission_denied(tmp_path):
    p = write(tmp_path, "secret.txt", SENT.encode())
    p.chmod(0)
    try:
        with pytest.raises(ReadError) as e:
            read_path(p)
        assert "permission denied" in assert_one_line(e.value, p)
    finally:
        p.chmod(0o644)


def test_permission_denied_simulated(tmp_path, monkeypatch):
    p = write(tmp_path, "secret.txt", SENT.encode())

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", denied)
    with pytest.raises(ReadError) as e:
        read_path(p)
    monkeypatch.undo()
    assert "permission denied" in assert_one_line(e.value, p)


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="posix only")
def test_device_refused():
    with pytest.raises(ReadError) as e:
        read_path("/dev/null")
    assert_one_line(e.value, "/dev/null")


def test_nul_bytes_refused():
    with pytest.raises(ReadError) as e:
        read_bytes(SENT.encode() + b"\x00", "nul.txt")
    assert "NUL" in assert_one_line(e.value, "nul.txt")


def test_read_error_is_exception_with_path():
    e = ReadError("a.txt", "bad\nthing")
    assert str(e) == "a.txt: bad thing" and e.path == "a.txt"
    assert isinstance(e, Exception)
    assert isinstance(read_bytes(b"", "x.txt"), Source)


def test_html_refcheck_comments_placement():
    raw = (
        "<p>Chỉ thị 35-CT/TW <!-- refcheck: ignore RC401 --> tiếp.</p>\n"
        "<!-- ghi chú thường: Chỉ thị 99-CT/TW -->\n"
        "<!--\n  refcheck: ignore\n  RC102 -->\n"
        "<p>Nghị quyết 18-NQ/TW</p>"
    )
    s = read_bytes(raw.encode(), "c.html")
    lines = s.text.split("\n")
    assert "Chỉ thị 35-CT/TW <!-- refcheck: ignore RC401 --> tiếp." in lines
    assert "99-CT/TW" not in s.text  # ordinary comments are dropped
    i = lines.index("<!-- refcheck: ignore RC102 -->")
    assert lines[i + 1] == "Nghị quyết 18-NQ/TW"
    k = s.text.index("<!-- refcheck: ignore RC102")
    assert s.position(k) == (3, 1)
    k = s.text.index("<!-- refcheck: ignore RC401")
    assert raw[s.source_offset(k):].startswith("<!-- refcheck: ignore RC401 -->")


@pytest.mark.parametrize("name", ["sample.md", "sample.html", "crlf.txt"])
def test_read_text_is_read_bytes_after_decoding(name):
    """An editor's buffer (the language server's input) reads exactly as the file does."""
    from refcheck.io.read import read_text

    path = Path(__file__).parent / "data" / "inputs" / name
    src = read_path(path)
    buf = read_text(src.source_text(), str(path), src.kind)
    assert (buf.kind, buf.text, buf.front_matter_date) == (src.kind, src.text, src.front_matter_date)
    assert [buf.position(i) for i in range(0, len(src.text), 7)] == \
        [src.position(i) for i in range(0, len(src.text), 7)]
