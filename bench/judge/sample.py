"""Draw the fresh judged sample of news articles (issue 12, session 4) and write it as JSON lines.

Why: the first judged set (bench/judged-findings.tsv) was read on the whole corpus, so its
precision is measured on text the rules were tuned to. This sample holds articles that neither
the judged set nor the dev set (bench/devset/articles.txt) touches, drawn with a fixed seed from
the articles that contain a citation anchor (a type word or a symbol), so it is dense and
reproducible: the same seed and corpus give the same ids (written to bench/judge/sample-SEED.ids).

    python bench/judge/sample.py [--seed 20261202] [--size 3000] [-o /tmp/sample.jsonl.gz]

Session 5 drew the second sample with `--seed 20261205 --size 4000` (sample-20261205.ids); the
first sample's ids were excluded from it (every sample-*.ids but the seed's own is).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path('/work/shared/data/news/baomoi-2017.jsonl.gz')
# A type word, "văn bản số" or a symbol's number-dash/slash-code: what a citation needs to start.
ANCHOR = re.compile(r'Nghị định|Thông tư|Quyết định|Chỉ thị|Nghị quyết|Kết luận|Quy định số|Luật|luật '
                    r'|Công văn|công văn|văn bản số|\d\s*[/-]\s*(?:\d{4}\s*/\s*)?[A-ZĐ]{2}')


def excluded(seed: int) -> set[str]:
    """Article ids already read by a judge: the dev set, every article of the judged set and of
    every earlier drawn sample (bench/judge/sample-*.ids other than this seed's own)."""
    ids = {s.strip() for s in (ROOT / 'bench/devset/articles.txt').read_text(encoding='utf-8').split() if s.strip()}
    for f in sorted((ROOT / 'bench' / 'judge').glob('sample-*.ids')):
        if f.name != f'sample-{seed}.ids':
            ids.update(f.read_text(encoding='utf-8').split())
    with (ROOT / 'bench/judged-findings.tsv').open(encoding='utf-8', newline='') as fh:
        for r in csv.DictReader(fh, delimiter='\t', quoting=csv.QUOTE_NONE):
            if r['run'] in ('nodate', 'dated'):  # the session-3 runs over the whole corpus
                ids.add(r['article_id'])
    return ids


def draw(corpus: Path, seed: int, size: int) -> list[dict]:
    """The sample, in corpus order: `size` eligible articles chosen by `random.Random(seed)`."""
    skip = excluded(seed)
    with gzip.open(corpus, 'rt', encoding='utf-8') as fh:
        pool = [d for d in map(json.loads, fh) if d['id'] not in skip and ANCHOR.search(d.get('text') or '')]
    chosen = set(random.Random(seed).sample(range(len(pool)), min(size, len(pool))))
    return [d for i, d in enumerate(pool) if i in chosen]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--corpus', type=Path, default=CORPUS)
    ap.add_argument('--seed', type=int, default=20261202)
    ap.add_argument('--size', type=int, default=3000)
    ap.add_argument('-o', '--out', type=Path, default=Path('/tmp/judge-sample.jsonl.gz'))
    args = ap.parse_args()
    arts = draw(args.corpus, args.seed, args.size)
    with gzip.open(args.out, 'wt', encoding='utf-8') as fh:
        for d in arts:
            fh.write(json.dumps(d, ensure_ascii=False) + '\n')
    ids = ROOT / 'bench' / 'judge' / f'sample-{args.seed}.ids'
    ids.write_text(''.join(d['id'] + '\n' for d in arts), encoding='utf-8')
    print(f'{len(arts)} articles -> {args.out}; ids in {ids.relative_to(ROOT)}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
