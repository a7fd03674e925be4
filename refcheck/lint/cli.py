"""The ``refcheck`` command: a thin click shell over ``refcheck.api``.

Exit codes: 0 clean, 1 findings at or above the fail level, 2 usage, configuration or I/O
error (a file that could not be read makes the whole run exit 2, after the other files are
checked). Heavy modules are imported inside the commands so that start-up stays cheap.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import click

from refcheck._version import __version__
from refcheck.lint import writeback
from refcheck.lint.helpfmt import version_option
from refcheck.lint.signals import stops_as_interrupts
from refcheck.lint.terminal import color as _color, width as _width
from refcheck.lint.usage import LazyGroup
from refcheck.lint.formats import REPORT_FORMATS as FORMATS


class _Exit(Exception):
    def __init__(self, code: int):
        self.code = code


def _csv(value: Optional[str]) -> Optional[list[str]]:
    if value is None:
        return None
    return [v.strip() for v in value.split(",") if v.strip()]


def _err(msg: str) -> None:
    click.echo(f"refcheck: {msg}", err=True)


def _lang_defaults(group: click.Group, value: str) -> dict:
    """``--lang`` as the default of every subcommand that has one (``refcheck --lang en
    catalog stats`` as ``refcheck catalog stats --lang en``; the subcommand's own wins)."""
    out: dict = {}
    for name, cmd in group.commands.items():
        sub = _lang_defaults(cmd, value) if isinstance(cmd, click.Group) else {}
        if any(p.name == "lang" for p in cmd.params):
            sub["lang"] = value
        if sub:
            out[name] = sub
    return out


def _root_lang(ctx: click.Context, _param: click.Parameter, value: Optional[str]) -> None:
    if value is not None and not ctx.resilient_parsing:
        ctx.default_map = _lang_defaults(ctx.command, value)  # type: ignore[arg-type]


@click.group("refcheck", cls=LazyGroup, lazy={"catalog": "refcheck.lint.catalog_cli:catalog"},
             context_settings={"help_option_names": ["-h", "--help"]})
@version_option(__version__)
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None, expose_value=False,
              is_eager=True, callback=_root_lang)
def main() -> None:  # help texts, both languages: refcheck/lint/helptext.py
    """Find, resolve and check citations of Vietnamese Party and State documents."""


def _iter_files(paths: list[str], settings, walk):
    """Files to check, in a stable order (see ``refcheck.lint.walk``)."""
    return walk.files(paths)


@main.command("check")
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None)
@click.option("--statistics", is_flag=True)
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None)
@click.option("--catalog", "catalogs", multiple=True, type=click.Path(dir_okay=False))
@click.option("--no-default-catalog", is_flag=True, default=None)
@click.option("--article-date", default=None, metavar="YYYY-MM-DD")
@click.option("--fail-level", type=click.Choice(["info", "warning", "error"]), default=None)
@click.option("--exit-zero", is_flag=True)
@click.option("--select", default=None)
@click.option("--ignore", default=None)
@click.option("--extend-select", default=None)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None)
@click.option("--show-settings", is_flag=True)
@click.option("--fix", is_flag=True)
@click.option("--diff", is_flag=True)
@click.option("--encoding", default=None)
@click.option("--stdin-filename", default=None)
@click.option("--baseline", type=click.Path(dir_okay=False), default=None)
@click.option("--write-baseline", is_flag=True)
@click.option("--jsonl", "jsonl", is_flag=True)
@click.option("--text-field", default="text", show_default=True)
@click.option("--id-field", default="id", show_default=True)
@click.option("--date-field", default="date", show_default=True)
@click.option("-j", "--jobs", type=int, default=None)
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS")
@click.option("--no-progress", is_flag=True)
@click.option("--no-cache", is_flag=True)
@click.option("--no-respect-gitignore", is_flag=True)
@click.option("-q", "--quiet", is_flag=True)
@click.option("--color", "color", type=click.Choice(["auto", "always", "never"]),
              default="auto", show_default=True)
def check_cmd(paths, fmt, output, statistics, lang, catalogs, no_default_catalog, article_date,
              fail_level, exit_zero, select, ignore, extend_select, config_file, show_settings,
              fix, diff, encoding, stdin_filename, baseline, write_baseline, jsonl, text_field,
              id_field, date_field, jobs, dask_address, no_progress, no_cache,
              no_respect_gitignore, quiet, color):
    """Check the files and folders in PATHS ('-' reads standard input)."""
    try:
        with stops_as_interrupts():  # SIGTERM, SIGHUP: the same clean-up as Ctrl-C
            code = _check(**locals())
    except _Exit as e:
        code = e.code
    except KeyboardInterrupt as e:
        from refcheck.lint.messages import say

        signum = getattr(e, "signum", 2)
        _err(say("terminated", lang or "vi", signal=e.name) if signum != 2
             else say("interrupted", lang or "vi"))
        code = 128 + signum  # as shells report it: 130 for Ctrl-C, 143 for SIGTERM
    sys.exit(code)


def _load_settings(config_file, paths, lang=None):
    from refcheck.lint.config import ConfigError, load_settings, load_settings_file
    from refcheck.lint.lang import env_lang

    try:
        if config_file:
            return load_settings_file(config_file)
        start = next((p for p in paths if p != "-"), None)
        return load_settings(Path(start) if start else Path.cwd())
    except ConfigError as e:  # in the language asked for, or the one the broken file names
        _err(e.say(lang or env_lang() or e.lang or "vi"))
        raise _Exit(2)


def _check(paths, fmt, output, statistics, lang, catalogs, no_default_catalog, article_date,
           fail_level, exit_zero, select, ignore, extend_select, config_file, show_settings,
           fix, diff, encoding, stdin_filename, baseline, write_baseline, jsonl, text_field,
           id_field, date_field, jobs, dask_address, no_progress, no_cache,
           no_respect_gitignore=False, quiet=False, color="auto") -> int:
    from refcheck.lint.config import ConfigError
    from refcheck.lint.lang import env_lang

    paths = list(paths)
    output = None if output == "-" else output  # `-o -`: standard output, as '-' reads stdin
    settings = _load_settings(config_file, paths, lang)
    lang = lang or env_lang()
    try:
        settings = settings.merge_cli(
            catalogs=list(catalogs) or None,
            default_catalog=False if no_default_catalog else None,
            select=_csv(select), ignore=_csv(ignore), extend_select=_csv(extend_select),
            lang=lang, fail_level=fail_level, article_date=article_date, format=fmt)
    except ConfigError as e:
        _err(e.say(lang or settings.lang))
        return 2
    if show_settings:
        click.echo(settings.show_settings(), nl=False)
        return 0
    from refcheck.lint.messages import say

    if not paths:
        _err(say("no_paths", settings.lang))
        return 2
    if write_baseline and not baseline:
        _err(say("write_baseline_needs", settings.lang))
        return 2
    if encoding:
        from refcheck.io.read import check_encoding

        try:
            check_encoding(encoding)
        except ValueError as e:
            _err(say("bad_encoding", settings.lang, reason=e))  # e.why: in the run's language
            return 2
    if writeback.refused_targets(output, paths, lang=settings.lang, stdin_filename=stdin_filename,
                                 baseline=baseline, write_baseline=write_baseline):
        return 2
    adate = None if settings.article_date in (None, "none") else settings.article_date

    if jsonl or dask_address:
        if writeback.not_for_archive(settings.lang, fix=fix, diff=diff, baseline=baseline,
                                     write_baseline=write_baseline, encoding=encoding):
            return 2
        from refcheck.lint.archive import run_archive

        return run_archive(paths, catalog=_load_catalog(settings), settings=settings, output=output,
                           text_field=text_field, id_field=id_field, date_field=date_field,
                           jobs=1 if jobs is None else jobs, dask_address=dask_address,
                           article_date=adate,
                           catalog_paths=[str(p) for p in settings.catalogs],
                           default_catalog=settings.default_catalog, exit_zero=exit_zero,
                           quiet=quiet)

    from refcheck.lint.walk import Walk

    walk = Walk(settings, respect_gitignore=not no_respect_gitignore)
    files = list(_iter_files(paths, settings, walk))
    for name, _why in walk.notes:
        _err(say("excluded", settings.lang, path=name))
    read_errors = [msg for _, msg in walk.errors]  # unreadable folders: exit 2
    if not files and not read_errors and not walk.notes:
        # an empty folder, or none of its files is a kind refcheck reads: say so (as ruff
        # does), not a silent exit 0 that looks like a clean run
        from refcheck.io.read import EXTENSIONS
        _err(say("no_files", settings.lang, paths=", ".join(paths),
                 exts=" ".join(sorted(EXTENSIONS))))
    if output and writeback.output_is_input(output, files, settings.lang):
        return 2
    return _check_files(files, settings, adate=adate, fmt=fmt, output=output,
                        statistics=statistics, exit_zero=exit_zero, fix=fix, diff=diff,
                        encoding=encoding, stdin_filename=stdin_filename, baseline=baseline,
                        write_baseline=write_baseline, jobs=jobs, no_progress=no_progress,
                        no_cache=no_cache, roots=writeback.roots(paths),
                        read_errors=read_errors, quiet=quiet, color=color)


def _check_files(files, settings, *, adate, fmt, output, statistics, exit_zero, fix, diff,
                 encoding, stdin_filename, baseline, write_baseline, jobs, no_progress,
                 no_cache, roots=None, read_errors=None, quiet=False, color="auto") -> int:
    """The folder run, streamed: each file's result goes through the baseline, the fixes
    and into the report as it comes, and is dropped (see ``refcheck.lint.runner``)."""
    from refcheck.lint.report import Statistics, open_writer, write_parts
    from refcheck.lint.runner import Job, Runner
    from refcheck.lint.sink import Sink, SinkError
    from refcheck.lint.messages import say
    from refcheck.model import severity_rank

    lang = settings.lang
    read_errors = list(read_errors or [])
    if jobs is not None and jobs < 0:
        _err(say("jobs_negative", lang, n=jobs))
        return 2
    bl = None
    if baseline and not write_baseline:
        from refcheck.lint.baseline import BaselineError, load_baseline

        try:
            bl = load_baseline(baseline)
        except BaselineError as e:
            _err(e.say(lang))
            return 2
    cache = None if no_cache else _result_cache(settings, encoding)
    job = Job(settings, encoding=encoding, article_date=adate, stdin_filename=stdin_filename,
              textless=not (fix or diff or baseline))
    runner = Runner(job, cache, lambda: _load_catalog(settings), jobs=jobs,
                    need_source=bool(fix or diff or baseline))
    kept = [] if baseline and write_baseline else None  # the baseline needs every result
    diff_only = diff and not fix
    fmt_name = settings.format if settings.format in FORMATS else "grouped"
    job.cached = cache is not None
    if (fmt_name == "json" and job.textless and not statistics
            and not (baseline and write_baseline)):
        job.encode = "json"  # workers write each file's piece (nothing else reads results)
    # --fix --diff prints the diff first: the report waits for it in memory. With standard
    # input and --fix the fixed text is the output (as ruff does) and the report goes to stderr.
    to_stderr = bool(fix and "-" in files and not output)
    sink = Sink(None if kept is not None or diff_only else output, buffered=bool(fix and diff),
                to_stderr=to_stderr)
    try:  # SARIF writes its header at once
        writer = open_writer(fmt_name, sink.write, __version__, settings.lang,
                             color=_color(output, color) and not to_stderr,
                             width=None if to_stderr else _width(output), quiet=quiet)
    except SinkError as e:
        _err(e.say(lang))
        sink.discard()
        return 2
    stats = Statistics() if statistics else None
    threshold = severity_rank(settings.fail_level)
    failing = fixed_any = False
    diffs: list[str] = []
    refused = 0
    from refcheck.lint.progress import Progress

    progress = Progress(len(files), enabled=not no_progress)
    try:
        for item in runner.run(files):
            progress.step(item.name)
            if item.encoded is not None:  # a worker's piece of the report: written as it is
                failing = failing or item.failing
                writer.encoded(item.encoded)
                continue
            if item.parts is not None:  # a big file in blocks (textless runs only): streamed
                failing = write_parts(writer, item, stats, threshold) or failing
                if item.error is not None:
                    read_errors.append(item.error)
                continue
            r = item.result
            if item.error is not None:
                read_errors.append(item.error)
            if kept is not None:
                kept.append(r)
                continue
            if bl is not None:
                r = bl.filter([r])[0]
            if fix or diff:
                sources = {item.src.path: item.src} if item.src is not None else {}
                any_fix, diff_text, n_refused, stdin_text = writeback.apply_fixes_to_files(
                    [r], sources, write=fix, show=diff, lang=lang, roots=roots, quiet=quiet)
                refused += n_refused
                if stdin_text is not None:
                    _emit(stdin_text, None, lang)
                fixed_any = fixed_any or any_fix
                if diff_text:
                    diffs.append(diff_text)
                if diff_only:
                    continue
            if stats is not None:
                stats.add(r)
            failing = failing or any(severity_rank(f.severity) >= threshold
                                     for a in r.articles for f in a.findings)
            src = item.src
            writer.file(r, item.position or (src.position if src is not None and src.kind == "html"
                                             else None))
        progress.done()
        if cache is not None:
            cache.save()
        if runner._catalog is None and not files:
            _load_catalog(settings)  # a bad catalog is an error even with nothing to check
        if kept is not None:
            from refcheck.lint.baseline import BaselineError, write_baseline as _write

            if read_errors:  # a baseline without those files would hide nothing later
                for msg in read_errors:
                    _err(msg)
                _err(say("baseline_not_written", lang, path=baseline, n=len(read_errors)))
                return 2
            try:
                _write(baseline, kept)
            except BaselineError as e:
                _err(e.say(lang))
                return 2
            if not quiet:
                _err(say("baseline_written", lang, path=baseline))
            return 0
        if diff_only:
            # Like ruff: --diff prints only the diff, so it can be piped into `git apply`.
            _emit("".join(diffs), output, lang)
            for msg in read_errors:
                _err(msg)
            return 2 if read_errors else (1 if fixed_any else 0)
        if diffs:
            _emit("".join(diffs), None, lang)
        writer.close()
        if stats is not None:
            table = stats.format(settings.lang)
            if fmt_name in ("json", "sarif", "github"):
                # keep machine-readable output valid: the table goes to stderr
                click.echo(table, err=True, nl=False)
            else:
                sink.write(table)
        sink.close()
    except SinkError as e:
        _err(e.say(lang))
        return 2
    finally:
        sink.discard()
    for msg in read_errors:
        _err(msg)
    if read_errors or refused:
        return 2
    return 0 if exit_zero or not failing else 1


def _result_cache(settings, encoding=None):
    """The result cache for these settings and catalogs, or None (no cache dir, unreadable
    catalog: the catalog load reports that)."""
    if os.environ.get("REFCHECK_NO_CACHE"):
        return None
    from refcheck.catalog.files import stack_key
    from refcheck.lint.resultcache import ResultCache, code_fingerprint
    from refcheck.fsio import cache_dir

    root = cache_dir()
    if root is None:
        return None
    try:
        catalogs = stack_key([str(p) for p in settings.catalogs], default=settings.default_catalog)
    except OSError:
        return None
    salt = "\n".join((code_fingerprint(), catalogs, repr(settings), f"encoding={encoding}"))
    return ResultCache(root, salt, project=os.path.abspath(settings.root))


def _load_catalog(settings):
    from refcheck.catalog.errors import CatalogError
    from refcheck.catalog.load import load_catalog

    try:
        return load_catalog([str(p) for p in settings.catalogs], default=settings.default_catalog)
    except CatalogError as e:
        from refcheck.io.reasons import localise

        _err(e.say(settings.lang, localise))
        raise _Exit(2)


def _emit(text: str, output: Optional[str], lang: str = "vi") -> None:
    """Print ``text``, or write it to ``output`` atomically (a temporary file in the same
    folder renamed over it: an interrupted run leaves no partial report)."""
    if output == "<stderr>":
        sys.stderr.write(text)
        sys.stderr.flush()
        return
    if output:
        from refcheck.lint.messages import say

        try:
            writeback.write_report(output, text)
        except OSError as e:
            _err(say("cannot_write_report", lang, path=output, reason=e))
            raise _Exit(2)
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Piped into `head`: stop quietly, and keep Python from complaining at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise _Exit(0 if not text else 1)
    except OSError as e:  # `> /dev/full`, a full disk: one line, exit 2
        from refcheck.lint.messages import Text, say

        _err(say("cannot_write_report", lang, path=Text("stdout"), reason=e))
        raise _Exit(2)


@main.command("rule")
@click.argument("code", required=False)
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None)
def rule_cmd(code, lang):
    """Explain a finding code such as RC201, or list them all."""
    from refcheck.lint.lang import settle

    lang = settle(lang)
    from refcheck.lint.report.common import _t
    from refcheck.rules.registry import RULES, describe

    if not code:
        sev = _t(lang)["sev"]
        for r in RULES.values():
            click.echo(f"{r.code}  {r.name:<24} {sev[r.severity]:<9} {r.summary[lang]}")
        return
    code = code.upper()
    if code not in RULES:
        from refcheck.lint.messages import say

        _err(say("unknown_rule", lang, code=code, codes=", ".join(RULES)))
        sys.exit(2)
    click.echo(describe(code, lang))


@main.command("lsp")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None)
@click.option("--stdio", is_flag=True)
def lsp_cmd(lang, stdio):
    """Run the language server over standard input/output (needs the lsp extra)."""
    from refcheck.lsp import missing, serve  # pygls itself only once the server starts

    from refcheck.lint.lang import settle

    problem = missing(settle(lang))
    if problem:
        _err(problem)
        sys.exit(2)
    sys.exit(serve(lang))


if __name__ == "__main__":  # pragma: no cover
    main()
