#!/usr/bin/env python
"""Peak memory of one big draft dense with citations (issue 14): ``python bench/dense.py
[--mb 20 50 200]``.

The file is real text repeated: the citation sentences of ``tests/data/*.tsv`` (verbatim
column) and the official texts of ``tests/data/official`` (decrees and decisions whose
preambles cite a dozen documents each), one paragraph each, separated by blank lines, until
the size asked for. Each size is checked by a child process
(``check --format json --no-cache FILE -o OUT``, and the grouped report) whose peak RSS,
wall and CPU time come from ``os.wait4``; memory bounded by the blocks means the peak does
not grow with the size. Results: ``bench/results/dense.{json,md}``.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
RESULTS = ROOT / "bench" / "results"
ENTRY = "import sys; from refcheck.lint.cli import main; sys.exit(main())"
MB = 1_000_000


def paragraphs() -> list[str]:
    out = []
    for tsv in sorted(DATA.glob("*.tsv")):
        with open(tsv, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                text = (row.get("verbatim") or row.get("text") or "").strip()
                if text:
                    out.append(text + ".")
    for p in sorted((DATA / "official").glob("*.txt")):
        out.append(p.read_text(encoding="utf-8").strip())
    return out


def write_dense(path: Path, nbytes: int) -> int:
    paras = paragraphs()
    block = ("\n\n".join(paras) + "\n\n").encode("utf-8")
    written = 0
    with open(path, "wb") as fh:
        while written < nbytes:
            fh.write(block)
            written += len(block)
    return written


def child(cmd: list[str], env: dict) -> dict:
    """bench/folder.py's measurement of one run, rounded for the results table."""
    from folder import child as measured  # bench/ is on sys.path when run as a script

    return {k: round(v, 2 if k != "peak_mb" else 1) for k, v in measured(cmd, env).items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, nargs="+", default=[20, 50, 200])
    ap.add_argument("--formats", nargs="+", default=["json", "grouped"])
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="refcheck-dense-"))
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.setdefault("REFCHECK_CACHE_DIR", str(work / "cache"))
    rows = []
    try:  # warm the catalog, vocabulary and grammar caches: a cold build is not the file's
        child([sys.executable, "-c", ENTRY, "check", "--no-cache", str(ROOT / "seeds")], env)
        for mb in a.mb:
            big = work / "dense.txt"
            size = write_dense(big, int(mb * MB))
            for fmt in a.formats:
                out = str(work / f"out.{fmt}")
                m = child([sys.executable, "-c", ENTRY, "check", "--format", fmt, "--no-cache",
                           "--exit-zero", str(big), "-o", out], env)
                m.update(mb=round(size / MB, 1), format=fmt, report_mb=round(
                    os.path.getsize(out) / MB, 1), load_avg=round(os.getloadavg()[0], 1))
                print(m, flush=True)
                rows.append(m)
            big.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "dense.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    lines = ["One draft dense with citations (`python bench/dense.py`), `--no-cache`.", "",
             "| file MB | format | wall s | CPU s | peak MB | report MB | load |",
             "|---|---|---|---|---|---|---|"]
    lines += [f"| {r['mb']} | {r['format']} | {r['wall_s']} | {r['cpu_s']} | {r['peak_mb']} | "
              f"{r['report_mb']} | {r['load_avg']} |" for r in rows]
    (RESULTS / "dense.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
