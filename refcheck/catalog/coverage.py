"""How complete the catalog is, series by series, derived from its own entries.

Why: a citation missing from the catalog is "unknown" (RC201) only if the catalog would know
it; otherwise it is merely "unverifiable" (RC202). Numbers are given in sequence within a
series (type code x issuer x numbering period: a calendar year for State documents, a khóa
for central Party ones), so the share of the numbers 1..N the catalog holds, N the highest
number it holds, says how complete that series is. Nothing here is typed in: it is counted
from the entries at build time (``_build_state``) and cached with the index. A khóa's
plenums are a series too (:func:`plenum_key`), numbered by plenum.

Thresholds. ``NEAR_COMPLETE`` = 0.9: with one number in ten missing, a cited number the
catalog lacks is far more likely a misprint than a gap (and RC201 stays a warning); below it
the gaps are too many to call anything unknown. ``MIN_KNOWN`` = 10: a series of three known
numbers (1, 2, 3 -> density 1.0) says nothing. A number above the highest known is never
"unknown": the series may go on past what the data holds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

NEAR_COMPLETE = 0.9
MIN_KNOWN = 10
LAW_WORDS = ("Luật", "Bộ luật", "Pháp lệnh")  # one series: NN/YYYY/QHnn laws and codes


def _kind(type_code: Optional[str], type_word: Optional[str], system: str) -> Optional[str]:
    """Type part of a series key. Without a type code (laws and NA resolutions share
    NN/YYYY/QHnn and are numbered apart) the type word decides; laws and codes are one."""
    if type_code:
        return type_code
    if system != "state":
        return None
    if type_word is None or type_word in LAW_WORDS:
        return "law"
    return type_word


def series_key(system: str, type_code: Optional[str], issuer_code: Optional[str],
               type_word: Optional[str], period: Optional[str]) -> Optional[tuple]:
    """``(system, kind, issuer, period)``; ``None`` when a part is unknown."""
    kind = _kind(type_code, type_word, system)
    if not issuer_code or not period or kind is None:
        return None
    return (system, kind, issuer_code.split("-")[0], period)


def khoa_at(terms, iso: str) -> Optional[str]:
    for k, start, end in terms:
        if start <= iso and (end is None or iso < end):
            return k
    return None


def doc_key(d, party_terms) -> Optional[tuple]:
    if d.number is None:
        return None
    if d.system == "party":
        period = d.khoa or (khoa_at(party_terms, d.date) if d.date else None)
    else:
        period = state_period(d.year, d.date, d.issuer_code)
    return series_key(d.system, d.type_code, d.issuer_code, d.type, period)


_TERM_ISSUER = re.compile(r"^(?:QH|UBTVQH)\d+$")


def state_period(year: Optional[int], date: Optional[str],
                 issuer_code: Optional[str] = None) -> Optional[str]:
    """A State numbering period: the year in the symbol (``2017`` for 50/2017/QĐ-TTg), or for
    a symbol without one (1234/QĐ-TTg, numbered apart, restarting every January) the year of
    its date marked ``~`` (``~2017``): the two sequences never mix. The National Assembly
    numbers across its term (45/2013/QH13 ... 106/2016/QH13): its issuer code is the period."""
    if issuer_code and _TERM_ISSUER.match(issuer_code.split("-")[0]):
        return "term"
    if year:
        return str(year)
    return f"~{date[:4]}" if date else None


def plenum_key(khoa: str) -> tuple:
    """The plenums of one khóa as a series: Central Committee plenums are numbered 1, 2, ...
    within the khóa as documents are within a series, so the share of plenums 1..N the
    catalog holds documents of says whether it would know a missing one (RC201, not RC202).
    "HNTW" (Hội nghị Trung ương) is the kind, a code in either language."""
    return ("party", "HNTW", "TW", khoa.strip().upper())


def compute(docs: Iterable, party_terms) -> dict[tuple, tuple[int, int]]:
    """Series key -> (distinct numbers known, highest number known); a khóa's plenums
    (:func:`plenum_key`) are one series more, numbered by plenum."""
    numbers: dict[tuple, set[int]] = {}
    for d in docs:
        k = doc_key(d, party_terms)
        if k is not None:
            numbers.setdefault(k, set()).add(d.number)
        if d.plenum is not None and d.khoa:
            numbers.setdefault(plenum_key(d.khoa), set()).add(d.plenum)
    return {k: (len(v), max(v)) for k, v in numbers.items()}


@dataclass(frozen=True, slots=True)
class Series:
    key: tuple
    known: int
    top: int

    @property
    def density(self) -> float:
        return self.known / self.top if self.top else 0.0

    @property
    def near_complete(self) -> bool:
        return self.known >= MIN_KNOWN and self.density >= NEAR_COMPLETE

    def claims(self, number: Optional[int]) -> bool:
        """Whether a document of this number missing from the catalog is unknown."""
        return number is not None and self.near_complete and 1 <= number <= self.top

    def label(self) -> str:
        system, kind, issuer, period = self.key
        what = "Luật" if kind == "law" else kind
        if kind == "HNTW":
            return f"HNTW {period}"  # a khóa's plenums
        return f"{what}/{issuer} {period}" if system == "party" else f"{what}-{issuer} {period}"
