"""data/sources/decisions.tsv: every recorded conflict has a decision, with a reason and evidence."""
from __future__ import annotations

import csv
import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "data" / "sources"
DECISIONS = ("correct", "keep", "disputed", "add")


def _rows(name: str) -> list[dict[str, str]]:
    with open(SRC / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_every_conflict_is_decided():
    decided = {(r["symbol"], r["field"] in ("date", "document")) for r in _rows("decisions.tsv")}
    conflicts = [r["number"] for r in _rows("conflicts-with-existing.tsv")]
    conflicts += [r["symbol"] for r in _rows("party-conflicts-with-existing.tsv")]
    assert len(conflicts) == 20
    missing = [s for s in conflicts if (s, True) not in decided]
    assert missing == []


def test_decision_rows_are_well_formed():
    rows = _rows("decisions.tsv")
    for r in rows:
        assert r["decision"] in DECISIONS, r
        assert r["reason"] and r["evidence"], r
        if r["field"] in ("date", "effective", "document") and r["value"]:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["value"]), r
        if r["decision"] in ("correct", "keep") and r["field"] == "date":
            assert r["value"], r
        assert r["verified"] in ("", "yes", "no"), r


def test_year_in_symbol_rule_holds_for_decided_dates():
    # a State symbol NN/YYYY/XX is signed in YYYY: no decision may break it
    for r in _rows("decisions.tsv"):
        m = re.match(r"^\d+/(\d{4})/", r["symbol"])
        if m and r["field"] in ("date", "document") and r["value"]:
            assert r["value"][:4] == m.group(1), r
