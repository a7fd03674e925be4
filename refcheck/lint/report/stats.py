"""``--statistics``: counts per code, most frequent first."""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from refcheck.lint.report.common import _t, tabulate
from refcheck.model import FileResult


class Statistics:
    """Counts per code, added file by file (the run does not keep its results)."""

    def __init__(self) -> None:
        self.counts: Counter = Counter()
        self.names: dict[str, str] = {}

    def add(self, r: FileResult) -> None:
        for a in r.articles:
            for f in a.findings:
                self.counts[f.code] += 1
                self.names.setdefault(f.code, f.name)

    def rows(self) -> list[tuple[str, str, int]]:
        from refcheck.rules.registry import RULES  # here: only --statistics prints them

        rows = [(code, self.names.get(code) or (RULES[code].name if code in RULES else ""), n)
                for code, n in self.counts.items()]
        rows.sort(key=lambda row: (-row[2], row[0]))
        return rows

    def format(self, lang: str = "en") -> str:
        """Counts per code, most frequent first: ``code  name  count``, the name in ``lang``
        (the rule's summary: an editor reads "Sai ngày ban hành", not ``date-mismatch``)."""
        rows = [(code, _title(code, name, lang), n) for code, name, n in self.rows()]
        if not rows:
            return ""
        return tabulate([list(r) for r in rows], headers=list(_t(lang)["stats"]),
                        tablefmt="simple", colalign=("left", "left", "right")) + "\n"


def _title(code: str, name: str, lang: str) -> str:
    """The rule's one-line summary in ``lang`` (vi when missing); ``name`` for a code the
    registry does not know."""
    from refcheck.rules.registry import RULES

    rule = RULES.get(code)
    if rule is None:
        return name
    return rule.summary.get(lang) or rule.summary.get("vi") or name


def _of(results: Iterable[FileResult]) -> Statistics:
    s = Statistics()
    for r in results:
        s.add(r)
    return s


def statistics(results: list[FileResult]) -> list[tuple[str, str, int]]:
    return _of(results).rows()


def format_statistics(results: list[FileResult], lang: str = "en") -> str:
    """Counts per code, most frequent first: ``code  name  count``."""
    return _of(results).format(lang)
