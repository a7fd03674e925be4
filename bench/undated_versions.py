"""How often an undated article's inferred law version is right, over the whole news corpus.

A law named without a year ("Luật Đất đai", "BLHS") in an article with no date gets the
version in force on the day its text shows it was written (text/datefloor.py,
``how="in-force-inferred"``), or none when the evidence is weak. The corpus has no dates but
is known to be from January–July 2017, so the truth proxy for each pick is the version in
force then:

- *agree*: the pick is the version in force on 2017-06-30;
- *period*: it is in force on some first day of a month from January to July 2017, or on
  2017-07-31 (the article may be from any of them);
- *wrong*: neither.

Every law title named without a year that has two or more versions in the catalog counts:
resolved by inference (and how often right), left unresolved (``version-unknown``), or
resolved otherwise (a version the article names elsewhere). So does every plenum named
without its khóa ("Nghị quyết Trung ương 4"): the plenum of the khóa in office on the bound
(``how="plenum-inferred"``), against the khóa in office in 2017. Always exits 0: it measures.

    python bench/undated_versions.py [--corpus PATH] [--limit N] [--jobs N] [--wrong]
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

CORPUS = Path('/work/shared/data/news/baomoi-2017.jsonl.gz')
DAYS = ['2017-01-01', '2017-02-01', '2017-03-01', '2017-04-01', '2017-05-01', '2017-06-01',
        '2017-06-30', '2017-07-01', '2017-07-31']
STRICT = '2017-06-30'
_MAYBE = re.compile(r'uật|BL[A-ZĐ]')  # a law's title, or a code's initials

_CATALOG = None


def _catalog():
    global _CATALOG
    if _CATALOG is None:
        from refcheck.api import _catalog_arg
        _CATALOG = _catalog_arg(None)
    return _CATALOG


def one(item: tuple[str, str]) -> list[dict]:
    """The article's no-year law titles with several versions: what refcheck picked, and
    the versions in force over the corpus's period."""
    from refcheck.api import check_source
    from refcheck.resolve import resolve_law
    from refcheck.text.datefloor import written_after

    aid, text = item
    cat = _catalog()
    r = check_source(text, path=aid, catalog=cat)
    rows = []
    for a in r.articles:
        floor = None
        for i, (c, res) in enumerate(zip(a.citations, a.resolutions)):
            if c.kind != 'named' or c.year is not None or c.date is not None:
                continue
            if c.plenum and not c.khoa and not c.title:  # "Nghị quyết Trung ương 4"
                truth = {day: [d.id for d in cat.plenum(cat.khoa_at(day), c.plenum)] for day in DAYS}
                how = 'plenum-inferred' if res.how == 'plenum-inferred' else 'plenum-unknown'
            elif not c.title or res.how not in ('in-force-inferred', 'version-unknown', 'article-version'):
                continue  # one version only, ambiguous, unknown, a bill …
            else:
                truth = {day: [d.id for d in resolve_law(c, cat, day).documents] for day in DAYS}
                how = res.how
            if floor is None:
                floor = written_after(r.text, a.start, a.end) or ''
            rows.append({'id': aid, 'start': c.start, 'text': c.text, 'how': how,
                         'pick': [d.id for d in res.documents], 'truth': truth,
                         'floor': floor, 'inferred': getattr(res, 'inferred', None),
                         'findings': [f'{f.code}:{f.severity}' for f in a.findings if f.citation == i]})
    return rows


def articles(corpus: Path, limit: int | None):
    with gzip.open(corpus, 'rt', encoding='utf-8') as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                return
            d = json.loads(line)
            if _MAYBE.search(d['text']):
                yield d['id'], d['text']


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--corpus', type=Path, default=CORPUS)
    ap.add_argument('--limit', type=int, help='read only the first N articles')
    ap.add_argument('--jobs', type=int, default=1)
    ap.add_argument('--wrong', action='store_true', help='list every wrong pick')
    ap.add_argument('--json', type=Path, help='write every row here')
    a = ap.parse_args()
    if not a.corpus.exists():
        print(f'no corpus at {a.corpus}')
        return 0
    rows: list[dict] = []
    if a.jobs > 1:
        with ProcessPoolExecutor(a.jobs) as ex:
            for got in ex.map(one, articles(a.corpus, a.limit), chunksize=64):
                rows.extend(got)
    else:
        for item in articles(a.corpus, a.limit):
            rows.extend(one(item))
    tally: collections.Counter = collections.Counter()
    wrong = []
    for row in rows:
        strict = row['truth'][STRICT]
        period = {x for ids in row['truth'].values() for x in ids}
        has_truth = bool(strict)
        tally[row['how'], 'all'] += 1
        tally[row['how'], 'has-truth'] += has_truth
        if not row['how'].endswith('unknown'):
            if row['pick'] == strict:
                tally[row['how'], 'agree'] += 1
            elif row['pick'] and set(row['pick']) <= period:
                tally[row['how'], 'period'] += 1
            else:
                tally[row['how'], 'wrong'] += 1
                wrong.append(row)
    print(f'corpus: {a.corpus}; no-year law titles with several versions and plenums with no '
          f'khóa: {len(rows)} in {len({r["id"] for r in rows})} articles')
    print(f'{"how":20} {"titles":>7} {"truth known":>12} {"agree":>7} {"period":>7} {"wrong":>7}')
    for how in ('in-force-inferred', 'article-version', 'version-unknown', 'plenum-inferred',
                'plenum-unknown'):
        n = tally[how, 'all']
        if not n:
            continue
        print(f'{how:20} {n:7} {tally[how, "has-truth"]:12} {tally[how, "agree"]:7} '
              f'{tally[how, "period"]:7} {tally[how, "wrong"]:7}')
    inferred = tally['in-force-inferred', 'all']
    if inferred:
        ok = tally['in-force-inferred', 'agree'] + tally['in-force-inferred', 'period']
        print(f'inferred picks right (in force in Jan–Jul 2017): {ok}/{inferred} '
              f'{100 * ok / inferred:.1f} %')
    inferred = tally['plenum-inferred', 'all']
    if inferred:
        ok = tally['plenum-inferred', 'agree'] + tally['plenum-inferred', 'period']
        print(f'inferred plenums right (the khóa in office in Jan–Jul 2017): {ok}/{inferred}')
    said = collections.Counter(f for row in rows if row['how'].endswith('inferred') for f in row['findings'])
    print('findings on inferred picks: ' + (', '.join(f'{k} {n}' for k, n in sorted(said.items())) or 'none'))
    if a.wrong:
        for row in wrong:
            print(f'  wrong\t{row["how"]}\t{row["id"]}\t{row["start"]}\t{row["text"]!r}'
                  f'\tpick {",".join(row["pick"])}\tbound {row["floor"] or "-"}'
                  f'\tin force {",".join(row["truth"][STRICT]) or "-"}')
    if a.json:
        a.json.write_text('\n'.join(json.dumps(r, ensure_ascii=False) for r in rows) + '\n',
                          encoding='utf-8')
    return 0


if __name__ == '__main__':
    sys.exit(main())
