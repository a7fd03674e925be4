"""Roman numerals (Party terms, congresses, National Assembly terms): the one converter."""
from __future__ import annotations

import re
from typing import Optional

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
#: A well-formed numeral below 400 (``IIII`` and ``VX`` are not).
ROMAN_RE = re.compile(r"^(?=[IVXLC])C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


def to_roman(n: int) -> str:
    """``13`` -> ``XIII``."""
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def from_roman(s: str) -> Optional[int]:
    """``XIII`` -> 13 (case and surrounding blanks ignored); ``None`` for anything else."""
    s = s.strip().upper()
    if not s or not ROMAN_RE.match(s):
        return None
    total = 0
    for i, ch in enumerate(s):
        v = _VALUES[ch]
        total += -v if i + 1 < len(s) and _VALUES[s[i + 1]] > v else v
    return total
