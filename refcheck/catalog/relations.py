"""What the importer derives from a row beyond its cells: relations read from the Party
table's free text ("replaced by 55-NQ/TW (11/02/2020) [knowledge]; ...") and aliases.

Only clauses that start with a clear verb and name a symbol are read; a clause the table marks
"not source-confirmed" is left out, so no relation is guessed.
"""
from __future__ import annotations

import re
from typing import Optional

from refcheck.catalog.index import LAW_TYPES, strip_law_word
from refcheck.model import Document
from refcheck.text.normalize import norm_text

_VERBS = (("replaced by", "replaced_by"), ("superseded by", "replaced_by"),
          ("replaces", "replaces"), ("amends", "amends"), ("amended by", "amended_by"))
_TARGET = re.compile(
    r"(?:(?:Nghị quyết|Chỉ thị|Quy định|Quyết định|Kết luận|Hướng dẫn)\s+)?"
    r"(\d{1,4}-[A-Za-zĐđ]+/[A-Za-zĐ]+)"
    r"(?:\s*\(([^)]*)\)|\s+(\d{1,2}/\d{1,2}/\d{4}))?")
_SEP = re.compile(r"\s*(?:,|and|và)\s*")


def parse_relation_text(text: str) -> list[tuple[str, str, Optional[str], Optional[int]]]:
    """Only clauses that *start* with a clear verb and name a symbol; clauses marked
    "not source-confirmed" are left out."""
    from refcheck.catalog.importer import parse_date  # the importer imports this module

    out = []
    for clause in re.split(r";|\.\s", text):
        clause = clause.strip()
        if "not source-confirmed" in clause or "not confirmed" in clause:
            continue
        for verb, kind in _VERBS:
            if clause.lower().startswith(verb + " "):
                pos = len(verb) + 1
                while True:
                    m = _TARGET.match(clause, pos)
                    if not m:
                        break
                    sym, paren, bare = m.groups()
                    date = year = None
                    when = (paren or bare or "").strip()
                    dm = re.match(r"(\d{1,2}/\d{1,2}/\d{4})", when)
                    if dm:
                        date = parse_date(dm.group(1))[0]
                    else:
                        ym = re.match(r"(\d{4})\b", when)
                        if ym:
                            year = int(ym.group(1))
                    out.append((kind, sym, date, year))
                    sm = _SEP.match(clause, m.end())
                    if not sm or sm.end() == m.end():
                        break
                    pos = sm.end()
                break
    return out


def derive_aliases(d: Document) -> list[str]:
    """Other names, from data fields only."""
    out = list(d.aliases)
    if d.system == "party" and d.plenum is not None and d.khoa and d.type == "Nghị quyết":
        out.append(f"Nghị quyết Trung ương {d.plenum} khóa {d.khoa}")
        out.append(f"Nghị quyết Hội nghị Trung ương {d.plenum} khóa {d.khoa}")
    if d.system == "state" and d.type in LAW_TYPES and d.title:
        year = d.year or (int(d.date[:4]) if d.date else None)
        title = strip_law_word(d.title)
        if year and title and not title[0].isdigit():
            out.append(f"{d.type} {title[0].upper()}{title[1:]} {year}")
    seen, uniq = set(), []
    for a in out:
        k = norm_text(a)
        if k not in seen:
            seen.add(k)
            uniq.append(a)
    return uniq
