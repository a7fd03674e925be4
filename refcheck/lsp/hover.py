"""Hover text: what a citation resolved to in the catalogs, in one language (vi or en).

The writer sees the catalog's own facts (symbol, type, issuer, date, title, khóa, whether the
entry was verified, what replaced it) next to what the text says, so a wrong date can be
corrected without leaving the editor.
"""
from __future__ import annotations

from typing import Optional

from refcheck.model import Citation, Document, Resolution

_LABELS = {
    "vi": {"symbol": "Số hiệu", "type": "Loại", "issuer": "Cơ quan ban hành",
           "date": "Ngày ban hành", "title": "Trích yếu", "khoa": "Khóa", "term": "khóa {khoa}",
           "verified": "Đã kiểm chứng", "yes": "có", "no": "chưa",
           "replaced_by": "Bị thay thế bởi", "expired": "Hết hiệu lực",
           "catalog": "Danh mục", "source": "Nguồn",
           "several": "Số hiệu này ứng với {n} văn bản:",
           "unknown": "Không có trong danh mục.",
           "outside": "Ngoài phạm vi các danh mục: không kiểm chứng được.",
           "read": "Đọc được"},
    "en": {"symbol": "Symbol", "type": "Type", "issuer": "Issuer", "date": "Date",
           "title": "Title", "khoa": "Term", "term": "term {khoa}", "verified": "Verified", "yes": "yes",
           "no": "no", "replaced_by": "Replaced by", "expired": "Expired",
           "catalog": "Catalog", "source": "Source",
           "several": "This symbol names {n} documents:",
           "unknown": "Not in the catalog.",
           "outside": "Outside every catalog's scope: cannot be verified.",
           "read": "Read as"},
}


def _date(iso: Optional[str], lang: str) -> Optional[str]:
    """ISO in English; ``d/m/yyyy`` in Vietnamese, as the documents themselves write it."""
    if not iso or lang != "vi":
        return iso
    try:
        y, m, d = iso.split("-")
        return f"{int(d)}/{int(m)}/{y}"
    except ValueError:
        return iso


def _name(doc: Document) -> str:
    head = " ".join(x for x in (doc.type, doc.symbol) if x)
    if not doc.symbol and doc.title:
        head = f"{doc.type or ''} {doc.title}".strip()
    return head or doc.id


def _document(doc: Document, lang: str, catalog) -> list[str]:
    t = _LABELS[lang]
    rows = [(t["symbol"], doc.symbol), (t["type"], doc.type), (t["issuer"], doc.issuer),
            (t["date"], _date(doc.date, lang)), (t["title"], doc.title),
            (t["khoa"], doc.khoa), (t["verified"], t["yes"] if doc.verified else t["no"])]
    if doc.replaced_by:
        shown = []
        for rid in doc.replaced_by:
            other = catalog.get(rid) if catalog is not None else None
            shown.append(f"{_name(other)} ({_date(other.date, lang)})" if other and other.date
                         else (_name(other) if other else rid))
        rows.append((t["replaced_by"], "; ".join(shown)))
    if doc.expired:
        rows.append((t["expired"], _date(doc.expired, lang)))
    rows.append((t["catalog"], doc.catalog))
    if doc.source:
        rows.append((t["source"], f"`{doc.source}`"))
    return [f"**{_name(doc)}**", ""] + [f"- {k}: {v}" for k, v in rows if v]


def _as_read(c: Citation, lang: str) -> str:
    parts = [c.type, c.symbol or c.symbol_raw, _date(c.date, lang), c.issuer,
             _LABELS[lang]["term"].format(khoa=c.khoa) if c.khoa else None]
    return f"{_LABELS[lang]['read']}: " + " · ".join(p for p in parts if p)


def hover_markdown(c: Citation, res: Optional[Resolution], lang: str, catalog=None) -> str:
    """Markdown for one citation and its resolution."""
    lang = lang if lang in _LABELS else "vi"
    t = _LABELS[lang]
    docs = res.documents if res is not None else []
    lines: list[str] = []
    if not docs:
        lines += [f"**{c.text.strip()}**", "", t["unknown"] if res is not None and res.in_scope
                  else t["outside"], "", _as_read(c, lang)]
        return "\n".join(lines)
    if len(docs) > 1:
        lines += [t["several"].format(n=len(docs)), ""]
    for i, doc in enumerate(docs):
        if i:
            lines += ["", "---", ""]
        lines += _document(doc, lang, catalog)
    return "\n".join(lines)


def citation_at(checked, offset: int) -> Optional[tuple[Citation, Optional[Resolution]]]:
    """The citation covering document ``offset`` (its end included, where the cursor sits
    after typing it), with its resolution."""
    src = checked.source
    for a in checked.result.articles:
        for i, c in enumerate(a.citations):
            start = src.source_offset(c.start)
            end = src.source_offset(c.end - 1) + 1 if c.end > c.start else start
            if start <= offset <= end:
                res = a.resolutions[i] if i < len(a.resolutions) else None
                return c, res
    return None
