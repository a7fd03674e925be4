"""What ``refcheck check`` writes besides the report: ``--fix`` over the checked files (each
one only while it still holds the bytes that were read; see :func:`refcheck.lint.fixer.
write_fixed`), the fixed text of standard input, and ``-o`` (atomically, never over an input,
never replacing a device or a FIFO).

Kept apart from ``cli`` so that the command's option handling stays one readable page.
"""
from __future__ import annotations

import os
import stat
from typing import Optional


def _err(msg: str) -> None:
    import click

    click.echo(f"refcheck: {msg}", err=True)


def output_is_input(output: str, inputs, lang: str) -> bool:
    """Whether ``-o`` names one of the inputs (said on stderr): the report must never
    replace a draft or an archive. Checked before anything is opened for writing."""
    from refcheck.lint.messages import say

    try:
        out = os.stat(output)
    except OSError:
        return False
    if not stat.S_ISREG(out.st_mode):
        return False  # /dev/null, a FIFO: written into, never an input's text
    ident = (out.st_dev, out.st_ino)
    listed = _Listings()
    for p in inputs:
        if p == "-" or listed.other_inode(p, out.st_ino):
            continue
        try:
            st = os.stat(p)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) == ident and stat.S_ISREG(st.st_mode):
            _err(say("output_is_input", lang, output=output, input=p))
            return True
    return False


class _Listings:
    """Inode numbers from each input folder's listing (``os.scandir`` gives them without a
    ``stat``): an input whose listed inode differs from the output's cannot be it, so a folder
    of 20,000 drafts costs one listing per folder instead of 20,000 ``stat`` calls. Symbolic
    links, and names not found in a listing, are left to ``stat``."""

    def __init__(self) -> None:
        self.folders: dict[str, dict[str, int]] = {}

    def other_inode(self, path: str, ino: int) -> bool:
        folder, sep, name = path.rpartition("/")
        folder = (folder or "/") if sep else "."
        known = self.folders.get(folder)
        if known is None:
            known = self.folders[folder] = {}
            try:
                with os.scandir(folder) as it:
                    for e in it:
                        if not e.is_symlink():
                            known[e.name] = e.inode()
            except OSError:
                pass
        listed = known.get(name)
        return listed is not None and listed != ino


def refused_targets(output: Optional[str], paths, *, lang: str, stdin_filename=None,
                    baseline=None, write_baseline: bool = False) -> bool:
    """Whether a file this run would write names something it must not replace (said on
    stderr), checked before anything is opened for writing: ``-o`` naming an input, the
    file ``--stdin-filename`` names (the editor's buffer is that file: the report must not
    replace it) or the ``--baseline``; a ``--write-baseline`` over a file that is not a
    baseline (``--baseline a.txt`` would turn the draft into JSON)."""
    if write_baseline and baseline:
        from refcheck.lint.baseline import BaselineError, check_replaceable

        try:
            check_replaceable(baseline)
        except BaselineError as e:
            _err(e.say(lang))
            return True
    if not output:
        return False
    named = list(paths)
    if stdin_filename and "-" in named:
        named.append(stdin_filename)
    if baseline:
        named.append(baseline)
    return output_is_input(output, named, lang)


def not_for_archive(lang: str, **options) -> bool:
    """Whether an option that archive mode (``--jsonl``, ``--dask``) does not apply was given
    (said on stderr, exit 2): ``--fix`` and ``--diff`` would silently write nothing, and
    ``--write-baseline`` would exit 0 with no baseline written."""
    given = [name for name, value in options.items() if value]
    if given:
        flags = ", ".join("--" + name.replace("_", "-") for name in given)
        from refcheck.lint.messages import say

        _err(say("not_for_archive", lang, options=flags))
    return bool(given)


def roots(paths) -> list[str]:
    """Real paths of the checked folders (a named file counts its folder): a symbolic link
    is fixed through only when its target lies inside one of them."""
    out = []
    for p in paths:
        if p == "-":
            continue
        a = os.path.abspath(p)
        out.append(os.path.realpath(a if os.path.isdir(a) else os.path.dirname(a)))
    return out


def apply_fixes_to_files(results, sources, *, write: bool, show: bool, lang: str = "vi",
                         roots=None, quiet: bool = False) -> tuple[bool, str, int, Optional[str]]:
    """Apply (or show) safe fixes; re-check each written file to prove it still parses.
    Returns (whether any file had fixes, the diff text when ``show``, how many files were
    refused, the fixed text of standard input when ``write`` and one was read).

    A file that cannot be fixed (changed since read, read-only, unwritable folder, ...) is
    reported and left as it was; the others are still fixed. Standard input is never
    written to a file: with ``--fix`` its fixed text goes to standard output, as ruff does.
    """
    from refcheck.lint.fixer import FixRefused, fix_source, unified_diff, write_fixed
    from refcheck.lint.messages import say

    any_fix = False
    refused = 0
    stdin_text: Optional[str] = None
    diffs: list[str] = []
    for r in results:
        src = sources.get(r.path)
        if src is None:
            continue
        fixes = [f.fix for a in r.articles for f in a.findings if f.fix and f.fix.safe]
        if not src.fixable:
            if fixes:
                kind = {"html": "HTML", "docx": ".docx"}.get(src.kind, src.kind)
                _err(say("fix_not_for_kind", lang, path=r.path, kind=kind, n=len(fixes)))
            continue
        from_stdin = src.stamp is None
        original, new, n = fix_source(src, fixes) if fixes else (src.source_text(),) * 2 + (0,)
        if write and from_stdin:
            stdin_text = new
            if n and not quiet:
                _err(say("stdin_fixed", lang, path=r.path, n=n))
        if n == 0 or new == original:
            continue
        any_fix = True
        if show:
            diffs.append(unified_diff(r.path, original, new))
        if write and not from_stdin:
            try:
                write_fixed(src, new, roots=roots)
                _verify_written(src, new)
            except FixRefused as e:
                _err(say(e.key, lang, **e.fields))
                refused += 1
                continue
            if not quiet:
                _err(say("fixes_applied", lang, path=r.path, n=n))
        if write:
            # Drop the findings that were fixed from the report.
            for a in r.articles:
                a.findings = [f for f in a.findings if not (f.fix and f.fix.safe)]
    return any_fix, "".join(diffs), refused, stdin_text


def _verify_written(src, new: str) -> None:
    """Read the file back: what is on disk must be exactly what we meant to write."""
    from refcheck.io.read import ReadError, read_path
    from refcheck.lint.fixer import FixRefused

    enc = None if src.encoding in ("utf-8", "utf-8-sig", "utf-16") else src.encoding
    try:
        back = read_path(src.path, encoding=enc).source_text()
    except ReadError as e:
        raise FixRefused("cannot_write", path=src.path, reason=e.why or e.reason) from None
    if back != new:
        raise FixRefused("changed", path=src.path)


def write_report(output: str, text: str) -> None:
    """``-o``: replaced whole (a device or FIFO is written into, never replaced)."""
    from refcheck.fsio import write_atomic

    write_atomic(output, text, durable=False, into_special=True)
