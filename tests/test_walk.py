"""The folder walk (issue 14): only regular files are opened, .git/ and node_modules/ and what
.gitignore excludes are skipped (``--no-respect-gitignore`` turns .gitignore off), an
explicitly named file that an exclude pattern covers is reported, and the order is stable."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import seed_cache
from click.testing import CliRunner

from refcheck.lint.cli import main
from refcheck.lint.config import Settings
from refcheck.lint.walk import Walk

# seeds/000 (a real sentence of the seed article)
SENT = ("Đảng ủy quán triệt Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị về đại hội "
        "đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIII của Đảng.\n")


def _tree(root: Path, names: list[str]) -> None:
    for n in names:
        p = root / n
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(SENT, encoding="utf-8")


def _walk(root: Path, monkeypatch, *paths: str, **kw) -> list[str]:
    monkeypatch.chdir(root)
    return list(Walk(Settings(root=root), **kw).files(list(paths) or ["."]))


def _checked(tmp_path, *args) -> tuple[int, list[str], str]:
    r = CliRunner().invoke(main, ["check", "--format", "json", "--no-cache", *args])
    paths = [f["path"] for f in json.loads(r.stdout)["files"]] if r.stdout.strip() else []
    return r.exit_code, paths, r.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_txt_is_skipped_not_opened(tmp_path, derived_caches):
    _tree(tmp_path, ["a.txt"])
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would block until someone writes to it
    env = dict(os.environ, REFCHECK_CACHE_DIR=str(seed_cache(derived_caches, tmp_path / ".cache")))
    r = subprocess.run([sys.executable, "-m", "refcheck", "check", "--format", "json", "."],
                       cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert [f["path"] for f in json.loads(r.stdout)["files"]] == ["a.txt"]


def test_order_files_first_then_subfolders_sorted(tmp_path, monkeypatch):
    _tree(tmp_path, ["b.txt", "a.md", "z/c.txt", "m/d.txt", "m/a/e.html", "m/b.docx.bak"])
    assert _walk(tmp_path, monkeypatch) == ["a.md", "b.txt", "m/d.txt", "m/a/e.html", "z/c.txt"]
    assert _walk(tmp_path, monkeypatch, "./m/") == ["m/d.txt", "m/a/e.html"]


def test_git_and_node_modules_are_skipped(tmp_path, monkeypatch):
    _tree(tmp_path, ["a.txt", ".git/COMMIT_EDITMSG.txt", "node_modules/pkg/README.md",
                     "sub/.git/x.txt"])
    assert _walk(tmp_path, monkeypatch) == ["a.txt"]
    # .git stays out even when `exclude` replaces the default list
    s = Settings(root=tmp_path, exclude=[])
    assert list(Walk(s).files(["."])) == ["a.txt", "node_modules/pkg/README.md"]


def test_gitignore_as_git_reads_it(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    _tree(tmp_path, ["a.txt", "ban-nhap/b.txt", "tin/c.txt", "tin/cu/d.txt", "tin/giu.txt",
                     "tin/e.log.txt", "sau/f.txt"])
    (tmp_path / ".gitignore").write_text("ban-nhap/\n*.log.txt\n", encoding="utf-8")
    (tmp_path / "tin" / ".gitignore").write_text("*.txt\n!giu.txt\n", encoding="utf-8")
    (tmp_path / ".git" / "info").mkdir()
    (tmp_path / ".git" / "info" / "exclude").write_text("sau/\n", encoding="utf-8")
    assert _walk(tmp_path, monkeypatch) == ["a.txt", "tin/giu.txt"]
    # walking a subfolder still obeys the .gitignore files above it
    assert _walk(tmp_path, monkeypatch, "tin") == ["tin/giu.txt"]
    # a folder named on the command line is walked even when ignored
    assert _walk(tmp_path, monkeypatch, "ban-nhap") == ["ban-nhap/b.txt"]
    assert _walk(tmp_path, monkeypatch, respect_gitignore=False) == [
        "a.txt", "ban-nhap/b.txt", "sau/f.txt", "tin/c.txt", "tin/e.log.txt", "tin/giu.txt",
        "tin/cu/d.txt"]


def test_cli_respects_gitignore_unless_told_not_to(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    _tree(tmp_path, ["a.txt", "ban-nhap/b.txt"])
    (tmp_path / ".gitignore").write_text("ban-nhap/\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _checked(tmp_path, ".")[1] == ["a.txt"]
    assert _checked(tmp_path, "--no-respect-gitignore", ".")[1] == ["a.txt", "ban-nhap/b.txt"]


@pytest.mark.parametrize("lang,needle", [("vi", "bỏ qua"), ("en", "skipped")])
def test_an_explicitly_named_excluded_file_is_reported(tmp_path, monkeypatch, lang, needle):
    _tree(tmp_path, ["a.txt", "cu/b.txt"])
    (tmp_path / "refcheck.toml").write_text('extend-exclude = ["cu/"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, paths, err = _checked(tmp_path, "--lang", lang, "a.txt", "cu/b.txt")
    assert code == 0 and paths == ["a.txt"]
    assert err.splitlines() == [err.splitlines()[0]] and err.startswith("refcheck: cu/b.txt: ")
    assert needle in err and ("skipped" in err) == (lang == "en")


@pytest.mark.parametrize("lang,needle", [("vi", "không có tệp nào"), ("en", "no files to check")])
def test_a_folder_with_nothing_to_check_says_so(tmp_path, monkeypatch, lang, needle):
    """An empty folder (or one of .pdf files only) exited 0 in silence, like a clean run."""
    (tmp_path / "ban-nhap").mkdir()
    (tmp_path / "ban-nhap" / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    monkeypatch.chdir(tmp_path)
    code, paths, err = _checked(tmp_path, "--lang", lang, "ban-nhap")
    assert code == 0 and paths == []
    assert needle in err and "ban-nhap" in err and ".txt" in err
    code, paths, err = _checked(tmp_path, "--lang", lang, ".")
    assert needle in err  # the .pdf is no kind refcheck reads
    _tree(tmp_path, ["ban-nhap/a.txt"])
    code, paths, err = _checked(tmp_path, "--lang", lang, "ban-nhap")
    assert paths == ["ban-nhap/a.txt"] and needle not in err
