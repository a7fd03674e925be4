#!/usr/bin/env python
"""Folder-mode benchmarks (issue 16): ``python bench/folder.py [--mb 71] [--repeat 2]``.

The path editors and pre-commit hooks run, ``refcheck check --format json FOLDER``, on the
news corpus written one article per file into a temporary folder (until ``--mb`` MB of text,
71 MB by default as in the issue), and on the same text as one big file. Each measurement
is a child process timed from here (wall clock, and the child's own CPU time and peak RSS
from ``os.wait4``); each is repeated ``--repeat`` times and reported as a range, next to
the bare symbol regex over the same files in a child process of its own (read, decode,
``finditer``), so every ratio compares runs made on the same machine in the same minutes:

- ``regex``             the baseline (one process);
- ``no_cache``          ``--no-cache`` (default jobs: all cores when there is enough to check);
- ``no_cache_jobs1``    ``--no-cache --jobs 1``;
- ``cold``              empty result cache (catalog, vocabulary and grammar caches warm);
- ``warm``              the rerun, nothing changed;
- ``big_file``          the same text as one file (``--no-cache``), against the regex on it;
- ``startup``           one unchanged draft vs ``python -c "import click"`` (median of 10).

Peak memory is the largest RSS of one process (a worker or the parent). Results:
``bench/results/folder.{json,md}``. The machine is shared: compare ranges, not single runs.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path("/work/shared/data/news/baomoi-2017.jsonl.gz")
if not CORPUS.exists():
    CORPUS = ROOT.parent / "shared" / "data" / "news" / "baomoi-2017.jsonl.gz"
RESULTS = ROOT / "bench" / "results"
MB = 1_000_000
ENTRY = "import sys; from refcheck.lint.cli import main; sys.exit(main())"
BARE = r"\d{1,5}\s?[-/]\s?(?:\d{4}/)?[A-ZĐ][A-Za-zĐ]*[-/][A-ZĐ][A-Za-zĐ0-9]*"
REGEX_CHILD = r"""
import os, re, sys
rx = re.compile(sys.argv[1])
n = 0
def walk(d):
    global n
    with os.scandir(d) as it:
        for e in sorted(it, key=lambda e: e.name):
            if e.is_dir():
                walk(e.path)
            elif e.name.endswith(".txt"):
                with open(e.path, "rb") as fh:
                    n += sum(1 for _ in rx.finditer(fh.read().decode("utf-8")))
p = sys.argv[2]
if os.path.isdir(p):
    walk(p)
else:
    with open(p, "rb") as fh:
        n = sum(1 for _ in rx.finditer(fh.read().decode("utf-8")))
print(n)
"""
TARGETS = {
    "folder_vs_regex": ("≥ 0.5×", lambda v: v >= 0.5),
    "cold_vs_no_cache": ("≤ 1.15×", lambda v: v <= 1.15),
    "warm_speedup": ("≥ 8×", lambda v: v >= 8),
    "folder_peak_mb": ("≤ 150 MB", lambda v: v <= 150),
    "big_file_peak_mb": ("≤ 150 MB", lambda v: v <= 150),
    "startup_ratio": ("≤ 2×", lambda v: v <= 2),
}


def _env(cache: str) -> dict:
    env = dict(os.environ, REFCHECK_CACHE_DIR=cache)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("REFCHECK_NO_CACHE", None)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def child(cmd: list[str], env: dict, cwd: str | None = None) -> dict:
    """Wall seconds, CPU seconds (the child and the workers it waited for), peak RSS (MB)."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    err = p.stderr.read().decode("utf-8", "replace")
    p.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{cmd} exited {code}: {err[-2000:]}")
    return {"wall_s": wall, "cpu_s": ru.ru_utime + ru.ru_stime, "peak_mb": ru.ru_maxrss / 1024}


def write_folder(dest: Path, limit: int) -> tuple[int, int]:
    """One file per article (in corpus order) and the same texts as one file ``big.txt``,
    articles separated by a ``---`` line as a scraped dump would be."""
    folder = dest / "drafts"
    folder.mkdir()
    n = total = 0
    with gzip.open(CORPUS, "rb") as fh, open(dest / "big.txt", "w", encoding="utf-8") as big:
        for line in fh:
            text = json.loads(line).get("text") or "" if line.strip() else ""
            if not text:
                continue
            n += 1
            sub = folder / f"{n // 1000:02d}"
            sub.mkdir(exist_ok=True)
            (sub / f"{n:05d}.txt").write_text(text, encoding="utf-8")
            big.write(text + "\n\n---\n\n")
            total += len(text.encode("utf-8"))
            if total >= limit:
                break
    return n, total


def _cmd(*args: str) -> list[str]:
    return [sys.executable, "-c", ENTRY, "check", "--format", "json", "--exit-zero", *args]


def _span(values: list[float], nd: int = 2) -> str:
    lo, hi = min(values), max(values)
    return f"{lo:.{nd}f}" if round(lo, nd) == round(hi, nd) else f"{lo:.{nd}f}–{hi:.{nd}f}"


def run(mb: float, repeat: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix="refcheck-folder-bench-"))
    try:
        n, nbytes = write_folder(work, int(mb * MB))
        folder, big, out = str(work / "drafts"), str(work / "big.txt"), str(work / "out.json")
        warm_base = str(work / "base-cache")
        env = _env(warm_base)
        child(_cmd("--no-cache", str(ROOT / "seeds")), env)  # catalog, vocabulary, grammar
        rounds: dict[str, list[dict]] = {}

        def add(name: str, m: dict) -> None:
            rounds.setdefault(name, []).append(m)

        for _ in range(repeat):
            add("regex", child([sys.executable, "-c", REGEX_CHILD, BARE, folder], env))
            add("no_cache", child(_cmd("--no-cache", folder, "-o", out), env))
            add("no_cache_jobs1", child(_cmd("--no-cache", "--jobs", "1", folder, "-o", out), env))
            cold_dir = str(work / "cold-cache")
            shutil.rmtree(cold_dir, ignore_errors=True)
            shutil.copytree(warm_base, cold_dir, ignore=shutil.ignore_patterns("results"))
            add("cold", child(_cmd(folder, "-o", out), _env(cold_dir)))
            add("warm", child(_cmd(folder, "-o", out), _env(cold_dir)))
            add("regex_big", child([sys.executable, "-c", REGEX_CHILD, BARE, big], env))
            add("big_file", child(_cmd("--no-cache", big, "-o", out), env))
        startup = _startup(env)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return _summarise(rounds, n, nbytes, startup, repeat)


def _startup(env: dict) -> dict:
    draft = str(sorted((ROOT / "seeds").glob("000*.txt"))[0])
    cmd = [sys.executable, "-c", ENTRY, "check", draft]
    click = [sys.executable, "-c", "import click"]
    for c in (cmd, click):
        child(c, env)
    ref, clk = [], []
    for _ in range(10):  # interleaved: a change of load in between hits both alike
        ref.append(child(cmd, env))
        clk.append(child(click, env))

    def ms(runs: list[dict], key: str) -> float:
        return statistics.median(r[key] for r in runs) * 1000

    return {"refcheck_ms": ms(ref, "wall_s"), "click_ms": ms(clk, "wall_s"),
            "refcheck_cpu_ms": ms(ref, "cpu_s"), "click_cpu_ms": ms(clk, "cpu_s")}


def _summarise(rounds: dict, n: int, nbytes: int, startup: dict, repeat: int) -> dict:
    def ratios(a: str, b: str, key: str = "wall_s") -> list[float]:
        return [x[key] / y[key] for x, y in zip(rounds[a], rounds[b])]

    res = {"files": n, "text_mb": round(nbytes / MB, 1), "repeat": repeat,
           "load_avg": list(os.getloadavg()), "rounds": rounds, "startup": startup}
    res["folder_vs_regex"] = ratios("regex", "no_cache")
    res["folder_vs_regex_jobs1"] = ratios("regex", "no_cache_jobs1")
    res["folder_vs_regex_cpu"] = ratios("regex", "no_cache_jobs1", "cpu_s")
    res["cold_vs_no_cache"] = ratios("cold", "no_cache")
    res["warm_speedup"] = ratios("no_cache", "warm")
    res["big_vs_regex"] = ratios("regex_big", "big_file")
    # The same ratios in CPU time (the child and the workers it waited for): on a machine
    # shared with other work, wall time counts their load against the run, CPU time does
    # not (it cannot show what parallel workers gain, which only wall time can).
    res["folder_vs_regex_cpu_all"] = ratios("regex", "no_cache", "cpu_s")
    res["cold_vs_no_cache_cpu"] = ratios("cold", "no_cache", "cpu_s")
    res["warm_speedup_cpu"] = ratios("no_cache", "warm", "cpu_s")
    res["big_vs_regex_cpu"] = ratios("regex_big", "big_file", "cpu_s")
    res["folder_peak_mb"] = [max(x["peak_mb"] for x in rounds[k])
                             for k in ("no_cache", "cold", "warm")]
    res["big_file_peak_mb"] = [x["peak_mb"] for x in rounds["big_file"]]
    res["startup_ratio"] = [startup["refcheck_ms"] / startup["click_ms"]]
    res["startup_ratio_cpu"] = [startup["refcheck_cpu_ms"] / startup["click_cpu_ms"]]
    return res


def markdown(res: dict) -> str:
    r = res["rounds"]
    mbs = lambda k: _span([res["text_mb"] / x["wall_s"] for x in r[k]], 1)  # noqa: E731
    lines = [f"Folder mode: {res['files']} files, {res['text_mb']} MB of news text, "
             f"{res['repeat']} rounds, load average {res['load_avg'][0]:.1f}"
             + (f", git {res['git']}" if res.get("git") else "") + ".", "",
             "| run | wall s | MB/s | CPU s | peak MB |", "|---|---|---|---|---|"]
    for k in ("regex", "no_cache", "no_cache_jobs1", "cold", "warm", "regex_big", "big_file"):
        lines.append(f"| {k} | {_span([x['wall_s'] for x in r[k]])} | {mbs(k)} | "
                     f"{_span([x['cpu_s'] for x in r[k]])} | "
                     f"{_span([x['peak_mb'] for x in r[k]], 0)} |")
    lines += ["", "| measure | target | measured | |", "|---|---|---|---|"]
    extra = {"folder_vs_regex_jobs1": "(--jobs 1)", "folder_vs_regex_cpu": "(CPU, --jobs 1)",
             "big_vs_regex": "(no target)", "big_vs_regex_cpu": "(CPU, no target)"}
    for key in ("folder_vs_regex", "folder_vs_regex_jobs1", "folder_vs_regex_cpu",
                "folder_vs_regex_cpu_all", "cold_vs_no_cache", "cold_vs_no_cache_cpu",
                "warm_speedup", "warm_speedup_cpu", "folder_peak_mb", "big_file_peak_mb",
                "big_vs_regex", "big_vs_regex_cpu", "startup_ratio", "startup_ratio_cpu"):
        if key not in res:  # a results file from before the CPU rows
            continue
        target, ok = TARGETS.get(key, (extra.get(key, ""), None))
        if key.endswith("_cpu") or key.endswith("_cpu_all"):
            base = key.replace("_cpu_all", "").replace("_cpu", "")
            if base in TARGETS and key != "folder_vs_regex_cpu":
                target, ok = TARGETS[base][0] + " (CPU)", TARGETS[base][1]
        vals = res[key]
        verdict = "" if ok is None else ("pass" if all(ok(v) for v in vals) else
                                        "not reached" if not any(ok(v) for v in vals)
                                        else "borderline")
        lines.append(f"| {key} | {target} | {_span(vals)} | {verdict} |")
    s = res["startup"]
    lines.append(f"\nStart-up: {s['refcheck_ms']:.0f} ms vs import click {s['click_ms']:.0f} ms"
                 + (f" (CPU {s['refcheck_cpu_ms']:.0f} vs {s['click_cpu_ms']:.0f} ms)."
                    if "click_cpu_ms" in s else "."))
    la = res.get("load_avg_after")
    if la:
        lines.append(f"Load average before {res['load_avg'][0]:.1f}, after {la[0]:.1f}.")
    return "\n".join(lines) + "\n"


def _git() -> str:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, timeout=10)
        return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=71.0, help="MB of text (default 71)")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--quick", action="store_true", help="10 MB, 2 rounds")
    a = ap.parse_args()
    res = run(10.0 if a.quick else a.mb, a.repeat)
    res["load_avg_after"] = list(os.getloadavg())
    res["git"] = _git()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "folder.json").write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    md = markdown(res)
    (RESULTS / "folder.md").write_text(md, encoding="utf-8")
    print(md)


if __name__ == "__main__":
    main()
