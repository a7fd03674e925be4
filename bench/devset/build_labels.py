"""Build labels.jsonl from the hand-written labels.src.

labels.src is what the labeller wrote, in reading order, one reference a line:

    @ baomoi/ID.txt                       start of an article (also listed in articles.txt)
    TEXT | KIND | TARGET | key=value; ...  one reference

TEXT is searched in the article's `text` field from just after the previous label's start
(or nearest to `at=OFFSET` when given), so offsets are never typed by hand. TARGET is a
catalog id or symbol, `unknown`, `foreign`, `local`, or KHOA/PLENUM (`XII/4`) for a plenum,
expanded to the plenum's documents in catalog.yaml. `refers=TEXT` names the earlier label in
the same article that a short form abbreviates (the latest one with that text before it).
Why a builder: offsets typed by hand drift; text plus order does not.
"""
from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = Path('/work/shared/data/news/baomoi-2017.jsonl.gz')
KINDS = {'law-title', 'plenum', 'congress', 'short-form', 'number-year', 'symbol'}


def load_articles(ids: set[str], corpus: Path = CORPUS) -> dict[str, str]:
    """The `text` field of each wanted article, as the corpus has it (no normalisation)."""
    out: dict[str, str] = {}
    with gzip.open(corpus, 'rt', encoding='utf-8') as f:
        for line in f:
            d = json.loads(line)
            if d['id'] in ids:
                out[d['id']] = d['text']
    return out


def plenum_ids(docs: list[dict]) -> dict[tuple[str, int], list[str]]:
    out: dict[tuple[str, int], list[str]] = {}
    for d in docs:
        if d.get('plenum') and d.get('khoa'):
            out.setdefault((d['khoa'], int(d['plenum'])), []).append(d['id'])
    return out


def parse_src(path: Path) -> list[tuple[str, list[tuple[int, str]]]]:
    arts: list[tuple[str, list[tuple[int, str]]]] = []
    for n, raw in enumerate(path.read_text(encoding='utf-8').splitlines(), 1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith('#'):
            continue
        if line.startswith('@'):
            arts.append((line[1:].strip(), []))
        else:
            arts[-1][1].append((n, line))
    return arts


def main() -> int:
    # ``--set 2``: the second dev set (labels2.src -> labels2.jsonl, articles2.txt; README)
    suffix = sys.argv[sys.argv.index('--set') + 1] if '--set' in sys.argv else ''
    suffix = '' if suffix in ('', '1') else suffix  # 2 or 3 (README)
    src = HERE / f'labels{suffix}.src'
    arts = parse_src(src)
    ids = [a for a, _ in arts]
    texts = load_articles(set(ids))
    docs = yaml.safe_load((ROOT / 'catalog.yaml').read_text(encoding='utf-8'))['documents']
    known = {d['id'] for d in docs}
    plen = plenum_ids(docs)
    rows: list[dict] = []
    errors = 0
    for aid, lines in arts:
        text = texts[aid]
        cursor = 0
        mine: list[dict] = []
        for n, line in lines:
            parts = [p.strip() for p in line.split(' | ')]
            if len(parts) < 3:
                print(f'labels.src:{n}: need TEXT | KIND | TARGET', file=sys.stderr); errors += 1; continue
            frag, kind, target = parts[:3]
            extra = {}
            if len(parts) > 3 and parts[3]:
                for kv in re.split(r'; (?=(?:form|note|reason|refers|doc|at|khoa|congress|basis)=)', parts[3]):
                    k, _, v = kv.partition('=')
                    extra[k.strip()] = v.strip()
            if kind not in KINDS:
                print(f'labels.src:{n}: unknown kind {kind}', file=sys.stderr); errors += 1; continue
            if 'at' in extra:
                at = int(extra.pop('at'))
                hits = [i for i in range(len(text)) if text.startswith(frag, i)]
                start = min(hits, key=lambda i: abs(i - at)) if hits else -1
            else:
                start = text.find(frag, cursor)
            if start < 0:
                print(f'labels.src:{n}: {frag!r} not found in {aid} after {cursor}', file=sys.stderr); errors += 1; continue
            cursor = start + 1
            row = {'article_id': aid, 'start': start, 'end': start + len(frag), 'text': frag, 'kind': kind}
            if '/' in target and kind == 'plenum' and target.split('/')[1].isdigit():
                khoa, num = target.split('/')
                row['khoa'], row['plenum'] = khoa, int(num)
                row['ids'] = plen.get((khoa, int(num)), [])
                row['symbol'] = extra.pop('doc', None)
                if row['symbol']:
                    row['ids'] = [row['symbol']]
            else:
                row['symbol'] = target
                row['ids'] = [target] if target not in ('unknown', 'foreign', 'local', 'none') else []
            if 'khoa' in extra:
                row['khoa'] = extra.pop('khoa')
            if 'congress' in extra:
                row['congress'] = extra.pop('congress')
            if 'refers' in extra:
                ref = extra.pop('refers')
                prev = [m for m in mine if m['text'] == ref]
                if not prev:
                    print(f'labels.src:{n}: refers={ref!r}: no earlier label', file=sys.stderr); errors += 1
                    row['refers_to'] = None
                else:
                    row['refers_to'] = prev[-1]['start']
                    row['refers_to_text'] = ref
            elif kind == 'short-form':
                row['refers_to'] = None
            row['in_catalog'] = bool(row['ids']) and all(i in known for i in row['ids'])
            row.update(extra)  # form, note, reason
            mine.append(row)
        rows.extend(mine)
    with open(HERE / f'labels{suffix}.jsonl', 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    (HERE / f'articles{suffix}.txt').write_text(''.join(a + '\n' for a in ids), encoding='utf-8')
    print(f'{len(rows)} labels in {len(ids)} articles; {errors} errors')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
