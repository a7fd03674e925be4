"""Issue 14 attacked a third time (session 6): variants of "never lose a word" the earlier
tests (test_never_lose.py, test_robust_cli.py, test_attack_session5.py) did not cover. Each
test reproduces one defect found by running the real command as a user would; it failed
before its fix.

The sentence is the real one of the other CLI tests (seed 000): "Chỉ thị số 45 - CT/TW ngày
20/6/2020 của Bộ Chính trị" (RC102, safe fix "45-CT/TW").
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SPACED = "Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị"
FIXED = "Chỉ thị số 45-CT/TW ngày 20/6/2020 của Bộ Chính trị"
HANG_GUARD = 300  # seconds: only a hang can reach it, never a slow machine


def draft(path: Path, text: str = SPACED + "\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def refcheck(*args, cwd: Path, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, env=None):
    """The real command in a child process (signals, pipes and devices are real)."""
    full = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "refcheck", *map(str, args)], cwd=cwd,
                          stdout=stdout, stdin=stdin, stderr=subprocess.PIPE, env=full,
                          timeout=HANG_GUARD)


@pytest.fixture
def home(work):
    """``work`` (an empty current folder with its own cache), for child processes too."""
    return work


# --------------------------------------------------------------------------- standard output


needs_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")


@needs_dev_full
@pytest.mark.parametrize("args", [
    ("check", "a.txt"),
    ("check", "a.txt", "--format", "json"),
    ("check", "a.txt", "--format", "sarif"),
    ("check", "a.txt", "--diff"),
    ("check", "-", "--fix"),
    ("rule",),
    ("check", "--help"),
    ("check", "a.txt", "--show-settings"),
])
def test_standard_output_on_a_full_disk_is_one_line_and_exit_2(home, args):
    """``refcheck check a.txt > /dev/full`` ended in a traceback and exit 1 ("findings")."""
    draft(home / "a.txt")
    with open("/dev/full", "w") as full, open(home / "a.txt", "rb") as stdin:
        r = refcheck(*args, cwd=home, stdout=full, stdin=stdin)
    err = r.stderr.decode("utf-8")
    assert r.returncode == 2, err
    assert "Traceback" not in err and "Exception ignored" not in err
    assert "ổ đĩa hết chỗ trống" in err  # ENOSPC, in the run's language
    assert (home / "a.txt").read_text(encoding="utf-8") == SPACED + "\n"


# --------------------------------------------------------------------------- archive mode


def test_archive_line_with_a_lone_surrogate_escape_is_checked(home):
    """``"\\ud800"`` is valid JSON but no output can encode it: the archive run ended in a
    UnicodeEncodeError traceback. The character becomes U+FFFD (offsets unchanged)."""
    line = ('{"id": "a\\ud800", "text": "' + SPACED.replace(" ngày", "\\udc00 ngày") + '"}\n')
    (home / "n.jsonl").write_text(line + json.dumps({"id": 2, "text": SPACED}) + "\n",
                                  encoding="utf-8")
    r = refcheck("check", "--jsonl", "n.jsonl", cwd=home)
    err = r.stderr.decode("utf-8")
    assert "Traceback" not in err and r.returncode == 0, err
    rows = [json.loads(x) for x in r.stdout.decode("utf-8").splitlines()]
    assert [row["id"] for row in rows] == ["a\ufffd", 2]
    assert all(f["fix"]["original"] == "45 - CT/TW" for row in rows for f in row["findings"]
               if f["code"] == "RC102")


def test_archive_output_stays_json_when_an_id_is_nan(home):
    """Python reads ``NaN``/``Infinity`` (not JSON) and wrote them back: ``"id":NaN`` made
    the JSON-lines output unreadable by any strict JSON reader."""
    (home / "n.jsonl").write_text('{"id": NaN, "text": "%s"}\n{"id": -Infinity, "text": "%s"}\n'
                                  % (SPACED, SPACED), encoding="utf-8")
    r = refcheck("check", "--jsonl", "n.jsonl", cwd=home)
    lines = r.stdout.decode("utf-8").splitlines()
    assert len(lines) == 2, r.stderr.decode("utf-8")

    def strict(name):
        raise ValueError(name)

    assert [json.loads(x, parse_constant=strict)["id"] for x in lines] == ["NaN", "-Infinity"]


# --------------------------------------------------------------------------- stop signals


def _wait_for(predicate, proc) -> None:
    """Poll until ``predicate()`` (a hang guard, not a timing assertion)."""
    import time

    deadline = time.monotonic() + HANG_GUARD
    while not predicate():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the run never reached the point to stop it at"
        time.sleep(0.05)


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGHUP"])
@pytest.mark.parametrize("archive", [False, True], ids=["files", "archive"])
def test_stop_signal_leaves_the_old_report_and_no_temporary_file(home, sig, archive):
    """``timeout``, ``kill`` or a CI runner cancelling the job (SIGTERM), or a closed terminal
    (SIGHUP), killed refcheck outright: the ``-o`` report's temporary file stayed behind in the
    folder. The run stops as on Ctrl-C: temporary file removed, exit 128 + the signal."""
    import signal

    draft(home / "a.txt")
    (home / "a.jsonl").write_text(json.dumps({"text": SPACED}) + "\n", encoding="utf-8")
    (home / "report.txt").write_text("the previous report\n", encoding="utf-8")
    # the first input is reported (the temporary file exists), then standard input blocks
    inputs = ["--jsonl", "a.jsonl", "-"] if archive else ["a.txt", "-", "--format", "concise"]
    proc = subprocess.Popen([sys.executable, "-m", "refcheck", "check", *inputs, "-o",
                             "report.txt"], cwd=home, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait_for(lambda: any(p.name.endswith(".refcheck-tmp") for p in home.iterdir()), proc)
        proc.send_signal(getattr(signal, sig))
        _, err = proc.communicate(timeout=HANG_GUARD)
    finally:
        proc.kill()
    assert proc.returncode == 128 + getattr(signal, sig), err
    assert "Traceback" not in err.decode("utf-8") and sig in err.decode("utf-8")
    assert (home / "report.txt").read_text(encoding="utf-8") == "the previous report\n"
    assert not [p.name for p in home.iterdir() if p.name.endswith(".refcheck-tmp")]


def test_stop_signal_with_workers_leaves_no_process_behind(home):
    """SIGTERM to an archive run with ``-j 2``: the workers go with the parent (the pool is
    terminated; a worker dies of SIGTERM instead of running the parent's handler)."""
    import signal

    (home / "a.jsonl").write_text(json.dumps({"text": SPACED}) + "\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "refcheck", "check", "--jsonl", "a.jsonl",
                             "-", "-j", "2", "-o", "report.txt"], cwd=home,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:  # standard input stays open: the parent waits for it with its two workers up
        _wait_for(lambda: len(_children(proc.pid)) >= 2, proc)
        children = _children(proc.pid)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=HANG_GUARD)
    finally:
        proc.kill()
    assert proc.returncode == 143, err
    assert "Traceback" not in err.decode("utf-8")
    _wait_for_gone(children)
    assert not [p.name for p in home.iterdir() if p.name.startswith(".report.txt")]


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(x) for x in fh.read().split()]
    except OSError:
        return []


def _wait_for_gone(pids: list[int]) -> None:
    import time

    deadline = time.monotonic() + HANG_GUARD
    for pid in pids:
        while os.path.exists(f"/proc/{pid}") and _state(pid) != "Z":
            assert time.monotonic() < deadline, f"worker {pid} outlived the run"
            time.sleep(0.05)


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


# --------------------------------------------------------------------------- -o


@pytest.mark.parametrize("archive", [False, True], ids=["files", "archive"])
def test_output_dash_is_standard_output_not_a_file_named_dash(home, archive):
    """``-o -`` wrote the report into a new file called ``-`` in the current folder."""
    draft(home / "a.txt")
    (home / "a.jsonl").write_text(json.dumps({"text": SPACED}) + "\n", encoding="utf-8")
    args = ["--jsonl", "a.jsonl"] if archive else ["a.txt", "--format", "concise"]
    r = refcheck("check", *args, "-o", "-", cwd=home)
    assert r.returncode == 0, r.stderr.decode("utf-8")
    assert "45-CT/TW" in r.stdout.decode("utf-8")
    assert not (home / "-").exists()
