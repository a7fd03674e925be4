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
