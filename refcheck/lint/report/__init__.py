"""Reporters: one module per output format, from ``FileResult``s to text.

Nothing here reads files, looks at the terminal or decides exit codes; the CLI does that.
``common`` holds what the formats share (message texts, ``clean``, positions, finding order);
``jsonfmt``, ``grouped``, ``concise``, ``sarif``, ``github`` and ``stats`` one format each.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Optional

from refcheck.lint.formats import FORMATS, REPORT_FORMATS

if TYPE_CHECKING:
    from refcheck.lint.report.common import Positions, Sink, Writer
    from refcheck.lint.report.stats import Statistics
    from refcheck.model import FileResult

# Each format's module is imported when it is asked for (a run writes one format; the
# others cost start-up time for nothing): name -> the module that defines it.
_LAZY = {
    "PositionFn": "common", "Positions": "common", "Sink": "common", "Writer": "common",
    "clean": "common", "tabulate": "common",
    "ConciseWriter": "concise", "format_concise": "concise",
    "GithubWriter": "github", "format_github": "github",
    "GroupedWriter": "grouped", "format_grouped": "grouped",
    "JsonWriter": "jsonfmt", "format_json": "jsonfmt", "to_json_data": "jsonfmt",
    "INFORMATION_URI": "sarif", "SARIF_SCHEMA_URI": "sarif", "SarifWriter": "sarif",
    "format_sarif": "sarif",
    "Statistics": "stats", "format_statistics": "stats", "statistics": "stats",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


def _get(module: str, name: str):
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


def render(fmt: str, results: "list[FileResult]", version: str, lang: str = "vi",
           color: bool = False, positions: "Optional[Positions]" = None) -> str:
    """Dispatch on a ``--format`` name. ``positions``: see the module docstring."""
    if fmt == "grouped" or fmt == "full":
        return _get("grouped", "format_grouped")(results, lang, color, positions=positions)
    if fmt == "concise":
        return _get("concise", "format_concise")(results, lang, positions=positions)
    if fmt == "json":
        return _get("jsonfmt", "format_json")(results, version, positions)
    if fmt == "sarif":
        return _get("sarif", "format_sarif")(results, version, lang, positions=positions)
    if fmt == "github":
        return _get("github", "format_github")(results, lang, positions=positions)
    if fmt == "statistics":
        return _get("stats", "format_statistics")(results, lang)
    raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")


def open_writer(fmt: str, write: "Sink", version: str, lang: str = "vi",
                color: bool = False, width: Optional[int] = None,
                quiet: bool = False) -> "Writer":
    """The streaming writer for a ``--format`` name (``statistics`` is not one: see
    ``stats.Statistics``)."""
    if fmt == "grouped" or fmt == "full":
        return _get("grouped", "GroupedWriter")(write, lang, color, width=width, quiet=quiet)
    if fmt == "concise":
        return _get("concise", "ConciseWriter")(write, lang)
    if fmt == "json":
        return _get("jsonfmt", "JsonWriter")(write, version)
    if fmt == "sarif":
        return _get("sarif", "SarifWriter")(write, version, lang)
    if fmt == "github":
        return _get("github", "GithubWriter")(write)
    raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(REPORT_FORMATS)}")


def write_parts(writer: "Writer", item, stats: "Optional[Statistics]", threshold: int) -> bool:
    """Write a file checked in blocks (``item.parts``, see ``refcheck.lint.runner``) part by
    part, each dropped once written; whether a finding reaches the fail level ``threshold``."""
    from refcheck.model import severity_rank

    failing = False

    def parts():
        nonlocal failing
        for part, position in item.parts:
            if stats is not None:
                stats.add(part)
            failing = failing or any(severity_rank(f.severity) >= threshold
                                     for a in part.articles for f in a.findings)
            yield part, position
            del part, position  # not kept while the next block is checked

    writer.file_parts(item.result, parts())
    return failing


__all__ = ["write_parts", "FORMATS", "render", "format_grouped", "format_concise", "format_json", "to_json_data",
           "format_sarif", "format_github", "format_statistics", "statistics", "clean",
           "tabulate", "Positions", "PositionFn", "INFORMATION_URI", "SARIF_SCHEMA_URI",
           "open_writer", "Writer", "Sink", "Statistics"]
