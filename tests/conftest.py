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
