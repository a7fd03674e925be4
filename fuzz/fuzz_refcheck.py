#!/usr/bin/env python3
"""Fuzz target: bytes -> read -> scan/parse -> check -> every report format.

With atheris installed (``pip install atheris``) this is a coverage-guided libFuzzer target:

    python fuzz/fuzz_refcheck.py -max_total_time=600 fuzz/corpus

Without atheris, or with ``--runs N``, it runs N random inputs built from real citations,
hostile fragments and random bytes (deterministic with ``--seed``):

    python fuzz/fuzz_refcheck.py --runs 20000 --seed 1

Invariants checked on every input: nothing raises except a clean ``ReadError``; every
citation's ``text`` is ``text[start:end]``; findings and fixes lie inside the text; JSON and
SARIF output are valid JSON; terminal formats carry no raw ESC/BEL from the input.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

try:  # pragma: no cover - only when fuzzing for real
    import atheris
except ImportError:  # plain random loop
    atheris = None

if atheris is not None and __name__ == "__main__":  # pragma: no cover
    with atheris.instrument_imports():
        from refcheck.api import check_source
        from refcheck.catalog.load import load_catalog
        from refcheck.io.read import ReadError, read_bytes
        from refcheck.lint.report import render
else:
    from refcheck.api import check_source
    from refcheck.catalog.load import load_catalog
    from refcheck.io.read import ReadError, read_bytes
    from refcheck.lint.report import render

KINDS = ("x.txt", "x.md", "x.html", "x.docx")
FORMATS = ("json", "sarif", "grouped", "concise", "github")
_CATALOG = None


def _catalog():
    global _CATALOG
    if _CATALOG is None:
        _CATALOG = load_catalog()
    return _CATALOG


def TestOneInput(data: bytes) -> None:
    """One input: the first byte picks the file kind and the article date, the rest is the file."""
    if not data:
        data = b"\x00"
    sel, body = data[0], data[1:]
    path = KINDS[sel % len(KINDS)]
    article_date = (None, "2020-10-02")[(sel >> 2) & 1]
    lang = ("vi", "en")[(sel >> 3) & 1]
    try:
        src = read_bytes(body, path)
    except ReadError as e:
        assert "\n" not in str(e)
        return
    text = src.text
    result = check_source(text, path=path, catalog=_catalog(), article_date=article_date,
                          front_matter_date=src.front_matter_date, lang=lang,
                          position=src.position, kind=src.kind)
    for a in result.articles:
        for c in a.citations:
            assert c.text == text[c.start:c.end], (c.text, c.start, c.end)
            if c.symbol_span is not None:
                assert c.symbol_raw == text[c.symbol_span.start:c.symbol_span.end]
        for f in a.findings:
            assert 0 <= f.start <= f.end <= len(text), f
            if f.fix is not None:
                assert 0 <= f.fix.start <= f.fix.end <= len(text), f.fix
    for fmt in FORMATS:
        out = render(fmt, [result], "0", lang)
        if fmt in ("json", "sarif"):
            json.loads(out)
        else:
            assert "\x1b" not in out and "\x07" not in out, fmt


# --------------------------------------------------------------------------- random inputs

CITATIONS = [
    "Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị",
    "Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị",
    "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ",
    "Nghị quyết Trung ương 4 (Khóa XI, XII)",
    "Nghị quyết Đại hội XIII của Đảng",
    "Nghị quyết T.Ư 4, khóa XII",
    "Quyết định số 1665/QĐ-BCT ngày 05 tháng 4 năm 2012 của Bộ trưởng Bộ Công Thương",
    "Thông tư số 03 /2016/TT-BNNPTNT",
    "Nghị quyết 19-2017/NQ-CP ngày 6/2/2017",
    "Pháp lệnh số 04/2012/UBTVQH13 ngày 16/7/2012",
    "Nghị quyết 379/2017/UBTVQH14 ban hành ngày 4/5/20",
    "Chỉ thị số 11-CT/TW, ngày 20/12/2016 của Ban Bí thư, Chỉ thị số 13/CT-TTg ngày 17/12/2016",
    "Luật Đất đai 2013", "Chỉ thị 35", "Kết luận 01-KL/TW của Bộ Chính trị",
]
FRAGMENTS = [
    "số ", "số: ", "Nghị quyết ", "Trung ương ", "Đại hội ", "-CT/TW", "/NĐ-CP", "/2020/",
    "ngày 31/2/2019", "(khóa XII)", "của Bộ Chính trị", " và ", ", ", "\n", "\r\n", "\r", "\t",
    "\x1b[31m", "\x07", "\u202e", "\u0301", "\u0323", "\u00d0", "\u2013", "\u00a0", "\ufeff",
    "\x00", "\f", "---\n", "refcheck: ignore RC102\n", "<!-- refcheck: ignore -->",
    "<p>", "</p>", "<div>", "<pre>", "&amp;", "&#x110;", "<!--", "```\n", "`", "# ", "    ",
    "1/1/1/1", "1-1-1-1", "((((", "))))", "Ð", "Thứ Sáu, 02/10/2020 10:30\n",
]


def random_input(rng: random.Random) -> bytes:
    parts = []
    for _ in range(rng.randint(0, 12)):
        r = rng.random()
        if r < 0.3:
            parts.append(rng.choice(CITATIONS))
        elif r < 0.75:
            parts.append(rng.choice(FRAGMENTS) * rng.choice((1, 1, 1, 2, 5, 40)))
        else:
            parts.append("".join(chr(rng.choice((rng.randint(0, 0x7f), rng.randint(0, 0x2fff),
                                                 rng.randint(0, 0x10ffff))))
                                 for _ in range(rng.randint(0, 20))))
    text = "".join(parts)
    data = text.encode("utf-8", "surrogatepass" if rng.random() < 0.05 else "replace")
    if rng.random() < 0.1:  # flip bytes
        b = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            if b:
                b[rng.randrange(len(b))] = rng.randrange(256)
        data = bytes(b)
    if rng.random() < 0.05:
        data = rng.choice((b"\xef\xbb\xbf", b"\xff\xfe", b"PK\x03\x04", b"\x89PNG\r\n\x1a\n")) + data
    return bytes([rng.randrange(256)]) + data


def random_inputs(n: int, seed: int = 0):
    rng = random.Random(seed)
    for _ in range(n):
        yield random_input(rng)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0], add_help=False)
    ap.add_argument("--runs", type=int, default=None)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-h", "--help", action="store_true")
    args, rest = ap.parse_known_args(argv)
    if args.help:
        print(__doc__)
        return 0
    if atheris is not None and args.runs is None:  # pragma: no cover
        atheris.Setup([sys.argv[0], *rest], TestOneInput)
        atheris.Fuzz()
        return 0
    n = 10_000 if args.runs is None else args.runs
    t0 = time.perf_counter()
    for i, data in enumerate(random_inputs(n, args.seed)):
        try:
            TestOneInput(data)
        except Exception:
            print(f"input {i} (seed {args.seed}) failed: {data!r}", file=sys.stderr)
            raise
    print(f"{n} inputs, no failure ({time.perf_counter() - t0:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
