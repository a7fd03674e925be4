"""A checked file's result as plain data (tuples, lists, dicts, str, int, bool, None) and
back, for the result cache: ``marshal`` writes and reads it, and reading it back runs no
code of the cache file's choosing (as ``pickle.loads`` would: a cache file someone else
wrote could run anything). Every value is checked against its field's annotation as it is
read, so a damaged or forged entry raises ``ValueError`` (a cache miss) instead of handing
the report a result it would trip over.

Each dataclass of ``refcheck.model`` becomes the tuple of its fields in declaration order;
the codec is built from the annotations (``dataclasses.fields``), so a field added to the
model is carried without a change here (and the cache's code stamp keeps old entries apart).
"""
from __future__ import annotations

import dataclasses
from typing import Any, Callable, Optional

from refcheck import model

_Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]  # (to plain, from plain)
_CODECS: dict[str, _Codec] = {}
_CLASSES = {c.__name__: c for c in (model.Span, model.Citation, model.Document,
                                     model.Resolution, model.Fix, model.Finding,
                                     model.Article)}


def _bad(value: Any) -> Any:
    raise ValueError(f"not a cached value: {type(value).__name__}")


def _exact(*types: type) -> _Codec:
    def check(v: Any) -> Any:
        if type(v) not in types:
            _bad(v)
        return v

    return check, check


def _optional(inner: _Codec) -> _Codec:
    enc, dec = inner
    return (lambda v: None if v is None else enc(v)), (lambda v: None if v is None else dec(v))


def _list(inner: _Codec) -> _Codec:
    enc, dec = inner

    def decode(v: Any) -> list:
        if type(v) is not list:
            _bad(v)
        return [dec(x) for x in v]

    return (lambda v: [enc(x) for x in v]), decode


def _tuple(*items: _Codec) -> _Codec:
    def encode(v: Any) -> tuple:
        if len(v) != len(items):
            _bad(v)
        return tuple(c[0](x) for c, x in zip(items, v))

    def decode(v: Any) -> tuple:
        if type(v) is not tuple or len(v) != len(items):
            _bad(v)
        return tuple(c[1](x) for c, x in zip(items, v))

    return encode, decode


def _strings() -> _Codec:
    def check(v: Any) -> tuple:
        if type(v) is not tuple or any(type(x) is not str for x in v):
            _bad(v)
        return v

    return (lambda v: check(tuple(v))), check


def _args() -> _Codec:
    """A finding's message arguments: str keys, str/int/bool/None values (rules.base)."""
    def check(v: Any) -> dict:
        if type(v) is not dict or any(type(k) is not str or (x is not None and type(x) not in (str, int, bool))
                                      for k, x in v.items()):
            _bad(v)
        return v

    return (lambda v: check(dict(v))), check


def _dataclass(cls: type) -> _Codec:
    fields = [(f.name, codec(f.type)) for f in dataclasses.fields(cls)]
    n = len(fields)

    def encode(v: Any) -> tuple:
        if type(v) is not cls:
            _bad(v)
        return tuple(c[0](getattr(v, name)) for name, c in fields)

    def decode(v: Any) -> Any:
        if type(v) is not tuple or len(v) != n:
            _bad(v)
        return cls(*[c[1](x) for (_, c), x in zip(fields, v)])

    return encode, decode


def codec(annotation: str) -> _Codec:
    """The codec of one field annotation of ``refcheck.model`` (the strings it spells)."""
    got = _CODECS.get(annotation)
    if got is not None:
        return got
    if annotation in ("str", "int", "bool"):
        got = _exact({"str": str, "int": int, "bool": bool}[annotation])
    elif annotation == "dict":
        got = _args()
    elif annotation == "tuple[str, ...]":
        got = _strings()
    elif annotation.startswith("Optional[") and annotation.endswith("]"):
        got = _optional(codec(annotation[9:-1]))
    elif annotation.startswith("list[") and annotation.endswith("]"):
        got = _list(codec(annotation[5:-1]))
    elif annotation.startswith("tuple[") and annotation.endswith("]"):
        got = _tuple(*(codec(a.strip()) for a in annotation[6:-1].split(",")))
    elif annotation in _CLASSES:
        got = _dataclass(_CLASSES[annotation])
    else:  # pragma: no cover - a new kind of field: teach the codec before caching it
        raise TypeError(f"no cache codec for {annotation!r}")
    _CODECS[annotation] = got
    return got


def articles_to_plain(articles: list) -> list:
    """A result's articles as plain data (``TypeError``/``ValueError``: not storable)."""
    return codec("list[Article]")[0](articles)


def articles_from_plain(data: Any) -> list:
    """The articles back (``ValueError`` for anything that is not what the encoder wrote)."""
    return codec("list[Article]")[1](data)


def table_ok(table: Any) -> Optional[dict]:
    """A stored positions table ({offset: (line, column)}) checked, or ValueError."""
    if table is None:
        return None
    if type(table) is not dict:
        _bad(table)
    for k, v in table.items():
        if type(k) is not int or type(v) is not tuple or len(v) != 2 or \
                type(v[0]) is not int or type(v[1]) is not int:
            _bad(v)
    return table
