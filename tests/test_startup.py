"""Start-up of a fully cached run (issue 16: one unchanged draft within 2x ``import click``):
the modules only some runs need are imported by those runs, never by a cached hit, and the
commands imported on demand (``refcheck catalog``) are still listed, run and helped."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import modules_after_check, seed_cache

from refcheck.lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
# seeds/000: one citation with a spacing problem (RC102, a safe fix)
SENTENCE = ("Thực hiện Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị về đại hội đảng "
            "bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIII của Đảng.\n")
#: what a cached hit of the default grouped report does not need: the catalog commands, the
#: big-file blocks, the readers, the rule table, the date parser, the other report formats,
#: the reasons a file cannot be read
LAZY = ("refcheck.lint.catalog_cli", "refcheck.lint.blocks", "refcheck.io.read",
        "refcheck.rules.registry", "refcheck.text.dates", "refcheck.lint.report.jsonfmt",
        "refcheck.lint.report.sarif", "refcheck.lint.report.concise",
        "refcheck.lint.report.github", "refcheck.io.reasons")


@pytest.fixture()
def cache(tmp_path, monkeypatch, derived_caches):
    d = seed_cache(derived_caches, tmp_path / "cache")
    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(d))
    monkeypatch.delenv("REFCHECK_NO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)
    return d


def test_cached_run_imports_only_what_it_uses(tmp_path, cache):
    draft = tmp_path / "bai.txt"
    draft.write_text(SENTENCE, encoding="utf-8")
    # RACY_NS 0: the draft written just now is vouched for by its size and mtime (a hit
    # that reads no file, as for any draft older than two seconds)
    def imported() -> list:
        return modules_after_check(draft, cache, LAZY, racy_ns=0)

    first = imported()  # a miss: the file is read and checked
    assert "refcheck.io.read" in first and "refcheck.rules.registry" in first
    assert imported() == []


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_catalog_command_is_listed_and_runs(monkeypatch):
    monkeypatch.delenv("REFCHECK_LANG", raising=False)
    assert "catalog" in main.list_commands(None)  # type: ignore[arg-type]
    assert "catalog" in main.commands  # reading them all imports the lazy ones
    r = run("--lang", "en", "--help")
    assert r.exit_code == 0 and "catalog" in r.output
    r = run("--lang", "en", "catalog", "--help")
    assert r.exit_code == 0 and "stats" in r.output
    r = run("--lang", "en", "catalgo")
    assert r.exit_code == 2 and "catalog" in r.stderr
