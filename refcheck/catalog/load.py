"""The document catalog: loading, stacking, caching, indexing and validating ``catalog.yaml``.

``import refcheck.catalog.load`` stays cheap: PyYAML is imported only when a catalog file has to be
parsed (cache miss, ``validate``).  A parsed and indexed catalog is marshalled as plain builtins
(tuples, dicts, lists of ints, one blob of entries) under the cache dir, keyed by the sha256 of
the files' contents, the refcheck version and the ``Document`` field list, so a warm load is one
``marshal.load`` (no pickle import) and an entry becomes a ``Document`` only when a lookup
returns it.

See ``docs/catalog.md`` for the file format.
"""
from __future__ import annotations

import marshal
from pathlib import Path
from typing import Optional, Sequence, Union

from refcheck.catalog.errors import CatalogError, CatalogErrors
from refcheck.catalog.files import cache_key as _cache_key
from refcheck.catalog.files import (
    default_catalog_path,
    key_for,
    stack_key,
    stats,
)
from refcheck.catalog.files import stack_files as _stack
from refcheck.catalog.index import Catalog, Scope, _build_state
from refcheck.catalog.schema import _check_semantics, _parse_file
from refcheck.fsio import MAX_CATALOG_BYTES, cache_dir, cache_root, read_capped, try_write_atomic
from refcheck.model import Document

PathLike = Union[str, Path]

# ---------------------------------------------------------------------------------------------
# Locating the embedded default and the cache
# ---------------------------------------------------------------------------------------------
def _read_cache(key: str) -> Optional[dict]:
    import gc

    enabled = gc.isenabled()
    gc.disable()  # many small objects: the collector would run for nothing
    try:
        with open(cache_root() / f"catalog-{key}.marshal", "rb") as fh:
            data = fh.read()  # (marshal.load(fh) reads object by object: five times slower)
        n = int.from_bytes(data[:8], "little")
        view = memoryview(data)
        state = marshal.loads(view[8:8 + n])
        state["blob"] = view[8 + n:]  # the entries stay in the file's buffer, uncopied
        ends = memoryview(state["ends"]).cast("I")
        if len(state["blob"]) != (ends[-1] if len(ends) else 0):
            return None  # cut short: the entries are decoded lazily, where a cut would abort
    except Exception:  # missing, unreadable, truncated: rebuild
        return None
    finally:
        if enabled:
            gc.enable()
    return state if isinstance(state, dict) and state.get("key") == key else None


def _write_cache(key: str, state: dict) -> None:
    d = cache_dir()
    if d is None:  # unwritable cache dir: work without it
        return
    try:
        # Layout: header length (8 bytes), the marshalled header (each index marshalled on its
        # own, decoded when first used), then the entry blob, which a load leaves in place.
        header = {k: v for k, v in state.items() if k != "blob"}
        header["idx"] = {name: ix if isinstance(ix, bytes) else marshal.dumps(ix)
                         for name, ix in state["idx"].items()}
        header["key"] = key
        head = marshal.dumps(header)
    except ValueError:  # unmarshallable state: work without the cache
        return
    with_blob = b"".join((len(head).to_bytes(8, "little"), head, state["blob"]))
    if try_write_atomic(d / f"catalog-{key}.marshal", with_blob):
        stats["cache_writes"] += 1
        _prune(d)


_KEEP = 16  # catalog caches kept: an edited house catalog must not fill the disk


def _prune(d: Path) -> None:
    """Keep the most recently built catalog caches, drop the rest."""
    try:
        caches = sorted(d.glob("catalog-*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in caches[_KEEP:]:
            old.unlink()
    except OSError:
        pass


def cache_path_for(paths: Optional[Sequence[PathLike]] = None, *, default: bool = True) -> Path:
    """Where the cache of this stack lives (for tests and ``catalog stats``)."""
    return cache_root() / f"catalog-{stack_key(paths, default=default)}.marshal"


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------
def _read_all(files: Sequence[Path]) -> list[bytes]:
    contents = []
    for p in files:
        try:
            contents.append(read_capped(p, MAX_CATALOG_BYTES))
        except OSError as exc:
            raise CatalogError(p, 0, "file", "cannot_read", {"reason": exc}) from None
    return contents


def load_catalog(paths: Optional[Sequence[PathLike]] = None, *, default: bool = True,
                 use_cache: bool = True) -> Catalog:
    """Load the embedded default (unless ``default=False``) then each file of ``paths``;
    a later entry with the same id replaces an earlier one.  Raises ``CatalogError``
    (a ``CatalogErrors`` holding every problem) on an invalid file."""
    files = _stack(paths, default)
    try:
        key, contents = key_for(files)
    except OSError:
        key, contents = None, None  # the loop below names the file that cannot be read
    if contents is None and (key is None or not use_cache):
        contents = _read_all(files)
        key = _cache_key(contents)
    if use_cache:
        state = _read_cache(key)
        if state is not None:
            stats["cache_hits"] += 1
            import gc

            enabled = gc.isenabled()
            gc.disable()
            try:
                return Catalog(state, from_cache=True)
            finally:
                if enabled:
                    gc.enable()

    if contents is None:  # the key came from the files' stat memo: read them now
        contents = _read_all(files)
    # The files stacked over the default first: a broken house catalog is reported without
    # parsing the 4 MB default (which is valid: a test rebuilds and validates it).
    parsed_rest = [_parse_file(p, c) for p, c in zip(files[1:], contents[1:])] if default else []
    broken = [e for pf in parsed_rest for e in pf.errors]
    if broken:
        raise CatalogErrors(broken)
    parsed = ([_parse_file(files[0], contents[0])] + parsed_rest if default
              else [_parse_file(p, c) for p, c in zip(files, contents)])
    terms_p: dict[str, tuple] = {}
    terms_a: dict[str, tuple] = {}
    for pf in parsed:
        for k, s, e in pf.party_terms:
            terms_p[k] = (k, s, e)
        for k, s, e in pf.assembly_terms:
            terms_a[k] = (k, s, e)
    party_terms = sorted(terms_p.values(), key=lambda t: t[1])
    assembly_terms = sorted(terms_a.values(), key=lambda t: t[1])
    known_ids = set()
    for pf in parsed:
        known_ids.update(d.id for d in pf.docs)
    errors: list[CatalogError] = []
    for pf in parsed:
        errors += pf.errors
        errors += _check_semantics(pf, known_ids, {k: (s, e) for k, s, e in party_terms})
    if errors:
        raise CatalogErrors(errors)

    merged: dict[str, Document] = {}
    scopes = []
    names = []
    for pf in parsed:
        names.append(pf.name)
        for d in pf.docs:
            d.catalog = pf.name
            merged[d.id] = d  # same id: replaced in place, keeps the first position
        scopes += [s for s in pf.scopes]
    state = _build_state(list(merged.values()), names, [str(p) for p in files],
                         [tuple(getattr(s, f) for f in Scope.__slots__) for s in scopes],
                         party_terms, assembly_terms)
    if use_cache:
        _write_cache(key, state)
    return Catalog(state)


def validate(paths: Optional[Sequence[PathLike]] = None, *,
             against_default: bool = True) -> list[CatalogError]:
    """Every problem in ``paths`` (default: the embedded catalog), file by file.

    Relations may point to ids of any of the files or, with ``against_default``, of the
    embedded catalog; Party dates are checked against the terms of the files (else the
    default's).
    """
    files = [Path(p) for p in paths] if paths else [default_catalog_path()]
    parsed = []
    errors: list[CatalogError] = []
    for f in files:
        try:
            text = read_capped(f, MAX_CATALOG_BYTES)
        except OSError as exc:
            errors.append(CatalogError(f, 0, "file", "cannot_read", {"reason": exc}))
            continue
        parsed.append(_parse_file(f, text))
    known = set()
    terms: dict = {}
    default_path = default_catalog_path()
    if against_default and all(Path(f).resolve() != default_path.resolve() for f in files):
        try:
            base = load_catalog(default=True)
            known.update(base.by_id)
            terms.update({k: (s, e) for k, s, e in base.party_terms})
        except CatalogError:
            pass
    for pf in parsed:
        known.update(d.id for d in pf.docs)
        terms.update({k: (s, e) for k, s, e in pf.party_terms})
    for pf in parsed:
        errors += pf.errors
        errors += _check_semantics(pf, known, terms)
    return errors
