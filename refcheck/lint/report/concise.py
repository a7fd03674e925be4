"""``path:line:col: CODE [severity] message``, one line per finding; the severity in the
report's language (``[cảnh báo]`` in Vietnamese, ``[warning]`` in English)."""
from __future__ import annotations

from typing import Optional

from refcheck.lint.report.common import (PositionFn, Positions, Sink, Writer, _finding_region,
                                         _sort_key, _t, clean, collect, lazy_position)
from refcheck.model import FileResult


class ConciseWriter(Writer):
    def __init__(self, write: Sink, lang: str = "vi") -> None:
        super().__init__(write)
        self.sev = _t(lang)["sev"]

    def file(self, r: FileResult, position: Optional[PositionFn] = None) -> None:
        sev = self.sev
        if r.error is not None:
            self.write(f"{clean(r.path)}:1:1: {sev['error']} {clean(r.error)}\n")
            return
        pos = lazy_position(r, position)
        out = []
        for f in sorted((f for a in r.articles for f in a.findings), key=_sort_key):
            line, col, _, _ = _finding_region(f, pos)
            out.append(f"{clean(r.path)}:{line}:{col}: {f.code} [{sev.get(f.severity, f.severity)}] "
                       f"{clean(f.message)}\n")
        if out:
            self.write("".join(out))


def format_concise(results: list[FileResult], lang: str = "vi",
                   positions: Optional[Positions] = None) -> str:
    """``path:line:col: CODE [severity] message``, one line per finding."""
    return collect(lambda w: ConciseWriter(w, lang), results, positions)
