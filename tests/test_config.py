"""Configuration loading, validation, selection and exclusion."""
from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.lint.config import (ConfigError, GlobSet, Settings, find_config, load_settings,
                             load_settings_file, show_settings)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


PYPROJECT = """\
[project]
name = "toa-soan"

[tool.refcheck]
catalogs = ["catalogs/dia-phuong.yaml"]
default-catalog = false
select = ["RC1", "RC4"]
ignore = ["RC403"]
extend-select = ["RC201"]
lang = "en"
fail-level = "error"
article-date = "2020-10-02"
exclude = ["drafts/old/", "*.bak", "**/tmp/*"]
format = "concise"

[tool.refcheck.per-file-ignores]
"seeds/*.txt" = ["RC4"]
"**/ban-nhap/**" = ["RC102"]

[tool.refcheck.severity]
RC201 = "error"
RC1 = "info"
"""


def test_defaults_without_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = load_settings(tmp_path)
    assert s.source is None
    assert s.select == ["RC"] and s.lang == "vi" and s.default_catalog is True
    assert s.is_selected("RC401") and s.is_selected("RC001")
    assert s.is_excluded(tmp_path / ".git" / "config")


def test_pyproject_all_keys(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfg = write(tmp_path / "pyproject.toml", PYPROJECT)
    (tmp_path / "drafts" / "2020").mkdir(parents=True)
    s = load_settings(tmp_path / "drafts" / "2020")
    assert s.source == cfg and s.root == tmp_path
    assert s.catalogs == [tmp_path / "catalogs" / "dia-phuong.yaml"]
    assert s.default_catalog is False
    assert s.lang == "en" and s.fail_level == "error" and s.format == "concise"
    assert s.article_date == "2020-10-02"
    assert s.per_file_ignores == {"seeds/*.txt": ["RC4"], "**/ban-nhap/**": ["RC102"]}
    assert s.severity == {"RC201": "error", "RC1": "info"}


def test_select_ignore_longest_prefix(tmp_path):
    s = Settings(root=tmp_path, select=["RC1", "RC4"], ignore=["RC4", "RC10"],
                 extend_select=["RC102", "RC201"])
    assert s.is_selected("RC101") is False  # RC10 (ignore) is longer than RC1 (select)
    assert s.is_selected("RC102") is True  # RC102 (extend-select) is longer than RC10
    assert s.is_selected("RC103") is False
    assert s.is_selected("RC201") is True
    assert s.is_selected("RC202") is False  # not selected at all
    assert s.is_selected("RC401") is False  # equal length: ignore wins
    s = Settings(root=tmp_path, ignore=["RC4"], extend_select=["RC401"])
    assert s.is_selected("RC401") and not s.is_selected("RC402") and s.is_selected("RC102")


def test_per_file_ignores(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "pyproject.toml", PYPROJECT)
    s = load_settings(tmp_path)
    assert not s.is_selected("RC401", tmp_path / "seeds" / "000_79d50c78e0afde38.txt")
    assert s.is_selected("RC401", tmp_path / "drafts" / "bai.txt")
    assert s.is_selected("RC401", "drafts/bai.txt")  # relative to cwd == config dir
    assert not s.is_selected("RC102", "drafts/ban-nhap/2020/bai.md")
    assert s.is_selected("RC102", "drafts/bai.md")
    assert not s.is_selected("RC403", "drafts/bai.md")  # ignored globally


def test_severity_for(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "refcheck.toml", '[severity]\nRC1 = "info"\nRC102 = "error"\n')
    s = load_settings(tmp_path)
    assert s.severity_for("RC102", "warning") == "error"  # longest prefix
    assert s.severity_for("RC101", "warning") == "info"
    assert s.severity_for("RC401", "error") == "error"


def test_refcheck_toml_wins_in_same_dir(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.refcheck]\nlang = "en"\n')
    toml = write(tmp_path / "refcheck.toml", 'lang = "vi"\nfail-level = "info"\n')
    s = load_settings(tmp_path)
    assert s.source == toml and s.lang == "vi" and s.fail_level == "info"


def test_nearest_config_wins_and_pyproject_without_table_skipped(tmp_path):
    outer = write(tmp_path / "refcheck.toml", 'lang = "en"\n')
    write(tmp_path / "bao" / "pyproject.toml", '[project]\nname = "x"\n')
    f = write(tmp_path / "bao" / "so-1" / "bai.txt", "Chỉ thị số 35-CT/TW ngày 30/5/2019\n")
    assert find_config(f) == outer
    inner = write(tmp_path / "bao" / "so-1" / "pyproject.toml", '[tool.refcheck]\nlang = "vi"\n')
    assert find_config(f) == inner
    assert load_settings(f).lang == "vi"


def test_bad_value_message(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "pyproject.toml", '[tool.refcheck]\nfail-level = "fatal"\n')
    with pytest.raises(ConfigError) as exc:
        load_settings(tmp_path)
    assert str(exc.value) == ('pyproject.toml: [tool.refcheck] fail-level = "fatal": '
                              'expected one of info, warning, error')


@pytest.mark.parametrize("body,needle", [
    ('lang = "fr"', 'lang = "fr": expected one of vi, en'),
    ('format = "xml"', "expected one of grouped, concise, json, sarif, github"),
    ('select = ["RC9X"]', 'select = "RC9X": expected a rule code or prefix'),
    ('ignore = ["E501"]', 'ignore = "E501": expected a rule code or prefix'),
    ('select = ["RC7"]', "expected a rule code or prefix"),  # no such rules
    ('default-catalog = "yes"', "default-catalog = \"yes\": expected true or false"),
    ('article-date = "02/10/2020"', 'expected an ISO date (yyyy-mm-dd) or "none"'),
    ('catalogs = "a.yaml"\nexclude = 3', "exclude = 3: expected a list of strings"),
    ('[severity]\nRC401 = "fatal"', 'severity.RC401 = "fatal": expected one of info, warning, error'),
    ('[per-file-ignores]\n"*.md" = ["X1"]', 'per-file-ignores."*.md" = "X1"'),
])
def test_bad_values_refcheck_toml(tmp_path, monkeypatch, body, needle):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "refcheck.toml", body + "\n")
    with pytest.raises(ConfigError) as exc:
        load_settings(tmp_path)
    assert str(exc.value).startswith("refcheck.toml: ")
    assert needle in str(exc.value)


def test_unknown_key(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "pyproject.toml", '[tool.refcheck]\nfail_level = "error"\n')
    with pytest.raises(ConfigError) as exc:
        load_settings(tmp_path)
    msg = str(exc.value)
    assert msg.startswith("pyproject.toml: [tool.refcheck] unknown key 'fail_level'")
    assert "did you mean fail-level?" in msg and "expected one of catalogs, default-catalog" in msg


def test_invalid_toml(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "refcheck.toml", 'lang = "vi\n')
    with pytest.raises(ConfigError, match=r"^refcheck.toml: invalid TOML"):
        load_settings(tmp_path)


def test_article_date_forms(tmp_path):
    write(tmp_path / "refcheck.toml", "article-date = 2020-10-02\n")
    assert load_settings(tmp_path).article_date == "2020-10-02"
    write(tmp_path / "refcheck.toml", 'article-date = "none"\n')
    assert load_settings(tmp_path).article_date == "none"


def test_merge_cli(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "pyproject.toml", PYPROJECT)
    s = load_settings(tmp_path)
    m = s.merge_cli(lang="vi", select="RC2,RC3", ignore=["RC302"], fail_level=None,
                    catalogs=["extra.yaml"], severity={"RC301": "warning"},
                    article_date="none")
    assert m.lang == "vi" and m.fail_level == "error"
    assert m.select == ["RC2", "RC3"] and m.ignore == ["RC403", "RC302"]
    assert m.catalogs == [tmp_path / "catalogs" / "dia-phuong.yaml", tmp_path / "extra.yaml"]
    assert m.severity_for("RC301", "error") == "warning"
    assert m.is_selected("RC301") and not m.is_selected("RC302")
    assert m.article_date == "none"
    # the original is untouched
    assert s.select == ["RC1", "RC4"] and s.ignore == ["RC403"] and s.lang == "en"
    with pytest.raises(ConfigError, match=r"^command line: --fail-level = \"fatal\": expected one "
                                          r"of info, warning, error$"):
        s.merge_cli(fail_level="fatal")
    with pytest.raises(ConfigError, match="unknown setting"):
        s.merge_cli(colour=True)


@pytest.mark.parametrize("path,excluded", [
    ("drafts/old/bai-1.txt", True),
    ("drafts/old", True),
    ("drafts/older/bai-1.txt", False),
    ("x/drafts/old/bai-1.txt", False),  # "drafts/old/" is anchored: it has a slash
    ("drafts/bai-1.txt.bak", True),
    ("sub/dir/bai.bak", True),
    ("bak", False),
    ("tmp/bai.txt", True),
    ("a/b/tmp/bai.txt", True),
    ("a/b/tmp", False),
    ("drafts/bai-1.txt", False),
    (".git/HEAD", True),  # default excludes stay with extend-exclude
])
def test_is_excluded(tmp_path, monkeypatch, path, excluded):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts" / "old").mkdir(parents=True)
    write(tmp_path / "refcheck.toml",
          'extend-exclude = ["drafts/old/", "*.bak", "**/tmp/*"]\n')
    s = load_settings(tmp_path)
    assert s.is_excluded(tmp_path / path) is excluded
    assert s.is_excluded(path) is excluded


def test_exclude_replaces_defaults_and_dir_only(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "refcheck.toml", 'exclude = ["luu-tru/", "/goc.txt"]\n')
    s = load_settings(tmp_path)
    assert not s.is_excluded(".git/HEAD")
    assert s.is_excluded("a/luu-tru/bai.txt")
    assert not s.is_excluded("luu-tru", is_dir=False)  # a file called luu-tru
    assert s.is_excluded("luu-tru", is_dir=True)
    assert s.is_excluded("goc.txt") and not s.is_excluded("a/goc.txt")


def test_exclude_from_subdir_cwd(tmp_path, monkeypatch):
    write(tmp_path / "refcheck.toml", 'exclude = ["drafts/old/"]\n')
    (tmp_path / "drafts" / "old").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "drafts")
    s = load_settings(Path.cwd())
    assert s.is_excluded("old/bai.txt")  # relative to cwd, matched relative to config dir
    assert not s.is_excluded("bai.txt")


def test_globset_negation_and_classes():
    g = GlobSet(["*.txt", "!quan-trong.txt", "nhap-[0-9].md", "# comment", ""])
    assert g.matches("a.txt") and not g.matches("quan-trong.txt")
    assert g.matches("x/nhap-3.md") and not g.matches("nhap-x.md")
    g = GlobSet(["build/", "!build/keep.txt"])  # cannot re-include inside an excluded folder
    assert g.matches("build/keep.txt")
    g = GlobSet(["a/**/z.txt", "logs/**"])
    assert g.matches("a/z.txt") and g.matches("a/b/c/z.txt") and not g.matches("b/a/z.txt")
    assert g.matches("logs/2020/x.txt")


def test_show_settings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfg = write(tmp_path / "pyproject.toml", PYPROJECT)
    text = show_settings(load_settings(tmp_path))
    assert f"# source: {cfg}" in text
    assert 'fail-level = "error"' in text and 'select = ["RC1", "RC4"]' in text
    assert 'per-file-ignores = { "seeds/*.txt" = ["RC4"], "**/ban-nhap/**" = ["RC102"] }' in text
    assert "default-catalog = false" in text
    assert "# source: (defaults)" in Settings().show_settings()


def test_explicit_config_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfg = write(tmp_path / "conf" / "rc.toml", 'lang = "en"\ncatalogs = ["../c.yaml"]\n')
    s = load_settings_file(cfg)
    assert s.lang == "en" and s.catalogs == [tmp_path / "c.yaml"]
    write(tmp_path / "pyproject.toml", "[project]\n")
    with pytest.raises(ConfigError, match="no \\[tool.refcheck\\] table"):
        load_settings_file(tmp_path / "pyproject.toml")
