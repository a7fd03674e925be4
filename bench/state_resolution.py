"""Share of central State symbol citations in the news corpus that resolve to a catalog entry.

Why: issue 15 measures the catalog by how many central State citations ("Nghị định số
30/2020/NĐ-CP", "Quyết định 1234/QĐ-TTg", "Thông tư 12/2016/TT-BTC") it can check at all; a
citation the catalog does not know is only "unverifiable". This script runs the refcheck CLI
in archive mode over the corpus once and prints that share, with the error-level findings,
so that a catalog change can be compared before/after with the same command (``--errors``
writes the error findings, one per line, for a diff).

A citation counts when its JSON ``kind`` is ``symbol`` and its issuer code (the part before
the first ``-``) is a State issuer of ``refcheck/notation/vocab.yaml`` other than UBND/HĐND (local
bodies are outside every central table). Resolved = ``resolved`` non-empty.

    python bench/state_resolution.py [--input ../shared/data/news/baomoi-2017.jsonl.gz]
        [--refcheck PATH] [--errors FILE] [--output FINDINGS.jsonl]
"""
from __future__ import annotations

import argparse
import collections
import fnmatch
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_INPUT = ROOT.parent / "shared" / "data" / "news" / "baomoi-2017.jsonl.gz"
LOCAL = {"UBND", "HĐND"}


def central_state_codes() -> list[str]:
    """Issuer-code patterns of central State bodies, read from the vocabulary."""
    vocab = yaml.safe_load((ROOT / "refcheck" / "notation" / "vocab.yaml").read_text(encoding="utf-8"))
    return [code for code, spec in vocab["issuers"].items()
            if (spec or {}).get("system") == "state" and code not in LOCAL]


def is_central_state(issuer_code: str | None, patterns: list[str]) -> bool:
    if not issuer_code:
        return False
    head = issuer_code.split("-", 1)[0]
    return any(fnmatch.fnmatchcase(head, p) for p in patterns)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    ap.add_argument("--refcheck", default=shutil.which("refcheck") or "refcheck")
    ap.add_argument("--errors", type=Path, help="write error-level findings here (sorted)")
    ap.add_argument("--output", type=Path, help="keep the archive-mode output here")
    ap.add_argument("--catalog", action="append", default=[],
                    help="extra catalog stacked over the default (repeatable)")
    ap.add_argument("--no-default-catalog", action="store_true",
                    help="drop the embedded catalog (with --catalog OLD.yaml: before/after)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        out = args.output or Path(tmp) / "findings.jsonl"
        cmd = [args.refcheck, "check", "--jsonl", str(args.input), "-o", str(out),
               "--exit-zero", "--jobs", "1"]
        for c in args.catalog:
            cmd += ["--catalog", c]
        if args.no_default_catalog:
            cmd.append("--no-default-catalog")
        subprocess.run(cmd, check=True)
        patterns = central_state_codes()
        total = resolved = 0
        by_code: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
        errors: list[str] = []
        with open(out, encoding="utf-8") as fh:
            for line in fh:
                art = json.loads(line)
                cits = art["citations"]
                for c in cits:
                    if c["kind"] == "symbol" and is_central_state(c.get("issuer_code"), patterns):
                        total += 1
                        ok = bool(c.get("resolved"))
                        resolved += ok
                        key = f"{c.get('type_code') or '-'}-{c['issuer_code'].split('-')[0]}"
                        by_code[key][0] += 1
                        by_code[key][1] += ok
                for f in art["findings"]:
                    if f["severity"] == "error":
                        cit = cits[f["citation"]]["text"] if f.get("citation") is not None else ""
                        errors.append(f"{art['id']}\t{f['code']}\t{cit}\t{f['message']}")
    errors.sort()
    share = resolved / total if total else 0.0
    print(f"central State symbol citations: {total}, resolved: {resolved} ({share:.1%})")
    print(f"error-level findings: {len(errors)}")
    print("by series (type code - issuer), top 12: cited, resolved")
    for key, (n, ok) in sorted(by_code.items(), key=lambda kv: -kv[1][0])[:12]:
        print(f"  {key:<14} {n:>6} {ok:>6} ({ok / n:.0%})")
    if args.errors:
        args.errors.write_text("".join(e + "\n" for e in errors), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
