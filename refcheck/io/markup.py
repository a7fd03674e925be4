"""HTML and .docx input: the text a reader sees, with a map back to the source.

Kept apart from ``read`` so that checking a plain-text or Markdown draft never imports
``html.parser`` or ``zipfile`` (a few milliseconds of every pre-commit run).
"""
from __future__ import annotations

import html as _html
import io
import re
import zipfile
from array import array
from html.parser import HTMLParser
from typing import Optional

from refcheck.io.reasons import Reason
from refcheck.io.read import OffsetMap, ReadError, Source, detect_newline

# --------------------------------------------------------------------------- html

_WS = " \t\r\n\f"
_WS_COLLAPSE_RE = re.compile(r"[\t\r\n\f][ \t\r\n\f]*| [ \t\r\n\f]+")
_PARA_BLOCKS = frozenset(
    "p h1 h2 h3 h4 h5 h6 blockquote pre ul ol table section article header footer "
    "figure dl hr address aside nav main form fieldset details".split()
)
_LINE_BLOCKS = frozenset(
    "div li tr dt dd title caption figcaption br option summary legend body html "
    "thead tbody tfoot center".split()
)
_CELLS = frozenset(("td", "th"))
_SKIP = frozenset(("script", "style"))
_PRE = frozenset(("pre", "textarea", "listing", "plaintext"))


class _HTMLText(HTMLParser):
    """Extract text with an offset map. Iterative (no recursion), so nesting depth is free."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.nl = array("q", [0])  # html.parser counts lines by "\n" only
        self.nl.extend(m.end() for m in re.finditer("\n", source))
        self.pieces: list[str] = []
        self.map_t = array("q")
        self.map_s = array("q")
        self.map_x = bytearray()
        self.tlen = 0
        self.last = "\n"  # last emitted char ("\n" at start: no leading blank lines)
        self.trail_nl = 0
        self.pending: int = -1  # source offset of a pending collapsed space
        self.skip = None
        self.pre = 0
        self.comment_end = -1  # text length right after a kept refcheck comment

    # -- offsets
    def _src(self) -> int:
        line, col = self.getpos()
        return self.nl[line - 1] + col

    def _emit(self, s: str, src: int, exact: bool) -> None:
        if not s:
            return
        if self.map_t and exact and self.map_x[-1]:
            # merge with the previous exact piece when contiguous in the source
            if self.map_s[-1] + (self.tlen - self.map_t[-1]) == src:
                self._append(s)
                return
        self.map_t.append(self.tlen)
        self.map_s.append(src)
        self.map_x.append(1 if exact else 0)
        self._append(s)

    def _append(self, s: str) -> None:
        self.pieces.append(s)
        self.tlen += len(s)
        self.last = s[-1]
        if s.strip("\n") == "":
            self.trail_nl += len(s)
        else:
            self.trail_nl = len(s) - len(s.rstrip("\n"))

    def _inline(self, s: str, src: int, exact: bool) -> None:
        if self.pending >= 0:
            if self.last not in _WS:
                self._emit(" ", self.pending, False)
            self.pending = -1
        self._emit(s, src, exact)

    def _space(self, src: int) -> None:
        if self.pending < 0 and self.last not in _WS:
            self.pending = src

    def _newlines(self, n: int, src: int) -> None:
        self.pending = -1
        if self.tlen == 0:
            return
        if self.tlen == self.comment_end:
            n = 1  # keep a suppression comment directly above the block that follows
        if self.trail_nl < n:
            self._emit("\n" * (n - self.trail_nl), src, False)

    # -- parser callbacks
    def handle_starttag(self, tag, attrs):
        if self.skip:
            return
        if tag in _SKIP:
            self.skip = tag
            return
        self._block(tag, self._src())
        if tag in _PRE:
            self.pre += 1

    def handle_startendtag(self, tag, attrs):
        if self.skip:
            return
        self._block(tag, self._src())

    def handle_endtag(self, tag):
        if self.skip:
            if tag == self.skip:
                self.skip = None
            return
        if tag in _PRE and self.pre:
            self.pre -= 1
        if tag != "br" and tag not in _CELLS:  # </br> is a stray; cells: separator at start
            self._block(tag, self._src())

    def _block(self, tag: str, src: int) -> None:
        if tag in _PARA_BLOCKS:
            self._newlines(2, src)
        elif tag in _LINE_BLOCKS:
            if tag == "br":
                self.pending = -1
                self._emit("\n", src, False)
            else:
                self._newlines(1, src)
        elif tag in _CELLS:
            self.pending = -1
            if self.last not in "\n\t" and self.tlen:
                self._emit("\t", src, False)

    def handle_data(self, data):
        if self.skip or not data:
            return
        src = self._src()
        if self.pre:
            self.pending = -1
            self._emit(data, src, True)
            return
        # whitespace runs other than one plain space are collapsed; everything else (most
        # of the text) is copied in long exact pieces
        pos = 0
        n = len(data)
        for m in _WS_COLLAPSE_RE.finditer(data):
            self._piece(data, pos, m.start(), src)
            self._space(src + m.start())
            pos = m.end()
        if pos < n:
            self._piece(data, pos, n, src)

    def _piece(self, data: str, a: int, b: int, src: int) -> None:
        if a < b and data[a] == " ":
            self._space(src + a)
            a += 1
        trail = a < b and data[b - 1] == " "
        if trail:
            b -= 1
        if a < b:
            self._inline(data[a:b], src + a, True)
        if trail:
            self._space(src + b)

    def _entity(self, text: str) -> None:
        if self.skip:
            return
        src = self._src()
        if not self.pre and text and text.strip(_WS) == "":
            self._space(src)
        else:
            self._inline(text, src, False)

    def handle_entityref(self, name):
        self._entity(_html.unescape(f"&{name};"))

    def handle_charref(self, name):
        self._entity(_html.unescape(f"&#{name};"))

    def handle_comment(self, data):
        if self.skip or not data.strip().lower().startswith("refcheck"):
            return
        src = self._src()
        raw = f"<!--{data}-->"
        exact = self.source[src : src + len(raw)] == raw
        end = src + len(raw) if exact else src
        if any(c in raw for c in "\r\n\t\f"):  # one line, so directive patterns match
            raw, exact = " ".join(raw.split()), False
        if self.pending >= 0 or self.last not in _WS:
            self.pending = -1
            if self.last not in _WS:
                self._emit(" ", src, False)
        self._emit(raw, src, exact)
        self.comment_end = self.tlen
        self._space(end)


_COMMENT_CLOSE = re.compile(r"--\s*>")
_SECTION_CLOSE = re.compile(r"\]\s*>")


def _defuse(text: str) -> tuple[str, Optional[str]]:
    """``text`` with every ``<`` whose markup can never be closed replaced by a placeholder
    (same length, so every offset holds), and the placeholder (None: nothing replaced).

    :mod:`html.parser` looks for the end of each construct from where it starts and, when
    there is none, treats its first characters as text and tries again at the next ``<``:
    ``'<!--' * 100_000`` (400 kB) is 100,000 searches to the end of the text, quadratic.
    A ``<`` after the last ``>``, a ``<!--`` after the last ``-->`` and a ``<![`` after the
    last ``]>`` are text anyway; found in one pass, they are handed to the parser as text.
    """
    if "<" not in text:
        return text, None
    last_gt = text.rfind(">")
    last_comment = last_section = -1
    for m in _COMMENT_CLOSE.finditer(text):
        last_comment = m.start()
    for m in _SECTION_CLOSE.finditer(text):
        last_section = m.start()
    ph = next((c for c in ("\x00", "\ufffe", "\uffff", "\U0010fffe") if c not in text), None)
    if ph is None:  # pragma: no cover - a text holding all four noncharacters
        return text, None
    out: list[str] = []
    pos = 0
    i = text.find("<")
    while i >= 0:
        if i >= last_gt:
            dead = True
        elif text.startswith("<!--", i):
            dead = i + 4 > last_comment
        elif text.startswith("<![", i):
            dead = i + 3 > last_section
        else:
            dead = False
        if dead:
            out.append(text[pos:i])
            out.append(ph)
            pos = i + 1
            if i >= last_gt:  # every later "<" is dead too
                rest = text[pos:]
                out.append(rest.replace("<", ph))
                pos = len(text)
                break
        i = text.find("<", i + 1)
    if not out:
        return text, None
    out.append(text[pos:])
    return "".join(out), ph


def _html_source(text: str, path: str, label: str, bom: bytes) -> Source:
    p = _HTMLText(text)
    fed, ph = _defuse(text)
    try:
        p.feed(fed)
        p.close()
    except Exception as e:  # html.parser is lenient; anything else is refused cleanly
        raise ReadError(path, Reason("html_parse", {"kind": type(e).__name__})) from None
    out = "".join(p.pieces)
    if ph is not None:
        out = out.replace(ph, "<")
    return Source(
        path=path,
        kind="html",
        text=out,
        encoding=label,
        newline=detect_newline(text),
        fixable=False,
        bom=bom,
        original=text,
        offsets=OffsetMap(p.map_t, p.map_s, p.map_x),
    )


# --------------------------------------------------------------------------- docx

_W_NS = (
    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}",
    "{http://purl.oclc.org/ooxml/wordprocessingml/main}",
)


def _docx_text(data: bytes, path: str, max_xml: int) -> str:
    import xml.etree.ElementTree as ET

    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise ReadError(path, Reason("docx_legacy"))
    if not data.startswith(b"PK"):
        raise ReadError(path, Reason("docx_not_zip"))
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise ReadError(path, Reason("docx_broken_zip", {"detail": e})) from None
    try:
        try:
            info = zf.getinfo("word/document.xml")
        except KeyError:
            raise ReadError(path, Reason("docx_no_xml")) from None
        if info.file_size > max_xml:
            raise ReadError(path, Reason("docx_too_big", {"limit": max_xml}))
        parser = ET.XMLPullParser(events=("start", "end"))
        paras: list[str] = []
        stack: list[Optional[str]] = []
        open_paras: list[list[str]] = []
        total = 0
        tail = b""
        with zf.open(info) as f:
            while True:
                chunk = f.read(1 << 20)
                if not chunk:
                    break
                if total == 0:
                    _utf8_xml_only(chunk, path)
                total += len(chunk)
                if total > max_xml:
                    raise ReadError(path, Reason("docx_too_big", {"limit": max_xml}))
                probe = tail + chunk
                if b"<!DOCTYPE" in probe or b"<!ENTITY" in probe:
                    raise ReadError(path, Reason("docx_dtd"))
                tail = chunk[-16:]
                parser.feed(chunk)
                _docx_events(parser, stack, open_paras, paras)
        parser.close()
        _docx_events(parser, stack, open_paras, paras)
        return "\n".join(paras)
    except ReadError:
        raise
    except ET.ParseError as e:
        line, column = getattr(e, "position", (0, 0))
        raise ReadError(path, Reason("docx_bad_xml", {"line": line, "column": column})) from None
    except Exception as e:  # encrypted entries, unsupported compression, CRC errors...
        raise ReadError(path, Reason("docx_unreadable", {"kind": type(e).__name__})) from None
    finally:
        zf.close()


_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)""")


def _utf8_xml_only(head: bytes, path: str) -> None:
    """Refuse a ``document.xml`` that is not UTF-8 (Word always writes UTF-8): the DTD check
    reads raw bytes, so ``<!DOCTYPE`` in UTF-16 (every other byte NUL) would slip past it."""
    body = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4]:
        raise ReadError(path, Reason("docx_utf16"))
    m = _XML_ENCODING.match(body)
    if m and m.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        raise ReadError(path, Reason("docx_declares", {"declared": m.group(1).decode()}))


def _docx_events(parser, stack, open_paras, paras) -> None:
    for ev, el in parser.read_events():
        tag = el.tag
        local = None
        if isinstance(tag, str):
            for ns in _W_NS:
                if tag.startswith(ns):
                    local = tag[len(ns) :]
                    break
        if ev == "start":
            stack.append(local)
            if local == "p":
                open_paras.append([])
            continue
        if stack:
            stack.pop()
        if local is None or not open_paras:
            continue
        parent = stack[-1] if stack else None
        cur = open_paras[-1]
        if local == "t":
            t = el.text or ""
            if "\n" in t or "\r" in t:
                t = t.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
            cur.append(t)
        elif parent == "r":
            if local == "tab":
                cur.append("\t")
            elif local in ("br", "cr"):
                cur.append(" ")
            elif local == "noBreakHyphen":
                cur.append("-")
        if local == "p":
            paras.append("".join(open_paras.pop()))
            el.clear()
