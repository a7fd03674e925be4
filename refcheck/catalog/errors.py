"""Located catalog errors: ``path:line: field: message``, picklable for workers.

The message is data (a key of ``refcheck.catalog.messages`` and its fields): ``str()`` is
English, :meth:`CatalogError.say` renders it in the run's language.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional, Union

from refcheck.catalog.messages import Hook, render

PathLike = Union[str, Path]


# ---------------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------------
class CatalogError(Exception):
    """A located problem in a catalog file; ``str()`` is ``path:line: field: message``.

    ``key`` names a message of ``refcheck.catalog.messages`` filled from ``fields`` (a key of
    no message is taken as the text itself, in English)."""

    def __init__(self, path: PathLike, line: int, field: str, key: str,
                 fields: Optional[dict[str, Any]] = None):
        self.path = str(path)
        self.line = int(line)
        self.field = field
        self.key = key
        self.fields = dict(fields or {})
        super().__init__(str(self))

    @property
    def message(self) -> str:
        """The message alone, in English."""
        return render(self.key, "en", self.fields)

    def say(self, lang: str = "vi", hook: Hook = None) -> str:
        """``path:line: field: message`` in ``lang``; ``hook(value, lang)`` renders the
        fields the catalog layer cannot (an ``OSError``)."""
        where = render("field:" + self.field, lang) if self.field == "file" else self.field
        return f"{self.path}:{self.line}: {where}: {render(self.key, lang, self.fields, hook)}"

    def __str__(self) -> str:
        return self.say("en")

    def __reduce__(self):  # picklable despite the custom __init__
        return (CatalogError, (self.path, self.line, self.field, self.key, self.fields))


class CatalogErrors(CatalogError):
    """Several errors at once (``load_catalog`` raises this; ``.errors`` holds them all)."""

    def __init__(self, errors: list[CatalogError]):
        self.errors = list(errors)
        first = self.errors[0]
        super().__init__(first.path, first.line, first.field, first.key, first.fields)

    def say(self, lang: str = "vi", hook: Hook = None) -> str:
        return "\n".join(e.say(lang, hook) for e in self.errors)

    def __str__(self) -> str:
        return self.say("en")

    def __reduce__(self):
        return (CatalogErrors, (self.errors,))
