"""RC301, RC302, RC304: the type word, the issuer and the term against the symbol and catalog.

An error only where the text itself contradicts itself (type word vs type code, issuer vs
issuer code) or contradicts the one document the text pins (by its date, its khóa, or a
number that never restarts). A contradiction with a document the catalog merely guesses
(the only candidate of a number that restarts every term) is a warning that says "if X is
meant"; usual loose attributions are warnings that explain; words the press uses loosely
("công văn", "của Đảng") raise nothing. The tables behind these decisions are data
(``checks:`` in notation/vocab.yaml).
"""
from __future__ import annotations

import re
from typing import Optional

from refcheck.model import Citation, Document, Fix, Span
from refcheck.notation.vocab import load_vocab
from refcheck.resolve import pinned
from refcheck.rules.base import (Context, abbreviated_types, bodies_for_codes, checks_table, emit,
                                 issuer_contradicts, issuing_body, joint_ok, one_candidate,
                                 symbol_type, vn_date)


# --- RC301: type word ------------------------------------------------------------------------

def rc301_type(c, res, ci, ctx: Context):
    if c.kind != "symbol" or c.type_inherited:
        return
    t = symbol_type(c, ctx.text)
    v = load_vocab()
    allowed = v.types.get(t) if t else None
    if allowed is None or v.is_generic(t):
        return
    span = Span(c.start, c.symbol_span.end if c.symbol_span else c.end)
    if len(abbreviated_types(c, ctx.text)) > 1:
        return  # "QĐ 07-QĐi/TW": QĐ abbreviates Quy định as well as Quyết định
    if (c.year is None and c.issuer_code is None and c.type_code in checks_table("old_issuer_codes")):
        return  # old numbering: "Quyết định 217/CT" of the Chairman of the Council of Ministers
    if t in (checks_table("promulgation_codes").get(f"{c.type_code}-{c.issuer_code}") or ()):
        return  # "Pháp lệnh số 31-L/CTN": the President's order that promulgated it
    if c.type_code is not None:
        # Type words used for one another (vocab `interchangeable`) share their codes: a
        # "Thông tư liên tịch số 92/TT-LB" is the joint circular of 1993 numbered TT.
        shared = c.type_code not in (checks_table("loose_type_codes").get(t) or ()) and any(
            v.same_kind(t, x) for x in v.code_of_type.get(c.type_code or "", ()))
        if c.type_code not in allowed and c.type_code in v.code_of_type and not shared:
            alt = did_you_mean(c, t, ctx)
            if alt is not None:
                issuer_part = f" của {c.issuer_raw or c.issuer}" if c.issuer else ""
                fix = Fix(c.symbol_span.start, c.symbol_span.end, alt.symbol, False) if c.symbol_span else None
                yield emit(ctx, "RC301", span, ci, variant="did-you-mean", docs=(alt,), fix=fix,
                           type=t, date=c.date_raw, issuer_part=issuer_part, likely=alt.symbol,
                           symbol=c.symbol, unverified=not alt.verified)
                return
            loose = c.type_code in (checks_table("loose_type_codes").get(t) or ())
            yield emit(ctx, "RC301", span, ci, variant="loose" if loose else "default",
                       severity="warning" if loose else None,
                       type=t, type_code=c.type_code, symbol=c.symbol)
            return
    elif None not in allowed and c.year is not None and v.issuer_info(c.issuer_code):
        # "Nghị định 108/2014/CP": a decree always carries NĐ; a law symbol has no code.
        code = next(x for x in allowed if x and x != "*")
        likely = f"{c.number}{c.number_suffix or ''}/{c.year}/{code}-{c.issuer_code}"
        yield emit(ctx, "RC301", span, ci, variant="missing-code", type=t, symbol=c.symbol,
                   likely=likely, fix=Fix(c.symbol_span.start, c.symbol_span.end, likely, False)
                   if c.symbol_span else None)
        return
    # The code fits the word; the catalog may still know the document's type (Quy định and
    # Quyết định share QĐ).
    d = one_candidate(res, ctx)
    if d is not None and d.type and d.type != t and d.type in v.types and not v.same_kind(t, d.type):
        if pinned(c, res):
            yield emit(ctx, "RC301", span, ci, variant="catalog", docs=(d,), type=t,
                       symbol=c.symbol, catalog_type=d.type,
                       unverified=not d.verified)
        else:
            yield emit(ctx, "RC301", span, ci, variant="if-meant", docs=(d,), type=t,
                       symbol=d.symbol or c.symbol, catalog_type=d.type,
                       date=vn_date(d.date) if d.date else "?", severity="warning")


def did_you_mean(c: Citation, t: str, ctx: Context) -> Optional[Document]:
    """"Chỉ thị số 05-NQ/TW ngày 15/5/2016 của Bộ Chính trị": the one catalog document with the
    code of the type word whose date (and issuer, when written) match exactly."""
    if not c.date or ctx.catalog is None or c.number is None:
        return None
    v = load_vocab()
    found = []
    for tc in v.types.get(t) or ():
        if not tc or tc == "*":
            continue
        for d in ctx.catalog.lookup(tc, c.number, c.issuer_code):
            if d.date != c.date or (c.year is not None and d.year not in (c.year, None)):
                continue
            if c.issuer and v.known_body(c.issuer) and d.issuer and d.issuer != c.issuer \
                    and not joint_ok(c.issuer, (d.issuer,)):
                continue
            found.append(d)
    return found[0] if len(found) == 1 and found[0].symbol else None


# --- RC302: issuer ---------------------------------------------------------------------------

def _loose(written: str, actual, t: Optional[str]) -> Optional[dict]:
    for row in checks_table("loose_issuers"):
        if row["written"] == written and row["actual"] in actual:
            if row.get("types") and t not in row["types"]:
                continue
            return row
    return None


def _loose_finding(ctx, c, ci, span, row, res_doc=None):
    from refcheck.rules.registry import note

    return emit(ctx, "RC302", span, ci, variant="loose", severity="warning",
                docs=(res_doc,) if res_doc else (), issuer=c.issuer_raw or c.issuer,
                symbol=c.symbol or c.text, note=note(row["why"], ctx.lang, actual=row["actual"]),
                expected=row["actual"])


def rc302_issuer(c, res, ci, ctx: Context):
    if c.kind == "symbol" and not c.issuer:
        yield from _typo_code(c, ci, ctx)
        yield from _cut_short(c, ci, ctx)
        return
    if c.kind not in ("symbol", "bare") or not c.issuer:
        return
    v = load_vocab()
    written = c.issuer
    span = c.issuer_span or Span(c.start, c.end)
    generic = checks_table("generic_bodies").get(written)
    if generic is not None:
        if c.kind == "symbol" and c.system and c.system != generic:
            yield emit(ctx, "RC302", span, ci, issuer=c.issuer_raw or written, symbol=c.symbol,
                       expected=" / ".join(v.bodies_for_code(c.issuer_code) or ()))
        return
    if not issuing_body(written):
        return
    t = c.type if c.type_inherited else symbol_type(c, ctx.text)
    fixed = checks_table("fixed_issuers").get(t) if t else None
    if fixed and written not in fixed and not joint_ok(written, fixed):
        row = _loose(written, fixed, t)
        if row:
            yield _loose_finding(ctx, c, ci, span, row)
            return
        if c.kind == "bare":  # "Nghị định 86 của Bộ Công an": maybe "drafted by"; warn
            yield emit(ctx, "RC302", span, ci, variant="fixed", severity="warning", type=t,
                       issuer=c.issuer_raw or written, expected=" / ".join(fixed), text=c.text)
            return
    if c.kind != "symbol":
        return
    first = (c.issuer_code or "").split("-")[0]
    if written in (checks_table("speaks_for").get(f"{c.type_code}-{first}") or ()):
        return  # "Thông báo …/TB-VPCP của Thủ tướng": the Office announces the PM's conclusions
    types = [t] if t else v.code_of_type.get(c.type_code or "", [])
    if any(written in (checks_table("fixed_issuers").get(x) or ()) for x in types):
        return  # the body the law fixes for the type ("Luật … số 23-L/CTN của Quốc hội": CTN promulgates)
    allowed = bodies_for_codes(c.issuer_code, joint=(c.type_code or "").endswith("LT"))
    if allowed is not None and written not in allowed and not joint_ok(written, allowed):
        row = _loose(written, allowed, t)
        if row:
            yield _loose_finding(ctx, c, ci, span, row)
            return
        yield emit(ctx, "RC302", span, ci, issuer=c.issuer_raw or written, symbol=c.symbol,
                   expected=" / ".join(allowed))
        return
    d = one_candidate(res, ctx)
    if d is None or not v.known_body(written) or not d.issuer or not v.known_body(d.issuer) \
            or d.issuer == written \
            or joint_ok(written, (d.issuer,)) or _noisy_issuer(d):
        return
    row = _loose(written, (d.issuer,), t)
    if row:
        yield _loose_finding(ctx, c, ci, span, row, d)
    elif pinned(c, res):
        yield emit(ctx, "RC302", span, ci, variant="catalog", docs=(d,),
                   issuer=c.issuer_raw or written, symbol=c.symbol, expected=d.issuer,
                   unverified=not d.verified)
    else:
        yield emit(ctx, "RC302", span, ci, variant="if-meant", docs=(d,), severity="warning",
                   issuer=c.issuer_raw or written, symbol=d.symbol or c.symbol, expected=d.issuer,
                   date=vn_date(d.date) if d.date else "?")


def _noisy_issuer(d: Document) -> bool:
    """The catalog's issuer contradicts the entry's own issuer code (11/2016/UBTVQH13 "Quốc
    hội", 01/2021/QĐ-TTg "Chính phủ": registry noise): it is no evidence against a text
    whose issuer fits the code, which the code check above has already compared."""
    return issuer_contradicts(d.issuer, bodies_for_codes(d.issuer_code))


def _typo_code(c: Citation, ci, ctx: Context):
    """`NHHN-TTGSNH`: an unknown issuer code one letter from a known one (not its first)."""
    v = load_vocab()
    if not c.issuer_code or v.issuer_info(c.issuer_code) is not None or not c.symbol_span:
        return
    first = c.issuer_code.split("-")[0]
    if len(first) < 4:
        return
    near = [k for k in v.issuer_exact if len(k) == len(first) and k[0] == first[0]
            and _one_letter(first, k) and (v.issuer_exact[k].get("bodies"))]
    if len(near) != 1:
        return
    k = near[0]
    canonical = c.symbol.replace(first, k, 1) if c.symbol else k
    yield emit(ctx, "RC302", c.symbol_span, ci, variant="code-typo", severity="warning",
               found=first, likely=k, body=v.issuer_exact[k]["bodies"][0], canonical=canonical,
               fix=Fix(c.symbol_span.start, c.symbol_span.end, canonical, False))


def _one_letter(a: str, b: str) -> bool:
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) == 1:
        return True
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _cut_short(c: Citation, ci, ctx: Context):
    """"… của Ban Bí" at the end of a sentence: a known body's name cut after two words."""
    if not ctx.text:
        return
    m = re.match(r"[ \t,]*của\s+((?:\w+\s+)?\w+\s+\w+)[ \t]*(?:[.;\n]|$)", ctx.text[c.end:c.end + 60])
    if not m:
        return
    found = " ".join(m.group(1).split())
    v = load_vocab()
    if found in v.bodies:
        return
    # Cut inside a name, before a lower-case syllable ("Ban Bí| thư", "Bộ Chính| trị"); a
    # name stopped before a capital ("Ngân hàng| Nhà nước") is a deliberate short form.
    full = sorted({b for b in v.bodies if b.startswith(found + " ") and b[len(found) + 1].islower()},
                  key=len)
    if not full:
        return
    yield emit(ctx, "RC302", Span(c.end + m.start(1), c.end + m.end(1)), ci, variant="cut-short",
               severity="warning", found=found, likely=v.canonical_body(full[0]))


# --- RC304: term -----------------------------------------------------------------------------

def rc304_khoa(c, res, ci, ctx: Context):
    if not c.khoa:
        yield from _symbol_term(c, res, ci, ctx)
        return
    cat = ctx.catalog
    if c.kind == "symbol" and c.system == "state":
        yield from _assembly_term(c, ci, ctx)
        return
    if c.kind == "symbol" and res.how == "khoa-mismatch" and res.near:
        near = "; ".join(f"{d.symbol} {vn_date(d.date) if d.date else ''} ({d.khoa})".replace("  ", " ")
                         for d in res.near)
        # Warning, not error: the catalog may lack the document of that term.
        yield emit(ctx, "RC304", Span(c.start, c.end), ci, khoa=c.khoa, detail=near,
                   severity="warning", docs=res.near)
        return
    if c.kind == "symbol":
        if c.date and cat is not None:
            k = cat.khoa_at(c.date)
            if k and k != c.khoa:
                yield emit(ctx, "RC304", Span(c.start, c.end), ci, khoa=c.khoa,
                           detail=f"{c.date_raw} → {k}")
                return
        d = one_candidate(res, ctx)
        if d is not None and d.khoa and c.system == "party" and d.khoa != c.khoa:
            yield emit(ctx, "RC304", Span(c.start, c.end), ci, khoa=c.khoa, docs=(d,),
                       detail=f"{d.id} ({d.khoa})",
                       severity=None if pinned(c, res) else "warning", unverified=not d.verified)
    if c.kind == "symbol" and c.plenum and len(res.documents) == 1 and res.certain:
        d = res.documents[0]
        if d.plenum and d.plenum != c.plenum:
            yield emit(ctx, "RC304", Span(c.start, c.end), ci, khoa=c.khoa or d.khoa or "",
                       detail=f"{d.id}: Hội nghị Trung ương {d.plenum}", docs=(d,),
                       severity=None if pinned(c, res) else "warning", unverified=not d.verified)


def _symbol_term(c: Citation, res, ci, ctx: Context):
    """"Căn cứ Luật Quy hoạch số 21/2017/QH12" (official 043), "Bộ luật hình sự số
    100/2015/QH14" (baomoi/21511113): the Assembly term in the code and the year in the symbol
    cannot both be right (khóa XII ended in 2011, XIV began in 2016). Only symbols the catalog
    does not hold: an entry of that very symbol would be the catalog's word against the rule."""
    from refcheck.text.roman import to_roman

    if c.kind != "symbol" or c.system != "state" or not c.year or ctx.catalog is None or res.documents:
        return
    m = re.fullmatch(r"(?:UBTV)?QH(\d+)", (c.issuer_code or "").split("-")[0])
    terms = ctx.catalog.assembly_term_for_year(c.year)
    if m is None or not terms or to_roman(int(m.group(1))) in terms:
        return
    yield emit(ctx, "RC304", Span(c.start, c.end), ci, variant="symbol-year",
               khoa=to_roman(int(m.group(1))), detail=c.symbol, year=c.year,
               expected=" / ".join(terms))


def _assembly_term(c: Citation, ci, ctx: Context):
    """"Nghị quyết 99/2015/QH13 của Quốc hội khóa XIII": National Assembly terms (catalog data),
    never the Party's. QH13/UBTVQH14 carry the term; else the year (a boundary year fits two)."""
    from refcheck.text.roman import to_roman

    m = re.search(r"(?:^|-)(?:UBTV)?QH(\d+)$", (c.issuer_code or "").split("-")[0])
    expected: list[str] = []
    if m:
        expected = [to_roman(int(m.group(1)))]
    elif c.issuer not in ("Quốc hội", "Ủy ban Thường vụ Quốc hội"):
        return  # a khóa next to another State document: not the Assembly's, not checked
    elif ctx.catalog is not None and (c.year or c.date):
        expected = ctx.catalog.assembly_term_for_year(c.year or int(c.date[:4]))
    if expected and c.khoa not in expected:
        yield emit(ctx, "RC304", Span(c.start, c.end), ci, variant="assembly", severity="warning",
                   khoa=c.khoa, detail=c.symbol, expected=" / ".join(expected))
