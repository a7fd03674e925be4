"""Issue 14, "never lose a word": ``--fix``, ``-o`` and standard input under the ordinary
accidents of an editor's day (a draft saved or moved while refcheck runs, a read-only file, a
hard link, a symbolic link, an unwritable folder, a legacy encoding, Ctrl-C).

Each test reproduces one reported loss; the sentences are the real ones of the other CLI
tests (seed 000: "Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị").
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import run_cli as run  # and the ``work`` fixture
from refcheck.lint import cli
from refcheck.lint import fixer as fixer_mod

SPACED = "Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị"  # RC102, fix "45-CT/TW"
FIXED = "Chỉ thị số 45-CT/TW ngày 20/6/2020 của Bộ Chính trị"
EDITED = "Bản mới của biên tập viên: Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị"


def draft(path: Path, text: str = SPACED + "\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _after_check(monkeypatch, action):
    """Run ``action(path)`` right after each file is checked: an editor at work while
    refcheck runs (between reading a file and writing its fixes)."""
    import refcheck.api as api

    real = api.check_source

    def wrapped(text, **kw):
        result = real(text, **kw)
        action(kw.get("path"))
        return result

    monkeypatch.setattr(api, "check_source", wrapped)


# --------------------------------------------------------------------------- changed under us


def test_fix_leaves_a_draft_saved_by_an_editor_during_the_run(work, monkeypatch):
    p = draft(work / "a.txt")
    _after_check(monkeypatch, lambda path: Path(path).write_text(EDITED + "\n", encoding="utf-8"))
    r = run("check", "a.txt", "--fix", "--no-cache")
    assert p.read_text(encoding="utf-8") == EDITED + "\n"  # the editor's words are kept
    assert r.exit_code == 2
    assert "a.txt" in r.stderr and "đã thay đổi" in r.stderr


def test_fix_leaves_a_draft_saved_while_the_fix_is_being_written(work, monkeypatch):
    """The last check is right before the rename: a save during the write is kept too."""
    p = draft(work / "a.txt")
    real_fsync = os.fsync

    def fsync_then_save(fd):
        real_fsync(fd)
        p.write_text(EDITED + "\n", encoding="utf-8")

    monkeypatch.setattr(fixer_mod.os, "fsync", fsync_then_save)
    r = run("check", "a.txt", "--fix", "--no-cache", "--lang", "en")
    assert p.read_text(encoding="utf-8") == EDITED + "\n"
    assert r.exit_code == 2 and "changed on disk since it was read" in r.stderr
    assert not [q for q in work.iterdir() if q.name.endswith(".refcheck-tmp")]


def test_fix_does_not_recreate_a_draft_moved_away(work, monkeypatch):
    p = draft(work / "a.txt")
    _after_check(monkeypatch, lambda path: os.replace(path, work / "renamed.txt"))
    r = run("check", "a.txt", "--fix", "--no-cache", "--lang", "en")
    assert not p.exists()  # not recreated at its old path
    assert (work / "renamed.txt").read_text(encoding="utf-8") == SPACED + "\n"
    assert r.exit_code == 2 and "not recreated" in r.stderr


# --------------------------------------------------------------------------- stdin and -o


def test_stdin_fix_prints_the_fixed_text_and_writes_no_file(work):
    real = draft(work / "real.txt", "Nội dung khác của tệp thật.\n")
    r = run("check", "-", "--stdin-filename", "real.txt", "--fix", input=SPACED + "\n")
    assert real.read_text(encoding="utf-8") == "Nội dung khác của tệp thật.\n"
    assert r.stdout == FIXED + "\n"  # as ruff: the fixed text, and only it, on stdout
    assert r.exit_code == 0


@pytest.mark.parametrize("alias", ["same", "symlink", "hardlink"])
def test_output_naming_an_input_is_refused(work, alias):
    p = draft(work / "a.txt")
    out = work / "a.txt"
    if alias == "symlink":
        out = work / "report.txt"
        out.symlink_to(p)
    elif alias == "hardlink":
        out = work / "report.txt"
        os.link(p, out)
    r = run("check", "a.txt", "-o", out.name)
    assert r.exit_code == 2
    assert p.read_text(encoding="utf-8") == SPACED + "\n"
    assert "a.txt" in r.stderr


def test_output_naming_a_jsonl_input_is_refused(work):
    n = work / "n.jsonl"
    body = json.dumps({"id": 1, "text": SPACED}, ensure_ascii=False) + "\n"
    n.write_text(body, encoding="utf-8")
    r = run("check", "--jsonl", "n.jsonl", "-o", "n.jsonl")
    assert r.exit_code == 2
    assert n.read_text(encoding="utf-8") == body


def test_ctrl_c_exits_130_and_leaves_the_old_report(work, monkeypatch):
    draft(work / "a.txt")
    (work / "report.txt").write_text("báo cáo hôm qua\n", encoding="utf-8")
    import refcheck.api as api

    def interrupted(*a, **kw):  # Ctrl-C while the draft is being checked
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "check_source", interrupted)
    r = run("check", "a.txt", "-o", "report.txt", "--no-cache")
    assert r.exit_code == 130
    assert (work / "report.txt").read_text(encoding="utf-8") == "báo cáo hôm qua\n"


def test_ctrl_c_in_archive_mode_leaves_no_partial_output(work, monkeypatch):
    n = work / "n.jsonl"
    n.write_text("".join(json.dumps({"id": i, "text": SPACED}, ensure_ascii=False) + "\n"
                         for i in range(600)), encoding="utf-8")
    from refcheck.lint import archive

    real = archive._run_chunk
    calls = []

    def chunk_then_ctrl_c(chunk):
        calls.append(1)
        if len(calls) == 2:  # the first chunk's lines are already written
            raise KeyboardInterrupt
        return real(chunk)

    monkeypatch.setattr(archive, "_run_chunk", chunk_then_ctrl_c)
    r = run("check", "--jsonl", "n.jsonl", "-o", "out.jsonl")
    assert r.exit_code == 130
    assert not (work / "out.jsonl").exists()
    assert not [q for q in work.iterdir() if q.name.endswith(".refcheck-tmp")]


def test_report_file_is_written_atomically(work, monkeypatch):
    """A failure while writing -o leaves the previous report whole (no truncated file)."""
    draft(work / "a.txt")
    (work / "report.txt").write_text("báo cáo hôm qua\n", encoding="utf-8")
    real_replace = os.replace

    def no_rename(src, dst):
        if str(dst).endswith("report.txt"):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(cli.os, "replace", no_rename)
    r = run("check", "a.txt", "-o", "report.txt", "--no-cache")
    assert r.exit_code == 2
    assert (work / "report.txt").read_text(encoding="utf-8") == "báo cáo hôm qua\n"
    assert not [q for q in work.iterdir() if q.name.endswith(".refcheck-tmp")]


# --------------------------------------------------------------------------- encodings


ND = "Nghị định số 30/2020/ND-CP ngày 05/3/2020 của Chính phủ."  # RC102: "ND" -> "NĐ"


def test_encoding_is_only_the_fallback_for_files_that_are_not_utf8(work):
    """These UTF-8 bytes also decode as cp1258 (as mojibake); the fix's "Đ" must be written
    as UTF-8, not as the cp1258 byte 0xD0 that would break the draft."""
    utf8 = draft(work / "d" / "utf8.txt", ND + "\n")
    legacy = work / "d" / "legacy.txt"
    legacy.write_bytes(fixer_mod.encode_text(ND + "\n", "cp1258"))  # not UTF-8
    r = run("check", "d", "--encoding", "cp1258", "--fix", "--no-cache")
    assert r.exit_code in (0, 1), r.stderr
    assert utf8.read_bytes() == ND.replace("ND-CP", "NĐ-CP").encode("utf-8") + b"\n"
    assert legacy.read_bytes() == fixer_mod.encode_text(ND.replace("ND-CP", "NĐ-CP") + "\n",
                                                        "cp1258")


def test_fix_never_writes_a_character_the_files_encoding_cannot_hold(work):
    # Latin-1 has "Ð" (U+00D0, the look-alike) but not "Đ" (U+0110), the fix's letter.
    p = work / "latin1.txt"
    p.write_bytes("Theo Nghi dinh so 30/2020/N\u00d0-CP ngay 05/3/2020 cua Chinh phu.\n"
                  .encode("latin-1") + b"\xe9\n")
    before = p.read_bytes()
    r = run("check", "latin1.txt", "--encoding", "latin-1", "--fix", "--no-cache",
            "--lang", "en")
    assert p.read_bytes() == before
    assert r.exit_code == 2 and "cannot hold" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("codec", ["rot13", "base64", "zlib", "no-such-codec"])
def test_non_text_or_unknown_encoding_is_one_line(work, codec):
    draft(work / "a.txt")
    r = run("check", "a.txt", "--encoding", codec)
    assert r.exit_code == 2
    assert r.stderr.count("\n") == 1 and codec in r.stderr and r.stdout == ""


# --------------------------------------------------------------------------- stale fixes


def test_a_fix_is_applied_only_where_its_original_text_stands():
    from refcheck.model import Fix

    text = "Ban Bí thư: Chỉ thị số 45 - CT/TW"
    i = text.index("45 - CT/TW")
    assert fixer_mod.apply_fixes(text, [Fix(i, i + 10, "45-CT/TW", True, "45 - CT/TW")]) \
        == ("Ban Bí thư: Chỉ thị số 45-CT/TW", 1)
    # the same fix at offsets computed on another text: not applied
    assert fixer_mod.apply_fixes(text, [Fix(3, 13, "45-CT/TW", True, "45 - CT/TW")]) \
        == (text, 0)


def test_a_stale_result_cache_entry_never_splices_fixes_at_wrong_offsets(work, monkeypatch):
    """The worst a cache can do: hand back the result of an older version of the draft (a
    copied cache, a restored mtime, a bad disk). Its offsets must not be spliced into the new
    text ("Ban45-CT/TW Tỉnh ủy"): each fix is applied only where its original text stands."""
    from refcheck.api import check_source
    from refcheck.catalog.load import load_catalog
    from refcheck.lint import resultcache

    p = draft(work / "b.txt")
    stale = check_source(SPACED + "\n", path="b.txt", catalog=load_catalog())
    new_text = "Ban Thường vụ Tỉnh ủy triển khai " + SPACED + ".\n"
    draft(p, new_text)
    assert run("check", "b.txt").exit_code in (0, 1)  # the new version is cached

    def stale_get(self, *a, **kw):
        import copy

        return copy.deepcopy(stale)

    monkeypatch.setattr(resultcache.ResultCache, "get", stale_get)
    r = run("check", "b.txt", "--fix")
    assert "Traceback" not in r.stderr
    text = p.read_text(encoding="utf-8")
    assert text in (new_text, "Ban Thường vụ Tỉnh ủy triển khai " + FIXED + ".\n"), text


# --------------------------------------------------------------------------- what may be written


def test_an_unwritable_folder_does_not_abort_the_run(work, monkeypatch):
    locked = draft(work / "locked" / "a.txt")
    free = draft(work / "free" / "b.txt")
    from refcheck import fsio

    real = fsio._mkstemp

    def mkstemp(folder, name):
        if os.path.realpath(folder) == os.path.realpath(locked.parent):
            raise PermissionError(13, "Permission denied")
        return real(folder, name)

    monkeypatch.setattr(fsio, "_mkstemp", mkstemp)
    r = run("check", "locked", "free", "--fix", "--no-cache", "--lang", "en")
    assert locked.read_text(encoding="utf-8") == SPACED + "\n"
    assert free.read_text(encoding="utf-8") == FIXED + "\n"  # the rest is still fixed
    assert "locked/a.txt" in r.stderr and "Permission denied" in r.stderr
    assert "free/b.txt" in r.stdout  # the report is printed
    assert r.exit_code == 2


def test_read_only_file_is_not_rewritten(work):
    p = draft(work / "a.txt")
    p.chmod(0o444)
    r = run("check", "a.txt", "--fix", "--no-cache", "--lang", "en")
    assert p.read_text(encoding="utf-8") == SPACED + "\n"
    assert (p.stat().st_mode & 0o777) == 0o444
    assert r.exit_code == 2 and "read-only" in r.stderr


def test_hard_link_is_kept_and_fixed_in_place(work):
    p = draft(work / "a.txt")
    other = work / "elsewhere" / "other-name.txt"  # a name outside the checked folder
    other.parent.mkdir()
    os.link(p, other)
    ino = p.stat().st_ino
    r = run("check", "a.txt", "--fix", "--no-cache")
    assert r.exit_code == 0, r.stderr
    assert os.path.samefile(p, other) and p.stat().st_ino == ino  # one file, two names
    assert other.read_text(encoding="utf-8") == FIXED + "\n"  # both names show the fix
    assert p.stat().st_nlink == 2
    assert not [q for q in work.iterdir() if ".refcheck-" in q.name]


def test_hard_link_saved_by_an_editor_during_the_run_is_left_as_saved(work, monkeypatch):
    p = draft(work / "a.txt")
    os.link(p, work / "b.txt")
    _after_check(monkeypatch, lambda path: Path(path).write_text(EDITED + "\n", encoding="utf-8"))
    r = run("check", "a.txt", "--fix", "--no-cache", "--lang", "en")
    assert (work / "b.txt").read_text(encoding="utf-8") == EDITED + "\n"
    assert r.exit_code == 2 and "changed on disk since it was read" in r.stderr


def test_hard_link_write_failing_midway_puts_the_words_back(work, monkeypatch):
    """The disk fills while the fix is written in place: the original bytes are written back
    (from memory; a copy fsync'ed beside the file covers a process killed at that moment)."""
    p = draft(work / "a.txt")
    os.link(p, work / "b.txt")
    before = p.read_bytes()
    real = fixer_mod._overwrite
    calls = []  # the backup copies beside the file at each in-place write

    def overwrite(fd, data):
        calls.append([q.read_bytes() for q in work.iterdir() if q.name.endswith(".refcheck-bak")])
        if len(calls) == 1:  # the fix: a full disk cuts it after 5 bytes
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, data[:5])
            raise OSError(28, "No space left on device")
        return real(fd, data)  # putting the original back

    monkeypatch.setattr(fixer_mod, "_overwrite", overwrite)
    r = run("check", "a.txt", "--fix", "--no-cache", "--lang", "en")
    assert p.read_bytes() == before and os.path.samefile(p, work / "b.txt")
    assert r.exit_code == 2 and "No space left on device" in r.stderr
    assert calls == [[before], [before]]  # while the file was written, a copy held its words
    assert not [q for q in work.iterdir() if ".refcheck-" in q.name]


def test_symlink_to_a_hard_linked_file_is_written_through_in_place(work):
    target = draft(work / "d" / "real.txt")
    os.link(target, work / "d" / "second.txt")
    (work / "d" / "link.txt").symlink_to("real.txt")
    r = run("check", "d/link.txt", "--fix", "--no-cache")
    assert r.exit_code == 0, r.stderr
    assert (work / "d" / "link.txt").is_symlink()
    assert (work / "d" / "second.txt").read_text(encoding="utf-8") == FIXED + "\n"


def test_symlink_in_the_tree_is_written_through_to_its_target(work):
    target = draft(work / "d" / "real.txt")
    link = work / "d" / "link.txt"
    link.symlink_to("real.txt")
    r = run("check", "d/link.txt", "--fix", "--no-cache")
    assert r.exit_code == 0, r.stderr
    assert link.is_symlink() and target.read_text(encoding="utf-8") == FIXED + "\n"


def test_symlink_out_of_the_tree_is_refused(work):
    outside = draft(work / "elsewhere" / "real.txt")
    (work / "d").mkdir()
    link = work / "d" / "link.txt"
    link.symlink_to(outside)
    r = run("check", "d", "--fix", "--no-cache", "--lang", "en")
    assert outside.read_text(encoding="utf-8") == SPACED + "\n"
    assert link.is_symlink()
    assert r.exit_code == 2 and "outside the checked folders" in r.stderr


@pytest.mark.parametrize("name,body", [
    ("a.html", f"<p>{SPACED}</p>\n"),
])
def test_fix_says_fixes_are_not_applied_to_html(work, name, body):
    p = draft(work / name, body)
    r = run("check", name, "--fix", "--no-cache", "--lang", "en")
    assert p.read_text(encoding="utf-8") == body
    assert "fixes are not applied to HTML files" in r.stderr


def _fifo_reader(path: Path) -> tuple:
    import threading

    got: list[bytes] = []

    def read():
        with open(path, "rb") as fh:
            got.append(fh.read())

    t = threading.Thread(target=read, daemon=True)
    t.start()
    return t, got


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("mode", ["report", "archive"])
def test_output_to_a_fifo_or_device_writes_into_it_never_replaces_it(work, mode):
    """``-o /dev/stdout`` or ``-o /dev/null`` must not swap the device for a regular file (an
    atomic rename would); a FIFO stands in for them here."""
    import stat as _stat

    fifo = work / "out.fifo"
    os.mkfifo(fifo)
    t, got = _fifo_reader(fifo)
    if mode == "report":
        draft(work / "a.txt")
        r = run("check", "a.txt", "-o", "out.fifo", "--format", "concise", "--no-cache")
    else:
        (work / "n.jsonl").write_text(json.dumps({"id": 1, "text": SPACED}, ensure_ascii=False)
                                      + "\n", encoding="utf-8")
        r = run("check", "--jsonl", "n.jsonl", "-o", "out.fifo")
    t.join(30)
    assert r.exit_code in (0, 1), r.stderr
    assert _stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert b"RC102" in got[0]


def test_fix_never_replaces_a_fifo(work):
    from refcheck.io.read import read_bytes

    fifo = work / "a.txt"
    os.mkfifo(fifo)
    src = read_bytes((SPACED + "\n").encode(), str(fifo))
    src.stamp = object()  # as if it had been read from disk
    with pytest.raises(fixer_mod.FixRefused):
        fixer_mod.write_fixed(src, FIXED + "\n")
    import stat as _stat

    assert _stat.S_ISFIFO(os.stat(fifo).st_mode)
