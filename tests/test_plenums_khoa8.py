"""Issue 13: the plenum documents of khóa VIII that news still cites resolve to catalog rows
(data/sources/party-plenums.tsv, written from the public sources in its evidence column).

Sentences from ../shared/data/news/baomoi-2017.jsonl.gz, article baomoi/22278897 ("Kiểm tra
công tác quy hoạch, luân chuyển cán bộ"): the only article of the corpus citing a khóa VIII
plenum; both citations were RC202 "unverifiable" before the rows existed.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from refcheck.api import check_source
from refcheck.catalog.load import load_catalog

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"

NEWS = [
    ("Phó Thủ tướng nêu rõ, quy hoạch và luân chuyển cán bộ là những nhiệm vụ quan trọng trong "
     "4 nhóm nhiệm vụ, giải pháp lớn thực hiện Nghị quyết Trung ương 3 (khóa VIII) về Chiến lược "
     "cán bộ thời kỳ đẩy mạnh công nghiệp hóa, hiện đại hóa đất nước."),
    ("Sau Nghị quyết Trung ương 3 (khóa VIII), Bộ Chính trị khóa IX đã ban hành hai Nghị quyết "
     "chuyên đề riêng về quy hoạch và luân chuyển cán bộ, đó là Nghị quyết 42 về công tác quy "
     "hoạch cán bộ lãnh đạo quản lý thời kỳ đẩy mạnh công nghiệp hóa, hiện đại hóa và Nghị quyết "
     "số 11 về luân chuyển cán bộ lãnh đạo, quản lý."),
]


@pytest.mark.parametrize("text", NEWS)
def test_news_citation_of_the_third_plenum_resolves(text):
    art = check_source(text).articles[0]
    (i, c), = [(i, c) for i, c in enumerate(art.citations) if c.plenum]
    assert (c.plenum, c.khoa) == (3, "VIII")
    assert [d.id for d in art.resolutions[i].documents] == ["03-NQ/HNTW@1997-06-18"]
    # the row is unverified (two resolutions share its symbol in the source): no finding
    # about that citation beyond what it had before, and none at error level anywhere
    assert not [f for f in art.findings if f.citation == i and f.code != "RC501"]
    assert not [f for f in art.findings if f.severity == "error"]


def test_fifth_plenum_holds_the_culture_resolution_once():
    cat = load_catalog()
    docs = cat.plenum("VIII", 5)
    culture = [d for d in docs if d.symbol == "03-NQ/TW"]
    assert [(d.date, d.verified) for d in culture] == [("1998-07-16", True)]
    assert "văn hóa Việt Nam tiên tiến" in (culture[0].title or "")
    # party-documents-more.tsv's row of the same document (no plenum) dropped as a duplicate
    assert [d.date for d in cat.by_symbol("03-NQ/TW") if d.khoa == "VIII"] == ["1998-07-16"]


def test_every_row_names_its_source_and_a_plenum_of_khoa_viii():
    with open(SOURCES / "party-plenums.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert rows
    for r in rows:
        assert r["khoa"] == "VIII" and r["plenum"].startswith("Hội nghị Trung ương ")
        assert "tulieuvankien.dangcongsan.vn" in r["evidence"] and r["symbol"].split("/")[0] in r["evidence"]
        assert r["verified"] in ("yes", "no")
