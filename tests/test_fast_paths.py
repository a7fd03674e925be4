"""Fast paths (issue 16) held to the plain path they skip, on real text: each gate may only
say "nothing here" where the plain path finds nothing, and the results are the same with the
gate and without it. Texts: tests/data/official (99 documents), seeds/, the 30 articles of
tests/data/news-sample.jsonl.gz and the sentences of the tsv tables of tests/data; each also
in capitals and with its first lines in capitals (headlines, official headers), so that the
gates are crossed both ways."""
from __future__ import annotations

import csv
import gzip
import json
from functools import lru_cache
from pathlib import Path


from refcheck.extract import caps

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


@lru_cache(maxsize=1)
def real_texts() -> tuple[str, ...]:
    texts = [p.read_text("utf-8") for p in sorted((DATA / "official").glob("*.txt"))]
    texts += [p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    with gzip.open(DATA / "news-sample.jsonl.gz", "rt", encoding="utf-8") as fh:
        texts += [json.loads(line).get("text") or "" for line in fh if line.strip()]
    for name in ("citation-examples.tsv", "named-forms.tsv", "true-errors.tsv",
                 "false-errors.tsv"):
        with open(DATA / name, encoding="utf-8") as fh:
            for row in csv.reader(fh, delimiter="\t"):
                texts += [cell for cell in row if len(cell) > 20]
    return tuple(texts)


@lru_cache(maxsize=1)
def variants() -> tuple[str, ...]:
    out = []
    for t in real_texts():
        lines = t.split("\n")
        out += [t, t.upper(), "\n".join([ln.upper() for ln in lines[:4]] + lines[4:])]
    return tuple(out)


def test_the_corpus_is_real_and_large():
    assert len(real_texts()) > 200 and sum(map(len, real_texts())) > 250_000


def test_the_capitals_gate_says_no_only_where_the_hint_finds_nothing():
    hint = caps._hint()
    passed = found = 0
    for t in variants():
        may = caps._may_hold(t)
        has = hint.search(t) is not None
        assert may or not has, t[:80]
        passed += may
        found += has
    assert found > 100  # capitals are crossed (official headers, upper-cased variants)
    assert passed < len(variants())  # and the gate does say no


def test_cased_is_the_same_with_and_without_the_gate(monkeypatch):
    fast = [caps.cased(t) for t in variants()]
    monkeypatch.setattr(caps, "_may_hold", lambda text: True)
    plain = [caps.cased(t) for t in variants()]
    assert fast == plain
    assert sum(f is not t for f, t in zip(fast, variants())) > 50  # recased, not all skipped


def _pairs():
    """Every (pattern, opening literal) searched through ``finditer_from``."""
    from refcheck.extract import anchors, lawnames, scan

    pairs = [(lawnames._LUAT, "uật"), (lawnames._LUAT_WRAPPED, "uật"),
             (lawnames._PHAP_LENH, "lệnh"), (lawnames._BL, "BL"),
             (anchors._SLASH_CODE, "/"), (anchors._YEAR_SLASH, "/"), (scan._SO_NUMBER, "ố")]
    pairs += [(rx, lit) for lit, rx in anchors._named_res()]
    pairs += [(rx, lit) for lit, rx, _shift, _members in anchors._law_anchors()]
    return pairs


def test_a_search_from_the_first_literal_finds_what_the_plain_search_finds():
    from refcheck.text.literals import finditer_from

    found = 0
    for rx, lit in _pairs():
        for t in variants()[::3]:
            n = len(t)
            for lo, hi in ((0, n), (n // 3, n), (1, max(1, n - 7)), (n // 2, n // 2 + 900)):
                want = [m.span() for m in rx.finditer(t, lo, hi)]
                got = [m.span() for m in finditer_from(rx, lit, t, lo, hi)]
                assert got == want, (rx.pattern[:40], lo, hi, t[:60])
                assert all(t.startswith(lit, s) for s, _ in want)
                found += len(want)
    assert found > 1000


def test_the_finders_tried_at_their_literals_find_what_their_patterns_find():
    """A pattern that opens with a class or a case-blind word is tried at every position of a
    long article; tried only where a literal inside it allows (a year, "ăn bản số", a slash
    and a year, the "**" of emphasis, a "Q" or "q"), it finds the same matches, groups included."""
    import re

    from refcheck.extract import scan, shortforms
    from refcheck.text import datefloor
    from refcheck.text.literals import finditer_at

    def any_years(t, lo, hi):
        starts = datefloor._year_starts(t, lo, datefloor._years(t, lo, hi), False)
        return finditer_at(datefloor._ANY_YEAR, t, lo, hi, starts)

    def one_letter(spelling):  # _lower_rx as it was, opened with its first letter alone
        first = re.escape(spelling[0])
        return re.compile(first + rf"(?<!\w{first})" + re.escape(spelling[1:]).replace("\\ ", "[ \\t\u00a0]+")
                          + r"[ \t\u00a0]+(?:số[ \t\u00a0]+)?0*(?P<n>[0-9]+)(?![\w/\-\u2013]|[.,]\d)")

    pairs = [(datefloor._SYMBOL_YEAR.finditer, datefloor.symbol_years),
             (datefloor._MONTH_YEAR.finditer, datefloor.month_years),
             (datefloor._ANY_YEAR.finditer, any_years),
             (datefloor._ASSEMBLY.finditer, datefloor.assembly_terms),
             (shortforms._GENERIC_NUMBER.finditer, shortforms.generic_numbers),
             (re.compile(r"bộ|luật|pháp lệnh", re.IGNORECASE).finditer, shortforms._LAW_ANCHOR.finditer),
             (re.compile(r"(?<=\w)\*{2,4}(?=\w)").finditer, scan._SPLIT.finditer)]
    pairs += [(one_letter(w).finditer, shortforms._lower_rx(w).finditer)
              for w in ("nghị định", "thông tư", "quyết định")]
    found = [0] * len(pairs)
    news = ("thực hiện đúng theo tinh thần thông tư 15 của Bộ",  # baomoi 21472656
            "thành lập Ban chỉ đạo của Bộ Công Thương tại quyết định số 4898 ngày 15/12/2016",  # 21470661
            "Văn bản số 119 /BC-BCT … cùng Văn bản số 119 nêu trên")  # 21488033
    for t in variants()[::3] + news:
        n = len(t)
        for lo, hi in ((0, n), (n // 3, n), (1, max(1, n - 7)), (n // 2, n // 2 + 900)):
            for i, (plain, fast) in enumerate(pairs):
                want = [(m.span(), m.groups()) for m in plain(t, lo, hi)]
                assert [(m.span(), m.groups()) for m in fast(t, lo, hi)] == want, (i, lo, hi, t[:60])
                found[i] += len(want)
    assert all(found), str(found)


def _reports(texts) -> list[str]:
    from refcheck.api import check_source
    from refcheck.lint.report.common import _Lazy
    from refcheck.lint.report.jsonfmt import _ENCODE, file_json

    out = []
    for t in texts:
        r = check_source(t, path="a.txt")
        out.append(_ENCODE(file_json(r, _Lazy(r, None))))
    return out


def _plain(monkeypatch) -> None:
    """Every fast path of this module off: the plain searches."""
    from refcheck.extract import anchors, articles, lawnames, scan

    def plain(rx, literal, text, pos=0, endpos=None):
        return rx.finditer(text, pos, len(text) if endpos is None else endpos)

    for mod in (anchors, lawnames, scan):
        monkeypatch.setattr(mod, "finditer_from", plain)
    from refcheck.extract import shortforms
    from refcheck.text import datefloor

    for mod in (datefloor, shortforms):  # tried where a literal allows: tried everywhere
        monkeypatch.setattr(mod, "finditer_at", lambda rx, text, pos, endpos, starts:
                            rx.finditer(text, pos, endpos))
    monkeypatch.setattr(lawnames, "first", lambda lit, text, pos, endpos: text.find(lit, pos, endpos))
    monkeypatch.setattr(caps, "_may_hold", lambda text: True)
    monkeypatch.setattr(articles, "official_top", _official_plain)
    monkeypatch.setattr(scan, "official_top", _official_plain)


def test_the_reports_are_the_same_with_and_without_the_fast_paths(monkeypatch):
    texts = variants()
    fast = _reports(texts)
    _plain(monkeypatch)
    plain = _reports(texts)
    assert fast == plain
    assert sum('"citations":[{' in r for r in fast) > 150  # citations were found, not none


def _official_plain(text: str) -> bool:
    from refcheck.extract import articles

    return (text.find("Hạnh phúc", 0, 3000) >= 0
            or articles._colon_header(text, 0, min(len(text), 3000)) is not None
            or articles.caps_header(text, 0, min(len(text), 3000)) is not None)


def test_remembered_answers_are_those_of_the_plain_search():
    """literals.first and articles.official_top remember the answer for the text asked last
    (by identity): asked in turn for other texts and bounds, each answer is the plain one."""
    from refcheck.extract import articles
    from refcheck.text.literals import first

    texts = variants()[:120]
    officials = 0
    for t, u in zip(texts, texts[1:] + texts[:1]):
        for s in (t, u, t, t[:3000], u):
            for lit in ("uật", "lệnh", "BL", "Hiến"):
                for lo, hi in ((0, len(s)), (len(s) // 2, len(s)), (0, len(s) // 3)):
                    assert first(lit, s, lo, hi) == s.find(lit, lo, hi)
            assert articles.official_top(s) == _official_plain(s), s[:60]
            officials += articles.official_top(s)
    assert officials > 50


def test_line_starts_are_those_of_the_line_break_pattern(monkeypatch):
    """text/positions.line_starts splits a text without "\\r" at "\\n" (C level) instead of
    running LINE_BREAK, or finds the literal "\\n" in a text too long to split (here: over 300
    characters): the same starts, for texts with and without "\\r\\n" and "\\r"."""
    from refcheck.text import positions

    def plain(t: str) -> list[int]:
        return [0] + [m.end() for m in positions.LINE_BREAK.finditer(t)]

    n = 0
    for i, t in enumerate(variants()[::2]):
        monkeypatch.setattr(positions, "_SPLIT_MAX", 300 if i % 2 else 1 << 20)
        for s in (t, t.replace("\n", "\r\n"), t.replace("\n", "\r"), t + "\n", "\n" + t, t[:1]):
            assert positions.line_starts(s) == plain(s)
            assert positions.LineIndex(s).position(len(s) // 2) == _plain_position(plain(s), len(s) // 2)
            n += 1
    assert n > 1000


def _plain_position(starts: list[int], offset: int) -> tuple[int, int]:
    from bisect import bisect_right

    i = bisect_right(starts, offset) - 1
    return i + 1, offset - starts[i] + 1


def test_an_archive_line_is_read_as_json_loads_reads_it():
    """lint/jsonl.load_line (one decoder for every line) against json.loads(raw,
    parse_constant=str): the same values and the same errors, on the lines of
    tests/data/news-sample.jsonl.gz and on broken ones."""
    from refcheck.lint.jsonl import load_line

    with gzip.open(DATA / "news-sample.jsonl.gz", "rb") as fh:
        lines = [line for line in fh if line.strip()]
    lines += [b'{"a":NaN,"b":[Infinity,-Infinity]}', b"\xef\xbb\xbf{}", "\ufeff{}", b"{bad",
              b'{"x":"\\ud800"}', b"\xff\xfe{\x00}\x00", b"\xff", b"", lines[0][:40],
              lines[1].decode("utf-8")]

    def outcome(read, raw):
        try:
            return "ok", read(raw)
        except ValueError as e:
            return type(e).__name__, str(e)

    for raw in lines:
        assert outcome(load_line, raw) == outcome(lambda r: json.loads(r, parse_constant=str), raw)


def test_the_newline_is_detected_as_by_counting():
    from refcheck.io.read import detect_newline

    def plain(t: str) -> str:
        crlf = t.count("\r\n")
        lf, cr = t.count("\n") - crlf, t.count("\r") - crlf
        best = max(lf, crlf, cr)
        return "\n" if best == 0 or lf == best else ("\r\n" if crlf == best else "\r")

    for t in variants()[::5]:
        for s in (t, t.replace("\n", "\r\n"), t.replace("\n", "\r"), t + "\r", "x"):
            assert detect_newline(s) == plain(s)
