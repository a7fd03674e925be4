"""Baselines: keyed on path, code and what the finding is about (citation symbol, pointed
text or article title: never the message, which changes with --lang), with counts."""
from __future__ import annotations

import copy
import json

import pytest

from refcheck.lint.baseline import BaselineError, load_baseline, make_baseline, write_baseline
from refcheck.model import Article, Citation, FileResult, Finding

TEXT = ("Thực hiện Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị.\n"
        "Theo Quy định số 102-QĐ/TW ngày 15/12/2017 của Bộ Chính trị.\n")


def result(path: str, extra_rc102: int = 0, shift: int = 0) -> FileResult:
    text = "\n" * shift + TEXT
    s = text.index("Chỉ thị số 45")
    c1 = Citation(text="Chỉ thị số 45 - CT/TW ngày 20/6/2020", start=s, end=s + 36,
                  kind="symbol", symbol="45-CT/TW")
    s2 = text.index("Quy định")
    c2 = Citation(text="Quy định số 102-QĐ/TW ngày 15/12/2017", start=s2, end=s2 + 37,
                  kind="symbol", symbol="102-QĐ/TW")
    findings = [
        Finding("RC102", "non-canonical-spelling", "warning", "Số hiệu viết chưa chuẩn", s + 11,
                s + 21, citation=0, line=1 + shift),
        Finding("RC401", "date-mismatch", "error", "Ngày 15/12/2017 không khớp danh mục", s2 + 27,
                s2 + 37, citation=1, line=2 + shift),
        Finding("RC001", "article-date-unknown", "info", "Không xác định được ngày của bài viết",
                0, 0, line=1),
    ]
    for i in range(extra_rc102):
        findings.append(Finding("RC102", "non-canonical-spelling", "warning", "x", 500 + i,
                                510 + i, citation=0, line=9 + i))
    art = Article(index=1, start=0, end=len(text), citations=[c1, c2], findings=findings,
                  title="Tiêu đề bài viết")
    return FileResult(path=path, articles=[art], text=text)


def codes(results):
    return sorted(f.code for r in results for a in r.articles for f in a.findings)


def test_write_load_filter_roundtrip(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    old = [result("drafts/a.txt"), result("drafts/b.txt"),
           FileResult(path="drafts/c.docx", error="corrupt")]
    write_baseline(tmp_path / "refcheck-baseline.json", old)
    data = json.loads((tmp_path / "refcheck-baseline.json").read_text(encoding="utf-8"))
    assert data["refcheck-baseline"] == 1
    assert data["findings"][0] == {"path": "drafts/a.txt", "code": "RC001",
                                   "key": "Tiêu đề bài viết", "count": 1}
    assert [(r["path"], r["code"], r["key"]) for r in data["findings"]] == sorted(
        (r["path"], r["code"], r["key"]) for r in data["findings"])
    assert ("drafts/b.txt", "RC102", "45-CT/TW") in {(r["path"], r["code"], r["key"])
                                                    for r in data["findings"]}
    b = load_baseline(tmp_path / "refcheck-baseline.json")
    assert len(b) == 6
    # the same findings, moved down three lines: all accepted
    new = [result("drafts/a.txt", shift=3), result("drafts/b.txt")]
    before = copy.deepcopy(new)
    assert codes(b.filter(new)) == []
    assert codes(new) == codes(before)  # inputs untouched
    # a second RC102 on 45-CT/TW in a.txt is new; a new file is new entirely
    out = b.filter([result("drafts/a.txt", extra_rc102=1), result("drafts/moi.txt")])
    assert codes(out[:1]) == ["RC102"]
    assert codes(out[1:]) == ["RC001", "RC102", "RC401"]


def test_paths_relative_to_baseline_folder(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ci").mkdir()
    write_baseline(tmp_path / "ci" / "baseline.json", [result("drafts/a.txt")])
    data = json.loads((tmp_path / "ci" / "baseline.json").read_text(encoding="utf-8"))
    assert {r["path"] for r in data["findings"]} == {"../drafts/a.txt"}
    monkeypatch.chdir(tmp_path / "sub")  # run from elsewhere: still matches
    b = load_baseline(tmp_path / "ci" / "baseline.json")
    assert codes(b.filter([result(str(tmp_path / "drafts" / "a.txt"))])) == []
    assert codes(b.filter([result("drafts/a.txt")])) == ["RC001", "RC102", "RC401"]


def test_stable_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rs = [result("b.txt"), result("a.txt", extra_rc102=2)]
    one = make_baseline(rs, tmp_path).to_json()
    two = make_baseline(list(reversed(rs)), tmp_path).to_json()
    assert one == two
    rows = json.loads(one)["findings"]
    assert {"path": "a.txt", "code": "RC102", "key": "45-CT/TW", "count": 3} in rows


def test_bad_baseline(tmp_path):
    p = tmp_path / "b.json"
    p.write_text("{}", encoding="utf-8")
    with pytest.raises(BaselineError, match="not a refcheck baseline"):
        load_baseline(p)
    p.write_text("{", encoding="utf-8")
    with pytest.raises(BaselineError, match="invalid JSON"):
        load_baseline(p)
    with pytest.raises(BaselineError, match="cannot be read"):
        load_baseline(tmp_path / "missing.json")


def test_keys_do_not_depend_on_the_language(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    vi = [result("a.txt")]
    write_baseline(tmp_path / "b.json", vi)
    en = copy.deepcopy(vi)
    for a in en[0].articles:
        for f in a.findings:
            f.message = "The article's date is unknown"  # the same findings, in English
    assert codes(load_baseline(tmp_path / "b.json").filter(en)) == []
