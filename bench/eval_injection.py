"""Injected-error evaluation on real news: are wrong dates, type words and issuers caught,
without false alarms on the correct citations they were made from?

    python bench/eval_injection.py [--articles N] [--skip K]

Reads ../shared/data/news/baomoi-2017.jsonl.gz (benchmarks may; tests never do). A citation
counts as *correct* when it resolves, with certainty, to exactly one catalog document whose
date equals the written date and refcheck raises nothing about it. Each correct citation is
then mutated three ways, one at a time, inside its own sentence:

* date: the day moved by one (or the month by one when the day would become invalid);
* type word: replaced by another type word whose codes differ (Chỉ thị -> Nghị quyết);
* issuer: the issuer phrase replaced by another known body (or one added after the date);
* year: the year inside a State symbol moved back by one (30/2020/NĐ-CP -> 30/2019/NĐ-CP);
* issuer-nodate: for Party symbols, the issuer swapped and the date dropped (the resolution is
  then a guess, so a warning "if X is meant" is what can be asked).

The report gives, per mutation, how many were caught (any finding of warning or error on
that citation) and by which codes, and the false-alarm rate on the unmutated citations.
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from refcheck.api import check_source  # noqa: E402
from refcheck.catalog.load import load_catalog  # noqa: E402

CORPUS = ROOT.parent / "shared" / "data" / "news" / "baomoi-2017.jsonl.gz"
OTHER_TYPE = {"Chỉ thị": "Nghị quyết", "Nghị quyết": "Chỉ thị", "Kết luận": "Chỉ thị",
              "Quy định": "Chỉ thị", "Quyết định": "Nghị định", "Nghị định": "Thông tư",
              "Thông tư": "Nghị định", "Hướng dẫn": "Kết luận", "Luật": "Nghị định"}
OTHER_BODY = {"Bộ Chính trị": "Ban Bí thư", "Ban Bí thư": "Bộ Chính trị",
              "Ban Chấp hành Trung ương": "Ban Bí thư", "Chính phủ": "Thủ tướng Chính phủ",
              "Thủ tướng Chính phủ": "Chính phủ", "Quốc hội": "Chính phủ"}
BODY_FOR_CODE = {"TW": "Bộ Chính trị", "CP": "Chính phủ", "TTg": "Thủ tướng Chính phủ"}


def _shift_date(raw: str, parts: tuple[int, int, int]) -> str | None:
    import datetime
    import re

    d, m, y = parts
    try:
        new = datetime.date(y, m, d) + datetime.timedelta(days=1)
    except ValueError:
        return None
    if new.year != y:
        return None
    nums = re.findall(r"\d+", raw)
    if len(nums) != 3:
        return None
    out = raw
    # Replace the day (first number) and, when it rolled over, the month.
    out = re.sub(r"\d+", str(new.day).zfill(len(nums[0])), out, count=1)
    if new.month != m:
        first = re.search(r"\d+", out)
        rest = out[first.end():]
        rest = re.sub(r"\d+", str(new.month).zfill(len(nums[1])), rest, count=1)
        out = out[:first.end()] + rest
    return out


def _findings_on(result, span):
    a0, a1 = span
    out = []
    for a in result.articles:
        for f in a.findings:
            if f.severity in ("warning", "error") and f.start < a1 and f.end > a0:
                out.append(f.code)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=28462)
    ap.add_argument("--skip", type=int, default=0)
    args = ap.parse_args()
    cat = load_catalog()
    caught = collections.Counter()
    total = collections.Counter()
    codes = collections.defaultdict(collections.Counter)
    misses = collections.defaultdict(list)
    correct = false_alarms = error_alarms = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i < args.skip:
                continue
            if i >= args.skip + args.articles:
                break
            text = json.loads(line)["text"]
            if "/" not in text:
                continue
            res = check_source(text, catalog=cat)
            for a in res.articles:
                for ci, (c, r) in enumerate(zip(a.citations, a.resolutions)):
                    if not (c.kind == "symbol" and c.date and c.type and len(r.documents) == 1
                            and r.certain and r.documents[0].date == c.date
                            and r.documents[0].verified and not c.type_inherited):
                        continue
                    correct += 1
                    own = [f for f in a.findings if f.citation == ci and f.severity != "info"]
                    if any(f.severity == "error" for f in own):
                        error_alarms += 1
                    if own:
                        false_alarms += 1
                        misses["false-alarm"].append((c.text, [f.code for f in own]))
                        continue
                    # Work on the citation's own sentence so that other citations do not interfere.
                    s0 = max(text.rfind(".", 0, c.start), text.rfind("\n", 0, c.start)) + 1
                    prefix, body = text[s0:c.start], c.text
                    muts = {}
                    new_date = _shift_date(c.date_raw, c.date_parts)
                    if new_date:
                        ds = c.date_span.start - c.start
                        muts["date"] = body[:ds] + new_date + body[ds + len(c.date_raw):]
                    other = OTHER_TYPE.get(c.type)
                    if other and body.startswith(body[:len(c.type)]) and body[:len(c.type)].lower() == c.type.lower():
                        muts["type"] = other + body[len(c.type):]
                    if c.issuer_span and c.issuer in OTHER_BODY:
                        i0 = c.issuer_span.start - c.start
                        muts["issuer"] = body[:i0] + OTHER_BODY[c.issuer] + body[c.issuer_span.end - c.start:]
                    elif not c.issuer and c.issuer_code in BODY_FOR_CODE:
                        wrong = OTHER_BODY[BODY_FOR_CODE[c.issuer_code]]
                        muts["issuer"] = body + f" của {wrong}"
                    if c.year and c.symbol_span and f"/{c.year}/" in c.symbol_raw:
                        # year in the symbol moved by one: 30/2020/NĐ-CP -> 30/2019/NĐ-CP
                        y0 = c.symbol_span.start - c.start + c.symbol_raw.index(f"/{c.year}/") + 1
                        muts["year"] = body[:y0] + str(c.year - 1) + body[y0 + 4:]
                    if "issuer" in muts and c.date_span and c.system == "party":
                        # the issuer swapped on a Party symbol cited without its date (the
                        # resolution is then only a guess): a warning "if X is meant" is expected
                        d0, d1 = c.date_span.start - c.start, c.date_span.end - c.start
                        m = muts["issuer"]
                        lead = body[:d0].rstrip(" ,")
                        if lead.endswith("ngày"):
                            lead = lead[:-4].rstrip(" ,")
                        shift = len(m) - len(body)
                        muts["issuer-nodate"] = lead + " " + m[d1 + (shift if c.issuer_span and
                                                           c.issuer_span.start < c.date_span.start else 0):].lstrip(" ,")
                    for kind, mutated in muts.items():
                        sample = prefix + mutated
                        total[kind] += 1
                        got = _findings_on(check_source(sample, catalog=cat),
                                           (len(prefix), len(prefix) + len(mutated)))
                        if got:
                            caught[kind] += 1
                            codes[kind].update(set(got))
                        else:
                            misses[kind].append(mutated)
    print(f"correct citations used: {correct}; false alarms on them: {false_alarms}"
          f" ({false_alarms / max(correct, 1):.2%}), of them error-level: {error_alarms}")
    print(f"{'mutation':10s} {'injected':>9s} {'caught':>7s} {'rate':>7s}  codes")
    for kind in ("date", "type", "issuer", "year", "issuer-nodate"):
        n, k = total[kind], caught[kind]
        print(f"{kind:10s} {n:9d} {k:7d} {k / max(n, 1):7.2%}  {dict(codes[kind].most_common(4))}")
    for kind, items in misses.items():
        print(f"\n{kind}: first misses")
        for x in items[:8]:
            print("   ", x)
    return 0


if __name__ == "__main__":
    sys.exit(main())
