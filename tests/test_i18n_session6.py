"""One language per run, session 6 (issue 14, "never mixed"): ``--help`` and ``--version`` of
every command, click's own words, the ``catalog`` subcommands' tables and summaries, the
language server's configuration and catalog errors, and a table of ordinary and bad command
lines run in both languages. Vietnamese output may hold no English word (beyond codes, option
names, paths and quoted text), English output no Vietnamese letter."""
from __future__ import annotations

import re

import click
import pytest
from conftest import run_cli as run
from test_robust_cli import _VI_LETTER, EN_WORDS, _words

#: English words of help texts and tables that EN_WORDS (messages) does not list.
HELP_WORDS = re.compile(
    r"\b(the|and|of|to|with|for|is|are|this|show|message|exit|options?|commands?|default|"
    r"print|instead|every|entries|entry|series|known|density|unverified|conflicts?|rows|"
    r"wrote|documents?|candidates?|disagreements?|system|issuer|scope|complete|coverage|"
    r"sources|evidence|other|dates?|more|catalogs?|symbol|decision|reason|undecided|"
    r"reads?|standard|input|output|language|run|list|types?|arguments?|version|any|from|"
    r"yes|near|max|stored|entries|imported|rows?|drops?|dropped|mapping|name)\b", re.I)
#: what a Vietnamese line may show in English: command paths and their names
_COMMANDS = re.compile(r"refcheck(?: (?:catalog|check|rule|lsp|validate|show|stats|review|"
                       r"import|mine))*|^\s+(?:catalog|check|rule|lsp|validate|show|stats|"
                       r"review|import|mine)\b", re.M)


_CHOICES = re.compile(r"\[[\w-]+(?:\|[\w-]+)+\]")


def _vi_clean(text: str) -> list[str]:
    text = _CHOICES.sub(" ", _COMMANDS.sub(" ", text))  # a choice's values are literal
    words = _words(text)
    return EN_WORDS.findall(words) + HELP_WORDS.findall(words)


def _commands():
    """(argument list, command) for every command and group below ``refcheck``."""
    from refcheck.lint.cli import main

    out = [([], main)]
    i = 0
    while i < len(out):
        path, cmd = out[i]
        i += 1
        if isinstance(cmd, click.Group):
            for name, sub in sorted(cmd.commands.items()):
                out.append((path + [name], sub))
    return out


COMMANDS = [path for path, _ in _commands()]


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "refcheck")
def test_help_in_one_language(work, monkeypatch, path):
    monkeypatch.delenv("REFCHECK_LANG", raising=False)
    vi = run(*path, "--help")
    assert vi.exit_code == 0, vi.stderr
    assert vi.stdout.startswith("Cách dùng: refcheck"), vi.stdout
    assert "Tùy chọn:" in vi.stdout and "In trợ giúp này rồi thoát." in vi.stdout
    assert not _vi_clean(vi.stdout), (path, _vi_clean(vi.stdout), vi.stdout)
    monkeypatch.setenv("REFCHECK_LANG", "en")  # groups have no --lang; the environment says
    en = run(*path, "--help")
    assert en.exit_code == 0 and en.stdout.startswith("Usage: refcheck"), en.stdout
    assert "Show this message and exit." in en.stdout
    assert not _VI_LETTER.findall(_words(en.stdout)), (path, en.stdout)
    if any(p.name == "lang" for p in _command(path).params):  # --lang beats the environment, in the help too
        again = run(*path, "--help", "--lang", "vi")
        assert again.stdout == vi.stdout


def _command(path):
    for p, cmd in _commands():
        if p == path:
            return cmd
    raise KeyError(path)


def test_every_parameter_has_help_in_both_languages():
    """A new option without a Vietnamese help text fails here (not only in a help run)."""
    from refcheck.lint.helptext import text

    missing = []
    for path, cmd in _commands():
        key = " ".join(path)
        needed = [""] + ([":short"] if path else [])
        needed += [p.name for p in cmd.params if isinstance(p, click.Option)]
        for name in needed:
            for lang in ("vi", "en"):
                if not text(key, name or "", lang):
                    missing.append((key, name, lang))
    assert not missing


def test_click_words_and_metavars_are_local(work):
    out = run("check", "--help").stdout
    for english in ("Usage:", "Options:", "[OPTIONS]", " FILE ", " TEXT ", " INTEGER ",
                    "default:", "Show this message"):
        assert english not in out
    assert "-o, --output TỆP" in out and "-j, --jobs SỐ" in out and "[mặc định: 'auto']" in out
    root = run("--help").stdout
    assert "LỆNH [ĐỐI-SỐ]..." in root and "Lệnh:" in root


@pytest.mark.parametrize("env,want", [(None, "refcheck, phiên bản "),
                                      ("en", "refcheck, version ")])
def test_version_in_run_language(work, monkeypatch, env, want):
    monkeypatch.delenv("REFCHECK_LANG", raising=False)
    if env:
        monkeypatch.setenv("REFCHECK_LANG", env)
    r = run("--version")
    assert r.exit_code == 0 and r.stdout.startswith(want), r.stdout


def test_configuration_lang_governs_help(work):
    (work / "refcheck.toml").write_text('lang = "en"\n', encoding="utf-8")
    (work / "a.txt").write_text("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ\n",
                                encoding="utf-8")
    assert run("check", "a.txt", "--help").stdout.startswith("Usage: refcheck check")
    assert run("check", "a.txt", "--help", "--lang", "vi").stdout.startswith("Cách dùng:")


@pytest.mark.parametrize("args,vi,en", [
    (["catalog", "show"], "thiếu TRUY-VẤN", "missing QUERY"),
    (["catalog", "import"], "thiếu TỆP", "missing FILE"),
])
def test_missing_argument_named_as_in_usage_line(work, args, vi, en):
    r = run(*args)
    assert r.exit_code == 2 and vi in r.stderr and "\n" not in r.stderr.strip(), r.stderr
    r = run(*args, "--lang", "en")
    assert r.exit_code == 2 and en in r.stderr, r.stderr


# --------------------------------------------------------------------------- every command

SPACED = "Chỉ thị số 45 - CT/TW ngày 20/6/2020 của Bộ Chính trị"  # RC102 (test_robust_cli)
CLEAN = "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư"
#: a table to import: real documents (30/2020/NĐ-CP twice: one is dropped; 45-CT/TW spaced)
TABLE = ("number\tdate\ttype\ttitle\n"
         "30/2020/NĐ-CP\t2020-03-05\tNghị định\tvề công tác văn thư\n"
         "30/2020/NĐ-CP\t2020-03-05\tNghị định\tvề công tác văn thư\n"
         "45 - CT/TW\t2020-06-20\tChỉ thị\t\n")


@pytest.fixture
def tree(work):
    from test_i18n import _write_catalogs

    (work / "a.txt").write_text(SPACED + "\n" + CLEAN + "\n", encoding="utf-8")
    (work / "clean.txt").write_text(CLEAN + "\n", encoding="utf-8")
    (work / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    (work / "legacy.txt").write_bytes(CLEAN.encode("cp1258", errors="replace"))
    (work / "bad.toml").write_text('lang_ = "vi"\n', encoding="utf-8")
    (work / "t.tsv").write_text(TABLE, encoding="utf-8")
    (work / "news.jsonl").write_text('{"id": "1", "text": "%s"}\nnot json\n' % CLEAN,
                                     encoding="utf-8")
    (work / "nosources").mkdir()
    _write_catalogs(work)
    return work


#: (arguments, exit codes allowed, whether standard output is data: a catalog, JSON)
RUNS = [
    (["check", "a.txt"], (0,), False),
    (["check", "a.txt", "--statistics"], (0,), False),
    (["check", "a.txt", "--format", "concise"], (0,), False),
    (["check", "a.txt", "--fail-level", "warning"], (1,), False),
    (["check", "clean.txt"], (0,), False),
    (["check", "a.txt", "--diff"], (0, 1), True),
    (["check", "missing.txt"], (2,), False),
    (["check", "image.txt", "clean.txt"], (2,), False),
    (["check", "legacy.txt"], (2,), False),
    (["check", "a.txt", "--encoding", "rot13"], (2,), False),
    (["check", "a.txt", "--encoding", "nosuch"], (2,), False),
    (["check", "a.txt", "--config", "bad.toml"], (2,), False),
    (["check", "a.txt", "--bogus"], (2,), False),
    (["check", "a.txt", "--jobs", "x"], (2,), False),
    (["check", "news.jsonl", "--jsonl"], (1, 2), False),
    (["rule"], (0,), False),
    (["rule", "RC102"], (0,), False),
    (["rule", "RC999"], (2,), False),
    (["catalog", "validate"], (0,), False),
    (["catalog", "validate", "semantics.yaml"], (2,), False),
    (["catalog", "show", "30/2020/NĐ-CP"], (0,), False),
    (["catalog", "show", "99/2099/NĐ-CP"], (1,), False),
    (["catalog", "stats", "--series", "3"], (0,), False),
    (["catalog", "stats", "--series", "x"], (2,), False),
    (["catalog", "review", "--limit", "3", "--sources", "nosources"], (0,), False),
    (["catalog", "import", "t.tsv", "--map", "symbol=number,date=date,type=type,title=title"],
     (0,), True),
    (["catalog", "import", "missing.tsv", "--map", "symbol=number"], (2,), False),
    (["catalog", "import", "t.tsv", "--map", "foo=number"], (2,), False),
    (["catalog", "import", "t.tsv", "--map", "symbol=nope"], (2,), False),
    (["catalog", "mine", "a.txt", "clean.txt"], (0,), True),
    (["catalog", "mine", "--jsonl", "news.jsonl"], (2,), True),
    (["catalog", "mine"], (2,), False),
    (["catalog", "nosuch"], (2,), False),
]


@pytest.mark.parametrize("args,codes,data", RUNS, ids=lambda a: " ".join(a)
                         if isinstance(a, list) else "")
def test_every_command_in_one_language(tree, monkeypatch, args, codes, data):
    """Each command line by default and with ``--lang en``: the Vietnamese output holds no
    English word (codes, option names, paths, command names and quoted text aside), the
    English one no Vietnamese letter (the checked text aside, which the report quotes)."""
    monkeypatch.delenv("REFCHECK_LANG", raising=False)
    vi = run(*args)
    en = run(*args, "--lang", "en")
    for r in (vi, en):
        assert r.exit_code in codes, (args, r.exit_code, r.stdout, r.stderr)
        assert "Traceback" not in r.stderr
    vi_text = vi.stderr + ("" if data else vi.stdout)
    assert not _vi_clean(_paths(vi_text)), (args, _vi_clean(_paths(vi_text)), vi_text)
    en_text = _quotes(en.stderr + ("" if data else en.stdout))
    assert not _VI_LETTER.findall(_words(en_text)), (args, en_text)


_PATH = re.compile(r"\S*/\S*|\S+\.(?:tsv|csv|toml)\b|^\S+:\d+: [\w\[\].]+:|```.*?```", re.M | re.S)
#: lists of literal names: configuration keys, commands, column-map fields
_LISTS = re.compile(r"(?:các khóa|các lệnh|các trường|các cột|biết): [^)\n]*|(?<=sửa )\w+:")
#: data names shown as stored (the embedded catalog is named "default")
_DATA_NAMES = re.compile(r"\bdefault\b")
#: what the report shows of the checked text and the catalog's own Vietnamese names
_CITED = re.compile("|".join(re.escape(s) for s in (
    SPACED, CLEAN, "Nghị định", "Chỉ thị", "Chính phủ", "Bộ Chính trị", "về công tác văn thư",
    "Ban Chấp hành Trung ương", "Hướng dẫn", "NĐ-CP", "NĐ", "Luật", "QĐ", "ĐA", "QĐi", "TĐ",
    "Đại hội", "“số”", "Ð", "Đ", "×")), re.I)


def _paths(text: str) -> str:
    return _DATA_NAMES.sub(" ", _LISTS.sub(" ", _PATH.sub(" ", text)))


def _quotes(text: str) -> str:
    return _CITED.sub(" ", _PATH.sub(" ", text))


def test_catalog_field_named_in_vietnamese(work):
    """'(number 30)' in a Vietnamese line: the field beside its value is named in the run's
    language (the key path before the message stays the YAML key to edit)."""
    from test_i18n import _write_catalogs

    _write_catalogs(work)
    vi = run("catalog", "validate", "semantics.yaml")
    en = run("catalog", "validate", "semantics.yaml", "--lang", "en")
    assert "documents[0].number: 31 mâu thuẫn với số hiệu '30/2020/NĐ-CP' (số 30)" in vi.stdout
    assert "(number 30)" not in vi.stdout and "(number 30)" in en.stdout


def test_language_server_errors_in_run_language(work):
    """A broken configuration or catalog reaches the editor as one diagnostic: in the
    editor's language (``--lang``/initialization option), else the configuration's, else vi."""
    from test_i18n import _write_catalogs

    from refcheck.lsp.engine import CheckError, Engine

    _write_catalogs(work)
    uri = (work / "a.txt").as_uri()
    (work / "refcheck.toml").write_text('lang_ = "vi"\n', encoding="utf-8")
    for lang, want in ((None, "không có khóa 'lang_'"), ("en", "unknown key 'lang_'")):
        with pytest.raises(CheckError) as exc:
            Engine(lang).check(uri, CLEAN)
        assert want in str(exc.value), str(exc.value)
    (work / "refcheck.toml").write_text('catalogs = ["semantics.yaml"]\n', encoding="utf-8")
    for lang, want in ((None, "bị trùng (lần đầu ở dòng"), ("en", "duplicate id")):
        with pytest.raises(CheckError) as exc:
            Engine(lang).check(uri, CLEAN)
        assert want in str(exc.value) and "\n" not in str(exc.value), str(exc.value)
