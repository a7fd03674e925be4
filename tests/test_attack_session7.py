"""Issue 14, attacked again (session 7): what a new user met that still spoke the other
language or failed. Each test failed on main f97b14c. In-process (click's CliRunner, the
library) unless the operating system's behaviour is what is tested."""
from __future__ import annotations

import pytest
from conftest import run_cli as run
from test_robust_cli import _VI_LETTER, EN_WORDS, _words

SPACED = "Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị"  # RC102, a safe fix


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    """One cache for the module: the catalog index and parse tables are built once, not
    once per test (seconds each on a loaded machine)."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def work(tmp_path, monkeypatch, cache_dir):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(cache_dir))
    monkeypatch.delenv("REFCHECK_NO_CACHE", raising=False)
    monkeypatch.delenv("REFCHECK_LANG", raising=False)
    (tmp_path / "a.txt").write_text(SPACED + "\n", encoding="utf-8")
    return tmp_path


# --------------------------------------------------------------------------- refcheck --lang


def test_root_lang_option_gives_help_and_every_command_its_language(work):
    """`refcheck --lang en --help` was a usage error (the root group had no --lang)."""
    en = run("--lang", "en", "--help")
    assert en.exit_code == 0 and en.stdout.startswith("Usage: refcheck"), en.stderr
    assert "--lang" in en.stdout and not _VI_LETTER.findall(en.stdout)
    vi = run("--help")
    assert vi.exit_code == 0 and vi.stdout.startswith("Cách dùng: refcheck")
    assert "--lang" in vi.stdout
    # the root's --lang is every subcommand's default; the subcommand's own wins
    r = run("--lang", "en", "check", "a.txt")
    assert r.exit_code == 0 and "1 citation, 2 problems" in r.stdout, r.stdout
    assert "Article 1" in run("--lang", "en", "check", "--format", "grouped", "a.txt").stdout
    assert "Default severity" in run("--lang", "en", "rule", "RC102").stdout
    assert "Mức độ mặc định" in run("--lang", "en", "rule", "RC102", "--lang", "vi").stdout
    assert run("--lang", "en", "catalog", "stats").stdout.startswith("catalogs: default")
    assert "phiên bản" not in run("--lang", "en", "--version").stdout


@pytest.mark.parametrize("lang,want", [("vi", "refcheck: thiếu lệnh; các lệnh: catalog"),
                                       ("en", "refcheck: missing command; commands: catalog")])
def test_options_without_a_command_say_so_in_the_run_language(work, lang, want):
    r = run("--lang", lang)
    assert r.exit_code == 2 and r.stderr.startswith(want), r.stderr
    assert "Missing command" not in r.stderr


# --------------------------------------------------------------------------- one language


def test_a_date_cell_problem_is_said_in_the_import_language(work):
    """`catalog import` said "(impossible date '2019-02-31')" in a Vietnamese fix line."""
    (work / "t.tsv").write_text("symbol\tdate\n45-CT/TW\t31/2/2019\n15-CT/TU\tabc\n",
                                encoding="utf-8")
    args = ("catalog", "import", "t.tsv", "--map", "symbol=symbol,date=date")
    vi, en = run(*args), run(*args, "--lang", "en")
    assert vi.exit_code == en.exit_code == 0
    assert "(ngày không tồn tại '2019-02-31')" in vi.stderr, vi.stderr
    assert "(ngày không hợp lệ 'abc': cần YYYY-MM-DD)" in vi.stderr
    assert not EN_WORDS.findall(_words(vi.stderr)) and "impossible" not in vi.stderr
    assert "(impossible date '2019-02-31')" in en.stderr
    assert "t.tsv: 2 rows, 2 entries, 2 fixes, 0 dropped" in en.stderr, en.stderr


def test_english_counts_agree_with_their_nouns(work):
    """"1 fix(es) applied", "1 entries", "1 article(s)": the count decides the noun."""
    from refcheck.lint.catalog_text import t
    from refcheck.lint.messages import say

    r = run("check", "a.txt", "--fix", "--lang", "en")
    assert "a.txt: 1 fix applied" in r.stderr, r.stderr
    assert say("fixes_applied", "en", path="a", n=2) == "a: 2 fixes applied"
    assert say("archive_summary", "en", articles=1, citations=2, findings=1, reported=1,
               bad="") == "Total: 1 article, 2 citations, 1 finding in 1 article."
    assert t("import_summary", "en", table="t", n=1, entries=1, fixes=1, drops=0,
             reasons="") == "t: 1 row, 1 entry, 1 fix, 0 dropped"
    assert say("fixes_applied", "vi", path="a", n=2) == "a: đã sửa 2 chỗ"


def test_hover_in_english_has_no_vietnamese_label():
    """The hover said "khóa XIII" and "Term (khóa)" to an English editor."""
    from refcheck.api import check_source
    from refcheck.lsp.hover import _LABELS, hover_markdown

    res = check_source("Nghị quyết số 12-NQ/TW ngày 16/1/2012 Hội nghị Trung ương 4 khóa XI",
                       lang="en")
    cites = [(c, a.resolutions[i] if i < len(a.resolutions) else None)
             for a in res.articles for i, c in enumerate(a.citations)]
    assert cites and any(c.khoa for c, _ in cites)
    for c, r in cites:
        text = hover_markdown(c, r, "en").replace(c.text.strip(), "")
        for doc in (r.documents if r is not None else []):
            for value in (doc.title, doc.issuer, doc.type, doc.khoa):  # the catalog's own data
                text = text.replace(value or "\0", "")
        assert "khóa" not in text, text
    assert not any(_VI_LETTER.findall(v) for v in _LABELS["en"].values())


def test_language_server_says_an_internal_failure_in_its_language():
    """The editor's log said "refcheck: checking … failed: RuntimeError: …" in a Vietnamese
    session (and the traceback went to its stderr log)."""
    pytest.importorskip("pygls")
    from lsprotocol import types as lsp
    from pygls.workspace import Workspace

    from refcheck.lsp.server import RefcheckServer

    for lang, want in ((None, "refcheck: không kiểm tra được file:///x.txt: lỗi nội bộ "
                               "RuntimeError"),
                       ("en", "refcheck: checking file:///x.txt failed: internal error "
                              "RuntimeError")):
        ls = RefcheckServer()
        ls.engine.lang = lang
        ls.protocol._workspace = Workspace(None)
        ls.workspace.put_text_document(lsp.TextDocumentItem(
            uri="file:///x.txt", language_id="plaintext", version=1, text=SPACED))
        logged: list = []
        ls.window_log_message = logged.append  # type: ignore[method-assign]

        def boom(*_a, **_k):
            raise RuntimeError("a bug")

        ls.engine.check = boom  # type: ignore[method-assign]
        assert ls.check("file:///x.txt") is None
        assert [m.message for m in logged] == [want]


# --------------------------------------------------------------------------- bounded memory


def _official_text() -> str:
    from pathlib import Path

    return "\n".join(p.read_text(encoding="utf-8") for p in
                     sorted((Path(__file__).parent / "data" / "official").glob("*.txt")))


@pytest.mark.parametrize("shape", ["one-line", "no-sentence-end", "no-space", "no-blank-line"])
def test_no_block_grows_with_the_file_whatever_its_lines(tmp_path, shape):
    """Memory follows the largest block, and a block's results grow with its citations: a
    20 MB one-line draft dense with citations peaked at 335 MB with --format json in blocks of
    up to a million characters. No block holds more than MAX_CARRY_CHARS + READ_BYTES
    characters, whatever the text's line structure, and the blocks put end to end are the
    file's text, not a character lost or doubled. (No check runs: the blocks are recorded.)"""
    import refcheck.lint.blocks as blocks
    from refcheck.model import FileResult

    official = _official_text()
    unit = {"one-line": " ".join(official.split()),
            "no-sentence-end": SPACED + " và ",  # a list of citations, no sentence ends
            "no-space": "45-CT/TW;",
            "no-blank-line": "\n".join(ln for ln in official.splitlines() if ln.strip())}[shape]
    text = unit * (3 * (blocks.MAX_CARRY_CHARS + blocks.READ_BYTES) // len(unit) + 1)
    path = tmp_path / "dump.txt"
    path.write_text(text, encoding="utf-8", newline="")
    chunks: list[str] = []

    def check(chunk: str) -> FileResult:
        chunks.append(chunk)
        return FileResult(path=str(path), articles=[], text="", kind="txt")

    for _ in blocks.check_in_blocks(str(path), check):
        pass
    assert len(chunks) >= 3
    assert max(len(c) for c in chunks) <= blocks.MAX_CARRY_CHARS + blocks.READ_BYTES
    assert max(len(c) for c in chunks) <= 512 << 10  # the bound README states
    assert "".join(chunks) == text


# --------------------------------------------------------------------------- closed streams, endless files


def _main(args, monkeypatch, capsys, **streams) -> tuple[int, str]:
    """``refcheck ARGS`` as the console script runs it, with standard streams set as given
    (None: the process was started with it closed, ``>&-``)."""
    import sys

    from refcheck.lint.cli import main

    for name, value in streams.items():
        monkeypatch.setattr(sys, name, value)
    with pytest.raises(SystemExit) as exc:
        main([str(a) for a in args])
    return exc.value.code, capsys.readouterr().err


@pytest.mark.parametrize("args", [["check", "a.txt"], ["check", "a.txt", "--format", "json"],
                                  ["rule", "RC102"], ["--help"]])
def test_closed_standard_output_is_one_line_and_exit_2(work, monkeypatch, capsys, args):
    """`refcheck check a.txt >&-` ended in "AttributeError: 'NoneType' object has no
    attribute 'isatty'" (exit 1); `rule`/`--help` exited 0 with nothing written."""
    code, err = _main(args + ["--lang", "en"] if args[0] != "--help" else args,
                      monkeypatch, capsys, stdout=None)
    assert code == 2 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and "Bad file descriptor" in err \
        or "bộ mô tả tệp" in err, err


def test_closed_standard_input_is_an_unreadable_file(work, monkeypatch, capsys):
    """`refcheck check - <&-` ended in "AttributeError: 'NoneType' object has no attribute
    'buffer'"."""
    code, err = _main(["check", "-"], monkeypatch, capsys, stdin=None)
    assert code == 2 and "Traceback" not in err
    assert "refcheck: -: không đọc được (bộ mô tả tệp không hợp lệ (đã đóng))" in err, err


@pytest.mark.parametrize("option", ["--catalog", "--config", "--baseline"])
def test_an_endless_file_named_as_catalog_config_or_baseline_is_one_line(work, monkeypatch,
                                                                         option):
    """`--catalog /dev/zero` (or a pipe that never ends) read until the memory ran out:
    a MemoryError traceback, or the kernel killing the run. Read up to a cap, then say so."""
    import refcheck.catalog.load as load
    import refcheck.fsio as fsio
    import refcheck.lint.baseline as baseline

    for mod in (fsio, load):
        monkeypatch.setattr(mod, "MAX_CATALOG_BYTES", 8 << 20)  # the default catalog: 4 MB
    for mod in (fsio, baseline):
        monkeypatch.setattr(mod, "MAX_BASELINE_BYTES", 1 << 20)
    r = run("check", "a.txt", option, "/dev/zero", "--lang", "en")
    assert r.exit_code == 2 and "Traceback" not in r.stderr
    assert "zero" in r.stderr and "File too large" in r.stderr, r.stderr


def test_read_capped_reads_pipes_whole_and_stops_an_endless_one(tmp_path):
    import os
    import threading

    from refcheck.fsio import read_capped

    with pytest.raises(OSError) as exc:
        read_capped("/dev/zero", 3 << 20)
    assert exc.value.errno == 27  # EFBIG
    fifo = tmp_path / "cat.yaml"
    os.mkfifo(fifo)
    body = b"documents: []\n" * 100_000  # 1.4 MB through a pipe: read whole

    def feed():
        with open(fifo, "wb") as fh:
            fh.write(body)

    t = threading.Thread(target=feed)
    t.start()
    assert read_capped(fifo, 2 << 20) == body
    t.join()
    (tmp_path / "big.yaml").write_bytes(b"x" * 100)
    with pytest.raises(OSError):
        read_capped(tmp_path / "big.yaml", 99)
    assert read_capped(tmp_path / "big.yaml", 100) == b"x" * 100
