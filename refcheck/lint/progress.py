"""The folder run's progress line: stderr only, only on a terminal, never in CI logs."""
from __future__ import annotations

import os
import sys


class Progress:
    """A one-line counter on stderr, only for long runs on a terminal."""

    def __init__(self, total: int, enabled: bool = True):
        self.total = total
        self.n = 0
        self.on = enabled and total >= 20 and sys.stderr.isatty() and not os.environ.get("CI")

    def step(self, name: str) -> None:
        self.n += 1
        if self.on:
            sys.stderr.write(f"\r\x1b[2K[{self.n}/{self.total}] {name[-60:]}")
            sys.stderr.flush()

    def done(self) -> None:
        if self.on:
            sys.stderr.write("\r\x1b[2K")
            sys.stderr.flush()
