"""The embedded default catalog, built from ``data/sources/`` as ``recipe.yaml`` says.

Why a recipe: which tables are read, with which column maps, in which order, the National
Assembly terms and the scopes are facts about the data, not code; they live in
``data/sources/recipe.yaml`` next to the tables, and ``decisions.tsv`` beside them records how
each conflicting value was settled. Everything goes through the importer, so every fix and
drop lands in one :class:`ImportReport` that the build writes out.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional, Union

from refcheck.catalog.emit import catalog_yaml
from refcheck.catalog.importer import (Record, finalize, merge_records, parse_date,
                                       read_records, read_rows)
from refcheck.catalog.index import LAW_TYPES
from refcheck.catalog.report import ImportReport
from refcheck.model import Document
from refcheck.notation.symbols import parse_symbol
from refcheck.text.roman import from_roman

PathLike = Union[str, Path]
ROLES = ("party", "state", "laws")
DECISIONS = ("correct", "keep", "disputed", "add")
DECISION_FIELDS = ("date", "effective", "issuer", "document")


@dataclass
class TableSpec:
    file: str
    role: str
    columns: dict[str, str]

    @property
    def system(self) -> str:
        return "party" if self.role == "party" else "state"


@dataclass
class Recipe:
    name: str
    description: str
    header: str
    tables: list[TableSpec]
    decisions: Optional[str] = None
    report: Optional[str] = None
    assembly_terms: list[tuple[str, int, Optional[int]]] = field(default_factory=list)
    derive_assembly_terms_from: Optional[str] = None
    scopes: list[dict] = field(default_factory=list)

    def columns(self, file: str) -> dict[str, str]:
        """Column map of one table (tests and ``catalog import`` reuse them)."""
        for t in self.tables:
            if t.file == file:
                return dict(t.columns)
        raise KeyError(file)


def _iso(v) -> Optional[str]:
    return None if v is None else str(v)


def load_recipe(path: PathLike) -> Recipe:
    """Read and check ``recipe.yaml``; a ValueError names what is wrong."""
    import yaml

    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("tables"), list):
        raise ValueError(f"{path}: a recipe needs a 'tables' list")
    tables = []
    for t in data["tables"]:
        if t.get("role") not in ROLES or not t.get("file") or not isinstance(t.get("columns"), dict):
            raise ValueError(f"{path}: bad table {t!r} (file, role in {ROLES}, columns)")
        tables.append(TableSpec(t["file"], t["role"], dict(t["columns"])))
    terms = [(str(t["khoa"]), int(t["start"]), t.get("end") and int(t["end"]))
             for t in data.get("assembly_terms") or []]
    scopes = []
    for sc in data.get("scopes") or []:
        sc = dict(sc)
        for k in ("from", "to"):
            if k in sc:
                sc[k] = _iso(sc[k])
        scopes.append(sc)
    return Recipe(name=data.get("name", "default"), description=data.get("description", ""),
                  header=data.get("header", ""), tables=tables, decisions=data.get("decisions"),
                  report=data.get("report"), assembly_terms=terms,
                  derive_assembly_terms_from=data.get("derive_assembly_terms_from"),
                  scopes=scopes)


# ---------------------------------------------------------------------------------------------
# decisions.tsv
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Decision:
    line: int
    symbol: str
    type: str
    field: str
    stored: str
    other: str
    decision: str
    value: str
    verified: str
    title: str
    reason: str
    evidence: str


def read_decisions(path: PathLike) -> list[Decision]:
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        for i, row in enumerate(reader, start=2):
            d = Decision(i, *(row.get(k) or "" for k in (
                "symbol", "type", "field", "stored", "other", "decision", "value", "verified",
                "title", "reason", "evidence")))
            if d.decision not in DECISIONS or d.field not in DECISION_FIELDS:
                raise ValueError(f"{path}:{i}: decision {d.decision!r} on field {d.field!r} "
                                 f"(known: {', '.join(DECISIONS)} on {', '.join(DECISION_FIELDS)})")
            out.append(d)
    return out


def _same_type(a: Optional[str], b: Optional[str]) -> bool:
    return a is None or b is None or a == b or (a in LAW_TYPES and b in LAW_TYPES)


def apply_decisions(records: list[Record], decisions: list[Decision], report: ImportReport,
                    table: str) -> list[Record]:
    """Apply each decision to the records of its symbol and type; returns the added records."""
    by_symbol: dict[str, list[Record]] = {}
    for r in records:
        if r.doc.symbol:
            by_symbol.setdefault(r.doc.symbol, []).append(r)
    added: list[Record] = []
    for dec in decisions:
        sp = parse_symbol(dec.symbol)
        sym = sp.symbol if sp else dec.symbol
        hits = [r for r in by_symbol.get(sym, []) if _same_type(dec.type or None, r.doc.type)]
        if dec.decision == "add":
            hits = hits[:1]
        if not hits:
            report.note(table, dec.line, f"decision on {dec.symbol} ({dec.type}) matches no entry")
            continue
        src = f"{table}:{dec.line}"
        why = f"{src}: {dec.decision}"
        for r in hits:
            d = r.doc
            if dec.decision == "add":
                new = replace(d, id="", date=dec.value or None, title=dec.title or None,
                              effective=None, source=src, verified=dec.verified != "no",
                              aliases=(), replaces=(), replaced_by=(), amends=())
                added.append(Record(new, table, dec.line, sources=[src]))
                report.note(r.table, r.line, f"{d.symbol}: a second document of that symbol "
                            f"({dec.value}) added from {src}")
                continue
            if dec.decision == "correct":
                old = getattr(d, dec.field)
                new_value = dec.value or None
                if old != new_value:
                    report.fix(r.table, r.line, dec.field, old, new_value, why)
                    setattr(d, dec.field, new_value)
            elif dec.decision == "keep":
                report.note(r.table, r.line, f"{dec.field} {getattr(d, dec.field)} kept against "
                            f"{dec.other} ({src})")
            elif dec.decision == "disputed":
                report.note(r.table, r.line, f"{dec.field} {getattr(d, dec.field)} disputed by "
                            f"{dec.other} ({src}): entry unverified")
                d.verified = False
            if dec.decision != "disputed" and dec.verified in ("yes", "no"):
                d.verified = dec.verified == "yes"
            if src not in r.sources:
                r.sources.append(src)
                d.source = "; ".join(r.sources)
    return added


# ---------------------------------------------------------------------------------------------
# The build
# ---------------------------------------------------------------------------------------------
def _assembly_terms(recipe: Recipe, sources: Path, report: ImportReport):
    """The recipe's terms, preceded by older ones derived from the laws table when they
    chain (one term's last adoption year is the next one's first)."""
    listed = list(recipe.assembly_terms)
    if not recipe.derive_assembly_terms_from or not listed:
        return listed
    name = recipe.derive_assembly_terms_from
    cols = recipe.columns(name)
    years: dict[str, list[int]] = {}
    for _line, row in read_rows(sources / name):  # every row, with or without symbol
        adopted = parse_date(row.get(cols.get("date", ""), ""))[0]
        k = row.get(cols.get("khoa", ""), "").strip().upper()
        if k and adopted:
            years.setdefault(k, []).append(int(adopted[:4]))
    known = {k for k, _, _ in listed}
    derived = sorted(((k, min(v), max(v)) for k, v in years.items() if k not in known),
                     key=lambda t: from_roman(t[0]) or 0)
    chain = derived + [listed[0]]
    if all(from_roman(b[0]) == (from_roman(a[0]) or 0) + 1 and a[2] == b[1]
           for a, b in zip(chain, chain[1:])):
        return derived + listed
    report.note(name, 0, "older assembly terms do not chain; left out")  # pragma: no cover
    return listed  # pragma: no cover


def build_default_catalog(sources: PathLike, recipe_path: Optional[PathLike] = None
                          ) -> tuple[str, ImportReport, list[Document]]:
    """Text of the embedded ``catalog.yaml``, the import report and the documents."""
    sources = Path(sources)
    recipe = load_recipe(recipe_path or sources / "recipe.yaml")
    report = ImportReport()
    read = {role: [] for role in ROLES}
    for t in recipe.tables:
        read[t.role] += read_records(sources / t.file, t.columns, report, system=t.system)
    party = read["party"]
    congresses = sorted((r.doc for r in party if r.doc.congress and r.doc.date),
                        key=lambda d: d.date)
    party_terms = [(d.congress, d.date, congresses[i + 1].date if i + 1 < len(congresses)
                    else None) for i, d in enumerate(congresses)]
    assembly = _assembly_terms(recipe, sources, report)
    merged = party + merge_records(read["state"], read["laws"], report)
    if recipe.decisions:
        decisions = read_decisions(sources / recipe.decisions)
        report.rows[recipe.decisions] = len(decisions)
        merged += apply_decisions(merged, decisions, report, recipe.decisions)
    docs = finalize(merged, report, party_terms={k: (s, e) for k, s, e in party_terms})
    central_codes = sorted({d.type_code for d in docs
                            if d.system == "party" and d.issuer_code == "TW" and d.type_code})
    scopes = [dict(sc, type_codes=central_codes) if sc.get("type_codes") == "from-data" else sc
              for sc in recipe.scopes]
    text = catalog_yaml(docs, name=recipe.name, description=recipe.description,
                        party_terms=party_terms, assembly_terms=assembly, scopes=scopes,
                        header=recipe.header)
    return text, report, docs
