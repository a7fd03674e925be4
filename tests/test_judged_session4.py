"""The session-4 judged findings (issue 12), row by row: every false error of the fresh news
sample and of the official titles in the shared tables is gone, every right one still raised.

Rows (tests/data/judged-session4.tsv) are verbatim excerpts of the article or title named in
`source` (bench/judge/sample.py, bench/judge/tables.py), or, for a `+` case, the same shape
with one part changed to show that a real error of that shape is still caught. `expect` is
the severity of `code` at the citation: `error`, `warning` or `none` (not raised at all).
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from refcheck.api import check_source
from refcheck.catalog.load import load_catalog

ROWS = Path(__file__).parent / "data" / "judged-session4.tsv"


def _rows() -> list[dict]:
    with ROWS.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def cat():
    return load_catalog()


@pytest.mark.parametrize("row", _rows(), ids=lambda r: f"{r['case']}-{r['code']}-{r['source'].split()[0]}")
def test_judged_row(cat, row):
    res = check_source(row["sentence"], catalog=cat, article_date=row["article_date"] or None)
    found = [f for a in res.articles for f in a.findings]
    got = {f.severity for f in found if f.code == row["code"]}
    if row["expect"] == "none":
        assert not got, [(f.code, f.severity, f.message) for f in found]
    else:
        assert row["expect"] in got, [(f.code, f.severity, f.message) for f in found]
    if row["verdict"] == "false":  # a false finding must not come back under another code
        assert not [f for f in found if f.severity == "error"], [(f.code, f.message) for f in found]
