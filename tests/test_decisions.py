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


# --- applied by the build ----------------------------------------------------------------------
import pytest  # noqa: E402

from refcheck.catalog.build import build_default_catalog  # noqa: E402


@pytest.fixture(scope="module")
def built():
    _text, report, docs = build_default_catalog(SRC)
    return report, {d.id: d for d in docs}


def test_every_decision_is_applied(built):
    report, _ = built
    assert [n for n in report.notes if "matches no entry" in n.message] == []


def test_decided_values_are_in_the_catalog(built):
    _, docs = built
    assert docs["72/2008/TT-BTC"].date == "2008-07-31" and docs["72/2008/TT-BTC"].verified
    assert docs["20/2011/NĐ-CP"].issuer == "Chính phủ"
    assert docs["50/2017/QĐ-TTg"].effective is None  # effective before signing: left empty
    # disputed: kept, never verified, so never an error on its own
    assert not docs["40/2016/TT-BGTVT"].verified and docs["40/2016/TT-BGTVT"].date == "2016-12-07"
    # a collision: two documents, both keyed by date
    a, b = docs["01/2022/NĐ-CP@2022-01-04"], docs["01/2022/NĐ-CP@2022-11-30"]
    assert a.verified and not b.verified and "Bộ Quốc phòng" in b.title
    assert docs["167-KL/TW@2025-06-13"].verified


def test_committed_report_is_the_build_report(built):
    report, _ = built
    committed = (SRC / "import-report.txt").read_text(encoding="utf-8")
    assert committed == "\n".join(report.lines()) + "\n", "run python tools/build_catalog.py"
