"""Reporters, on results built by hand from real sentences."""
from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from refcheck.lint import report
from refcheck.model import Article, Citation, Document, FileResult, Finding, Fix, Resolution, Span
from refcheck.text.positions import LineIndex
from refcheck.rules.registry import RULES, message

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

TEXT = (
    "HỘI NGHỊ BAN CHẤP HÀNH ĐẢNG BỘ CƠ QUAN VĂN PHÒNG QUỐC HỘI LẦN THỨ II\n"
    "\n"
    "02/10/2020\n"
    "\n"
    "Thực hiện Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị về lãnh đạo cuộc bầu cử "
    "đại biểu Quốc hội và bầu cử đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021 - 2026, "
    "Đảng ủy quán triệt Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị về đại hội đảng bộ "
    "các cấp.\n"
    "Theo Quy định số 102-QĐ/TW ngày 15/12/2017 của Bộ Chính trị về xử lý kỷ luật đảng viên "
    "vi phạm.\n"
)


def _span(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    i = text.index(needle, start)
    return i, i + len(needle)


def _finding(text, code, start, end, citation=None, fix=None, lang="en", **fields):
    idx = LineIndex(text)
    line, col = idx.position(start)
    end_line, end_col = idx.position(end)
    rule = RULES[code]
    return Finding(code=code, name=rule.name, severity=rule.severity,
                   message=message(code, lang, **fields), start=start, end=end,
                   citation=citation, fix=fix, line=line, column=col, end_line=end_line,
                   end_column=end_col)


def make_result(path="drafts/hoi-nghi.txt", text=TEXT, lang="en") -> FileResult:
    s1, e1 = _span(text, "Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị")
    sym1 = _span(text, "45 - CT/TW")
    c1 = Citation(text=text[s1:e1], start=s1, end=e1, kind="symbol", type="Chỉ thị", number=45,
                  year=None, type_code="CT", issuer_code="TW", date="2020-06-20",
                  issuer="Bộ Chính trị", khoa="XII", system="party", symbol="45-CT/TW",
                  symbol_span=Span(*sym1), symbol_raw="45 - CT/TW")
    s2, e2 = _span(text, "Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị")
    c2 = Citation(text=text[s2:e2], start=s2, end=e2, kind="symbol", type="Chỉ thị", number=35,
                  type_code="CT", issuer_code="TW", date="2019-05-30", issuer="Bộ Chính trị",
                  khoa="XII", system="party", symbol="35-CT/TW")
    s3, e3 = _span(text, "Quy định số 102-QĐ/TW ngày 15/12/2017 của Bộ Chính trị")
    c3 = Citation(text=text[s3:e3], start=s3, end=e3, kind="symbol", type="Quy định",
                  number=102, type_code="QĐ", issuer_code="TW", date="2017-12-15",
                  issuer="Bộ Chính trị", khoa="XII", system="party", symbol="102-QĐ/TW")
    doc = lambda i, sym, d: Document(id=i, symbol=sym, type=None, number=None, year=None,  # noqa
                                     type_code=None, issuer_code="TW", issuer="Bộ Chính trị",
                                     date=d, system="party")
    res = [Resolution([doc("party/45-CT-TW-2020", "45-CT/TW", "2020-06-20")], True, True, "date"),
           Resolution([doc("party/35-CT-TW-2019", "35-CT/TW", "2019-05-30")], True, True, "date"),
           Resolution([doc("party/102-QD-TW-2017", "102-QĐ/TW", "2017-11-15")], True, True,
                      "date")]
    d1, d2 = _span(text, "15/12/2017")
    findings = [
        _finding(text, "RC401", d1, d2, citation=2, lang=lang, found="15/12/2017",
                 symbol="102-QĐ/TW", expected="15/11/2017"),
        _finding(text, "RC102", *sym1, citation=0, lang=lang, found="45 - CT/TW",
                 canonical="45-CT/TW", fix=Fix(sym1[0], sym1[1], "45-CT/TW")),
    ]
    art = Article(index=1, start=0, end=len(text), title=text.split("\n")[0],
                  date="2020-10-02", date_source="dateline", line=1,
                  citations=[c1, c2, c3], resolutions=res, findings=findings)
    return FileResult(path=path, articles=[art], text=text)


def clean_result(path="seeds/000_79d50c78e0afde38.txt") -> FileResult:
    text = "Thực hiện Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị.\n"
    s, e = _span(text, "Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị")
    c = Citation(text=text[s:e], start=s, end=e, kind="symbol", symbol="35-CT/TW")
    art = Article(index=1, start=0, end=len(text), citations=[c, c, c],
                  resolutions=[Resolution(), Resolution(), Resolution()])
    return FileResult(path=path, articles=[art], text=text)


def unreadable() -> FileResult:
    return FileResult(path="drafts/hong.docx", error="not a zip file (corrupt .docx)")


# --------------------------------------------------------------------------- positions


def test_line_index_all_breaks():
    text = "a\r\nb\nc\rd"
    idx = LineIndex(text)
    assert [idx.position(text.index(ch)) for ch in "abcd"] == [(1, 1), (2, 1), (3, 1), (4, 1)]
    assert idx.position(1) == (1, 2)  # the \r of \r\n is on line 1
    assert idx.position(2) == (1, 3)  # so is the \n
    assert idx.position(len(text)) == (4, 2)
    assert idx.position(10**6) == (4, 2)
    assert idx.line_count == 4


def test_line_index_code_points():
    text = "Đảng ủy\nChỉ thị số 35-CT/TW"
    idx = LineIndex(text)
    assert idx.position(text.index("35")) == (2, 12)
    assert idx.offset(2, 12) == text.index("35")


# --------------------------------------------------------------------------- JSON

CITATION_KEYS = {"text", "start", "end", "line", "column", "kind", "type", "number", "year",
                 "type_code", "issuer_code", "date", "issuer", "khoa", "symbol", "title",
                 "plenum", "congress", "refers_to", "resolved", "how", "inferred_date"}
FINDING_KEYS = {"code", "name", "severity", "message", "line", "column", "end_line",
                "end_column", "citation", "fix", "variant", "args", "documents"}


def test_json_exact_shape():
    data = json.loads(report.format_json([make_result(), unreadable()], "0.1.0"))
    assert set(data) == {"refcheck", "json_version", "files"}
    assert data["json_version"] == 2
    assert data["refcheck"] == "0.1.0"
    f0, f1 = data["files"]
    assert set(f0) == {"path", "articles"}
    assert f1 == {"path": "drafts/hong.docx", "error": "not a zip file (corrupt .docx)",
                  "articles": []}
    (art,) = f0["articles"]
    assert set(art) == {"index", "title", "date", "line", "citations", "findings"}
    assert art["date"] == "2020-10-02"
    for c in art["citations"]:
        assert set(c) == CITATION_KEYS
    for f in art["findings"]:
        assert set(f) == FINDING_KEYS
    c0 = art["citations"][0]
    assert c0["text"] == "Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị"
    assert (c0["line"], c0["column"]) == (5, 11)
    assert c0["resolved"] == ["party/45-CT-TW-2020"]
    assert (c0["number"], c0["symbol"], c0["refers_to"]) == ("45", "45-CT/TW", None)
    assert TEXT[c0["start"]:c0["end"]] == c0["text"]
    # sorted by position: RC102 (line 5) before RC401 (line 6)
    rc102, rc401 = art["findings"]
    assert rc102["code"] == "RC102" and rc102["fix"]["replacement"] == "45-CT/TW"
    assert rc102["fix"]["safe"] is True  # --fix applies it
    assert (rc102["line"], rc102["column"], rc102["end_line"], rc102["end_column"]) == \
        (5, 22, 5, 32)
    assert rc102["citation"] == 0
    assert rc401["fix"] is None and rc401["citation"] == 2 and rc401["severity"] == "error"
    assert rc401["line"] == 6


def test_json_not_ascii_escaped():
    out = report.format_json([make_result()], "0.1.0")
    assert "Chỉ thị" in out and "\\u" not in out


def test_json_positions_override_and_missing_lines():
    r = make_result()
    for f in r.articles[0].findings:
        f.line = f.column = f.end_line = f.end_column = 0
    data = json.loads(report.format_json([r], "0.1.0"))
    rc102 = data["files"][0]["articles"][0]["findings"][0]
    assert (rc102["line"], rc102["column"], rc102["end_column"]) == (5, 22, 32)
    data = json.loads(report.format_json([r], "0.1.0", positions={r.path: lambda o: (7, o)}))
    c0 = data["files"][0]["articles"][0]["citations"][0]
    assert c0["line"] == 7 and c0["column"] == c0["start"]


# --------------------------------------------------------------------------- grouped


def test_grouped_en():
    out = report.format_grouped([make_result(), clean_result()], "en", color=False)
    assert "\x1b" not in out
    assert "drafts/hoi-nghi.txt" in out
    assert "Article 1: “HỘI NGHỊ BAN CHẤP HÀNH" in out and "(2020-10-02)" in out
    assert re.search(r"^    5:22  warning  RC102  Non-canonical spelling", out, re.M)
    assert re.search(r"^    6:\d+  error    RC401  ", out, re.M)
    assert re.search(r"^ +fix \(--fix\): “45 - CT/TW” → “45-CT/TW”$", out, re.M)
    assert "seeds/000_79d50c78e0afde38.txt: 3 citations, no problems" in out
    assert "Found 2 problems in 2 files (1 error, 1 warning)." in out


def test_grouped_one_line_per_finding_plus_a_fix_line():
    """Issue 14: the report printed each finding twice (a table row and a "help" line)."""
    out = report.format_grouped([make_result()], "vi")
    assert out.count("RC102") == 1 and out.count("RC401") == 1
    assert "gợi ý [" not in out and "help [" not in out
    assert "sửa (--fix): “45 - CT/TW” → “45-CT/TW”" in out


@pytest.mark.parametrize("width", [60, 80, 120])
def test_grouped_fits_the_terminal_width(width):
    """Issue 14: the grouped report was 179 columns wide on an 80-column terminal. Wrapped at
    spaces, nothing cut: the words of every message are all there."""
    r = make_result()
    out = report.format_grouped([r], "vi", width=width)
    assert max(len(ln) for ln in out.splitlines()) <= width
    words = " ".join(out.split())
    for f in r.articles[0].findings:
        assert " ".join(f.message.split()) in words


def test_grouped_vi_is_all_vietnamese():
    """Issue 14: "Mức độ: error", "fix(es) applied" and friends in a Vietnamese report."""
    r = make_result(lang="vi")
    out = report.format_grouped([r, unreadable()], "vi")
    for english in ("error", "warning", "info", "fix", "help", "Found", "problems"):
        assert not re.search(rf"\b{english}\b", out.replace("--fix", "")), english
    assert "cảnh báo" in out and "lỗi" in out


def test_grouped_quiet_prints_only_the_findings():
    out = report.format_grouped([make_result(), clean_result()], "en", quiet=True)
    assert "RC102" in out and "no problems" not in out and "Found" not in out
    assert "citations," not in out


def test_grouped_vi_date_unknown():
    r = make_result(lang="vi")
    r.articles[0].date = None
    out = report.format_grouped([r], "vi")
    assert "Bài 1:" in out and "(ngày không rõ)" in out
    assert re.search(r"^    5:22  cảnh báo   RC102  Số hiệu viết chưa chuẩn", out, re.M)
    assert "sửa (--fix): “45 - CT/TW” → “45-CT/TW”" in out
    r.articles[0].date = None
    assert "(date unknown)" in report.format_grouped([r], "en")


def test_grouped_clean_only():
    out = report.format_grouped([clean_result()], "en")
    assert out == "seeds/000_79d50c78e0afde38.txt: 3 citations, no problems\n"


def test_grouped_escapes_terminal_controls():
    r = make_result(path="drafts/\x1b]0;pwned\x07.txt")
    r.articles[0].citations[0].text = "Chỉ thị\x1b[31m số 45 - CT/TW"
    r.articles[0].findings[0].message = "Trích dẫn không đọc được: “\x1b[2J\rsố 45”."
    r.articles[0].title = "Tiêu đề \u202egnaĐ\x08"
    fixed = next(f for f in r.articles[0].findings if f.fix is not None)
    fixed.fix.original = "45\x1b[31m - CT/TW"  # shown on the fix line
    out = report.format_grouped([r, unreadable()], "en", color=False)
    assert "\x1b" not in out and "\x07" not in out and "\x08" not in out
    assert "\u202e" not in out
    assert "45\\x1b[31m - CT/TW" in out and "“\\x1b[2J\\rsố 45”" in out
    assert "\\x1b]0;pwned\\x07.txt" in out
    assert "\\u202e" in out
    col = report.format_grouped([r], "en", color=True)
    # the only raw ESC bytes are our own SGR sequences
    assert all(m.group(0) in ("\x1b[0m", "\x1b[1m", "\x1b[31m", "\x1b[33m", "\x1b[36m",
                              "\x1b[32m", "\x1b[31;1m")
               for m in re.finditer(r"\x1b\[[0-9;]*m", col))
    assert col.count("\x1b") == len(re.findall(r"\x1b\[[0-9;]*m", col))


def test_grouped_color_only_when_asked():
    r = make_result()
    assert "\x1b[" in report.format_grouped([r], "en", color=True)
    assert "\x1b[" not in report.format_grouped([r], "en", color=False)


def test_grouped_unreadable():
    out = report.format_grouped([unreadable()], "en")
    assert "drafts/hong.docx: cannot be read: not a zip file (corrupt .docx)" in out
    assert out.endswith("No problems (1 file, 0 citations; 1 unreadable).\n")
    out = report.format_grouped([make_result(), unreadable()], "en")
    assert out.endswith("Found 2 problems in 2 files (1 error, 1 warning, 1 unreadable).\n")


# --------------------------------------------------------------------------- concise


def test_concise():
    out = report.format_concise([make_result(), clean_result()], "en")
    lines = out.splitlines()
    assert lines[0] == ("drafts/hoi-nghi.txt:5:22: RC102 [warning] Non-canonical spelling: "
                        "“45 - CT/TW” → “45-CT/TW”.")
    assert lines[1].startswith("drafts/hoi-nghi.txt:6:33: RC401 [error] Date 15/12/2017")
    assert len(lines) == 2


# --------------------------------------------------------------------------- SARIF


@pytest.fixture(scope="module")
def sarif_schema():
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def _validate(doc, schema):
    jsonschema.Draft4Validator(schema).validate(doc)


def test_sarif_valid_and_complete(sarif_schema):
    out = report.format_sarif([make_result(), clean_result()], "0.1.0", "en")
    doc = json.loads(out)
    _validate(doc, sarif_schema)
    run = doc["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "refcheck" and driver["version"] == "0.1.0"
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == list(RULES)
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert levels["RC001"] == "note" and levels["RC102"] == "warning" and levels["RC401"] == "error"
    rc102 = next(r for r in driver["rules"] if r["id"] == "RC102")
    assert rc102["name"] == "non-canonical-spelling"
    assert rc102["shortDescription"]["text"] == "Non-canonical spelling"
    assert "Đ (U+0110)" in rc102["fullDescription"]["text"] and rc102["help"]["text"]
    assert run["invocations"] == [{"executionSuccessful": True}]
    res = run["results"]
    assert [r["ruleId"] for r in res] == ["RC102", "RC401"]
    r0 = res[0]
    assert driver["rules"][r0["ruleIndex"]]["id"] == "RC102"
    assert r0["level"] == "warning"
    loc = r0["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "drafts/hoi-nghi.txt"
    assert loc["region"] == {"startLine": 5, "startColumn": 22, "endLine": 5, "endColumn": 32}
    (fix,) = r0["fixes"]
    (change,) = fix["artifactChanges"]
    (rep,) = change["replacements"]
    assert rep["insertedContent"]["text"] == "45-CT/TW"
    assert rep["deletedRegion"] == {"startLine": 5, "startColumn": 22, "endLine": 5,
                                    "endColumn": 32}
    assert "fixes" not in res[1]


def test_sarif_unreadable_file(sarif_schema):
    doc = json.loads(report.format_sarif([unreadable(), make_result()], "0.1.0", "vi"))
    _validate(doc, sarif_schema)
    inv = doc["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    (note,) = inv["toolExecutionNotifications"]
    assert note["level"] == "error" and "corrupt" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "drafts/hong.docx"
    # vi rule texts
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    assert rules[1]["shortDescription"]["text"] == RULES[rules[1]["id"]].summary["vi"]


def test_sarif_uri_is_relative_and_encoded(sarif_schema, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = make_result(path=str(tmp_path / "bài viết" / "số 1.md"))
    doc = json.loads(report.format_sarif([r], "0.1.0", "en"))
    _validate(doc, sarif_schema)
    uri = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"] == "b%C3%A0i%20vi%E1%BA%BFt/s%E1%BB%91%201.md"


def test_sarif_empty(sarif_schema):
    doc = json.loads(report.format_sarif([], "0.1.0", "en"))
    _validate(doc, sarif_schema)
    assert doc["runs"][0]["results"] == []


# --------------------------------------------------------------------------- GitHub


def test_github_annotations():
    out = report.format_github([make_result()], "en").splitlines()
    assert out[0] == ("::warning file=drafts/hoi-nghi.txt,line=5,col=22,endLine=5,endColumn=32,"
                      "title=RC102 non-canonical-spelling::Non-canonical spelling: “45 - CT/TW” "
                      "→ “45-CT/TW”.")
    assert out[1].startswith("::error file=drafts/hoi-nghi.txt,line=6,col=33,")
    assert "title=RC401 date-mismatch::Date 15/12/2017 differs from the catalog" in out[1]


def test_github_info_is_notice_and_escaping():
    text = "Kế hoạch số 01-KH/ĐU ngày 31/12/2019\n"
    f = _finding(text, "RC202", 0, 36, symbol="01-KH/ĐU")
    f.message = "100% sure: a,b\r\nsecond line"
    r = FileResult(path="drafts/a,b:c%.txt", text=text,
                   articles=[Article(index=1, start=0, end=len(text), findings=[f])])
    (line,) = report.format_github([r]).splitlines()
    assert line.startswith("::notice file=drafts/a%2Cb%3Ac%25.txt,line=1,col=1,")
    assert line.endswith("::100%25 sure: a,b%0D%0Asecond line")
    assert "title=RC202 unverifiable::" in line


def test_github_unreadable():
    out = report.format_github([unreadable()])
    assert out.startswith("::error file=drafts/hong.docx,")
    assert out.rstrip().endswith("::not a zip file (corrupt .docx)")


# --------------------------------------------------------------------------- statistics


def test_statistics():
    r1, r2 = make_result(), make_result(path="drafts/b.txt")
    r2.articles[0].findings = [f for f in r2.articles[0].findings if f.code == "RC102"]
    assert report.statistics([r1, r2, unreadable()]) == [
        ("RC102", "non-canonical-spelling", 2), ("RC401", "date-mismatch", 1)]
    out = report.format_statistics([r1, r2])
    lines = out.splitlines()
    assert lines[0].split() == ["code", "name", "count"]
    assert lines[2].split() == ["RC102", "Non-canonical", "spelling", "2"]
    assert lines[3].split() == ["RC401", "Date", "differs", "from", "the", "catalog", "1"]
    vi = report.format_statistics([r1, r2], "vi").splitlines()
    assert vi[0].split() == ["mã", "tên", "số", "lần"]
    assert vi[2].split() == ["RC102", *"Số hiệu viết chưa chuẩn".split(), "2"]
    assert report.format_statistics([clean_result()]) == ""


def test_render_dispatch():
    rs = [make_result()]
    assert report.render("json", rs, "0.1.0").endswith("}\n")
    assert report.render("concise", rs, "0.1.0", "en") == report.format_concise(rs, "en")
    with pytest.raises(ValueError, match="expected one of"):
        report.render("xml", rs, "0.1.0")


# --------------------------------------------------------------------------- property

from hypothesis import given, strategies as st  # noqa: E402


@given(st.text(alphabet=st.sampled_from(list("ab\r\nĐ ")), max_size=40), st.data())
def test_line_index_matches_splitlines(text, data):
    offset = data.draw(st.integers(0, len(text)))
    line, col = LineIndex(text).position(offset)
    before = text[:offset]
    # a lone "\r" at the end of `before` that is followed by "\n" is still inside the break
    pieces = re_split(before)
    if before.endswith("\r") and text[offset:offset + 1] == "\n":
        assert (line, col) == (len(pieces) - 1, len(pieces[-2]) + 2)
    else:
        assert (line, col) == (len(pieces), len(pieces[-1]) + 1)


def re_split(s):
    return re.split(r"\r\n|\n|\r", s)


def test_compact_encoder_writes_what_json_dumps_writes():
    """The report's one-call C encoder gives json.dumps's bytes (seeds' reports, a float,
    escapes, non-ASCII, nested lists, None/True, a bare string)."""
    from pathlib import Path

    from refcheck.api import check_source
    from refcheck.lint.report.jsonfmt import compact_encoder, to_json_data

    seeds = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))
    results = [check_source(p.read_text(encoding="utf-8"), path=str(p)) for p in seeds]
    encode = compact_encoder()
    objects = [to_json_data(results, "0"), {"a": 1.5, "b": [None, True, {"c": "Đ\n\"\\\u2028"}]},
               "Chỉ thị số 35-CT/TW\t", [], {}]
    for o in objects:
        assert encode(o) == json.dumps(o, ensure_ascii=False, separators=(",", ":"))


def test_english_counts_agree_with_their_nouns(tmp_path):
    """'1 citations, 1 problems … in 1 files' read as broken English to an editor."""
    from refcheck.lint.report.common import say, _t
    t = _t("en")
    assert say(t["dirty"], path="a.txt", n=1, p=1) == "a.txt: 1 citation, 1 problem"
    assert say(t["dirty"], path="a.txt", n=2, p=3) == "a.txt: 2 citations, 3 problems"
    assert say(t["total_clean"], f=1, n=0) == "No problems (1 file, 0 citations)."
    assert say(t["total"], p=1, f=2, detail="1 error") == "Found 1 problem in 2 files (1 error)."
    vi = _t("vi")
    assert say(vi["dirty"], path="a.txt", n=1, p=2) == "a.txt: 1 trích dẫn, 2 vấn đề"
