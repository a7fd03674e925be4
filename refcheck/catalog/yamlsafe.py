"""Parsing one catalog file: safe YAML, no aliases, bounded depth, located errors."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Union

from refcheck.catalog.errors import CatalogError
from refcheck.catalog.messages import kind_of
from refcheck.catalog.index import Scope
from refcheck.model import Document
from refcheck.text.normalize import short_repr as _short

PathLike = Union[str, Path]

# ---------------------------------------------------------------------------------------------
# Parsing one file (cache miss / validate): safe YAML, no aliases, located errors
# ---------------------------------------------------------------------------------------------
TOP_KEYS = {"refcheck_catalog", "name", "description", "terms", "scope", "documents"}
DOC_KEYS = {"id", "symbol", "system", "type", "number", "year", "type_code", "issuer_code",
            "issuer", "date", "effective", "expired", "title", "khoa", "plenum", "congress",
            "relations", "aliases", "source", "verified"}
REL_KEYS = ("replaces", "replaced_by", "amends")
SCOPE_KEYS = {"name", "system", "issuer_codes", "type_codes", "types", "from", "to", "complete"}
_SAFE_TAGS = {"tag:yaml.org,2002:" + t for t in
              ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}


class _ParsedFile:
    __slots__ = ("path", "name", "docs", "doc_nodes", "doc_index", "scopes", "party_terms",
                 "assembly_terms", "errors", "root")

    def __init__(self, path):
        self.path = str(path)
        self.name = Path(path).stem
        self.docs: list[Document] = []
        self.doc_nodes: list[Any] = []
        self.doc_index: list[int] = []
        self.scopes: list[Scope] = []
        self.party_terms: list[tuple] = []
        self.assembly_terms: list[tuple] = []
        self.errors: list[CatalogError] = []
        self.root = None


_LOADER = None


def _loader_class():
    global _LOADER
    if _LOADER is None:
        import yaml

        base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        class _Loader(base):  # type: ignore[misc, valid-type]
            pass

        # keep dates as the strings written, so a bad or impossible date is reported, located,
        # by the validator instead of raising inside the constructor
        _Loader.add_constructor("tag:yaml.org,2002:timestamp",
                                lambda loader, node: loader.construct_scalar(node))
        _LOADER = _Loader
    return _LOADER


def _line(node) -> int:
    return node.start_mark.line + 1 if node is not None else 0


def _key_node(mapping_node, key: str):
    """The value node of ``key`` in a mapping node (for locating errors)."""
    if mapping_node is None or not hasattr(mapping_node, "value"):
        return None
    if isinstance(mapping_node.value, list):
        for k, v in mapping_node.value:
            if isinstance(k.value, str) and k.value == key:
                return v
    return None


# A catalog nests three or four levels deep. libyaml's composer recurses once per level and
# overflows the C stack (a segfault, no message) near 100,000; refuse long before, in one
# linear pass, and say where.
_DEEP = re.compile(rb"(?:[\[{][ \t\r\n]*){64}|(?:-[ \t]+){64}")


def _compose(path: str, text: bytes):
    """Compose the YAML node tree (C composer when available); errors located."""
    import yaml

    deep = _DEEP.search(text)
    if deep:
        raise CatalogError(path, text.count(b"\n", 0, deep.start()) + 1, "yaml",
                           "too_deep")

    loader = _loader_class()(text)
    try:
        node = loader.get_single_node()
        if node is not None and node.id != "mapping":
            raise CatalogError(path, _line(node), "file", "not_mapping")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise CatalogError(path, (mark.line + 1) if mark else 0, "yaml", "malformed",
                           {"detail": " ".join(str(exc.problem or exc).split()),
                            "column": (mark.column + 1) if mark else "?"}) from None
    except yaml.YAMLError as exc:
        raise CatalogError(path, 0, "yaml", "malformed", {"detail": " ".join(str(exc).split()), "column": "?"}) \
            from None
    finally:
        try:
            loader.dispose()
        except Exception:
            pass
    return node, loader


def _alias_error(path: str, text: bytes) -> CatalogError:
    """Locate the first alias (``*name``) with the event parser (error path only)."""
    import yaml

    try:
        for ev in yaml.parse(text, Loader=_loader_class()):
            if isinstance(ev, yaml.AliasEvent):
                return CatalogError(path, ev.start_mark.line + 1, "yaml", "alias",
                                    {"anchor": ev.anchor})
    except yaml.YAMLError:
        pass
    return CatalogError(path, 0, "yaml", "alias_any")


_T = "tag:yaml.org,2002:"
_BOOL_TRUE = {"yes", "true", "on", "y"}


def _to_python(path: str, root, text: bytes = b""):
    """Node tree -> Python values in one pass, refusing aliases (billion laughs: an alias is
    a node met twice, so nothing is ever expanded) and any non-standard tag
    (``!!python/...``).  Dates stay the strings written."""
    seen: set[int] = set()

    def conv(node, where):
        if id(node) in seen:
            raise _alias_error(path, text)
        seen.add(id(node))
        tag = node.tag
        if tag not in _SAFE_TAGS:
            raise CatalogError(path, _line(node), where or "yaml", "tag", {"tag": tag})
        if node.id == "scalar":
            v = node.value
            if tag == _T + "str" or tag == _T + "timestamp":
                return v
            if tag == _T + "null":
                return None
            if tag == _T + "bool":
                return v.lower() in _BOOL_TRUE
            if tag == _T + "int":
                try:
                    return int(v.replace("_", ""))
                except ValueError:
                    pass
            elif tag == _T + "float":
                try:
                    return float(v.replace("_", ""))
                except ValueError:
                    pass
            raise CatalogError(path, _line(node), where or "yaml", "unsupported",
                               {"kind": {_T + "int": kind_of(0), _T + "float": kind_of(0.0)}
                                .get(tag, tag.rsplit(":", 1)[-1]), "value": _short(v)})
        if node.id == "sequence":
            return [conv(v, f"{where}[{i}]") for i, v in enumerate(node.value)]
        out = {}
        for k, v in node.value:
            key = conv(k, where)
            if isinstance(key, (list, dict)):
                raise CatalogError(path, _line(k), where or "yaml", "complex_key")
            out[key] = conv(v, f"{where}.{key}" if where else str(key))
        return out

    return conv(root, "")

