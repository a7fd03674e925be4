"""Click's usage errors in the run's language, as one line.

Click words its errors in English ("Error: Invalid value for '--format'", "No such option")
and adds a "Usage:" block. refcheck's messages are Vietnamese unless ``--lang en``, never
mixed, so :class:`LocalGroup` catches each usage error on its way out and re-raises it as a
:class:`LocalUsageError` that prints ``refcheck: <reason> (xem: refcheck check --help)`` in
the run's language (``refcheck.lint.lang.run_lang``: ``--lang`` in the arguments,
``REFCHECK_LANG``, the configuration file's ``lang``; the settings are not loaded yet when the
arguments do not parse). Exit code 2, as click's own.
"""
from __future__ import annotations

import errno
import io
import os
from typing import Optional, Sequence

import click

from refcheck.lint.helpfmt import LocalHelp
from refcheck.lint.lang import run_lang
from refcheck.lint.messages import say

__all__ = ["LazyGroup", "LocalCommand", "LocalGroup", "LocalUsageError"]

#: errors of a write that found no room, or no output at all (``>&-``): the output, not the
#: input, is at fault
_NO_ROOM = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF})


class ClosedStream(io.TextIOBase):
    """Standard input or output when the process was started with it closed (``>&-``,
    ``<&-``): Python leaves ``sys.stdout`` None, and the first use was an AttributeError
    traceback. Every read or write fails as a closed descriptor does (``EBADF``), which the
    report's sink and the readers say in one line (exit 2). ``buffer`` is itself."""

    def _closed(self, *_a, **_k):
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    write = read = readline = _closed

    @property
    def buffer(self) -> "ClosedStream":
        return self

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def flush(self) -> None:
        pass


def _closed_streams() -> None:
    import sys

    if sys.stdin is None:
        sys.stdin = ClosedStream()
    if sys.stdout is None:
        sys.stdout = ClosedStream()


class LocalUsageError(click.UsageError):
    """A usage error already worded in the run's language; shown as one line."""

    def __init__(self, message: str, ctx: Optional[click.Context], hint: str) -> None:
        super().__init__(message, ctx)
        self.hint = hint

    def show(self, file=None) -> None:  # noqa: D102 - click's hook
        click.echo(f"refcheck: {self.message} {self.hint}", err=True)


def _value_of(param: click.Parameter, args: Sequence[str]) -> Optional[str]:
    """The value given on the command line for ``param`` (last one wins), if it can be told."""
    args = list(args)
    found = None
    for i, a in enumerate(args):
        for opt in getattr(param, "opts", ()):
            if a == opt and i + 1 < len(args):
                found = args[i + 1]
            elif a.startswith(opt + "=") and opt.startswith("--"):
                found = a.split("=", 1)[1]
    return found


def _opt_name(param: Optional[click.Parameter], lang: str = "en") -> str:
    if param is None:
        return "?"
    if isinstance(param, click.Argument):  # as the usage line names it: TỆP, TRUY-VẤN
        from refcheck.lint.helptext import ARGS

        texts = ARGS.get(param.name or "")
        return texts[lang] if texts else (param.name or "?").upper()
    opts = getattr(param, "opts", None) or [param.name or "?"]
    return max(opts, key=len)


def localise(e: click.UsageError, args: Sequence[str]) -> click.UsageError:
    """``e`` worded in the language ``args`` ask for."""
    lang = run_lang(args)
    ctx = e.ctx
    cmd = ctx.command_path if ctx is not None else "refcheck"
    hint = say("usage_hint", lang, command=cmd)
    if isinstance(e, click.NoSuchOption):
        did = say("usage_did_you_mean", lang, names=", ".join(sorted(e.possibilities))) \
            if e.possibilities else ""
        msg = say("usage_no_option", lang, name=e.option_name, did=did)
    elif isinstance(e, click.BadOptionUsage):
        key = "usage_needs_value" if "requires an argument" in e.message else "usage_bad_option"
        msg = say(key, lang, name=e.option_name)
    elif isinstance(e, click.MissingParameter):
        msg = say("usage_missing", lang, name=_opt_name(e.param, lang))
    elif isinstance(e, click.BadParameter):
        param = e.param
        value = _value_of(param, args) if param is not None else None
        name = _opt_name(param, lang)
        ptype = getattr(param, "type", None)
        if isinstance(ptype, click.Choice):
            msg = say("usage_bad_choice", lang, name=name, value=value if value is not None
                      else "?", choices=", ".join(repr(str(c)) for c in ptype.choices))
        elif isinstance(ptype, click.Path) and isinstance(param, click.Argument):
            quoted = e.message.split("'")  # click: "File 'x.tsv' does not exist."
            path = quoted[1] if len(quoted) >= 3 else "?"
            key = "usage_no_path" if "does not exist" in e.message else "usage_bad_path"
            msg = say(key, lang, path=path, detail=e.message)
        elif isinstance(ptype, click.types.IntParamType):
            msg = say("usage_not_int", lang, name=name, value=value if value is not None else "?")
        else:
            msg = say("usage_bad_value", lang, name=name, value=value if value is not None
                      else "?", detail=e.message)
    elif e.message.startswith("Missing command"):  # `refcheck --lang en` and no command
        group = ctx.command if ctx is not None else None
        msg = say("usage_missing_command", lang,
                  commands=", ".join(sorted(getattr(group, "commands", {}) or ())))
    elif e.message.startswith("No such command"):
        group = ctx.command if ctx is not None else None
        names = ", ".join(sorted(getattr(group, "commands", {}) or ()))
        name = e.message.split("'")[1] if e.message.count("'") >= 2 else "?"
        msg = say("usage_no_command", lang, name=name, commands=names)
    elif e.message.startswith("Got unexpected extra argument"):
        msg = say("usage_extra_args", lang, detail=e.message)
    else:
        msg = say("usage_other", lang, detail=e.message)
    return LocalUsageError(msg, ctx, hint)


def _passes(e: click.UsageError) -> bool:
    """Errors that are not mistakes: ``refcheck`` alone prints the help."""
    return isinstance(e, LocalUsageError) or type(e).__name__ == "NoArgsIsHelpError"


class LocalCommand(LocalHelp, click.Command):
    """A click command whose help is in the run's language."""


class LocalGroup(LocalHelp, click.Group):
    """A click group whose usage errors (its own and its commands') are one line, and whose
    help (its own and its commands') is in the run's language."""

    command_class = LocalCommand
    group_class = type  # subgroups are LocalGroups too

    def make_context(self, info_name, args, parent=None, **extra):
        argv = list(args)
        try:
            ctx = super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as e:
            if _passes(e):
                raise
            raise localise(e, argv) from None
        ctx.meta["refcheck.argv"] = argv
        return ctx

    def main(self, args=None, *a, **kw):
        """Click's ``main``, with a write that fails for want of room (``> /dev/full``, a full
        disk or quota, a closed standard output) said in one line, exit 2, instead of a
        traceback."""
        _closed_streams()
        try:
            return super().main(args, *a, **kw)
        except OSError as e:
            if e.errno not in _NO_ROOM:
                raise
            import sys

            argv = sys.argv[1:] if args is None else list(args)
            click.echo("refcheck: " + say("cannot_write_output", run_lang(argv), reason=e),
                       err=True)
            try:  # what is still buffered for stdout would fail again at exit
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, ValueError):
                pass
            sys.exit(2)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.UsageError as e:
            if _passes(e):
                raise
            raise localise(e, ctx.meta.get("refcheck.argv", ())) from None


class LazyGroup(LocalGroup):
    """The root group: commands named in ``lazy`` (name -> "module:attribute") are imported
    when they are run, listed or looked at, so ``refcheck check`` does not pay for building
    ``refcheck catalog``'s eight commands (about 6 ms of every start-up). Reading
    ``commands`` imports them all: help, usage errors and root ``--lang`` see every one."""

    def __init__(self, *args, lazy: Optional[dict[str, str]] = None, **kwargs) -> None:
        self._lazy = dict(lazy or {})
        super().__init__(*args, **kwargs)

    @property  # type: ignore[override]
    def commands(self) -> dict:
        for name in list(self._lazy):
            self._load(name)
        return self._commands

    @commands.setter
    def commands(self, value: dict) -> None:
        self._commands = value

    def _load(self, name: str) -> Optional[click.Command]:
        import importlib

        module, _, attr = self._lazy.pop(name).partition(":")
        self._commands[name] = getattr(importlib.import_module(module), attr)
        return self._commands[name]

    def add_command(self, cmd: click.Command, name: Optional[str] = None) -> None:
        name = name or cmd.name  # click's own writes ``self.commands``: every lazy one loaded
        if name is None:
            raise TypeError("Command has no name.")
        self._lazy.pop(name, None)
        self._commands[name] = cmd

    def get_command(self, ctx: click.Context, cmd_name: str) -> Optional[click.Command]:
        if cmd_name in self._lazy:
            return self._load(cmd_name)
        return self._commands.get(cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self._commands, *self._lazy})
