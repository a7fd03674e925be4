"""Offsets to 1-based (line, column) positions.

Offsets are code-point offsets into the decoded text (see ``model.py``); columns are counted
in code points too, 1-based. ``\\r\\n``, ``\\n`` and ``\\r`` each count as one line break, so a
file saved with Windows or old Mac line endings reports the same lines as an editor shows.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

#: The one definition of a line break: ``\r\n``, ``\n`` or ``\r`` (not the form feeds and
#: separators ``str.splitlines`` also breaks on). Every module that splits lines uses it.
LINE_BREAK = re.compile(r"\r\n|\n|\r")
_BREAK = LINE_BREAK


_NEWLINE = re.compile("\n")
_SPLIT_MAX = 1 << 20  # (a longer text is not copied line by line)


def line_starts(text: str) -> list[int]:
    """Offsets where each line starts (0 first). Without a "\\r" (one-letter test: memchr)
    the breaks are the "\\n" alone, and one C-level split finds them: the pattern, which opens
    with an alternation, is tried at every character."""
    starts = [0]
    if "\r" not in text:
        if len(text) <= _SPLIT_MAX:
            starts.extend(accumulate(len(line) + 1 for line in text.split("\n")[:-1]))
        else:  # (the literal "\n", found at str.find speed)
            starts.extend(m.end() for m in _NEWLINE.finditer(text))
    else:
        starts.extend(m.end() for m in LINE_BREAK.finditer(text))
    return starts


def split_lines(text: str, *, keepends: bool = False) -> list[str]:
    """The lines of ``text``. Without ``keepends``, as ``LINE_BREAK.split``: a text ending
    with a break ends with an empty line. With it, each line keeps its break and there is no
    empty last piece (what a diff shows)."""
    if not keepends:
        return LINE_BREAK.split(text)
    out, pos = [], 0
    for m in LINE_BREAK.finditer(text):
        out.append(text[pos:m.end()])
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return out


class LineIndex:
    """Built once per text; ``position(offset)`` is O(log n)."""

    __slots__ = ("_starts", "_length")

    def __init__(self, text: str) -> None:
        self._starts = line_starts(text)
        self._length = len(text)

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._starts[max(0, min(line, len(self._starts)) - 1)]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset``; offsets are clamped to the text.

        An offset inside a ``\\r\\n`` pair (between the two characters) stays on the line the
        pair ends, like the ``\\r`` itself.
        """
        offset = max(0, min(offset, self._length))
        i = bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1

    __call__ = position

    def offset(self, line: int, column: int) -> int:
        """Inverse of ``position`` for positions inside the text."""
        return min(self.line_start(line) + column - 1, self._length)
