"""Precision of refcheck's error-level findings on the judged news set (issue 12).

Runs the `refcheck` CLI in archive mode (a subprocess, so the measure survives module moves)
over the news corpus twice, as the set was judged: without an article date and with
`--article-date 2017-07-01`. Every error-level finding is matched to a row of
`bench/judged-findings.tsv` by (article_id, run, code, citation_text) and the script prints

* precision of error-level findings = right / judged (unsure rows are left out of both);
* the false- and warning-verdict errors still raised (what the trust work must remove);
* judged `right` errors no longer raised as errors (what it must not lose);
* error-level findings not judged yet, to be read and added to the TSV by a later session;
* the same per code.

It also reports, for the judged warning codes, how many judged rows are still raised.
A report, not a gate: it always exits 0.

Six judged sets (``--set``): ``corpus``, the whole news corpus (session 3, runs nodate and
dated); ``sample``, the fresh news sample of session 4 (the articles listed in
``bench/judge/sample-20261202.ids``, drawn by ``bench/judge/sample.py``; same two runs);
``sample2``, session 5's sample (``sample-20261205.ids``: every anchored article no earlier set
read; same two runs); ``caps``, the same articles printed in capitals (run ``caps``, no date:
news shows few all-caps citation lines, official headers many); ``official``, the 66 labelled
official excerpts of ``tests/data/official`` (run ``official``, no date, each file one article:
Căn cứ lines, headers, party documents); and ``tables``, the official titles of the shared tables (``bench/judge/tables.py``, run
``tables``, no article date). ``--dump TSV`` writes every finding of the run (errors and
warnings, with its excerpt and the verdict when judged) for a judge to read.

    python bench/judged.py [--set corpus|sample|sample2|caps|official|tables] [--corpus PATH] [--refcheck CMD]
                           [--judged TSV] [--show N] [--dump TSV]
"""
from __future__ import annotations

import argparse
import collections
import csv
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path('/work/shared/data/news/baomoi-2017.jsonl.gz')
JUDGED = ROOT / 'bench' / 'judged-findings.tsv'
RUNS = {'nodate': [], 'dated': ['--article-date', '2017-07-01']}
SAMPLE_IDS = ROOT / 'bench' / 'judge' / 'sample-20261202.ids'
SAMPLE2_IDS = ROOT / 'bench' / 'judge' / 'sample-20261205.ids'
OFFICIAL = ROOT / 'tests' / 'data' / 'official'
Key = tuple[str, str, str, str]  # article_id, run, code, citation_text


def refcheck_cmd(given: str | None) -> list[str]:
    """The CLI next to this Python (a venv's bin), else on PATH, else `python -m refcheck`."""
    if given:
        return given.split()
    here = Path(sys.executable).parent / 'refcheck'
    if here.exists():
        return [str(here)]
    found = shutil.which('refcheck')
    return [found] if found else [sys.executable, '-m', 'refcheck']


def load_texts(corpus: Path) -> dict[str, str]:
    """Article texts by id: findings without a citation (RC101) are keyed by their span."""
    with gzip.open(corpus, 'rt', encoding='utf-8') as fh:
        return {d['id']: d.get('text') or '' for d in map(json.loads, fh)}


def span(text: str, f: dict) -> str:
    """The text between a finding's 1-based (line, column) and (end_line, end_column)."""
    starts = [0]
    for i, ch in enumerate(text):
        if ch == '\n':
            starts.append(i + 1)
    try:
        a = starts[f['line'] - 1] + f['column'] - 1
        b = starts[f['end_line'] - 1] + f['end_column'] - 1
    except (IndexError, KeyError, TypeError):
        return ''
    return text[a:b]


def build_set(name: str, corpus: Path, tmp: Path) -> tuple[Path, dict[str, list[str]]]:
    """The JSON-lines file a judged set runs on, and its runs (name -> extra CLI arguments)."""
    if name == 'corpus':
        return corpus, RUNS
    out = tmp / f'{name}.jsonl.gz'
    if name == 'official':  # the labelled official excerpts, one article each (id = file name)
        with gzip.open(out, 'wt', encoding='utf-8') as dst:
            for f in sorted(OFFICIAL.glob('*.txt')):
                dst.write(json.dumps({'id': f.name, 'title': '', 'text': f.read_text(encoding='utf-8')},
                                     ensure_ascii=False) + '\n')
        return out, {'official': []}
    if name == 'tables':
        sys.path.insert(0, str(ROOT / 'bench' / 'judge'))
        import tables  # noqa: PLC0415 (a bench helper beside this script)
        tables.write(out)
        return out, {'tables': []}
    ids = set((SAMPLE_IDS if name == 'sample' else SAMPLE2_IDS).read_text(encoding='utf-8').split())
    with gzip.open(corpus, 'rt', encoding='utf-8') as src, gzip.open(out, 'wt', encoding='utf-8') as dst:
        for line in src:
            d = json.loads(line)
            if d['id'] not in ids:
                continue
            if name == 'caps':  # the same articles in capitals: all-caps title lines, as headers print them
                d['text'] = (d.get('text') or '').upper()
                line = json.dumps(d, ensure_ascii=False) + '\n'
            dst.write(line)
    return out, ({'caps': []} if name == 'caps' else RUNS)


def excerpt(text: str, cit: str, width: int = 200) -> str:
    """About `width` characters of the text around the citation, on one line."""
    text = text.replace('\n', ' ')
    i = text.find(cit) if cit else -1
    if i < 0:
        return ''
    a = max(0, i - (width - len(cit)) // 2)
    return ' '.join(text[a:a + width].split())


def run(cmd: list[str], corpus: Path, extra: list[str], texts: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(article_id, code, severity, citation_text) of every finding of one archive run."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / 'out.jsonl'
        proc = subprocess.run([*cmd, 'check', '--jsonl', str(corpus), '--format', 'json', '-o', str(out),
                               '--exit-zero', '--no-progress', *extra], capture_output=True, text=True)
        if proc.returncode != 0 or not out.exists():
            print(f'refcheck failed ({proc.returncode}): {proc.stderr.strip()[-500:]}')
            return []
        rows = []
        with out.open(encoding='utf-8') as fh:
            for line in fh:
                art = json.loads(line)
                cits = art.get('citations') or []
                for f in art.get('findings') or []:
                    i = f.get('citation')
                    if i is not None and 0 <= i < len(cits):
                        text = cits[i]['text']
                    else:
                        text = span(texts.get(art['id'], ''), f)
                    # a TSV cell holds no line break: official texts break citations over lines
                    rows.append((art['id'], f['code'], f['severity'], text.replace('\n', ' ')))
        return rows


def load_judged(path: Path) -> tuple[dict[Key, str], set[Key]]:
    """Verdict per key, and the keys that were judged as error-level findings."""
    verdicts: dict[Key, str] = {}
    were_errors: set[Key] = set()
    with path.open(encoding='utf-8', newline='') as fh:
        for r in csv.DictReader(fh, delimiter='\t', quoting=csv.QUOTE_NONE):
            key = (r['article_id'], r['run'], r['code'], r['citation_text'])
            verdicts[key] = r['verdict']
            if r['severity'] == 'error':
                were_errors.add(key)
    return verdicts, were_errors


def pct(a: int, b: int) -> str:
    return f'{100 * a / b:.1f} %' if b else 'n/a'


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--corpus', type=Path, default=CORPUS)
    ap.add_argument('--refcheck', help='command that runs refcheck (default: the CLI next to this Python)')
    ap.add_argument('--judged', type=Path, default=JUDGED)
    ap.add_argument('--show', type=int, default=40, help='list at most N unjudged / lost findings')
    ap.add_argument('--set', dest='which', choices=('corpus', 'sample', 'sample2', 'caps', 'official', 'tables'), default='corpus')
    ap.add_argument('--dump', type=Path, help='write every finding of the run here (TSV)')
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        return report(args, Path(tmp))


def report(args, tmp: Path) -> int:
    try:
        judged, were_errors = load_judged(args.judged)
        source, runs = build_set(args.which, args.corpus, tmp)
        texts = load_texts(source)
    except OSError as exc:
        print(f'cannot read input: {exc}')
        return 0
    cmd = refcheck_cmd(args.refcheck)
    raised: dict[Key, str] = {}
    errors: list[Key] = []  # one per finding: a citation printed twice counts twice
    dump = []
    for name, extra in runs.items():
        for aid, code, sev, text in run(cmd, source, extra, texts):
            key = (aid, name, code, text)
            if sev in ('error', 'warning'):
                dump.append((aid, name, code, sev, text, excerpt(texts.get(aid, ''), text), judged.get(key, '')))
            if sev == 'error':
                errors.append(key)
                raised[key] = 'error'
            elif key in judged:
                raised.setdefault(key, sev)
    per: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    unjudged = []
    for k in errors:
        verdict = judged.get(k)
        per[k[2]][verdict or 'unjudged'] += 1
        if verdict is None:
            unjudged.append(k)
    if args.dump:
        with args.dump.open('w', encoding='utf-8') as fh:
            fh.write('article_id\trun\tcode\tseverity\tcitation_text\texcerpt\tverdict\n')
            fh.writelines('\t'.join(x.replace('\t', ' ') for x in row) + '\n' for row in dump)
    runs_here = set(runs)
    lost = sorted(k for k in were_errors if judged[k] == 'right' and raised.get(k) != 'error'
                  and k[1] in runs_here and k[0] in texts)
    total = collections.Counter()
    for c in per.values():
        total.update(c)
    decided = total['right'] + total['warning'] + total['false']
    per_run = ', '.join(f'{n} {sum(k[1] == n for k in errors)}' for n in runs)
    print(f'Error-level findings raised: {len(errors)} ({per_run})')
    print(f'  judged right {total["right"]}, warning {total["warning"]}, false {total["false"]}, '
          f'unsure {total["unsure"]}, not judged {total["unjudged"]}')
    print(f'PRECISION of error-level findings (right / judged, unsure excluded): '
          f'{total["right"]}/{decided} = {pct(total["right"], decided)}')
    for name in runs:
        c = collections.Counter(judged.get(k, 'unjudged') for k in errors if k[1] == name)
        d = c['right'] + c['warning'] + c['false']
        print(f'  run {name}: {c["right"]}/{d} = {pct(c["right"], d)}')
    print(f'False errors still raised: {total["false"]}; warning-verdict errors still raised: {total["warning"]}')
    print()
    print(f'{"code":6} {"raised":>6} {"right":>6} {"warning":>7} {"false":>6} {"unsure":>6} {"unjudged":>8} {"precision":>9}')
    for code in sorted(per):
        c = per[code]
        d = c['right'] + c['warning'] + c['false']
        print(f'{code:6} {sum(c.values()):6} {c["right"]:6} {c["warning"]:7} {c["false"]:6} {c["unsure"]:6} '
              f'{c["unjudged"]:8} {pct(c["right"], d):>9}')
    print()
    print(f'Judged right errors no longer raised as errors: {len(lost)}')
    for k in lost[:args.show]:
        print(f'  {k[0]} {k[1]} {k[2]} now {raised.get(k, "not raised")}: {k[3]}')
    print(f'Error-level findings not judged yet: {len(unjudged)} (judge them and add rows to {args.judged.name})')
    for k in sorted(set(unjudged))[:args.show]:
        print(f'  {k[0]} {k[1]} {k[2]}: {k[3]}')
    warn = collections.Counter()
    for k, v in judged.items():
        if raised.get(k) == 'warning' and k[1] in runs_here and k[0] in texts:
            warn[(k[2], v)] += 1
    if warn:
        print()
        print('Judged rows raised as warnings now (code: verdict count):')
        for code in sorted({c for c, _ in warn}):
            print('  ' + code + ': ' + ', '.join(f'{v} {n}' for (c, v), n in sorted(warn.items()) if c == code))
    return 0


if __name__ == '__main__':
    sys.exit(main())
