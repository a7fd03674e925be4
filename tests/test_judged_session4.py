"""The session-4 judged findings (issue 12), row by row: every false error of the fresh news
sample and of the official titles in the shared tables is gone, every right one still raised.

Rows (tests/data/judged-session4.tsv) are verbatim excerpts of the article or title named in
`source` (bench/judge/sample.py, bench/judge/tables.py); `catalog-issuer` and
`law-promulgated` rows come from an audit of catalog issuers against their own codes and are
the standard citation shape of those real documents; a `+` case is the same shape with one
part changed to show that a real error of that shape is still caught. `expect` is
the severity of `code` at the citation: `error`, `warning` or `none` (not raised at all).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import check_judged_row, judged_rows

from refcheck.api import check_source
from refcheck.catalog.load import load_catalog


@pytest.fixture(scope="module")
def cat():
    return load_catalog()


@pytest.mark.parametrize("row", judged_rows("judged-session4.tsv"), ids=lambda r: f"{r['case']}-{r['code']}-{r['source'].split()[0]}")
def test_judged_row(cat, row):
    check_judged_row(cat, row, never_error=("false",))


def test_catalog_issuer_contradicting_its_own_code_is_no_evidence():
    """A registry issuer that contradicts the entry's own code (01/2021/QĐ-TTg "Chính phủ", as
    state-documents.tsv:92 had it) is not held against a text that names the code's body."""
    noisy = load_catalog([Path(__file__).parent / "data" / "catalogs" / "noisy_issuer.yaml"])
    assert noisy.by_symbol("01/2021/QĐ-TTg")[0].issuer == "Chính phủ"
    text = "Quyết định số 01/2021/QĐ-TTg ngày 05/01/2021 của Thủ tướng Chính phủ"
    res = check_source(text, catalog=noisy)
    assert [f for a in res.articles for f in a.findings if f.severity == "error"] == []
    wrong = check_source(text.replace("Thủ tướng Chính phủ", "Bộ Công Thương"), catalog=noisy)
    assert "RC302" in [f.code for a in wrong.articles for f in a.findings if f.severity == "error"]
