"""``refcheck catalog …``: validate, show, stats and import catalogs.

The lead registers the group in the main CLI with ``main.add_command(catalog)``.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from refcheck.lint.usage import LocalGroup

_lang_opt = click.option("--lang", type=click.Choice(["vi", "en"]), default=None)

_catalog_opts = [
    click.option("--catalog", "catalogs", multiple=True, type=click.Path(dir_okay=False)),
    click.option("--no-default-catalog", is_flag=True),
    _lang_opt,
]


def catalog_options(f):
    for opt in reversed(_catalog_opts):
        f = opt(f)
    return f


def _lang(lang) -> str:
    from refcheck.lint.lang import settle

    return settle(lang)


def _load(catalogs, no_default, lang: str = "vi"):
    from refcheck.catalog.errors import CatalogError
    from refcheck.catalog.load import load_catalog
    from refcheck.io.reasons import localise

    try:
        return load_catalog(list(catalogs), default=not no_default)
    except CatalogError as exc:
        click.echo(exc.say(lang, localise), err=True)
        sys.exit(2)


@click.group("catalog", cls=LocalGroup)
def catalog() -> None:
    """Inspect, check and build document catalogs."""


@catalog.command("validate")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@_lang_opt
def validate_cmd(files, lang) -> None:
    """Check catalog FILEs (default: the embedded catalog); exit 2 on any error."""
    from refcheck.catalog.files import default_catalog_path
    from refcheck.catalog.load import validate
    from refcheck.io.reasons import localise
    from refcheck.lint.messages import say

    lang = _lang(lang)
    errors = validate(list(files) or None)
    for e in errors:
        click.echo(e.say(lang, localise))
    if errors:
        click.echo(say("cat_errors", lang, n=len(errors)), err=True)
        sys.exit(2)
    shown = ", ".join(files) if files else str(default_catalog_path())
    click.echo(say("cat_ok", lang, files=shown), err=True)


def _find(cat, query: str):
    from refcheck.notation.symbols import parse_symbol

    q = query.strip()
    if q in cat.by_id:
        return [cat.by_id[q]]
    if "@" in q:  # SYMBOL@DATE / SYMBOL@KHOA with a non-canonical symbol
        sym, _, rest = q.rpartition("@")
        sp = parse_symbol(sym)
        if sp and f"{sp.symbol}@{rest}" in cat.by_id:
            return [cat.by_id[f"{sp.symbol}@{rest}"]]
    hits = cat.by_symbol(q)
    if not hits:
        hits = cat.by_alias(q) or cat.laws_by_title(q)
    return hits


def _describe(d, lang: str = "en") -> list[tuple[str, str]]:
    """The fields of ``d`` that are set, by name; booleans as yes/no in ``lang``."""
    from refcheck.lint.messages import say

    rows = [("id", d.id)]
    for k in ("symbol", "system", "type", "number", "year", "type_code", "issuer_code",
              "issuer", "date", "effective", "expired", "title", "khoa", "plenum", "congress"):
        v = getattr(d, k)
        if v not in (None, ""):
            rows.append((k, str(v)))
    for k in ("replaces", "replaced_by", "amends", "aliases"):
        v = getattr(d, k)
        if v:
            rows.append((k, "; ".join(v)))
    rows.append(("verified", say("yes" if d.verified else "no", lang)))
    if d.source:
        rows.append(("source", d.source))
    if d.catalog:
        rows.append(("catalog", d.catalog))
    return rows


@catalog.command("show")
@click.argument("query")
@catalog_options
@click.option("--json", "as_json", is_flag=True)
def show_cmd(query, catalogs, no_default_catalog, lang, as_json) -> None:
    """List every entry matching a SYMBOL (all khóa / dates), an ID or an alias."""
    from refcheck.lint.catalog_text import word
    from refcheck.lint.messages import FIELD_LABELS, say

    lang = _lang(lang)
    cat = _load(catalogs, no_default_catalog, lang)
    hits = _find(cat, query)
    if not hits:
        click.echo(say("cat_no_entry", lang, query=query), err=True)
        sys.exit(1)
    if as_json:  # field names and values as stored: the same in both languages
        import json

        click.echo(json.dumps([dict(_describe(d)) for d in hits], ensure_ascii=False,
                              indent=2))
        return
    click.echo(say("cat_entries", lang, n=len(hits), query=query,
                   ies="y" if len(hits) == 1 else "ies"))
    for d in hits:
        click.echo("")
        rows = [(FIELD_LABELS[k][lang], word(v, lang) if k == "system" else v)
                for k, v in _describe(d, lang)]
        width = max(12, *(len(k) for k, _ in rows))
        for k, v in rows:
            click.echo(f"  {k:<{width}} {v}")


@catalog.command("stats")
@catalog_options
@click.option("--series", "n_series", default=20, show_default=True)
def stats_cmd(catalogs, no_default_catalog, lang, n_series) -> None:
    """Counts by system, type code, issuer code and verified; coverage by series."""
    from collections import Counter

    from tabulate import tabulate

    from refcheck.lint.catalog_text import t, word
    from refcheck.lint.messages import say

    lang = _lang(lang)
    cat = _load(catalogs, no_default_catalog, lang)
    docs = cat.documents
    click.echo(t("stats_head", lang, names=", ".join(cat.names), n=len(docs)))
    yes, no = say("yes", lang), say("no", lang)
    for title, counter in (
        ("h_system", Counter(word(d.system, lang) for d in docs)),
        ("h_verified", Counter(yes if d.verified else no for d in docs)),
        ("h_type_code", Counter(f"{word(d.system, lang)}:{d.type_code or '-'}" for d in docs)),
        ("h_issuer_code", Counter(f"{word(d.system, lang)}:{d.issuer_code or '-'}"
                                  for d in docs)),
    ):
        rows = counter.most_common(25 if title == "h_issuer_code" else None)
        click.echo("")
        click.echo(tabulate(rows, headers=[t(title, lang), t("h_entries", lang)]))
        if len(counter) > len(rows):
            click.echo(t("and_more", lang, n=len(counter) - len(rows)))
    click.echo("")
    click.echo(tabulate([(s.name, word(s.system, lang), ",".join(s.issuer_codes),
                          t("any_type", lang) if s.type_codes is None
                          else ",".join(c or t("no_type", lang) for c in s.type_codes),
                          s.start or "", s.end or "", yes if s.complete else no)
                         for s in cat.scopes],
                        headers=[t(k, lang) for k in ("h_scope", "h_system", "h_issuers",
                                                      "h_types", "h_from", "h_to",
                                                      "h_complete")]))
    _coverage_table(cat, n_series, lang)


def _label(series, lang: str) -> str:
    """A series as ``coverage`` names it, its period word ("term": a law's) in ``lang``."""
    from refcheck.lint.catalog_text import t

    label = series.label()
    return label[:-5] + " " + t("term", lang) if label.endswith(" term") else label


def _coverage_table(cat, n: int, lang: str = "vi") -> None:
    """Numbering series (type code x issuer x year, term or khóa): numbers known of 1..max."""
    from tabulate import tabulate

    from refcheck.catalog.coverage import MIN_KNOWN, NEAR_COMPLETE
    from refcheck.lint.catalog_text import t
    from refcheck.lint.messages import say

    series = sorted(cat.all_series(), key=lambda s: (not s.near_complete, -s.known, s.key))
    near = [s for s in series if s.near_complete]
    click.echo("")
    click.echo(t("coverage", lang, n=len(series), near=len(near), pct=f"{NEAR_COMPLETE:.0%}",
                 min=MIN_KNOWN))
    shown = series if n <= 0 else series[:n]
    click.echo(tabulate([(_label(s, lang), s.known, s.top, f"{s.density:.0%}",
                          say("yes" if s.near_complete else "no", lang)) for s in shown],
                        headers=[t(k, lang) for k in ("h_series", "h_known", "h_max",
                                                      "h_density", "h_near")]))
    if len(shown) < len(series):
        click.echo(t("and_more_series", lang, n=len(series) - len(shown)))


@catalog.command("review")
@catalog_options
@click.option("--sources", type=click.Path(file_okay=False, path_type=Path))
@click.option("--limit", default=30, show_default=True)
@click.option("--tsv", "as_tsv", is_flag=True)
def review_cmd(catalogs, no_default_catalog, lang, sources, limit, as_tsv) -> None:
    """Unverified entries with their evidence, and every recorded conflict and decision."""
    from tabulate import tabulate

    from refcheck.catalog.review import Evidence, conflicts, default_sources, unverified
    from refcheck.lint.catalog_text import t, word

    lang = _lang(lang)
    cat = _load(catalogs, no_default_catalog, lang)
    sources = sources or default_sources()
    entries = unverified(cat.documents, Evidence(sources))
    confl = conflicts(sources) if sources else []
    if as_tsv:  # for a sheet: the same field names in both languages
        click.echo("kind\tid\tdate\tsource\tevidence\tn_sources\tconflicts")
        for c in confl:
            click.echo(f"conflict\t{c.symbol}\t{c.stored}\t{c.table}\t{c.decision or 'undecided'}"
                       f" {c.value}: {c.reason}\t\t{c.other}")
        for u in entries:
            click.echo(f"unverified\t{u.id}\t{u.date or ''}\t{u.source}\t{u.evidence}\t"
                       f"{u.n_sources}\t{u.conflicts}")
        return
    if sources is None:
        click.echo(t("no_sources", lang), err=True)
    click.echo(t("conflicts", lang, n=len(confl), open=sum(1 for c in confl if not c.decision)))
    if confl:
        click.echo(tabulate([(c.symbol, c.stored, c.other,
                              word(c.decision, lang, "d_") if c.decision
                              else t("undecided", lang), c.value, c.reason[:70])
                             for c in confl],
                            headers=[t(k, lang) for k in ("h_symbol", "h_stored", "h_other",
                                                          "h_decision", "h_value", "h_reason")]))
    click.echo("")
    click.echo(t("unverified", lang, n=len(entries)))
    shown = entries if limit <= 0 else entries[:limit]
    click.echo(tabulate([(u.id, u.date or "", u.n_sources, u.conflicts[:30], u.evidence[:70])
                         for u in shown],
                        headers=[t(k, lang) for k in ("h_id", "h_date", "h_sources",
                                                      "h_other_dates", "h_evidence")]))
    if len(shown) < len(entries):
        click.echo(t("and_more_limit", lang, n=len(entries) - len(shown)))


@catalog.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--map", "colmap", required=True)
@click.option("--system", type=click.Choice(["party", "state"]))
@click.option("--name", default=None)
@click.option("-o", "--output", type=click.Path(dir_okay=False))
@_lang_opt
def import_cmd(file, colmap, system, name, output, lang) -> None:
    """Turn a .tsv/.csv table into a catalog; fixes and drops go to stderr."""
    from refcheck.catalog.load import load_catalog
    from refcheck.catalog.importer import catalog_yaml, import_table, parse_column_map
    from refcheck.io.reasons import localise
    from refcheck.lint.catalog_text import t

    lang = _lang(lang)
    try:
        cmap = parse_column_map(colmap)
        terms = None
        try:
            base = load_catalog()
            terms = {k: (s, e) for k, s, e in base.party_terms}
        except Exception:
            pass
        docs, report = import_table(file, cmap, system=system, party_terms=terms)
    except (ValueError, OSError) as exc:
        why = exc.say(lang) if hasattr(exc, "say") else localise(exc, lang)
        click.echo("refcheck: " + t("import_error", lang, file=file, reason=why), err=True)
        sys.exit(2)
    for line in report.lines(lang):
        click.echo(line, err=True)
    for table, n, fixes, drops, reasons in report.summary(lang):
        click.echo(t("import_summary", lang, table=table, n=n, entries=len(docs), fixes=fixes,
                     drops=drops, reasons=f" ({reasons})" if reasons else ""), err=True)
    text = catalog_yaml(docs, name=name or Path(file).stem,
                        header=t("imported_from", lang, name=Path(file).name))
    _write_out(text, output, lang)


def _write_out(text: str, output, lang: str) -> None:
    from refcheck.lint.catalog_text import t

    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(t("wrote", lang, path=output), err=True)
    else:
        click.echo(text, nl=False)


@catalog.command("mine")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--jsonl", "jsonl", multiple=True, type=click.Path())
@click.option("--text-field", default="text", show_default=True)
@click.option("--id-field", default="id", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False))
@click.option("--min-count", default=2, show_default=True)
@click.option("--disagreements", "disagree_path", type=click.Path(dir_okay=False))
@catalog_options
def mine_cmd(paths, jsonl, text_field, id_field, output, min_count, disagree_path, catalogs,
             no_default_catalog, lang) -> None:
    """Candidate entries from an archive: citations with a symbol and a date, voted per
    document across independent articles (verified: false; catalog entries always win)."""
    from refcheck.lint.catalog_text import t
    from refcheck.lint.mine import (agreement, candidates_yaml, disagreements, iter_texts, mine,
                                    settle)

    lang = _lang(lang)
    if not paths and not jsonl:
        click.echo("refcheck: " + t("mine_no_input", lang), err=True)
        sys.exit(2)
    cat = _load(catalogs, no_default_catalog, lang)
    errors: list[str] = []
    res = settle(mine(iter_texts(paths, jsonl, text_field, id_field, errors, lang=lang), cat),
                 cat, min_count=min_count)
    for e in errors:
        click.echo(e, err=True)
    rows = disagreements(res)
    agree, total = agreement(res)
    click.echo(t("mine_counts", lang, articles=res.articles, duplicates=res.duplicates,
                 citations=res.citations, rejected=res.rejected, documents=len(res.votes)),
               err=True)
    click.echo(t("mine_result", lang, known=len(res.known), agree=agree, total=total,
                 candidates=len(res.candidates), min=min_count, rows=len(rows)), err=True)
    text = candidates_yaml(res, t("attested", lang, n=res.articles - res.duplicates), lang)
    _write_out(text, output, lang)
    if disagree_path:  # for a sheet: the same field names in both languages
        lines = ["kind\tsymbol\tmajority\tdates seen\tcatalog dates"]
        lines += ["\t".join(r) for r in rows]
        Path(disagree_path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    if errors:
        sys.exit(2)
