"""One language per run (issue 14), beyond the bad inputs of ``test_robust_cli``: the
configuration's errors, the statistics table, where the language comes from (``--lang``,
``REFCHECK_LANG``, the configuration's ``lang``). Each command line runs twice, by default
and with ``--lang en``: the Vietnamese output may hold no English word of the CLI's own
vocabulary and the English output no Vietnamese letter."""
from __future__ import annotations

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
