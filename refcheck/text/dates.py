"""Dates: the one reader of written dates and the one check that a date is a real day.

Every place that takes a date from outside (catalog tables and files, front matter, archive
fields, datelines, configuration, the library's arguments) reads it here:

* ``D/M/YYYY`` with ``/``, ``.`` or ``-`` (day first, as Vietnamese writes it), blanks
  around the separators allowed: ``30/5/2019``, ``05.03.2020``, ``16-12-2016``;
* ``ngày d tháng m năm y`` in any case (``Ngày 5 tháng 3 năm 2020``, ``5 THÁNG 3 NĂM 2020``);
* ISO ``YYYY-MM-DD`` (and ``YYYY/MM/DD``), optionally followed by a time.

Dates inside citations are read by the grammar (its ``dmy`` rule) and checked by
:func:`iso_day` like the rest.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Optional

from refcheck.text.normalize import short_repr as _short

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

#: Day first, as Vietnamese writes it: 30/5/2019, 05.03.2020, 16-12-2016.
DMY = r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})"
#: "ngày 5 tháng 3 năm 2020" (the "ngày" may be missing); matched in any case.
LONG = r"(?:ngày\s*)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
#: Year first: 2020-03-05, 2020/3/5.
YMD = r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})"
# What may follow a date in a field: nothing, or a time ("T10:30", " 10:30", ", 10:30").
_AFTER = r"(?:\s*$|[T\s,])"
_DMY_RE = re.compile(rf"\s*{DMY}{_AFTER}")
_LONG_RE = re.compile(rf"\s*{LONG}{_AFTER}", re.IGNORECASE)
_YMD_RE = re.compile(rf"\s*{YMD}{_AFTER}")


def date_fault(value: str) -> Optional[str]:
    """``None`` if ``value`` is a real ISO date, else what is wrong, as a key: ``shape`` (not
    YYYY-MM-DD), ``impossible`` (no such day) or ``range`` (year outside 1900-2100). Callers
    that speak to editors word it in their language."""
    m = _ISO.match(value)
    if not m:
        return "shape"
    y, mo, d = (int(g) for g in m.groups())
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    if not 1 <= mo <= 12 or not 1 <= d <= (_DAYS[mo - 1] - (mo == 2 and not leap)):
        return "impossible"
    if not 1900 <= y <= 2100:
        return "range"
    return None


_FAULTS = {"shape": "bad date {v}: expected YYYY-MM-DD", "impossible": "impossible date {v}",
           "range": "impossible date {v}: year out of range"}


def date_problem(value: str) -> Optional[str]:
    """``None`` if ``value`` is a real ISO date, else why not (English)."""
    fault = date_fault(value)
    return _FAULTS[fault].format(v=_short(value)) if fault else None


def iso_day(y: int, m: int, d: int) -> Optional[str]:
    """``2019-05-30`` for a real day, else ``None``."""
    try:
        return _dt.date(y, m, d).isoformat()
    except (ValueError, OverflowError):
        return None


def read_parts(value: str) -> Optional[tuple[int, int, int]]:
    """(year, month, day) as written, real day or not; ``None`` when ``value`` is no date
    of the shapes above. A time after the date is allowed and ignored."""
    m = _YMD_RE.match(value)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        return y, mo, d
    m = _DMY_RE.match(value) or _LONG_RE.match(value)
    if m:
        d, mo, y = (int(g) for g in m.groups())
        return y, mo, d
    return None


def parse_date(value: object) -> Optional[str]:
    """The ISO day of a written date (any shape above), a ``date`` or a ``datetime``;
    ``None`` for anything else, including a day that does not exist (31/2/2019)."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    parts = read_parts(value)
    return iso_day(*parts) if parts else None


def parse_iso(value: str) -> Optional[str]:
    """A strict ``YYYY-MM-DD`` real day (blanks around it ignored), else ``None``: for
    settings and arguments documented as ISO dates."""
    m = _ISO.match(value.strip())
    return iso_day(*(int(g) for g in m.groups())) if m else None


def to_iso_text(value: str) -> str:
    """``value`` rewritten as ``YYYY-MM-DD`` when it has a date's shape, unchecked, else as
    given: for callers that report why a date is wrong (:func:`date_problem`)."""
    parts = read_parts(value)
    if parts is None:
        return value
    y, mo, d = parts
    return f"{y:04d}-{mo:02d}-{d:02d}"
