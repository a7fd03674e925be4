"""Short forms over the whole news corpus, without hand labels (issue 13).

A short form here is a type word and a number with nothing after the number that makes it a
symbol ("Nghị định 100", "Chỉ thị số 35"), written after a full citation of the same type and
number in the same article ("Nghị định 100/2019/NĐ-CP", "Chỉ thị số 35-CT/TW"). Such a pair
almost always names one document, so refcheck should find the short form and link it
(``refers_to``) to an earlier citation of that number, or resolve it to the same document.

The candidates are found by a plain regex built from the vocabulary's type words, not by
refcheck's scanner, so the figure measures reach and is not the scanner grading itself.

    python bench/shorts_corpus.py                 # every article (~28k, a few minutes)
    python bench/shorts_corpus.py --limit 5000 --misses 30
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from refcheck.api import check_source  # noqa: E402
from refcheck.extract.lawtitle import PASSED  # noqa: E402
from refcheck.notation.vocab import alternation, load_vocab  # noqa: E402

_LAW_HINT = re.compile(r"[Ll]uật")
CORPUS = "/work/shared/data/news/baomoi-2017.jsonl.gz"


def _candidate_re(vocab) -> re.Pattern:
    # full type words and their abbreviations ("NĐ 100", "CT 35")
    words = [w for w in vocab.type_spellings() if " " in w] + list(vocab.short_types)
    # the number must not go on into a symbol ("100/2019", "35-CT"), a decimal or a date
    return re.compile(rf"(?<!\w)(?P<type>{alternation(words)})(?:\s+số)?\s+(?P<num>\d{{1,5}})"
                      r"(?![\d\w]|\s*[/\-–]\s*\w|[.,]\d)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=CORPUS)
    ap.add_argument("--limit", type=int, default=0, help="first N articles only")
    ap.add_argument("--misses", type=int, default=15, help="print this many misses")
    args = ap.parse_args(argv)
    vocab = load_vocab()
    cand_re = _candidate_re(vocab)
    counts: Counter = Counter()
    misses: list[str] = []
    law_counts: Counter = Counter()
    law_misses: list[str] = []
    with gzip.open(args.corpus, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if args.limit and n >= args.limit:
                break
            art = json.loads(line)
            text = art["text"]
            if not cand_re.search(text) and not _LAW_HINT.search(text):
                continue
            result = check_source(text, path=art["id"])
            cites = [c for a in result.articles for c in a.citations]
            res = [r for a in result.articles for r in a.resolutions]
            full = [(i, c) for i, c in enumerate(cites) if c.symbol and c.number is not None]
            for m in cand_re.finditer(text):
                typ = vocab.canonical_type(m["type"])
                num = int(m["num"])
                earlier = [(i, c) for i, c in full
                           if c.end <= m.start() and c.number == num and c.type == typ]
                if not earlier:
                    continue
                counts["short forms with an earlier full citation"] += 1
                hit = [(i, c) for i, c in enumerate(cites)
                       if c.start <= m.start("num") < c.end]
                if not hit:
                    counts["not found"] += 1
                    why = "not found"
                else:
                    i, c = hit[0]
                    ids = {d.id for j, _ in earlier for d in res[j].documents} if res else set()
                    mine = {d.id for d in res[i].documents} if res else set()
                    if c.refers_to is not None and cites[c.refers_to].number == num:
                        counts["linked (refers_to)"] += 1
                        continue
                    if c.symbol and c.number == num:
                        counts["written in full here (not a short form)"] += 1
                        continue
                    if ids and mine & ids:
                        counts["resolved to the same document"] += 1
                        continue
                    counts["found, not linked"] += 1
                    why = f"found as {c.kind} {c.text!r}, refers_to={c.refers_to}"
                if len(misses) < args.misses:
                    ctx = text[max(0, m.start() - 60):m.end() + 40].replace("\n", " ")
                    misses.append(f"{art['id']}: {why}\n    …{ctx}…\n    earlier: "
                                  f"{earlier[-1][1].text!r}")
            _law_repeats(text, cites, res, law_counts, law_misses, args.misses, art["id"])
    _table("short forms after a full citation of the same type and number", counts)
    if misses:
        print("\nmisses:")
        print("\n".join(misses))
    print()
    _table("law titles repeated without a year after a full citation", law_counts)
    if law_misses:
        print("\nmisses:")
        print("\n".join(law_misses))
    return 0


# "Luật Nhà ở ban hành năm 2014" (baomoi/22277363) carries its year: the words refcheck reads
# between a title and its year (lawtitle.PASSED) make it a full citation, not a repeat.
_YEAR_AFTER = re.compile(r"[ \t]*(?:\(?sửa đổi\)?[ \t]*)?(?:,[ \t]*)?"
                         rf"(?:{PASSED}[ \t]+)?(?:năm[ \t]+|số[ \t]+|ngày[ \t]+)?\d")


def _law_repeats(text, cites, res, counts, misses, max_misses, art_id) -> None:
    """A law cited with its year or date, then its title again without one ("Luật Đất đai
    năm 2013" … "Luật Đất đai"): the repeat should be found and linked to it."""
    seen_titles = set()
    for i, c in enumerate(cites):
        if c.kind != "named" or not c.title or not (c.year or c.date) or c.title in seen_titles:
            continue
        seen_titles.add(c.title)
        word = re.escape(c.text.split(c.title[:3])[0].strip() or "Luật")
        rx = re.compile(rf"(?<!\w)(?<!pháp[ \t]){word}[ \t]+{re.escape(c.title)}(?!\w)", re.IGNORECASE)
        for m in rx.finditer(text, c.end):
            if _YEAR_AFTER.match(text, m.end()):
                continue
            counts["short forms with an earlier full citation"] += 1
            hit = [(j, d) for j, d in enumerate(cites) if d.start <= m.start() + 1 < d.end]
            if not hit:
                counts["not found"] += 1
                why = "not found"
            else:
                j, d = hit[0]
                if d.refers_to is not None and cites[d.refers_to].title:
                    counts["linked (refers_to)"] += 1
                    continue
                ids = {x.id for x in res[i].documents}
                if ids and ids & {x.id for x in res[j].documents}:
                    counts["resolved to the same document"] += 1
                    continue
                if d is c or d.start < c.end:
                    counts["written in full here (not a short form)"] += 1
                    continue
                counts["found, not linked"] += 1
                why = f"found as {d.kind} {d.text!r}, refers_to={d.refers_to}"
            if len(misses) < max_misses:
                ctx = text[max(0, m.start() - 60):m.end() + 40].replace("\n", " ")
                misses.append(f"{art_id}: {why}\n    …{ctx}…\n    earlier: {c.text!r}")


def _table(what: str, counts: Counter) -> None:
    total = counts.pop("short forms with an earlier full citation", 0)
    full_here = counts.pop("written in full here (not a short form)", 0)
    total -= full_here
    good = counts["linked (refers_to)"] + counts["resolved to the same document"]
    print(f"{what}: {total}"
          f" (+{full_here} the regex took for short that are written in full)")
    for k, v in counts.most_common():
        print(f"  {k:32} {v:6}  {100 * v / max(total, 1):5.1f} %")
    print(f"linked or resolved: {good}/{total} = {100 * good / max(total, 1):.1f} %")


if __name__ == "__main__":
    raise SystemExit(main())
