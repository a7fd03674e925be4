"""Suite-wide settings.

Hypothesis' per-example deadline (200 ms) is a timing assertion: on a loaded CI machine a
correct example can take longer. No test here may depend on the machine's speed, so the
deadline is off everywhere; hangs are caught by pytest-timeout (pyproject.toml).
"""
from hypothesis import settings

settings.register_profile("refcheck", deadline=None)
settings.load_profile("refcheck")


# --------------------------------------------------------------------------- the CLI in-process

import pytest  # noqa: E402
from click.testing import CliRunner  # noqa: E402


def _runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        return CliRunner()  # click >= 8.2 keeps stderr apart by itself


def run_cli(*args, input=None):
    """``refcheck ARGS`` in this process, stdout and stderr apart; exceptions propagate (a
    traceback is a failure, never an exit code)."""
    from refcheck.lint.cli import main

    return _runner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


@pytest.fixture(scope="session")
def derived_caches(tmp_path_factory):
    """A cache folder holding what refcheck derives from the embedded default (catalog index,
    vocabulary, grammar tables, rule texts), built once per session.

    A fresh ``REFCHECK_CACHE_DIR`` costs a cold start (the catalog's YAML parsed again, several
    seconds); the tests that give each run its own cache are about results, not about those
    derived files, so they start from a copy of these (:func:`seed_cache`). Tests of the derived
    caches themselves set an empty folder of their own."""
    import os

    from refcheck.lint.cli import main

    d = tmp_path_factory.mktemp("derived-caches")
    draft = d / "draft.txt"
    draft.write_text("Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị.\n", encoding="utf-8")
    old = os.environ.get("REFCHECK_CACHE_DIR")
    os.environ["REFCHECK_CACHE_DIR"] = str(d / "cache")
    try:
        _runner().invoke(main, ["check", "--no-cache", str(draft)], catch_exceptions=False)
    finally:
        if old is None:
            del os.environ["REFCHECK_CACHE_DIR"]
        else:
            os.environ["REFCHECK_CACHE_DIR"] = old
    return d / "cache"


def seed_cache(derived, dest):
    """``dest`` (created) holding a copy of the session's derived caches, no results."""
    import shutil

    shutil.copytree(derived, dest, ignore=shutil.ignore_patterns("results"), dirs_exist_ok=True)
    return dest


@pytest.fixture
def work(tmp_path, monkeypatch, derived_caches):
    """An empty folder as the current one, with its own result cache (cache on), seeded with
    the session's derived caches."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(seed_cache(derived_caches, tmp_path / ".cache")))
    monkeypatch.delenv("REFCHECK_NO_CACHE", raising=False)
    return tmp_path


def judged_rows(name: str) -> list[dict]:
    """The rows of a judged-findings table in tests/data (tests/test_judged_session*.py)."""
    import csv
    from pathlib import Path

    with (Path(__file__).parent / "data" / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def check_judged_row(cat, row: dict, never_error: tuple[str, ...]) -> None:
    """``row``'s code is raised at ``expect`` (or not at all), and a row whose verdict is in
    ``never_error`` leaves no error-level finding behind under any code."""
    from refcheck.api import check_source

    res = check_source(row["sentence"], catalog=cat, article_date=row["article_date"] or None)
    found = [f for a in res.articles for f in a.findings]
    got = {f.severity for f in found if f.code == row["code"]}
    if row["expect"] == "none":
        assert not got, [(f.code, f.severity, f.message) for f in found]
    else:
        assert row["expect"] in got, [(f.code, f.severity, f.message) for f in found]
    if row["verdict"] in never_error:
        assert not [f for f in found if f.severity == "error"], [(f.code, f.message) for f in found]


def modules_after_check(draft, cache, modules, *, racy_ns=None) -> list[str]:
    """Which of ``modules`` a fresh ``refcheck check DRAFT`` process imports, with ``cache`` as
    its cache folder (tests of what a cached run may skip: test_resultcache, test_startup).
    ``racy_ns`` replaces the result cache's racy window (0: a draft written just now is
    vouched for by its size and mtime, as any draft older than two seconds)."""
    import ast
    import os
    import subprocess
    import sys
    from pathlib import Path

    racy = ("from refcheck.lint import resultcache\n"
            f"resultcache.RACY_NS = {racy_ns}\n") if racy_ns is not None else ""
    probe = ("import sys\n" + racy + "from refcheck.lint.cli import main\n"
             "try:\n    main(['check', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
             f"print(sorted(m for m in {tuple(modules)!r} if m in sys.modules))\n")
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, REFCHECK_CACHE_DIR=str(cache), PYTHONPATH=str(root))
    p = subprocess.run([sys.executable, "-c", probe, str(draft)], env=env, capture_output=True,
                       text=True, cwd=Path(draft).parent, timeout=120)
    return ast.literal_eval(p.stdout.strip().splitlines()[-1])
