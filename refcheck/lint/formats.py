"""Output format names, in one place: ``--format``'s choices (the CLI), the ``format``
setting (``refcheck.lint.config``) and the report dispatch (``refcheck.lint.report``) read
them. A tiny module so that the CLI's start-up does not import the reporters."""
from __future__ import annotations

#: Formats with a streaming writer: what ``--format`` accepts.
REPORT_FORMATS = ("grouped", "concise", "json", "sarif", "github")
#: What the ``format`` setting and ``report.render`` accept (``statistics``: the table alone).
FORMATS = REPORT_FORMATS + ("statistics",)
