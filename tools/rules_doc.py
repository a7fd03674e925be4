#!/usr/bin/env python3
"""Write ``docs/rules.md`` (one section and anchor per finding code) from the rule registry.

    python tools/rules_doc.py            # write docs/rules.md
    python tools/rules_doc.py --check    # exit 1 if docs/rules.md is not up to date

The language server links every diagnostic to ``docs/rules.md#<code>`` (``#rc102``), so the
page is generated from the same table as ``refcheck rule CODE`` and never drifts from it.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "rules.md"


def render() -> str:
    from refcheck.rules.registry import RULES

    out = ["# Finding codes", "",
           "Generated from the rule registry by `python tools/rules_doc.py`; "
           "`refcheck rule CODE [--lang en]` prints the same text. Each code has an anchor "
           "(`docs/rules.md#rc102`) that `refcheck lsp` links from its diagnostics.", "",
           "| code | name | default | summary |", "|---|---|---|---|"]
    out += [f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.severity} | {r.summary['en']} |"
            for r in RULES.values()]
    for r in RULES.values():
        out += ["", f'<a id="{r.code.lower()}"></a>', "", f"## {r.code} {r.name}", "",
                f"Default severity: **{r.severity}**.", "",
                f"**Tiếng Việt — {r.summary['vi']}.** {r.explanation['vi']}", "",
                f"**English — {r.summary['en']}.** {r.explanation['en']}", "",
                f"Lỗi hay cảnh báo: {r.when['vi']}", "",
                f"Error or warning: {r.when['en']}", "",
                f"Ví dụ / example: `{r.example}`"]
        if r.fix:
            out += ["", f"Sửa thành / fixed: `{r.fix}`"]
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not OUT.is_file() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT.relative_to(ROOT)} is out of date: run python tools/rules_doc.py",
                  file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(text)} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
