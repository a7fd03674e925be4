"""Baselines: accept today's findings, report only new ones.

A finding is keyed on (file path relative to the baseline file's folder, code, key), where key
is the canonical symbol of the finding's citation (``45-CT/TW``), else the citation text with
whitespace collapsed, else (no citation) the finding's message. Line numbers are not part of
the key, so edits elsewhere in a file keep old findings matched. Each key has a count: with 2
accepted RC102 on ``45-CT/TW`` in a file, a third occurrence is reported.

File format (JSON, sorted, stable across runs)::

    {"refcheck-baseline": 1,
     "findings": [{"path": "drafts/a.txt", "code": "RC102", "key": "45-CT/TW", "count": 1}]}
"""
from __future__ import annotations

import dataclasses
import json
import os
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Iterable, Optional, Union

from refcheck.fsio import MAX_BASELINE_BYTES, read_capped
from refcheck.lint.messages import Said
from refcheck.model import Article, FileResult, Finding

FORMAT_VERSION = 1
PathLike = Union[str, os.PathLike]
Key = tuple[str, str, str]


class BaselineError(Said):
    """A baseline that cannot be read or written (one message of ``lint.messages``)."""


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _rel(path: str, root: Path) -> str:
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, os.path.abspath(root))
    except ValueError:  # pragma: no cover - another drive on Windows
        rel = absolute
    return Path(rel).as_posix()


def finding_key(article: Article, finding: Finding, text: str = "") -> str:
    """What a finding is about, in words that survive edits elsewhere and a change of
    ``--lang``: the citation's symbol, else the text the finding points at (an unreadable
    symbol, a suppression comment), else the article's title (RC001)."""
    if finding.citation is not None and 0 <= finding.citation < len(article.citations):
        c = article.citations[finding.citation]
        return c.symbol or _norm(c.text)
    pointed = _norm(text[finding.start:finding.end]) if text else ""
    return pointed or _norm(article.title or "") or f"article {article.index}"


def _keys(results: Iterable[FileResult], root: Path):
    for r in results:
        if r.error is not None:
            continue
        rel = _rel(r.path, root)
        for a in r.articles:
            for f in a.findings:
                yield (rel, f.code, finding_key(a, f, r.text)), r, a, f


@dataclasses.dataclass
class Baseline:
    counts: Counter  # Key -> count
    root: Path  # paths in the baseline are relative to this folder
    source: Optional[Path] = None

    def __len__(self) -> int:
        return sum(self.counts.values())

    def filter(self, results: list[FileResult]) -> list[FileResult]:
        """Copies of ``results`` without the findings the baseline accepts (inputs untouched)."""
        remaining = Counter(self.counts)
        out = []
        for r in results:
            if r.error is not None:
                out.append(r)
                continue
            rel = _rel(r.path, self.root)
            articles = []
            for a in r.articles:
                kept = []
                for f in sorted(a.findings, key=lambda f: (f.start, f.end, f.code)):
                    key = (rel, f.code, finding_key(a, f, r.text))
                    if remaining[key] > 0:
                        remaining[key] -= 1
                    else:
                        kept.append(f)
                # keep the original order of what stays
                kept_ids = {id(f) for f in kept}
                articles.append(dataclasses.replace(
                    a, findings=[f for f in a.findings if id(f) in kept_ids]))
            out.append(dataclasses.replace(r, articles=articles))
        return out

    def to_json(self) -> str:
        rows = [{"path": p, "code": c, "key": k, "count": n}
                for (p, c, k), n in sorted(self.counts.items()) if n > 0]
        return json.dumps({"refcheck-baseline": FORMAT_VERSION, "findings": rows},
                          ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def make_baseline(results: list[FileResult], root: PathLike) -> Baseline:
    root = Path(root)
    counts: Counter = Counter(key for key, *_ in _keys(results, root))
    return Baseline(counts, root)


def check_replaceable(path: PathLike) -> None:
    """Refuse to write a baseline over a file that is not one: ``--baseline a.txt
    --write-baseline`` must not replace a draft (or any other file) with JSON. A missing or
    empty file, or a refcheck baseline of any version, may be replaced. Checked before the
    run starts and again right before writing."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(1 << 16)
    except (FileNotFoundError, NotADirectoryError):
        return  # a new baseline (a missing folder is said when writing)
    except IsADirectoryError:
        raise BaselineError("baseline_not_ours", path=path) from None
    except OSError:
        return  # unreadable: writing will say why
    if not head.strip():
        return
    try:
        data = json.loads(head.decode("utf-8"))
    except ValueError:  # not JSON, or a big file cut at 64 kB: decide on its first bytes
        data = None
    if isinstance(data, dict) and "refcheck-baseline" in data:
        return
    if data is None and head.lstrip().startswith(b'{') and b'"refcheck-baseline"' in head[:200]:
        return
    raise BaselineError("baseline_not_ours", path=path)


def write_baseline(path: PathLike, results: list[FileResult]) -> Baseline:
    """Write the baseline of ``results`` to ``path`` (paths relative to its folder); never
    over a file that is not a baseline (:func:`check_replaceable`)."""
    path = Path(path)
    check_replaceable(path)
    baseline = make_baseline(results, path.parent if str(path.parent) else Path("."))
    baseline.source = path
    from refcheck.fsio import write_atomic

    try:
        write_atomic(path, baseline.to_json())
    except OSError as exc:
        where = path.parent if isinstance(exc, (FileNotFoundError, NotADirectoryError,
                                                PermissionError)) else path
        raise BaselineError("baseline_cannot_write", path=where, reason=exc) from None
    return baseline


def load_baseline(path: PathLike) -> Baseline:
    path = Path(path)
    try:
        data = json.loads(read_capped(path, MAX_BASELINE_BYTES).decode("utf-8"))
    except OSError as exc:
        raise BaselineError("baseline_cannot_read", path=path, reason=exc) from None
    except ValueError as exc:
        raise BaselineError("baseline_bad_json", path=path, detail=exc,
                            line=getattr(exc, "lineno", 1), column=getattr(exc, "colno", 1)) from None
    if not isinstance(data, dict) or data.get("refcheck-baseline") != FORMAT_VERSION \
            or not isinstance(data.get("findings"), list):
        raise BaselineError("baseline_not_baseline", path=path, version=FORMAT_VERSION)
    counts: Counter = Counter()
    for i, row in enumerate(data["findings"]):
        try:
            key = (str(row["path"]), str(row["code"]), str(row["key"]))
            n = int(row.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise BaselineError("baseline_bad_row", path=path, i=i) from None
        counts[key] += n
    return Baseline(counts, path.parent, path)
