"""What the language server checks with: the library pipeline, the CLI's configuration.

No pygls here, so the checking path can be reused and read without the server. Settings come
from the same ``[tool.refcheck]`` / ``refcheck.toml`` lookup as ``refcheck check`` (from the
document's folder); the catalog stack is loaded once per distinct stack and reloaded when a
catalog or the config file changes on disk (checked by ``stat`` on every check, which costs
microseconds, so no file-watching support is required of the client).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

from refcheck.api import check_source
from refcheck.catalog.errors import CatalogError
from refcheck.catalog.files import stack_files
from refcheck.catalog.load import load_catalog
from refcheck.io.read import ReadError, Source, kind_for_path, read_text
from refcheck.lint.config import CONFIG_NAMES, ConfigError, Settings, find_config, load_settings
from refcheck.model import FileResult

#: LSP language ids -> refcheck input kinds; anything else falls back to the file extension.
LANGUAGE_KINDS = {"markdown": "md", "html": "html", "plaintext": "txt", "text": "txt"}


class CheckError(Exception):
    """Configuration or catalog problem: one line, shown to the user as a diagnostic."""


@dataclass(slots=True)
class Checked:
    """One check of one document version: what every later request reads."""

    uri: str
    version: Optional[int]
    text: str  # the document's text as the editor sent it
    source: Source  # what the pipeline scanned; offsets map back with source_offset()
    result: FileResult
    lang: str
    catalog: object = None


def uri_to_path(uri: str) -> Optional[str]:
    """Filesystem path of a ``file:`` URI, or None (``untitled:``, ``vscode-notebook:``...)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = url2pathname(unquote(parsed.path))
    if parsed.netloc and parsed.netloc != "localhost":  # UNC path on Windows
        path = f"//{parsed.netloc}{path}"
    return path


def document_kind(language_id: Optional[str], path: Optional[str]) -> str:
    kind = LANGUAGE_KINDS.get((language_id or "").lower())
    if kind is None:
        kind = kind_for_path(path) if path else "txt"
    return "txt" if kind == "docx" else kind  # an editor never sends a .docx as text


def source_from_text(text: str, path: str, kind: str) -> Source:
    """The document's own text read as ``read_path`` would read the file: Markdown code and
    front matter blanked (same offsets), HTML reduced to its text with an offset map."""
    return read_text(text, path, kind)


def _stat_key(path: Path) -> tuple:
    try:
        st = os.stat(path)
    except OSError:
        return (str(path), None)
    return (str(path), st.st_mtime_ns, st.st_size, st.st_ino)


class Engine:
    """Settings and catalogs cached by the files they came from; ``check`` a document text."""

    def __init__(self, lang: Optional[str] = None) -> None:
        self.lang = lang if lang in ("vi", "en") else None  # editor setting wins over config
        self._settings: dict[Optional[Path], tuple[tuple, Settings]] = {}
        self._catalogs: dict[tuple, tuple[tuple, object]] = {}
        self.catalog_files: set[str] = set()  # every catalog file in use, for the watcher

    # -- configuration -------------------------------------------------------------------

    def settings_for(self, folder: Optional[str]) -> Settings:
        """Settings governing ``folder`` (None: the current directory)."""
        try:
            config = find_config(folder or os.getcwd())
            key = _stat_key(config) if config else ()
            cached = self._settings.get(config)
            if cached is not None and cached[0] == key:
                return cached[1]
            settings = load_settings(folder or os.getcwd())
        except ConfigError as e:  # in the editor's language, or the one the broken file names
            from refcheck.lint.lang import env_lang

            raise CheckError(e.say(self.lang or env_lang() or e.lang or "vi")) from None
        self._settings[config] = (key, settings)
        return settings

    def catalog_for(self, settings: Settings):
        files = stack_files([str(p) for p in settings.catalogs], settings.default_catalog)
        name = (settings.default_catalog, tuple(str(p) for p in files))
        stamp = tuple(_stat_key(p) for p in files)
        cached = self._catalogs.get(name)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        try:
            catalog = load_catalog([str(p) for p in settings.catalogs],
                                   default=settings.default_catalog)
        except CatalogError as e:  # in the run's language, as `refcheck check` says it
            from refcheck.io.reasons import localise

            said = e.say(self.lang or settings.lang, localise)
            raise CheckError(" ".join(said.split())) from None
        self._catalogs[name] = (stamp, catalog)  # an edited stack replaces its old version
        self.catalog_files.update(str(p) for p in files)
        return catalog

    def is_config_or_catalog(self, path: str) -> bool:
        """Whether a changed file can change the findings of open documents."""
        return os.path.basename(path) in CONFIG_NAMES or os.path.abspath(path) in {
            os.path.abspath(p) for p in self.catalog_files}

    def forget(self) -> None:
        """Drop cached settings (a watcher said a config changed); catalogs revalidate by stat."""
        self._settings.clear()

    # -- checking ------------------------------------------------------------------------

    def warm(self, folder: Optional[str]) -> None:
        """Load settings and catalog for ``folder`` and build the parser now (at
        ``initialize``), so that the first ``didOpen`` pays for neither."""
        from refcheck.rules.registry import RULES

        settings = self.settings_for(folder)
        catalog = self.catalog_for(settings)
        sample = "\n".join(r.example for r in RULES.values())
        check_source(sample, catalog=catalog, lang=self.lang or settings.lang)

    def check(self, uri: str, text: str, language_id: Optional[str] = None,
              version: Optional[int] = None) -> Checked:
        path = uri_to_path(uri)
        kind = document_kind(language_id, path)
        settings = self.settings_for(os.path.dirname(path) if path else None)
        lang = self.lang or settings.lang
        name = path or uri
        try:
            src = source_from_text(text, name, kind)
        except ReadError:  # html.parser gave up: still check the words
            src = source_from_text(text, name, "txt")
        if path and settings.is_excluded(path, is_dir=False):
            return Checked(uri, version, text, src, FileResult(path=name, text=src.text,
                                                               kind=src.kind), lang)
        catalog = self.catalog_for(settings)
        adate = None if settings.article_date in (None, "none") else settings.article_date
        result = check_source(src.text, path=name, catalog=catalog, article_date=adate,
                              front_matter_date=src.front_matter_date, lang=lang,
                              settings=settings, position=src.position, kind=src.kind)
        return Checked(uri, version, text, src, result, lang, catalog)
