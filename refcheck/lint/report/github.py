"""GitHub Actions workflow commands (annotations on the pull request's diff)."""
from __future__ import annotations

from typing import Optional

from refcheck.lint.report.common import (PositionFn, Positions, Writer, _finding_region,
                                         _sort_key, clean, collect, lazy_position)
from refcheck.model import FileResult

_GITHUB = {"error": "error", "warning": "warning", "info": "notice"}


def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


class GithubWriter(Writer):
    def file(self, r: FileResult, position: Optional[PositionFn] = None) -> None:
        path = _gh_prop(clean(r.path, keep_newlines=True))
        if r.error is not None:
            self.write(f"::error file={path},title=refcheck::"
                       f"{_gh_data(clean(r.error, keep_newlines=True))}\n")
            return
        pos = lazy_position(r, position)
        out = []
        for f in sorted((f for a in r.articles for f in a.findings), key=_sort_key):
            line, col, end_line, end_col = _finding_region(f, pos)
            props = f"file={path},line={line},col={col},endLine={end_line},endColumn={end_col}"
            props += f",title={_gh_prop(f'{f.code} {f.name}')}"
            cmd = _GITHUB.get(f.severity, "warning")
            out.append(f"::{cmd} {props}::{_gh_data(clean(f.message, keep_newlines=True))}\n")
        if out:
            self.write("".join(out))


def format_github(results: list[FileResult], lang: str = "vi",
                  positions: Optional[Positions] = None) -> str:
    """Workflow commands: ``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::msg``."""
    return collect(GithubWriter, results, positions)
