"""ISO dates: the one check that a stored or parsed date is a real day."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional, Union

from refcheck.text.normalize import short_repr as _short

PathLike = Union[str, Path]

# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def date_problem(value: str) -> Optional[str]:
    """``None`` if ``value`` is a real ISO date, else why not."""
    m = _ISO.match(value)
    if not m:
        return f"bad date {_short(value)}: expected YYYY-MM-DD"
    y, mo, d = (int(g) for g in m.groups())
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    if not 1 <= mo <= 12 or not 1 <= d <= (_DAYS[mo - 1] - (mo == 2 and not leap)):
        return f"impossible date {_short(value)}"
    if not 1900 <= y <= 2100:
        return f"impossible date {_short(value)}: year out of range"
    return None
