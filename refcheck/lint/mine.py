"""``refcheck catalog mine``: candidate catalog entries attested by a newsroom's own archive.

Why: what the shared tables lack (local decisions, administrative letters, old directives), a
newsroom has cited itself, with dates. Every citation that carries a symbol and a valid date
is a vote; votes are counted per document (symbol, and the year or khóa its number restarts
in) across independent articles (the same text published twice counts once). The majority
date of a document the catalog lacks becomes a candidate entry (``source: attested``,
``verified: false``, a comment with the count, the article ids and every date seen), to stack
with ``--catalog`` or review. A catalog entry always wins over the majority: news misprints
(102-QĐ/TW printed "15/12/2017" twenty times is of 15/11/2017), so documents the catalog
holds are only compared, never re-dated.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

from refcheck.model import Document

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


@dataclass
class Votes:
    """Everything the archive says about one document."""

    system: str
    symbol: str
    period: str  # "" (year in the symbol), a year or a khóa
    dates: dict[str, set[str]] = field(default_factory=dict)  # date -> article ids
    types: Counter = field(default_factory=Counter)
    issuers: Counter = field(default_factory=Counter)

    def ranked(self) -> list[tuple[str, int]]:
        return sorted(((d, len(a)) for d, a in self.dates.items()), key=lambda t: (-t[1], t[0]))

    @property
    def majority(self) -> Optional[str]:
        """The date more articles give than any other (``None`` on a tie)."""
        r = self.ranked()
        if not r or (len(r) > 1 and r[0][1] == r[1][1]):
            return None
        return r[0][0]

    @property
    def articles(self) -> set[str]:
        return set().union(*self.dates.values()) if self.dates else set()


@dataclass
class MineResult:
    articles: int = 0
    duplicates: int = 0
    citations: int = 0  # with a symbol and a valid date
    rejected: int = 0  # date contradicting the year in the symbol
    votes: dict[tuple, Votes] = field(default_factory=dict)
    candidates: list[tuple[Document, Votes]] = field(default_factory=list)
    known: list[tuple[Votes, list[Document]]] = field(default_factory=list)


def iter_texts(paths: Iterable[str], jsonl: Iterable[str], text_field: str = "text",
               id_field: str = "id", errors: Optional[list[str]] = None, lang: str = "vi"
               ) -> Iterator[tuple[str, str]]:
    """``(article id, text)`` from files and folders (id = path) and JSON-lines archives."""
    from refcheck.io.read import ReadError, read_path
    from refcheck.io.reasons import localise
    from refcheck.lint.catalog_text import t
    from refcheck.lint.jsonl import iter_chunks

    errors = errors if errors is not None else []
    for p in paths:
        files = [p]
        if os.path.isdir(p):
            files = sorted(str(f) for f in Path(p).rglob("*")
                           if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES)
        for f in files:
            try:
                yield f, read_path(f).text
            except (ReadError, OSError) as exc:
                errors.append(f"{f}: {localise(exc, lang)}")
    for j in jsonl:
        for _path, chunk in iter_chunks(j, errors, lang=lang):
            for lineno, raw in chunk:
                try:
                    obj = json.loads(raw)
                except ValueError:
                    errors.append(t("mine_not_json", lang, where=f"{j}:{lineno}"))
                    continue
                text = obj.get(text_field) if isinstance(obj, dict) else None
                if isinstance(text, str):
                    yield str(obj.get(id_field) or f"{j}:{lineno}"), text


def _period(c, catalog) -> Optional[str]:
    if c.system == "party":
        return catalog.khoa_at(c.date) or c.date[:4]
    return "" if c.year else c.date[:4]


def mine(texts: Iterable[tuple[str, str]], catalog) -> MineResult:
    from refcheck.api import check_source
    from refcheck.text.normalize import norm_text

    out = MineResult()
    seen: set[bytes] = set()
    for art_id, text in texts:
        out.articles += 1
        digest = hashlib.sha1(norm_text(text).encode()).digest()
        if digest in seen:  # the same article published twice is one witness
            out.duplicates += 1
            continue
        seen.add(digest)
        result = check_source(text, path=art_id, catalog=catalog, suppressions=False)
        for a in result.articles:
            for c in a.citations:
                if c.kind != "symbol" or not c.symbol or not c.date or not c.system:
                    continue
                if c.system == "state" and c.year and int(c.date[:4]) != c.year:
                    out.rejected += 1  # 30/2020/NĐ-CP ngày 5/3/2019: a misprint, no vote
                    continue
                out.citations += 1
                key = (c.system, c.symbol, _period(c, catalog))
                v = out.votes.get(key)
                if v is None:
                    v = out.votes[key] = Votes(*key)
                v.dates.setdefault(c.date, set()).add(art_id)
                if c.type:
                    v.types[c.type] += 1
                if c.issuer:
                    v.issuers[c.issuer] += 1
    return out


def _in_period(d: Document, v: Votes, catalog) -> bool:
    if not v.period:
        return True
    if v.system == "party":
        return (d.khoa or (catalog.khoa_at(d.date) if d.date else None)) == v.period \
            or (d.date or "")[:4] == v.period
    return d.date is None or d.date[:4] == v.period


def settle(res: MineResult, catalog, min_count: int = 2) -> MineResult:
    """Split the votes into documents the catalog holds (compared) and candidates."""
    from refcheck.catalog.schema import _type_word_problem
    from refcheck.notation.symbols import parse_symbol

    for key in sorted(res.votes):
        v = res.votes[key]
        held = [d for d in catalog.by_symbol(v.symbol) if _in_period(d, v, catalog)]
        if held:
            res.known.append((v, held))
            continue
        date = v.majority
        if date is None or len(v.dates[date]) < min_count:
            continue
        sp = parse_symbol(v.symbol)
        if sp is None:
            continue
        type_word = v.types.most_common(1)[0][0] if v.types else None
        doc = Document(id=f"{v.symbol}@{date}" if v.period or v.system == "party" else v.symbol,
                       symbol=sp.symbol, type=type_word, number=sp.number,
                       year=sp.year if v.system == "state" else None, type_code=sp.type_code,
                       issuer_code=sp.issuer_code,
                       issuer=v.issuers.most_common(1)[0][0] if v.issuers else None,
                       date=date, system=v.system, source="attested", verified=False)
        if _type_word_problem(doc, sp):
            doc.type = None  # the text's type word contradicts its own code: keep neither
        res.candidates.append((doc, v))
    return res


def candidates_yaml(res: MineResult, description: str, lang: str = "en") -> str:
    """The candidates as a catalog; its comments in ``lang``."""
    from refcheck.catalog.emit import catalog_yaml, document_yaml
    from refcheck.lint.catalog_text import t

    head = catalog_yaml([], name="attested", description=description,
                        header=t("mine_header", lang))
    out = [head.replace("documents: []\n", "documents:\n") if res.candidates else head]
    for doc, v in res.candidates:
        arts = sorted(v.articles)
        seen = ", ".join(f"{d} x{n}" for d, n in v.ranked())
        out.append("# " + t("mine_entry", lang, n=len(v.dates[doc.date]), total=len(arts),
                            date=doc.date, seen=seen, articles=", ".join(arts[:12])
                            + (" ..." if len(arts) > 12 else "")) + "\n")
        out.append(document_yaml(doc))
    return "".join(out)


def disagreements(res: MineResult) -> list[tuple[str, str, str, str, str]]:
    """(kind, symbol, majority or '-', dates seen, catalog dates) for every document whose
    citations disagree among themselves or with the catalog."""
    rows = []
    for v, held in res.known:
        cat_dates = sorted({d.date for d in held if d.date})
        seen = ", ".join(f"{d} x{n}" for d, n in v.ranked())
        if v.majority not in cat_dates and cat_dates:
            kind = "catalog-verified" if any(d.verified for d in held) else "catalog-unverified"
            rows.append((kind, v.symbol, v.majority or "-", seen, ", ".join(cat_dates)))
        elif len(v.dates) > 1:
            rows.append(("articles", v.symbol, v.majority or "-", seen, ", ".join(cat_dates)))
    for doc, v in res.candidates:
        if len(v.dates) > 1:
            rows.append(("articles", v.symbol, doc.date or "-",
                         ", ".join(f"{d} x{n}" for d, n in v.ranked()), ""))
    return rows


def agreement(res: MineResult) -> tuple[int, int]:
    """(documents whose majority date matches a verified catalog entry, documents with a
    majority and a verified dated entry): how far the archive's dates can be trusted."""
    agree = total = 0
    for v, held in res.known:
        ver = {d.date for d in held if d.verified and d.date}
        if ver and v.majority:
            total += 1
            agree += v.majority in ver
    return agree, total
