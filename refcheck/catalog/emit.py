"""Writing catalog YAML by hand, deterministically: the same documents give the same bytes.

PyYAML's emitter is not used because its output depends on its version and is slow on 10,000
entries; a scalar is written plain only when YAML would read it back as the same string.
"""
from __future__ import annotations

import re
from typing import Sequence

from refcheck.model import Document

_PLAIN_OK = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:[^:#\n]|:(?=\S))*")


def _yaml_str(s: str, *, plain_dates: bool = False) -> str:
    import json

    if plain_dates and re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return s
    if _PLAIN_OK.fullmatch(s) and s == s.strip() and not s.endswith(":"):
        if _resolves_to_str(s):
            return s
    return json.dumps(s, ensure_ascii=False)


_RESOLVER = None


def _resolves_to_str(s: str) -> bool:
    global _RESOLVER
    if _RESOLVER is None:
        import yaml

        _RESOLVER = yaml.resolver.Resolver()
        _RESOLVER._node = yaml.ScalarNode  # type: ignore[attr-defined]
    import yaml

    return _RESOLVER.resolve(yaml.ScalarNode, s, (True, False)) == "tag:yaml.org,2002:str"


def _scalar(v, *, date=False) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    return _yaml_str(str(v), plain_dates=date)


def _flow_list(items) -> str:
    import json

    return "[" + ", ".join(json.dumps(i, ensure_ascii=False) if isinstance(i, str)
                           else _scalar(i) for i in items) + "]"


_ORDER = ("id", "symbol", "system", "type", "number", "year", "type_code", "issuer_code",
          "issuer", "date", "effective", "expired", "title", "khoa", "plenum", "congress")


def document_yaml(d: Document) -> str:
    lines = []
    first = True
    for k in _ORDER:
        v = getattr(d, k)
        if v is None or v == "":
            continue
        lines.append(("- " if first else "  ") + f"{k}: "
                     + _scalar(v, date=k in ("date", "effective", "expired")))
        first = False
    rels = [(k, getattr(d, k)) for k in ("replaces", "replaced_by", "amends") if getattr(d, k)]
    if rels:
        lines.append("  relations: {" + ", ".join(f"{k}: {_flow_list(v)}" for k, v in rels)
                     + "}")
    if d.aliases:
        lines.append(f"  aliases: {_flow_list(d.aliases)}")
    if d.source:
        lines.append(f"  source: {_scalar(d.source)}")
    lines.append(f"  verified: {_scalar(bool(d.verified))}")
    return "\n".join(lines) + "\n"


def catalog_yaml(docs: Sequence[Document], *, name: str, description: str = "",
                 party_terms: Sequence[tuple] = (), assembly_terms: Sequence[tuple] = (),
                 scopes: Sequence[dict] = (), header: str = "") -> str:
    out = []
    if header:
        out += [f"# {h}".rstrip() for h in header.splitlines()]
    out.append("refcheck_catalog: 1")
    out.append(f"name: {_scalar(name)}")
    if description:
        out.append(f"description: {_scalar(description)}")
    if party_terms or assembly_terms:
        out.append("terms:")
        if party_terms:
            out.append("  party:")
            for k, s, e in party_terms:
                out.append(f"    - {{khoa: {k}, start: {s}" + (f", end: {e}}}" if e else "}"))
        if assembly_terms:
            out.append("  assembly:")
            for k, s, e in assembly_terms:
                out.append(f"    - {{khoa: {k}, start: {s}" + (f", end: {e}}}" if e else "}"))
    if scopes:
        out.append("scope:")
        for sc in scopes:
            parts = []
            for k in ("name", "system", "issuer_codes", "type_codes", "types", "from", "to",
                      "complete"):
                if k in sc and sc[k] is not None:
                    v = sc[k]
                    parts.append(f"{k}: " + (_flow_list(v) if isinstance(v, list)
                                             else _scalar(v, date=k in ("from", "to"))))
            out.append("  - {" + ", ".join(parts) + "}")
    out.append("documents:" if docs else "documents: []")
    text = "\n".join(out) + "\n"
    return text + "".join(document_yaml(d) for d in docs)
