"""What every rule shares: the context of one article, the finding builder, small helpers.

A finding keeps the arguments its message was built from (``Finding.args``), the message
variant and the catalog ids of the documents it is about, so that a client can re-localise
it or build hover text without parsing the message.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional

from refcheck.model import Article, Citation, Document, Finding, Fix, Span
from refcheck.notation.vocab import alternation, load_vocab
from refcheck.rules.registry import RULES, message, note


@dataclass
class Context:
    article: Article
    catalog: object
    lang: str = "vi"
    catalog_name: str = "mặc định"
    text: str = ""
    skipped: set[str] = field(default_factory=set)  # date-dependent codes skipped


def emit(ctx: Context, code: str, span: Span | tuple[int, int], ci: Optional[int], *,
         severity: Optional[str] = None, fix: Optional[Fix] = None, variant: str = "default",
         docs: Iterable[Document] = (), unverified: bool = False, **fields) -> Finding:
    """One finding of ``code``; ``fields`` fill the message and are kept as its arguments.
    ``unverified``: the document held against the text is marked ``verified: false`` in the
    catalog, so an error becomes a warning whose message says why."""
    start, end = (span.start, span.end) if isinstance(span, Span) else span
    rule = RULES[code]
    if fix is not None and fix.original is None and ctx.text:
        fix.original = ctx.text[fix.start:fix.end]  # what --fix must find there to apply it
    args = {k: v if isinstance(v, (int, str)) or v is None else str(v) for k, v in fields.items()}
    severity = severity or rule.severity
    text = message(code, ctx.lang, variant, **fields)
    if unverified and severity == "error":
        severity, text = "warning", text + note("unverified", ctx.lang)
    return Finding(code, rule.name, severity, text, start, end, ci, fix,
                   args=args, variant=variant, documents=tuple(d.id for d in docs))


def sym(c: Citation) -> str:
    if c.symbol:
        return c.symbol
    if c.congress:
        return f"Nghị quyết Đại hội {c.congress}"
    if c.plenum:
        return f"Nghị quyết Trung ương {c.plenum}" + (f" khóa {c.khoa}" if c.khoa else "")
    return c.text


def doc_span(c: Citation) -> Span:
    return c.symbol_span or Span(c.start, c.end)


def vn_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(d):02d}/{int(m):02d}/{y}"


def checks_table(name: str):
    """One of the ``checks:`` tables of vocab.yaml (empty when absent)."""
    return (load_vocab().checks or {}).get(name) or {}


def one_candidate(res, ctx: Optional["Context"] = None) -> Optional[Document]:
    """The document a contradiction may be held against: the one resolved, or the only
    candidate the catalog has (a guess, when the number restarts and nothing pins it) unless
    it is dated after the article."""
    if len(res.documents) != 1:
        return None
    d = res.documents[0]
    if res.certain:
        return d
    if res.how == "only":
        a = ctx.article.date if ctx is not None else None
        return None if (a and d.date and d.date > a) else d
    return None


def joint_ok(issuer: str, allowed) -> bool:
    """"Bộ Chính trị, Ban Bí thư" documents may be cited under either body, and the reverse."""
    for a in allowed:
        if "," in a and issuer in [p.strip() for p in a.split(",")]:
            return True
        if "," in issuer and a in [p.strip() for p in issuer.split(",")]:
            return True
    return False


@lru_cache(maxsize=1)
def _issuing_bodies() -> frozenset:
    v = load_vocab()
    out = set(v.canonical_bodies)
    for info in v.issuer_exact.values():
        out.update(info.get("bodies") or ())
    return frozenset(out)


def issuing_body(body: Optional[str]) -> bool:
    """A body the vocabulary names: a phrase after "của" (``bodies``) or the body of an
    issuer code (``issuers``: the ministries)."""
    return body is not None and body in _issuing_bodies()


def bodies_for_codes(issuer_code: Optional[str], joint: bool = False) -> Optional[tuple[str, ...]]:
    """Bodies that may sign under an issuer code, every part of a joint one counted
    (12/2016/TTLT-BTC-BNV: Bộ Tài chính and Bộ Nội vụ); None when the first is unknown.
    In a ``joint`` document (liên tịch) every part is a signer: a part the vocabulary does not
    know counts the bodies of the known codes it shortens or extends (VKSNDT: VKSNDTC), and
    when there are none nobody can be said not to sign (None)."""
    v = load_vocab()
    first = v.bodies_for_code(issuer_code)
    if first is None:
        return None
    out = list(first)
    for part in (issuer_code or "").split("-")[1:]:
        info = v.issuer_exact.get(part)
        if info:
            out += [b for b in info.get("bodies") or () if b not in out]
        elif joint:
            near = [b for k, i in v.issuer_exact.items() if len(part) >= 3 and len(k) >= 3
                    and (k.startswith(part) or part.startswith(k)) for b in i.get("bodies") or ()]
            if not near:
                return None
            out += [b for b in near if b not in out]
    return tuple(out)


def abbreviated_types(c: Citation, text: str) -> tuple[str, ...]:
    """The type words an abbreviated type word may stand for: "QĐ 07-QĐi/TW" (the title of
    Hướng dẫn 06-HD/UBKTTW) writes QĐ for Quy định, which shares the code with Quyết định.
    Empty when the type word is written out."""
    v = load_vocab()
    if not text or not c.type:
        return ()
    for abbr, word in v.short_types.items():
        if word == c.type and text.startswith(abbr, c.start) and not text[c.start + len(abbr):][:1].isalnum():
            return tuple(t for t, codes in v.types.items() if abbr in (codes or ()))
    return ()


def issuer_contradicts(issuer: Optional[str], allowed: Optional[tuple[str, ...]]) -> bool:
    """Whether a catalog issuer names none of the bodies an issuer code allows, spelling aside
    (case, look-alike Ð, old tone placement "Uỷ ban", "A và B" for a joint one, a name cut at
    its end: "Ngân hàng Nhà nước"): "Quốc hội" for 11/2016/UBTVQH13 does, "Bộ công thương"
    for 01/2018/TT-BCT does not."""
    from refcheck.extract.lawtitle import title_tokens
    from refcheck.text.normalize import canonical_chars

    if not issuer or allowed is None:
        return False
    words = [w for w, _ in title_tokens(canonical_chars(issuer))]
    for body in allowed:
        bw = [w for w, _ in title_tokens(canonical_chars(body))]
        if not bw:
            continue
        if any(words[i:i + len(bw)] == bw for i in range(len(words) - len(bw) + 1)) or bw[:len(words)] == words:
            return False
    return True


_AMENDING = re.compile(r"sửa đổi,? bổ sung\b.*\bcủa\b")


def amended_symbol(c: Citation, res, text: str) -> bool:
    """Whether the symbol is the amended law's inside an amending law's title: "Luật Sửa đổi,
    bổ sung một số điều của Bộ luật Hình sự số 100/2015/QH13 ngày 20 tháng 6 năm 2017" (the
    official title of 12/2017/QH14, laws.tsv) dates the amending law, not 100/2015/QH13. Not
    when the symbol is the amending law's own ("… Luật Thuế thu nhập cá nhân số 26/2012/QH13
    ngày 22 tháng 11 năm 2012": 26/2012/QH13 is the amending law, its title says so)."""
    if not text or not c.symbol_span or c.symbol_span.start <= c.start:
        return False
    if not _AMENDING.search(text[c.start:c.symbol_span.start].casefold()):
        return False
    return not any(_AMENDING.search((d.title or "").casefold()) for d in res.documents)


@lru_cache(maxsize=1)
def _type_word_re() -> re.Pattern:
    v = load_vocab()
    return re.compile(r"(?<![\w])(" + alternation(v.type_spellings()) + r")(?![\w])")


def symbol_type(c: Citation, text: str) -> Optional[str]:
    """The type word that belongs to the symbol, or None when the written one does not.

    "dự thảo Luật số 512/BC-UBTVQH14": the symbol is the report's, "Luật" heads the draft's
    name; "kết luật số 19-TB/TW": a typo for kết luận. "luật Viên chức và đặc biệt là chỉ thị
    số 26/CT-TTg": the type word after "và" (or a comma) is the symbol's.
    """
    if not c.type:
        return None
    if text:
        before = text[max(0, c.start - 12):c.start].rstrip()
        for w in checks_table("not_a_type_before"):
            if before.endswith(w) and (len(before) == len(w) or not before[-len(w) - 1].isalnum()):
                return None
        if c.symbol_span and c.symbol_span.start > c.start:
            inner = text[c.start:c.symbol_span.start]
            last = None
            for m in _type_word_re().finditer(inner):
                if m.start() > 0:
                    last = m
            if last is not None and re.search(r"(?:\bvà\b|,)", inner[:last.start()]):
                return load_vocab().canonical_type(last.group(1))
    return c.type
