"""``refcheck lsp`` driven as a real subprocess over stdio JSON-RPC.

``python -m refcheck lsp`` is the ``refcheck lsp`` command. The client is written here (Content-Length framing, a reader thread, a deadline on every
wait), so the server is tested as an editor sees it, not through pygls's own client or by
calling its functions. Sentences are real: the seed article seeds/000_79d50c78e0afde38.txt
(line 29) writes "Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị" with spaces around
the dash (RC102, a safe fix); tests/data/citation-examples.tsv has the Hanoi Party committee's
"Chỉ thị số 15-CT/TU, ngày 16-12-2016, của Thành ủy" (known to tests/data/catalogs/good.yaml).
"""
from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Optional

import pytest
from conftest import seed_cache

pytest.importorskip("pygls", reason="the lsp extra is not installed (pip install '.[lsp]')")

DATA = Path(__file__).parent / "data"
SEED = ("Đảng bộ Cơ quan Văn phòng Quốc hội lãnh đạo các cơ quan chuyên môn và đơn vị chức "
        "năng phối hợp tham mưu, tổng hợp, tổ chức phục vụ Hội đồng bầu cử quốc gia để chuẩn bị "
        "bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ "
        "2021-2026 theo tinh thần Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị về "
        "lãnh đạo cuộc bầu cử đại biểu Quốc hội và bầu cử đại biểu Hội đồng nhân dân các cấp "
        "nhiệm kỳ 2021 - 2026.")
SYMBOL = "45 - CT/TW"
HANOI = "Chỉ thị số 15-CT/TU, ngày 16-12-2016, của Thành ủy"
EMOJI = "📌 "  # U+1F4CC: one code point, two UTF-16 units, four UTF-8 bytes
TIMEOUT = 60.0  # generous: two CPU cores shared by many jobs; a hang still fails


class Client:
    """A minimal LSP client: requests, notifications, and a queue of what the server sent."""

    def __init__(self, cwd: Path, env: dict) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "refcheck", "lsp"], cwd=cwd, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.inbox: "queue.Queue[Optional[dict]]" = queue.Queue()
        self.next_id = 0
        self.pending: list[dict] = []  # messages read while waiting for something else
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = out.read(int(headers["content-length"]))
            self.inbox.put(json.loads(body.decode("utf-8")))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        rid = self.next_id
        self.send({"id": rid, "method": method, "params": params})
        msg = self.wait(lambda m: m.get("id") == rid and "method" not in m)
        assert "error" not in msg, msg
        return msg.get("result")

    def wait(self, match, timeout: float = TIMEOUT) -> dict:
        for i, m in enumerate(self.pending):
            if match(m):
                return self.pending.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no matching message within {timeout} s; got {self.pending}")
            try:
                m = self.inbox.get(timeout=left)
            except queue.Empty:
                continue
            if m is None:
                err = self.proc.stderr.read().decode("utf-8", "replace") if self.proc.stderr else ""
                raise AssertionError(f"server closed its output; stderr: {err[-2000:]}")
            if "method" in m and "id" in m:  # a request from the server: answer it
                self.send({"id": m["id"], "result": None})
                continue
            if match(m):
                return m
            self.pending.append(m)

    def diagnostics(self, uri: str, version: Optional[int] = None) -> list[dict]:
        m = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                      and m["params"]["uri"] == uri
                      and (version is None or m["params"].get("version") == version))
        return m["params"]["diagnostics"]

    def initialize(self, root: Path, encodings: Optional[list[str]] = None,
                   options: Optional[dict] = None) -> dict:
        caps: dict = {"workspace": {"workspaceEdit": {"documentChanges": True},
                                    "didChangeWatchedFiles": {"dynamicRegistration": True}}}
        if encodings is not None:
            caps["general"] = {"positionEncodings": encodings}
        result = self.request("initialize", {
            "processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": caps,
            "initializationOptions": options or {}})
        self.notify("initialized", {})
        return result

    def close(self) -> int:
        assert self.request("shutdown", None) is None
        self.notify("exit", None)
        try:
            return self.proc.wait(timeout=TIMEOUT)
        finally:
            self.kill()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=TIMEOUT)


@pytest.fixture
def env(tmp_path, derived_caches):
    e = dict(os.environ)
    e["REFCHECK_CACHE_DIR"] = (os.environ.get("REFCHECK_CACHE_DIR")
                               or str(seed_cache(derived_caches, tmp_path / "cache")))
    e["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
    return e


@pytest.fixture
def start(tmp_path, env):
    clients: list[Client] = []

    def _start(cwd: Optional[Path] = None) -> Client:
        c = Client(cwd or tmp_path, env)
        clients.append(c)
        return c

    yield _start
    for c in clients:
        c.kill()


def units(text: str, encoding: str) -> int:
    """Length in the client's units, computed the way an editor does, by encoding."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def position(text: str, offset: int, encoding: str) -> dict:
    before = text[:offset]
    line = before.count("\n")
    return {"line": line, "character": units(before[before.rfind("\n") + 1:], encoding)}


def slice_range(text: str, rng: dict, encoding: str) -> str:
    """The text an LSP range covers, decoded the way an editor does."""
    lines = text.split("\n")

    def offset(p: dict) -> int:
        line = lines[p["line"]]
        enc = {"utf-16": "utf-16-le", "utf-8": "utf-8", "utf-32": "utf-32-le"}[encoding]
        width = {"utf-16-le": 2, "utf-8": 1, "utf-32-le": 4}[enc]
        raw = line.encode(enc)[: p["character"] * width]
        return sum(len(x) + 1 for x in lines[: p["line"]]) + len(raw.decode(enc))

    return text[offset(rng["start"]):offset(rng["end"])]


def open_doc(c: Client, uri: str, text: str, language: str = "plaintext", version: int = 1):
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": language, "version": version, "text": text}})
    return c.diagnostics(uri, version)


def apply_edits(text: str, edits: list[dict], encoding: str = "utf-16") -> str:
    def offset(p):
        pre = "\n".join(text.split("\n")[: p["line"]])
        start = len(pre) + (1 if p["line"] else 0)
        line = text.split("\n")[p["line"]] if p["line"] < len(text.split("\n")) else ""
        return start + len(slice_range(line, {"start": {"line": 0, "character": 0},
                                               "end": {"line": 0, "character": p["character"]}},
                                        encoding))

    for e in sorted(edits, key=lambda e: (e["range"]["start"]["line"],
                                          e["range"]["start"]["character"]), reverse=True):
        s, t = offset(e["range"]["start"]), offset(e["range"]["end"])
        text = text[:s] + e["newText"] + text[t:]
    return text


def edits_of(action: dict, uri: str) -> list[dict]:
    edit = action["edit"]
    if "documentChanges" in edit:
        (change,) = edit["documentChanges"]
        assert change["textDocument"]["uri"] == uri
        return change["edits"]
    return edit["changes"][uri]


# --------------------------------------------------------------------------- the session


def test_session_utf16_emoji_fix_suppress_hover_change_shutdown(start, tmp_path):
    c = start()
    init = c.initialize(tmp_path)
    caps = init["capabilities"]
    assert caps.get("positionEncoding", "utf-16") == "utf-16"
    assert caps["hoverProvider"] and caps["codeActionProvider"]
    assert init["serverInfo"]["name"] == "refcheck"

    uri = (tmp_path / "draft.txt").as_uri()
    text = EMOJI + SEED + "\n"
    diags = open_doc(c, uri, text)
    rc102 = [d for d in diags if d["code"] == "RC102"]
    assert len(rc102) == 1, diags
    d = rc102[0]
    assert d["source"] == "refcheck" and d["severity"] == 2  # warning
    assert d["codeDescription"]["href"].endswith("docs/rules.md#rc102")
    rules_doc = (Path(__file__).resolve().parents[1] / "docs" / "rules.md").read_text("utf-8")
    assert '<a id="rc102"></a>' in rules_doc  # the link lands on the code's section
    # the range is in UTF-16 units: the emoji before it counts twice
    start_offset = text.index(SYMBOL)
    assert d["range"]["start"] == position(text, start_offset, "utf-16")
    assert d["range"]["start"]["character"] == start_offset + 1
    assert slice_range(text, d["range"], "utf-16") == SYMBOL
    assert "45-CT/TW" in d["message"]

    # code actions at the finding: the safe fix and the suppression
    actions = c.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": d["range"],
        "context": {"diagnostics": [d]}})
    by_kind = {}
    for a in actions:
        by_kind.setdefault(a["kind"], []).append(a)
    fixes = [a for a in by_kind["quickfix"] if a.get("isPreferred")]
    assert len(fixes) == 1
    fixed = apply_edits(text, edits_of(fixes[0], uri))
    assert fixed == text.replace(SYMBOL, "45-CT/TW")
    (suppress,) = [a for a in by_kind["quickfix"] if "RC102" in a["title"] and a is not fixes[0]]
    suppressed = apply_edits(text, edits_of(suppress, uri))
    assert suppressed == "refcheck: ignore RC102\n" + text
    (whole,) = by_kind["source.fixAll"]
    assert apply_edits(text, edits_of(whole, uri)) == fixed

    # hover on the citation: the catalog entry it resolved to
    from refcheck.catalog.load import load_catalog

    doc = next(x for x in load_catalog().by_symbol("45-CT/TW") if x.date == "2020-06-20")
    hover = c.request("textDocument/hover", {
        "textDocument": {"uri": uri},
        "position": position(text, start_offset + 3, "utf-16")})
    value = hover["contents"]["value"]
    for fact in (doc.symbol, doc.type, doc.issuer, doc.title, doc.khoa, "20/6/2020"):
        assert fact in value, (fact, value)
    assert "Đã kiểm chứng: có" in value  # Vietnamese by default, never mixed
    assert "Issuer" not in value
    assert slice_range(text, hover["range"], "utf-16").startswith("Chỉ thị số 45 - CT/TW")

    # apply the quick fix as an editor would (incremental change): the finding goes away
    (edit,) = edits_of(fixes[0], uri)
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]})
    assert [x for x in c.diagnostics(uri, 2) if x["code"] == "RC102"] == []

    # a whole-text change: the suppression comment silences it, and is not reported unused
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                        "contentChanges": [{"text": suppressed}]})
    after = c.diagnostics(uri, 3)
    assert not [x for x in after if x["code"] in ("RC102", "RC901")], after

    # a date that contradicts the catalog: a new error, underlined on the date
    wrong = text.replace("ngày 20/6/2020", "ngày 20/6/2021")
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 4},
                                        "contentChanges": [{"text": wrong}]})
    codes = {x["code"]: x for x in c.diagnostics(uri, 4)}
    assert "RC401" in codes and codes["RC401"]["severity"] == 1, codes
    assert c.close() == 0


def test_suppress_extends_a_directive_already_there(start, tmp_path):
    c = start()
    c.initialize(tmp_path)
    uri = (tmp_path / "draft.txt").as_uri()
    text = "refcheck: ignore RC401\n" + SEED + "\n"
    diags = open_doc(c, uri, text)
    assert {d["code"] for d in diags} >= {"RC102", "RC901"}, diags
    (d,) = [x for x in diags if x["code"] == "RC102"]
    actions = c.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}})
    (suppress,) = [a for a in actions if a["title"] == "Bỏ qua RC102 trên dòng này"]
    fixed = apply_edits(text, edits_of(suppress, uri))
    assert fixed == "refcheck: ignore RC401, RC102\n" + SEED + "\n"
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                        "contentChanges": [{"text": fixed}]})
    assert not [x for x in c.diagnostics(uri, 2) if x["code"] in ("RC102", "RC901")]
    assert c.close() == 0


def test_utf8_when_offered_and_english(start, tmp_path):
    c = start()
    init = c.initialize(tmp_path, encodings=["utf-8", "utf-16"], options={"lang": "en"})
    assert init["capabilities"]["positionEncoding"] == "utf-8"
    uri = (tmp_path / "draft.txt").as_uri()
    text = "Ghi chú\n" + EMOJI + SEED
    (d,) = [x for x in open_doc(c, uri, text) if x["code"] == "RC102"]
    assert d["range"]["start"] == position(text, text.index(SYMBOL), "utf-8")
    assert slice_range(text, d["range"], "utf-8") == SYMBOL
    assert "Non-canonical spelling" in d["message"]
    hover = c.request("textDocument/hover", {
        "textDocument": {"uri": uri}, "position": d["range"]["start"]})
    assert "Issuer: Bộ Chính trị" in hover["contents"]["value"]
    assert "Cơ quan" not in hover["contents"]["value"]
    assert c.close() == 0


def test_crlf_lines_and_suppression_keep_the_line_ending(start, tmp_path):
    c = start()
    c.initialize(tmp_path)
    uri = (tmp_path / "draft.txt").as_uri()
    text = "02/10/2020\r\n\r\n" + EMOJI + SEED + "\r\n"
    (d,) = [x for x in open_doc(c, uri, text) if x["code"] == "RC102"]
    assert d["range"]["start"] == {"line": 2, "character": units(EMOJI + SEED[:SEED.index(SYMBOL)],
                                                                  "utf-16")}
    actions = c.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}})
    (suppress,) = [a for a in actions if a["title"].startswith("Bỏ qua RC102")]
    (edit,) = edits_of(suppress, uri)
    assert edit == {"range": {"start": {"line": 2, "character": 0},
                              "end": {"line": 2, "character": 0}},
                    "newText": "refcheck: ignore RC102\r\n"}
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                        "contentChanges": [{"range": edit["range"],
                                                            "text": edit["newText"]}]})
    assert not [x for x in c.diagnostics(uri, 2) if x["code"] in ("RC102", "RC901")]
    assert c.close() == 0


def test_utf32_when_offered(start, tmp_path):
    c = start()
    init = c.initialize(tmp_path, encodings=["utf-32"])
    assert init["capabilities"]["positionEncoding"] == "utf-32"
    uri = (tmp_path / "draft.txt").as_uri()
    text = EMOJI * 3 + SEED
    (d,) = [x for x in open_doc(c, uri, text) if x["code"] == "RC102"]
    assert d["range"]["start"] == {"line": 0, "character": text.index(SYMBOL)}
    assert c.close() == 0


def test_markdown_and_html_positions_and_suppressions(start, tmp_path):
    c = start()
    c.initialize(tmp_path)
    md_uri = (tmp_path / "draft.md").as_uri()
    md = "---\ndate: 2020-10-02\n---\n\n# Tin\n\n" + EMOJI + SEED + "\n\n```\n" + SEED + "\n```\n"
    (d,) = [x for x in open_doc(c, md_uri, md, "markdown") if x["code"] == "RC102"]  # not in code
    assert slice_range(md, d["range"], "utf-16") == SYMBOL
    actions = c.request("textDocument/codeAction", {
        "textDocument": {"uri": md_uri}, "range": d["range"], "context": {"diagnostics": [d]}})
    (suppress,) = [a for a in actions if a["title"].startswith("Bỏ qua RC102")]
    md2 = apply_edits(md, edits_of(suppress, md_uri))
    assert "<!-- refcheck: ignore RC102 -->" in md2
    c.notify("textDocument/didChange", {"textDocument": {"uri": md_uri, "version": 2},
                                        "contentChanges": [{"text": md2}]})
    assert not [x for x in c.diagnostics(md_uri, 2) if x["code"] in ("RC102", "RC901")]

    # an unused suppression (RC901) can be removed with its line
    md3 = md.replace("# Tin\n", "# Tin\n\n<!-- refcheck: ignore RC401 -->\n")
    c.notify("textDocument/didChange", {"textDocument": {"uri": md_uri, "version": 3},
                                        "contentChanges": [{"text": md3}]})
    (unused,) = [x for x in c.diagnostics(md_uri, 3) if x["code"] == "RC901"]
    assert slice_range(md3, unused["range"], "utf-16") == "<!-- refcheck: ignore RC401 -->"
    assert unused["tags"] == [1]  # unnecessary: editors grey it out
    actions = c.request("textDocument/codeAction", {
        "textDocument": {"uri": md_uri}, "range": unused["range"],
        "context": {"diagnostics": [unused], "only": ["quickfix"]}})
    (remove,) = [a for a in actions if a.get("isPreferred")]
    assert apply_edits(md3, edits_of(remove, md_uri)) == md.replace("# Tin\n", "# Tin\n\n")
    assert all(a["kind"] == "quickfix" for a in actions)

    html_uri = (tmp_path / "draft.html").as_uri()
    html = ("<html><body>\n<h1>Tin &amp; b\u00e0i</h1>\n<p>" + EMOJI
            + SEED.replace(SYMBOL, f"<b>{SYMBOL}</b>") + "</p>\n</body></html>\n")
    diags = open_doc(c, html_uri, html, "html")
    (d,) = [x for x in diags if x["code"] == "RC102"]
    assert slice_range(html, d["range"], "utf-16") == SYMBOL  # in the HTML source
    actions = c.request("textDocument/codeAction", {
        "textDocument": {"uri": html_uri}, "range": d["range"], "context": {"diagnostics": [d]}})
    assert not [a for a in actions if a.get("isPreferred")]  # HTML is never rewritten (as --fix)
    (suppress,) = [a for a in actions if a["title"].startswith("Bỏ qua RC102")]
    html2 = apply_edits(html, edits_of(suppress, html_uri))
    c.notify("textDocument/didChange", {"textDocument": {"uri": html_uri, "version": 2},
                                        "contentChanges": [{"text": html2}]})
    assert not [x for x in c.diagnostics(html_uri, 2) if x["code"] in ("RC102", "RC901")]
    assert c.close() == 0


def test_config_catalog_stack_and_reload(start, tmp_path):
    project = tmp_path / "project"
    (project / "drafts").mkdir(parents=True)
    shutil.copy(DATA / "catalogs" / "good.yaml", project / "local.yaml")
    (project / "refcheck.toml").write_text('catalogs = ["local.yaml"]\n', encoding="utf-8")
    c = start(tmp_path)
    c.initialize(project)
    uri = (project / "drafts" / "a.txt").as_uri()
    text = "02/10/2020\n\n" + HANOI + ".\n"
    diags = open_doc(c, uri, text)
    assert not [d for d in diags if d["code"] == "RC202"], diags  # the stacked catalog knows it
    hover = c.request("textDocument/hover", {
        "textDocument": {"uri": uri}, "position": position(text, text.index("15-CT/TU"), "utf-16")})
    assert "Thành ủy" in hover["contents"]["value"] and "local" in hover["contents"]["value"]

    # the config changes on disk: the watcher's notification re-checks the open document
    (project / "refcheck.toml").write_text(
        'catalogs = ["local.yaml"]\nlang = "en"\n', encoding="utf-8")
    c.notify("workspace/didChangeWatchedFiles", {"changes": [
        {"uri": (project / "refcheck.toml").as_uri(), "type": 2}]})
    c.request("textDocument/hover", {"textDocument": {"uri": uri},
                                     "position": {"line": 0, "character": 0}})  # barrier
    # the catalog loses the entry: the next check (here: an edit) sees it without a restart
    (project / "local.yaml").write_text(
        (DATA / "catalogs" / "good.yaml").read_text(encoding="utf-8").replace(
            "15-CT/TU@2016-12-16", "16-CT/TU@2016-12-16").replace(
            'symbol: 15-CT/TU', 'symbol: 16-CT/TU'), encoding="utf-8")
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                        "contentChanges": [{"text": text + "\n"}]})
    diags = c.diagnostics(uri, 2)
    unknown = [d for d in diags if d["code"] in ("RC201", "RC202")]
    assert unknown and "15-CT/TU" in unknown[0]["message"], diags
    assert not any("Không" in d["message"] for d in diags)  # English now, from the config

    # a broken config is one diagnostic that names the file, not a crash
    (project / "refcheck.toml").write_text('catalogs = "local.yaml\n', encoding="utf-8")
    c.notify("workspace/didChangeWatchedFiles", {"changes": [
        {"uri": (project / "refcheck.toml").as_uri(), "type": 2}]})
    (d,) = c.diagnostics(uri, 2)
    assert "refcheck.toml" in d["message"] and d["severity"] == 1
    assert c.close() == 0


def test_exit_without_shutdown_is_1(start, tmp_path):
    c = start()
    c.initialize(tmp_path)
    c.notify("exit", None)
    assert c.proc.wait(timeout=TIMEOUT) == 1
def test_missing_pygls_is_one_line_exit_2(env, tmp_path):
    code = ("import sys; sys.modules['pygls'] = None; from refcheck.lint.cli import main; "
            "main(['lsp'])")
    p = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path,
                       capture_output=True, text=True, timeout=TIMEOUT)
    assert p.returncode == 2, p.stderr
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install 'refcheck-vn[lsp]'" in lines[0], p.stderr
    assert "pip install '.[lsp]'" in lines[0]
    assert "Traceback" not in p.stderr and p.stdout == ""


def test_cli_start_up_does_not_import_pygls(env, tmp_path):
    code = ("import sys; from refcheck.lint.cli import main\n"
            "try:\n    main(['rule', 'RC102'])\nexcept SystemExit:\n    pass\n"
            "assert 'pygls' not in sys.modules and 'lsprotocol' not in sys.modules, 'imported'")
    p = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path,
                       capture_output=True, text=True, timeout=TIMEOUT)
    assert p.returncode == 0, p.stderr
    assert "RC102" in p.stdout
