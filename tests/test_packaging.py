"""Every package of the source tree is in the distribution.

``pyproject.toml`` lists the packages by hand; d1d7912 made ``refcheck/resolve/`` a package and
``pip install .`` left it out, so the installed ``refcheck`` failed on every check
(``ModuleNotFoundError: No module named 'refcheck.resolve'``, seen in
tests/test_precommit.py's try-repo run) while the tests, importing the checkout, passed.
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _listed() -> set[str]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    m = re.search(r"^\[tool\.setuptools\]\s*\npackages\s*=\s*\[(.*?)\]", text, re.M | re.S)
    assert m, "pyproject.toml: no [tool.setuptools] packages list"
    return set(re.findall(r'"([^"]+)"', m.group(1)))


def test_every_package_of_the_tree_is_distributed():
    tree = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "refcheck").rglob("__init__.py")
            if "__pycache__" not in p.parts}
    assert tree, "no packages found"
    missing = tree - _listed()
    assert not missing, f"pyproject.toml [tool.setuptools] packages lacks {sorted(missing)}"
