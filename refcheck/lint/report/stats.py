"""``--statistics``: counts per code, most frequent first."""
from __future__ import annotations

from collections import Counter

from refcheck.lint.report.common import _iter_findings, _t, tabulate
from refcheck.model import FileResult
from refcheck.rules.registry import RULES


def statistics(results: list[FileResult]) -> list[tuple[str, str, int]]:
    counts = Counter(f.code for _, _, f in _iter_findings(results))
    names = {f.code: f.name for _, _, f in _iter_findings(results)}
    rows = [(code, names.get(code) or (RULES[code].name if code in RULES else ""), n)
            for code, n in counts.items()]
    rows.sort(key=lambda row: (-row[2], row[0]))
    return rows


def format_statistics(results: list[FileResult], lang: str = "en") -> str:
    """Counts per code, most frequent first: ``code  name  count``."""
    rows = statistics(results)
    if not rows:
        return ""
    return tabulate([list(r) for r in rows], headers=list(_t(lang)["stats"]),
                    tablefmt="simple", colalign=("left", "left", "right")) + "\n"
