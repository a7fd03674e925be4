#!/usr/bin/env python3
"""Build the embedded default catalog (``catalog.yaml``) from ``data/sources/*.tsv``.

    python tools/build_catalog.py            # write catalog.yaml, print a summary
    python tools/build_catalog.py --check    # exit 1 if catalog.yaml is not up to date
    python tools/build_catalog.py --report build-report.txt   # every fix and drop
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import click  # noqa: E402

from refcheck.catalog.importer import build_default_catalog  # noqa: E402


@click.command()
@click.option("--sources", type=click.Path(file_okay=False, path_type=Path),
              default=ROOT / "data" / "sources", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=ROOT / "catalog.yaml", show_default=True)
@click.option("--check", is_flag=True, help="Compare with OUTPUT instead of writing it.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write every fix, drop and note to this file.")
def main(sources: Path, output: Path, check: bool, report_path: Path | None) -> None:
    from tabulate import tabulate

    text, report, docs = build_default_catalog(sources)
    rows = report.summary()
    click.echo(tabulate(rows, headers=["table", "rows", "fixes", "dropped", "drop reasons"]),
               err=True)
    party = sum(1 for d in docs if d.system == "party")
    click.echo(f"entries: {len(docs)} (party {party}, state {len(docs) - party}); "
               f"notes: {len(report.notes)}", err=True)
    if report_path:
        report_path.write_text("\n".join(report.lines()) + "\n", encoding="utf-8")
    if check:
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        if current != text:
            click.echo(f"{output} is out of date: run python tools/build_catalog.py", err=True)
            sys.exit(1)
        click.echo(f"{output} is up to date", err=True)
        return
    output.write_text(text, encoding="utf-8")
    click.echo(f"wrote {output} ({len(text.encode()):,} bytes)", err=True)


if __name__ == "__main__":
    main()
