"""Issue 14: one-line errors instead of tracebacks, and the exit codes of the README (0 clean,
1 findings, 2 usage/configuration/I-O, 130 Ctrl-C), for situations an editor meets: a baseline
in a folder that does not exist, a file name too long for the file system or not UTF-8, an
unreadable folder, a binary file in a run that writes a baseline, JSON lines without the
text field, a Dask scheduler that cannot be reached."""
from __future__ import annotations

import json
import re
import os
import sys
import types
from pathlib import Path

import pytest
from conftest import run_cli as run

SPACED = "Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị"  # RC102


@pytest.fixture
def work(work):
    """conftest's folder, holding one draft with a finding."""
    (work / "a.txt").write_text(SPACED + "\n", encoding="utf-8")
    return work


def one_line(stderr: str) -> str:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.mark.parametrize("where", ["missing/base.json", "a.txt/base.json"])
def test_baseline_in_a_folder_that_cannot_hold_it(work, where):
    r = run("check", "a.txt", "--baseline", where, "--write-baseline")
    assert r.exit_code == 2
    assert "baseline" in one_line(r.stderr) and where.split("/")[0] in r.stderr


def test_write_baseline_with_a_binary_input_exits_2(work):
    (work / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    r = run("check", "a.txt", "image.txt", "--baseline", "base.json", "--write-baseline")
    assert r.exit_code == 2
    assert "image.txt" in r.stderr
    assert not (work / "base.json").exists()  # a baseline missing that file would mislead


@pytest.mark.parametrize("lang,needle", [("en", "too long"), ("vi", "quá dài")])
def test_file_name_too_long(work, lang, needle):
    name = "a" * 300 + ".txt"
    for args in (["check", name], ["check", "a.txt", "-o", name],
                 ["check", "a.txt", "--baseline", name[:-4] + ".json"]):
        r = run(*args, "--lang", lang)
        assert r.exit_code == 2, args
        assert "Traceback" not in r.stderr and needle in r.stderr.lower(), args


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses names that are not UTF-8")
@pytest.mark.parametrize("fmt", ["sarif", "json", "grouped", "concise", "github"])
def test_file_name_that_is_not_utf8(work, fmt):
    d = work / "d"
    d.mkdir()
    with open(os.path.join(os.fsencode(d), b"b\xff.txt"), "wb") as fh:
        fh.write((SPACED + "\n").encode())
    r = run("check", "d", "--format", fmt)
    assert r.exit_code in (0, 1), r.stderr
    assert "\\xff" in r.stdout or "%FF" in r.stdout
    if fmt in ("sarif", "json"):
        data = json.loads(r.stdout)
        if fmt == "sarif":
            (res,) = [x for x in data["runs"][0]["results"] if x["ruleId"] == "RC102"]
            uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            assert uri == "d/b%FF.txt"  # the exact bytes, percent-encoded


def test_unreadable_folder_exits_2(work, monkeypatch):
    (work / "d" / "locked").mkdir(parents=True)
    (work / "d" / "locked" / "x.txt").write_text(SPACED + "\n", encoding="utf-8")
    (work / "d" / "ok.txt").write_text(SPACED + "\n", encoding="utf-8")
    real = os.scandir
    locked = os.path.realpath(work / "d" / "locked")

    def scandir(path="."):
        if os.path.realpath(os.fsdecode(path)) == locked:  # as chmod 000 does for non-root
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    r = run("check", "d", "--format", "concise", "--lang", "en")
    assert r.exit_code == 2
    assert "locked" in r.stderr and "Permission denied" in r.stderr
    assert "ok.txt" in r.stdout  # the rest is still checked


@pytest.mark.parametrize("lang,total", [("vi", "Tổng: 0 bài"), ("en", "Total: 0 articles")])
def test_text_field_missing_is_said_once_with_the_fields_seen(work, lang, total):
    lines = "".join(json.dumps({"id": i, "noi_dung": SPACED}, ensure_ascii=False) + "\n"
                    for i in range(2000))
    (work / "n.jsonl").write_text(lines, encoding="utf-8")
    r = run("check", "--jsonl", "n.jsonl", "--text-field", "body", "--lang", lang)
    assert r.exit_code == 2
    said, summary = [ln for ln in r.stderr.splitlines() if ln.strip()]  # said once, then the sum
    assert "'body'" in said and "'noi_dung'" in said and "'id'" in said and "1999" in said
    assert summary.startswith(total) and "2000" in summary  # the 2000 lines left unchecked


def test_unreachable_dask_scheduler_is_named(work, monkeypatch):
    """What distributed raises when nothing listens at the address (simulated: Dask is an
    optional extra)."""
    fake = types.ModuleType("distributed")

    class Client:
        def __init__(self, address, *a, **kw):
            raise OSError(f"Timed out trying to connect to {address} after 30 s")

    fake.Client = Client
    monkeypatch.setitem(sys.modules, "distributed", fake)
    (work / "n.jsonl").write_text(json.dumps({"id": 1, "text": SPACED}, ensure_ascii=False)
                                  + "\n", encoding="utf-8")
    r = run("check", "--jsonl", "n.jsonl", "--dask", "tcp://127.0.0.1:1", "-o", "out.jsonl",
            "--lang", "en")
    assert r.exit_code == 2
    line = one_line(r.stderr)
    assert "tcp://127.0.0.1:1" in line and "scheduler" in line and "stdout" not in line
    assert not (work / "out.jsonl").exists()


# --------------------------------------------------------------------------- editor-facing


WRONG_DATE = "Chỉ thị số 35-CT/TW ngày 3/5/2019 của Bộ Chính trị"  # RC401, unsafe fix 30/5/2019


def test_color_option_and_no_color(work, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" in run("check", "a.txt", "--color", "always").stdout
    assert "\x1b[" not in run("check", "a.txt", "--color", "never").stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run("check", "a.txt").stdout  # auto: never in a pipe, nor with NO_COLOR
    assert "\x1b[" in run("check", "a.txt", "--color", "always").stdout


def test_quiet_prints_findings_only(work):
    (work / "clean.txt").write_text("Không có trích dẫn nào ở đây.\n", encoding="utf-8")
    r = run("check", "a.txt", "clean.txt", "--fix", "-q")
    assert "clean.txt" not in r.stdout and "Tổng" not in r.stdout
    assert r.stderr == ""  # no "đã sửa" notice either
    assert (work / "a.txt").read_text(encoding="utf-8").startswith("Chỉ thị số 45-CT/TW")


def test_report_fits_columns(work, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    (work / "b.txt").write_text(WRONG_DATE + "\n", encoding="utf-8")
    out = run("check", "a.txt", "b.txt").stdout
    assert max(len(ln) for ln in out.splitlines()) <= 80


def test_json_fix_says_safe_or_not(work):
    (work / "b.txt").write_text(SPACED + "\n" + WRONG_DATE + "\n", encoding="utf-8")
    data = json.loads(run("check", "b.txt", "--format", "json").stdout)
    fixes = {f["code"]: f["fix"] for a in data["files"][0]["articles"] for f in a["findings"]
             if f["fix"]}
    assert fixes["RC102"] == {"replacement": "45-CT/TW", "safe": True, "original": "45 - CT/TW"}
    assert fixes["RC401"]["safe"] is False and fixes["RC401"]["original"] == "3/5/2019"


def test_rule_in_vietnamese_has_no_english_severity():
    r = run("rule", "RC401")
    assert "Mức độ mặc định: lỗi" in r.stdout and ": error" not in r.stdout


def test_markdown_titles_lose_the_heading_marks_and_front_matter_title_wins(work):
    (work / "h.md").write_text("# Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 10\n\n" + SPACED
                               + ".\n", encoding="utf-8")
    (work / "fm.md").write_text('---\ntitle: "Quán triệt Nghị quyết Đại hội XIII"\n'
                                "date: 2021-03-01\n---\n\n# Tiêu đề trong bài viết này\n\n"
                                + SPACED + ".\n", encoding="utf-8")
    data = json.loads(run("check", "h.md", "fm.md", "--format", "json").stdout)
    titles = {f["path"]: f["articles"][0]["title"] for f in data["files"]}
    assert titles == {"h.md": "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 10",
                      "fm.md": "Quán triệt Nghị quyết Đại hội XIII"}


def test_html_and_docx_fixes_are_marked_by_hand_in_the_report(work):
    (work / "a.html").write_text(f"<p>{SPACED}</p>\n", encoding="utf-8")
    out = run("check", "a.html", "--lang", "en").stdout
    assert "fix by hand (--fix does not rewrite .html files)" in out


# --------------------------------------------------------------------------- configuration


def _readme_config() -> str:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("### Configuration", 1)[1].split("```toml\n", 1)[1]
    return block.split("```", 1)[0]


def test_readme_configuration_example_works_as_pasted(work):
    (work / "pyproject.toml").write_text(_readme_config(), encoding="utf-8")
    r = run("check", "a.txt", "--show-settings")
    assert r.exit_code == 0, r.stderr
    assert 'ignore = ["RC202"]' in r.stdout
    r = run("check", "a.txt")
    assert r.exit_code in (0, 1), r.stderr


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_pyproject_saved_as_utf16_or_with_bom_is_read(work, encoding):
    (work / "pyproject.toml").write_text('[tool.refcheck]\nignore = ["RC102"]\n',
                                         encoding=encoding)
    r = run("check", "a.txt", "--format", "concise")
    assert r.exit_code in (0, 1), r.stderr
    assert "RC102" not in r.stdout  # the setting was applied


def test_refcheck_toml_accepts_a_tool_refcheck_table(work):
    (work / "refcheck.toml").write_text('[tool.refcheck]\nignore = ["RC102"]\n', encoding="utf-8")
    r = run("check", "a.txt", "--format", "concise")
    assert r.exit_code in (0, 1), r.stderr
    assert "RC102" not in r.stdout


# --------------------------------------------------------------------------- one language


#: English words the CLI's own texts would use; none may reach a Vietnamese run. Option
#: names, quoted text (citations, field names, values), file names, codes and rule names
#: (identifiers such as ``article-date-unknown``) are taken out first.
EN_WORDS = re.compile(
    r"\b(files?|cannot|can't|errors?|permission|denied|directory|folder|invalid|fixed|fix(?:es)?"
    r"|applied|skipped|not|read|write|written|found|problems?|such|option|value|choose|must"
    r"|expected|articles?|citations?|total|unknown|broken|binary|link|lines?|fields?|seen"
    r"|usage|see|no|refusing|hard|encoding|scheduler|decode|missing)\b", re.I)
_QUOTED = re.compile(r"“[^”]*”|'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`")
_NAMES = re.compile(r"--[\w-]+|\bRC\d{3}\b|\b[a-z]+(?:-[a-z]+)+\b|refcheck|"
                    r"\S+\.(?:txt|md|html|docx|jsonl|gz|json|yaml)\b")
_VI_LETTER = re.compile(r"[^\x00-\x7f→…“”’‘–—]")


def _words(text: str) -> str:
    return _NAMES.sub(" ", _QUOTED.sub(" ", text))


def _bad_inputs(work: Path) -> None:
    (work / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    (work / "legacy.txt").write_bytes("Ch\u00ea\u0301 th\u00f4".encode("cp1258"))
    (work / "text.docx").write_bytes(SPACED.encode())
    (work / "cut.docx").write_bytes(b"PK\x03\x04broken")
    (work / "nul.txt").write_bytes(b"ab\x00cd")
    (work / "dangling.txt").symlink_to("nowhere.txt")
    (work / "ro.txt").write_text(SPACED + "\n", encoding="utf-8")
    (work / "ro.txt").chmod(0o444)
    (work / "p.html").write_text(f"<p>{SPACED}</p>\n", encoding="utf-8")
    (work / "n.jsonl").write_text(
        '{"id": 1, "noi_dung": "x"}\nkhông phải JSON\n[1, 2]\n{"id": 2, "text": 5}\n'
        + json.dumps({"id": 3, "text": SPACED, "date": "hôm qua"}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    (work / "cut.jsonl.gz").write_bytes(b"\x1f\x8bnot gzip at all")
    (work / "not-a-baseline.json").write_text("[1, 2", encoding="utf-8")


BAD_RUNS = [
    ["check", "a.txt", "image.txt", "legacy.txt", "text.docx", "cut.docx", "nul.txt",
     "dangling.txt", "nosuch.txt"],
    ["check", "a.txt", "legacy.txt", "--format", "concise", "--statistics"],
    ["check", "ro.txt", "p.html", "a.txt", "--fix", "--no-cache"],
    ["check", "a.txt", "--encoding", "rot13"],
    ["check", "a.txt", "--encoding", "no-such-codec"],
    ["check", "a.txt", "--format", "bogus"],
    ["check", "a.txt", "--fail-level", "fatal"],
    ["check", "a.txt", "--bogus-option"],
    ["check", "a.txt", "-j", "many"],
    ["check", "a.txt", "-j", "-1"],
    ["check", "--jsonl", "n.jsonl", "cut.jsonl.gz", "nosuch.jsonl", "-o", "out.jsonl"],
    ["check", "--jsonl", "n.jsonl", "--text-field", "body", "-o", "out.jsonl"],
    ["check", "a.txt", "--baseline", "khong-co/base.json", "--write-baseline"],
    ["check", "a.txt", "--baseline", "not-a-baseline.json"],
    ["check", "a.txt", "-o", "khong-co/report.txt"],
    ["rule", "RC999"],
]


@pytest.mark.skipif(os.name != "posix", reason="symbolic links and chmod")
def test_every_word_is_in_the_language_asked_for(work):
    """The CLI's own texts (why a file cannot be read, the system's reasons, archive-mode
    lines, click's usage errors, fix refusals, summaries) in Vietnamese by default and in
    English with --lang en, never mixed."""
    _bad_inputs(work)
    for args in BAD_RUNS + [["check"]]:
        vi = run(*args)
        en = run(*args, "--lang", "en")
        assert vi.exit_code == en.exit_code and vi.exit_code != 0, (args, vi.stderr)
        for r in (vi, en):
            assert "Traceback" not in r.stderr and (r.stderr or r.stdout), args
        vi_text = _words(vi.stdout + vi.stderr)
        assert not EN_WORDS.findall(vi_text), (args, EN_WORDS.findall(vi_text), vi.stderr)
        en_text = _words(en.stdout + en.stderr)
        if args != ["check"]:  # no paths: --lang is not read before the error (said in vi)
            assert not _VI_LETTER.findall(en_text), (args, en.stdout + en.stderr)


def test_system_reasons_are_said_in_the_run_language():
    from refcheck.io.reasons import os_reason

    e = PermissionError(13, "Permission denied")
    assert os_reason(e, "en") == "Permission denied"
    assert os_reason(e, "vi") == "không có quyền truy cập"
    assert os_reason(OSError(28, "No space left on device"), "vi") == "ổ đĩa hết chỗ trống"
    assert "ENOSYS" in os_reason(OSError(38, "Function not implemented"), "vi")  # unknown: by name


def test_rc901_name_reuses_no_document_type_word():
    from refcheck.notation.vocab import load_vocab
    from refcheck.rules.registry import RULES

    r = RULES["RC901"]
    texts = [r.summary["vi"], *[m["vi"] for m in r.messages.values()]]
    types = [t.lower() for t in load_vocab().types]  # Chỉ thị, Nghị quyết, Thông báo…
    assert not [(w, t) for w in types for t in texts if w in t.lower()], texts


def test_format_names_live_in_one_place():
    """--format's choices, the format setting and the report dispatch read one list."""
    from refcheck.lint import cli, report
    from refcheck.lint.config import Settings
    from refcheck.lint.formats import FORMATS, REPORT_FORMATS

    (opt,) = [p for p in cli.check_cmd.params if p.name == "fmt"]
    assert tuple(opt.type.choices) == REPORT_FORMATS
    for fmt in FORMATS:
        assert Settings().merge_cli(format=fmt).format == fmt
        assert isinstance(report.render(fmt, [], "0"), str)
    for fmt in REPORT_FORMATS:
        report.open_writer(fmt, lambda s: None, "0").close()
