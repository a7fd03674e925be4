"""Gitignore-style globs for ``exclude``, ``per-file-ignores`` and ``.gitignore`` files: the
last matching pattern decides, ``!`` re-includes, a trailing ``/`` matches folders only."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional


@dataclass(frozen=True)
class _Pattern:
    """One ``exclude`` glob as a compiled regex and the flags that say how it applies."""
    source: str
    regex: re.Pattern
    negated: bool
    dir_only: bool
    anchored: bool


def _translate(glob: str) -> str:
    """Regex (no anchors) for one gitignore-style glob body (no leading / or trailing /)."""
    out, i, n = [], 0, len(glob)
    while i < n:
        c = glob[i]
        if c == "*":
            if glob.startswith("**", i):
                at_start = i == 0 or glob[i - 1] == "/"
                j = i + 2
                if at_start and j < n and glob[j] == "/":  # "**/" : zero or more folders
                    out.append("(?:.*/)?")
                    i = j + 1
                    continue
                if at_start and j == n:  # trailing "/**" (or the whole glob): everything inside
                    out.append(".*")
                    i = j
                    continue
                out.append("[^/]*")  # "a**b" is just two stars, as in git
                i = j
                continue
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            j = i + 1
            if j < n and glob[j] in "!^":
                j += 1
            if j < n and glob[j] == "]":
                j += 1
            while j < n and glob[j] != "]":
                j += 1
            if j >= n:  # no closing bracket: a literal "["
                out.append(re.escape(c))
            else:
                body = glob[i + 1:j]
                if body[:1] in ("!", "^"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = j
        elif c == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(glob[i]))
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def compile_glob(pattern: str) -> Optional[_Pattern]:
    """One gitignore line to a matcher; None for blank lines and comments."""
    src = pattern
    p = pattern.rstrip()
    if not p or p.startswith("#"):
        return None
    negated = p.startswith("!")
    if negated:
        p = p[1:]
    elif p.startswith("\\!") or p.startswith("\\#"):
        p = p[1:]
    dir_only = p.endswith("/")
    p = p.rstrip("/")
    anchored = "/" in p  # a slash at the start or in the middle anchors to the config dir
    p = p.lstrip("/")
    if not p:
        return None
    body = _translate(p)
    regex = re.compile(("" if anchored or p.startswith("**/") else "(?:.*/)?") + body + r"\Z",
                       re.DOTALL)
    return _Pattern(src, regex, negated, dir_only, anchored)


class GlobSet:
    """Gitignore semantics: the last matching pattern decides, ``!`` re-includes, a pattern
    ending in ``/`` matches folders only, and nothing inside an excluded folder comes back."""

    def __init__(self, patterns: Iterable[str]) -> None:
        self.patterns = [c for c in (compile_glob(p) for p in patterns) if c is not None]

    def _match_one(self, rel: str, is_dir: bool, outside: bool) -> Optional[bool]:
        decision = None
        for pat in self.patterns:
            if pat.dir_only and not is_dir:
                continue
            if outside and pat.anchored:
                continue
            if pat.regex.match(rel):
                decision = not pat.negated
        return decision

    def matches(self, rel: str, is_dir: bool = False, outside: bool = False) -> bool:
        """``rel``: a relative POSIX path. Folders above it are checked first."""
        parts = [p for p in rel.split("/") if p and p != "."]
        for k in range(1, len(parts)):
            if self._match_one("/".join(parts[:k]), True, outside):
                return True
        return bool(parts) and bool(self._match_one("/".join(parts), is_dir, outside))
