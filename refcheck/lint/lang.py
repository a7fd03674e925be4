"""The language a run speaks, decided once, the same way for every text it prints.

``--lang`` on the command line wins, then the ``REFCHECK_LANG`` environment variable, then
the ``lang`` of the configuration file that governs the checked path (or the current
folder), then Vietnamese. The usage errors and ``--help`` are printed before the options
are parsed and the configuration is validated, so :func:`run_lang` reads the raw arguments
and the configuration file's ``lang`` on its own, quietly: a broken configuration is the
run's error to report, not the help's.
"""
from __future__ import annotations

import os
from typing import Optional, Sequence

__all__ = ["ENV", "argv_lang", "env_lang", "run_lang", "settle"]

ENV = "REFCHECK_LANG"
LANGS = ("vi", "en")


def argv_lang(args: Sequence[str]) -> Optional[str]:
    """The value of ``--lang`` in ``args`` (last one wins; anything but ``en`` is ``vi``),
    or None when the arguments do not say."""
    args = list(args)
    found = None
    for i, a in enumerate(args):
        if a == "--":
            break
        if a == "--lang" and i + 1 < len(args):
            found = args[i + 1]
        elif a.startswith("--lang="):
            found = a.split("=", 1)[1]
    if found is None:
        return None
    return "en" if found == "en" else "vi"


def env_lang() -> Optional[str]:
    """``REFCHECK_LANG`` when it names a language refcheck speaks, else None."""
    value = os.environ.get(ENV, "").strip().lower()
    return value if value in LANGS else None


def _config_lang(args: Sequence[str]) -> Optional[str]:
    """The ``lang`` of the configuration that governs the first path in ``args`` (or the
    ``--config FILE`` named there), when it is readable and valid; None otherwise."""
    from refcheck.lint.config import ConfigError, config_lang

    args = list(args)
    explicit = None
    start = None
    skip = False
    for i, a in enumerate(args):
        if skip:
            skip = False
            continue
        if a == "--config" and i + 1 < len(args):
            explicit = args[i + 1]
            skip = True
        elif a.startswith("--config="):
            explicit = a.split("=", 1)[1]
        elif a.startswith("-"):
            continue
        elif start is None and a not in ("check", "rule", "lsp", "catalog"):
            start = a
    try:
        return config_lang(explicit, start)
    except (ConfigError, OSError, ValueError):
        return None


def run_lang(args: Sequence[str] = ()) -> str:
    """The run's language: ``--lang``, ``REFCHECK_LANG``, the configuration's ``lang``, vi."""
    return argv_lang(args) or env_lang() or _config_lang(args) or "vi"


def settle(lang: Optional[str], start: Optional[str] = None) -> str:
    """A command's ``--lang`` value (None: not given) made the run's language."""
    return lang or env_lang() or _config_lang([start] if start else []) or "vi"
