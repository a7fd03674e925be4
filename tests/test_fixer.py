"""refcheck.lint.fixer: applying fixes, diffs, and atomic writes that never lose a word."""
from __future__ import annotations

import codecs
import os
import re
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from refcheck.lint import fixer
from refcheck.lint.fixer import apply_fixes, encode_text, fix_source, unified_diff, write_atomic
from refcheck.model import Fix
from linear import assert_linear
from refcheck.io.read import read_bytes, read_path

ROOT = Path(__file__).resolve().parents[1]
SENT = "Thực hiện Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị về đại hội đảng bộ các cấp"

# A toy fixer standing in for the real checks: wrong symbol/issuer spellings -> canonical.
CANON = {"35/CT-TW": "35-CT/TW", "Bộ chính trị": "Bộ Chính trị", "30/05/2019": "30/5/2019"}
CANON_RE = re.compile("|".join(re.escape(k) for k in list(CANON) + list(set(CANON.values()))))


def toy_fixes(text: str) -> list[Fix]:
    """One fix per known spelling, wrong or canonical (canonical -> itself)."""
    out = []
    for m in CANON_RE.finditer(text):
        out.append(Fix(m.start(), m.end(), CANON.get(m.group(), m.group())))
    return out


# --------------------------------------------------------------------------- apply_fixes


def test_fixes_applied_back_to_front_with_original_offsets():
    text = "Chỉ thị số 35/CT-TW ngày 30/05/2019 của Bộ chính trị."
    fixes = toy_fixes(text)
    assert len(fixes) == 3
    new, n = apply_fixes(text, list(reversed(fixes)))  # order of the list does not matter
    assert n == 3
    assert new == "Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị."


def test_length_changing_fixes_do_not_shift_each_other():
    text = "a" * 10
    fixes = [Fix(0, 1, "XYZ"), Fix(2, 5, ""), Fix(9, 10, "END"), Fix(5, 5, "+")]
    new, n = apply_fixes(text, fixes)
    assert n == 4
    assert new == "XYZ" + "a" + "+" + "aaaa" + "END"


def test_overlapping_fixes_skipped():
    text = "Chỉ thị số 35/CT-TW ngày 30/5/2019"
    i = text.index("35/CT-TW")
    fixes = [
        Fix(i, i + 8, "35-CT/TW"),
        Fix(i + 3, i + 5, "XX"),  # inside the first: later start wins
        Fix(i - 3, i + 4, "YY"),  # overlaps the winner: skipped
        Fix(i - 5, i - 4, "Z"),  # overlaps the skipped A only: applied
    ]
    new, n = apply_fixes(text, fixes)
    assert n == 2
    assert new == text[: i - 5] + "Z" + text[i - 4 : i + 3] + "XX" + text[i + 5 :]


def test_touching_fixes_both_applied_and_same_point_insertions_once():
    text = "abcdef"
    new, n = apply_fixes(text, [Fix(0, 3, "X"), Fix(3, 6, "Y")])
    assert (new, n) == ("XY", 2)
    new, n = apply_fixes(text, [Fix(3, 3, "1"), Fix(3, 3, "2")])
    assert n == 1 and new in ("abc1def", "abc2def")
    new, n = apply_fixes(text, [Fix(3, 3, "1"), Fix(3, 6, "Z")])
    assert (new, n) == ("abc1Z", 2)


def test_unsafe_duplicate_noop_and_out_of_bounds_skipped():
    text = "Bộ chính trị"
    fixes = [
        Fix(0, 12, "Bộ Chính trị", safe=False),
        Fix(3, 4, "C"),
        Fix(3, 4, "C"),  # duplicate from a second finding: applied once
        Fix(0, 2, "Bộ"),  # no change
        Fix(5, 99, "x"),
        Fix(-1, 2, "x"),
        Fix(4, 3, "x"),
    ]
    new, n = apply_fixes(text, fixes)
    assert (new, n) == ("Bộ Chính trị", 1)
    assert apply_fixes(text, []) == (text, 0)
    assert apply_fixes(text, [Fix(0, 2, "X", safe=False)]) == (text, 0)


def test_idempotent():
    text = f"{SENT.replace('35-CT/TW', '35/CT-TW')}.\nNgày 30/05/2019, Bộ chính trị họp.\n"
    fixed, n = apply_fixes(text, toy_fixes(text))
    assert n == 3
    again, m = apply_fixes(fixed, toy_fixes(fixed))  # canonical -> canonical
    assert again == fixed and m == 0


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ab\r\nỉ", max_size=40),
    st.lists(st.tuples(st.integers(0, 45), st.integers(0, 6), st.text(alphabet="XYố", max_size=4), st.booleans()), max_size=8),
)
def test_apply_fixes_properties(text, raw):
    fixes = [Fix(s, s + ln, r, safe) for s, ln, r, safe in raw]
    new, n = apply_fixes(text, fixes)
    assert 0 <= n <= sum(1 for f in fixes if f.safe)
    if n == 0:
        assert new == text
    # non-overlapping, in-bounds, effective safe fixes are all applied, matching a naive
    # right-to-left application
    chosen = sorted(
        {(f.start, f.end, f.replacement) for f in fixes if f.safe and f.end <= len(text) and text[f.start : f.end] != f.replacement},
        reverse=True,
    )
    spans_ok = all(a[0] >= b[1] and not (a[0] == a[1] == b[0] == b[1]) for a, b in zip(chosen, chosen[1:]))
    if spans_ok and all(a[:2] != b[:2] for a, b in zip(chosen, chosen[1:])):
        naive = text
        for s, e, r in chosen:
            naive = naive[:s] + r + naive[e:]
        assert (new, n) == (naive, len(chosen))


def test_many_fixes_on_a_big_text_is_linear():
    text = "35/CT-TW " * 200_000
    fixes = [Fix(i * 9, i * 9 + 8, "35-CT/TW") for i in range(200_000)]
    new, n = apply_fixes(text, fixes)
    assert n == 200_000 and new == "35-CT/TW " * 200_000

    def fixes_for(k: int):
        return "35/CT-TW " * k, [Fix(i * 9, i * 9 + 8, "35-CT/TW") for i in range(k)]
    assert_linear(lambda a: apply_fixes(*a), fixes_for, "apply_fixes", 20_000, 200_000)


# --------------------------------------------------------------------------- diff


def test_unified_diff_basic():
    old = "dòng 1\nChỉ thị 35/CT-TW\ndòng 3\n"
    new = "dòng 1\nChỉ thị 35-CT/TW\ndòng 3\n"
    d = unified_diff("bai/viet.md", old, new)
    assert d.startswith("--- a/bai/viet.md\n+++ b/bai/viet.md\n@@ -1,3 +1,3 @@\n")
    assert "-Chỉ thị 35/CT-TW\n+Chỉ thị 35-CT/TW\n" in d
    assert unified_diff("x", old, old) == ""


def test_unified_diff_crlf_and_no_final_newline():
    old = "a\r\nChỉ thị 35/CT-TW"
    new = "a\r\nChỉ thị 35-CT/TW"
    d = unified_diff("x.txt", old, new)
    assert "-Chỉ thị 35/CT-TW\n\\ No newline at end of file\n+Chỉ thị 35-CT/TW\n\\ No newline at end of file\n" in d
    assert " a\r\n" in d  # line endings shown as they are
    # lone \r separates lines too (not one giant line)
    d2 = unified_diff("y.txt", "a\rb\rc\r", "a\rB\rc\r")
    assert "-b\r" in d2 and "+B\r" in d2


# --------------------------------------------------------------------------- round trips


def fix_symbol(src) -> str:
    i = src.text.index("35/CT-TW")
    new, n = apply_fixes(src.text, [Fix(i, i + 8, "35-CT/TW")])
    assert n == 1
    return new


@pytest.mark.parametrize(
    "name,encode",
    [
        ("crlf.txt", lambda t: t.encode("utf-8")),
        ("bom.txt", lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
        ("le.txt", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le")),
        ("be.txt", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be")),
        ("crlf.md", lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
        ("mixed.txt", lambda t: t.replace("\r\n", "\r", 1).encode("utf-8")),
    ],
)
@pytest.mark.parametrize("pass_bom", [True, False])
def test_round_trip_byte_identical_except_fix(tmp_path, name, encode, pass_bom):
    body = f"Tiêu đề\r\n\r\n{SENT.replace('35-CT/TW', '35/CT-TW')}.\r\nHết\r\n"
    p = tmp_path / name
    p.write_bytes(encode(body))
    src = read_path(p)
    new = fix_symbol(src)
    if pass_bom:
        write_atomic(p, new, encoding=src.encoding, bom=src.bom)
    else:  # utf-16 without bom=: the existing file's byte order is kept
        write_atomic(p, new, encoding=src.encoding)
    assert p.read_bytes() == encode(body.replace("35/CT-TW", "35-CT/TW"))
    assert list(tmp_path.iterdir()) == [p]  # no temp file left


def test_round_trip_cp1258(tmp_path):
    text = "Thực hiện Chỉ thị số 35/CT-TW ngày 30/5/2019 của Bộ chính trị\r\n"
    p = tmp_path / "cu.txt"
    p.write_bytes(encode_text(text, "cp1258"))
    src = read_path(p, encoding="cp1258")
    i, j = src.text.rindex("B"), src.text.index("\r\n")  # "Bộ chính trị", decomposed
    # the replacement is NFC ("ộ" is not in cp1258): written decomposed, nothing lost
    new, n = apply_fixes(src.text, [Fix(i, j, "Bộ Chính trị")])
    assert n == 1
    write_atomic(p, new, encoding=src.encoding, bom=src.bom)
    back = read_path(p, encoding="cp1258").text
    import unicodedata

    assert unicodedata.normalize("NFC", back) == text.replace("Bộ chính trị", "Bộ Chính trị")
    assert back.endswith("\r\n")


def test_newline_not_preserved_uses_files_dominant_ending(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"one\r\ntwo\r\n")
    write_atomic(p, "one\nTWO\n", encoding="utf-8", newline_preserved=False)
    assert p.read_bytes() == b"one\r\nTWO\r\n"


def test_permissions_kept_and_new_file(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"x")
    p.chmod(0o640)
    write_atomic(p, "Chỉ thị", encoding="utf-8")
    assert stat.S_IMODE(p.stat().st_mode) == 0o640
    assert p.read_text(encoding="utf-8") == "Chỉ thị"
    q = tmp_path / "moi.txt"
    write_atomic(q, "mới", encoding="utf-8")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(q.stat().st_mode) == 0o666 & ~umask


def test_symlink_kept_target_replaced(tmp_path):
    target = tmp_path / "real.txt"
    target.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_atomic(link, "new", encoding="utf-8")
    assert link.is_symlink() and target.read_bytes() == b"new"


def test_encoding_error_leaves_original(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"original")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(p, "中文", encoding="cp1258")
    assert p.read_bytes() == b"original"
    assert list(tmp_path.iterdir()) == [p]


@pytest.mark.parametrize("fail_at", ["write", "fsync", "replace"])
def test_failure_during_write_leaves_original_and_no_temp(tmp_path, monkeypatch, fail_at):
    p = tmp_path / "a.txt"
    p.write_bytes(b"original \xe1\xbb\x89")
    calls = {"n": 0}
    real_write = os.write

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    def half_write(fd, data):
        calls["n"] += 1
        if calls["n"] > 1:
            boom()
        return real_write(fd, bytes(data[:3]))

    target = {"write": half_write, "fsync": boom, "replace": boom}[fail_at]
    monkeypatch.setattr(fixer.os, fail_at, target)
    with pytest.raises(OSError):
        write_atomic(p, "new text " * 10, encoding="utf-8")
    monkeypatch.undo()
    assert p.read_bytes() == b"original \xe1\xbb\x89"
    assert list(tmp_path.iterdir()) == [p]


def test_keyboard_interrupt_cleans_up(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_bytes(b"original")

    def interrupt(*a):
        raise KeyboardInterrupt

    monkeypatch.setattr(fixer.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(p, "new", encoding="utf-8")
    monkeypatch.undo()
    assert p.read_bytes() == b"original" and list(tmp_path.iterdir()) == [p]


CHILD = textwrap.dedent(
    """
    import os, sys, time
    sys.path.insert(0, {root!r})
    from refcheck.lint import fixer
    real_write = os.write
    def slow_write(fd, data):
        n = real_write(fd, bytes(data[:4096]))
        time.sleep(0.01)
        return n
    fixer.os.write = slow_write
    fixer.write_atomic({path!r}, "Chỉ thị số 35-CT/TW\\n" * 200000, encoding="utf-8")
    print("finished", flush=True)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_during_write_leaves_original_intact(tmp_path):
    p = tmp_path / "bai.txt"
    original = (f"{SENT}.\r\n" * 50).encode("utf-8")
    p.write_bytes(original)
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD.format(root=str(ROOT), path=str(p))],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        tmp = None
        while time.monotonic() < deadline:
            temps = [q for q in tmp_path.iterdir() if q.name.endswith(".refcheck-tmp")]
            if temps and temps[0].stat().st_size > 8192:
                tmp = temps[0]
                break
            assert proc.poll() is None, proc.stderr.read().decode()
            time.sleep(0.005)
        assert tmp is not None, "child never started writing"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert p.read_bytes() == original  # the original is intact
    assert read_path(p).text == original.decode()
    # what a kill can leave is a hidden stray temp file, never a damaged original
    assert all(q == p or q.name.startswith(".bai.txt.") for q in tmp_path.iterdir())


def test_fix_flow_end_to_end_md(tmp_path):
    """read -> fix -> diff -> write for a Markdown file with BOM, CRLF and front matter."""
    body = (
        "---\r\ndate: 2020-10-02\r\n---\r\n"
        f"{SENT.replace('35-CT/TW', '35/CT-TW')}.\r\n\r\n```\r\n35/CT-TW trong mã\r\n```\r\n"
    )
    p = tmp_path / "bai.md"
    p.write_bytes(codecs.BOM_UTF8 + body.encode())
    src = read_path(p)
    fixes = toy_fixes(src.text)  # only prose: the symbol in the code block is blanked
    assert [src.text[f.start : f.end] for f in fixes] == ["35/CT-TW", "30/5/2019", "Bộ Chính trị"]
    # fixes edit the decoded file, not the blanked scan text
    old, new, n = fix_source(src, fixes)
    assert n == 1 and old == src.source_text() != src.text
    d = unified_diff(src.path, old, new)
    assert d.count("\n-") == 1 and d.count("\n+") == 2
    write_atomic(p, new, encoding=src.encoding, bom=src.bom)
    expected = body.replace("35/CT-TW", "35-CT/TW", 1)
    assert p.read_bytes() == codecs.BOM_UTF8 + expected.encode()
    assert read_bytes(p.read_bytes(), "bai.md").front_matter_date == "2020-10-02"


def test_fix_source_refuses_html_and_docx():
    src = read_bytes(b"<p>Ch\xe1\xbb\x89 th\xe1\xbb\x8b 35/CT-TW</p>", "a.html")
    with pytest.raises(ValueError):
        fix_source(src, [Fix(0, 1, "x")])
