"""Self-check of the catalog: every entry cited correctly, from its own facts, raises no error.

Why: news cites too few documents to show the error-level classes (bench/judged.py), but any
citation built from a catalog entry's own symbol, type, date, issuer, khóa and title is
correct by construction, so an error-level finding on it is a false error (a rule that
misreads a real citation form, or a catalog entry that contradicts itself). The forms are
the ones real text uses: "{type} số {symbol} ngày {d}/{m}/{y} của {issuer}", "ngày dd tháng
mm năm yyyy", "theo {type} số {symbol}, ngày d-m-yyyy", the khóa after a Party document,
laws by title with the year, the symbol or a "Căn cứ … ngày …" date. Each is checked without
an article date and with one a month after the document. Entries whose registry issuer
contradicts their own code (Nghị định 113/2017/NĐ-CP "của Bộ Công Thương") are skipped: a text
that copies that issuer is rightly an error.

    python bench/judge/selfcheck.py [--show 6]
"""
from __future__ import annotations

import argparse
import collections
import datetime
import sys

from refcheck.api import check_source
from refcheck.catalog.load import load_catalog
from refcheck.rules.base import bodies_for_codes, issuer_contradicts


def forms(d) -> list[str]:
    """Correct citations of one entry, in the forms real text uses."""
    y, m, dd = d.date.split('-')
    iss = f" của {d.issuer}" if d.issuer else ""
    out = [f"{d.type} số {d.symbol} ngày {int(dd)}/{int(m)}/{y}{iss}",
           f"{d.type} số {d.symbol} ngày {dd} tháng {m} năm {y}{iss}",
           f"{d.type} {d.symbol}{iss}",
           f"theo {d.type[0].lower() + d.type[1:]} số {d.symbol}, ngày {int(dd)}-{int(m)}-{y}{iss}"]
    if d.khoa:
        out += [f"{d.type} số {d.symbol} ngày {int(dd)}/{int(m)}/{y}{iss} khóa {d.khoa}",
                f"{d.type} số {d.symbol}{iss} (khóa {d.khoa})"]
    if d.title and d.type in ('Luật', 'Bộ luật', 'Pháp lệnh'):
        out += [f"theo {d.type} {d.title} năm {y}", f"{d.type} {d.title} số {d.symbol}",
                f"Căn cứ {d.type} {d.title} ngày {int(dd)} tháng {int(m)} năm {y};"]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--show', type=int, default=6, help='examples per class')
    args = ap.parse_args()
    cat = load_catalog()
    bad: collections.Counter = collections.Counter()
    examples = collections.defaultdict(list)
    n = noisy = 0
    for d in cat.documents:
        if not (d.symbol and d.date and d.type):
            continue
        if issuer_contradicts(d.issuer, bodies_for_codes(d.issuer_code)):
            noisy += 1  # the registry's issuer contradicts the entry's code: citing it is wrong
            continue
        later = (datetime.date.fromisoformat(d.date) + datetime.timedelta(days=30)).isoformat()
        for text in forms(d):
            for article_date in (None, later):
                n += 1
                res = check_source(text, catalog=cat, article_date=article_date)
                for f in (f for a in res.articles for f in a.findings if f.severity == 'error'):
                    key = (f.code, f.variant, 'verified' if d.verified else 'unverified')
                    bad[key] += 1
                    if len(examples[key]) < args.show:
                        examples[key].append(f'{text!r} (article {article_date}): {f.message}')
    print(f'{n} checks of correct citations; error-level findings: {sum(bad.values())} '
          f'({noisy} entries skipped: their issuer contradicts their own code)')
    for key, count in bad.most_common():
        print(f'{count:5} {" ".join(key)}')
        for e in examples[key]:
            print(f'        {e}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
