"""What the terminal asks of a report: colour (``--color``, ``NO_COLOR``) and width
(``COLUMNS``, the terminal's own). Kept apart from the command so that both the check and the
catalog commands read them the same way."""
from __future__ import annotations

import os
import sys
from typing import Optional


def color(output, mode: str = "auto") -> bool:
    """``--color``: always, never, or (auto) on a terminal unless ``NO_COLOR`` is set
    (https://no-color.org: any non-empty value)."""
    if mode in ("always", "never"):
        return mode == "always"
    return output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def width(output) -> Optional[int]:
    """Columns the grouped report must fit: ``COLUMNS`` when set, else the terminal's; None
    (no wrapping) for a file or a pipe."""
    cols = os.environ.get("COLUMNS", "")
    if cols.isdigit() and int(cols) > 0:
        return int(cols)
    if output is None and sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size().columns
    return None
