"""Issue 14 attacked again (session 5): variants of "never lose a word" the earlier tests did
not cover. Each test reproduces one defect found by attacking the released behaviour; it
failed before its fix.

The sentence is the real one of the other CLI tests (seed 000): "Chỉ thị số 45 - CT/TW ngày
20/6/2020 của Bộ Chính trị" (RC102, safe fix "45-CT/TW").
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import run_cli as run  # and the ``work`` fixture

SPACED = "Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị"
FIXED = "Chỉ thị số 45-CT/TW ngày 20/6/2020 của Bộ Chính trị"


def draft(path: Path, text: str = SPACED + "\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- baselines


@pytest.mark.parametrize("lang,needle", [("vi", "không phải baseline"),
                                         ("en", "not a refcheck baseline")])
def test_write_baseline_never_replaces_a_draft(work, lang, needle):
    """``--baseline a.txt --write-baseline`` turned the draft into JSON (exit 0)."""
    p = draft(work / "a.txt")
    r = run("check", "a.txt", "--baseline", "a.txt", "--write-baseline", "--lang", lang)
    assert r.exit_code == 2
    assert p.read_text(encoding="utf-8") == SPACED + "\n"
    assert needle in r.stderr and "Traceback" not in r.stderr


def test_write_baseline_never_replaces_another_file_of_the_folder(work):
    draft(work / "drafts" / "a.txt")
    notes = draft(work / "drafts" / "notes.md", "# Ghi chú\n\nCòn phải sửa.\n")
    r = run("check", "drafts", "--baseline", "drafts/notes.md", "--write-baseline")
    assert r.exit_code == 2
    assert notes.read_text(encoding="utf-8") == "# Ghi chú\n\nCòn phải sửa.\n"


def test_write_baseline_still_replaces_a_baseline_or_an_empty_file(work):
    draft(work / "a.txt")
    (work / "bl.json").write_text("", encoding="utf-8")  # `touch bl.json` first
    assert run("check", "a.txt", "--baseline", "bl.json", "--write-baseline").exit_code == 0
    first = json.loads((work / "bl.json").read_text(encoding="utf-8"))
    assert first["refcheck-baseline"] == 1 and first["findings"]
    draft(work / "a.txt", FIXED + "\n")
    assert run("check", "a.txt", "--baseline", "bl.json", "--write-baseline").exit_code == 0
    again = json.loads((work / "bl.json").read_text(encoding="utf-8"))
    assert again != first  # the RC102 row is gone: replaced, not refused


def test_report_never_replaces_the_baseline(work):
    draft(work / "a.txt")
    assert run("check", "a.txt", "--baseline", "bl.json", "--write-baseline").exit_code == 0
    before = (work / "bl.json").read_bytes()
    r = run("check", "a.txt", "--baseline", "bl.json", "-o", "bl.json")
    assert r.exit_code == 2
    assert (work / "bl.json").read_bytes() == before


# --------------------------------------------------------------------------- standard input


def test_report_never_replaces_the_file_standard_input_stands_for(work):
    """An editor sends its buffer of real.txt with ``--stdin-filename real.txt``: ``-o
    real.txt`` replaced the draft on disk with the report."""
    p = draft(work / "real.txt")
    r = run("check", "-", "--stdin-filename", "real.txt", "-o", "real.txt",
            input=SPACED + "\n")
    assert r.exit_code == 2
    assert p.read_text(encoding="utf-8") == SPACED + "\n"


# --------------------------------------------------------------------------- caches


def _restore_mtime_after(p: Path, new_text: str) -> None:
    """Write ``new_text`` (same size) into ``p`` in place and put its old mtime back, as
    ``cp -p``, ``rsync -a`` or ``touch -r`` do."""
    st = p.stat()
    data = new_text.encode("utf-8")
    assert len(data) == st.st_size
    with open(p, "r+b") as fh:
        fh.write(data)
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_result_cache_is_not_fooled_by_a_restored_mtime(work):
    """A digit corrected in place (same size) and the old mtime put back: the cached result
    of the old text was reported."""
    p = draft(work / "r.txt")
    old = 1_700_000_000 * 10**9  # long ago: the entry is not racy, size and time vouch for it
    os.utime(p, ns=(old, old))
    first = run("check", "r.txt", "--format", "concise")
    assert "RC102" in first.stdout
    _restore_mtime_after(p, "Chỉ thị số 45-CT/TW   ngày 20/6/2020 của Bộ Chính trị\n")
    assert p.stat().st_mtime_ns == old
    again = run("check", "r.txt", "--format", "concise")
    assert "RC102" not in again.stdout, again.stdout


def test_catalog_key_is_not_fooled_by_a_restored_mtime(work):
    """A house catalog corrected in place with its mtime put back kept its old index."""
    from refcheck.catalog.files import key_for

    cat = work / "house.yaml"
    cat.write_text("date: 2020-06-20\n", encoding="utf-8")
    old = 1_700_000_000 * 10**9
    os.utime(cat, ns=(old, old))
    key1, _ = key_for([cat])
    key1_again, contents = key_for([cat])
    assert key1_again == key1 and contents is None  # remembered: the file was not read
    _restore_mtime_after(cat, "date: 2020-06-21\n")
    key2, _ = key_for([cat])
    assert key2 != key1


def _cli(*args) -> subprocess.CompletedProcess:
    """``refcheck ARGS`` in a new process: the vocabulary and catalog are memoised per
    process, so only a new one reads their cache files."""
    return subprocess.run([sys.executable, "-m", "refcheck", *args], capture_output=True,
                          text=True, timeout=300)


@pytest.mark.parametrize("damage", ["cut", "flip"])
def test_a_damaged_cache_file_is_rebuilt_silently(work, damage):
    """A cut catalog cache ended the run with click's "Aborted!" (exit 1: an EOFError from
    an entry decoded lazily); a damaged vocabulary pickle with a traceback."""
    draft(work / "a.txt")
    clean = _cli("check", "a.txt", "--format", "json")
    cache = work / ".cache"
    damaged = []
    for f in sorted(cache.glob("*")):
        if not f.is_file():
            continue
        data = bytearray(f.read_bytes())
        if damage == "cut":
            data = data[:len(data) // 2]
        else:
            for i in range(8, len(data), max(1, len(data) // 20)):
                data[i] ^= 0xFF
        f.write_bytes(bytes(data))
        damaged.append(f.name.split("-")[0])
    assert {"catalog", "vocab"} <= set(damaged)
    import shutil

    shutil.rmtree(cache / "results")  # a result cache hit would not need the catalog
    r = _cli("check", "a.txt", "--format", "json")
    assert (r.returncode, r.stdout, r.stderr) == (clean.returncode, clean.stdout, "")


# --------------------------------------------------------------------------- Ctrl-C


_INTERRUPT_FROM_A_WORKER = textwrap.dedent("""
    import os, signal, sys
    signal.signal(signal.SIGINT, signal.default_int_handler)  # as on a terminal
    from refcheck.lint import {module}
    real = {module}.{func}

    def first_then_ctrl_c(*args):
        # a terminal's Ctrl-C: SIGINT to the whole process group, workers included
        if not os.path.exists("sent"):
            open("sent", "w").close()
            os.killpg(0, signal.SIGINT)
        return real(*args)

    {module}.{func} = first_then_ctrl_c
    from refcheck.lint.cli import main
    main(sys.argv[1:])
""")


@pytest.mark.parametrize("mode", ["folder", "archive"])
def test_ctrl_c_with_workers_exits_130_without_traceback_or_hang(work, mode):
    """Ctrl-C during a ``-j 2`` run printed each worker's traceback and, when a worker died
    holding the task queue's lock, left the run waiting forever."""
    body = (SPACED + ".\n") * 2000  # about 130 kB a file: enough work for the pool
    if mode == "folder":
        for i in range(40):
            draft(work / "d" / f"{i:02}.txt", body)
        args, module, func = ["check", "d", "-j", "2", "--no-cache"], "runner", "_work_chunk"
    else:
        with open(work / "n.jsonl", "w", encoding="utf-8") as fh:
            for i in range(4000):
                fh.write(json.dumps({"id": i, "text": SPACED}, ensure_ascii=False) + "\n")
        args, module, func = ["check", "--jsonl", "n.jsonl", "-j", "2"], "archive", "_run_chunk"
    (work / "report.txt").write_text("báo cáo hôm qua\n", encoding="utf-8")
    script = _INTERRUPT_FROM_A_WORKER.format(module=module, func=func)
    proc = subprocess.Popen([sys.executable, "-c", script, *args, "-o", "report.txt"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=120)  # a hang, not a speed limit
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail("the run hung after Ctrl-C")
    assert (work / "sent").exists()  # the interrupt was sent from inside a worker
    assert proc.returncode == 130, err.decode()
    assert b"Traceback" not in err, err.decode()
    assert (work / "report.txt").read_text(encoding="utf-8") == "báo cáo hôm qua\n"


# --------------------------------------------------------------------------- archive mode


@pytest.mark.parametrize("options,named", [
    (["--fix"], "--fix"),
    (["--diff"], "--diff"),
    (["--baseline", "bl.json", "--write-baseline"], "--write-baseline"),
    (["--encoding", "cp1258"], "--encoding"),
])
def test_archive_mode_refuses_the_options_it_would_ignore(work, options, named):
    """``--jsonl`` with ``--write-baseline`` exited 0 and wrote no baseline; ``--fix`` and
    ``--diff`` did nothing, all without a word."""
    n = work / "n.jsonl"
    body = json.dumps({"id": 1, "text": SPACED}, ensure_ascii=False) + "\n"
    n.write_text(body, encoding="utf-8")
    r = run("check", "--jsonl", "n.jsonl", *options)
    assert r.exit_code == 2
    assert named in r.stderr and "--jsonl" in r.stderr
    assert n.read_text(encoding="utf-8") == body
    assert not (work / "bl.json").exists()


# --------------------------------------------------------------------------- library calls


@pytest.mark.parametrize("text,needle", [
    (SPACED.encode("utf-8"), "decode it first"),
    (Path("a.txt"), "read_path"),
    (None, "text must be str"),
    (45, "text must be str"),
])
def test_check_text_says_what_text_must_be(text, needle):
    """``check_text(b"...")`` raised "is_normalized() argument 2 must be str", a Path
    "object of type 'PosixPath' has no len()"."""
    from refcheck.api import check_text

    with pytest.raises(TypeError, match=needle):
        check_text(text)


@pytest.mark.parametrize("catalog", [{}, 5, b"catalog.yaml", [None]])
def test_check_text_says_what_a_catalog_must_be(catalog):
    """A dict or a number as ``catalog`` raised AttributeError: 'dict' object has no
    attribute 'lookup'."""
    from refcheck.api import check_text

    with pytest.raises(TypeError, match="catalog"):
        check_text(SPACED, catalog=catalog)


@pytest.mark.parametrize("lang", ["fr", None, "VI"])
def test_check_text_refuses_a_language_it_has_no_messages_in(lang):
    """``lang="fr"`` silently gave Vietnamese messages."""
    from refcheck.api import check_text

    with pytest.raises(ValueError, match="lang"):
        check_text(SPACED, lang=lang)
