"""Build tests/data/false-errors.tsv and true-errors.tsv from bench/judged-findings.tsv.

Why: the trust tests need small real sentences that reproduce each judged error-level finding
on their own.  For every judged error this picks the shortest verbatim window of the article
(citation +-4 words, +-8 words, the judged excerpt, +-25, +-60 words) on which
refcheck.check_text raises that code as an error at the citation and nowhere else, so each
row is verified against the code at build time.  Reads the corpus: bench only.

    python bench/judge/build_regression_tables.py [JUDGED FALSE_OUT TRUE_OUT]
"""
import csv, sys, json, gzip, re
from pathlib import Path
import refcheck

ROOT = Path(__file__).resolve().parents[2]
CORPUS = "/work/shared/data/news/baomoi-2017.jsonl.gz"
if len(sys.argv) == 1:
    sys.argv += [str(ROOT / "bench/judged-findings.tsv"), str(ROOT / "tests/data/false-errors.tsv"),
                 str(ROOT / "tests/data/true-errors.tsv")]
corpus={}
with gzip.open(CORPUS,'rt') as fh:
    for line in fh:
        d=json.loads(line); corpus[d['id']]=d['text']
judged=list(csv.DictReader(open(sys.argv[1]),delimiter='\t',quoting=csv.QUOTE_NONE))
EXTRA={}  # (aid,code,cit) -> prefix text needed (earlier citation)
def reproduces(sent,date,code,cit):
    fs=refcheck.check_text(sent,article_date=date or None)
    i=sent.find(cit)
    hit=False; other=False
    for f in fs:
        if f.code==code and f.severity=='error':
            if i<0 or (f.start < i+len(cit) and f.end > i): hit=True
            else: other=True
    return hit and not other
def words_window(t,s,e,n):
    a=s
    for _ in range(n):
        j=t.rfind(' ',0,a-1)
        if j<0: a=0;break
        a=j+1
    b=e
    for _ in range(n):
        j=t.find(' ',b+1)
        if j<0: b=len(t);break
        b=j
    return t[a:b].strip()
out={'false':[], 'true':[]}
seen=set(); notes=[]
for row in judged:
    if row['severity']!='error' or row['verdict'] not in ('false','warning','right'): continue
    key=(row['article_id'],row['code'],row['citation_text'])
    if key in seen: continue
    seen.add(key)
    date='' if row['run']=='nodate' else '2017-07-01'
    t=corpus[row['article_id']]; cit=row['citation_text']
    cands=[]
    ms=list(re.finditer(re.escape(cit),t))
    for n in (4,8):
        for m in ms: cands.append(words_window(t,m.start(),m.end(),n))
    cands.append(row['excerpt'])
    for n in (25,60):
        for m in ms: cands.append(words_window(t,m.start(),m.end(),n))
    cands.append(t)
    got=None
    for c in cands:
        if reproduces(c,date,row['code'],cit): got=c;break
    kind='false' if row['verdict'] in ('false','warning') else 'true'
    if got is None:
        notes.append(('NOT REPRODUCED',key,row['run'])); continue
    if got is t: notes.append(('needs whole article',key))
    out[kind].append(dict(sentence=got,article_date=date,code=row['code'],verdict=row['verdict'],article_id=row['article_id'],reason=row['reason']))
for kind,fn in (('false',sys.argv[2]),('true',sys.argv[3])):
    with open(fn,'w') as fh:
        fh.write('\t'.join(['sentence','article_date','code','verdict','article_id','reason'])+'\n')
        for r in sorted(out[kind],key=lambda r:(r['code'],r['article_id'])):
            vals=[r[k] for k in ('sentence','article_date','code','verdict','article_id','reason')]
            for x in vals: assert '\t' not in x and '\n' not in x, r
            fh.write('\t'.join(vals)+'\n')
    print(kind,len(out[kind]))
for n in notes: print(*n)
