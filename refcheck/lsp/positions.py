"""Code-point offsets to LSP positions and back, in the encoding the client negotiated.

refcheck counts code points; LSP counts UTF-16 code units unless the client offers UTF-8 or
UTF-32 in ``general.positionEncodings``. An emoji before a citation is one code point but two
UTF-16 units (four UTF-8 bytes), so every range the server sends or reads goes through here.
Lines end at ``\\r\\n``, ``\\n`` or ``\\r``, as the LSP specification says.
"""
from __future__ import annotations

from bisect import bisect_right

from refcheck.text.positions import LINE_BREAK

ENCODINGS = ("utf-16", "utf-8", "utf-32")
_BREAK = LINE_BREAK  # text/positions


def units(s: str, encoding: str) -> int:
    """Length of ``s`` in the code units of ``encoding``."""
    if encoding == "utf-32" or s.isascii():
        return len(s)
    if encoding == "utf-8":
        return len(s.encode("utf-8", "surrogatepass"))
    return len(s) + sum(1 for ch in s if ch > "\uffff")


class LineMap:
    """One per document text; ``position`` and ``offset`` are inverse on character
    boundaries. Positions are 0-based ``(line, character)`` as LSP wants them."""

    __slots__ = ("text", "encoding", "_starts")

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        if encoding not in ENCODINGS:
            encoding = "utf-16"
        self.text = text
        self.encoding = encoding
        self._starts = [0] + [m.end() for m in _BREAK.finditer(text)]

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_span(self, line: int) -> tuple[int, int]:
        """(start, end of content) of 0-based ``line``: the end excludes the line break."""
        line = max(0, min(line, len(self._starts) - 1))
        start = self._starts[line]
        end = self._starts[line + 1] if line + 1 < len(self._starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self._starts, offset) - 1
        start = self._starts[line]
        return line, units(self.text[start:offset], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """Code-point offset of an LSP position; past the line's end means its end, and a
        position inside a character (half a surrogate pair, a UTF-8 continuation byte)
        means the start of that character."""
        if line >= len(self._starts):
            return len(self.text)
        start, end = self.line_span(line)
        if character <= 0:
            return start
        segment = self.text[start:end]
        if self.encoding == "utf-32" or segment.isascii():
            return start + min(character, len(segment))
        count = 0
        for i, ch in enumerate(segment):
            width = units(ch, self.encoding)
            if count + width > character:
                return start + i
            count += width
        return end
