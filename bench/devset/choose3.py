"""Choose dev set 3 (issue 13): fresh news articles, drawn by regex per form (seed 2027).

Why kept: sets 1 and 2 were chosen by one-off scripts; this one can be rerun and read. An
article qualifies when its id appears nowhere in the repo (any tracked text file: labels,
tests, the news sample in tests/data, judged-findings.tsv, articles*.txt) nor in the shared
citation examples, and it is under MAX_CHARS (one labeller reads every reference by hand).
The judge's sample draws (bench/judge/sample-*.ids) are the exception: together they hold
every article of the corpus with a type word or "luật" (4,875 of 4,875; sample.py drew until
the pool was empty), so excluding them leaves no article with a law title, a short form or a
number-year form. Their findings were judged (those judged are in judged-findings.tsv and stay
excluded); none was labelled for named references. An article in no sample is preferred:
each form's candidates are shuffled, then the never-sampled ones put first. Forms are filled in
the order of FORMS, each from the articles left, shuffled with the seed; nothing is dropped for
being hard. Prints the chosen ids with their form (the labels then live in labels3.src).

    python bench/devset/choose3.py [--seed 2027] > /tmp/choice3.txt
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = Path('/work/shared/data/news/baomoi-2017.jsonl.gz')
EXAMPLES = Path('/work/shared/data/citation-examples.tsv')
MAX_CHARS = 6000
TYPES = r'(Nghị định|Thông tư|Quyết định|Chỉ thị|Nghị quyết|Kết luận|Quy định)'
YEAR = r'(?:năm )?(?:19|20)\d\d\b'
UP = 'A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ'


def _short_after_full(t: str) -> bool:
    """A type word and number cited in full (symbol) and later by number alone."""
    for m in re.finditer(TYPES + r'( số)? (\d+)(?:/(?:19|20)\d\d/[A-ZĐ]|-[A-Z]+/TW)', t):
        later = re.compile(re.escape(m.group(1)) + r'( số)? ' + m.group(3) + r'\b(?![/-])')
        if later.search(t, m.end()):
            return True
    return False


FORMS: list[tuple[str, int, object]] = [
    ('lower-title-year', 6, re.compile(r'(?:Bộ luật|Luật|luật) [a-zđ][^\n.,;()]{2,50}? ' + YEAR)),
    ('cap-title-year', 6, re.compile(r'Luật [' + UP + r'][^\n.,;()]{2,50}? ' + YEAR)),
    ('title-noyear', 6, re.compile(r'(?:Bộ luật|Luật) [' + UP + r']\w+(?: \w+){0,4}(?![^\n.,;]{0,40}(?:19|20)\d\d)')),
    ('abbr', 5, re.compile(r'\b(?:BLHS|BLTTHS|BLDS|BLTTDS|BLLĐ)\b|Luật (?:BHYT|BHXH|TTHC|GTĐB|XLVPHC)\b')),
    ('plenum', 8, re.compile(r'Trung ương \d+|T\.?Ư \d+\b|Hội nghị lần thứ')),
    ('congress', 4, re.compile(r'Nghị quyết Đại hội|Đại hội (?:đại biểu toàn quốc )?(?:lần thứ )?X{0,2}I{0,3}V?I{0,3} của Đảng')),
    ('short-after-full', 10, _short_after_full),
    ('number-year', 3, re.compile(r'(?:Nghị định|Thông tư|Quyết định)(?: số)? \d+/(?:19|20)\d\d\b(?![/-])')),
]
PROBE = re.compile(r'Nghị định|Thông tư|Quyết định|Chỉ thị|Nghị quyết|Luật')


def _numbers(text: str) -> set[str]:
    return set(re.findall(r'(?<!\d)\d{6,9}(?!\d)', text))


def sampled_ids() -> set[str]:
    """The judge's sample draws (see the module docstring)."""
    return {n for p in sorted((ROOT / 'bench' / 'judge').glob('sample-*.ids')) for n in _numbers(p.read_text(encoding='utf-8'))}


def used_ids() -> set[str]:
    """Every 6-9 digit number in the repo's tracked files but the sample draws, and the shared
    examples (wide on purpose)."""
    nums: set[str] = set()
    files = subprocess.run(['git', 'ls-files'], cwd=ROOT, capture_output=True, text=True).stdout.split()
    for f in files:
        if re.fullmatch(r'bench/judge/sample-\d+\.ids', f):
            continue
        p = ROOT / f
        try:
            data = gzip.open(p, 'rt', encoding='utf-8').read() if f.endswith('.gz') else p.read_text(encoding='utf-8')
        except (OSError, UnicodeDecodeError, EOFError):
            continue
        nums |= _numbers(data)
    if EXAMPLES.exists():
        nums |= _numbers(EXAMPLES.read_text(encoding='utf-8'))
    return nums


def matches(form: object, text: str) -> bool:
    return bool(form(text)) if callable(form) and not hasattr(form, 'search') else bool(form.search(text))  # type: ignore[union-attr]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--seed', type=int, default=2027)
    a = ap.parse_args()
    used, sampled = used_ids(), sampled_ids()
    pool: list[tuple[str, str]] = []
    with gzip.open(CORPUS, 'rt', encoding='utf-8') as f:
        for line in f:
            d = json.loads(line)
            num = re.sub(r'\D', '', d['id'])
            if num in used or len(d['text']) > MAX_CHARS:
                continue
            pool.append((d['id'], d['text']))
    rng = random.Random(a.seed)
    rng.shuffle(pool)
    pool.sort(key=lambda a_t: re.sub(r'\D', '', a_t[0]) in sampled)  # stable: never-sampled first
    taken: set[str] = set()
    for name, quota, form in FORMS:
        got = 0
        for aid, text in pool:
            if got == quota:
                break
            if aid not in taken and matches(form, text):
                taken.add(aid); got += 1
                print(f'{aid}\t{name}')
    got = 0
    for aid, text in pool:
        if got == 2:
            break
        if aid not in taken and PROBE.search(text) and not any(matches(f, text) for _, _, f in FORMS):
            taken.add(aid); got += 1
            print(f'{aid}\tprobe')
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
