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


@pytest.fixture
def work(tmp_path, monkeypatch):
    """An empty folder as the current one, with its own result cache (cache on)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(tmp_path / ".cache"))
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
