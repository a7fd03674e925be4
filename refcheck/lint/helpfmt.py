"""``--help`` and ``--version`` in the run's language, click's own words included.

Click writes help from the English ``help=`` strings and its own gettext words ("Usage:",
"Options:", "Show this message and exit."). refcheck speaks one language per run, so
:class:`LocalHelp` lays the help out itself from ``refcheck.lint.helptext`` in the language
``refcheck.lint.lang.run_lang`` reads from the raw arguments (``--lang``, ``REFCHECK_LANG``,
the configuration's ``lang``): help is printed while the arguments are parsed, before any
setting is loaded. The language is decided once, by the outermost command, and shared by
the subcommands through the context's ``meta``.
"""
from __future__ import annotations

from typing import Optional

import click

from refcheck.lint.lang import run_lang

__all__ = ["LocalHelp", "help_lang", "command_key", "version_option"]

_META = "refcheck.lang"


def help_lang(ctx: click.Context) -> str:
    """The language of the run ``ctx`` belongs to (decided by the outermost command)."""
    lang = ctx.meta.get(_META)
    return lang if lang in ("vi", "en") else run_lang(())


def command_key(ctx: click.Context) -> str:
    """``ctx``'s command path below the root ("" for ``refcheck``, "catalog stats")."""
    names = []
    c: Optional[click.Context] = ctx
    while c is not None and c.parent is not None:
        names.append(c.command.name or "")
        c = c.parent
    return " ".join(reversed(names))


def _metavar(param: click.Parameter, ctx: click.Context, lang: str) -> str:
    from refcheck.lint.helptext import word

    mv = param.make_metavar(ctx)
    core, dots = (mv[:-3], "...") if mv.endswith("...") else (mv, "")
    return word(core, lang) + dots


def _arg_piece(param: click.Argument, lang: str) -> str:
    from refcheck.lint.helptext import ARGS

    texts = ARGS.get(param.name or "")
    name = texts.get(lang, texts["vi"]) if texts else (param.name or "").upper()
    if param.nargs != 1:
        name += "..."
    return name if param.required else f"[{name}]"


class LocalHelp:
    """Mixin for click commands and groups: help in the run's language."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if _META not in ctx.meta:  # the outermost command sees every argument
            ctx.meta[_META] = run_lang(args)
        return super().parse_args(ctx, args)  # type: ignore[misc]

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from refcheck.lint.helptext import text, word

        cmd: click.Command = self  # type: ignore[assignment]
        lang = help_lang(ctx)
        key = command_key(ctx)
        params = cmd.get_params(ctx)
        pieces = [word("OPTIONS", lang)] if any(isinstance(p, click.Option) for p in params) else []
        pieces += [_arg_piece(p, lang) for p in params if isinstance(p, click.Argument)]
        if isinstance(cmd, click.Group):
            pieces.append(word("COMMAND", lang))
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=word("usage", lang))
        desc = text(key, "", lang) or cmd.help or ""
        if desc:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(desc)
        rows = []
        for p in params:
            if not isinstance(p, click.Option) or p.hidden:
                continue
            opts = ", ".join(p.opts)
            if not p.is_flag and not p.count:
                opts += " " + _metavar(p, ctx, lang)
            name = "help" if "--help" in p.opts else p.name or ""  # click 8.3: _click_default_help
            help_ = text(key, name, lang) or p.help or ""
            extra = []
            if p.show_default and p.default is not None and not p.is_flag:
                shown = f"'{p.default}'" if isinstance(p.default, str) and lang == "vi" else p.default
                extra.append(word("default", lang).format(value=shown))  # vi: a literal
            if p.required:
                extra.append(word("required", lang))
            if extra:
                help_ = f"{help_}  [{'; '.join(extra)}]"
            rows.append((opts, help_))
        if rows:
            with formatter.section(word("options", lang)):
                formatter.write_dl(rows)
        if isinstance(cmd, click.Group):
            subs = []
            for name in cmd.list_commands(ctx):
                sub = cmd.get_command(ctx, name)
                if sub is None or sub.hidden:
                    continue
                sub_key = f"{key} {name}".strip()
                subs.append((name, text(sub_key, ":short", lang) or sub.get_short_help_str()))
            if subs:
                with formatter.section(word("commands", lang)):
                    formatter.write_dl(subs)


def version_option(version: str, prog: str = "refcheck"):
    """``--version``, printed in the run's language ("refcheck, phiên bản 0.1.0")."""

    def show(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        if not value or ctx.resilient_parsing:
            return
        from refcheck.lint.helptext import word

        click.echo(word("version", help_lang(ctx)).format(prog=prog, version=version))
        ctx.exit()

    return click.option("--version", is_flag=True, expose_value=False, is_eager=True,
                        callback=show)
