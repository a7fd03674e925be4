"""The ``refcheck check`` command end to end: formats, exit codes, configuration,
suppressions, baselines, inputs and a quiet command line.

Most tests drive ``refcheck.lint.cli.main`` through ``click.testing.CliRunner`` (fast, in
process); the ones where real stdout/stderr/exit status matter (pipes, tracebacks, TTY
detection) run ``python -m refcheck`` in a subprocess. Inputs are the real seed articles
(copied to ``tmp_path`` so that no configuration of the repository applies) and small real
sentences.
"""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from refcheck.lint.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
SEED_RC102 = "000_79d50c78e0afde38.txt"  # "Chỉ thị số 45 - CT/TW ngày 20/6/2020 …" -> RC102
SEED_RC202 = "004_b35553877a7fcd13.txt"  # "Kế hoạch số 01-KH/ĐU" -> RC202 (info)

CORRECT = "Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị"
WRONG_DATE = "Chỉ thị số 35-CT/TW ngày 3/5/2019 của Bộ Chính trị"  # RC401: catalog says 30/05/2019
SYMBOL_YEAR = "Nghị định số 30/2020/NĐ-CP ngày 5/3/2019 của Chính phủ"  # RC404
SPACED = "Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị"  # RC102, fix "45-CT/TW"
CANONICAL = "Chỉ thị số 45-CT/TW ngày 20/6/2020 của Bộ Chính trị"

CONCISE_RE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>RC\d{3}) "
                        r"\[(?P<sev>error|warning|info|lỗi|cảnh báo|thông tin)\] (?P<msg>.+)$")
#: the concise severity is in the report's language; tests compare the English key
SEV_KEY = {"lỗi": "error", "cảnh báo": "warning", "thông tin": "info"}

CITATION_KEYS = {"text", "start", "end", "line", "column", "kind", "type", "number", "year",
                 "type_code", "issuer_code", "date", "issuer", "khoa", "symbol", "title",
                 "plenum", "congress", "refers_to", "resolved", "how", "inferred_date"}
FINDING_KEYS = {"code", "name", "severity", "message", "line", "column", "end_line",
                "end_column", "citation", "fix", "variant", "args", "documents"}
ARTICLE_KEYS = {"index", "title", "date", "line", "citations", "findings"}


# --------------------------------------------------------------------------- helpers


def _runner() -> CliRunner:
    try:  # click < 8.2 mixes stderr into output unless told not to
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


def run(*args: str, input=None):
    """Invoke ``refcheck`` in process; returns click's Result (exit_code, stdout, stderr)."""
    return _runner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


def run_sub(*args: str, cwd: Path, input: bytes | None = None, env: dict | None = None):
    """``python -m refcheck ARGS`` from the source tree, with real pipes."""
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT) + (os.pathsep + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "refcheck.lint.cli", *map(str, args)], cwd=cwd,
                          input=input, capture_output=True, env=e, timeout=300)


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column in code points) of ``offset``; \\r\\n, \\n and \\r end lines."""
    before = text[:offset]
    line_start = max(before.rfind("\n"), before.rfind("\r")) + 1
    return len(re.findall(r"\r\n|\n|\r", before)) + 1, offset - line_start + 1


def concise(stdout: str) -> list[dict]:
    out = []
    for ln in stdout.splitlines():
        m = CONCISE_RE.match(ln)
        assert m, f"not a concise line: {ln!r}"
        d = m.groupdict()
        d["sev"] = SEV_KEY.get(d["sev"], d["sev"])
        out.append(d)
    return out


def codes_of(stdout: str) -> list[str]:
    return [d["code"] for d in concise(stdout)]


@pytest.fixture
def work(tmp_path, monkeypatch):
    """A scratch folder as the current directory, holding a copy of the seeds."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


def write(path: Path, text: str, **kw) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", **kw)
    return path


# --------------------------------------------------------------------------- formats


def test_grouped_is_the_default(work):
    r = run("check", "seeds")
    assert r.exit_code == 0, r.stderr  # seeds have warnings and info only
    out = r.stdout
    assert f"seeds/{SEED_RC102}" in out and f"seeds/{SEED_RC202}" in out
    assert "RC102" in out and "“45 - CT/TW” → “45-CT/TW”" in out
    assert "RC202" in out and "01-KH/ĐU" in out
    assert "Tổng:" in out  # Vietnamese by default
    assert "\x1b[" not in out  # no colour when not a terminal
    en = run("check", "seeds", "--lang", "en")
    assert re.search(r"Found \d+ problems in 5 files", en.stdout)


def test_concise_on_seeds(work):
    r = run("check", "seeds", "--format", "concise")
    assert r.exit_code == 0
    rows = concise(r.stdout)
    text = (work / "seeds" / SEED_RC102).read_text(encoding="utf-8")
    line, col = position(text, text.index("45 - CT/TW"))
    assert {"path": f"seeds/{SEED_RC102}", "line": str(line), "col": str(col), "code": "RC102",
            "sev": "warning"}.items() <= next(d for d in rows if d["code"] == "RC102").items()
    rc202 = next(d for d in rows if d["code"] == "RC202")
    text4 = (work / "seeds" / SEED_RC202).read_text(encoding="utf-8")
    assert rc202["path"] == f"seeds/{SEED_RC202}" and rc202["sev"] == "info"
    assert (int(rc202["line"]), int(rc202["col"])) == position(text4, text4.index("01-KH/ĐU"))


def test_json_stable_shape_and_offsets(work):
    r = run("check", "seeds", "--format", "json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert set(data) == {"refcheck", "json_version", "files"}
    assert data["json_version"] == 2
    from refcheck import __version__

    assert data["refcheck"] == __version__
    assert sorted(f["path"] for f in data["files"]) == sorted(
        f"seeds/{p.name}" for p in SEEDS.glob("*.txt"))
    n_cit = 0
    for f in data["files"]:
        assert set(f) == {"path", "articles"}
        text = (work / f["path"]).read_text(encoding="utf-8")
        for a in f["articles"]:
            assert set(a) == ARTICLE_KEYS
            for c in a["citations"]:
                n_cit += 1
                assert set(c) == CITATION_KEYS
                assert c["text"] == text[c["start"]:c["end"]]
                assert (c["line"], c["column"]) == position(text, c["start"])
                assert isinstance(c["resolved"], list)
            for fd in a["findings"]:
                assert set(fd) == FINDING_KEYS
                assert fd["fix"] is None or set(fd["fix"]) == {"replacement", "safe", "original"}
                if fd["citation"] is not None:
                    assert 0 <= fd["citation"] < len(a["citations"])
    assert n_cit >= 5
    by_path = {f["path"]: f for f in data["files"]}
    f0 = [fd for a in by_path[f"seeds/{SEED_RC102}"]["articles"] for fd in a["findings"]]
    rc102 = next(fd for fd in f0 if fd["code"] == "RC102")
    assert rc102["fix"] == {"replacement": "45-CT/TW", "safe": True, "original": "45 - CT/TW"}
    assert rc102["severity"] == "warning" and rc102["name"] == "non-canonical-spelling"
    f4 = [fd for a in by_path[f"seeds/{SEED_RC202}"]["articles"] for fd in a["findings"]]
    assert any(fd["code"] == "RC202" and fd["severity"] == "info" for fd in f4)


def test_sarif_validates_against_the_schema(work):
    jsonschema = pytest.importorskip("jsonschema")
    r = run("check", "seeds", "--format", "sarif")
    assert r.exit_code == 0
    log = json.loads(r.stdout)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    results = log["runs"][0]["results"]
    rc102 = next(x for x in results if x["ruleId"] == "RC102")
    loc = rc102["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == f"seeds/{SEED_RC102}"
    text = (work / "seeds" / SEED_RC102).read_text(encoding="utf-8")
    assert (loc["region"]["startLine"], loc["region"]["startColumn"]) == position(
        text, text.index("45 - CT/TW"))
    assert rc102["fixes"][0]["artifactChanges"][0]["replacements"][0][
        "insertedContent"]["text"] == "45-CT/TW"
    assert any(x["ruleId"] == "RC202" and x["level"] == "note" for x in results)


def test_github_annotations(work):
    r = run("check", "seeds", "--format", "github")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert all(ln.startswith(("::error ", "::warning ", "::notice ")) for ln in lines)
    assert any(ln.startswith(f"::warning file=seeds/{SEED_RC102},line=") and
               "title=RC102 non-canonical-spelling::" in ln for ln in lines)
    assert any(ln.startswith(f"::notice file=seeds/{SEED_RC202},") and "RC202" in ln
               for ln in lines)


def test_output_file(work):
    r = run("check", "seeds", "--format", "json", "-o", "report.json")
    assert r.exit_code == 0
    assert r.stdout == ""
    data = json.loads((work / "report.json").read_text(encoding="utf-8"))
    assert len(data["files"]) == 5
    r = run("check", "seeds", "--format", "concise", "--output", "report.txt")
    assert r.stdout == ""
    assert codes_of((work / "report.txt").read_text(encoding="utf-8"))


def test_output_file_in_missing_folder_is_an_error(work):
    r = run("check", "seeds", "-o", work / "no" / "such" / "report.txt")
    assert r.exit_code == 2
    assert "report.txt" in r.stderr and "Traceback" not in r.stderr


def test_statistics(work):
    r = run("check", "seeds", "--statistics", "--lang", "en")
    assert r.exit_code == 0
    table = r.stdout[r.stdout.index("code "):]
    assert re.search(r"^RC102\s+Non-canonical spelling\s+1$", table, re.M)
    assert re.search(r"^RC202\s+Cannot be verified\s+\d+$", table, re.M)
    # with a machine-readable format the table goes to stderr: stdout stays valid JSON
    r = run("check", "seeds", "--statistics", "--format", "json")
    json.loads(r.stdout)
    assert "RC102" in r.stderr


# --------------------------------------------------------------------------- exit codes


def test_exit_0_on_a_correct_citation(work):
    write(work / "ok.txt", CORRECT + "\n")
    r = run("check", "ok.txt", "--format", "concise")
    assert r.exit_code == 0
    assert codes_of(r.stdout) == ["RC001"]  # only "article date unknown" (info)
    assert run("check", "ok.txt", "--article-date", "2020-01-01").stdout.count("RC") == 0


def test_exit_0_with_only_warnings_and_info(work):
    r = run("check", f"seeds/{SEED_RC102}", f"seeds/{SEED_RC202}", "--format", "concise")
    assert r.exit_code == 0
    assert {"RC102", "RC202"} <= set(codes_of(r.stdout))


@pytest.mark.parametrize("sentence, code", [(WRONG_DATE, "RC401"), (SYMBOL_YEAR, "RC404")])
def test_exit_1_on_errors(work, sentence, code):
    write(work / "draft.txt", sentence + "\n")
    r = run("check", "draft.txt", "--format", "concise", "--lang", "en")
    assert r.exit_code == 1
    row = next(d for d in concise(r.stdout) if d["code"] == code)
    assert row["sev"] == "error" and row["path"] == "draft.txt"


def test_fail_level_warning(work):
    seed = f"seeds/{SEED_RC102}"
    assert run("check", seed).exit_code == 0
    assert run("check", seed, "--fail-level", "warning").exit_code == 1
    assert run("check", f"seeds/{SEED_RC202}", "--fail-level", "warning").exit_code == 0
    assert run("check", f"seeds/{SEED_RC202}", "--fail-level", "info").exit_code == 1


def test_exit_zero(work):
    write(work / "draft.txt", WRONG_DATE + "\n")
    r = run("check", "draft.txt", "--exit-zero", "--format", "concise")
    assert r.exit_code == 0
    assert "RC401" in codes_of(r.stdout)  # still reported


@pytest.mark.parametrize("args, needle", [
    (["--bogus"], "--bogus"),
    (["--fail-level", "fatal"], "--fail-level"),
    (["--format", "xml"], "--format"),
    ([], "refcheck check drafts/"),  # "no paths given" in the language in force
])
def test_exit_2_on_usage_errors(work, args, needle):
    r = run("check", *args, *(["seeds"] if args else []))
    assert r.exit_code == 2
    assert needle in r.stderr
    assert r.stdout == ""


def test_exit_2_on_unknown_config_key(work):
    cfg = write(work / "proj" / "pyproject.toml", '[tool.refcheck]\nselectt = ["RC"]\n')
    write(work / "proj" / "draft.txt", CORRECT + "\n")
    r = run("check", "proj/draft.txt")
    assert r.exit_code == 2
    msg = r.stderr
    assert "pyproject.toml" in msg and str(cfg.parent.name) in msg
    assert "'selectt'" in msg and "có phải ý bạn là select" in msg
    msg = run("check", "proj/draft.txt", "--lang", "en").stderr
    assert "'selectt'" in msg and "did you mean select" in msg
    assert "expected one of" in msg and "per-file-ignores" in msg and "fail-level" in msg
    assert r.stdout == ""


def test_exit_2_on_bad_config_value(work):
    write(work / "proj" / "refcheck.toml", 'lang = "fr"\n')
    write(work / "proj" / "draft.txt", CORRECT + "\n")
    r = run("check", "proj/draft.txt")
    assert r.exit_code == 2
    assert "refcheck.toml" in r.stderr and "lang" in r.stderr and "vi, en" in r.stderr


def test_exit_2_on_unreadable_file_but_others_are_checked(work):
    (work / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    write(work / "draft.txt", WRONG_DATE + "\n")
    r = run("check", "image.txt", "draft.txt", "--format", "concise", "--lang", "en")
    assert r.exit_code == 2  # the I/O error wins over the error finding
    assert "image.txt" in r.stderr and "PNG" in r.stderr
    assert "RC401" in r.stdout and "draft.txt:1:" in r.stdout
    assert "image.txt:1:1: error binary file" in r.stdout
    data = json.loads(run("check", "image.txt", "draft.txt", "--format", "json").stdout)
    assert data["files"][0]["path"] == "image.txt" and "PNG" in data["files"][0]["error"]
    assert data["files"][1]["articles"][0]["findings"]
    grouped = run("check", "image.txt", "draft.txt", "--lang", "en").stdout
    assert grouped.count("image.txt") == 1  # the path is named once, not twice


def test_exit_2_on_missing_path(work):
    write(work / "draft.txt", CORRECT + "\n")
    r = run("check", "nope.txt", "draft.txt", "--lang", "en")
    assert r.exit_code == 2
    assert "nope.txt" in r.stderr and "no such file" in r.stderr


def _crlf_bom_draft(work: Path) -> tuple[Path, bytes]:
    raw = ("Tiêu đề bài viết\r\n\r\nThực hiện " + SPACED + ", cơ quan đã triển khai.\r\n"
           "Dòng cuối.\r\n").encode("utf-8")
    path = work / "draft.txt"
    path.write_bytes(b"\xef\xbb\xbf" + raw)
    return path, b"\xef\xbb\xbf" + raw


def test_diff_shows_fixes_writes_nothing_and_exits_1(work):
    path, before = _crlf_bom_draft(work)
    r = run("check", "draft.txt", "--diff")
    assert r.exit_code == 1
    assert path.read_bytes() == before
    assert r.stdout.startswith("--- a/draft.txt\n+++ b/draft.txt\n")
    assert "-Thực hiện Chỉ thị số 45 - CT/TW" in r.stdout
    assert "+Thực hiện Chỉ thị số 45-CT/TW" in r.stdout
    assert "RC102" not in r.stdout  # only the diff, so it can be piped into `git apply`
    write(work / "clean.txt", CORRECT + "\n")
    r = run("check", "clean.txt", "--diff")
    assert (r.exit_code, r.stdout) == (0, "")


def test_fix_rewrites_only_the_symbol_keeping_crlf_and_bom(work):
    path, before = _crlf_bom_draft(work)
    path.chmod(0o640)
    r = run("check", "draft.txt", "--fix", "--format", "concise")
    assert r.exit_code == 0
    after = path.read_bytes()
    assert after == before.replace("45 - CT/TW".encode(), "45-CT/TW".encode())
    assert after.startswith(b"\xef\xbb\xbf") and after.count(b"\r\n") == 4
    assert after.count(b"\n") == 4  # no bare LF introduced
    assert (path.stat().st_mode & 0o777) == 0o640
    assert "RC102" not in r.stdout  # fixed findings are not reported
    assert "đã sửa 1 chỗ" in r.stderr  # Vietnamese by default, like every message
    assert not [p for p in work.iterdir() if p.name.endswith(".refcheck-tmp")]
    # a second run has nothing to do
    r2 = run("check", "draft.txt", "--fix")
    assert r2.exit_code == 0 and "applied" not in r2.stderr
    assert path.read_bytes() == after
    assert run("check", "draft.txt", "--diff").stdout == ""


# --------------------------------------------------------------------------- configuration


@pytest.fixture
def project(work):
    proj = work / "proj"
    write(proj / "pyproject.toml", "\n".join([
        "[project]",
        'name = "drafts"',
        "",
        "[tool.refcheck]",
        'ignore = ["RC001"]',
        'lang = "en"',
        'exclude = ["skip/"]',
        '[tool.refcheck.per-file-ignores]',
        '"drafts/old/*" = ["RC401"]',
        "[tool.refcheck.severity]",
        'RC102 = "error"',
        "",
    ]))
    write(proj / "drafts" / "a.txt", WRONG_DATE + "\n")
    write(proj / "drafts" / "old" / "a.txt", WRONG_DATE + "\n")
    write(proj / "drafts" / "spaced.txt", SPACED + "\n")
    write(proj / "skip" / "a.txt", WRONG_DATE + "\n")
    return proj


def test_pyproject_found_walking_up_from_the_checked_file(project):
    # run from outside the project: the config is found from the file, not from cwd
    r = run("check", "proj/drafts/a.txt", "--format", "concise")
    assert r.exit_code == 1
    rows = concise(r.stdout)
    assert [d["code"] for d in rows] == ["RC401"]  # RC001 ignored
    assert "differs from the catalog" in rows[0]["msg"]  # lang = "en"


def test_per_file_ignores_and_severity(project):
    r = run("check", "proj/drafts", "--format", "concise")
    rows = concise(r.stdout)
    paths = {(Path(d["path"]).as_posix(), d["code"], d["sev"]) for d in rows}
    assert ("proj/drafts/a.txt", "RC401", "error") in paths
    assert not any(p == "proj/drafts/old/a.txt" for p, _, _ in paths)  # RC401 ignored there
    assert ("proj/drafts/spaced.txt", "RC102", "error") in paths  # warning raised to error
    assert r.exit_code == 1
    assert run("check", "proj/drafts/spaced.txt").exit_code == 1


def test_select(project):
    (project / "pyproject.toml").write_text(
        '[tool.refcheck]\nselect = ["RC1"]\nlang = "en"\n', encoding="utf-8")
    r = run("check", "proj/drafts", "--format", "concise")
    assert set(codes_of(r.stdout)) == {"RC102"}
    assert r.exit_code == 0  # RC401 not selected; RC102 a warning
    r = run("check", "proj/drafts", "--format", "concise", "--select", "RC4")
    assert set(codes_of(r.stdout)) == {"RC401"} and r.exit_code == 1


def test_exclude_applies_to_walked_and_explicit_paths(project):
    r = run("check", "proj", "--format", "concise")
    assert not any(d["path"].startswith("proj/skip") for d in concise(r.stdout))
    r = run("check", "proj/skip/a.txt", "--format", "concise")
    assert (r.exit_code, r.stdout) == (0, "")
    r = run("check", "proj/skip", "--format", "concise")
    assert (r.exit_code, r.stdout) == (0, "")


def test_show_settings(project):
    r = run("check", "proj/drafts/a.txt", "--show-settings")
    assert r.exit_code == 0
    out = r.stdout
    assert out.startswith("# source: ") and str(project / "pyproject.toml") in out
    assert 'lang = "en"' in out and 'ignore = ["RC001"]' in out
    assert '"drafts/old/*" = ["RC401"]' in out and '"RC102" = "error"' in out
    assert 'exclude = ["skip/"]' in out
    # command-line options are shown merged on top
    assert 'lang = "vi"' in run("check", "proj/drafts/a.txt", "--show-settings",
                                "--lang", "vi").stdout


def test_explicit_config_file(work):
    write(work / "cfg" / "refcheck.toml", 'select = ["RC4"]\n')
    write(work / "draft.txt", WRONG_DATE + "\n" + SPACED + "\n")
    r = run("check", "draft.txt", "--config", "cfg/refcheck.toml", "--format", "concise")
    assert set(codes_of(r.stdout)) == {"RC401"}
    r = run("check", "draft.txt", "--config", "cfg/nope.toml")
    assert r.exit_code == 2 and "nope.toml" in r.stderr


# --------------------------------------------------------------------------- suppression


def test_markdown_comment_suppresses_the_next_line(work):
    write(work / "plain.md", "# Bài\n\n" + SPACED + "\n")
    assert "RC102" in codes_of(run("check", "plain.md", "--format", "concise").stdout)
    write(work / "s.md", "# Bài\n\n<!-- refcheck: ignore RC102 -->\n" + SPACED + "\n")
    r = run("check", "s.md", "--format", "concise")
    assert "RC102" not in codes_of(r.stdout) and "RC901" not in codes_of(r.stdout)


def test_plain_text_directive(work):
    write(work / "s.txt", "refcheck: ignore RC102\n" + SPACED + "\n")
    r = run("check", "s.txt", "--format", "concise")
    assert "RC102" not in codes_of(r.stdout) and "RC901" not in codes_of(r.stdout)
    # other codes on that line are still reported
    write(work / "s2.txt", "refcheck: ignore RC102\n" + WRONG_DATE + "\n")
    assert "RC401" in codes_of(run("check", "s2.txt", "--format", "concise").stdout)


def test_unused_suppression_is_rc901(work):
    write(work / "u.txt", "refcheck: ignore RC102\n" + CORRECT + "\n")
    r = run("check", "u.txt", "--format", "concise", "--lang", "en")
    row = next(d for d in concise(r.stdout) if d["code"] == "RC901")
    assert (row["line"], row["col"], row["sev"]) == ("1", "1", "warning")
    assert "ignore RC102" in row["msg"]


# --------------------------------------------------------------------------- baseline


def test_baseline_hides_old_findings_but_not_new_ones(work):
    draft = write(work / "drafts" / "a.txt", SPACED + "\n")
    r = run("check", "drafts", "--baseline", "b.json", "--write-baseline")
    assert r.exit_code == 0 and (work / "b.json").is_file()
    assert "b.json" in r.stderr
    rows = json.loads((work / "b.json").read_text(encoding="utf-8"))["findings"]
    assert {"path": "drafts/a.txt", "code": "RC102", "key": "45-CT/TW", "count": 1} in rows
    r = run("check", "drafts", "--baseline", "b.json", "--format", "concise",
            "--fail-level", "warning")
    assert (r.exit_code, r.stdout) == (0, "")
    # a new finding in the same file still shows (and the old one stays hidden)
    draft.write_text("Dòng mới.\n" + SPACED + "\n" + SYMBOL_YEAR + "\n", encoding="utf-8")
    r = run("check", "drafts", "--baseline", "b.json", "--format", "concise")
    assert r.exit_code == 1
    assert codes_of(r.stdout) == ["RC404"]


def test_baseline_errors(work):
    write(work / "draft.txt", CORRECT + "\n")
    write(work / "bad.json", "{")
    r = run("check", "draft.txt", "--baseline", "bad.json")
    assert r.exit_code == 2 and "bad.json" in r.stderr
    r = run("check", "draft.txt", "--write-baseline")
    assert r.exit_code == 2 and "--baseline" in r.stderr


# --------------------------------------------------------------------------- inputs

FRONT_MATTER = "---\ntitle: Bài viết\ndate: 2019-01-01\n---\n\n" + CANONICAL + "\n"


def test_stdin_with_stdin_filename(work):
    r = run("check", "-", "--stdin-filename", "draft.md", "--format", "concise", "--lang", "en",
            input=FRONT_MATTER.encode("utf-8"))
    assert r.exit_code == 1
    rows = concise(r.stdout)
    row = next(d for d in rows if d["code"] == "RC402")
    assert row["path"] == "draft.md"
    assert (int(row["line"]), row["sev"]) == (6, "error")
    # without --stdin-filename the input is plain text named "-"
    r = run("check", "-", "--format", "concise", input=(SPACED + "\n").encode("utf-8"))
    assert concise(r.stdout)[-1]["path"] == "-"


def test_markdown_front_matter_date_gives_rc402(work):
    write(work / "bai.md", FRONT_MATTER)
    r = run("check", "bai.md", "--format", "json")
    assert r.exit_code == 1
    art = json.loads(r.stdout)["files"][0]["articles"][0]
    assert art["date"] == "2019-01-01"
    f = next(f for f in art["findings"] if f["code"] == "RC402")
    assert f["severity"] == "error" and f["line"] == 6
    # the same sentence with a later article date is fine
    write(work / "later.md", FRONT_MATTER.replace("2019-01-01", "2021-01-01"))
    assert "RC402" not in run("check", "later.md", "--format", "concise").stdout


def test_html_positions_are_in_the_source(work):
    html = ("<html><head><title>Bài</title><style>p{}</style></head>\n<body>\n"
            "<p>Theo <b>Chỉ thị số 35-CT/TW</b> ngày 3/5/2019 của Bộ Chính trị.</p>\n"
            "</body></html>\n")
    write(work / "bai.html", html)
    r = run("check", "bai.html", "--format", "json")
    assert r.exit_code == 1
    art = json.loads(r.stdout)["files"][0]["articles"]
    cit = [c for a in art for c in a["citations"]]
    assert cit and cit[0]["text"].startswith("Chỉ thị số 35-CT/TW")
    assert (cit[0]["line"], cit[0]["column"]) == position(html, html.index("Chỉ thị"))
    f = next(f for a in art for f in a["findings"] if f["code"] == "RC401")
    assert (f["line"], f["column"]) == position(html, html.index("3/5/2019"))
    r = run("check", "bai.html", "--format", "concise")
    line, col = position(html, html.index("3/5/2019"))
    assert f"bai.html:{line}:{col}: RC401 [lỗi]" in r.stdout


def _docx(path: Path, paragraphs: list[str]) -> None:
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{p}</w:t></w:r></w:p>'
                   for p in paragraphs)
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           f'<w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", xml)


def test_docx_is_checked_with_paragraph_positions(work):
    para = "Theo " + WRONG_DATE + "."
    _docx(work / "bai.docx", ["Tiêu đề bài viết", para])
    r = run("check", "bai.docx", "--format", "concise")
    assert r.exit_code == 1
    row = next(d for d in concise(r.stdout) if d["code"] == "RC401")
    assert row["path"] == "bai.docx"
    assert (int(row["line"]), int(row["col"])) == (2, para.index("3/5/2019") + 1)
    # folders are walked for .docx too; --fix leaves a .docx alone
    before = (work / "bai.docx").read_bytes()
    write(work / "d" / "x.txt", CORRECT + "\n")
    shutil.copy(work / "bai.docx", work / "d" / "bai.docx")
    assert "d/bai.docx" in run("check", "d", "--format", "concise").stdout
    run("check", "bai.docx", "--fix")
    assert (work / "bai.docx").read_bytes() == before


# --------------------------------------------------------------------------- a quiet CLI


@pytest.mark.parametrize("args", [
    ["check", "--bogus", "x.txt"],
    ["check", "--fail-level", "fatal", "x.txt"],
    ["check", "nope.txt"],
    ["check", "image.txt"],
    ["check", "x.txt", "--config", "nope.toml"],
    ["check", "x.txt", "--baseline", "bad.json"],
    ["check", "x.txt", "-o", "no/such/dir/out.txt"],
    ["check", "x.txt", "--encoding", "no-such-codec"],
    ["check", "x.txt", "--article-date", "2020-13-45"],
    ["check", "x.txt", "--catalog", "no-such-catalog.yaml"],
    ["check", "proj/x.txt"],
    ["rule", "RC999"],
])
def test_no_traceback_on_user_errors(tmp_path, args):
    write(tmp_path / "x.txt", CORRECT + "\n")
    write(tmp_path / "bad.json", "{")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    write(tmp_path / "proj" / "pyproject.toml", "[tool.refcheck]\nfail-level = 3\n")
    write(tmp_path / "proj" / "x.txt", CORRECT + "\n")
    p = run_sub(*args, cwd=tmp_path)
    err = p.stderr.decode("utf-8", "replace")
    assert p.returncode == 2, err
    assert "Traceback" not in err
    assert "Error:" in err or "refcheck:" in err  # click's usage message, or ours
    assert "Traceback" not in p.stdout.decode("utf-8", "replace")


@pytest.mark.parametrize("fmt", ["grouped", "json", "concise"])
def test_pipe_into_head_is_quiet(tmp_path, fmt):
    big = tmp_path / "big.txt"
    seeds = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    big.write_text(seeds * 60, encoding="utf-8")  # ~3 MB in, MBs of report out
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH")
                                     else "")
    cmd = f'"{sys.executable}" -m refcheck check big.txt --format {fmt} | head -c 10'
    p = subprocess.run(["sh", "-c", cmd], cwd=tmp_path, capture_output=True, env=env,
                       timeout=300)
    err = p.stderr.decode("utf-8", "replace")
    assert len(p.stdout) == 10
    assert err == "", err  # no BrokenPipeError, no "Exception ignored"


def test_diff_into_head_is_quiet(tmp_path):
    for i in range(40):
        write(tmp_path / f"d{i:02}.txt", ("Dòng.\n" + SPACED + "\n") * 200)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = f'"{sys.executable}" -m refcheck check . --diff | head -c 10'
    p = subprocess.run(["sh", "-c", cmd], cwd=tmp_path, capture_output=True, env=env,
                       timeout=300)
    assert p.stdout == b"--- a/d00."
    assert p.stderr == b""


def test_no_progress_bar_when_not_a_tty(tmp_path):
    for i in range(25):
        write(tmp_path / "many" / f"{i:02}.txt", CORRECT + "\n")
    p = run_sub("check", "many", "--format", "concise", cwd=tmp_path, env={"CI": ""})
    assert p.returncode == 0
    assert p.stderr == b""
    assert b"\r" not in p.stdout and b"\x1b" not in p.stdout


def test_progress_bar_only_on_a_terminal(monkeypatch):
    from refcheck.lint.progress import Progress

    class TTY(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("CI", raising=False)
    fake = TTY()
    monkeypatch.setattr(sys, "stderr", fake)
    prog = Progress(25)
    prog.step("a.txt")
    prog.done()
    assert "[1/25] a.txt" in fake.getvalue()
    fake = TTY()
    monkeypatch.setattr(sys, "stderr", fake)
    for prog in (Progress(25, enabled=False), Progress(3)):
        prog.step("a.txt")
        prog.done()
    assert fake.getvalue() == ""


def test_rule_and_version():
    r = run("rule", "RC102", "--lang", "en")
    assert r.exit_code == 0 and "non-canonical-spelling" in r.stdout
    r = run("rule")
    assert r.exit_code == 0 and "RC901" in r.stdout
    from refcheck import __version__

    assert __version__ in run("--version").stdout
