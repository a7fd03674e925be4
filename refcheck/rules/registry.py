"""The one table of finding codes, read from ``rules.yaml`` (data, not code).

Each code has a name, a default severity, message templates (variants of one finding, in vi
and en) and ruff-style docs: what it does, why it matters, when it is an error and when a
warning, an example and its fix. The rule functions fill the templates from the finding's
arguments; ``refcheck rule CODE``, every reporter (SARIF rule metadata included) and the
README read this table. The parsed YAML is cached as JSON next to the other caches (keyed by
the file's hash), so a run does not pay for a YAML parser.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from refcheck.fsio import cache_file, sha256, try_write_atomic

RULES_FILE = Path(__file__).resolve().parent / "rules.yaml"
LANGS = ("vi", "en")


@dataclass(frozen=True, slots=True)
class RuleDef:
    code: str
    name: str
    severity: str  # default severity: info | warning | error
    messages: dict[str, dict[str, str]]  # variant -> lang -> template; "default" first
    summary: dict[str, str]  # lang -> one line
    what: dict[str, str]  # lang -> what the rule reports
    why: dict[str, str]  # lang -> why it matters
    when: dict[str, str]  # lang -> when an error, when a warning
    example: str  # a real citation that raises it
    example_date: Optional[str] = None  # article date the example is checked with
    fix: str = ""  # the corrected form, when there is one
    fix_how: dict[str, str] = field(default_factory=dict)  # lang -> how to fix, in words

    @property
    def message(self) -> dict[str, str]:
        """The default message template, lang -> template."""
        return self.messages["default"]

    @property
    def explanation(self) -> dict[str, str]:
        """What it does and why, one paragraph per language (SARIF fullDescription)."""
        return {lang: " ".join(x for x in (self.what.get(lang, ""), self.why.get(lang, "")) if x)
                for lang in LANGS}


def _load_raw() -> dict:
    data = RULES_FILE.read_bytes()
    digest = sha256(data).hexdigest()[:20]
    cache = cache_file(f"rules-{digest}.json")
    if cache is not None:
        try:
            return json.loads(cache.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    import yaml

    raw = yaml.load(data.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if cache is not None:
        try_write_atomic(cache, json.dumps(raw, ensure_ascii=False))
    return raw


def _rule(code: str, r: dict) -> RuleDef:
    return RuleDef(code, r["name"], r["severity"], r["messages"], r["summary"], r["what"],
                   r["why"], r["when"], r["example"], r.get("example_date"), r.get("fix", ""),
                   r.get("fix_how") or {})


_RAW = _load_raw()
RULES: dict[str, RuleDef] = {code: _rule(code, r) for code, r in _RAW.items() if code != "notes"}
NOTES: dict[str, dict[str, str]] = _RAW.get("notes") or {}


def message(code: str, lang: str = "vi", variant: str = "default", **fields) -> str:
    """The finding's text in ``lang`` (vi when missing); a missing field never crashes a run."""
    msgs = RULES[code].messages
    tmpl = msgs.get(variant) or msgs["default"]
    template = tmpl.get(lang) or tmpl["vi"]
    try:
        return template.format(**fields)
    except (KeyError, IndexError):
        return template


def note(key: str, lang: str = "vi", **fields) -> str:
    """A shared explanation (``notes:`` in rules.yaml), e.g. why a finding was softened."""
    n = NOTES.get(key) or {}
    text = n.get(lang) or n.get("vi") or ""
    try:
        return text.format(**fields)
    except (KeyError, IndexError):
        return text


def describe(code: str, lang: str = "vi") -> str:
    """``refcheck rule CODE``: the rule's docs, section by section, as ruff prints them."""
    r = RULES[code]
    h = {"vi": ("Mức độ mặc định", "Chức năng", "Tại sao quan trọng", "Khi nào là lỗi, khi nào là cảnh báo",
                "Ví dụ", "Sửa thành", "Cách sửa"),
         "en": ("Default severity", "What it does", "Why is this bad?", "When an error, when a warning",
                "Example", "Use instead", "How to fix")}[lang if lang in LANGS else "vi"]
    pick = (lambda d: d.get(lang) or d.get("vi") or "")
    words = {"vi": {"error": "lỗi", "warning": "cảnh báo", "info": "thông tin"}}
    shown = words.get(lang, {}).get(r.severity, r.severity)  # never "Mức độ: error"
    out = [f"# {r.name} ({r.code})", "", f"{h[0]}: {shown}", "",
           f"## {h[1]}", pick(r.what), "", f"## {h[2]}", pick(r.why), "",
           f"## {h[3]}", pick(r.when), "", f"## {h[4]}", "```", r.example, "```"]
    if r.fix:
        out += ["", f"## {h[5]}", "```", r.fix, "```"]
    if r.fix_how:
        out += ["", f"## {h[6]}", pick(r.fix_how)]
    return "\n".join(out)
