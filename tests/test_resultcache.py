"""The result cache (issue 16): one cache file per project root and settings, read once and
written once per run; a rerun over unchanged drafts opens that one file and no draft;
anything that changes a result (text, settings, catalogs) misses; entries are checked
against the text's hash, so a stale or swapped entry never reaches --fix (issue 14); pruned
by age and by vanished files, never by count."""
from __future__ import annotations

import builtins
import json
import os
from pathlib import Path

import pytest
from conftest import modules_after_check, seed_cache
from click.testing import CliRunner

from refcheck.lint import resultcache
from refcheck.lint.cli import main

# seeds/000: one citation with a spacing problem (RC102, a safe fix)
SENTENCE = ("Thực hiện Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị về đại hội đảng "
            "bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIII của Đảng.\n")
# seeds/000, the sentence before it: no citation at all
PLAIN = ("Sáng 02/10, Đảng bộ cơ quan Văn phòng Quốc hội tổ chức Hội nghị Ban Chấp hành lần "
         "thứ II.\n")
ROOT = Path(__file__).resolve().parent.parent
OLD_MTIME = 1_500_000_000_000_000_000  # 2017: long before any cache was written


@pytest.fixture()
def cache(tmp_path, monkeypatch, derived_caches):
    d = seed_cache(derived_caches, tmp_path / "cache")  # derived caches warm, no results
    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(d))
    monkeypatch.delenv("REFCHECK_NO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)
    return d


def run(*args):
    r = CliRunner().invoke(main, ["check", "--format", "json", "--jobs", "1", *map(str, args)])
    return r.exit_code, r.output


def cache_files(cache: Path) -> list[Path]:
    d = cache / "results"
    return sorted(d.glob("*.cache")) if d.is_dir() else []


@pytest.fixture()
def opened(monkeypatch):
    """Every path opened for reading while the fixture is active."""
    seen: list[str] = []
    real = builtins.open

    def spy(file, mode="r", *a, **k):
        if "r" in mode and isinstance(file, (str, os.PathLike)):
            seen.append(os.path.abspath(file))
        return real(file, mode, *a, **k)

    monkeypatch.setattr(builtins, "open", spy)
    return seen


def _folder(tmp_path: Path, clean: int, dirty: int) -> Path:
    d = tmp_path / "drafts"
    d.mkdir()
    for i in range(clean):
        (d / f"sach-{i:03d}.txt").write_text(PLAIN, encoding="utf-8")
    for i in range(dirty):
        (d / f"loi-{i:03d}.txt").write_text(PLAIN + SENTENCE, encoding="utf-8")
    for p in d.iterdir():  # old enough that size and mtime alone vouch for them
        os.utime(p, ns=(OLD_MTIME, OLD_MTIME))
    return d


def test_rerun_opens_one_cache_file_and_no_draft(tmp_path, cache, opened, monkeypatch):
    # entries match on the later of mtime and ctime, and a test cannot age a ctime: the
    # files were changed just now, so no racy window here (a real folder's are old)
    monkeypatch.setattr(resultcache, "RACY_NS", 0)
    d = _folder(tmp_path, clean=30, dirty=2)
    first = run(d)
    assert first[0] == 0 and first[1].count("RC102") == 2
    [stored] = cache_files(cache)
    mtime = stored.stat().st_mtime_ns
    opened.clear()
    assert run(d) == first
    caches = [p for p in opened if p.startswith(str(cache))]
    drafts = [p for p in opened if p.startswith(str(d)) and p.endswith(".txt")]
    assert caches == [str(stored)]  # one cache file, read once
    assert drafts == []  # the positions the report needs are in the cache
    assert stored.stat().st_mtime_ns == mtime  # nothing changed: not rewritten
    # --baseline (like --fix) needs the text: every draft is read and its hash checked
    bl = tmp_path / "baseline.json"
    run("--baseline", bl, "--write-baseline", d / "sach-000.txt")  # records nothing
    opened.clear()
    assert run("--baseline", bl, d) == first
    assert len([p for p in opened if p.startswith(str(d)) and p.endswith(".txt")]) == 32


def test_more_files_than_the_old_fixed_count_all_hit(tmp_path, cache, monkeypatch):
    d = _folder(tmp_path, clean=2100, dirty=0)  # the old cache kept 2,000 results
    run(d)
    checked = []
    import refcheck.lint.runner as runner

    real = runner._check
    monkeypatch.setattr(runner, "_check", lambda src, job: checked.append(src.path) or
                        real(src, job))
    run(d)
    assert checked == []


def test_edited_text_settings_and_catalogs_miss(tmp_path, cache):
    draft = tmp_path / "bai.txt"
    draft.write_text(SENTENCE, encoding="utf-8")
    base = run(draft)
    # the text: the spacing fixed, the finding gone
    draft.write_text(SENTENCE.replace("45 - CT/TW", "45-CT/TW"), encoding="utf-8")
    assert "RC102" not in run(draft)[1]
    # the settings: RC102 switched off
    draft.write_text(SENTENCE, encoding="utf-8")
    assert "RC102" not in run("--ignore", "RC102", draft)[1]
    # the catalogs: without the default one the citation cannot be verified
    no_default = run("--no-default-catalog", draft)
    assert no_default != base and "RC202" in no_default[1]
    assert run(draft) == base
    assert len(cache_files(cache)) == 3  # one per settings and catalog stack


def test_same_size_and_mtime_but_other_text_is_caught_by_the_hash(tmp_path, cache):
    """A draft rewritten in the same clock tick with the same length (or a cache entry
    swapped in from elsewhere) must not lend its offsets to --fix (issue 14)."""
    draft = tmp_path / "bai.txt"
    text = "Ban Tỉnh ủy " + SENTENCE
    swapped = SENTENCE[:-1] + " Ban Tỉnh ủy\n"  # same length, citation 12 characters earlier
    assert len(text.encode()) == len(swapped.encode())
    draft.write_text(text, encoding="utf-8")
    os.utime(draft, ns=(OLD_MTIME, OLD_MTIME))
    run(draft)
    draft.write_text(swapped, encoding="utf-8")
    os.utime(draft, ns=(OLD_MTIME, OLD_MTIME))
    # (a report-only run trusts size and mtime, as ruff does, outside the racy window;
    # --fix reads every file and checks its hash before using an entry)
    r = CliRunner().invoke(main, ["check", "--fix", "--jobs", "1", "--format", "json",
                                  str(draft)])
    assert draft.read_text(encoding="utf-8") == swapped.replace("45 - CT/TW", "45-CT/TW")
    assert "Ban45-CT/TW" not in draft.read_text(encoding="utf-8") and r.exit_code in (0, 1)


def test_a_racy_entry_is_verified_even_for_a_clean_draft(tmp_path, cache):
    """Modified within the clock tick of the run that cached it: size and mtime equal, so
    only the hash can tell; such entries are read and hashed."""
    draft = tmp_path / "bai.txt"
    draft.write_text(PLAIN, encoding="utf-8")
    st = draft.stat()
    assert json.loads(run(draft)[1])["files"][0]["articles"][0]["citations"] == []
    cited = "Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị."  # seeds/000
    other = cited + " " * (len(PLAIN.encode()) - len(cited.encode()) - 1) + "\n"
    draft.write_text(other, encoding="utf-8")
    os.utime(draft, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert draft.stat().st_size == st.st_size
    cits = json.loads(run(draft)[1])["files"][0]["articles"][0]["citations"]
    assert [c["number"] for c in cits] == ["35"]


def test_a_racy_entry_once_verified_is_trusted_by_the_next_run(tmp_path, cache, opened,
                                                                monkeypatch):
    """A draft written just before the run that cached it is racy: the next run reads and
    hashes it; once that run is past the racy window it rewrites the cache, so the run after
    it trusts size and mtime and does not open the draft."""
    draft = tmp_path / "bai.txt"
    draft.write_text(PLAIN, encoding="utf-8")
    assert run(draft)[0] == 0  # stored with the run's start as its stamp: racy
    later = resultcache.time.time_ns() + 3 * resultcache.RACY_NS
    monkeypatch.setattr(resultcache.time, "time_ns", lambda: later)
    opened.clear()
    assert run(draft)[0] == 0
    assert str(draft) in opened  # verified by its hash
    opened.clear()
    assert run(draft)[0] == 0
    assert str(draft) not in opened  # trusted now


def test_vanished_files_and_old_entries_are_pruned(tmp_path, cache, monkeypatch):
    d = _folder(tmp_path, clean=3, dirty=0)
    run(d)
    (d / "sach-000.txt").unlink()
    run(d / "sach-001.txt")  # a run over one file keeps the others' entries...
    [stored] = cache_files(cache)
    keys = set(_entries(stored))
    assert {os.path.basename(k) for k in keys} == {"sach-001.txt", "sach-002.txt"}  # ...not the gone one
    monkeypatch.setattr(resultcache, "MAX_AGE_NS", -1)  # everything unused is now too old
    (d / "sach-001.txt").write_text(SENTENCE, encoding="utf-8")
    run(d / "sach-001.txt")
    assert {os.path.basename(k) for k in _entries(stored)} == {"sach-001.txt"}


def test_a_big_folders_vanished_files_are_found_by_listing_it(tmp_path, cache, monkeypatch):
    """A run over one draft keeps the other drafts' entries if they still exist: a folder
    holding many of them is listed once, not asked about file by file."""
    d = _folder(tmp_path, clean=12, dirty=0)
    run(d)
    for i in (3, 7):
        (d / f"sach-{i:03d}.txt").unlink()
    asked = []
    real = os.path.exists
    monkeypatch.setattr(os.path, "exists",
                        lambda p: (asked.append(p) if str(p).startswith(str(d)) else None)
                        or real(p))
    (d / "sach-000.txt").write_text(SENTENCE, encoding="utf-8")  # the cache is rewritten
    run(d / "sach-000.txt")
    [stored] = cache_files(cache)
    assert sorted(os.path.basename(k) for k in _entries(stored)) == [
        f"sach-{i:03d}.txt" for i in range(12) if i not in (3, 7)]
    assert asked == []


def _entries(path: Path) -> dict:
    import marshal

    return marshal.loads(path.read_bytes())[2]


def test_old_layout_and_damaged_cache_files(tmp_path, cache):
    draft = tmp_path / "bai.txt"
    draft.write_text(SENTENCE, encoding="utf-8")
    (cache / "results").mkdir(parents=True)
    legacy = cache / "results" / ("ab" * 32 + ".pickle")
    legacy.write_bytes(b"\x80\x05old")
    first = run(draft)
    assert not legacy.exists()  # the one-file-per-result layout is cleaned away
    for p in cache_files(cache):
        p.write_bytes(b"\xe3not marshal data")
    assert run(draft) == first


def test_no_cache_writes_nothing(tmp_path, cache):
    draft = tmp_path / "bai.txt"
    draft.write_text(SENTENCE, encoding="utf-8")
    code, out = run("--no-cache", draft)
    assert code == 0 and "RC102" in out
    assert cache_files(cache) == []


def test_unwritable_cache_dir_still_checks(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(blocker / "cache"))
    draft = tmp_path / "bai.txt"
    draft.write_text(SENTENCE, encoding="utf-8")
    code, out = run(draft)
    assert code == 0 and "RC102" in out


def test_fully_cached_run_needs_neither_lark_nor_the_catalog(tmp_path, cache):
    draft = tmp_path / "bai.txt"
    draft.write_text(SENTENCE, encoding="utf-8")
    def imported() -> list:
        return modules_after_check(draft, cache, ("lark", "refcheck.catalog.load", "refcheck.api"))

    assert imported() == ['lark', 'refcheck.api', 'refcheck.catalog.load']  # first run: a miss
    assert imported() == []


def _check(*args):
    r = CliRunner().invoke(main, ["check", "--jobs", "1", *map(str, args)])
    assert "Traceback" not in r.output, r.output
    return r.exit_code, r.output


def test_a_json_rerun_writes_the_stored_pieces_unencoded(tmp_path, cache, monkeypatch):
    """A warm hit is stat, compare, write: the entry holds the file's JSON after its path, so
    no result is rebuilt and nothing is encoded; the lines are those of --no-cache, under
    the name this run gives the file. An entry stored without one (a --statistics run) gains
    its piece once."""
    from refcheck.lint.report import jsonfmt

    monkeypatch.setattr(resultcache, "RACY_NS", 0)
    d = _folder(tmp_path, clean=3, dirty=2)
    plain = _check("--no-cache", "--format", "json", d)
    # --statistics reads every result, so that run's entries are stored without pieces
    assert plain[1].rstrip("\n") in _check("--format", "json", "--statistics", d)[1]
    calls = []
    real_tail, real_result = jsonfmt.tail, resultcache.result_of
    monkeypatch.setattr(jsonfmt, "tail", lambda *a: calls.append("tail") or real_tail(*a))
    monkeypatch.setattr(resultcache, "result_of",
                        lambda *a: calls.append("result") or real_result(*a))
    assert _check("--format", "json", d) == plain
    assert calls.count("tail") == 5 and calls.count("result") == 5  # made once from the entry
    calls.clear()
    assert _check("--format", "json", d) == plain
    assert calls == []  # ...and then taken as it is
    # the same entries named otherwise (relative to the working folder, the fixture's
    # tmp_path): the path written is this run's
    here = _check("--no-cache", "--format", "json", "drafts")
    calls.clear()
    assert here != plain and _check("--format", "json", "drafts") == here and calls == []
    for fmt in ("grouped", "concise", "sarif", "github"):  # the other formats rebuild results
        want = _check("--no-cache", "--format", fmt, "drafts")
        assert _check("--format", fmt, "drafts") == want == _check("--format", fmt, "drafts")


def test_the_failing_level_of_a_stored_piece_decides_the_exit_code(tmp_path, cache,
                                                                    monkeypatch):
    monkeypatch.setattr(resultcache, "RACY_NS", 0)
    d = _folder(tmp_path, clean=1, dirty=1)  # RC102 is a warning
    for level, code in (("warning", 1), ("error", 0)):
        first = _check("--format", "json", "--fail-level", level, d)
        assert first[0] == code and _check("--format", "json", "--fail-level", level, d) == first


def test_a_cache_file_runs_no_code_and_a_forged_one_is_a_clean_miss(tmp_path, cache,
                                                                     monkeypatch):
    """Results are plain data read by marshal and checked field by field: a pickle in an
    entry (which pickle.loads would run) or values of the wrong shape are misses, the file is
    checked again and the report is --no-cache's."""
    import marshal
    import pickle

    monkeypatch.setattr(resultcache, "RACY_NS", 0)
    d = _folder(tmp_path, clean=1, dirty=1)
    want = {fmt: _check("--no-cache", "--format", fmt, d) for fmt in ("json", "grouped")}
    _check("--format", "grouped", d)
    [stored] = cache_files(cache)
    good = stored.read_bytes()
    schema, stamp, entries = marshal.loads(good)
    witness = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (open, (str(witness), "w"))

    def forged(e: tuple, i: int, value) -> tuple:
        return e[:i] + (value,) + e[i + 1:]

    fakes = [lambda e: forged(e, 3, pickle.dumps(Evil())),
             lambda e: forged(e, 3, marshal.dumps(("txt", [(0, "x", 1, None, None, None, 1,
                                                            [], [], [])], None))),
             lambda e: forged(e, 3, marshal.dumps(("txt", "articles", None))),
             lambda e: forged(e, 5, pickle.dumps(Evil())),  # a piece must be UTF-8 text
             lambda e: forged(e, 6, "error"),
             lambda e: forged(e, 4, None),
             lambda e: e[:5],
             lambda e: "entry"]
    for fake in fakes:
        bad = {k: fake(e) for k, e in entries.items()}
        for fmt in ("json", "grouped"):
            stored.write_bytes(marshal.dumps((schema, stamp, bad)))
            assert _check("--format", fmt, d) == want[fmt]
    assert not witness.exists()
    for cut in (1, len(good) // 3, len(good) - 1):  # a truncated file: an empty cache
        stored.write_bytes(good[:cut])
        assert _check("--format", "json", d) == want["json"]


def test_results_read_back_from_plain_data_equal_the_checked_ones(cache):
    """Every field of every result survives the cache's plain form (the official texts and
    the seeds: citations of both systems, resolutions with documents, findings with fixes
    and arguments), and the stored entry carries it: nothing is left uncached."""
    import marshal

    from refcheck.api import check_source
    from refcheck.catalog.load import load_catalog
    from refcheck.lint.plain import articles_from_plain, articles_to_plain

    catalog = load_catalog()
    texts = sorted((ROOT / "tests" / "data" / "official").glob("*.txt"))[:40]
    texts += sorted((ROOT / "seeds").glob("*.txt"))
    seen = {"citations": 0, "documents": 0, "fixes": 0, "args": 0}
    for p in texts:
        r = check_source(p.read_text(encoding="utf-8"), path=p.name, catalog=catalog)
        plain = marshal.loads(marshal.dumps(articles_to_plain(r.articles)))
        assert articles_from_plain(plain) == r.articles, p.name
        for a in r.articles:
            seen["citations"] += len(a.citations)
            seen["documents"] += sum(len(res.documents) for res in a.resolutions)
            seen["fixes"] += sum(f.fix is not None for f in a.findings)
            seen["args"] += sum(bool(f.args) for f in a.findings)
    assert min(seen.values()) > 0, seen
