"""What an import changed and dropped: every fix (row, field, before -> after), drop and note.

Kept apart from the importer so that the build, ``catalog import`` and ``catalog review`` share
one record of what happened to each source row, and nothing is fixed or lost silently.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

@dataclass(frozen=True, slots=True)
class FixEntry:
    table: str
    line: int
    field: str
    before: object
    after: object
    reason: str

    def __str__(self) -> str:
        return (f"{self.table}:{self.line}: fix {self.field}: {self.before!r} -> {self.after!r}"
                f" ({self.reason})")


@dataclass(frozen=True, slots=True)
class DropEntry:
    table: str
    line: int
    reason: str
    value: str = ""

    def __str__(self) -> str:
        return f"{self.table}:{self.line}: drop {self.value!r}: {self.reason}"


@dataclass(frozen=True, slots=True)
class NoteEntry:
    table: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.table}:{self.line}: note: {self.message}"


@dataclass
class ImportReport:
    fixes: list[FixEntry] = field(default_factory=list)
    drops: list[DropEntry] = field(default_factory=list)
    notes: list[NoteEntry] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # rows read per table

    def fix(self, table, line, fld, before, after, reason):
        self.fixes.append(FixEntry(table, line, fld, before, after, reason))

    def drop(self, table, line, reason, value=""):
        self.drops.append(DropEntry(table, line, reason, value))

    def note(self, table, line, message):
        self.notes.append(NoteEntry(table, line, message))

    def lines(self) -> Iterator[str]:
        for group in (self.fixes, self.drops, self.notes):
            for e in group:
                yield str(e)

    def summary(self) -> list[tuple[str, int, int, int, str]]:
        """Per table: (table, rows read, fixes, drops, drop reasons with counts)."""
        out = []
        for table, n in self.rows.items():
            fixes = sum(1 for f in self.fixes if f.table == table)
            drops = [d for d in self.drops if d.table == table]
            reasons: dict[str, int] = {}
            for d in drops:
                key = d.reason.split(":")[0]
                reasons[key] = reasons.get(key, 0) + 1
            out.append((table, n, fixes, len(drops),
                        "; ".join(f"{k} ×{v}" for k, v in sorted(reasons.items()))))
        return out
