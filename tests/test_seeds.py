"""The five seed articles the product was specified from: what refcheck must find in them."""
from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.api import check_source
from refcheck.catalog.load import load_catalog

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def results():
    cat = load_catalog()
    out = {}
    for p in sorted(SEEDS.glob("*.txt")):
        out[p.name[:3]] = check_source(p.read_text(encoding="utf-8"), path=str(p), catalog=cat)
    return out


def _cites(result):
    return [(c, r) for a in result.articles for c, r in zip(a.citations, a.resolutions)]


def _findings(result):
    return [f for a in result.articles for f in a.findings]


def test_every_seed_citation_is_listed(results):
    got = {k: [c.symbol or c.congress or (c.plenum, c.khoa) for c, _ in _cites(r)]
           for k, r in results.items()}
    assert got == {
        "000": ["45-CT/TW"],
        "001": ["XIII", "XIII"],
        "002": ["XIII", (4, "XI"), (4, "XII"), "05-CT/TW", "01-KL/TW", "XIII"],
        "003": ["35-CT/TW", "XIII", "126-QĐ/TW"],
        "004": ["35-CT/TW", "01-KH/ĐU", (4, "XII")],
    }


def test_central_documents_resolve(results):
    resolved = {}
    for r in results.values():
        for c, res in _cites(r):
            resolved.setdefault(c.symbol or c.congress or f"TW{c.plenum}-{c.khoa}", set()).update(
                d.id for d in res.documents)
    assert "35-CT/TW@2019-05-30" in resolved["35-CT/TW"]
    assert "45-CT/TW@2020-06-20" in resolved["45-CT/TW"]
    assert "05-CT/TW@2016-05-15" in resolved["05-CT/TW"]
    assert {"01-KL/TW@2016-04-04", "01-KL/TW@2021-05-18"} >= resolved["01-KL/TW"] != set()
    assert "126-QĐ/TW@2018-02-28" in resolved["126-QĐ/TW"]
    assert resolved["TW4-XI"] == {"12-NQ/TW@2012-01-16", "13-NQ/TW@2012-01-16"}
    assert "04-NQ/TW@2016-10-30" in resolved["TW4-XII"]
    assert resolved["XIII"] == {"Đại hội XIII"}


def test_spaced_symbol_is_rc102_with_fix(results):
    (f,) = [f for f in _findings(results["000"]) if f.code == "RC102"]
    text = results["000"].text
    assert text[f.start:f.end] == "45 - CT/TW"
    assert f.fix.replacement == "45-CT/TW" and f.fix.safe
    assert (f.line, f.column) == (29, 286)


def test_local_plan_is_unverifiable_info(results):
    (f,) = [f for f in _findings(results["004"]) if f.code == "RC202"]
    assert f.severity == "info" and "01-KH/ĐU" in f.message


def test_seed_001_is_two_articles(results):
    arts = results["001"].articles
    assert len(arts) == 2
    assert arts[0].title == "Hội nghị triển khai nhiệm vụ năm 2022 của Văn phòng Quốc hội"
    assert arts[1].title.startswith("Tổng Bí thư, Chủ tịch Trung Quốc Tập Cận Bình")
    assert arts[1].line == 45


def test_datelines(results):
    assert results["000"].articles[0].date == "2020-10-02"
    assert results["003"].articles[0].date == "2020-10-30"
    assert results["004"].articles[0].date is None


def test_no_errors_on_the_seeds(results):
    """The seeds are real published articles: nothing in them is a hard error."""
    assert [f for r in results.values() for f in _findings(r) if f.severity == "error"] == []
