"""Score the `refcheck` CLI on the labelled official-document excerpts.

Why: issue 13/15 measure found/resolved/fields on official texts (Căn cứ lines, headers,
VBHN); this script gives the same figures on the public dev set in tests/data/official so
that progress can be seen before the held-out run.

It runs `refcheck check FILES --format json --no-cache --exit-zero` once over
tests/data/official/*.txt, matches every reported citation to the hand labels in
labels.jsonl by span overlap and prints, per label kind: found, resolved right, fields
right (symbols), false positives and error-level findings on correct citations
(false alarms). It always exits 0.

    python bench/official_score.py [--refcheck PATH] [--verbose] [--files GLOB ... | --batch N]
"""
from __future__ import annotations

import argparse
import collections
import json
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "tests" / "data" / "official"
FIELDS = ("type", "number", "year", "type_code", "issuer_code", "date")
#: batch 1: sessions 3-6 (001-096); batch 2: the fresh documents labelled before any fix (100-).
BATCHES = {1: ("0[0-9][0-9].txt",), 2: ("1[0-9][0-9].txt",)}
KIND_ORDER = ("law-title", "symbol", "short-form", "plenum", "constitution", "header")


@dataclass
class Pred:
    """One citation reported by refcheck (file offsets), with its error findings."""

    file: str
    start: int
    end: int
    data: dict
    errors: list[str] = field(default_factory=list)


def canon(symbol: str | None) -> str:
    """Compare symbols without case, spaces, the look-alike Ð or a '@date' suffix."""
    if not symbol:
        return ""
    s = unicodedata.normalize("NFC", symbol).split("@", 1)[0]
    s = s.replace("Ð", "Đ").replace("đ", "Đ").replace(" ", "").upper()
    head, sep, rest = s.partition("/")
    return (head.lstrip("0") or "0") + sep + rest


def norm_field(name: str, value: object) -> object:
    """Field values as the labels write them (number as string without leading zeros)."""
    if value is None or value == "":
        return None
    if name == "number":
        return str(value).lstrip("0") or "0"
    if name == "year":
        return int(value)
    if name in ("type_code", "issuer_code"):
        return canon(str(value))
    if name == "type":
        return str(value).strip().lower()
    return str(value)


def run_refcheck(exe: str, files: list[Path]) -> dict:
    cmd = [exe, "check", *map(str, files), "--format", "json", "--no-cache", "--exit-zero"]
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
    if not proc.stdout.strip():
        print(f"refcheck produced no JSON (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
        return {"files": []}
    return json.loads(proc.stdout)


def collect(report: dict) -> list[Pred]:
    preds: list[Pred] = []
    for f in report.get("files", []):
        name = Path(f["path"]).name
        for art in f.get("articles", []):
            cits = art.get("citations", [])
            local = [Pred(name, c["start"], c["end"], c) for c in cits]
            for fd in art.get("findings", []):
                i = fd.get("citation")
                if fd.get("severity") == "error" and isinstance(i, int) and 0 <= i < len(local):
                    local[i].errors.append(fd["code"])
            preds.extend(local)
    return preds


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--refcheck", default=shutil.which("refcheck") or "refcheck")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--verbose", action="store_true", help="list misses and false positives")
    ap.add_argument("--files", nargs="+", default=["*.txt"],
                    help="globs of the excerpts to score (default all; '0[4-6]*.txt': session 5's 040-066;"
                         " '06[7-9].txt' '0[7-9]?.txt': session 6's 067-096)")
    ap.add_argument("--batch", type=int, choices=sorted(BATCHES),
                    help="score one batch only: 1 = 001-096, 2 = the fresh batch 100-125 (README)")
    args = ap.parse_args()

    patterns = BATCHES[args.batch] if args.batch else args.files
    files = sorted({f for pattern in patterns for f in args.data.glob(pattern)})
    names = {f.name for f in files}
    labels = [lab for lab in map(json.loads, (args.data / "labels.jsonl").open(encoding="utf-8"))
              if lab["file"] in names]
    try:
        report = run_refcheck(args.refcheck, files)
    except (OSError, json.JSONDecodeError) as exc:
        print(f"could not run refcheck: {exc}")
        return 0
    preds = collect(report)
    by_file: dict[str, list[Pred]] = collections.defaultdict(list)
    for p in preds:
        by_file[p.file].append(p)

    stats: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    field_ok: collections.Counter = collections.Counter()
    misses: list[str] = []
    wrong_fields: list[str] = []
    alarms: list[str] = []
    unresolved: list[str] = []
    headers_fp: list[str] = []
    matched: set[int] = set()
    for lab in labels:
        kind = lab["kind"]
        st = stats[kind]
        st["labels"] += 1
        hits = [p for p in by_file[lab["file"]] if overlaps(lab["start"], lab["end"], p.start, p.end)]
        matched.update(id(p) for p in hits)
        if kind == "header":
            # the document's own number is not a citation of another document
            st["counted as citation (FP)"] += bool(hits)
            if hits:
                headers_fp.append(f"{lab['file']}:{lab['start']} {lab['text']!r}")
            continue
        if not hits:
            misses.append(f"{lab['file']}:{lab['start']} {kind} {lab['text']!r}")
            continue
        st["found"] += 1
        p = min(hits, key=lambda h: abs(h.start - lab["start"]))
        names = lab.get("names", "unknown")
        resolved = [canon(r) for r in p.data.get("resolved") or []]
        if names == "unknown" or not lab.get("in_tables", True):
            st["names unknown to the tables"] += 1
        else:
            st["resolvable"] += 1
            st["resolved right"] += canon(names) in resolved
            if canon(names) not in resolved:
                unresolved.append(f"{lab['file']}:{lab['start']} {kind} {lab['text']!r}: got {p.data.get('resolved')},"
                                  f" label {names}")
        if kind == "symbol":
            want = lab.get("fields") or {}
            allok = True
            for name in FIELDS:
                ok = norm_field(name, p.data.get(name)) == norm_field(name, want.get(name))
                field_ok[name] += ok
                allok &= ok
                if not ok:
                    wrong_fields.append(f"{lab['file']}:{lab['start']} {name}: got {p.data.get(name)!r},"
                                        f" label {want.get(name)!r} in {lab['text']!r}")
            field_ok["all"] += allok
            field_ok["n"] += 1
        if p.errors and not lab.get("wrong"):
            st["false alarms (error on a correct citation)"] += 1
            alarms.append(f"{lab['file']}:{lab['start']} {','.join(p.errors)} on {lab['text']!r}")
    fps = [p for p in preds if id(p) not in matched]

    where = args.data.relative_to(HERE.parent) if args.data.is_relative_to(HERE.parent) else args.data
    print(f"refcheck {report.get('refcheck', '?')} on {len(files)} documents, {len(labels)} labels ({where})")
    print(f"{'kind':<13}{'labels':>7}{'found':>7}{'resolv.':>8}{'right':>7}  false alarms")
    for kind in sorted(stats, key=lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else 99):
        st = stats[kind]
        if kind == "header":
            print(f"{kind:<13}{st['labels']:>7}   counted as a citation (false positive): "
                  f"{st['counted as citation (FP)']}")
            continue
        n = st["labels"] or 1
        print(f"{kind:<13}{st['labels']:>7}{st['found']:>7}{st['resolvable']:>8}"
              f"{st['resolved right']:>7}  {st['false alarms (error on a correct citation)']}"
              f"   found {st['found'] / n:.0%}, resolved right {st['resolved right'] / (st['resolvable'] or 1):.0%}"
              f" of resolvable ({st['names unknown to the tables']} found but unknown to the tables)")
    n = field_ok["n"] or 1
    print("symbol fields right (of found symbols): "
          + ", ".join(f"{k} {field_ok[k] / n:.0%}" for k in (*FIELDS, "all")))
    print(f"false positives: {len(fps)} citations with no label"
          f" (+ {stats['header']['counted as citation (FP)']} headers counted as citations)")
    if args.verbose:
        print("\nmissed labels:")
        for m in misses:
            print("  " + m.replace("\n", "⏎"))
        print("\nresolved wrong (of resolvable):")
        for u in unresolved:
            print("  " + u.replace("\n", "⏎"))
        print("\nheaders counted as citations:")
        for h in headers_fp:
            print("  " + h.replace("\n", "⏎"))
        print("\nsymbol fields wrong:")
        for w in wrong_fields:
            print("  " + w.replace("\n", "⏎"))
        print("\nfalse alarms:")
        for a in alarms:
            print("  " + a.replace("\n", "⏎"))
        print("\nfalse positives:")
        for p in fps:
            print(f"  {p.file}:{p.start} {p.data.get('text')!r}".replace("\n", "⏎"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
