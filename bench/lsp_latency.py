"""Latency of ``refcheck lsp`` as an editor sees it: didOpen -> first publishDiagnostics.

    python bench/lsp_latency.py              # 10 kB draft from seeds/, 20 opens
    python bench/lsp_latency.py --runs 50 --size 20000

Starts the real server (``python -m refcheck lsp``) over stdio with a client written
here, times ``initialize`` (catalog load and parser build happen there), then opens the
draft under fresh URIs (each open is a new document: no result is reused) and times each
first diagnostics; then edits and times the re-check after the debounce. The target (issue
17): first diagnostics for a 10 kB draft within 200 ms of didOpen. Wall clock on a shared
machine: the load average is printed too.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import queue
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class Client:
    def __init__(self, cmd: list[str], cwd: str, env: dict) -> None:
        self.proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE)
        self.inbox: queue.Queue = queue.Queue()
        self.ids = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                if not line.strip():
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            self.inbox.put((time.perf_counter(), json.loads(out.read(length))))

    def send(self, msg: dict) -> float:
        body = json.dumps({"jsonrpc": "2.0", **msg}, ensure_ascii=False).encode("utf-8")
        t = time.perf_counter()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return t

    def wait(self, match, timeout: float = 120.0) -> tuple[float, dict]:
        deadline = time.monotonic() + timeout
        while True:
            item = self.inbox.get(timeout=max(0.01, deadline - time.monotonic()))
            if item is None:
                raise SystemExit("server exited")
            t, m = item
            if "method" in m and "id" in m:
                self.send({"id": m["id"], "result": None})
            elif match(m):
                return t, m

    def request(self, method: str, params) -> tuple[float, dict]:
        self.ids += 1
        rid = self.ids
        t0 = self.send({"id": rid, "method": method, "params": params})
        t1, m = self.wait(lambda m: m.get("id") == rid)
        return t1 - t0, m


def draft(size: int) -> str:
    """Real text: the seed articles joined, cut at the first line break past ``size`` UTF-8
    bytes."""
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    while len(text.encode("utf-8")) < size:
        text += "\n\n" + text
    head = text.encode("utf-8")[:size].decode("utf-8", "ignore")
    end = text.find("\n", len(head))
    return text if end < 0 else text[: end + 1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--size", type=int, default=10_000, help="draft size in UTF-8 bytes")
    ap.add_argument("--cold", action="store_true", help="fresh REFCHECK_CACHE_DIR")
    args = ap.parse_args()

    text = draft(args.size)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    tmp = tempfile.mkdtemp(prefix="rc-lsp-bench-")
    if args.cold:
        env["REFCHECK_CACHE_DIR"] = os.path.join(tmp, "cache")
    load = os.getloadavg()
    t_spawn = time.perf_counter()
    c = Client([sys.executable, "-m", "refcheck", "lsp"], tmp, env)
    init, _ = c.request("initialize", {"processId": os.getpid(), "rootUri": Path(tmp).as_uri(),
                                       "capabilities": {}})
    init_total = time.perf_counter() - t_spawn
    c.send({"method": "initialized", "params": {}})

    opens, counts = [], []
    for i in range(args.runs):
        uri = Path(tmp, f"draft-{i}.txt").as_uri()
        t0 = c.send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "plaintext", "version": 1, "text": text}}})
        t1, m = c.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                       and m["params"]["uri"] == uri)
        opens.append(t1 - t0)
        counts.append(len(m["params"]["diagnostics"]))
    uri = Path(tmp, "draft-0.txt").as_uri()
    changes = []
    for v in range(2, 2 + min(args.runs, 10)):
        t0 = c.send({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": v},
            "contentChanges": [{"text": text + "\n" * v}]}})
        t1, _ = c.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                       and m["params"].get("version") == v)
        changes.append(t1 - t0)
    c.request("shutdown", None)
    c.send({"method": "exit", "params": None})
    code = c.proc.wait(timeout=60)

    ms = lambda xs: f"min {min(xs) * 1000:.1f} / median {statistics.median(xs) * 1000:.1f} / max {max(xs) * 1000:.1f} ms"  # noqa: E731
    size = len(text.encode("utf-8"))
    print(f"draft: {size} bytes, {len(text)} characters, {counts[0]} diagnostics")
    print(f"load average before: {load[0]:.2f} {load[1]:.2f}; after: {os.getloadavg()[0]:.2f}")
    print(f"spawn + initialize (catalog + parser built): {init_total * 1000:.0f} ms "
          f"(initialize request alone {init * 1000:.0f} ms)")
    print(f"didOpen -> first diagnostics: first document {opens[0] * 1000:.1f} ms; "
          f"{args.runs} opens: {ms(opens)}")
    print(f"didChange -> diagnostics (includes the debounce): {ms(changes)}")
    ok = opens[0] <= 0.2
    print(f"target: first document's diagnostics <= 200 ms after didOpen: "
          f"{'pass' if ok else 'FAIL'}; exit code {code}")
    return 0 if ok and code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
