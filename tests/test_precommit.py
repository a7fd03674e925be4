"""The pre-commit hook (``.pre-commit-hooks.yaml``), run for real with ``pre-commit try-repo``.

``try-repo`` clones a git repository and pip-installs it into a hook environment, so the
test needs ``pre-commit`` (in the ``test`` extra), ``git`` and access to PyPI (for the build
backend and the dependencies lark, click, tabulate, PyYAML). It does not clone this
repository directly: ``try-repo`` takes HEAD plus changes to *tracked* files only, so a hook
file or module not yet committed would be missed. Instead the working tree (tracked and
untracked, not ignored files) is snapshotted into a throwaway git repository, which is what
``try-repo`` gets. Then the README's ``.pre-commit-config.yaml``, pinned to that snapshot,
is run with ``pre-commit run`` (``.docx`` reaches the hook, ``.py`` does not).
``PRE_COMMIT_HOME`` points into ``tmp_path``. Runtime about 15 s (three hook installs).
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / ".pre-commit-hooks.yaml"

BAD = "Chỉ thị số 35-NQ/TW ngày 30/5/2019 của Bộ Chính trị\n"  # RC301: Chỉ thị vs NQ
CLEAN = "Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị\n"

_SKIP_DIRS = {".git", "build", "dist", "__pycache__", ".venv", ".venv-ci", ".pytest_cache",
              ".hypothesis", ".mypy_cache", ".ruff_cache", ".tox"}


def _pre_commit_cmd() -> list[str] | None:
    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    exe = shutil.which("pre-commit")
    return [exe] if exe else None


def test_hook_definition():
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    hook = hooks[0]
    assert hook["id"] == "refcheck" and hook["name"]
    assert hook["entry"] == "refcheck check"
    assert hook["language"] == "python"
    assert hook["require_serial"] is False
    assert "types" not in hook  # `types: [text]` would skip .docx (a zip file)
    import re

    files = re.compile(hook["files"])
    for name in ("a.txt", "drafts/b.md", "c.markdown", "d.html", "e.htm", "f.docx"):
        assert files.search(name), name
    for name in ("setup.py", "a.txt.bak", "img.png", "notes.doc"):
        assert not files.search(name), name
    # one list: the hook passes exactly the extensions the walk checks and the reader knows
    from refcheck.io.read import EXTENSIONS, KINDS, hook_files_pattern
    from refcheck.lint import walk

    assert hook["files"] == hook_files_pattern()
    assert walk.EXTENSIONS is EXTENSIONS and set(EXTENSIONS) == set(KINDS)
    assert all(files.search("x" + ext) for ext in EXTENSIONS)
    assert all(walk._checked_name("x" + ext) for ext in EXTENSIONS)


def _git(*args: str, cwd: Path, env: dict) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True).stdout


def _source_files() -> list[str]:
    """Working-tree files of the refcheck repository: tracked + untracked, not ignored."""
    if (ROOT / ".git").exists():
        out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                              "--exclude-standard"], cwd=ROOT, capture_output=True, check=True)
        names = [n for n in out.stdout.decode("utf-8").split("\0") if n]
    else:  # an unpacked sdist or a copy without history
        names = []
        for dirpath, dirs, files in os.walk(ROOT):
            dirs[:] = [d for d in dirs if d not in _SKIP_DIRS and not d.endswith(".egg-info")]
            names += [os.path.relpath(os.path.join(dirpath, f), ROOT) for f in files]
    return sorted(n for n in set(names) if (ROOT / n).is_file())


def _docx(path: Path, text: str) -> None:
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{ns}">'
           f'<w:body><w:p><w:r><w:t>{text.strip()}</w:t></w:r></w:p></w:body></w:document>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)


@pytest.mark.slow
def test_pre_commit_try_repo(tmp_path):
    cmd = _pre_commit_cmd()
    if cmd is None:
        pytest.skip("pre-commit is not installed (it is in the test extra: pip install '.[test]')")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")

    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "PRE_COMMIT")) and k not in ("PYTHONPATH", "SKIP")}
    env.update(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PRE_COMMIT_COLOR="never",
               GIT_AUTHOR_NAME="refcheck tests", GIT_AUTHOR_EMAIL="tests@example.invalid",
               GIT_COMMITTER_NAME="refcheck tests", GIT_COMMITTER_EMAIL="tests@example.invalid")

    # 1. a snapshot of the refcheck working tree, as a git repository
    src = tmp_path / "refcheck-src"
    for name in _source_files():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, src / name)
    assert (src / ".pre-commit-hooks.yaml").is_file()
    _git("init", "-q", cwd=src, env=env)
    _git("add", "-A", cwd=src, env=env)
    _git("-c", "commit.gpgsign=false", "commit", "-q", "-m", "snapshot", cwd=src, env=env)

    # 2. a project with drafts, committed
    work = tmp_path / "drafts"
    work.mkdir()
    (work / "bad.txt").write_text(BAD, encoding="utf-8")
    (work / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (work / "notes.py").write_text(f"# {BAD}", encoding="utf-8")  # not a draft
    _docx(work / "bad.docx", BAD)
    _git("init", "-q", cwd=work, env=env)
    _git("add", "-A", cwd=work, env=env)
    _git("-c", "commit.gpgsign=false", "commit", "-q", "-m", "drafts", cwd=work, env=env)

    def try_repo(*files: str) -> tuple[int, str]:
        p = subprocess.run([*cmd, "try-repo", str(src), "refcheck", "--files", *files],
                           cwd=work, env=env, capture_output=True, timeout=900)
        return p.returncode, (p.stdout + p.stderr).decode("utf-8", "replace")

    code, out = try_repo("bad.txt")  # installs the hook environment (pip, from PyPI)
    assert code != 0, out
    assert "- hook id: refcheck" in out and "Failed" in out
    assert "RC301" in out and "bad.txt" in out
    assert "Traceback" not in out

    code, out = try_repo("clean.txt")
    assert code == 0, out
    assert "Passed" in out

    # 3. the README's .pre-commit-config.yaml, pinned to the snapshot: `pre-commit run`
    rev = _git("rev-parse", "HEAD", cwd=src, env=env).strip()
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {src.as_posix()}\n    rev: {rev}\n    hooks:\n"
        f"      - id: refcheck\n", encoding="utf-8")
    _git("add", ".pre-commit-config.yaml", cwd=work, env=env)
    _git("-c", "commit.gpgsign=false", "commit", "-q", "-m", "config", cwd=work, env=env)

    def run(*args: str) -> tuple[int, str]:
        p = subprocess.run([*cmd, "run", "refcheck", *args], cwd=work, env=env,
                           capture_output=True, timeout=900)
        return p.returncode, (p.stdout + p.stderr).decode("utf-8", "replace")

    code, out = run("--files", "bad.docx")  # .docx reaches the hook (no `types: [text]`)
    assert code != 0, out
    assert "RC301" in out and "bad.docx" in out

    code, out = run("--files", "notes.py")  # not matched by `files`: the hook does not run
    assert code == 0, out
    assert "Skipped" in out or "no files to check" in out

    code, out = run("--all-files")
    assert code != 0, out
    assert "bad.txt" in out and "bad.docx" in out and "notes.py" not in out
