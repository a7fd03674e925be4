"""What an import changed and dropped: every fix (row, field, before -> after), drop and note.

Kept apart from the importer so that the build, ``catalog import`` and ``catalog review`` share
one record of what happened to each source row, and nothing is fixed or lost silently.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from refcheck.catalog.messages import Msg, render

#: the words before each line, and a reason kept as data (``Msg``) rendered in ``lang``
_WORDS = {"fix": {"vi": "sửa", "en": "fix"}, "drop": {"vi": "bỏ", "en": "drop"},
          "note": {"vi": "ghi chú", "en": "note"}}


def _said(text: str, msg, lang: str) -> str:
    return render(msg.key, lang, msg.fields) if isinstance(msg, Msg) else text

@dataclass(frozen=True, slots=True)
class FixEntry:
    table: str
    line: int
    field: str
    before: object
    after: object
    reason: str
    msg: object = field(default=None, compare=False)

    def say(self, lang: str = "en") -> str:
        return (f"{self.table}:{self.line}: {_WORDS['fix'][lang]} {self.field}: "
                f"{self.before!r} -> {self.after!r} ({_said(self.reason, self.msg, lang)})")

    def __str__(self) -> str:
        return self.say("en")


@dataclass(frozen=True, slots=True)
class DropEntry:
    table: str
    line: int
    reason: str
    value: str = ""
    msg: object = field(default=None, compare=False)

    def say(self, lang: str = "en") -> str:
        return (f"{self.table}:{self.line}: {_WORDS['drop'][lang]} {self.value!r}: "
                f"{_said(self.reason, self.msg, lang)}")

    def __str__(self) -> str:
        return self.say("en")


@dataclass(frozen=True, slots=True)
class NoteEntry:
    table: str
    line: int
    message: str
    msg: object = field(default=None, compare=False)

    def say(self, lang: str = "en") -> str:
        return (f"{self.table}:{self.line}: {_WORDS['note'][lang]}: "
                f"{_said(self.message, self.msg, lang)}")

    def __str__(self) -> str:
        return self.say("en")


@dataclass
class ImportReport:
    fixes: list[FixEntry] = field(default_factory=list)
    drops: list[DropEntry] = field(default_factory=list)
    notes: list[NoteEntry] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # rows read per table

    def fix(self, table, line, fld, before, after, reason):
        """``reason``: a text (English) or a ``Msg`` (English in ``reason``, both in ``say``)."""
        self.fixes.append(FixEntry(table, line, fld, before, after, str(reason), reason))

    def drop(self, table, line, reason, value=""):
        self.drops.append(DropEntry(table, line, str(reason), value, reason))

    def note(self, table, line, message):
        self.notes.append(NoteEntry(table, line, str(message), message))

    def lines(self, lang: str = "en") -> Iterator[str]:
        for group in (self.fixes, self.drops, self.notes):
            for e in group:
                yield e.say(lang)

    def summary(self, lang: str = "en") -> list[tuple[str, int, int, int, str]]:
        """Per table: (table, rows read, fixes, drops, drop reasons with counts)."""
        out = []
        for table, n in self.rows.items():
            fixes = sum(1 for f in self.fixes if f.table == table)
            drops = [d for d in self.drops if d.table == table]
            reasons: dict[str, int] = {}
            for d in drops:
                key = _said(d.reason, d.msg, lang).split(":")[0]
                reasons[key] = reasons.get(key, 0) + 1
            out.append((table, n, fixes, len(drops),
                        "; ".join(f"{k} ×{v}" for k, v in sorted(reasons.items()))))
        return out
