"""Located catalog errors: ``path:line: field: message``, picklable for workers."""
from __future__ import annotations

from pathlib import Path
from typing import Union

PathLike = Union[str, Path]

# ---------------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------------
class CatalogError(Exception):
    """A located problem in a catalog file; ``str()`` is ``path:line: field: message``."""

    def __init__(self, path: PathLike, line: int, field: str, message: str):
        self.path = str(path)
        self.line = int(line)
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"

    def __reduce__(self):  # picklable despite the custom __init__
        return (CatalogError, (self.path, self.line, self.field, self.message))


class CatalogErrors(CatalogError):
    """Several errors at once (``load_catalog`` raises this; ``.errors`` holds them all)."""

    def __init__(self, errors: list[CatalogError]):
        self.errors = list(errors)
        first = self.errors[0]
        super().__init__(first.path, first.line, first.field, first.message)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)

    def __reduce__(self):
        return (CatalogErrors, (self.errors,))
