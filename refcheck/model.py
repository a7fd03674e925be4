"""Plain data shared by every stage of the pipeline.

Offsets are code-point offsets into the decoded text of one file (or one string handed to
``check_text``); lines and columns are 1-based and computed only when reporting.
Every class has a docstring: without one, ``dataclass`` builds it from ``inspect.signature``
while the module is imported, which every run (a cached one too) pays for.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

#: Severities, from least to most serious; their order drives ``--fail-level``.
SEVERITIES = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True, slots=True)
class Span:
    """Where something is in the text: code-point offsets, end exclusive."""
    start: int
    end: int


@dataclass(slots=True)
class Citation:
    """One reference to one document, as written.

    A list such as ``18-NQ/TW và 19-NQ/TW`` yields two citations; both keep the span of the
    symbol they came from, and share the type word, date and issuer of the list.
    """

    text: str  # the original text of the whole citation (text[start:end])
    start: int
    end: int
    kind: str  # "symbol" | "named" | "bare"
    type: Optional[str] = None  # type word, canonical spelling ("Chỉ thị")
    number: Optional[int] = None
    year: Optional[int] = None
    type_code: Optional[str] = None  # canonical ("NĐ", "CT", "TTLT")
    issuer_code: Optional[str] = None  # canonical ("TW", "CP", "BTC-BNV", "QH13")
    date: Optional[str] = None  # ISO yyyy-mm-dd when valid
    issuer: Optional[str] = None  # issuer phrase, canonical body name when known
    khoa: Optional[str] = None  # Roman numeral of the Party term, "XII"
    # --- details used by the checks (not part of the stable JSON) ---
    system: Optional[str] = None  # "party" | "state" | None (as written)
    symbol: Optional[str] = None  # canonical symbol, "35-CT/TW", "30/2020/NĐ-CP"
    symbol_span: Optional[Span] = None  # where the symbol is, in the original text
    symbol_raw: Optional[str] = None  # the symbol as written
    date_raw: Optional[str] = None
    date_span: Optional[Span] = None
    date_problem: Optional[str] = None  # "impossible" | "truncated"
    date_parts: Optional[tuple[int, int, int]] = None  # (day, month, year) as written
    issuer_span: Optional[Span] = None
    issuer_raw: Optional[str] = None
    plenum: Optional[int] = None  # "Hội nghị Trung ương 4" -> 4
    congress: Optional[str] = None  # "Đại hội XIII" -> "XIII"
    title: Optional[str] = None  # law title for named law citations ("Đất đai")
    crossed: bool = False  # Party symbol in State style or the reverse
    type_inherited: bool = False  # list member: the type word was written once for the list
    number_suffix: Optional[str] = None  # "a" in 30a/2008/NQ-CP
    refers_to: Optional[int] = None  # short form: index in the article of what it abbreviates
    spelling: list[tuple[Span, str]] = field(default_factory=list)  # (span, canonical)


@dataclass(slots=True)
class Document:
    """One catalog entry."""

    id: str
    symbol: Optional[str]
    type: Optional[str]
    number: Optional[int]
    year: Optional[int]
    type_code: Optional[str]
    issuer_code: Optional[str]
    issuer: Optional[str]
    date: Optional[str]
    system: str  # "party" | "state"
    effective: Optional[str] = None
    title: Optional[str] = None
    khoa: Optional[str] = None
    plenum: Optional[int] = None
    congress: Optional[str] = None
    replaces: tuple[str, ...] = ()
    replaced_by: tuple[str, ...] = ()
    amends: tuple[str, ...] = ()
    expired: Optional[str] = None
    aliases: tuple[str, ...] = ()
    source: Optional[str] = None
    verified: bool = True
    catalog: Optional[str] = None  # name of the catalog it came from


@dataclass(slots=True)
class Resolution:
    """What a citation resolved to: zero, one or several catalog documents."""

    documents: list[Document] = field(default_factory=list)
    in_scope: bool = False  # inside a catalog's declared scope
    complete: bool = False  # ...and that scope is declared complete
    how: str = ""  # "date" | "khoa" | "article-date" | "only" | "named" | ...
    certain: bool = True  # False: a best guess that checks must not hold against the text
    near: list[Document] = field(default_factory=list)  # same symbol, excluded by the text's khóa
    #: how "in-force-inferred" / "plenum-inferred": the day an undated article's text shows it
    #: was written after (text/datefloor), on which the version or khóa was taken; a guess,
    #: never a date to check
    inferred: Optional[str] = None


@dataclass(slots=True)
class Fix:
    """A replacement of ``text[start:end]``, applied by ``--fix`` when ``safe``."""
    start: int
    end: int
    replacement: str
    safe: bool = True
    #: the text the fix replaces, as it was checked: a fix is applied only where this text
    #: still stands at its offsets (never spliced into a text it was not computed on)
    original: Optional[str] = None


@dataclass(slots=True)
class Finding:
    """What a rule says of a span: code, severity, message, and the fix if any."""
    code: str
    name: str
    severity: str
    message: str
    start: int
    end: int
    citation: Optional[int] = None  # index into the article's citations
    fix: Optional[Fix] = None
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    # What the message was built from, so a client can re-localise it or build hover text:
    # the template's arguments, the message variant, and the catalog ids of the documents
    # the finding is about.
    args: dict = field(default_factory=dict)
    variant: str = "default"
    documents: tuple[str, ...] = ()


@dataclass(slots=True)
class Article:
    """One article of a file: its span and date, its citations, what they resolved to,
    and the findings."""
    index: int
    start: int
    end: int
    title: Optional[str] = None
    date: Optional[str] = None  # ISO
    date_source: Optional[str] = None  # "front-matter" | "option" | "dateline" | None
    line: int = 1
    citations: list[Citation] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


@dataclass(slots=True)
class FileResult:
    """Everything the reporters need about one checked file."""

    path: str
    articles: list[Article] = field(default_factory=list)
    error: Optional[str] = None  # one-line reason the file could not be read
    text: str = ""  # decoded text the offsets point into
    kind: str = "txt"  # txt | md | html | docx | jsonl
