"""Catalog: the embedded default, loading/stacking/caching, indexes, validation, CLI."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from refcheck.catalog import files as C_files
from refcheck.catalog import load as C
from click.testing import CliRunner

from refcheck.catalog.errors import CatalogError
from refcheck.catalog.load import load_catalog, validate
from refcheck.notation.symbols import parse_symbol
from refcheck.lint.catalog_cli import catalog as catalog_cli
from refcheck.catalog.build import build_default_catalog
from refcheck.catalog.importer import catalog_yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "data" / "catalogs"


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path_factory, monkeypatch):
    # one cache per test session keeps the suite fast; tests needing a fresh one set their own
    d = tmp_path_factory.getbasetemp() / "refcheck-cache"
    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(d))


@pytest.fixture(scope="module")
def default():
    return load_catalog()


# --- the embedded default ----------------------------------------------------------------------
def test_rebuild_gives_the_committed_catalog():
    text, report, docs = build_default_catalog(ROOT / "data" / "sources")
    committed = (ROOT / "catalog.yaml").read_text(encoding="utf-8")
    assert text == committed, "catalog.yaml is stale: run python tools/build_catalog.py"
    again, _, _ = build_default_catalog(ROOT / "data" / "sources")
    assert again == text  # deterministic


def test_default_validates():
    assert validate() == []


def test_default_counts(default):
    party = [d for d in default.documents if d.system == "party"]
    state = [d for d in default.documents if d.system == "state"]
    # every row of party-documents.tsv, party-plenums.tsv and -more.tsv, less the 8 rows of
    # -more.tsv that party-plenums.tsv gives again with their plenum (import-report.txt)
    assert len(party) == 309 + 14 + 49 - 8
    assert len(default.documents) >= 11000  # issue 15
    assert len(state) > 11000
    # unverified rows stay apart: 24 of party-documents.tsv, 1 of party-plenums.tsv, 46 of the
    # 49 more rows (8 of them dropped as duplicates)
    assert sum(1 for d in party if not d.verified) == 24 + 1 + 46 - 8


def test_default_sources_are_real_rows(default):
    # every entry points to a real source row
    src = ROOT / "data" / "sources"
    lines = {name: (src / name).read_text(encoding="utf-8").splitlines()
             for name in ("party-documents.tsv", "state-documents.tsv",
                          "state-documents-extra.tsv", "laws.tsv", "party-documents-more.tsv",
                          "state-documents-more.tsv", "decisions.tsv",
                          "constitutions.tsv", "party-plenums.tsv")}
    for d in default.documents:
        for ref in d.source.split("; "):
            name, line = ref.rsplit(":", 1)
            assert 2 <= int(line) <= len(lines[name])


@pytest.mark.parametrize("symbol,dates", [
    ("35-CT/TW", {"2019-05-30", "2024-06-14"}),
    ("45-CT/TW", {"2020-06-20", "2025-04-14"}),
    ("18-NQ/TW", {"2007-10-25", "2017-10-25"}),
])
def test_symbols_across_khoa(default, symbol, dates):
    got = {d.date for d in default.by_symbol(symbol)}
    assert dates <= got


def test_indexes(default):
    d = default.by_id["35-CT/TW@2019-05-30"]
    assert (d.number, d.type_code, d.issuer_code, d.khoa, d.year) == (35, "CT", "TW", "XII", None)
    assert d in default.lookup("CT", 35, "TW")
    nd = default.by_symbol("30/2020/ND-CP")[0]
    assert (nd.number, nd.year, nd.type_code, nd.issuer_code) == (30, 2020, "NĐ", "CP")
    assert nd in default.lookup("ND", 30, "CP")
    law = default.by_id["80/2015/QH13"]
    assert (law.type_code, law.issuer_code, law.year) == (None, "QH13", 2015)
    assert law in default.lookup(None, 80, "QH13")
    ttlt = default.by_symbol("19/2009/ttlt-btc-bnv")
    assert ttlt and ttlt[0].issuer_code == "BTC-BNV"
    assert [x.id for x in default.plenum("XII", 4)] == [
        "04-NQ/TW@2016-10-30", "05-NQ/TW@2016-11-01", "06-NQ/TW@2016-11-05"]
    assert [x.id for x in default.congress("XIII")] == ["Đại hội XIII"]
    assert default.by_alias("nghị quyết  đại hội XIII")[0].id == "Đại hội XIII"
    assert {x.id for x in default.by_alias("Nghị quyết Trung ương 4 khóa XII")} == {
        "04-NQ/TW@2016-10-30", "05-NQ/TW@2016-11-01", "06-NQ/TW@2016-11-05"}
    assert default.by_alias("Luật Đất đai 2013")[0].id == "45/2013/QH13"
    versions = {x.id for x in default.laws_by_title("Luật Đất đai")}
    assert {"13/2003/QH11", "45/2013/QH13", "31/2024/QH15"} <= versions
    assert default.lookup("XX", 1, "NOPE") == []


def test_relations_both_directions(default):
    old = default.by_id["18-NQ/TW@2007-10-25"]
    assert old.replaced_by == ("55-NQ/TW@2020-02-11",)
    assert "18-NQ/TW@2007-10-25" in default.by_id["55-NQ/TW@2020-02-11"].replaces
    # laws.tsv replaced_by
    assert "45/2013/QH13" in default.by_id["13/2003/QH11"].replaced_by
    assert "13/2003/QH11" in default.by_id["45/2013/QH13"].replaces
    for d in default.documents:  # every relation resolves
        for t in d.replaces + d.replaced_by + d.amends:
            assert t in default.by_id


def test_terms_and_scope(default):
    assert default.khoa_at("2019-05-30") == "XII"
    assert default.khoa_at("2021-02-01") == "XIII"  # closing day opens the new term
    assert default.khoa_at("2021-01-31") == "XII"
    assert default.khoa_at("2026-02-01") == "XIV"
    assert default.term("XII") == ("2016-01-28", "2021-02-01")
    assert default.term("XIV") == ("2026-01-23", None)
    assert default.assembly_term_for_year(2016) == ["XIII", "XIV"]
    assert default.assembly_term_for_year(2013) == ["XIII"]
    party = default.scope_for("party", "TW", "CT", "2019-05-30")
    assert party is not None and party.name == "central-party" and not party.complete
    assert default.scope_for("party", "TU", "CT", "2019-05-30") is None
    assert default.scope_for("party", "TW", "CT", "1999-01-01") is None
    assert default.scope_for("state", "QH13", None, "2015-11-25").name == "laws"
    # decrees, circulars and decisions are listed but not claimed
    assert default.scope_for("state", "CP", "NĐ", "2020-03-05") is None
    assert default.scope_for("state", "BTC", "TT", "2020-03-05") is None
    assert default.scope_for("state", "TTg", "QĐ", "2020-03-05") is None
    assert default.scope_for("state", "UBTVQH13", "NQ", "2015-03-05") is None


@pytest.mark.parametrize("raw,canonical", [
    ("35 - CT/TW", "35-CT/TW"), ("40 – CT/TW", "40-CT/TW"), ("8-QĐi/TW", "08-QĐi/TW"),
    ("1-KL/TW", "01-KL/TW"), ("09/NQ-TW", "09-NQ/TW"), ("15-NQ/TƯ", "15-NQ/TW"),
    ("38/2012/ND-CP", "38/2012/NĐ-CP"), ("5/2012/NÐ-CP", "05/2012/NĐ-CP"),
    ("167/2013/ NĐ-CP", "167/2013/NĐ-CP"), ("1/2014/TTLT-BTC-BNV", "01/2014/TTLT-BTC-BNV"),
    ("1234/QĐ-TTg", "1234/QĐ-TTg"), ("1234/qd-ttg", "1234/QĐ-TTg"),
    ("03/2019/tt-bkhđt", "03/2019/TT-BKHĐT"), ("02/2002/TT-BGD&ĐT", "02/2002/TT-BGDĐT"),
    ("80/2015/QH13", "80/2015/QH13"), ("18-L/CTN", "18-L/CTN"), ("'56/2020/TT-BCT", "56/2020/TT-BCT"),
    ('03/2020/TT-BCT"', "03/2020/TT-BCT"), ("77/2016/NĐ-CP.", "77/2016/NĐ-CP"),
])
def test_parse_symbol(raw, canonical):
    sp = parse_symbol(raw)
    assert sp is not None and sp.symbol == canonical


def _f(raw):
    sp = parse_symbol(raw)
    return (sp.number, sp.year, sp.type_code, sp.issuer_code)


def test_parse_symbol_fields():
    assert _f("30/2020/NĐ-CP") == (30, 2020, "NĐ", "CP")
    assert _f("01/2014/TTLT-BTC-BNV") == (1, 2014, "TTLT", "BTC-BNV")
    assert _f("1234/QĐ-TTg") == (1234, None, "QĐ", "TTg")
    assert _f("80/2015/QH13") == (80, 2015, None, "QH13")
    assert _f("35-CT/TW") == (35, None, "CT", "TW")
    assert _f("18-L/CTN") == (18, None, "L", "CTN")
    assert parse_symbol("Nghị quyết Đại hội XIII") is None


# --- broken catalogs ----------------------------------------------------------------------------
@pytest.mark.parametrize("name,line,field", [
    ("bad_date.yaml", 6, "documents[0].date"),
    ("impossible_date.yaml", 6, "documents[0].date"),
    ("unknown_key.yaml", 7, "documents[0].colour"),
    ("wrong_type.yaml", 7, "documents[0].number"),
    ("dangling_relation.yaml", 8, "documents[0].relations.replaced_by"),
    ("duplicate_id.yaml", 7, "documents[1].id"),
    ("missing_id.yaml", 3, "documents[0].id"),
    ("malformed.yaml", 5, "yaml"),
    ("python_tag.yaml", 6, "documents[0].title"),
    ("billion_laughs.yaml", 3, "yaml"),
    # issue 12's "Chỉ thị số 05-NQ/TW": a type word the code contradicts; an id not its symbol
    ("type_word.yaml", 6, "documents[0].type"),
    ("id_symbol.yaml", 3, "documents[0].id"),
])
def test_broken_catalogs_are_located(name, line, field):
    path = FIXTURES / name
    load_catalog()  # the default (ids for relations) is built once
    errors = validate([path])  # a hang (billion laughs) is caught by the suite's timeout
    assert errors, name
    e = errors[0]
    assert (e.path, e.line, e.field) == (str(path), line, field)
    assert str(e).startswith(f"{path}:{line}: {field}: ")
    with pytest.raises(CatalogError) as exc:
        load_catalog([path], default=False, use_cache=False)
    assert exc.value.line == line and exc.value.field == field


def test_python_tag_never_runs(tmp_path):
    marker = Path("/tmp/refcheck-pwned")
    validate([FIXTURES / "python_tag.yaml"])
    assert not marker.exists()


def test_contradictions():
    errors = validate([FIXTURES / "contradictions.yaml"])
    got = {(e.line, e.field) for e in errors}
    assert got == {(6, "documents[0].date"), (10, "documents[1].number"),
                   (15, "documents[2].date")}


def test_other_schema_errors(tmp_path):
    p = tmp_path / "c.yaml"
    p.write_text("refcheck_catalog: 1\nfoo: 1\ndocuments:\n  - id: x\n    system: lunar\n"
                 "    verified: maybe\n    aliases: nope\n", encoding="utf-8")
    got = {(e.line, e.field) for e in validate([p])}
    assert got == {(2, "foo"), (5, "documents[0].system"), (6, "documents[0].verified"),
                   (7, "documents[0].aliases")}
    p.write_text("- just\n- a list\n", encoding="utf-8")
    assert validate([p])[0].field == "file"
    p.write_text("refcheck_catalog: 2\ndocuments: []\n", encoding="utf-8")
    assert validate([p])[0].field == "refcheck_catalog"


# --- stacking -----------------------------------------------------------------------------------
def test_stacking_overrides_and_extends():
    cat = load_catalog([FIXTURES / "good.yaml"])
    d = cat.by_id["35-CT/TW@2019-05-30"]
    assert d.title == "overridden title" and d.catalog == "local"
    assert (d.number, d.type_code, d.issuer_code) == (35, "CT", "TW")  # from the symbol
    assert len(cat.by_symbol("35-CT/TW")) == 4  # one per date (1998, 2014, 2019, 2024): the local one replaces 2019
    assert cat.by_id["15-CT/TU@2016-12-16"].replaced_by == ()
    assert cat.scope_for("party", "TU", "CT", "2017-01-01").name == "hanoi-party"
    assert cat.names == ["default", "local"]
    alone = load_catalog([FIXTURES / "good.yaml"], default=False)
    assert len(alone) == 2 and alone.khoa_at("2019-01-01") is None


# --- cache ------------------------------------------------------------------------------------
def test_cache_hit_and_invalidation(tmp_path, monkeypatch):
    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(tmp_path / "cache"))
    user = tmp_path / "user.yaml"
    user.write_text((FIXTURES / "good.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    parsed, hits = C_files.stats["parsed"], C_files.stats["cache_hits"]
    a = load_catalog([user])
    assert not a.from_cache and C_files.stats["parsed"] == parsed + 2
    assert C.cache_path_for([user]).exists()
    b = load_catalog([user])
    assert b.from_cache and C_files.stats["cache_hits"] == hits + 1 and C_files.stats["parsed"] == parsed + 2
    assert b.by_id["35-CT/TW@2019-05-30"].title == "overridden title"
    assert [d.id for d in b.by_symbol("45-CT/TW")] == [d.id for d in a.by_symbol("45-CT/TW")]
    user.write_text(user.read_text(encoding="utf-8").replace("overridden title", "changed"),
                    encoding="utf-8")
    c = load_catalog([user])
    assert not c.from_cache and c.by_id["35-CT/TW@2019-05-30"].title == "changed"


def test_same_size_rewrite_is_read_again(tmp_path, monkeypatch):
    """A catalog rewritten at once with the same size (same mtime tick) is hashed again:
    only files older than RACY_SECONDS are trusted by their size and mtime."""
    from refcheck.catalog.files import key_for

    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(tmp_path / "cache"))
    user = tmp_path / "user.yaml"
    text = (FIXTURES / "good.yaml").read_text(encoding="utf-8")
    user.write_text(text, encoding="utf-8")
    assert load_catalog([user]).by_id["35-CT/TW@2019-05-30"].title == "overridden title"
    user.write_text(text.replace("overridden title", "overridden TITLE"), encoding="utf-8")
    assert key_for([user])[1] is not None  # fresh: read and hashed
    assert load_catalog([user]).by_id["35-CT/TW@2019-05-30"].title == "overridden TITLE"


def test_old_unchanged_file_is_not_read_again(tmp_path, monkeypatch):
    from refcheck.catalog.files import cache_key, key_for, stack_key

    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(tmp_path / "cache"))
    user = tmp_path / "user.yaml"
    user.write_text((FIXTURES / "good.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    hour_ago = time.time() - 3600
    os.utime(user, (hour_ago, hour_ago))
    key, contents = key_for([user])
    assert contents is not None and key == cache_key(contents)
    again, unread = key_for([user])
    assert again == key and unread is None
    assert stack_key([user], default=False) == key
    cat = load_catalog([user], default=False)  # cache miss with a memoised key: still parsed
    assert len(cat) == 2 and load_catalog([user], default=False).from_cache
    user.write_text(user.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # edited
    changed, read = key_for([user])
    assert changed != key and read is not None


def test_unwritable_cache_dir(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(blocker / "sub"))
    cat = load_catalog([FIXTURES / "good.yaml"])
    assert len(cat) > 5000 and not cat.from_cache


def test_cache_dir_resolution(monkeypatch, tmp_path):
    monkeypatch.delenv("REFCHECK_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert C.cache_dir() == tmp_path / "refcheck"  # created
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert C.cache_root() == Path.home() / ".cache" / "refcheck"


def test_import_is_cheap():
    import subprocess
    import sys

    code = "import sys, refcheck.catalog; print('yaml' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout.strip()
    assert out == "False"


@pytest.mark.slow
def test_large_generated_catalog(tmp_path, default):
    """100,000 entries made of real ones with renumbered ids: loads and indexes."""
    import dataclasses

    base = [d for d in default.documents if d.symbol]
    n = 100_000
    docs = []
    for i in range(n):
        d = base[i % len(base)]
        suffix = f"~{i}" if "@" in d.id else f"@{i}"  # an id is its symbol, then "@..."
        docs.append(dataclasses.replace(d, id=d.id + suffix, replaces=(), replaced_by=(),
                                        amends=(), catalog=None))
    p = tmp_path / "big.yaml"
    p.write_text(catalog_yaml(docs, name="big"), encoding="utf-8")
    cat = load_catalog([p], default=False)
    assert len(cat) == n
    assert cat.by_id["35-CT/TW@2019-05-30~" + str(
        next(i for i, d in enumerate(docs) if d.id.startswith("35-CT/TW@2019-05-30~")))]
    hits = cat.by_symbol("35-CT/TW")
    per_copy = len(default.by_symbol("35-CT/TW"))
    assert len(hits) >= per_copy * (n // len(base))
    again = load_catalog([p], default=False)
    assert again.from_cache and len(again.lookup("CT", 35, "TW")) == len(hits)


# --- CLI --------------------------------------------------------------------------------------
def run(*args):
    return CliRunner().invoke(catalog_cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("query,expect", [
    ("35-CT/TW", ["35-CT/TW@2019-05-30", "35-CT/TW@2024-06-14"]),
    ("35 - CT/TW", ["35-CT/TW@2019-05-30", "35-CT/TW@2024-06-14"]),
    ("45-CT/TW", ["45-CT/TW@2020-06-20", "45-CT/TW@2025-04-14"]),
    ("18-NQ/TW", ["18-NQ/TW@2007-10-25", "18-NQ/TW@2017-10-25"]),
    ("30/2020/ND-CP", ["30/2020/NĐ-CP"]),
    ("05/2012/NÐ-CP", ["05/2012/NĐ-CP"]),
    ("Nghị quyết Đại hội XIII", ["Đại hội XIII"]),
    ("35-CT/TW@2019-05-30", ["35-CT/TW@2019-05-30"]),
])
def test_cli_show(query, expect):
    r = run("show", query)
    assert r.exit_code == 0, r.output
    for e in expect:
        assert e in r.output


def test_cli_show_missing_and_user_catalog():
    assert run("show", "999-CT/TW").exit_code == 1
    r = run("show", "15-CT/TU", "--catalog", str(FIXTURES / "good.yaml"))
    assert r.exit_code == 0 and "Thành ủy" in r.output
    r = run("show", "35-CT/TW", "--no-default-catalog", "--catalog",
            str(FIXTURES / "good.yaml"))
    assert "overridden title" in r.output and "2024-06-14" not in r.output


def test_cli_validate():
    r = run("validate")
    assert r.exit_code == 0
    r = run("validate", str(FIXTURES / "unknown_key.yaml"), str(FIXTURES / "good.yaml"))
    assert r.exit_code == 2
    assert f"{FIXTURES / 'unknown_key.yaml'}:7: documents[0].colour: không có khóa này" \
        in r.output
    r = run("validate", str(FIXTURES / "unknown_key.yaml"), "--lang", "en")
    assert f"{FIXTURES / 'unknown_key.yaml'}:7: documents[0].colour: unknown key" in r.output


def test_cli_stats():
    r = run("stats")
    assert r.exit_code == 0
    assert "party" in r.output and "central-party" in r.output


def test_cli_bad_catalog_option():
    r = CliRunner().invoke(catalog_cli, ["stats", "--catalog", str(FIXTURES / "bad_date.yaml")])
    assert r.exit_code == 2 and "bad_date.yaml:6: documents[0].date" in r.output
