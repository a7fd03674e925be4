"""The folder run (issue 16): streamed reports equal the whole-list reporters byte for byte,
and the output is the same with one process or several, with or without the cache."""
from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from conftest import seed_cache
from click.testing import CliRunner

import refcheck.lint.pool as pool
import refcheck.lint.runner as runner
from refcheck import __version__
from refcheck.api import check_source
from refcheck.io.read import read_path
from refcheck.lint import report
from refcheck.lint.cli import main
from refcheck.lint.config import Settings

DATA = Path(__file__).parent / "data"
FORMATS = ("grouped", "concise", "json", "sarif", "github")


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The 30 real news articles of the sample, one file each, plus the sample inputs (HTML,
    Markdown, CRLF, BOM, UTF-16) and one file that cannot be read."""
    d = tmp_path_factory.mktemp("drafts")
    with gzip.open(DATA / "news-sample.jsonl.gz", "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            (d / "tin" / f"{i:02d}.txt").parent.mkdir(exist_ok=True)
            (d / "tin" / f"{i:02d}.txt").write_text(json.loads(line)["text"], encoding="utf-8")
    for p in (DATA / "inputs").iterdir():
        if p.name != "cp1258.txt":
            shutil.copy(p, d / p.name)
    shutil.copy(DATA / "inputs" / "cp1258.txt", d / "z-legacy.txt")  # refused: not UTF-8
    return d


@pytest.fixture(autouse=True)
def _seeded(tmp_path, derived_caches):
    """Each test's cache folder (``tmp_path / "c"``) starts with the session's derived caches:
    these tests are about results, not about a cold start."""
    seed_cache(derived_caches, tmp_path / "c")


def _run(args, monkeypatch, cache_dir) -> tuple[int, str]:
    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(cache_dir))
    r = CliRunner().invoke(main, ["check", *args])
    return r.exit_code, r.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_jobs_and_cache_give_the_same_bytes(folder, fmt, monkeypatch, tmp_path):
    pools = []
    real_pool = runner.Runner._pool

    def pool(self, *a):
        pools.append(a[-1])
        yield from real_pool(self, *a)

    monkeypatch.setattr(runner, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(runner, "CHUNK_FILES", 3)  # many chunks in flight, out of order
    monkeypatch.setattr(runner.Runner, "_pool", pool)
    monkeypatch.chdir(folder)
    args = ["--format", fmt, "--lang", "en", "."]
    one = _run(["--jobs", "1", "--no-cache", *args], monkeypatch, tmp_path / "c")
    assert pools == []
    two = _run(["--jobs", "2", "--no-cache", *args], monkeypatch, tmp_path / "c")
    assert pools == [2]  # the work really went to two worker processes
    cold = _run(["--jobs", "2", *args], monkeypatch, tmp_path / "c")
    warm = _run(["--jobs", "2", *args], monkeypatch, tmp_path / "c")
    assert one[0] == 2 and "RC" in one[1]
    assert one == two == cold == warm


@pytest.mark.parametrize("opts,code", [(["--fail-level", "info"], 1),
                                       (["--fail-level", "error"], 1),  # (one error there)
                                       (["--select", "RC901"], 0)])  # (nothing fails)
def test_json_pieces_written_by_the_workers_equal_the_parents(folder, opts, code, monkeypatch,
                                                               tmp_path):
    """With ``--format json`` the workers encode each file's line and say whether it fails
    the run; the parent writes the line unread. Same bytes and exit code as one process,
    and as the writer's own encoding (--statistics reads the results, so the writer encodes
    them), whether some file fails the run or none does."""
    pieces = []
    real_finish = runner.Runner._finish

    def finish(self, *a):
        item = real_finish(self, *a)
        pieces.append(item.encoded is not None)
        return item

    monkeypatch.setattr(runner, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(runner, "CHUNK_FILES", 3)
    monkeypatch.setattr(runner.Runner, "_finish", finish)
    monkeypatch.chdir(folder / "tin")  # (readable files only: the exit code is the level's)
    args = ["--format", "json", *opts, "."]
    one = _run(["--jobs", "1", "--no-cache", *args], monkeypatch, tmp_path / "c")
    assert sum(pieces) == 30  # in one process too: the line written is the line cached
    pieces.clear()
    two = _run(["--jobs", "2", "--no-cache", *args], monkeypatch, tmp_path / "c")
    assert sum(pieces) == 30  # every line came from a worker
    cold = _run(["--jobs", "2", *args], monkeypatch, tmp_path / "c")
    stats = _run(["--jobs", "2", "--no-cache", "--statistics", *args], monkeypatch,
                 tmp_path / "c")
    assert one == two == cold
    assert stats[0] == one[0] and stats[1].startswith(one[1].rstrip("\n"))
    assert one[0] == code


@pytest.mark.parametrize("fmt", FORMATS)
def test_streamed_report_equals_the_list_reporter(folder, fmt, monkeypatch, tmp_path):
    monkeypatch.chdir(folder)
    code, streamed = _run(["--format", fmt, "--jobs", "1", "--no-cache", "."], monkeypatch,
                          tmp_path / "c")
    from refcheck.catalog.load import load_catalog
    from refcheck.model import FileResult
    from refcheck.io.read import ReadError

    catalog, settings = load_catalog(), Settings()
    results, positions = [], {}
    from refcheck.lint.walk import Walk

    for name in Walk(settings).files(["."]):
        try:
            src = read_path(name)
        except ReadError as e:
            results.append(FileResult(path=e.path, error=e.reason_in("vi")))
            continue
        results.append(check_source(src.text, path=src.path, catalog=catalog, settings=settings,
                                    front_matter_date=src.front_matter_date, kind=src.kind,
                                    front_matter_title=src.front_matter_title,
                                    position=src.position))
        if src.kind == "html":
            positions[src.path] = src.position
    assert streamed == report.render(fmt, results, __version__, "vi", positions=positions)
    if fmt in ("json", "sarif"):
        json.loads(streamed)  # one object, valid JSON


@pytest.mark.parametrize("read_bytes", [6000, 50_000])
def test_a_big_file_in_blocks_equals_the_whole_file(tmp_path, monkeypatch, read_bytes):
    """The 30 sample articles and the seeds as one dump (separators, repeated headlines,
    CRLF in part): checked in small blocks, each block written as it comes, the report is
    byte for byte the whole-file one. (Its longest line is 5,384 bytes: a block holds one.)"""
    import refcheck.lint.blocks as blocks

    parts = []
    with gzip.open(DATA / "news-sample.jsonl.gz", "rt", encoding="utf-8") as fh:
        parts += [json.loads(line)["text"] for line in fh]
    seeds = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))
    parts += [p.read_text(encoding="utf-8") for p in seeds]
    parts[3] = parts[3].replace("\n", "\r\n")
    big = tmp_path / "dump.txt"
    big.write_text("\n\n---\n\n".join(parts), encoding="utf-8", newline="")
    monkeypatch.chdir(tmp_path)
    calls = []
    real = blocks.check_in_blocks

    def counted(*a):
        calls.append(0)
        for part in real(*a):
            calls[-1] += 1
            yield part

    monkeypatch.setattr(blocks, "check_in_blocks", counted)
    outs = {}
    for mode in ("whole", "blocks"):
        monkeypatch.setattr(blocks, "BLOCK_MIN_BYTES", 0 if mode == "blocks" else 1 << 40)
        monkeypatch.setattr(blocks, "READ_BYTES", read_bytes)
        monkeypatch.setattr(blocks, "MAX_CARRY_CHARS", 1 << 30)
        outs[mode] = [_run(["--format", fmt, "--no-cache", "dump.txt"], monkeypatch,
                           tmp_path / "c") for fmt in FORMATS]
    assert len(calls) == len(FORMATS) and min(calls) > 1  # the blocks really ran, in parts
    assert outs["blocks"] == outs["whole"]
    assert "RC" in outs["whole"][2][1]


def test_output_file_written_at_the_end_through_links_and_into_fifos(tmp_path, monkeypatch):
    """-o FILE is replaced only when the run ends, keeps its mode, is written through a
    symbolic link to its target, and a FIFO (like /dev/null, a device) is written into,
    never renamed over."""
    import os
    import stat
    import threading

    monkeypatch.chdir(tmp_path)
    (tmp_path / "bai.txt").write_text(
        "Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị.\n", encoding="utf-8")
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    (tmp_path / "link.json").symlink_to(target)
    code, _ = _run(["--format", "json", "bai.txt", "-o", "link.json"], monkeypatch, tmp_path / "c")
    assert code == 0 and (tmp_path / "link.json").is_symlink()
    assert "RC102" in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".refcheck-tmp")]
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    code, _ = _run(["--format", "json", "bai.txt", "-o", str(fifo)], monkeypatch, tmp_path / "c")
    reader.join(60)
    assert code == 0 and stat.S_ISFIFO(fifo.stat().st_mode) and "RC102" in got[0]


def _blocks_and_whole(tmp_path, monkeypatch, name: str) -> tuple[list[int], dict]:
    """``name`` checked whole and in 8 kB blocks: the citations per part of the block run,
    and each run's citations as (line, column, text)."""
    import refcheck.lint.blocks as blocks

    monkeypatch.chdir(tmp_path)
    parts = []
    real = blocks.check_in_blocks

    def counted(*a):
        for part in real(*a):
            parts.append(sum(len(x.citations) for x in part[0].articles))
            yield part

    monkeypatch.setattr(blocks, "check_in_blocks", counted)
    cites = {}
    for mode in ("whole", "blocks"):
        monkeypatch.setattr(blocks, "BLOCK_MIN_BYTES", 0 if mode == "blocks" else 1 << 40)
        monkeypatch.setattr(blocks, "READ_BYTES", 8_000)
        monkeypatch.setattr(blocks, "MAX_CARRY_CHARS", 16_000)
        code, out = _run(["--format", "json", "--no-cache", name], monkeypatch, tmp_path / "c")
        assert code in (0, 1)
        cites[mode] = {(c["line"], c["column"], c["text"]) for f in json.loads(out)["files"]
                       for a in f["articles"] for c in a["citations"]}
    return parts, cites


def _official_lines() -> list[str]:
    return [ln for p in sorted((DATA / "official").glob("*.txt"))
            for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]


def test_a_long_article_without_blank_lines_is_cut_at_line_breaks(tmp_path, monkeypatch):
    """An article longer than MAX_CARRY_CHARS with no blank line (the official texts' lines,
    repeated) is still checked in parts, so memory stays bounded: the report is valid JSON,
    and its citations differ from the whole-file run's at most around the cuts."""
    (tmp_path / "dense.txt").write_text("\n".join(_official_lines() * 2) + "\n", encoding="utf-8")
    parts, cites = _blocks_and_whole(tmp_path, monkeypatch, "dense.txt")
    cuts = len(parts) - 1
    assert cuts >= 8 and sum(parts) > 100
    assert len(cites["whole"] ^ cites["blocks"]) <= 2 * cuts


def test_a_draft_that_is_one_long_line_is_cut_at_sentence_ends(tmp_path, monkeypatch):
    """A draft written as one line (the official texts' lines joined by spaces) is checked in
    parts too (read whole, 60 MB of it peaked at 1.45 GB): cut after a sentence end, the
    citations away from the cuts are the whole-file run's, at the same line and column."""
    one = " ".join(ln.strip() for ln in _official_lines() * 2)
    (tmp_path / "oneline.txt").write_text(one, encoding="utf-8")
    parts, cites = _blocks_and_whole(tmp_path, monkeypatch, "oneline.txt")
    cuts = len(parts) - 1
    assert cuts >= 8 and sum(parts) > 100
    assert {line for line, _, _ in cites["blocks"]} == {1}
    assert len(cites["whole"] ^ cites["blocks"]) <= 2 * cuts
    for line, col, text in cites["blocks"]:  # each column points at its citation's text
        assert one[col - 1:col - 1 + len(text)] == text


def test_default_jobs_counts_the_tasks_running_now(tmp_path, monkeypatch):
    """/proc/loadavg's fourth field ("3/96": runnable/all, this process among them) says
    which cores are busy now; the one-minute average lags behind a command that just ended."""
    f = tmp_path / "loadavg"
    f.write_text("2.13 2.82 2.47 3/96 27677\n")
    assert pool.busy_now(str(f)) == 2
    f.write_text("0.91 0.40 0.20 1/95 27690\n")
    assert pool.busy_now(str(f)) == 0
    f.write_text("garbage\n")
    assert pool.busy_now(str(f)) is None
    assert pool.busy_now(str(tmp_path / "missing")) is None
    monkeypatch.setattr(pool, "resolve_jobs", lambda jobs: 2)
    monkeypatch.setattr(pool.os, "getloadavg", lambda: (0.9, 0.4, 0.2))
    for busy, jobs in ((0, 2), (1, 1), (5, 1)):
        monkeypatch.setattr(pool, "busy_now", lambda busy=busy: busy)
        assert pool.default_jobs() == jobs
    monkeypatch.setattr(pool, "busy_now", lambda: None)  # not Linux: the load average
    assert pool.default_jobs() == 1
