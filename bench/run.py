#!/usr/bin/env python
"""refcheck benchmarks: ``python bench/run.py [--quick] [--only NAME,...] [--corpus FILE]``.

Measures, in one run, and prints side by side (target, measured, pass/fail):

1. throughput  - the whole pipeline (scan, grammar, resolve, every check, JSON built and
                 thrown away) per article of the news corpus, MB/s of UTF-8 text and
                 articles/s, next to a bare symbol regex ``finditer`` over the same text;
2. linearity   - one big string (articles concatenated) vs the same text as many strings;
3. startup     - ``refcheck check`` on one small draft vs ``python -c "import click"``
                 (warm: median of >= 10 runs, once with the draft unchanged, a result-cache
                 hit, and once as if edited, ``--no-cache``; cold: fresh
                 ``REFCHECK_CACHE_DIR``), plus the top ``-X importtime`` offenders and an
                 in-process phase breakdown of the edited case;
4. memory      - peak RSS of archive mode (``check --jsonl … -o /dev/null``), whole corpus;
5. parallel    - archive mode ``--jobs 2`` vs ``--jobs 1``, wall clock.

``--profile`` adds a cProfile of the throughput run (top functions by own time).
Results go to ``bench/results/latest.json`` and ``bench/results/latest.md``.
All timing is done from Python (``time.perf_counter``, ``resource.getrusage``); the machine's
load average is recorded because parallel and wall-clock figures depend on it.
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as _dt
import gzip
import io
import json
import os
import platform
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = Path("/work/shared/data/news/baomoi-2017.jsonl.gz")
RESULTS = ROOT / "bench" / "results"
DRAFT = sorted((ROOT / "seeds").glob("000*.txt"))[0]
MB = 1_000_000

#: The bare regex baseline: a symbol such as 35-CT/TW, 30/2020/NĐ-CP, 1234/QĐ-TTg.
BARE_RE = re.compile(r"\d{1,5}\s?[-/]\s?(?:\d{4}/)?[A-ZĐ][A-Za-zĐ]*[-/][A-ZĐ][A-Za-zĐ0-9]*")

TARGETS = {
    "throughput_mb_s": ("≥ 25 MB/s (one core, CPU time)", lambda v: v >= 25),
    "throughput_vs_regex": ("≥ 0.5× the regex (CPU time)", lambda v: v >= 0.5),
    "linearity_ratio": ("within 20 % (0.8–1.2)", lambda v: 0.8 <= v <= 1.2),
    "startup_warm_ratio": ("≤ 2× python -c 'import click'", lambda v: v <= 2.0),
    "startup_edited_ratio": ("≤ 2× python -c 'import click'", lambda v: v <= 2.0),
    "startup_cold_ratio": ("(no target)", None),
    "archive_peak_rss_mb": ("≤ 200 MB", lambda v: v <= 200),
    "parallel_speedup": ("≥ 1.7× (--jobs 2 / --jobs 1)", lambda v: v >= 1.7),
}


def _env(**extra) -> dict:
    env = dict(os.environ)
    # An installed refcheck has .pyc files; measure that, not a source-only import.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def _load() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:  # pragma: no cover
        return []


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- corpus


def read_articles(path: Path, limit_bytes: int | None) -> list[str]:
    """Article texts from the corpus, up to ``limit_bytes`` of UTF-8 text."""
    texts, total = [], 0
    with gzip.open(path, "rb") as fh:
        for line in fh:
            if not line.strip():
                continue
            text = json.loads(line).get("text") or ""
            texts.append(text)
            total += len(text.encode("utf-8"))
            if limit_bytes and total >= limit_bytes:
                break
    return texts


def write_subset(path: Path, limit_bytes: int, out: Path) -> Path:
    """The first lines of the corpus whose text adds up to ``limit_bytes`` (for --quick)."""
    total = 0
    with gzip.open(path, "rb") as fh, open(out, "wb") as o:
        for line in fh:
            o.write(line)
            total += len((json.loads(line).get("text") or "").encode("utf-8"))
            if total >= limit_bytes:
                break
    return out


def _pipeline(texts: list[str], catalog, settings) -> int:
    from refcheck import __version__
    from refcheck.api import check_source
    from refcheck.lint.report import to_json_data

    n_cit = 0
    for i, text in enumerate(texts):
        r = check_source(text, path=f"a{i}", catalog=catalog, settings=settings,
                         lang=settings.lang)
        json.dumps(to_json_data([r], __version__), ensure_ascii=False)
        n_cit += sum(len(a.citations) for a in r.articles)
    return n_cit


def _regex(texts: list[str]) -> int:
    n = 0
    for text in texts:
        for _ in BARE_RE.finditer(text):
            n += 1
    return n


def _timed(fn, *args):
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn(*args)
    return out, time.perf_counter() - w0, time.process_time() - c0


def bench_throughput(texts: list[str], profile: bool) -> dict:
    from refcheck.catalog.load import load_catalog
    from refcheck.lint.config import Settings

    catalog, settings = load_catalog(), Settings()
    _pipeline([DRAFT.read_text("utf-8")], catalog, settings)  # grammar, lazy imports
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    n_cit, wall, cpu = _timed(_pipeline, texts, catalog, settings)
    n_re, re_wall, re_cpu = _timed(_regex, texts)
    res = {
        "articles": len(texts), "text_mb": round(nbytes / MB, 2), "citations": n_cit,
        "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
        "mb_s": round(nbytes / MB / wall, 2), "mb_s_cpu": round(nbytes / MB / cpu, 2),
        "articles_s": round(len(texts) / wall, 1),
        "regex_matches": n_re, "regex_wall_s": round(re_wall, 3),
        "regex_mb_s": round(nbytes / MB / re_wall, 2),
        "regex_mb_s_cpu": round(nbytes / MB / re_cpu, 2),
    }
    res["vs_regex"] = round(res["mb_s"] / res["regex_mb_s"], 3)
    res["vs_regex_cpu"] = round(res["mb_s_cpu"] / res["regex_mb_s_cpu"], 3)
    if profile:
        prof = cProfile.Profile()
        sample = texts[: max(1, len(texts) // 4)]
        prof.enable()
        _pipeline(sample, catalog, settings)
        prof.disable()
        res["profile"] = _top_functions(prof, 15)
        res["profile_sample_articles"] = len(sample)
    return res


def _top_functions(prof: cProfile.Profile, n: int) -> list[dict]:
    st = pstats.Stats(prof, stream=io.StringIO())
    total = sum(v[2] for v in st.stats.values())  # own time
    rows = []
    for (file, line, func), (cc, nc, tt, ct, _) in st.stats.items():
        name = f"{_short(file)}:{line}({func})" if line else func
        rows.append({"function": name, "calls": nc, "own_s": round(tt, 3),
                     "own_pct": round(100 * tt / total, 1) if total else 0.0,
                     "cum_s": round(ct, 3)})
    rows.sort(key=lambda r: -r["own_s"])
    return rows[:n]


def _short(file: str) -> str:
    for marker in ("/refcheck/", "/site-packages/", "/lib/python"):
        if marker in file:
            return file[file.index(marker) + 1:]
    return file


# --------------------------------------------------------------------------- 2. linearity


def bench_linearity(texts: list[str], size: int) -> dict:
    from refcheck.api import check_source
    from refcheck.catalog.load import load_catalog
    from refcheck.lint.config import Settings

    catalog, settings = load_catalog(), Settings()
    part, total = [], 0
    for t in texts:
        part.append(t)
        total += len(t.encode("utf-8")) + 2
        if total >= size:
            break
    big = "\n\n".join(part)
    nbytes = len(big.encode("utf-8"))
    _, small_wall, small_cpu = _timed(
        lambda: [check_source(t, catalog=catalog, settings=settings) for t in part])
    r, big_wall, big_cpu = _timed(lambda: check_source(big, catalog=catalog, settings=settings))  # noqa: F821 (called before the del)
    n_big = sum(len(a.citations) for a in r.articles)
    del r, big
    small_mb_s = nbytes / MB / small_wall
    big_mb_s = nbytes / MB / big_wall
    return {"text_mb": round(nbytes / MB, 2), "pieces": len(part),
            "small_wall_s": round(small_wall, 3), "big_wall_s": round(big_wall, 3),
            "small_mb_s": round(small_mb_s, 2), "big_mb_s": round(big_mb_s, 2),
            "big_citations": n_big,
            "ratio": round(big_mb_s / small_mb_s, 3),
            "ratio_cpu": round(small_cpu / big_cpu, 3)}


# --------------------------------------------------------------------------- 3. start-up


def _run_times(cmd: list[str], n: int, env: dict) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       cwd=ROOT)
        out.append(time.perf_counter() - t)
    return out


_PHASES = r"""
import time, sys
t0 = time.perf_counter()
import refcheck.lint.cli
t1 = time.perf_counter()
from refcheck.lint.config import load_settings
s = load_settings(sys.argv[1])
t2 = time.perf_counter()
from refcheck.catalog.load import load_catalog
cat = load_catalog()
t3 = time.perf_counter()
from refcheck.api import check_source
r = check_source(open(sys.argv[1], encoding="utf-8").read(), catalog=cat, settings=s)
t4 = time.perf_counter()
from refcheck.lint.report import render
render("grouped", [r], "x", "vi")
t5 = time.perf_counter()
print({"import_cli": t1 - t0, "settings": t2 - t1, "catalog": t3 - t2,
       "check_source": t4 - t3, "render": t5 - t4})
"""


_ENTRY = "import sys; from refcheck.lint.cli import main; sys.exit(main())"


def bench_startup(runs: int, cold_runs: int) -> dict:
    py = sys.executable
    # What the installed ``refcheck`` console script runs (``-m`` would add runpy's import,
    # which no user pays), from this source tree.
    refcheck_cmd = [py, "-c", _ENTRY, "check", str(DRAFT)]
    click_cmd = [py, "-c", "import click"]
    with tempfile.TemporaryDirectory() as warm_dir:
        env = _env(REFCHECK_CACHE_DIR=warm_dir)
        _run_times(refcheck_cmd, 2, env)  # fill the caches and write .pyc files
        _run_times(click_cmd, 2, env)
        warm = _run_times(refcheck_cmd, runs, env)
        click = _run_times(click_cmd, runs, env)
        # An edited draft misses the result cache: what a pre-commit run on changed files pays
        # (catalog index, vocabulary and grammar tables still cached).
        edited = _run_times([py, "-c", _ENTRY, "check", "--no-cache", str(DRAFT)], runs, env)
        phases = []
        for _ in range(5):
            p = subprocess.run([py, "-c", _PHASES, str(DRAFT)], env=env, capture_output=True,
                               text=True, cwd=ROOT)
            phases.append(eval(p.stdout.strip().splitlines()[-1]))  # noqa: S307 - our output
        phase_med = {k: round(statistics.median(p[k] for p in phases) * 1000, 1)
                     for k in phases[0]}
        imp = subprocess.run([py, "-X", "importtime", "-c", _ENTRY, "check", "--no-cache",
                              str(DRAFT)], env=env, capture_output=True, text=True, cwd=ROOT)
        importtime = _parse_importtime(imp.stderr)
    cold = []
    for _ in range(cold_runs):
        with tempfile.TemporaryDirectory() as cold_dir:
            cold += _run_times(refcheck_cmd, 1, _env(REFCHECK_CACHE_DIR=cold_dir))
    m_warm, m_click, m_cold, m_edited = (statistics.median(x) for x in (warm, click, cold, edited))
    return {"draft": DRAFT.name, "runs": runs, "cold_runs": cold_runs,
            "refcheck_warm_ms": round(m_warm * 1000, 1),
            "click_ms": round(m_click * 1000, 1),
            "refcheck_cold_ms": round(m_cold * 1000, 1),
            "warm_ratio": round(m_warm / m_click, 2), "cold_ratio": round(m_cold / m_click, 2),
            "refcheck_edited_ms": round(m_edited * 1000, 1),
            "edited_ratio": round(m_edited / m_click, 2),
            "warm_all_ms": [round(x * 1000, 1) for x in warm],
            "phases_ms": phase_med, "importtime": importtime}


def _parse_importtime(stderr: str) -> dict:
    rows = []
    for line in stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m:
            rows.append((int(m.group(1)), int(m.group(2)), len(m.group(3)) // 2, m.group(4)))
    total = sum(r[0] for r in rows)
    by_self = sorted(rows, key=lambda r: -r[0])[:12]
    # Top-level packages: cumulative time of the outermost imports (depth 0).
    top = sorted((r for r in rows if r[2] == 0), key=lambda r: -r[1])[:12]
    return {"total_ms": round(total / 1000, 1),
            "by_self": [{"module": r[3], "self_ms": round(r[0] / 1000, 1),
                         "cumulative_ms": round(r[1] / 1000, 1)} for r in by_self],
            "top_level": [{"module": r[3], "cumulative_ms": round(r[1] / 1000, 1)}
                          for r in top]}


# --------------------------------------------------------------------------- 4-5. archive


_RSS = r"""
import resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:])
wall = time.perf_counter() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print({"rc": p.returncode, "wall_s": wall, "maxrss_kb": ru.ru_maxrss,
       "cpu_s": ru.ru_utime + ru.ru_stime})
"""


def run_archive_cli(path: Path, jobs: int, env: dict) -> dict:
    """One archive run in a fresh wrapper process: exit code, wall time, peak RSS (the largest
    single process: with --jobs N, the main process or one worker), CPU time of all."""
    cmd = [sys.executable, "-c", _RSS, sys.executable, "-m", "refcheck.lint.cli", "check",
           "--jsonl", str(path), "-o", os.devnull, "--jobs", str(jobs)]
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT)
    out = eval(p.stdout.strip().splitlines()[-1])  # noqa: S307 - our own output
    return {"jobs": jobs, "rc": out["rc"], "wall_s": round(out["wall_s"], 3),
            "cpu_s": round(out["cpu_s"], 3), "peak_rss_mb": round(out["maxrss_kb"] / 1024, 1)}


def bench_archive(path: Path, text_mb: float, repeats: int) -> dict:
    with tempfile.TemporaryDirectory() as cache:
        env = _env(REFCHECK_CACHE_DIR=cache)
        subprocess.run([sys.executable, "-m", "refcheck.lint.cli", "check", str(DRAFT)], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        one = [run_archive_cli(path, 1, env) for _ in range(repeats)]
        two = [run_archive_cli(path, 2, env) for _ in range(repeats)]
    best1 = min(one, key=lambda r: r["wall_s"])
    best2 = min(two, key=lambda r: r["wall_s"])
    return {"input": str(path), "text_mb": text_mb, "repeats": repeats,
            "jobs1": one, "jobs2": two,
            "jobs1_mb_s": round(text_mb / best1["wall_s"], 2),
            "jobs2_mb_s": round(text_mb / best2["wall_s"], 2),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in one),
            "peak_rss_mb_jobs2": max(r["peak_rss_mb"] for r in two),
            "speedup": round(best1["wall_s"] / best2["wall_s"], 3),
            # If nothing else ran: total CPU of --jobs 2 spread over two cores, versus --jobs 1.
            "speedup_cpu_model": round(best1["cpu_s"] / (best2["cpu_s"] / 2), 3)}


# --------------------------------------------------------------------------- report


def _fmt(v, unit=""):
    return "—" if v is None else f"{v}{unit}"


def summary_rows(res: dict) -> list[tuple[str, str, str, str]]:
    rows = []
    tp, lin, st, ar = (res.get(k) for k in ("throughput", "linearity", "startup", "archive"))

    def row(key, label, value, unit=""):
        target, ok = TARGETS[key]
        verdict = "—" if value is None or ok is None else ("pass" if ok(value) else "FAIL")
        rows.append((label, target, _fmt(value, unit), verdict))

    if tp:
        row("throughput_mb_s", f"throughput, {tp['text_mb']} MB, {tp['articles']} articles, "
            f"{tp['articles_s']} art/s (wall {tp['mb_s']} MB/s)", tp["mb_s_cpu"], " MB/s")
        row("throughput_vs_regex", f"vs bare regex {tp['regex_mb_s_cpu']} MB/s "
            f"(wall {tp['regex_mb_s']} MB/s, ratio {tp['vs_regex']}×)", tp["vs_regex_cpu"], "×")
    if lin:
        row("linearity_ratio", f"one {lin['text_mb']} MB string ({lin['big_mb_s']} MB/s) / "
            f"{lin['pieces']} strings ({lin['small_mb_s']} MB/s)", lin["ratio"], "×")
    if st:
        row("startup_warm_ratio", f"start-up warm, unchanged draft (result cache): "
            f"{st['refcheck_warm_ms']} ms vs import click {st['click_ms']} ms", st["warm_ratio"], "×")
        row("startup_edited_ratio", f"start-up warm, edited draft (--no-cache): "
            f"{st['refcheck_edited_ms']} ms", st["edited_ratio"], "×")
        row("startup_cold_ratio", f"start-up cold (fresh cache): {st['refcheck_cold_ms']} ms",
            st["cold_ratio"], "×")
    if ar:
        row("archive_peak_rss_mb", f"archive peak RSS, {ar['text_mb']} MB, --jobs 1 "
            f"(--jobs 2: {ar['peak_rss_mb_jobs2']} MB per process)", ar["peak_rss_mb"], " MB")
        row("parallel_speedup", f"archive --jobs 2 {ar['jobs2_mb_s']} MB/s vs --jobs 1 "
            f"{ar['jobs1_mb_s']} MB/s, wall (CPU-bound estimate on an idle machine "
            f"{ar['speedup_cpu_model']}×)", ar["speedup"], "×")
    return rows


def to_markdown(res: dict) -> str:
    meta = res["meta"]
    out = [f"# refcheck benchmarks ({'quick' if meta['quick'] else 'full'})", "",
           f"{meta['date']} · git {meta['git']} · Python {meta['python']} · "
           f"{meta['cpus']} CPUs · load average before/after {meta['load_before']} / "
           f"{meta['load_after']}", "",
           "| measure | target | measured | result |", "|---|---|---|---|"]
    out += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in summary_rows(res)]
    tp = res.get("throughput")
    if tp and tp.get("profile"):
        out += ["", f"## Profile of the throughput run ({tp['profile_sample_articles']} "
                "articles, top by own time)", "",
                "| function | calls | own s | own % | cum s |", "|---|---|---|---|---|"]
        out += [f"| `{r['function']}` | {r['calls']} | {r['own_s']} | {r['own_pct']} | "
                f"{r['cum_s']} |" for r in tp["profile"]]
    st = res.get("startup")
    if st:
        out += ["", "## Start-up", "", "In-process phases (median of 5, ms): "
                + ", ".join(f"{k} {v}" for k, v in st["phases_ms"].items()), "",
                f"`-X importtime` total {st['importtime']['total_ms']} ms; top-level imports "
                "(cumulative):", "", "| module | cumulative ms |", "|---|---|"]
        out += [f"| {r['module']} | {r['cumulative_ms']} |" for r in st["importtime"]["top_level"]]
        out += ["", "Largest self times:", "", "| module | self ms | cumulative ms |",
                "|---|---|---|"]
        out += [f"| {r['module']} | {r['self_ms']} | {r['cumulative_ms']} |"
                for r in st["importtime"]["by_self"]]
    ar = res.get("archive")
    if ar:
        out += ["", "## Archive runs", "", "| jobs | exit | wall s | CPU s | peak RSS MB |",
                "|---|---|---|---|---|"]
        out += [f"| {r['jobs']} | {r['rc']} | {r['wall_s']} | {r['cpu_s']} | {r['peak_rss_mb']} |"
                for r in ar["jobs1"] + ar["jobs2"]]
    return "\n".join(out) + "\n"


def print_table(res: dict) -> None:
    rows = [("measure", "target", "measured", "result")] + summary_rows(res)
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for i, r in enumerate(rows):
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))


def _git() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True).stdout.strip() or "?"
    except OSError:
        return "?"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="first 20 MB of text only")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--only", default="throughput,linearity,startup,archive",
                    help="comma-separated subset of: throughput,linearity,startup,archive")
    ap.add_argument("--profile", action="store_true", help="cProfile the throughput run")
    ap.add_argument("--no-write", action="store_true", help="do not write bench/results/")
    args = ap.parse_args(argv)
    only = set(args.only.split(","))
    if not args.corpus.exists():
        print(f"bench: corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    limit = 20 * MB if args.quick else None
    res: dict = {"meta": {
        "date": _dt.datetime.now().isoformat(timespec="seconds"), "git": _git(),
        "python": platform.python_version(), "cpus": os.cpu_count(), "quick": args.quick,
        "corpus": str(args.corpus), "load_before": _load()}}
    texts = []
    if only & {"throughput", "linearity"}:
        _say("bench: reading the corpus…")
        texts = read_articles(args.corpus, limit)
    if "throughput" in only:
        _say("bench: throughput…")
        res["throughput"] = bench_throughput(texts, args.profile)
    if "linearity" in only:
        _say("bench: linearity…")
        res["linearity"] = bench_linearity(texts, 10 * MB if args.quick else 50 * MB)
    del texts
    if "startup" in only:
        _say("bench: start-up…")
        res["startup"] = bench_startup(runs=10 if args.quick else 20, cold_runs=3)
    if "archive" in only:
        _say("bench: archive mode (memory, --jobs)…")
        with tempfile.TemporaryDirectory() as tmp:
            if args.quick:
                path = write_subset(args.corpus, limit, Path(tmp) / "subset.jsonl")
            else:
                path = args.corpus
            text_mb = round(sum(len(t.encode("utf-8")) for t in _texts_of(path)) / MB, 2)
            res["archive"] = bench_archive(path, text_mb, repeats=1 if args.quick else 2)
    res["meta"]["load_after"] = _load()
    print_table(res)
    if not args.no_write:
        RESULTS.mkdir(parents=True, exist_ok=True)
        tmp = RESULTS / "latest.json.tmp"
        tmp.write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", "utf-8")
        tmp.replace(RESULTS / "latest.json")
        (RESULTS / "latest.md").write_text(to_markdown(res), "utf-8")
        print(f"\nwritten: {RESULTS / 'latest.json'}, {RESULTS / 'latest.md'}")
    return 0


def _texts_of(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line).get("text") or ""


if __name__ == "__main__":
    sys.exit(main())
