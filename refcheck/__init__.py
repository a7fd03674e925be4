"""refcheck: find, resolve and check citations of Vietnamese Party and State documents."""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "check_text", "check_article_text"]


def __getattr__(name: str):
    # Lazy: `import refcheck` must stay cheap for the CLI's start-up time.
    if name in ("check_text", "check_article_text", "check_source"):
        from . import api

        return getattr(api, name)
    raise AttributeError(name)
