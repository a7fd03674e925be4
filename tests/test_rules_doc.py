"""docs/rules.md is generated from the rule registry (tools/rules_doc.py) and stays in step:
the language server links each diagnostic to its anchor there."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_rules_doc_is_up_to_date():
    p = subprocess.run([sys.executable, str(ROOT / "tools" / "rules_doc.py"), "--check"],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr


def test_every_code_has_an_anchor():
    from refcheck.rules.registry import RULES

    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for code, rule in RULES.items():
        assert f'<a id="{code.lower()}"></a>' in text, code
        assert rule.explanation["vi"] in text and rule.explanation["en"] in text, code
