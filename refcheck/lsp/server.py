"""``refcheck lsp``: the language server (pygls over stdio).

Diagnostics are computed from the editor's text on open (at once) and on change (after a
short pause, so typing a date does not re-check on every keystroke); code actions, hover,
and re-checks when a config or catalog file changes. All checking is in ``engine``; this
module only speaks the protocol. The catalog and the parser are built at ``initialize``, so
the first ``didOpen`` costs only the check itself.
"""
from __future__ import annotations

import asyncio
import logging
import os
import sys
from typing import Optional

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from refcheck._version import __version__
from refcheck.lsp import actions as _actions
from refcheck.lsp.engine import CheckError, Checked, Engine, uri_to_path
from refcheck.lsp.hover import citation_at, hover_markdown
from refcheck.lsp.positions import LineMap
from refcheck.model import Finding

log = logging.getLogger("refcheck.lsp")

#: Where each code is documented (docs/rules.md, one anchor per code).
RULE_DOCS = "https://github.com/refcheck/refcheck/blob/main/docs/rules.md#{anchor}"
DEBOUNCE_SECONDS = 0.2
_SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
             "info": lsp.DiagnosticSeverity.Information}
_WATCH = ("**/pyproject.toml", "**/refcheck.toml", "**/.refcheck.toml", "**/*.{yaml,yml}")


class RefcheckServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("refcheck", __version__,
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.engine = Engine()
        self.checked: dict[str, Checked] = {}
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self.debounce = DEBOUNCE_SECONDS
        self.shutdown_requested = False

    # -- positions -------------------------------------------------------------------------

    @property
    def encoding(self) -> str:
        enc = self.workspace.position_encoding
        return str(getattr(enc, "value", enc) or "utf-16")

    def lines(self, text: str) -> LineMap:
        return LineMap(text, self.encoding)

    def finding_range(self, checked: Checked, f: Finding, lines: LineMap) -> lsp.Range:
        return self.offsets_range(lines, *_document_span(checked, f.start, f.end))

    @staticmethod
    def offsets_range(lines: LineMap, start: int, end: int) -> lsp.Range:
        return lsp.Range(lsp.Position(*lines.position(start)), lsp.Position(*lines.position(end)))

    # -- checking --------------------------------------------------------------------------

    def check(self, uri: str) -> Optional[Checked]:
        """Check the open document ``uri`` now and publish its diagnostics."""
        timer = self.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        if uri not in self.workspace.text_documents:
            return None
        doc = self.workspace.get_text_document(uri)
        text = doc.source
        try:
            checked = self.engine.check(uri, text, doc.language_id, doc.version)
        except CheckError as e:  # bad config or catalog: say so where the writer looks
            self.checked.pop(uri, None)
            self.publish(uri, doc.version, [lsp.Diagnostic(
                range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), message=str(e),
                severity=lsp.DiagnosticSeverity.Error, source="refcheck")])
            return None
        except Exception as e:  # never a traceback in the editor; one line in its log
            from refcheck.lint.lang import env_lang
            from refcheck.lint.messages import say

            said = say("lsp_check_failed", self.engine.lang or env_lang() or "vi", uri=uri,
                       kind=type(e).__name__)
            log.error(said)
            log.debug("refcheck: %s", uri, exc_info=True)  # the traceback, for a bug report
            self.window_log_message(lsp.LogMessageParams(lsp.MessageType.Error, said))
            return None
        self.checked[uri] = checked
        lines = self.lines(text)
        self.publish(uri, doc.version, [self.diagnostic(checked, f, lines)
                                        for f in _actions.all_findings(checked)])
        return checked

    def diagnostic(self, checked: Checked, f: Finding, lines: LineMap) -> lsp.Diagnostic:
        return lsp.Diagnostic(
            range=self.finding_range(checked, f, lines), message=f.message,
            severity=_SEVERITY.get(f.severity, lsp.DiagnosticSeverity.Warning), code=f.code,
            code_description=lsp.CodeDescription(href=RULE_DOCS.format(anchor=f.code.lower())),
            source="refcheck",
            tags=[lsp.DiagnosticTag.Unnecessary] if f.code == "RC901" else None)

    def publish(self, uri: str, version: Optional[int], diagnostics: list) -> None:
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri=uri, diagnostics=diagnostics, version=version))

    def schedule(self, uri: str) -> None:
        timer = self.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        loop = asyncio.get_running_loop()
        self.timers[uri] = loop.call_later(self.debounce, self.check, uri)

    def current(self, uri: str) -> Optional[Checked]:
        """The check of the document as it is now (re-checked if an edit is pending)."""
        checked = self.checked.get(uri)
        if uri not in self.workspace.text_documents:
            return None
        doc = self.workspace.get_text_document(uri)
        if checked is None or checked.version != doc.version or checked.text != doc.source:
            checked = self.check(uri)
        return checked

    def recheck_all(self) -> None:
        self.engine.forget()
        for uri in list(self.workspace.text_documents):
            self.check(uri)


def _document_span(checked: Checked, start: int, end: int) -> tuple[int, int]:
    """Offsets into the scanned text -> offsets into the document (differ only for HTML)."""
    src = checked.source
    s = src.source_offset(start)
    e = src.source_offset(end - 1) + 1 if end > start else s
    return s, max(s, e)


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    def key(p: lsp.Position) -> tuple[int, int]:
        return p.line, p.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def _edit(ls: RefcheckServer, checked: Checked, edits: list) -> lsp.WorkspaceEdit:
    lines = ls.lines(checked.text)
    text_edits = [lsp.TextEdit(range=ls.offsets_range(lines, s, e), new_text=new)
                  for s, e, new in edits]
    caps = ls.client_capabilities.workspace
    versioned = bool(caps and caps.workspace_edit and caps.workspace_edit.document_changes)
    if versioned:
        return lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(
            text_document=lsp.OptionalVersionedTextDocumentIdentifier(
                uri=checked.uri, version=checked.version), edits=text_edits)])
    return lsp.WorkspaceEdit(changes={checked.uri: text_edits})


def build_server(lang: Optional[str] = None) -> RefcheckServer:
    server = RefcheckServer()
    server.engine.lang = lang

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: RefcheckServer, params: lsp.InitializeParams) -> None:
        opts = params.initialization_options if isinstance(params.initialization_options,
                                                           dict) else {}
        if opts.get("lang") in ("vi", "en") and lang is None:
            ls.engine.lang = opts["lang"]
        if isinstance(opts.get("debounce"), (int, float)) and opts["debounce"] >= 0:
            ls.debounce = opts["debounce"] / 1000
        root = uri_to_path(params.root_uri) if params.root_uri else params.root_path
        if params.workspace_folders:
            root = uri_to_path(params.workspace_folders[0].uri) or root
        try:
            ls.engine.warm(root)
        except CheckError as e:  # reported again on the first document
            log.warning("refcheck: %s", e)

    @server.feature(lsp.INITIALIZED)
    def initialized(ls: RefcheckServer, params: lsp.InitializedParams) -> None:
        caps = ls.client_capabilities.workspace
        watch = caps and caps.did_change_watched_files
        if watch and watch.dynamic_registration:
            ls.client_register_capability(lsp.RegistrationParams(registrations=[
                lsp.Registration(id="refcheck-config-and-catalogs",
                                 method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                 register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
                                     watchers=[lsp.FileSystemWatcher(glob_pattern=g)
                                               for g in _WATCH]))]))

    @server.feature(lsp.SHUTDOWN)
    def shutdown(ls: RefcheckServer, params) -> None:
        ls.shutdown_requested = True
        for timer in ls.timers.values():
            timer.cancel()
        ls.timers.clear()

    @server.feature(lsp.EXIT)
    def exit_(ls: RefcheckServer, params) -> None:
        # The stdin reader thread may be blocked on a client that keeps the pipe open:
        # leave at once, with the code the specification asks for.
        sys.stdout.flush()
        os._exit(0 if ls.shutdown_requested else 1)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: RefcheckServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.check(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: RefcheckServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: RefcheckServer, params: lsp.DidSaveTextDocumentParams) -> None:
        path = uri_to_path(params.text_document.uri)
        if path and ls.engine.is_config_or_catalog(path):
            ls.recheck_all()

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: RefcheckServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        timer = ls.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        ls.checked.pop(uri, None)
        ls.publish(uri, None, [])

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: RefcheckServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        paths = [uri_to_path(c.uri) for c in params.changes]
        if any(p and ls.engine.is_config_or_catalog(p) for p in paths):
            ls.recheck_all()

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def configuration(ls: RefcheckServer, params: lsp.DidChangeConfigurationParams) -> None:
        settings = params.settings if isinstance(params.settings, dict) else {}
        lang_set = (settings.get("refcheck") or {}).get("lang") if isinstance(
            settings.get("refcheck"), dict) else None
        if lang_set in ("vi", "en") and lang_set != ls.engine.lang:
            ls.engine.lang = lang_set
            ls.recheck_all()

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.SourceFixAll]))
    def code_action(ls: RefcheckServer, params: lsp.CodeActionParams):
        checked = ls.current(params.text_document.uri)
        if checked is None:
            return None
        only = params.context.only
        lines = ls.lines(checked.text)
        wanted = {(d.code, d.range.start.line, d.range.start.character)
                  for d in params.context.diagnostics or () if d.source == "refcheck"}
        picked, diags = [], {}
        for f in _actions.all_findings(checked):
            rng = ls.finding_range(checked, f, lines)
            if _overlaps(rng, params.range) or (f.code, rng.start.line,
                                                 rng.start.character) in wanted:
                picked.append(f)
                diags[id(f)] = ls.diagnostic(checked, f, lines)
        found = _actions.actions_for(checked, picked)
        whole = _actions.fix_all(checked)
        if whole is not None:
            found.append(whole)
        out = []
        for a in found:
            if only and not any(a.kind == k or a.kind.startswith(f"{k}.") for k in only):
                continue
            out.append(lsp.CodeAction(
                title=a.title, kind=a.kind, edit=_edit(ls, checked, a.edits),
                diagnostics=[diags[id(f)] for f in a.findings if id(f) in diags] or None,
                is_preferred=a.preferred or None))
        return out

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: RefcheckServer, params: lsp.HoverParams) -> Optional[lsp.Hover]:
        checked = ls.current(params.text_document.uri)
        if checked is None:
            return None
        lines = ls.lines(checked.text)
        found = citation_at(checked, lines.offset(params.position.line,
                                                  params.position.character))
        if found is None:
            return None
        c, res = found
        return lsp.Hover(
            contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown,
                                       value=hover_markdown(c, res, checked.lang, checked.catalog)),
            range=ls.offsets_range(lines, *_document_span(checked, c.start, c.end)))

    return server


def serve(lang: Optional[str] = None) -> int:
    """Run over stdin/stdout until ``exit`` (or the client goes away)."""
    server = build_server(lang)
    server.start_io()
    return 0 if server.shutdown_requested else 1
