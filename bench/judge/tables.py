"""The "tables" judged set: the titles of the shared reference tables as one article each.

Why: news cites documents sparsely (19 error-level findings on 28,462 articles), so a fresh
news sample holds almost no error to judge. The official titles in ../shared/data are real
text written by the issuing bodies ("Sửa đổi, bổ sung một số điều của Thông tư số
13/2019/TT-BGTVT ngày 29 tháng 3 năm 2019 ...") and dense with full citations (symbol, date,
issuer) of other documents, which is what the error-level checks read. Nothing here is made
up: each "article" is one cell (title or short_title) of one row, id `TABLE:LINE:COLUMN`.

No article date is passed: a pháp điển title names the amendments made after the row's date,
so the row's date is not the date the title was written.

    python bench/judge/tables.py [-o /tmp/judge-tables.jsonl.gz]
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
from pathlib import Path

DATA = Path('/work/shared/data')
TABLES = ('state-documents.tsv', 'state-documents-extra.tsv', 'state-documents-more.tsv', 'laws.tsv',
          'party-documents.tsv', 'party-documents-more.tsv')
COLUMNS = ('title', 'short_title')  # prose; `relations`/`evidence` are the compilers' notes
CITES = re.compile(r'\d\s*[/-]\s*(?:\d{4}\s*/\s*)?[A-ZĐ]{2}|Luật .*\d{4}|ngày \d')


def rows(data: Path = DATA):
    """(id, text) for every title cell that may hold a citation, in table order."""
    for name in TABLES:
        with (data / name).open(encoding='utf-8', newline='') as fh:
            for line, r in enumerate(csv.DictReader(fh, delimiter='\t', quoting=csv.QUOTE_NONE), start=2):
                for col in COLUMNS:
                    t = r.get(col) or ''
                    if CITES.search(t):
                        yield f'{name}:{line}:{col}', t


def write(out: Path, data: Path = DATA) -> int:
    n = 0
    with gzip.open(out, 'wt', encoding='utf-8') as fh:
        for aid, text in rows(data):
            fh.write(json.dumps({'id': aid, 'text': text}, ensure_ascii=False) + '\n')
            n += 1
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-o', '--out', type=Path, default=Path('/tmp/judge-tables.jsonl.gz'))
    args = ap.parse_args()
    print(f'{write(args.out)} title cells -> {args.out}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
