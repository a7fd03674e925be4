"""What a person should settle: unverified entries with their evidence, and every recorded
conflict with its decision (``refcheck catalog review``).

Why: 4 in 10 entries of the default rest on one source (``verified: false``: never an error on
their own). The evidence of each lives in its source row (``evidence``, ``n_sources``,
``conflicts`` columns); this module puts the entry, its row's evidence and the decisions side
by side so that a decision can be written into ``decisions.tsv`` with its reason.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

EVIDENCE_COLUMNS = ("evidence", "n_sources", "conflicts")


def default_sources() -> Optional[Path]:
    """``data/sources`` of a source checkout (not shipped in the wheel), if there is one."""
    p = Path(__file__).resolve().parents[2] / "data" / "sources"
    return p if (p / "recipe.yaml").is_file() else None


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass(frozen=True)
class Unverified:
    id: str
    date: Optional[str]
    source: str
    evidence: str
    n_sources: str
    conflicts: str


@dataclass(frozen=True)
class Conflict:
    symbol: str
    table: str
    stored: str
    other: str  # the other sources' date (count)
    decision: str  # "" when none is recorded
    value: str
    reason: str


class Evidence:
    """Source rows by ``file:line``, read lazily from a ``data/sources`` folder."""

    def __init__(self, sources: Optional[Path]):
        self.sources = sources
        self._tables: dict[str, list[dict[str, str]]] = {}

    def row(self, ref: str) -> dict[str, str]:
        name, _, line = ref.rpartition(":")
        if self.sources is None or not line.isdigit() or not (self.sources / name).is_file():
            return {}
        if name not in self._tables:
            self._tables[name] = _rows(self.sources / name)
        rows = self._tables[name]
        i = int(line) - 2  # line 1 is the header
        return rows[i] if 0 <= i < len(rows) else {}


def unverified(docs: Iterable, evidence: Evidence) -> list[Unverified]:
    out = []
    for d in docs:
        if d.verified:
            continue
        refs = (d.source or "").split("; ")
        cells = {k: [] for k in EVIDENCE_COLUMNS}
        for ref in refs:
            row = evidence.row(ref)
            for k in EVIDENCE_COLUMNS:
                if row.get(k):
                    cells[k].append(row[k])
        out.append(Unverified(d.id, d.date, d.source or "", " | ".join(cells["evidence"]),
                              "+".join(cells["n_sources"]), " | ".join(cells["conflicts"])))
    return out


def conflicts(sources: Path) -> list[Conflict]:
    """Every row of the conflict tables, with the decision recorded for it (if any)."""
    decided: dict[str, dict[str, str]] = {}
    if (sources / "decisions.tsv").is_file():
        for r in _rows(sources / "decisions.tsv"):
            if r["field"] in ("date", "document"):
                decided[r["symbol"]] = r
    out = []
    for name, sym_col, table_col in (("conflicts-with-existing.tsv", "number", "existing_table"),
                                     ("party-conflicts-with-existing.tsv", "symbol", None)):
        if not (sources / name).is_file():
            continue
        for r in _rows(sources / name):
            sym = r[sym_col]
            dec = decided.get(sym, {})
            out.append(Conflict(sym, r.get(table_col, "party-documents.tsv") if table_col
                                else "party-documents.tsv", r.get("existing_dates", ""),
                                f"{r.get('our_date', '')} ({r.get('our_n_sources', '')})",
                                dec.get("decision", ""), dec.get("value", ""),
                                dec.get("reason", "")))
    return out
