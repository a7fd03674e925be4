"""One symbol parser (issue 11): the grammar and the catalog read a symbol through the same
code (notation/symbols.canonical_parts), so the disagreements the reviewer found are gone.
Sentences are real: the baomoi 2017 news corpus and the sources cited in data/sources/."""
from __future__ import annotations

import pytest

from refcheck.api import check_source
from refcheck.catalog.importer import import_table
from refcheck.extract.scan import scan
from refcheck.notation.symbols import canonical_code, canonical_issuer, parse_symbol
from refcheck.notation.vocab import load_vocab


def _resolved(text: str, article_date=None):
    res = check_source(text, article_date=article_date)
    (art,) = res.articles
    return art


# --- TƯ is TW ----------------------------------------------------------------------------
# baomoi 2017: "tham gia thực hiện chỉ thị 42-CT/TƯ của Ban Bí thư T.Ư Đảng về …"
TU_SENTENCE = "tham gia thực hiện chỉ thị 42-CT/TƯ của Ban Bí thư T.Ư Đảng về “Tăng cường sự lãnh đạo"


def test_tu_is_read_as_tw_by_the_grammar_as_by_the_catalog():
    (c,) = scan(TU_SENTENCE)
    assert (c.symbol, c.issuer_code, c.system) == ("42-CT/TW", "TW", "party")
    assert parse_symbol("42-CT/TƯ").symbol == c.symbol
    assert [canon for _s, canon in c.spelling] == ["42-CT/TW"]  # RC102 offers the fix


def test_tu_citation_resolves_to_the_catalog_entry():
    art = _resolved(TU_SENTENCE)
    codes = [f.code for f in art.findings]
    assert "RC202" not in codes, codes  # it was "unverifiable" before
    (res,) = art.resolutions
    assert [d.symbol for d in res.documents] == ["42-CT/TW"]


# --- a Party symbol in State style with a year -------------------------------------------
# party-documents.tsv (09-NQ/TW): "vietbooks.info writes it as "Nghị quyết số 09/2007/NQ-TW""
def test_party_symbol_with_a_year_in_state_style_is_crossed():
    (c,) = scan("Nghị quyết số 09/2007/NQ-TW về Chiến lược biển Việt Nam đến năm 2020")
    assert (c.crossed, c.symbol, c.system, c.year) == (True, "09-NQ/TW", "party", None)
    art = _resolved("Nghị quyết số 09/2007/NQ-TW về Chiến lược biển Việt Nam đến năm 2020")
    rc103 = [f for f in art.findings if f.code == "RC103"]
    assert len(rc103) == 1 and "09-NQ/TW" in rc103[0].message
    sp = parse_symbol("09/2007/NQ-TW")
    assert (sp.symbol, sp.crossed, sp.year) == ("09-NQ/TW", True, None)


# --- Party issuers of vocab.yaml ---------------------------------------------------------
def _party_codes() -> list[str]:
    v = load_vocab()
    return sorted(c for c, info in v.issuer_exact.items() if info["system"] == "party")


@pytest.mark.parametrize("code", _party_codes())
def test_every_party_issuer_of_the_vocabulary_is_party_to_both_parsers(code):
    sp = parse_symbol(f"05-KH/{code}")
    assert sp is not None and sp.system == "party", sp
    (c,) = scan(f"Kế hoạch số 05-KH/{code} ngày 10/3/2017")
    assert (c.system, c.issuer_code, c.symbol) == ("party", sp.issuer_code, sp.symbol)


def test_import_without_system_takes_party_issuers_from_the_vocabulary(tmp_path):
    table = tmp_path / "local.tsv"
    rows = ["symbol\ttype\tdate", "05-CT/QU\tChỉ thị\t2017-03-10", "12-KH/TXU\tKế hoạch\t2017-04-02",
            "03-KH/CB\tKế hoạch\t2017-05-02", "07-KL/UBKTHU\tKết luận\t2017-06-01",
            "09-KH/BDVTU\tKế hoạch\t2017-06-09", "82-TC/TCT\tThông tư\t1994-01-10"]
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    docs, _report = import_table(table, {"symbol": "symbol", "type": "type", "date": "date"})
    systems = {d.symbol: d.system for d in docs}
    assert systems == {"05-CT/QU": "party", "12-KH/TXU": "party", "03-KH/CB": "party",
                       "07-KL/UBKTHU": "party", "09-KH/BDVTU": "party",
                       "82-TC/TCT": "state"}  # an old State symbol in Party shape


# --- code spelling -----------------------------------------------------------------------
@pytest.mark.parametrize("raw,type_position,canonical", [
    ("ttg", False, "TTg"), ("TTG", False, "TTg"), ("ND", True, "NĐ"), ("ND", False, "ND"),
    ("QDi", True, "QĐi"), ("BLĐTBXh", False, "BLĐTBXH"), ("TƯ", False, "TW"),
    ("BTGTƯ", False, "BTGTW"), ("qh13", False, "QH13"), ("HoREA", False, "HoREA"),
    ("N\u00d0", True, "NĐ"),
])
def test_canonical_code(raw, type_position, canonical):
    assert canonical_code(raw, type_position=type_position) == canonical


def test_ampersand_is_dropped_from_the_symbol_but_not_called_a_misspelling():
    # baomoi 2017: "Thông tư số 12/2011/TT-BGD&ĐT ngày 28-3-2011" (BGD&ĐT was the code then)
    (c,) = scan("Thông tư số 12/2011/TT-BGD&ĐT ngày 28-3-2011")
    assert (c.symbol, c.issuer_code, c.spelling) == ("12/2011/TT-BGDĐT", "BGDĐT", [])
    assert canonical_issuer("BGD&ĐT") == "BGDĐT"
