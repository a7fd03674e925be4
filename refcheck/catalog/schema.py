"""Catalog schema and semantic checks (``catalog validate`` and every cache miss)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Optional, Union

from refcheck.catalog.errors import CatalogError
from refcheck.catalog.messages import Msg, date_msg, kind_of
from refcheck.catalog.files import (
    FORMAT_VERSION,
    stats,
)
from refcheck.catalog.index import Scope
from refcheck.catalog.yamlsafe import (
    DOC_KEYS,
    REL_KEYS,
    SCOPE_KEYS,
    TOP_KEYS,
    _compose,
    _key_node,
    _line,
    _ParsedFile,
    _to_python,
)
from refcheck.model import Document
from refcheck.notation.symbols import canonical_code, parse_symbol
from refcheck.text.roman import from_roman
from refcheck.text.normalize import short_repr as _short

PathLike = Union[str, Path]


def _check_schema(pf: _ParsedFile, data, root) -> None:
    p = pf.path
    err = pf.errors.append
    if not isinstance(data, dict):
        err(CatalogError(p, _line(root), "file", "not_mapping"))
        return
    for k in data:
        if k not in TOP_KEYS:
            err(CatalogError(p, _line(_key_node(root, k)), str(k), "unknown_key"))
    ver = data.get("refcheck_catalog")
    if ver != FORMAT_VERSION or isinstance(ver, bool):
        err(CatalogError(p, _line(_key_node(root, "refcheck_catalog")) or 1, "refcheck_catalog",
                         "bad_version", {"version": FORMAT_VERSION, "got": ver}))
    name = data.get("name")
    if name is not None:
        if isinstance(name, str) and name:
            pf.name = name
        else:
            err(CatalogError(p, _line(_key_node(root, "name")), "name", "must_string"))
    if "description" in data and not isinstance(data["description"], (str, type(None))):
        err(CatalogError(p, _line(_key_node(root, "description")), "description",
                         "must_string"))
    _check_terms(pf, data.get("terms"), _key_node(root, "terms"))
    _check_scopes(pf, data.get("scope"), _key_node(root, "scope"))
    docs = data.get("documents", [])
    dnode = _key_node(root, "documents")
    if docs is None:
        docs = []
    if not isinstance(docs, list):
        err(CatalogError(p, _line(dnode), "documents", "must_list_got", {"kind": kind_of(docs)}))
        return
    seen: dict[str, int] = {}
    for i, entry in enumerate(docs):
        node = dnode.value[i]
        doc = _check_doc(pf, entry, node, i)
        if doc is None:
            continue
        if doc.id in seen:
            err(CatalogError(p, _line(_key_node(node, "id")), f"documents[{i}].id",
                             "duplicate_id", {"id": doc.id, "line": seen[doc.id]}))
            continue
        seen[doc.id] = _line(node)
        pf.docs.append(doc)
        pf.doc_nodes.append(node)
        pf.doc_index.append(i)


def _entries(pf, items, node, where: str, keys) -> Iterator[tuple[dict, Any, str, bool]]:
    """The entries of a list of mappings (``terms.party``, ``scope``), each with its node,
    its path for messages and whether all its keys are known. "must be a list", "must be a
    mapping" and each unknown key are reported here, the same way for every such list."""
    p = pf.path
    if not isinstance(items, list):
        pf.errors.append(CatalogError(p, _line(node), where, "must_list"))
        return
    for i, entry in enumerate(items):
        enode = node.value[i]
        at = f"{where}[{i}]"
        if not isinstance(entry, dict):
            pf.errors.append(CatalogError(p, _line(enode), at, "must_mapping"))
            continue
        unknown = [k for k in entry if k not in keys]
        for k in unknown:
            pf.errors.append(CatalogError(p, _line(_key_node(enode, k)), f"{at}.{k}",
                                          "unknown_key"))
        yield entry, enode, at, not unknown


def _check_terms(pf, terms, node) -> None:
    p = pf.path
    if terms is None:
        return
    if not isinstance(terms, dict):
        pf.errors.append(CatalogError(p, _line(node), "terms", "must_mapping"))
        return
    for k in terms:
        if k not in ("party", "assembly"):
            pf.errors.append(CatalogError(p, _line(_key_node(node, k)), f"terms.{k}",
                                          "unknown_key"))
    for kind in ("party", "assembly"):
        for t, tnode, where, _known in _entries(pf, terms.get(kind) or [], _key_node(node, kind),
                                                f"terms.{kind}", ("khoa", "start", "end")):
            khoa, start, end = t.get("khoa"), t.get("start"), t.get("end")
            if not isinstance(khoa, str) or from_roman(khoa) is None:
                pf.errors.append(CatalogError(p, _line(_key_node(tnode, "khoa") or tnode),
                                              f"{where}.khoa", "must_roman"))
                continue
            ok = True
            for fname, v in (("start", start), ("end", end)):
                if v is None and fname == "end":
                    continue
                vn = _line(_key_node(tnode, fname) or tnode)
                if kind == "party":
                    prob = date_msg(v) if isinstance(v, str) else Msg("must_iso_date")
                else:
                    prob = None if isinstance(v, int) and not isinstance(v, bool) \
                        and 1900 <= v <= 2100 else Msg("must_year")
                if prob:
                    pf.errors.append(CatalogError(p, vn, f"{where}.{fname}", prob.key,
                                                  prob.fields))
                    ok = False
            if ok and end is not None and end <= start:
                pf.errors.append(CatalogError(p, _line(tnode), f"{where}.end",
                                              "term_order"))
                ok = False
            if ok:
                (pf.party_terms if kind == "party" else pf.assembly_terms).append(
                    (khoa, start, end))


def _check_scopes(pf, scopes, node) -> None:
    p = pf.path
    if scopes is None:
        return
    for s, snode, where, known in _entries(pf, scopes, node, "scope", SCOPE_KEYS):
        n0 = len(pf.errors)

        def bad(k, msg: Msg):
            pf.errors.append(CatalogError(p, _line(_key_node(snode, k) or snode),
                                          f"{where}.{k}", msg.key, msg.fields))

        if not isinstance(s.get("name"), str):
            bad("name", Msg("required_string"))
        if s.get("system") not in ("party", "state"):
            bad("system", Msg("party_or_state"))
        ic = s.get("issuer_codes")
        if not isinstance(ic, list) or not ic or not all(isinstance(x, str) for x in ic):
            bad("issuer_codes", Msg("nonempty_strings"))
        tc = s.get("type_codes")
        if tc is not None and (not isinstance(tc, list)
                               or not all(isinstance(x, (str, type(None))) for x in tc)):
            bad("type_codes", Msg("strings_or_nulls"))
        for k in ("from", "to"):
            v = s.get(k)
            if v is not None:
                prob = date_msg(v) if isinstance(v, str) else Msg("must_iso_date")
                if prob:
                    bad(k, prob)
        if not isinstance(s.get("complete", False), bool):
            bad("complete", Msg("must_bool"))
        tw = s.get("types")
        if tw is not None and (not isinstance(tw, list) or not all(isinstance(x, str) for x in tw)):
            bad("types", Msg("type_words"))
        if known and len(pf.errors) == n0:
            pf.scopes.append(Scope(
                s["name"], s["system"], tuple(ic),
                None if tc is None else tuple(
                    canonical_code(x, type_position=True) if x else None for x in tc),
                s.get("from"), s.get("to"), bool(s.get("complete", False)), pf.name,
                None if tw is None else tuple(tw)))


_INT_FIELDS = ("number", "year", "plenum")
_STR_FIELDS = ("id", "symbol", "type", "type_code", "issuer_code", "issuer", "title", "khoa",
               "congress", "source")
_DATE_FIELDS = ("date", "effective", "expired")


def _check_doc(pf, entry, node, i) -> Optional[Document]:
    p = pf.path
    where = f"documents[{i}]"
    if not isinstance(entry, dict):
        pf.errors.append(CatalogError(p, _line(node), where, "must_mapping_got",
                                      {"kind": kind_of(entry)}))
        return None
    n0 = len(pf.errors)

    def bad(k, key: str, **fields):
        pf.errors.append(CatalogError(p, _line(_key_node(node, k) or node), f"{where}.{k}",
                                      key, fields))

    for k in entry:
        if k not in DOC_KEYS:
            bad(str(k), "unknown_key")
    for k in ("id", "system"):
        if entry.get(k) in (None, ""):
            pf.errors.append(CatalogError(p, _line(node), f"{where}.{k}", "missing",
                                          {"name": k}))
    for k in _STR_FIELDS:
        v = entry.get(k)
        if v is not None and (not isinstance(v, str) or not v.strip()):
            bad(k, "nonempty_string_got", kind=kind_of(v))
    for k in _INT_FIELDS:
        v = entry.get(k)
        if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
            bad(k, "nonneg_int_got", kind=kind_of(v), value=_short(v))
    for k in _DATE_FIELDS:
        v = entry.get(k)
        if v is not None:
            prob = date_msg(v) if isinstance(v, str) else \
                Msg("date_kind_got", {"kind": kind_of(v)})
            if prob:
                bad(k, prob.key, **prob.fields)
    sysv = entry.get("system")
    if sysv is not None and sysv not in ("party", "state"):
        bad("system", "party_or_state_got", value=sysv)
    v = entry.get("verified")
    if v is not None and not isinstance(v, bool):
        bad("verified", "must_bool_got", kind=kind_of(v))
    for k in ("khoa", "congress"):
        v = entry.get(k)
        if isinstance(v, str) and from_roman(v) is None:
            bad(k, "must_roman_got", value=_short(v))
    aliases = entry.get("aliases")
    if aliases is not None and (not isinstance(aliases, list)
                                or not all(isinstance(a, str) and a.strip() for a in aliases)):
        bad("aliases", "strings")
    rel = entry.get("relations")
    rels: dict[str, tuple] = {}
    if rel is not None:
        if not isinstance(rel, dict):
            bad("relations", "must_mapping")
        else:
            rnode = _key_node(node, "relations")
            for k, targets in rel.items():
                if k not in REL_KEYS:
                    pf.errors.append(CatalogError(p, _line(_key_node(rnode, k) or rnode),
                                                  f"{where}.relations.{k}", "unknown_key"))
                elif not isinstance(targets, list) or not all(isinstance(t, str)
                                                              for t in targets):
                    pf.errors.append(CatalogError(p, _line(_key_node(rnode, k) or rnode),
                                                  f"{where}.relations.{k}", "ids"))
                else:
                    rels[k] = tuple(targets)
    if len(pf.errors) != n0:
        return None
    sym = entry.get("symbol")
    if sym:  # fields a user left out are taken from the symbol (contradictions are checked later)
        sp = parse_symbol(sym)
        if sp is not None:
            entry = dict(entry)
            for k in ("number", "type_code", "issuer_code"):
                if k not in entry:
                    entry[k] = getattr(sp, k)
            if "year" not in entry and entry.get("system") == "state":
                entry["year"] = sp.year
    return Document(
        id=entry["id"], symbol=entry.get("symbol"), type=entry.get("type"),
        number=entry.get("number"), year=entry.get("year"), type_code=entry.get("type_code"),
        issuer_code=entry.get("issuer_code"), issuer=entry.get("issuer"),
        date=entry.get("date"), system=entry["system"], effective=entry.get("effective"),
        title=entry.get("title"), khoa=entry.get("khoa"), plenum=entry.get("plenum"),
        congress=entry.get("congress"), replaces=rels.get("replaces", ()),
        replaced_by=rels.get("replaced_by", ()), amends=rels.get("amends", ()),
        expired=entry.get("expired"), aliases=tuple(aliases or ()), source=entry.get("source"),
        verified=entry.get("verified", True),
    )


def _type_word_problem(doc: Document, sp) -> Optional[Msg]:
    """A type word the symbol's type code contradicts (``Chỉ thị`` on ``05-NQ/TW``). Only
    modern shapes are held to it: Party symbols and State symbols with a year; old ones
    (``89-TC/TCT``, ``51-L/CTN``) used codes differently."""
    from refcheck.notation.vocab import load_vocab

    v = load_vocab()
    code = sp.type_code
    if not doc.type or not code or doc.type not in v.types or v.is_generic(doc.type):
        return None
    if not v.code_of_type.get(code) or (doc.system == "state" and sp.year is None):
        return None  # a code no type word carries here (TC of 27/1997/TC-VT) names no type
    if code in v.types[doc.type] or any(v.same_kind(doc.type, w)
                                        for w in v.code_of_type.get(code, ())):
        return None
    words = ", ".join(repr(w) for w in v.code_of_type[code])
    return Msg("type_word", {"type": doc.type, "code": code, "symbol": doc.symbol, "words": words})


def _check_semantics(pf: _ParsedFile, known_ids: set, terms: dict) -> list[CatalogError]:
    """Cross-field checks: dangling relations, symbol vs fields, year vs date, khóa vs date."""
    out: list[CatalogError] = []
    p = pf.path
    for doc, node, i in zip(pf.docs, pf.doc_nodes, pf.doc_index):
        where = f"documents[{i}]"

        def bad(k, key: str, n=None, **fields):
            out.append(CatalogError(p, _line(n or _key_node(node, k) or node), f"{where}.{k}",
                                    key, fields))

        rnode = _key_node(node, "relations")
        for kind in REL_KEYS:
            targets = getattr(doc, kind)
            tnode = _key_node(rnode, kind)
            for j, t in enumerate(targets):
                if t not in known_ids:
                    n = tnode.value[j] if tnode is not None and j < len(tnode.value) else None
                    bad(f"relations.{kind}", "dangling", n, target=t)
                elif t == doc.id:
                    bad(f"relations.{kind}", "self_relation")
        if doc.symbol:
            sp = parse_symbol(doc.symbol)
            if sp is None:
                bad("symbol", "bad_symbol", symbol=doc.symbol)
            else:
                if sp.symbol != doc.symbol:
                    bad("symbol", "not_canonical", symbol=sp.symbol)
                for k in ("number", "type_code", "issuer_code", "year"):
                    have = getattr(doc, k)
                    want = getattr(sp, k)
                    if k in ("year",) and doc.system == "party":
                        continue
                    if have != want:
                        bad(k, "contradicts_symbol", have=have, symbol=doc.symbol, name=Msg("label:" + k),
                            want=want)
                if (doc.system == "state" and sp.year is not None and doc.date
                        and int(doc.date[:4]) != sp.year):
                    bad("date", "date_vs_year", date=doc.date, year=sp.year, symbol=doc.symbol)
                problem = _type_word_problem(doc, sp)
                if problem:
                    bad("type", problem.key, **problem.fields)
            if doc.id != doc.symbol and not doc.id.startswith(doc.symbol + "@"):
                bad("id", "id_vs_symbol", id=doc.id, symbol=doc.symbol)
        if doc.system == "party" and doc.khoa and doc.date:
            t = terms.get(doc.khoa)
            if t is not None:
                start, end = t
                if doc.date < start or (end is not None and doc.date >= end):
                    bad("date", "outside_term", date=doc.date, khoa=doc.khoa, start=start,
                        end=end or Msg("now"))
    return out


# ---------------------------------------------------------------------------------------------
# validate
# ---------------------------------------------------------------------------------------------


def _parse_file(path: PathLike, text: bytes) -> _ParsedFile:
    stats["parsed"] += 1
    pf = _ParsedFile(path)
    p = pf.path
    try:
        root, _loader = _compose(p, text)
        if root is None:
            raise CatalogError(p, 1, "file", "empty")
        data = _to_python(p, root, text)
    except CatalogError as exc:
        pf.errors.append(exc)
        return pf
    except RecursionError:
        pf.errors.append(CatalogError(p, 0, "yaml", "too_deep_any"))
        return pf
    pf.root = root
    _check_schema(pf, data, root)
    return pf
