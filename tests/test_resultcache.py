"""The per-file result cache: a rerun over unchanged files gives the same report from the cache,
and anything that changes a result (the text, the settings, the catalogs) misses it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from refcheck.lint.cli import main

# seeds/000: one citation with a spacing problem (RC102)
SENTENCE = ("Thực hiện Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị về đại hội đảng "
            "bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIII của Đảng.\n")
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(d))
    monkeypatch.delenv("REFCHECK_NO_CACHE", raising=False)
    return d


def run(*args):
    r = CliRunner().invoke(main, ["check", "--format", "json", *map(str, args)])
    return r.exit_code, r.output


def results(cache: Path) -> list[Path]:
    d = cache / "results"
    return sorted(d.glob("*.pickle")) if d.is_dir() else []


def test_rerun_is_served_from_the_cache(tmp_path, cache):
    draft = tmp_path / "bai.txt"
    draft.write_text(SENTENCE, encoding="utf-8")
    first = run(draft)
    assert first[0] == 0 and "RC102" in first[1]
    stored = results(cache)
    assert len(stored) == 1
    mtime = stored[0].stat().st_mtime_ns
    assert run(draft) == first
    assert results(cache) == stored and stored[0].stat().st_mtime_ns == mtime  # a hit: not rewritten


def test_edited_text_settings_and_catalogs_miss(tmp_path, cache):
    draft = tmp_path / "bai.txt"
    draft.write_text(SENTENCE, encoding="utf-8")
    base = run(draft)
    # the text: the spacing fixed, the finding gone
    draft.write_text(SENTENCE.replace("45 - CT/TW", "45-CT/TW"), encoding="utf-8")
    edited = run(draft)
    assert "RC102" not in edited[1]
    # the settings: RC102 switched off
    draft.write_text(SENTENCE, encoding="utf-8")
    assert "RC102" not in run("--ignore", "RC102", draft)[1]
    # the catalogs: without the default one the citation cannot be verified
    no_default = run("--no-default-catalog", draft)
    assert no_default != base and "RC202" in no_default[1]
    assert run(draft) == base
    assert len(results(cache)) == 4


def test_a_damaged_cache_entry_is_a_miss(tmp_path, cache):
    draft = tmp_path / "bai.txt"
    draft.write_text(SENTENCE, encoding="utf-8")
    first = run(draft)
    for p in results(cache):
        p.write_bytes(b"\x80\x05not a pickle")
    assert run(draft) == first


def test_no_cache_writes_nothing(tmp_path, cache):
    draft = tmp_path / "bai.txt"
    draft.write_text(SENTENCE, encoding="utf-8")
    code, out = run("--no-cache", draft)
    assert code == 0 and "RC102" in out
    assert results(cache) == []


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
    probe = ("import sys\nfrom refcheck.lint.cli import main\n"
             "try:\n    main(['check', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in ('lark', 'refcheck.catalog.load', 'refcheck.api') "
             "if m in sys.modules))\n")
    env = dict(os.environ, REFCHECK_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT))

    def imported() -> str:
        p = subprocess.run([sys.executable, "-c", probe, str(draft)], env=env,
                           capture_output=True, text=True, cwd=tmp_path, timeout=120)
        return p.stdout.strip().splitlines()[-1]

    assert imported() == "['lark', 'refcheck.api', 'refcheck.catalog.load']"  # first run: a miss
    assert imported() == "[]"
