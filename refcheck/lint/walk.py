"""The folder walk: which files ``refcheck check PATHS`` reads, in a stable order.

As ruff walks: ``os.scandir`` (the kind of each entry comes with the directory listing, so a
FIFO, socket or device named ``*.txt`` is skipped without being opened: opening a FIFO
blocks until someone writes to it); folders are never followed through symbolic links;
``exclude`` globs and, unless ``respect_gitignore`` is off, ``.gitignore`` files (from the
repository root down, and ``.git/info/exclude``) prune the tree. The path relative to the
settings root is worked out once per folder and extended by plain string joins, so a file
costs one glob match on a string, no ``pathlib`` object.

Order: a folder's files sorted by name, then its subfolders, sorted, depth first (what the
``os.walk`` loop this replaces gave). Explicitly named files are yielded as given; an
excluded one is reported through ``notes`` rather than silently dropped.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Optional

from refcheck.io.kinds import EXTENSIONS  # one list: the reader, the walk, the pre-commit hook

if TYPE_CHECKING:
    from refcheck.lint.config import GlobSet

_EXT = frozenset(EXTENSIONS)


def _checked_name(name: str) -> bool:
    """``os.path.splitext`` semantics (a leading dot is no extension), without its cost."""
    i = name.rfind(".")
    return i > 0 and name[i:].lower() in _EXT and name[:i].strip(".") != ""


@dataclass
class _Ignore:
    """The ``.gitignore`` rules in force in one folder: (folder's path relative to the
    repository, its rules), outermost first."""

    layers: tuple[tuple[str, "GlobSet"], ...] = ()

    def ignored(self, rel_repo: str, is_dir: bool) -> bool:
        """Git's rule: the deepest ``.gitignore`` with a matching pattern decides."""
        for base, rules in reversed(self.layers):
            sub = rel_repo[len(base) + 1:] if base else rel_repo
            decision = rules._match_one(sub, is_dir, False)
            if decision is not None:
                return decision
        return False

    def enter(self, folder: str, rel_repo: str) -> "_Ignore":
        rules = _read_gitignore(os.path.join(folder, ".gitignore"))
        if rules is None:
            return self
        return _Ignore(self.layers + ((rel_repo, rules),))


def _read_gitignore(path: str) -> Optional["GlobSet"]:
    from refcheck.lint.config import GlobSet

    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError:
        return None
    rules = GlobSet(raw.decode("utf-8", "replace").splitlines())
    return rules if rules.patterns else None


def _repo_root(folder: str) -> Optional[str]:
    """The nearest folder at or above ``folder`` that holds ``.git`` (a folder or, in a
    worktree or submodule, a file)."""
    here = os.path.abspath(folder)
    while True:
        if os.path.exists(os.path.join(here, ".git")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def _ignore_for(folder: str) -> tuple[_Ignore, str]:
    """The rules in force at ``folder`` (a walk root) and its path relative to the repository
    (or to itself when it is in none)."""
    root = _repo_root(folder)
    absolute = os.path.abspath(folder)
    if root is None:
        return _Ignore(), ""
    ign = _Ignore()
    exclude = _read_gitignore(os.path.join(root, ".git", "info", "exclude"))
    if exclude is not None:
        ign = _Ignore((("", exclude),))
    rel = os.path.relpath(absolute, root).replace(os.sep, "/")
    rel = "" if rel == "." else rel
    # .gitignore files of the folders above the walk root, from the repository root down
    parts = rel.split("/") if rel else []
    here, here_rel = root, ""
    if parts:  # the walk enters the walk root's own .gitignore itself
        ign = ign.enter(here, here_rel)
    for part in parts[:-1]:
        here, here_rel = os.path.join(here, part), (f"{here_rel}/{part}" if here_rel else part)
        ign = ign.enter(here, here_rel)
    return ign, rel


@dataclass
class Walk:
    """One walk over ``paths``; ``notes`` collects (path, reason) for explicitly named files
    that were left out, for the caller to print in its own language."""

    settings: object
    respect_gitignore: bool = True
    notes: list[tuple[str, str]] = field(default_factory=list)
    #: (folder, one-line message) for folders that could not be listed: the run exits 2
    errors: list[tuple[str, str]] = field(default_factory=list)
    _seen: set = field(default_factory=set)

    def files(self, paths: list[str]) -> Iterator[str]:
        for p in paths:
            if p == "-":
                yield p
                continue
            if os.path.isdir(p):
                yield from self._walk_root(p)
            elif self.settings.is_excluded(p, is_dir=False):
                self.notes.append((p, "exclude"))
            elif p not in self._seen:
                self._seen.add(p)
                yield p

    def _walk_root(self, p: str) -> Iterator[str]:
        settings = self.settings
        if settings.is_excluded(p, is_dir=True):
            self.notes.append((p, "exclude"))
            return
        base = str(Path(p))  # how the os.walk loop spelled it: "./a/" is "a"
        rel, outside = settings._relative(base)
        rel = "" if rel == "." else rel
        # A folder named on the command line is walked even when ignored (as ripgrep and
        # ruff do); the rules prune what is inside it.
        ign, rel_repo = _ignore_for(base) if self.respect_gitignore else (None, "")
        yield from self._walk(base, rel, outside, ign, rel_repo)

    def _walk(self, folder: str, rel: str, outside: bool, ign: Optional[_Ignore],
              rel_repo: str) -> Iterator[str]:
        excludes = self.settings._excludes
        if ign is not None:
            ign = ign.enter(folder, rel_repo)
        prefix = "" if folder == "." else (folder if folder.endswith("/") else folder + "/")
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:  # unreadable folder: reported, the rest is still walked
            from refcheck.lint.messages import say

            self.errors.append((folder, say("folder_unreadable", self.settings.lang, path=folder,
                                            reason=e)))
            return
        subdirs = []
        for e in entries:
            name = e.name
            try:
                is_dir = e.is_dir(follow_symlinks=False)
                is_file = not is_dir and e.is_file()
                dangling = not (is_dir or is_file) and e.is_symlink() and not os.path.exists(e.path)
            except OSError:
                continue
            if is_dir and name == ".git":
                continue  # never a draft, whatever ``exclude`` says
            if not (is_dir or is_file or dangling):
                continue  # FIFO, socket, device: never opened (opening a FIFO blocks)
            r = f"{rel}/{name}" if rel else name
            if excludes._match_one(r, is_dir, outside):
                continue
            rr = f"{rel_repo}/{name}" if rel_repo else name
            if ign is not None and ign.ignored(rr, is_dir):
                continue
            if is_dir:
                subdirs.append((prefix + name, r, rr))
            elif _checked_name(name):
                path = prefix + name
                if path not in self._seen:
                    self._seen.add(path)
                    yield path
        for path, r, rr in subdirs:
            yield from self._walk(path, r, outside, ign, rr)
