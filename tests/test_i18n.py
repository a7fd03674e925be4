"""One language per run (issue 14), beyond the bad inputs of ``test_robust_cli``: the
configuration's errors, the statistics table, where the language comes from (``--lang``,
``REFCHECK_LANG``, the configuration's ``lang``). Each command line runs twice, by default
and with ``--lang en``: the Vietnamese output may hold no English word of the CLI's own
vocabulary and the English output no Vietnamese letter."""
from __future__ import annotations

import re

import pytest
from conftest import run_cli as run
from test_robust_cli import _VI_LETTER, EN_WORDS, SPACED, _words

#: a real RC102 finding (test_robust_cli) and a real clean citation
CLEAN = "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư"


@pytest.fixture
def work(work):
    (work / "a.txt").write_text(SPACED + "\n" + CLEAN + "\n", encoding="utf-8")
    configs = {
        "unknown-key.toml": 'lang_ = "vi"\n',
        "bad-select.toml": 'select = ["RC9X"]\n',
        "bad-bool.toml": 'default-catalog = "yes"\n',
        "bad-date.toml": 'article-date = "hôm qua"\n',
        "bad-per-file.toml": 'per-file-ignores = "RC102"\n',
        "bad-severity.toml": 'severity = ["RC102"]\n',
        "bad-exclude.toml": "exclude = 5\n",
        "not-toml.toml": 'lang = "vi\n',
        "both.toml": 'lang = "vi"\n[tool.refcheck]\nlang = "en"\n',
        "tool-not-table.toml": '[tool]\nrefcheck = 5\n',
    }
    for name, text in configs.items():
        (work / name).write_text(text, encoding="utf-8")
    (work / "latin1.toml").write_bytes("lang = \"Vi\u1ec7t\"\n".encode("utf-8").replace(b"\xe1", b"\xff"))
    (work / "sub").mkdir()
    (work / "sub" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    return work


def check_languages(args: list[str], *, ok_codes=(2,)) -> tuple[str, str]:
    """Run ``args`` by default and with ``--lang en``; both exit with one of ``ok_codes``;
    Vietnamese holds no English word, English no Vietnamese letter. The two outputs."""
    vi = run(*args)
    en = run(*args, "--lang", "en")
    for r in (vi, en):
        assert r.exit_code in ok_codes, (args, r.exit_code, r.stdout, r.stderr)
        assert "Traceback" not in r.stderr and (r.stderr or r.stdout), args
    vi_text = _words(vi.stdout + vi.stderr)
    assert not EN_WORDS.findall(vi_text), (args, EN_WORDS.findall(vi_text), vi.stderr)
    en_text = _words(en.stdout + en.stderr)
    assert not _VI_LETTER.findall(en_text), (args, _VI_LETTER.findall(en_text), en.stderr)
    return vi.stdout + vi.stderr, en.stdout + en.stderr


CONFIG_RUNS = [
    ["check", "a.txt", "--article-date", "garbage"],
    ["check", "a.txt", "--select", "RC9X"],
    ["check", "a.txt", "--ignore", "XX"],
    ["check", "a.txt", "--config", "nosuch.toml"],
    ["check", "a.txt", "--config", "sub/pyproject.toml"],
    *(["check", "a.txt", "--config", name] for name in (
        "unknown-key.toml", "bad-select.toml", "bad-bool.toml", "bad-date.toml",
        "bad-per-file.toml", "bad-severity.toml", "bad-exclude.toml", "not-toml.toml",
        "both.toml", "tool-not-table.toml", "latin1.toml")),
]


@pytest.mark.parametrize("args", CONFIG_RUNS, ids=lambda a: " ".join(a[2:]))
def test_configuration_errors_in_one_language(work, args):
    vi, en = check_languages(args)
    assert vi.startswith("refcheck: ") and len(vi.strip().splitlines()) == 1, vi
    assert en.startswith("refcheck: ") and len(en.strip().splitlines()) == 1, en


def test_statistics_table_in_one_language(work):
    vi, en = check_languages(["check", "a.txt", "--statistics", "--format", "concise",
                              "--fail-level", "warning"], ok_codes=(1,))
    assert "Số hiệu viết chưa chuẩn" in vi and "non-canonical-spelling" not in vi
    assert "Non-canonical spelling" in en and "non-canonical-spelling" not in en


def test_rule_list_in_one_language(work):
    check_languages(["rule"], ok_codes=(0,))


# --------------------------------------------------------------------------- where from


def test_configuration_lang_governs_usage_errors(work):
    """``lang = "en"`` in the configuration: a usage error (printed before the options are
    parsed) is English too; ``--lang vi`` still wins."""
    (work / "refcheck.toml").write_text('lang = "en"\n', encoding="utf-8")
    r = run("check", "a.txt", "--format", "bogus")
    assert r.exit_code == 2 and "invalid value" in r.stderr, r.stderr
    r = run("check", "a.txt", "--format", "bogus", "--lang", "vi")
    assert r.exit_code == 2 and "không dùng được" in r.stderr, r.stderr


def test_broken_configuration_speaks_its_own_lang(work):
    """The file fails validation, but says ``lang = "en"``: its error is English."""
    (work / "refcheck.toml").write_text('lang = "en"\nselect = ["RC9X"]\n', encoding="utf-8")
    r = run("check", "a.txt")
    assert r.exit_code == 2 and "expected a rule code" in r.stderr, r.stderr
    r = run("check", "a.txt", "--lang", "vi")
    assert r.exit_code == 2 and "cần một mã quy tắc" in r.stderr, r.stderr


@pytest.mark.parametrize("env,needle", [("en", "problem"), ("vi", "vấn đề"),
                                        ("fr", "vấn đề")])
def test_refcheck_lang_environment(work, monkeypatch, env, needle):
    """``REFCHECK_LANG`` sets the language when ``--lang`` does not; a value refcheck does
    not speak is ignored (the default, Vietnamese)."""
    monkeypatch.setenv("REFCHECK_LANG", env)
    r = run("check", "a.txt")
    assert r.exit_code == 0 and needle in r.stdout, r.stdout
    r = run("check", "a.txt", "--lang", "vi")
    assert "vấn đề" in r.stdout


def test_cli_lang_beats_environment_beats_configuration(work, monkeypatch):
    (work / "refcheck.toml").write_text('lang = "vi"\n', encoding="utf-8")
    monkeypatch.setenv("REFCHECK_LANG", "en")
    assert "problem" in run("check", "a.txt").stdout
    assert "vấn đề" in run("check", "a.txt", "--lang", "vi").stdout
    r = run("check", "a.txt", "-j", "many")  # usage error: the same order
    assert "must be an integer" in r.stderr, r.stderr


def test_config_error_message_is_data():
    """Library callers get English from ``str()``; the CLI picks the language."""
    from refcheck.lint.config import ConfigError, Settings

    with pytest.raises(ConfigError) as exc:
        Settings().merge_cli(article_date="garbage")
    assert str(exc.value).startswith('command line: --article-date = "garbage": expected')
    assert exc.value.say("vi").startswith('dòng lệnh: --article-date = "garbage": cần')


# --------------------------------------------------------------------------- catalogs

#: Broken catalog files, each entry a real document (Chỉ thị 35-CT/TW of 30/5/2019, Nghị định
#: 30/2020/NĐ-CP of 5/3/2020) written wrong in one or more ways.
BAD_CATALOGS = {
    "fields.yaml": """refcheck_catalog: 1
bogus_top: 1
name: [x]
documents:
  - id: 35-CT/TW@2019-05-30
    symbol: 35-CT/TW
    system: party
    date: 2019-05-32
    effective: 30/5/2019
    expired: 2019
    khoa: 12
    congress: ZZ
    number: -35
    verified: maybe
    aliases: [""]
    relations: {replaces: nope, bogus: []}
    colour: red
  - id: 30/2020/NĐ-CP
    system: government
    title: ""
  - 5
  - symbol: 30/2020/NĐ-CP
""",
    "semantics.yaml": """refcheck_catalog: 1
documents:
  - id: 30/2020/ND-CP
    symbol: 30/2020/NĐ-CP
    system: state
    type: Chỉ thị
    number: 31
    date: 2019-03-05
    relations: {replaces: [no-such-id, 30/2020/ND-CP]}
  - id: 35-CT/TW@2019-05-30
    symbol: 35-CT/TW
    system: party
    khoa: XI
    date: 2019-05-30
  - id: 35-CT/TW@2019-05-30
    symbol: 35-CT/TW
    system: party
    date: 2019-05-30
  - id: 35-ct/tw
    symbol: 35-ct/tw
    system: party
  - id: x
    symbol: "---"
    system: state
""",
    "terms.yaml": """refcheck_catalog: 2
description: 5
terms:
  party:
    - {khoa: "12", start: 2016-01-28}
    - {khoa: XII, start: 2016-13-01, end: 2021}
    - {khoa: XIII, start: 2021-01-30, end: 2016-01-28}
    - 5
  assembly:
    - {khoa: XV, start: 1800}
  council: []
scope:
  - {name: 5, system: both, issuer_codes: [], type_codes: 5, from: 2019, to: 2019-02-30,
     complete: sometimes, types: [1], colour: red}
documents: {}
""",
    "terms-list.yaml": "refcheck_catalog: 1\nterms: {party: 5}\ndocuments: []\n",
    "malformed.yaml": "refcheck_catalog: 1\ndocuments: [\n  - id: x\n",
    "alias.yaml": "refcheck_catalog: 1\nx: &a [1]\ndocuments: *a\n",
    "tag.yaml": "refcheck_catalog: 1\ndocuments: !!python/object:os.system []\n",
    "deep.yaml": "refcheck_catalog: 1\ndocuments: " + "[" * 70 + "]" * 70 + "\n",
    "empty.yaml": "",
    "list.yaml": "- 1\n- 2\n",
    "bad-int.yaml": "refcheck_catalog: 1\ndocuments:\n  - {id: x, system: state, number: !!int abc}\n",
    "complex.yaml": "refcheck_catalog: 1\n? [a, b]\n: 1\n",
    "not-utf8.yaml": None,
}


def _write_catalogs(work):
    for name, text in BAD_CATALOGS.items():
        if text is None:
            (work / name).write_bytes(b"refcheck_catalog: 1\nname: \xff\xfe\n")
        else:
            (work / name).write_text(text, encoding="utf-8")


CATALOG_RUNS = [
    *(["check", "a.txt", "--catalog", name] for name in BAD_CATALOGS),
    ["check", "a.txt", "--catalog", "nosuch.yaml"],
    *(["catalog", "validate", name] for name in BAD_CATALOGS),
    ["catalog", "validate", "nosuch.yaml", "semantics.yaml"],
    ["catalog", "show", "35-CT/TW", "--catalog", "nosuch.yaml"],
    ["catalog", "stats", "--catalog", "fields.yaml"],
]


@pytest.mark.parametrize("args", CATALOG_RUNS, ids=lambda a: " ".join(a))
def test_catalog_errors_in_one_language(work, args):
    """What a broken catalog says, through ``check --catalog`` and ``catalog …``: every
    line in the language asked for (quoted values and key paths aside)."""
    _write_catalogs(work)
    vi, en = check_languages(args)
    assert len(vi.splitlines()) == len(en.splitlines()), (vi, en)


def test_every_catalog_message_is_reached(work):
    """The broken files above raise every message of the catalog's table: none is left
    without a test in both languages."""
    from refcheck.catalog.load import validate
    from refcheck.catalog.messages import MESSAGES

    _write_catalogs(work)
    keys = set()
    for name in [*BAD_CATALOGS, "nosuch.yaml"]:
        keys |= {e.key for e in validate([work / name])}
    keys |= {f.key for e in validate([work / "terms.yaml"]) for f in e.fields.values()
             if hasattr(f, "key")}
    inner = {"now", "must_iso_date", "must_year", "date_shape", "date_impossible", "date_range",
             "date_kind_got"}  # fields of other messages, or only reached as one
    # defensive: an alias the event parser cannot place, a recursion the 64-level refusal
    # stops first (test_catalog_messages_in_one_language renders them)
    guards = {"alias_any", "too_deep_any", "field:file"}
    # the importer's lines (imp_*) are no catalog file's errors: tests/test_i18n_session6.py
    # runs `catalog import` on bad tables, and the test below renders every one of them
    missing = {k for k in set(MESSAGES) - keys - inner - guards if not k.startswith("imp_")}
    assert not missing, missing


def _fields(*texts: str) -> dict:
    """Each field the texts name, as a neutral value (a number)."""
    import string

    return {name: 7 for t in texts for _, name, _, _ in string.Formatter().parse(t) if name}


def test_catalog_messages_in_one_language():
    """Every text of the catalog's table, filled: Vietnamese without English words, English
    without Vietnamese letters."""
    from refcheck.catalog.messages import KINDS, MESSAGES, render

    for key in [*MESSAGES, *("kind:" + k for k in KINDS)]:
        texts = MESSAGES.get(key) or KINDS[key[5:]]
        fields = _fields(texts["vi"], texts["en"])
        vi, en = render(key, "vi", fields), render(key, "en", fields)
        assert vi != en or not _VI_LETTER.findall(vi)
        assert not EN_WORDS.findall(_words(vi)), (key, vi)
        assert not _VI_LETTER.findall(_words(en)), (key, en)


def test_catalog_error_is_data():
    import pickle

    from refcheck.catalog.errors import CatalogError, CatalogErrors
    from refcheck.catalog.messages import Msg

    e = CatalogError("c.yaml", 3, "documents[0].date", "outside_term",
                     {"date": "2019-05-30", "khoa": "XI", "start": "2011-01-19",
                      "end": Msg("now")})
    assert str(e) == ("c.yaml:3: documents[0].date: 2019-05-30 is outside term XI "
                      "(2011-01-19 to now)")
    assert e.say("vi").endswith("2019-05-30 nằm ngoài khóa XI (2011-01-19 đến nay)")
    both = CatalogErrors([e, CatalogError("c.yaml", 0, "file", "empty")])
    again = pickle.loads(pickle.dumps(both))
    assert str(again) == str(both) and again.say("vi").endswith("c.yaml:0: tệp: danh mục rỗng")


def test_catalog_show_labels_in_one_language(work):
    """``catalog show``: the labels follow the language (the values are the catalog's own
    Vietnamese data); ``--json`` keeps the field names."""
    vi = run("catalog", "show", "35-CT/TW")
    en = run("catalog", "show", "35-CT/TW", "--lang", "en")
    assert vi.exit_code == en.exit_code == 0
    label = re.compile(r"^  (\S+(?: \S+)*?)\s{2,}|^  (\S+(?: \S+)*?) (?=\S)", re.M)
    vi_labels = {m.group(1) or m.group(2) for m in label.finditer(vi.stdout)}
    en_labels = {m.group(1) or m.group(2) for m in label.finditer(en.stdout)}
    assert {"số ký hiệu", "ngày", "khóa", "cơ quan"} <= vi_labels, vi_labels
    assert {"symbol", "date", "term", "issuer"} <= en_labels, en_labels
    assert not EN_WORDS.findall(_words(vi.stdout.splitlines()[0] + " ".join(vi_labels)))
    assert not _VI_LETTER.findall(en.stdout.splitlines()[0] + " ".join(en_labels))
    js = run("catalog", "show", "35-CT/TW", "--json")
    assert '"symbol": "35-CT/TW"' in js.stdout
