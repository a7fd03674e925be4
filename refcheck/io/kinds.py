"""Which files are read as what, by extension: a module of its own so that the folder walk
(``refcheck.lint.walk``) knows them without importing the reader (a fully cached run reads
no file)."""
from __future__ import annotations

import os
from pathlib import Path

#: The kind of text behind each extension the folder walk checks: one list for the reader,
#: the walk (``refcheck.lint.walk``) and the pre-commit hook's ``files`` pattern
#: (:func:`hook_files_pattern`; tests/test_precommit.py compares them). A file named on the
#: command line with another extension is read as plain text.
KINDS = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".mdown": "md",
    ".mkd": "md",
    ".mkdn": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
}


EXTENSIONS = tuple(KINDS)


def kind_for_path(path: str | Path) -> str:
    return KINDS.get(os.path.splitext(str(path))[1].lower(), "txt")


def hook_files_pattern() -> str:
    """The ``files:`` regex of ``.pre-commit-hooks.yaml`` for :data:`EXTENSIONS`."""
    return r"(?i)\.(" + "|".join(sorted(e[1:] for e in EXTENSIONS)) + ")$"
