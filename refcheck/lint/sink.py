"""Where a streamed report goes: standard output, or ``-o FILE`` written atomically."""
from __future__ import annotations

import os
import sys
from typing import Optional

from refcheck.lint.messages import Said, Text


class SinkError(Said):
    """The report cannot be written; ``str()`` is one line naming the file."""

    def __init__(self, path, exc: OSError) -> None:
        super().__init__("cannot_write_report", path=path, reason=exc)


class Sink:
    """Where the report goes as it is written: standard output, or ``-o FILE`` through a
    temporary file in the same folder renamed over FILE at the end (an interrupted run leaves
    no partial report)."""

    def __init__(self, output: Optional[str], buffered: bool = False,
                 to_stderr: bool = False) -> None:
        self.output, self.buffered = output, buffered
        self.stream = sys.stderr if to_stderr else sys.stdout  # stdin + --fix: report on stderr
        self.parts: list[str] = []
        self.fh = None
        self.out = None  # the AtomicFile behind -o
        self.broken = False

    def write(self, text: str) -> None:
        if not text or self.broken:
            return
        if self.buffered:
            self.parts.append(text)
        elif self.output:
            if self.fh is None:
                self._open()
            try:
                self.fh.write(text)
            except OSError as e:
                raise SinkError(self.output, e)
        else:
            try:
                self.stream.write(text)
            except BrokenPipeError:
                self._broken()
            except OSError as e:  # `> /dev/full`, a full disk: one line, exit 2
                raise SinkError(Text("stdout"), e)

    def _open(self) -> None:
        from refcheck.fsio import AtomicFile

        from refcheck.lint.signals import deferred_stops

        try:  # a device or FIFO (/dev/null, /dev/stdout) is written into, never renamed over
            with deferred_stops():  # Ctrl-C or SIGTERM lands once discard() can find the file
                self.out = AtomicFile(self.output, durable=False, into_special=True)
        except OSError as e:
            raise SinkError(self.output, e)
        self.fh = self.out.fh

    def _broken(self) -> None:
        # Piped into `head`: stop quietly, and keep Python from complaining at exit.
        self.broken = True
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())

    def close(self) -> None:
        if self.buffered:
            self.buffered = False
            text, self.parts = "".join(self.parts), []
            self.write(text)
        if self.output:
            if self.fh is None:
                self._open()
            try:
                self.out.commit()
            except OSError as e:
                raise SinkError(self.output, e)
            self.fh = self.out = None
        elif not self.broken:
            try:
                self.stream.flush()
            except BrokenPipeError:
                self._broken()
            except OSError as e:
                raise SinkError(Text("stdout"), e)

    def discard(self) -> None:
        """After an error or Ctrl-C: remove the temporary file, keep FILE as it was."""
        if self.out is not None:
            self.out.discard()
            self.fh = self.out = None
