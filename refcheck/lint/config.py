"""Configuration, in the manner of ruff.

Settings come from ``refcheck.toml`` (keys at top level), ``.refcheck.toml``, or the
``[tool.refcheck]`` table of ``pyproject.toml``, whichever is found first walking up from the
checked path (or the current directory); in one directory ``refcheck.toml`` wins over
``.refcheck.toml``, which wins over ``pyproject.toml``; a ``pyproject.toml`` without a
``[tool.refcheck]`` table is passed over. Paths in the file (``catalogs``) are relative to the
file's directory; ``exclude`` and ``per-file-ignores`` globs are matched against paths
relative to that directory too. Command-line options are merged on top with
``Settings.merge_cli``.

Rule selection follows ruff: ``select`` / ``extend-select`` / ``ignore`` hold codes or code
prefixes (``RC``, ``RC4``, ``RC102``); for each code the longest matching prefix decides, and at
equal length ``ignore`` wins. ``per-file-ignores`` then switches codes off for matching files.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

from refcheck.fsio import MAX_CONFIG_BYTES, read_capped
from refcheck.lint.formats import FORMATS
from refcheck.lint.messages import Said, Text
from refcheck.model import SEVERITIES

CONFIG_NAMES = ("refcheck.toml", ".refcheck.toml", "pyproject.toml")
LANGS = ("vi", "en")
#: Folders never walked unless ``exclude`` is set explicitly (``extend-exclude`` keeps them).
DEFAULT_EXCLUDE = (".git/", ".hg/", ".svn/", ".venv/", "venv/", "node_modules/", "__pycache__/",
                   ".tox/", ".mypy_cache/", ".pytest_cache/", ".ruff_cache/")

_PREFIX = re.compile(r"^RC\d{0,3}$")

PathLike = Union[str, os.PathLike]


class ConfigError(Said):
    """A configuration problem, one message of ``lint.messages`` naming the file, the key and
    the valid choices: ``str()`` in English, ``say(lang)`` in the run's. ``lang`` is the
    language the broken file itself asks for, when it says (the run's language is not
    known yet when its configuration does not load)."""

    lang: Optional[str] = None

_CLI = Text("cfg_command_line")


from refcheck.lint.globs import GlobSet, compile_glob  # noqa: E402,F401  (re-exported)


# --------------------------------------------------------------------------- settings


def _default_exclude() -> list[str]:
    return list(DEFAULT_EXCLUDE)


@dataclass
class Settings:
    """What a run checks with: the configuration file's values, the command line's on top
    (``merge_cli``)."""
    catalogs: list[Path] = field(default_factory=list)
    default_catalog: bool = True
    select: list[str] = field(default_factory=lambda: ["RC"])
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    lang: str = "vi"
    fail_level: str = "error"
    article_date: Optional[str] = None  # ISO yyyy-mm-dd, "none", or None (infer)
    exclude: list[str] = field(default_factory=_default_exclude)
    extend_exclude: list[str] = field(default_factory=list)
    format: str = "grouped"
    source: Optional[Path] = None  # the config file, or None for defaults
    root: Path = field(default_factory=Path.cwd)  # folder globs are relative to

    # -- rule selection -------------------------------------------------------------------

    def _relative(self, path: PathLike) -> tuple[str, bool]:
        """(POSIX path relative to root, whether it lies outside root)."""
        p = Path(path)
        absolute = Path(os.path.abspath(p))
        try:
            return absolute.relative_to(os.path.abspath(self.root)).as_posix(), False
        except ValueError:
            return p.as_posix().lstrip("/"), True

    def is_selected(self, code: str, path: Optional[PathLike] = None) -> bool:
        best_len, selected = -1, False
        for prefixes, on in ((self.select, True), (self.extend_select, True), (self.ignore, False)):
            for prefix in prefixes:
                if code.startswith(prefix) and (len(prefix) > best_len
                                                or (len(prefix) == best_len and not on)):
                    best_len, selected = len(prefix), on
        if not selected:
            return False
        if path is not None and self.per_file_ignores:
            rel, outside = self._relative(path)
            for glob, prefixes in self.per_file_ignores.items():
                if any(code.startswith(p) for p in prefixes) and \
                        GlobSet([glob]).matches(rel, False, outside):
                    return False
        return True

    def severity_for(self, code: str, default: str) -> str:
        best = None
        for prefix, sev in self.severity.items():
            if code.startswith(prefix) and (best is None or len(prefix) > len(best)):
                best = prefix
        return self.severity[best] if best is not None else default

    # -- paths ----------------------------------------------------------------------------

    @property
    def _excludes(self) -> GlobSet:
        cached = self.__dict__.get("_globset")
        key = (tuple(self.exclude), tuple(self.extend_exclude))
        if cached is None or cached[0] != key:
            cached = (key, GlobSet(list(self.exclude) + list(self.extend_exclude)))
            self.__dict__["_globset"] = cached
        return cached[1]

    def is_excluded(self, path: PathLike, is_dir: Optional[bool] = None) -> bool:
        """Whether ``exclude``/``extend-exclude`` cover ``path`` (a file or a folder)."""
        if is_dir is None:
            is_dir = str(path).endswith(("/", os.sep)) or Path(path).is_dir()
        rel, outside = self._relative(path)
        return self._excludes.matches(rel, is_dir, outside)

    # -- merging --------------------------------------------------------------------------

    def merge_cli(self, **overrides: Any) -> "Settings":
        """A copy with command-line values on top. ``None`` means "not given".

        ``select``, ``exclude`` and scalars replace; ``ignore``, ``extend_select``,
        ``extend_exclude`` and ``catalogs`` (relative to the current directory) add;
        ``per_file_ignores`` and ``severity`` update.
        """
        new = dataclasses.replace(self, catalogs=list(self.catalogs), ignore=list(self.ignore),
                                  extend_select=list(self.extend_select),
                                  extend_exclude=list(self.extend_exclude),
                                  per_file_ignores=dict(self.per_file_ignores),
                                  severity=dict(self.severity))
        new.__dict__.pop("_globset", None)
        names = {f.name for f in dataclasses.fields(Settings)}
        for name, value in overrides.items():
            if value is None:
                continue
            key = name.replace("-", "_")
            if key not in names or key in ("source", "root"):
                raise ConfigError("cfg_unknown_setting", where=_CLI, name=name)
            where = _Where(_CLI, "--" + key.replace("_", "-"))
            if key == "catalogs":
                new.catalogs += [Path(os.path.abspath(p)) for p in _str_list(where, value)]
            elif key in ("ignore", "extend_select"):
                getattr(new, key).extend(_prefixes(where, value))
            elif key == "select":
                new.select = _prefixes(where, value)
            elif key == "exclude":
                new.exclude = _str_list(where, value)
            elif key == "extend_exclude":
                new.extend_exclude += _str_list(where, value)
            elif key == "per_file_ignores":
                new.per_file_ignores.update(_per_file_ignores(where, value))
            elif key == "severity":
                new.severity.update(_severity_table(where, value))
            else:
                setattr(new, key, _SCALARS[key](where, value))
        return new

    # -- display --------------------------------------------------------------------------

    def show_settings(self) -> str:
        lines = [f"# source: {self.source if self.source else '(defaults)'}",
                 f"# root: {self.root}"]
        for f in dataclasses.fields(self):
            if f.name in ("source", "root"):
                continue
            value = getattr(self, f.name)
            key = f.name.replace("_", "-")
            lines.append(f"{key} = {_toml_value(value)}")
        return "\n".join(lines) + "\n"


def show_settings(settings: Settings) -> str:
    """Text for ``--show-settings``."""
    return settings.show_settings()


def _toml_value(value: Any) -> str:
    if value is None:
        return '"" # unset'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Path):
        return _toml_value(str(value))
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, dict):
        inner = ", ".join(f"{_toml_value(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return str(value)


# --------------------------------------------------------------------------- validation


@dataclass
class _Where:
    """Where a configuration value was read (file, key, table), for its error message."""
    file: Union[str, Text]
    key: str
    table: str = ""

    def fail(self, value: Any, expected: str, **fields: Any) -> ConfigError:
        """``file: [table] key = value: <expected>`` (``expected``: a message key)."""
        shown = _toml_value(value) if isinstance(value, (str, bool, list, dict, int, float)) \
            else repr(value)
        return ConfigError("cfg_bad_value", where=self.file,
                           table=f"[{self.table}] " if self.table else "", setting=self.key,
                           shown=shown, expected=Text(expected, fields))


def _choice(choices: tuple[str, ...]):
    def check(where: _Where, value: Any) -> str:
        if not isinstance(value, str) or value not in choices:
            raise where.fail(value, "cfg_expected_one_of", choices=", ".join(choices))
        return value
    return check


def _bool(where: _Where, value: Any) -> bool:
    if not isinstance(value, bool):
        raise where.fail(value, "cfg_expected_bool")
    return value


def _article_date(where: _Where, value: Any) -> str:
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return value.isoformat()  # TOML allows a bare date: article-date = 2020-10-02
    if isinstance(value, str):
        if value.lower() == "none":
            return "none"
        from refcheck.text.dates import parse_iso  # here: most runs set no date

        iso = parse_iso(value)
        if iso:
            return iso
    raise where.fail(value, "cfg_expected_date")


def _str_list(where: _Where, value: Any) -> list[str]:
    if isinstance(value, (str, os.PathLike)):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, (str, os.PathLike))
                                                       for v in value):
        raise where.fail(value, "cfg_expected_list")
    return [os.fspath(v) for v in value]


def _prefixes(where: _Where, value: Any) -> list[str]:
    if isinstance(value, str):  # command line: "RC4,RC102"
        value = [v.strip() for v in value.split(",") if v.strip()]
    from refcheck.rules.registry import RULES  # here: only a configured selection needs it

    out = []
    for v in _str_list(where, value):
        code = v.strip().upper()
        if code == "ALL":
            code = "RC"
        if not _PREFIX.match(code) or not any(c.startswith(code) for c in RULES):
            raise where.fail(v, "cfg_expected_code", codes=", ".join(RULES))
        out.append(code)
    return out


def _per_file_ignores(where: _Where, value: Any) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        raise where.fail(value, "cfg_expected_globs")
    return {str(glob): _prefixes(_Where(where.file, f'{where.key}."{glob}"', where.table), codes)
            for glob, codes in value.items()}


def _severity_table(where: _Where, value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise where.fail(value, "cfg_expected_severities")
    out = {}
    for code, sev in value.items():
        sub = _Where(where.file, f"{where.key}.{code}", where.table)
        (prefix,) = _prefixes(sub, [code])
        out[prefix] = _choice(SEVERITIES)(sub, sev)
    return out


_SCALARS = {
    "default_catalog": _bool,
    "lang": _choice(LANGS),
    "fail_level": _choice(SEVERITIES),
    "format": _choice(FORMATS),
    "article_date": _article_date,
}

KEYS = ("catalogs", "default-catalog", "select", "ignore", "extend-select", "per-file-ignores",
        "severity", "lang", "fail-level", "article-date", "exclude", "extend-exclude", "format")


# --------------------------------------------------------------------------- loading


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def _read_table(path: Path) -> Optional[tuple[dict, str]]:
    """(table, table name for messages) or None when a pyproject has no [tool.refcheck]."""
    try:
        raw = read_capped(path, MAX_CONFIG_BYTES)  # not /dev/zero read forever
    except OSError as exc:
        raise ConfigError("cfg_cannot_read", where=_display(path), reason=exc) from None
    utf16 = raw.startswith((b"\xff\xfe", b"\xfe\xff"))  # as Notepad saves "Unicode"
    if path.name == "pyproject.toml" and not utf16 and b"refcheck" not in raw:
        # Every spelling of the table ([tool.refcheck], tool.refcheck.x = …, [tool] refcheck =
        # {…}) names it: the project's own pyproject is passed over without importing tomllib.
        return None
    try:  # Python >= 3.11
        import tomllib as _toml
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        import tomli as _toml  # type: ignore[no-redef]
    try:
        # TOML is UTF-8; a byte-order mark (UTF-8 or UTF-16, as Windows editors write) is
        # read for what it says rather than leaving the file silently unused
        text = raw.decode("utf-16") if utf16 else raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError("cfg_not_utf8", where=_display(path), pos=exc.start,
                          detail=exc.reason) from None
    if path.name == "pyproject.toml" and "refcheck" not in text:
        return None
    try:
        data = _toml.loads(text)
    except _toml.TOMLDecodeError as exc:
        at = re.search(r"at line (\d+), column (\d+)", str(exc))
        raise ConfigError("cfg_bad_toml", where=_display(path), detail=str(exc),
                          line=at.group(1) if at else "?",
                          column=at.group(2) if at else "?") from None
    tool = data.get("tool")
    if path.name != "pyproject.toml" and isinstance(tool, dict) and "refcheck" in tool:
        # refcheck.toml written like a pyproject ([tool.refcheck]): the same table
        if set(data) != {"tool"} or set(tool) != {"refcheck"}:
            raise ConfigError("cfg_both_tables", where=_display(path))
        if not isinstance(tool["refcheck"], dict):
            raise ConfigError("cfg_not_a_table", where=_display(path))
        return tool["refcheck"], "tool.refcheck"
    if path.name == "pyproject.toml":
        tool = data.get("tool")
        if not isinstance(tool, dict) or "refcheck" not in tool:
            return None
        table = tool["refcheck"]
        if not isinstance(table, dict):
            raise ConfigError("cfg_not_a_table", where=_display(path))
        return table, "tool.refcheck"
    return data, ""


def find_config(start: Optional[PathLike] = None) -> Optional[Path]:
    """The config file that governs ``start`` (a file or folder), or None."""
    here = Path(os.path.abspath(start if start is not None else os.getcwd()))
    if not os.path.isdir(here):  # (os.path: a name too long for the file system is no folder)
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if os.path.isfile(candidate):
                if name == "pyproject.toml" and _read_table(candidate) is None:
                    continue
                return candidate
    return None


def settings_from_table(table: dict, path: Optional[Path], table_name: str = "") -> Settings:
    """Validate one config table. ``path`` is the config file (None: relative to cwd)."""
    root = path.parent if path is not None else Path.cwd()
    shown: Union[str, Text] = _display(path) if path is not None else Text("cfg_configuration")
    try:
        return _settings_from_table(table, path, table_name, root, shown)
    except ConfigError as e:
        lang = table.get("lang")
        e.lang = lang if isinstance(lang, str) and lang in LANGS else None
        raise


def _settings_from_table(table: dict, path: Optional[Path], table_name: str, root: Path,
                         shown: Union[str, Text]) -> Settings:
    s = Settings(source=path, root=root)
    for key, value in table.items():
        where = _Where(shown, key, table_name)
        if key not in KEYS:
            import difflib  # only on this error path

            hint = difflib.get_close_matches(str(key), KEYS, n=1)
            raise ConfigError("cfg_unknown_key", where=shown,
                              table=f"[{table_name}] " if table_name else "", setting=key,
                              did=Text("cfg_did_you_mean", {"name": hint[0]}) if hint else "",
                              keys=", ".join(KEYS))
        attr = key.replace("-", "_")
        if key == "catalogs":
            s.catalogs = [Path(os.path.normpath(root / p)) for p in _str_list(where, value)]
        elif key in ("select", "ignore", "extend-select"):
            setattr(s, attr, _prefixes(where, value if not isinstance(value, str) else [value]))
        elif key in ("exclude", "extend-exclude"):
            setattr(s, attr, _str_list(where, value))
        elif key == "per-file-ignores":
            s.per_file_ignores = _per_file_ignores(where, value)
        elif key == "severity":
            s.severity = _severity_table(where, value)
        else:
            setattr(s, attr, _SCALARS[attr](where, value))
    return s


def load_settings(start: Optional[PathLike] = None) -> Settings:
    """Settings for ``start`` (the checked path; default the current directory)."""
    path = find_config(start)
    if path is None:
        return Settings()
    found = _read_table(path)
    assert found is not None
    table, table_name = found
    return settings_from_table(table, path, table_name)


def load_settings_file(path: PathLike) -> Settings:
    """Settings from an explicit ``--config FILE``."""
    p = Path(os.path.abspath(path))
    found = _read_table(p)
    if found is None:
        raise ConfigError("cfg_no_table", where=_display(p))
    return settings_from_table(found[0], p, found[1])


def config_lang(config_file: Optional[PathLike] = None,
                start: Optional[PathLike] = None) -> Optional[str]:
    """The ``lang`` the configuration asks for (``--config FILE``, else the file that governs
    ``start``), read without validating the rest; None when it says nothing valid. For the
    texts printed before the settings are loaded (``--help``, usage errors)."""
    path = Path(os.path.abspath(config_file)) if config_file else find_config(start)
    if path is None:
        return None
    found = _read_table(path)
    lang = found[0].get("lang") if found is not None else None
    return lang if isinstance(lang, str) and lang in LANGS else None
