"""Reporters: one module per output format, from ``FileResult``s to text.

Nothing here reads files, looks at the terminal or decides exit codes; the CLI does that.
``common`` holds what the formats share (message texts, ``clean``, positions, finding order);
``jsonfmt``, ``grouped``, ``concise``, ``sarif``, ``github`` and ``stats`` one format each.
"""
from __future__ import annotations

from typing import Optional

from refcheck.lint.formats import FORMATS, REPORT_FORMATS
from refcheck.lint.report.common import PositionFn, Positions, Sink, Writer, clean, tabulate
from refcheck.lint.report.concise import ConciseWriter, format_concise
from refcheck.lint.report.github import GithubWriter, format_github
from refcheck.lint.report.grouped import GroupedWriter, format_grouped
from refcheck.lint.report.jsonfmt import JsonWriter, format_json, to_json_data
from refcheck.lint.report.sarif import (INFORMATION_URI, SARIF_SCHEMA_URI, SarifWriter,
                                        format_sarif)
from refcheck.lint.report.stats import Statistics, format_statistics, statistics
from refcheck.model import FileResult



def render(fmt: str, results: list[FileResult], version: str, lang: str = "vi",
           color: bool = False, positions: Optional[Positions] = None) -> str:
    """Dispatch on a ``--format`` name. ``positions``: see the module docstring."""
    if fmt == "grouped" or fmt == "full":
        return format_grouped(results, lang, color, positions=positions)
    if fmt == "concise":
        return format_concise(results, lang, positions=positions)
    if fmt == "json":
        return format_json(results, version, positions)
    if fmt == "sarif":
        return format_sarif(results, version, lang, positions=positions)
    if fmt == "github":
        return format_github(results, lang, positions=positions)
    if fmt == "statistics":
        return format_statistics(results, lang)
    raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")


def open_writer(fmt: str, write: Sink, version: str, lang: str = "vi",
                color: bool = False, width: Optional[int] = None,
                quiet: bool = False) -> Writer:
    """The streaming writer for a ``--format`` name (``statistics`` is not one: see
    ``stats.Statistics``)."""
    if fmt == "grouped" or fmt == "full":
        return GroupedWriter(write, lang, color, width=width, quiet=quiet)
    if fmt == "concise":
        return ConciseWriter(write, lang)
    if fmt == "json":
        return JsonWriter(write, version)
    if fmt == "sarif":
        return SarifWriter(write, version, lang)
    if fmt == "github":
        return GithubWriter(write)
    raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(REPORT_FORMATS)}")


def write_parts(writer: Writer, item, stats: Optional[Statistics], threshold: int) -> bool:
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
