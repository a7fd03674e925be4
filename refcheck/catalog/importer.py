"""Turn rows of a TSV/CSV table into catalog ``Document``s, cleaning the known noise.

Every change is recorded in an :class:`ImportReport` (row, field, before -> after) and every
dropped row with its reason, so nothing is fixed or lost silently.  Nothing is invented: a value
the table lacks stays empty.

Two levels:

* :func:`import_table` - one file + a column map -> ``(documents, report)`` (ids assigned,
  relations resolved inside the table).  ``refcheck catalog import`` uses it.
* :func:`read_records` / :func:`merge_records` / :func:`finalize` - the same steps, separately,
  so ``tools/build_catalog.py`` can merge several tables (laws.tsv over state-documents.tsv)
  before ids are assigned.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from refcheck.catalog.index import LAW_TYPES
from refcheck.text.dates import to_iso_text
from refcheck.notation.symbols import parse_symbol
from refcheck.text.roman import from_roman, to_roman
from refcheck.model import Document
from refcheck.catalog.messages import Msg, date_msg, render
from refcheck.catalog.report import DropEntry, FixEntry, ImportReport, NoteEntry  # noqa: F401
from refcheck.catalog.emit import catalog_yaml, document_yaml  # noqa: F401
from refcheck.catalog.relations import derive_aliases, parse_relation_text  # noqa: F401


class ImportProblem(ValueError):
    """A table that cannot be imported: ``str()`` English, :meth:`say` in ``lang``."""

    def __init__(self, key: str, **fields) -> None:
        super().__init__(render(key, "en", fields))
        self.key, self.fields = key, fields

    def say(self, lang: str = "vi") -> str:
        return render(self.key, lang, self.fields)

#: Column-map keys understood by the importer (catalog field -> column name).
MAP_KEYS = ("symbol", "type", "issuer", "date", "effective", "title", "khoa", "plenum",
            "relations", "replaced_by", "verified", "system")

# ---------------------------------------------------------------------------------------------
# Records: a Document being built, with where it came from and pending relation texts
# ---------------------------------------------------------------------------------------------
@dataclass
class Record:
    doc: Document
    table: str
    line: int
    pending: list[tuple[str, str, Optional[str], Optional[int]]] = field(default_factory=list)
    # (kind, target symbol, date, year)  kind: replaces | replaced_by | amends | amended_by
    sources: list[str] = field(default_factory=list)


def read_rows(path: Union[str, Path]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) pairs of a .tsv (tab, no quoting) or .csv (comma, quoted) file."""
    path = Path(path)
    with open(path, encoding="utf-8-sig", newline="") as fh:
        if path.suffix.lower() == ".tsv":
            reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        else:
            reader = csv.DictReader(fh)
        start = reader.line_num + 1
        for row in reader:
            yield start if start > 1 else 2, {k: (v or "") for k, v in row.items() if k}
            start = reader.line_num + 1


_STRAY = "'\"`.,; \t"
_WS = re.compile(r"\s+")


def _clean_text(s: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFC", s)).strip()


def parse_date(value: str) -> tuple[Optional[str], Optional[Msg]]:
    """``(iso, problem)`` for a date as text/dates reads it (ISO, ``D/M/YYYY``, ``ngày d
    tháng m năm y``); ``(None, None)`` if empty. The problem is a message (English in
    ``str()``, as the build record keeps it; the import line says it in the run's language)."""
    v = value.strip()
    if not v:
        return None, None
    v = to_iso_text(v)
    prob = date_msg(v)
    return (None, prob) if prob else (v, None)


_TRUNCATED = re.compile(r"^(\d+|\d+/\d{4}|.*[-/])$")
_PLENUM = re.compile(r"Hội nghị Trung ương\s+(?:lần thứ\s+)?(\d+)", re.I)
_CONGRESS = re.compile(r"^Nghị quyết Đại hội\s+([IVXLC]+)$")


def repair_symbol(raw: str, title: str) -> Optional[tuple[str, str]]:
    """Rows whose symbol was cut at a separator, the rest starting the title
    (``01`` + ``/2017/QĐ-TTg Ban hành…``, ``01/2012/QĐ-`` + ``TTg Về…``, ``TT`` +
    ``07/2023/TT-BNNPTNT Bãi bỏ…``): ``(symbol, title)`` repaired, else ``None``."""
    if not title:
        return None
    tokens = title.split(" ")
    if re.fullmatch(r"[A-Za-zĐđ]+", raw):  # only a code survived; the symbol opens the title
        sp = parse_symbol(tokens[0])
        if sp is not None and sp.year is not None:
            return tokens[0], " ".join(tokens[1:]).strip()
        return None
    if not _TRUNCATED.match(raw) and parse_symbol(raw) is not None:
        return None
    if not (raw.endswith(("-", "/")) or tokens[0].startswith(("/", "-"))):
        return None
    cand, k = raw + tokens[0], 1
    while cand.endswith("-") and k < len(tokens):
        cand += tokens[k]
        k += 1
    sp = parse_symbol(cand)
    if sp is None or (sp.year is None and "/" not in cand[len(raw):]):
        return None
    return cand, " ".join(tokens[k:]).strip()


def _cell(row: dict, cmap: dict, key: str) -> str:
    col = cmap.get(key)
    return _clean_text(row.get(col, "")) if col else ""


def read_records(path: Union[str, Path], cmap: dict[str, str], report: ImportReport, *,
                 table: Optional[str] = None, system: Optional[str] = None) -> list[Record]:
    """Rows of one table -> cleaned records (ids not assigned yet)."""
    path = Path(path)
    table = table or path.name
    unknown = [k for k in cmap if k not in MAP_KEYS]
    if unknown:
        raise ImportProblem("imp_unknown_keys", keys=", ".join(unknown), known=", ".join(MAP_KEYS))
    if "symbol" not in cmap:
        raise ImportProblem("imp_needs_symbol")
    out: list[Record] = []
    n = 0
    rows = list(read_rows(path))
    if rows:
        missing = [c for c in cmap.values() if c not in rows[0][1]]
        if missing:
            raise ImportProblem("imp_no_columns", table=table, missing=", ".join(missing),
                                columns=", ".join(rows[0][1]))
    for line, row in rows:
        n += 1
        rec = _row_to_record(row, cmap, report, table, line, system)
        if rec is not None:
            out.append(rec)
    report.rows[table] = report.rows.get(table, 0) + n
    return out


def _vocab():
    from refcheck.notation.vocab import load_vocab

    return load_vocab()


def _is_type_code(code: str) -> bool:
    return _vocab().is_type_code(code)


def _row_to_record(row, cmap, report: ImportReport, table, line, system) -> Optional[Record]:
    raw = row.get(cmap["symbol"], "") or ""
    title = _cell(row, cmap, "title") or None
    issuer = _cell(row, cmap, "issuer") or None
    type_word = _cell(row, cmap, "type") or None
    sys_cell = _cell(row, cmap, "system")
    if sys_cell in ("party", "state"):
        system = sys_cell

    # --- date -----------------------------------------------------------------------------
    date_raw = _cell(row, cmap, "date")
    date, prob = parse_date(date_raw)
    if prob:
        report.fix(table, line, "date", date_raw, None, prob)
    eff_raw = _cell(row, cmap, "effective")
    effective, prob = parse_date(eff_raw)
    if prob:
        report.fix(table, line, "effective", eff_raw, None, prob)
    verified = True
    vraw = _cell(row, cmap, "verified").lower()
    if vraw in ("no", "false", "0", "n"):
        verified = False
    elif vraw not in ("", "yes", "true", "1", "y"):
        report.note(table, line, Msg("imp_verified_yes", {"value": vraw}))
    khoa = _cell(row, cmap, "khoa").upper() or None
    if khoa and from_roman(khoa) is None:
        report.fix(table, line, "khoa", khoa, None, Msg("imp_not_roman"))
        khoa = None
    if issuer:
        cleaned = issuer.rstrip(" .,;")
        if cleaned != issuer:
            report.fix(table, line, "issuer", issuer, cleaned, Msg("imp_stray_punct"))
            issuer = cleaned or None
    src = f"{table}:{line}"

    # --- congress resolutions: no number, "Nghị quyết Đại hội XIII" -------------------------
    s = _clean_text(raw)
    m = _CONGRESS.match(s)
    if m:
        roman = m.group(1)
        aliases = [s]
        if issuer and issuer.startswith("Đại hội"):
            aliases.append(f"Nghị quyết {issuer}")
        doc = Document(id=f"Đại hội {roman}", symbol=None, type="Nghị quyết", number=None,
                       year=None, type_code=None, issuer_code=None, issuer=issuer, date=date,
                       system="party", effective=effective, title=title, khoa=khoa or roman,
                       congress=roman, aliases=tuple(aliases), source=src, verified=verified)
        if type_word and type_word != "Nghị quyết":
            report.note(table, line, Msg("imp_congress", {"type": type_word, "roman": roman}))
        return Record(doc, table, line, sources=[src])

    # --- the constitution: no number, "Hiến pháp 2013" (vocab checks.constitution) ---------
    if not s and type_word and date and type_word in _vocab().constitution_words():
        doc = Document(id=f"{type_word} {date[:4]}", symbol=None, type=type_word, number=None,
                       year=int(date[:4]), type_code=None, issuer_code=None, issuer=issuer,
                       date=date, system="state", effective=effective, title=title, khoa=khoa,
                       source=src, verified=verified)
        return Record(doc, table, line, sources=[src])

    # --- symbol ---------------------------------------------------------------------------
    if not s:
        report.drop(table, line, Msg("imp_no_symbol"), title or "")
        return None
    stripped = s.strip(_STRAY)
    if stripped != s:
        report.fix(table, line, "symbol", s, stripped, Msg("imp_stray_chars"))
        s = stripped
    rep = repair_symbol(s, title or "")
    if rep is not None:
        report.fix(table, line, "symbol", s, rep[0], Msg("imp_symbol_cut"))
        report.fix(table, line, "title", title, rep[1] or None, Msg("imp_fragment_removed"))
        s, title = rep[0], rep[1] or None
    sp = parse_symbol(s)
    if sp is None:
        report.drop(table, line, Msg("imp_unparseable"), s)
        return None
    if sp.symbol != s:
        report.fix(table, line, "symbol", s, sp.symbol, Msg("imp_canonical"))
    if "issuer" in cmap and date is None and issuer is None:
        report.drop(table, line, Msg("imp_no_date_issuer"), sp.symbol)
        return None
    if sp.year is not None and sp.type_code and not _is_type_code(sp.type_code):
        # 181/1999/BNN-XDCB: no type code, an issuer code in its place (the citation grammar
        # reads it so too); kept out rather than given a type it does not have
        report.drop(table, line, Msg("imp_no_type_code", {"code": sp.type_code}), sp.symbol)
        return None
    if (sp.year is None and sp.system == "state" and date and sp.number == int(date[:4])
            and sp.type_code):
        # "2013/NĐ-CP" dated 2013: the number was cut off and the year read as the number
        report.drop(table, line, Msg("imp_number_is_year"), sp.symbol)
        return None
    if sp.suffix:
        report.note(table, line, Msg("imp_suffix", {"number": sp.symbol.split("/")[0]}))
    sysv = system or sp.system
    year = sp.year if sysv == "state" else None
    if sysv == "state" and khoa is None and sp.issuer_code:
        qm = re.fullmatch(r"(?:QH|UBTVQH)(\d+)", sp.issuer_code)
        if qm:
            khoa = to_roman(int(qm.group(1)))
    plenum = None
    pl_raw = _cell(row, cmap, "plenum")
    if pl_raw:
        pm = _PLENUM.search(pl_raw) or re.fullmatch(r"(\d+)", pl_raw)
        if pm:
            plenum = int(pm.group(1))
        else:
            report.fix(table, line, "plenum", pl_raw, None, Msg("imp_no_plenum"))
    doc = Document(id="", symbol=sp.symbol, type=type_word, number=sp.number, year=year,
                   type_code=sp.type_code, issuer_code=sp.issuer_code, issuer=issuer,
                   date=date, system=sysv, effective=effective, title=title, khoa=khoa,
                   plenum=plenum, source=src, verified=verified)
    rec = Record(doc, table, line, sources=[src])
    rel = _cell(row, cmap, "relations")
    if rel:
        rec.pending += parse_relation_text(rel)
    rb = _cell(row, cmap, "replaced_by")
    if rb:
        for part in re.split(r"\s*[;,]\s*", rb):
            if part:
                rec.pending.append(("replaced_by", part, None, None))
    return rec


# ---------------------------------------------------------------------------------------------
# Merging tables and finishing: duplicates, ids, contradictions, relations, aliases
# ---------------------------------------------------------------------------------------------
_LAW_FIELDS = ("type", "title", "date", "effective", "khoa")


def merge_records(base: list[Record], over: list[Record], report: ImportReport) -> list[Record]:
    """Merge ``over`` (laws.tsv) into ``base`` (state tables) by canonical symbol: a symbol
    present once on each side becomes one record whose law fields come from ``over`` where
    it has them; everything else is appended."""
    by_sym: dict[str, list[Record]] = {}
    for r in base:
        by_sym.setdefault(r.doc.symbol or "", []).append(r)
    over_count: dict[str, int] = {}
    for r in over:
        over_count[r.doc.symbol or ""] = over_count.get(r.doc.symbol or "", 0) + 1
    out = list(base)
    for r in over:
        sym = r.doc.symbol or ""
        # a law merges with the law of that symbol, not with a resolution sharing it
        targets = [t for t in by_sym.get(sym, []) if _kind(t.doc) == _kind(r.doc)]
        if len(targets) != 1 or over_count[sym] != 1:
            out.append(r)
            continue
        t = targets[0]
        if not (t.doc.type is None or r.doc.type is None or t.doc.type == r.doc.type
                or (t.doc.type in LAW_TYPES and r.doc.type in LAW_TYPES)):
            report.note(r.table, r.line, Msg("imp_not_merged", {
                "symbol": sym, "here": r.doc.type, "there": t.doc.type,
                "where": f"{t.table}:{t.line}"}))
            out.append(r)
            continue
        for f in _LAW_FIELDS:
            new, old = getattr(r.doc, f), getattr(t.doc, f)
            if new is not None and new != old:
                if old is not None:
                    report.fix(t.table, t.line, f, old, new, Msg("imp_wins", {"where": f"{r.table}:{r.line}"}))
                setattr(t.doc, f, new)
        if not t.doc.verified or not r.doc.verified:
            # verified when either source verifies it with the same date
            t.doc.verified = bool(r.doc.verified or (t.doc.verified and t.doc.date == r.doc.date))
        t.pending += r.pending
        t.sources = [f"{r.table}:{r.line}"] + t.sources
        t.doc.source = "; ".join(t.sources)
    return out


def finalize(records: list[Record], report: ImportReport, *,
             party_terms: Optional[dict[str, tuple[str, Optional[str]]]] = None
             ) -> list[Document]:
    """Drop duplicates, fix contradictions, assign ids, resolve relations, derive aliases;
    return the documents in catalog order."""
    # 1. year in a State symbol must equal the year of the date
    for r in records:
        d = r.doc
        if d.system == "state" and d.year is not None and d.date and int(d.date[:4]) != d.year:
            report.fix(r.table, r.line, "date", d.date, None,
                       Msg("imp_year", {"year": d.year, "symbol": d.symbol}))
            d.date = None
            d.verified = False
    # 2. Party date must fall in the khóa given
    if party_terms:
        for r in records:
            d = r.doc
            if d.system == "party" and d.khoa and d.date and d.khoa in party_terms:
                start, end = party_terms[d.khoa]
                if d.date < start or (end and d.date >= end):
                    report.fix(r.table, r.line, "khoa", d.khoa, None,
                               Msg("imp_outside_khoa", {"date": d.date, "khoa": d.khoa}))
                    d.khoa = None
    # 3. duplicates: same symbol and same date -> one entry (first row kept). Without a type
    # code the type word is part of the key: 93/2015/QH13 may be a law or a resolution.
    groups: dict[tuple, list[Record]] = {}
    for r in records:
        key = (r.doc.system, r.doc.symbol or r.doc.id, _kind(r.doc))
        groups.setdefault(key, []).append(r)
    kept: list[Record] = []
    for key, rs in groups.items():
        seen: dict[tuple, Record] = {}
        dated = [r for r in rs if r.doc.date]
        for r in rs:
            k2 = (r.doc.date or "", r.doc.khoa or "") if r.doc.system == "party" \
                else (r.doc.date or "",)
            if r.doc.system == "state" and not r.doc.date and dated:
                report.drop(r.table, r.line, Msg("imp_duplicate_undated", {
                    "where": f"{dated[0].table}:{dated[0].line}"}), r.doc.symbol or r.doc.id)
                continue
            if k2 in seen:
                first = seen[k2]
                report.drop(r.table, r.line, Msg("imp_duplicate", {
                    "where": f"{first.table}:{first.line}"}), r.doc.symbol or r.doc.id)
                continue
            seen[k2] = r
            kept.append(r)
    # 4. ids
    sym_count: dict[tuple, int] = {}
    for r in kept:
        for k in ((r.doc.system, r.doc.symbol), (r.doc.system, r.doc.symbol, r.doc.date)):
            sym_count[k] = sym_count.get(k, 0) + 1
    for r in kept:
        d = r.doc
        if d.congress and not d.symbol:
            d.id = f"Đại hội {d.congress}"
        elif not d.symbol and d.id:
            pass  # the constitution keeps the id it was read with ("Hiến pháp 2013")
        elif d.system == "party":
            d.id = f"{d.symbol}@{d.date or d.khoa or 'undated'}"
        else:
            d.id = d.symbol if sym_count[(d.system, d.symbol)] == 1 else f"{d.symbol}@{d.date}"
            if sym_count[(d.system, d.symbol, d.date)] > 1:  # a law and a resolution, same day
                d.id += f"@{d.type}"
    by_id: dict[str, Record] = {}
    final: list[Record] = []
    for r in kept:
        if r.doc.id in by_id:
            f = by_id[r.doc.id]
            report.drop(r.table, r.line, Msg("imp_duplicate_id", {
                "id": r.doc.id, "where": f"{f.table}:{f.line}"}), r.doc.id)
            continue
        by_id[r.doc.id] = r
        final.append(r)
    # 5. relations, only when the target resolves to exactly one entry
    by_symbol: dict[str, list[Document]] = {}
    for r in final:
        if r.doc.symbol:
            by_symbol.setdefault(r.doc.symbol, []).append(r.doc)
    rel: dict[str, dict[str, set]] = {r.doc.id: {"replaces": set(), "replaced_by": set(),
                                                 "amends": set()} for r in final}
    for r in final:
        for kind, target, date, year in r.pending:
            sp = parse_symbol(target)
            cands = by_symbol.get(sp.symbol, []) if sp else []
            cands = [c for c in cands if c.id != r.doc.id]
            if r.doc.date and kind in ("replaced_by", "amended_by"):  # the newer one is later
                cands = [c for c in cands if not c.date or c.date > r.doc.date]
            elif r.doc.date and kind in ("replaces", "amends"):
                cands = [c for c in cands if not c.date or c.date < r.doc.date]
            if date:
                cands = [c for c in cands if c.date == date]
            elif year:
                dated = [c for c in cands if c.date and int(c.date[:4]) == year]
                cands = dated or [c for c in cands if not c.date]
            if len(cands) != 1:
                report.note(r.table, r.line, Msg("imp_relation", {
                    "kind": kind, "target": target, "n": len(cands),
                    "when": " " + (date or str(year)) if (date or year) else ""}))
                continue
            t = cands[0].id
            me = r.doc.id
            if kind == "replaced_by":
                rel[me]["replaced_by"].add(t)
                rel[t]["replaces"].add(me)
            elif kind == "replaces":
                rel[me]["replaces"].add(t)
                rel[t]["replaced_by"].add(me)
            elif kind == "amends":
                rel[me]["amends"].add(t)
            elif kind == "amended_by":
                rel[t]["amends"].add(me)
    for r in final:
        d = r.doc
        rr = rel[d.id]
        d.replaces = tuple(sorted(rr["replaces"]))
        d.replaced_by = tuple(sorted(rr["replaced_by"]))
        d.amends = tuple(sorted(rr["amends"]))
        d.aliases = tuple(derive_aliases(d))
    docs = [r.doc for r in final]
    return sort_documents(docs)


def _kind(d: Document) -> Optional[str]:
    """The type as part of a State key when the symbol carries no type code (laws and
    National Assembly resolutions share NN/YYYY/QHnn); laws and codes are one kind."""
    if d.system != "state" or d.type_code or not d.symbol:
        return None
    return "law" if d.type is None or d.type in LAW_TYPES else d.type


def sort_documents(docs: Iterable[Document]) -> list[Document]:
    """Party by date then symbol, then State by symbol (then date)."""
    party = [d for d in docs if d.system == "party"]
    state = [d for d in docs if d.system != "party"]
    party.sort(key=lambda d: (d.date or "9999", d.symbol or d.id, d.id))
    state.sort(key=lambda d: (d.symbol or d.id, d.date or "", d.id))
    return party + state


def import_table(path: Union[str, Path], cmap: dict[str, str], *,
                 system: Optional[str] = None,
                 party_terms: Optional[dict] = None) -> tuple[list[Document], ImportReport]:
    """One table -> ``(documents, report)``."""
    report = ImportReport()
    recs = read_records(path, cmap, report, system=system)
    return finalize(recs, report, party_terms=party_terms), report


def parse_column_map(spec: str) -> dict[str, str]:
    """``symbol=number,type=type`` -> ``{"symbol": "number", "type": "type"}``."""
    out = {}
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        if "=" not in part:
            raise ImportProblem("imp_bad_item", item=part)
        k, v = part.split("=", 1)
        out[k.strip()] = v.strip()
    return out
