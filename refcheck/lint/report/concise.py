"""``path:line:col: CODE [severity] message``, one line per finding."""
from __future__ import annotations

from typing import Optional

from refcheck.lint.report.common import Positions, _finding_region, _Lazy, _sort_key, clean
from refcheck.model import FileResult


def format_concise(results: list[FileResult], lang: str = "vi",
                   positions: Optional[Positions] = None) -> str:
    """``path:line:col: CODE [severity] message``, one line per finding."""
    out = []
    for r in results:
        if r.error is not None:
            out.append(f"{clean(r.path)}:1:1: error {clean(r.error)}")
            continue
        pos = _Lazy(r, positions)
        for f in sorted((f for a in r.articles for f in a.findings), key=_sort_key):
            line, col, _, _ = _finding_region(f, pos)
            out.append(f"{clean(r.path)}:{line}:{col}: {f.code} [{f.severity}] {clean(f.message)}")
    return "".join(ln + "\n" for ln in out)


# --------------------------------------------------------------------------- SARIF
