"""The library surface: what `from refcheck import *` gives, argument handling, grouping."""
from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest

import refcheck
from refcheck import api

ROOT = Path(__file__).resolve().parent.parent
# Seed 000 (real article): a full citation and its short form later in the same article.
TEXT = ("Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị về tổ chức đại hội đảng bộ các cấp. "
        "Thực hiện Chỉ thị 35 của Bộ Chính trị, các cấp ủy đã chuẩn bị văn kiện.")


def test_star_import_works_and_names_the_api():
    out = subprocess.run([sys.executable, "-c", "from refcheck import *; print(sorted(__all__ "
                          "if False else [n for n in dir() if not n.startswith('_')]))"],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    for name in ("check_text", "check_source", "group_by_document"):
        assert name in out.stdout
    assert set(refcheck.__all__) <= set(dir(refcheck))


def test_default_catalog_is_loaded_once(monkeypatch):
    api.check_text(TEXT)
    calls = []
    import refcheck.catalog.load as load

    monkeypatch.setattr(load, "load_catalog", lambda *a, **k: calls.append(1))
    api.check_text(TEXT)
    assert calls == []


@pytest.mark.parametrize("value", [datetime.date(2020, 1, 1), datetime.datetime(2020, 1, 1, 8),
                                   "2020-01-01"])
def test_article_date_accepts_dates_and_iso(value):
    res = api.check_source(TEXT, article_date=value)
    assert res.articles[0].date == "2020-01-01"


@pytest.mark.parametrize("value", ["garbage", "2020-02-31", 20200101, "1/1/2020"])
def test_bad_article_date_is_a_clear_error(value):
    with pytest.raises(ValueError, match="article_date"):
        api.check_text(TEXT, article_date=value)


def test_catalog_may_be_a_path():
    cat = ROOT / "tests" / "data" / "catalogs" / "good.yaml"
    assert isinstance(api.check_text(TEXT, catalog=str(cat)), list)
    assert isinstance(api.check_text(TEXT, catalog=cat), list)


def test_group_by_document_joins_the_short_form_to_its_full_citation():
    groups = refcheck.group_by_document(TEXT)
    assert len(groups) == 1
    g = groups[0]
    assert g.document is not None and g.document.symbol == "35-CT/TW"
    assert g.document.date == "2019-05-30"
    assert [c.text for c in g.citations] == ["Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị",
                                            "Chỉ thị 35 của Bộ Chính trị"]


def test_group_by_document_keeps_unknown_documents_by_symbol():
    # A local Party committee's plan: outside every catalog, still one group per symbol.
    text = "Kế hoạch số 12-KH/TU của Tỉnh ủy và Kế hoạch số 12-KH/TU nói trên."
    groups = refcheck.group_by_document(text)
    assert [g.key for g in groups] == ["12-KH/TU"] and groups[0].document is None
    assert len(groups[0].citations) == 2
