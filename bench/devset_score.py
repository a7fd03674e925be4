"""Score refcheck on the hand-labelled dev set of named references and short forms.

Runs the `refcheck` CLI in archive mode (a subprocess, so the score survives module moves)
over the dev articles, read from the shared corpus, and compares its citations with
bench/devset/labels.jsonl (see bench/devset/README.md). Always exits 0: it measures.

    python bench/devset_score.py [--corpus PATH] [--refcheck CMD] [--article-date D]
                                 [--misses] [--json OUT] [--set 1|2|3]
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEVSET = HERE / 'devset'
CORPUS = Path('/work/shared/data/news/baomoi-2017.jsonl.gz')
KINDS = ['law-title', 'plenum', 'congress', 'short-form', 'number-year', 'symbol']


@dataclass
class Tally:
    """Counts for one row of the table; denominators differ per column (see README)."""
    labels: int = 0
    found: int = 0
    with_ids: int = 0        # labels naming a document id (symbol, plenum documents, congress)
    in_catalog: int = 0      # ... and every such id is in catalog.yaml
    resolved: int = 0        # found and resolved to a labelled id
    resolved_cat: int = 0    # the same, among in_catalog labels
    with_ref: int = 0        # short forms with an earlier full citation
    linked_field: int = 0    # `refers_to` equals the index of that citation
    linked: int = 0          # linked_field, or resolved to the labelled symbol
    misses: list = field(default_factory=list)

    def add(self, other: 'Tally') -> None:
        for k in ('labels', 'found', 'with_ids', 'in_catalog', 'resolved', 'resolved_cat',
                  'with_ref', 'linked_field', 'linked'):
            setattr(self, k, getattr(self, k) + getattr(other, k))


def pct(n: int, d: int) -> str:
    return f'{n}/{d} {100 * n / d:.0f}%' if d else '-'


def load_articles(ids: list[str], corpus: Path) -> dict[str, dict]:
    want, out = set(ids), {}
    with gzip.open(corpus, 'rt', encoding='utf-8') as f:
        for line in f:
            d = json.loads(line)
            if d['id'] in want:
                out[d['id']] = d
    return out


def refcheck_cmd(given: str | None) -> list[str]:
    """The CLI next to this Python (a venv's bin), else on PATH, else `python -m refcheck`."""
    if given:
        return shlex.split(given)
    here = Path(sys.executable).parent / 'refcheck'
    if here.exists():
        return [str(here)]
    found = shutil.which('refcheck')
    return [found] if found else [sys.executable, '-m', 'refcheck']


def run_refcheck(arts: dict[str, dict], cmd: list[str], article_date: str | None) -> dict[str, list]:
    with tempfile.TemporaryDirectory(prefix='devset-') as tmp:
        src, out = Path(tmp) / 'devset.jsonl', Path(tmp) / 'out.jsonl'
        with open(src, 'w', encoding='utf-8') as f:
            for d in arts.values():
                f.write(json.dumps({'id': d['id'], 'text': d['text']}, ensure_ascii=False) + '\n')
        args = cmd + ['check', '--jsonl', str(src), '--format', 'json', '-o', str(out),
                      '--exit-zero', '--no-progress']
        if article_date:
            args += ['--article-date', article_date]
        env = dict(os.environ, REFCHECK_NO_CACHE='1')
        proc = subprocess.run(args, capture_output=True, text=True, env=env)
        if proc.returncode not in (0, 1) or not out.exists():
            print(f'refcheck failed ({proc.returncode}): {" ".join(args)}\n{proc.stderr[-2000:]}')
            return {}
        res: dict[str, list] = {}
        for line in out.read_text(encoding='utf-8').splitlines():
            d = json.loads(line)
            res[d['id']] = d.get('citations', [])
        return res


def overlaps(c: dict, s: int, e: int) -> bool:
    return c['start'] < e and s < c['end']


def score(labels: list[dict], cites: dict[str, list], named_only: bool = False) -> tuple[dict, dict, list]:
    by_kind: dict[str, Tally] = collections.defaultdict(Tally)
    by_form: dict[tuple[str, str], Tally] = collections.defaultdict(Tally)
    per_art: dict[str, list] = collections.defaultdict(list)
    for lab in labels:
        per_art[lab['article_id']].append(lab)
    for aid, labs in per_art.items():
        cs = cites.get(aid, [])
        for lab in labs:
            t = Tally(labels=1)
            hit = [c for c in cs if overlaps(c, lab['start'], lab['end'])]
            ids = set(lab.get('ids') or [])
            t.found = int(bool(hit))
            t.with_ids = int(bool(ids))
            t.in_catalog = int(bool(ids) and lab.get('in_catalog', False))
            ok = any(ids & set(c.get('resolved') or []) for c in hit)
            t.resolved = int(ok and bool(ids))
            t.resolved_cat = int(ok and bool(t.in_catalog))
            why = []
            if lab.get('refers_to') is not None:
                t.with_ref = 1
                ante = [i for i, c in enumerate(cs)
                        if overlaps(c, lab['refers_to'], lab['refers_to'] + len(lab.get('refers_to_text', 'x')))]
                t.linked_field = int(any(c.get('refers_to') in ante for c in hit) and bool(ante))
                t.linked = int(t.linked_field or ok)
                if not t.linked:
                    why.append('not linked')
            if not t.found:
                why.insert(0, 'not found')
            elif ids and not ok:
                why.insert(0, 'resolved to ' + (','.join(sorted({r for c in hit for r in c.get('resolved') or []})) or 'nothing'))
            if why:
                t.misses.append((lab, hit, '; '.join(why)))
            if lab.get('symbol') == 'foreign':
                # a foreign law or treaty is no Vietnamese citation: finding it is not a goal,
                # resolving it to a Vietnamese document is an error (counted in `resolved`)
                t.resolved = int(any(c.get('resolved') for c in hit))
                by_kind['foreign (must not resolve)'].add(t)
                continue
            by_kind[lab['kind']].add(t); by_kind[lab['kind']].misses += t.misses
            if lab['kind'] == 'law-title':  # a title with a year is the issue-13 goal; without one, context decides
                sub = '  of which no year' if 'noyear' in (lab.get('form') or '') else '  of which with a year'
                by_kind[sub].add(t)
            for tag in (lab.get('form') or '-').split(','):
                by_form[(lab['kind'], tag)].add(t)
    fps = []
    for aid, cs in cites.items():
        labs = per_art.get(aid, [])
        for c in cs:
            if c.get('kind') == 'symbol':
                continue  # a full symbol: symbol extraction is measured elsewhere
            if named_only and not (c.get('title') or c.get('plenum') or c.get('congress')
                                   or c.get('type') == 'Hiến pháp'):
                continue  # set 2 labels named references only: a short form is not a false one
            if not any(overlaps(c, lab['start'], lab['end']) for lab in labs):
                fps.append((aid, c))
    return by_kind, by_form, fps


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--corpus', type=Path, default=CORPUS)
    ap.add_argument('--refcheck', help='command to run refcheck (default: the CLI of this Python)')
    ap.add_argument('--article-date', help='pass --article-date to refcheck (the corpus has none)')
    ap.add_argument('--misses', action='store_true', help='list every miss and false positive')
    ap.add_argument('--json', type=Path, help='write the figures as JSON here')
    ap.add_argument('--set', default='1', help='1: the first dev set; 2: the second (labels2.jsonl, '
                    'articles2.txt: named references only, session 6); 3: the third (labels3.jsonl, '
                    'articles3.txt: named and short forms, scored as set 1)')
    a = ap.parse_args()
    sfx = '' if a.set == '1' else a.set
    try:
        ids = (DEVSET / f'articles{sfx}.txt').read_text(encoding='utf-8').split()
        labels = [json.loads(x) for x in (DEVSET / f'labels{sfx}.jsonl').read_text(encoding='utf-8').splitlines() if x.strip()]
        arts = load_articles(ids, a.corpus)
    except OSError as e:
        print(f'cannot read the dev set or corpus: {e}')
        return 0
    bad = [lab for lab in labels if arts.get(lab['article_id'], {}).get('text', '')[lab['start']:lab['end']] != lab['text']]
    if bad:
        print(f'{len(bad)} labels do not match the corpus text (offsets are into the raw `text` field)')
    cites = run_refcheck(arts, refcheck_cmd(a.refcheck), a.article_date)
    by_kind, by_form, fps = score(labels, cites, named_only=a.set == '2')
    head = ['kind', 'labels', 'found', 'resolved (of labels with ids)', 'resolved (ids in catalog)', 'linked refers_to', 'linked or resolved']
    rows, total = [], Tally()
    subs = ['  of which with a year', '  of which no year']
    for k in KINDS[:1] + subs + KINDS[1:] + sorted(set(by_kind) - set(KINDS) - set(subs)):
        if k not in by_kind:
            continue
        t = by_kind[k]
        if k not in subs and not k.startswith('foreign'):
            total.add(t)
        if k.startswith('foreign'):
            rows.append([k, t.labels, f'{t.found} reported', f'{t.resolved} resolved (wrong)', '-', '-', '-'])
            continue
        rows.append([k, t.labels, pct(t.found, t.labels), pct(t.resolved, t.with_ids), pct(t.resolved_cat, t.in_catalog),
                     pct(t.linked_field, t.with_ref), pct(t.linked, t.with_ref)])
    rows.append(['all', total.labels, pct(total.found, total.labels), pct(total.resolved, total.with_ids),
                 pct(total.resolved_cat, total.in_catalog), pct(total.linked_field, total.with_ref), pct(total.linked, total.with_ref)])
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    line = lambda r: '  '.join(str(x).ljust(w) for x, w in zip(r, widths))
    print(f'dev set: {len(arts)} articles, {len(labels)} labels; refcheck: {" ".join(refcheck_cmd(a.refcheck))}')
    print(line(head)); print('  '.join('-' * w for w in widths))
    for r in rows:
        print(line(r))
    print('\nby form tag (a label counts under each of its tags; "-" = none)')
    print('  kind/tag: labels, found, resolved (of labels with ids), linked or resolved')
    for (k, f), t in sorted(by_form.items()):
        print(f'  {k}/{f}: {t.labels}, {pct(t.found, t.labels)}, {pct(t.resolved, t.with_ids)}, {pct(t.linked, t.with_ref)}')
    matched = sum(1 for aid, cs in cites.items() for c in cs if c.get('kind') != 'symbol') - len(fps)
    print(f'\nfalse positives (non-symbol citations matching no label): {len(fps)}'
          f' in {len({a for a, _ in fps})} articles; precision of non-symbol citations {pct(matched, matched + len(fps))}')
    if a.misses:
        print('\nmisses:')
        for k in KINDS:
            for lab, hit, why in by_kind.get(k, Tally()).misses:
                print(f'  {k}\t{lab["article_id"]}\t{lab["start"]}\t{lab["text"]!r}\t-> {lab["symbol"]}\t{why}'
                      + (f'\t[{"; ".join(c["text"] for c in hit)}]' if hit else ''))
        print('\nfalse positives:')
        for aid, c in fps:
            print(f'  {aid}\t{c["start"]}\t{c["kind"]}\t{c["text"]!r}\t{c.get("resolved")}')
    if a.json:
        a.json.write_text(json.dumps({
            'kinds': {k: {x: getattr(t, x) for x in ('labels', 'found', 'with_ids', 'in_catalog', 'resolved',
                                                      'resolved_cat', 'with_ref', 'linked_field', 'linked')}
                      for k, t in by_kind.items()},
            'false_positives': len(fps)}, ensure_ascii=False, indent=1), encoding='utf-8')
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(0)
