"""Hostile input, end to end: what the CLI does with every kind of bad file and catalog, and
proof that no input makes the scanner or the pipeline super-linear.

The CLI runs as a real subprocess (``python -m refcheck``), so a traceback, a crash or a
segfault cannot hide behind an in-process runner.
"""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from linear import LIMIT, assert_linear, growth

from refcheck.extract import articles as articles_mod
from refcheck.extract import scan as scan_mod
from refcheck.api import check_source
from refcheck.catalog.load import load_catalog

REPO = Path(__file__).resolve().parents[1]
SENT = "Thực hiện Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị về đại hội đảng bộ các cấp.\n"
ETH = "Theo Nghị định số 30/2020/N\u00d0-CP ngày 05/3/2020 của Chính phủ về công tác văn thư.\n"
PROSE = ("Cán bộ, đảng viên phải nêu gương, giữ gìn đoàn kết và kỷ cương trong toàn Đảng, đổi mới "
         "phương thức lãnh đạo, nâng cao năng lực cầm quyền và sức chiến đấu của tổ chức cơ sở đảng. ")


def cli(*args, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("REFCHECK_CACHE_DIR", str(cwd / ".cache"))
    env["NO_COLOR"] = "1"
    env["CI"] = "1"
    return subprocess.run([sys.executable, "-m", "refcheck.lint.cli", "check", *args], cwd=cwd,
                          env=env, capture_output=True, text=True, encoding="utf-8",
                          timeout=timeout)


def no_traceback(r: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in r.stderr, r.stderr
    assert r.returncode in (0, 1, 2), (r.returncode, r.stderr[-2000:])


def cp1258(s: str) -> bytes:
    """Windows-1258 as Vietnamese Word wrote it: precomposed base letters, combining tones."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = bytearray()
    for ch in s:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        out += base.encode("cp1258") + "".join(c for c in d if c in tones).encode("cp1258")
    return bytes(out)


def files_by_path(report: dict) -> dict:
    return {f["path"]: f for f in report["files"]}


def cits(f: dict) -> list[dict]:
    return [c for a in f["articles"] for c in a["citations"]]


def syms(f: dict) -> list[str]:
    return [f"{c['number']}-{c['type_code']}/{c['issuer_code']}" for c in cits(f)]


def codes(f: dict) -> list[str]:
    return [x["code"] for a in f["articles"] for x in a["findings"]]


# --------------------------------------------------------------------------- valid inputs


@pytest.fixture(scope="module")
def valid_run(tmp_path_factory):
    d = tmp_path_factory.mktemp("valid")
    texts = {
        "empty.txt": b"",
        "nfc.txt": SENT.encode(),
        "nfd.txt": unicodedata.normalize("NFD", SENT).encode(),
        "bom8.txt": b"\xef\xbb\xbf" + SENT.encode(),
        "bom16le.txt": b"\xff\xfe" + SENT.encode("utf-16-le"),
        "bom16be.txt": b"\xfe\xff" + SENT.encode("utf-16-be"),
        "crlf.txt": ("Tiêu đề\r\n\r\n" + SENT.replace("\n", "\r\n") * 2).encode(),
        "eth.txt": ETH.encode(),
        "nested.html": ("<div>" * 50000 + "<p>" + SENT + "</p>").encode(),
        "broken.html": (f"<p>{SENT}<b><i>không đóng <a href='http://example.invalid/x'"
                        "<img src=http://example.invalid/y.png></span></p></p><!-- x").encode(),
    }
    for name, data in texts.items():
        (d / name).write_bytes(data)
    r = cli(*texts, "--format", "json", cwd=d)
    return d, texts, r


def test_valid_inputs_checked_normally(valid_run):
    d, texts, r = valid_run
    no_traceback(r)
    assert r.returncode in (0, 1), r.stderr
    assert r.stderr == ""
    files = files_by_path(json.loads(r.stdout))
    assert set(files) == set(texts)
    assert all(f.get("error") is None for f in files.values())
    assert cits(files["empty.txt"]) == []
    want = [("Chỉ thị", "35", "2019-05-30", "Bộ Chính trị")]
    for name in ("nfc.txt", "nfd.txt", "bom8.txt", "bom16le.txt", "bom16be.txt", "nested.html"):
        got = [(c["type"], c["number"], c["date"], c["issuer"]) for c in cits(files[name])]
        assert got == want, name


def test_offsets_slice_the_decoded_file(valid_run):
    d, texts, r = valid_run
    files = files_by_path(json.loads(r.stdout))
    decoded = {"nfc.txt": SENT, "nfd.txt": unicodedata.normalize("NFD", SENT), "bom8.txt": SENT,
               "bom16le.txt": SENT, "bom16be.txt": SENT, "eth.txt": ETH,
               "crlf.txt": texts["crlf.txt"].decode()}
    for name, text in decoded.items():
        for c in cits(files[name]):
            assert text[c["start"]:c["end"]] == c["text"], name


def test_nfd_same_citations_as_nfc(valid_run):
    d, texts, r = valid_run
    files = files_by_path(json.loads(r.stdout))
    # columns count the file's code points, so they differ (NFD has more); the rest may not
    keys = ("type", "number", "year", "type_code", "issuer_code", "date", "issuer", "khoa",
            "line", "resolved")
    a = [{k: c.get(k) for k in keys} for c in cits(files["nfc.txt"])]
    b = [{k: c.get(k) for k in keys} for c in cits(files["nfd.txt"])]
    assert a == b and a
    assert codes(files["nfc.txt"]) == codes(files["nfd.txt"])


def test_crlf_lines(valid_run):
    d, texts, r = valid_run
    files = files_by_path(json.loads(r.stdout))
    assert [(c["line"], c["column"]) for c in cits(files["crlf.txt"])] == [(3, 11), (4, 11)]


def test_eth_lookalike_is_rc102_and_fixed_to_d_stroke(valid_run, tmp_path):
    d, texts, r = valid_run
    files = files_by_path(json.loads(r.stdout))
    f102 = [x for a in files["eth.txt"]["articles"] for x in a["findings"] if x["code"] == "RC102"]
    assert f102 and f102[0]["fix"]["replacement"] == "30/2020/NĐ-CP"
    p = tmp_path / "eth.txt"
    p.write_bytes(ETH.encode())
    r2 = cli("eth.txt", "--fix", cwd=tmp_path)
    no_traceback(r2)
    assert p.read_bytes() == ETH.replace("\u00d0", "Đ").encode()


def test_html_never_fetches(valid_run, monkeypatch):
    """Reading HTML with remote links/images must not touch the network."""
    import socket

    from refcheck.io.read import read_bytes

    def boom(*a, **k):
        raise AssertionError("network access while reading HTML")

    monkeypatch.setattr(socket, "create_connection", boom)
    monkeypatch.setattr(socket.socket, "connect", boom)
    d, texts, r = valid_run
    src = read_bytes(texts["broken.html"], "broken.html")
    assert "35-CT/TW" in src.text


def _big_size() -> int:
    return int(float(os.environ.get("REFCHECK_BIG_MB", "50")) * 1_000_000)


def test_large_single_line_file(tmp_path):
    """~50 MB on one line, a citation every ~2 kB (REFCHECK_BIG_MB to change the size)."""
    unit = SENT.rstrip("\n") + " " + PROSE * 12
    n = _big_size() // len(unit.encode()) + 1
    p = tmp_path / "big.txt"
    p.write_text(unit * n, encoding="utf-8")
    # (a hang or a super-linear path is caught by the timeout; ~5 s for 50 MB on a quiet
    # machine, and linearity itself is held by the tests below, not by a number of seconds)
    r = cli("big.txt", "--format", "concise", "--statistics", cwd=tmp_path, timeout=600)
    no_traceback(r)
    assert r.returncode in (0, 1) and r.stderr == ""


# --------------------------------------------------------------------------- refused inputs


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    d = tmp_path_factory.mktemp("bad")
    zbuf = io.BytesIO()
    with zipfile.ZipFile(zbuf, "w") as z:
        z.writestr("content.txt", SENT)
    bad = {
        "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(64),
        "legacy.txt": cp1258(SENT),
        "renamed.docx": zbuf.getvalue(),
        "text.docx": SENT.encode(),
        "truncated.docx": zbuf.getvalue()[:40],
    }
    for name, data in bad.items():
        (d / name).write_bytes(data)
    (d / "good1.txt").write_text(SENT, encoding="utf-8")
    (d / "good2.md").write_text("# Tiêu đề\n\n" + SENT, encoding="utf-8")
    os.symlink(d / "nowhere.txt", d / "dangling.txt")
    order = ["good1.txt", *bad, "dangling.txt", "good2.md"]
    return d, order, cli(*order, "--format", "json", "--lang", "en", cwd=d)


def test_bad_files_refused_one_line_each_others_checked(bad_run):
    d, order, r = bad_run
    no_traceback(r)
    assert r.returncode == 2
    lines = r.stderr.splitlines()
    refused = [n for n in order if not n.startswith("good")]
    assert len(lines) == len(refused), r.stderr
    for name in refused:
        assert sum(line.startswith(f"refcheck: {name}: ") for line in lines) == 1, (name, r.stderr)
    files = files_by_path(json.loads(r.stdout))
    for name in ("good1.txt", "good2.md"):
        assert syms(files[name]) == ["35-CT/TW"]


@pytest.mark.parametrize("name,needle", [
    ("image.txt", "PNG"),
    ("legacy.txt", "--encoding cp1258"),
    ("renamed.docx", "word/document.xml"),
    ("text.docx", "not a zip"),
    ("truncated.docx", "zip"),
    ("dangling.txt", "broken symbolic link"),
])
def test_refusal_messages(bad_run, name, needle):
    d, order, r = bad_run
    line = next(x for x in r.stderr.splitlines() if x.startswith(f"refcheck: {name}: "))
    assert needle in line


def test_legacy_file_reads_with_the_suggested_encoding(bad_run):
    d, order, r = bad_run
    r2 = cli("legacy.txt", "--encoding", "cp1258", "--format", "json", cwd=d)
    no_traceback(r2)
    assert r2.returncode in (0, 1)
    assert syms(json.loads(r2.stdout)["files"][0]) == ["35-CT/TW"]


def test_directory_named_like_a_file_is_walked(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "folder.txt" / "inner.txt").write_text(SENT, encoding="utf-8")
    r = cli("folder.txt", "--format", "json", cwd=tmp_path)
    no_traceback(r)
    assert r.returncode in (0, 1)
    assert [f["path"] for f in json.loads(r.stdout)["files"]] == [
        str(Path("folder.txt") / "inner.txt")]


def test_files_vanishing_or_turning_into_directories_between_listing_and_reading(
        tmp_path, monkeypatch):
    """Listing happens before reading; files change in between. Each is refused cleanly."""
    from click.testing import CliRunner

    import refcheck.lint.cli as cli_mod

    for n in ("a.txt", "gone.txt", "nowdir.txt", "z.txt"):
        (tmp_path / n).write_text(SENT, encoding="utf-8")
    real = cli_mod._iter_files

    def listing_then_change(*a, **k):
        names = list(real(*a, **k))
        (tmp_path / "gone.txt").unlink()
        (tmp_path / "nowdir.txt").unlink()
        (tmp_path / "nowdir.txt").mkdir()
        return iter(names)

    monkeypatch.setattr(cli_mod, "_iter_files", listing_then_change)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(tmp_path / ".cache"))
    res = CliRunner().invoke(cli_mod.main, ["check", "a.txt", "gone.txt", "nowdir.txt", "z.txt",
                                            "--format", "json", "--lang", "en"])
    assert res.exit_code == 2, res.output
    assert not isinstance(res.exception, Exception) or isinstance(res.exception, SystemExit)
    err = res.stderr.splitlines()
    assert any(x.startswith("refcheck: gone.txt: ") and "no such file" in x for x in err), err
    assert any(x.startswith("refcheck: nowdir.txt: ") and "directory" in x for x in err), err
    files = files_by_path(json.loads(res.stdout))
    assert syms(files["a.txt"]) == ["35-CT/TW"]
    assert syms(files["z.txt"]) == ["35-CT/TW"]


# --------------------------------------------------------------------------- catalog abuse


def _laughs(levels: int, width: int) -> str:
    out = ["refcheck_catalog: 1", "l0: &l0 [" + ",".join(['"lol"'] * width) + "]"]
    for i in range(1, levels):
        out.append(f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * width) + "]")
    out.append(f"documents: *l{levels - 1}")
    return "\n".join(out) + "\n"


CATALOGS = {
    "malformed.yaml": ("refcheck_catalog: 1\ndocuments:\n  - id: \"01-CT/TU@2019-05-30\"\n"
                       "    symbol: [01-CT/TU\n    system: party\n", None),
    "laughs.yaml": (_laughs(12, 10), None),
    "apply.yaml": ("refcheck_catalog: 1\ndocuments:\n  - id: x\n    symbol: 01-CT/TU\n"
                   "    title: !!python/object/apply:os.system [\"touch PWNED\"]\n", 5),
    "name.yaml": ("refcheck_catalog: 1\ndocuments:\n  - !!python/name:os.system\n", 3),
    "new.yaml": ("refcheck_catalog: 1\ndocuments:\n  - !!python/object/new:subprocess.Popen "
                 "[[touch, PWNED]]\n", 3),
    "tabs.yaml": ("refcheck_catalog: 1\n\tdocuments: []\n", 2),
    "binary.yaml": ("\x00\x01\x02", None),
    "list.yaml": ("- a\n- b\n", 1),
}


@pytest.mark.parametrize("name", sorted(CATALOGS))
def test_catalog_abuse_exit_2_with_file_line(tmp_path, name):
    body, line = CATALOGS[name]
    (tmp_path / name).write_text(body, encoding="utf-8")
    (tmp_path / "draft.txt").write_text(SENT, encoding="utf-8")
    r = cli("draft.txt", "--catalog", name, cwd=tmp_path, timeout=300)  # "billion laughs" never ends
    no_traceback(r)
    assert r.returncode == 2
    err = r.stderr.strip()
    m = re.search(re.escape(name) + r":(\d+):", err)
    assert m, err
    if line is not None:
        assert int(m.group(1)) == line, err
    assert not (tmp_path / "PWNED").exists()
    assert r.stdout == ""


def test_catalog_deep_nesting_does_not_crash(tmp_path):
    n = 100_000
    (tmp_path / "deep.yaml").write_text(
        "refcheck_catalog: 1\ndocuments: " + "[" * n + "]" * n + "\n", encoding="utf-8")
    (tmp_path / "draft.txt").write_text(SENT, encoding="utf-8")
    r = cli("draft.txt", "--catalog", "deep.yaml", cwd=tmp_path, timeout=120)
    assert r.returncode == 2 and "deep.yaml:" in r.stderr, (r.returncode, r.stderr[-500:])


# --------------------------------------------------------------------------- linear time

KB100, MB1 = 100_000, 1_000_000


def _rep(unit: str):
    return lambda n: (unit * (n // len(unit) + 1))[:n]


ADVERSARIAL = {
    "digits": _rep("1234567890"),
    "dashes": _rep("-"),
    "slashes": _rep("/"),
    "dates": _rep("1/1/"),
    "one-dash": _rep("1-"),
    "so": _rep("số "),
    "type-words": _rep("Nghị quyết "),
    "trung-uong": lambda n: ("Nghị quyết " + "Trung ương " * (n // 10))[:n],
    "symbol-list": _rep("35-CT/TW và "),
    "parens": lambda n: "(" * (n // 2) + ")" * (n // 2),
    "nested-parens-words": _rep("(khóa (Nghị quyết (số "),
    "spaces-after-congress": lambda n: "Nghị quyết Đại hội XIII" + " " * n + "x",
    "number-list": lambda n: "Chỉ thị số " + "1, " * (n // 3) + "35-CT/TW",
    "dash-lookalikes": _rep("1\u2013\u00d0/"),
    "combining-marks": lambda n: "a" + ("\u0301\u0323" * n)[:n],
    "nfd-prose": lambda n: _rep(unicodedata.normalize("NFD", SENT))(n),
    "separators": _rep("---\n"),
    "line-breaks": _rep("\r\n\r"),
    "repeated-headline": _rep("Tiêu đề bài viết hôm nay\n"),
    "datelines": _rep("02/10/2020\n"),
    # one article repeating a law's title after its full citation: each repeat is a short form
    # (shortforms.title_repeats once compared every repeat with all the earlier ones)
    "law-title-repeats": lambda n: ("Căn cứ Luật Đất đai năm 2013; " + "theo Luật Đất đai, " * (n // 19))[:n],
}


@pytest.fixture(scope="module")
def default_catalog():
    return load_catalog()


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_pipeline_linear_on_adversarial_input(name, default_catalog):
    assert_linear(lambda t: check_source(t, catalog=default_catalog), ADVERSARIAL[name], name)


def _regexes():
    out = {
        "SYMBOL_RE": lambda t: sum(1 for _ in scan_mod.SYMBOL_RE.finditer(t)),
        "_symbol_matches": lambda t: sum(1 for _ in scan_mod._symbol_matches(t)),
        "_named_starts": lambda t: sum(1 for _ in scan_mod._named_starts(t)),
        "_law_starts": lambda t: sum(1 for _ in scan_mod._law_starts(t)),
        "_broken": lambda t: sum(1 for _ in scan_mod._broken(t)),
        # called once per congress citation, at its end: a few calls, each must be linear
        "_LOCAL_AFTER": lambda t: [scan_mod._LOCAL_AFTER.match(t, i)
                                   for i in range(0, len(t), max(1, len(t) // 8))],
        "prefix": lambda t: [scan_mod._prefix_re().search(t, max(0, i - 80), i)
                             for i in range(0, len(t), 97)],
        "candidates": scan_mod.candidates,
        "_SEPARATOR": lambda t: articles_mod._SEPARATOR.match(t),
        "_DATELINE": lambda t: articles_mod._DATELINE.match(t),
        "_lines": articles_mod._lines,
    }
    for extra in ("LAW_RE",):  # present in newer scanners
        rx = getattr(scan_mod, extra, None)
        if rx is not None:
            out[extra] = lambda t, rx=rx: sum(1 for _ in rx.finditer(t))
    out["_bare_matches"] = lambda t: len(scan_mod._bare_matches(t))
    for extra in ("_broken_re",):
        f = getattr(scan_mod, extra, None)
        if f is not None:
            out[extra] = lambda t, f=f: sum(1 for _ in f().finditer(t))
    return out


REGEX_INPUTS = dict(ADVERSARIAL)
REGEX_INPUTS.update({
    "spaces": lambda n: " " * n + "x",
    "tabs-nbsp": _rep("\t\u00a0"),
    "dateline-spaces": lambda n: "02/10/2020" + " " * n + "x",
    "so-spaces": lambda n: "số" + " " * n + ":",
})


@pytest.mark.parametrize("rx", sorted(_regexes()))
def test_each_regex_linear(rx):
    fn = _regexes()[rx]
    worst = []
    for name, gen in REGEX_INPUTS.items():
        ratio, ts, tb = growth(fn, gen)
        if ratio >= LIMIT:
            worst.append(f"{name}: 100 kB {ts * 1000:.2f} ms, 1 MB {tb * 1000:.2f} ms CPU")
    assert not worst, f"{rx} super-linear on " + "; ".join(worst)


@pytest.mark.parametrize("unit", ["refcheck: ignore\n", "<!-- refcheck: ignore RC101 -->\n"])
def test_many_suppression_comments_linear(unit, default_catalog):
    assert_linear(lambda t: check_source(t, catalog=default_catalog), _rep(unit), unit)


def test_the_linear_check_catches_quadratic_work():
    """The helper is not a rubber stamp: work that is quadratic in the input fails it."""
    def quadratic(text: str) -> int:  # one search to the end from every 10th character
        return sum(text.find("x", i) < 0 for i in range(0, len(text), 10))

    ratio, _, _ = growth(quadratic, lambda n: "a" * n)
    assert ratio >= LIMIT, ratio
