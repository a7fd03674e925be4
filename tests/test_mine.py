"""refcheck catalog mine on real archive excerpts (tests/data/mine, from the news corpus)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from refcheck.catalog.load import load_catalog
from refcheck.lint.catalog_cli import catalog as catalog_cli
from refcheck.lint.mine import agreement, disagreements, iter_texts, mine, settle

DATA = Path(__file__).resolve().parent / "data" / "mine"


@pytest.fixture(scope="module")
def cat():
    return load_catalog()


def _run(cat, min_count=2, **kw):
    texts = iter_texts(kw.get("paths", []), kw.get("jsonl", [str(DATA / "archive.jsonl")]))
    return settle(mine(texts, cat), cat, min_count=min_count)


def test_votes_across_independent_articles(cat):
    res = _run(cat)
    assert res.articles == 6 and res.duplicates == 1  # the republished copy counts once
    got = {d.id: (d, v) for d, v in res.candidates}
    assert set(got) == {"15-CT/TU@2016-12-16", "02/2017/TT-BYT"}
    doc, votes = got["02/2017/TT-BYT"]
    assert doc.date == "2017-03-15" and not doc.verified and doc.source == "attested"
    assert votes.articles == {"baomoi/22639192.txt", "baomoi/22677110.txt"}
    assert doc.issuer == "Bộ Y tế" and doc.type == "Thông tư"
    # "16-12-2016" and "16/12/2016" are one date, two witnesses
    assert got["15-CT/TU@2016-12-16"][1].dates == {
        "2016-12-16": {"baomoi/21478620.txt", "baomoi/21488094.txt"}}


def test_catalog_entry_wins_over_the_articles(cat):
    res = _run(cat)
    assert all(d.symbol != "11-NQ/TW" for d, _ in res.candidates)
    rows = {r[1]: r for r in disagreements(res)}
    kind, _, majority, _, catalog_dates = rows["11-NQ/TW"]
    assert kind == "catalog-verified" and majority == "2017-05-31"
    assert catalog_dates == "2017-06-03"
    assert agreement(res) == (0, 1)


def test_min_count_and_folders(cat):
    assert _run(cat, min_count=3).candidates == []
    res = _run(cat, paths=[str(DATA / "folder")], jsonl=[])
    assert [d.id for d, _ in res.candidates] == ["15-CT/TU@2016-12-16"]


def test_cli_writes_a_catalog_that_stacks(tmp_path):
    out, dis = tmp_path / "attested.yaml", tmp_path / "dis.tsv"
    r = CliRunner().invoke(catalog_cli, ["mine", "--jsonl", str(DATA / "archive.jsonl"),
                                         "-o", str(out), "--disagreements", str(dis),
                                         "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert "candidates: 2" in r.output
    text = out.read_text(encoding="utf-8")
    assert "# 2 of 2 articles give 2017-03-15" in text and "verified: false" in text
    stacked = load_catalog([out])
    assert [d.date for d in stacked.by_symbol("02/2017/TT-BYT")] == ["2017-03-15"]
    assert "11-NQ/TW" in dis.read_text(encoding="utf-8")
    r = CliRunner().invoke(catalog_cli, ["mine"])
    assert r.exit_code == 2
