#!/usr/bin/env python3
"""Build the embedded default catalog (``catalog.yaml``) from ``data/sources/`` as its
``recipe.yaml`` says, and write the import report (every fix, drop and note) beside it.

    python tools/build_catalog.py            # write catalog.yaml and the report, print a summary
    python tools/build_catalog.py --check    # exit 1 if either is not up to date
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import click  # noqa: E402

from refcheck.catalog.build import build_default_catalog, load_recipe  # noqa: E402


@click.command()
@click.option("--sources", type=click.Path(file_okay=False, path_type=Path),
              default=ROOT / "data" / "sources", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=ROOT / "catalog.yaml", show_default=True)
@click.option("--check", is_flag=True, help="Compare with OUTPUT (and the report) instead of "
                                            "writing them.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Where the report goes (default: the recipe's 'report' in --sources).")
def main(sources: Path, output: Path, check: bool, report_path: Path | None) -> None:
    from tabulate import tabulate

    text, report, docs = build_default_catalog(sources)
    recipe = load_recipe(sources / "recipe.yaml")
    if report_path is None and recipe.report:
        report_path = sources / recipe.report
    rows = report.summary()
    click.echo(tabulate(rows, headers=["table", "rows", "fixes", "dropped", "drop reasons"]),
               err=True)
    party = sum(1 for d in docs if d.system == "party")
    unverified = sum(1 for d in docs if not d.verified)
    click.echo(f"entries: {len(docs)} (party {party}, state {len(docs) - party}; unverified "
               f"{unverified}); notes: {len(report.notes)}", err=True)
    report_text = "\n".join(report.lines()) + "\n"
    if check:
        stale = [p for p, want in ((output, text), (report_path, report_text))
                 if p is not None and (p.read_text(encoding="utf-8") if p.exists() else "") != want]
        for p in stale:
            click.echo(f"{p} is out of date: run python tools/build_catalog.py", err=True)
        if stale:
            sys.exit(1)
        click.echo(f"{output} is up to date", err=True)
        return
    output.write_text(text, encoding="utf-8")
    click.echo(f"wrote {output} ({len(text.encode()):,} bytes)", err=True)
    if report_path is not None:
        report_path.write_text(report_text, encoding="utf-8")
        click.echo(f"wrote {report_path}", err=True)


if __name__ == "__main__":
    main()
