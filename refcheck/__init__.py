"""refcheck: find, resolve and check citations of Vietnamese Party and State documents.

The library surface is ``check_text``, ``check_source`` and ``group_by_document``; the CLI
(``refcheck.lint``) and the language server are thin shells over them.
"""
from __future__ import annotations

from refcheck._version import __version__

__all__ = ["__version__", "check_text", "check_source", "group_by_document", "DocumentGroup"]

_API = ("check_text", "check_source", "group_by_document", "DocumentGroup")


def __getattr__(name: str):
    # Lazy: `import refcheck` must stay cheap for the CLI's start-up time.
    if name in _API:
        from refcheck import api

        return getattr(api, name)
    raise AttributeError(name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
