"""Where a streamed report goes: standard output, or ``-o FILE`` written atomically."""
from __future__ import annotations

import os
import sys
from typing import Optional


class SinkError(Exception):
    """The report cannot be written; ``str()`` is one line naming the file."""


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
        self.tmp: Optional[str] = None
        self.target: Optional[str] = None
        self.direct = False
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
                raise SinkError(f"{self.output}: cannot write the report ({e.strerror or e})")
        else:
            try:
                self.stream.write(text)
            except BrokenPipeError:
                self._broken()

    def _open(self) -> None:
        import stat
        import tempfile

        target = os.path.realpath(self.output)  # through a symbolic link, to its target
        try:
            mode = os.stat(target).st_mode
        except OSError:
            mode = None
        try:
            if mode is not None and not stat.S_ISREG(mode):
                # /dev/null, /dev/stdout, a FIFO: written into, never renamed over
                self.fh = open(target, "w", encoding="utf-8", newline="")
                self.direct = True
                return
            fd, self.tmp = tempfile.mkstemp(prefix=".refcheck-", suffix=".tmp",
                                            dir=os.path.dirname(target))
            self.target = target
            if mode is not None:
                os.chmod(self.tmp, stat.S_IMODE(mode))  # the report keeps FILE's mode
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(self.tmp, 0o666 & ~umask)  # as open() would have made it
            self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
        except OSError as e:
            raise SinkError(f"{self.output}: cannot write the report ({e.strerror or e})")

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
                self.fh.close()
                if not self.direct:
                    os.replace(self.tmp, self.target)
            except OSError as e:
                raise SinkError(f"{self.output}: cannot write the report ({e.strerror or e})")
            self.fh = self.tmp = None
        elif not self.broken:
            try:
                self.stream.flush()
            except BrokenPipeError:
                self._broken()

    def discard(self) -> None:
        """After an error or Ctrl-C: remove the temporary file, keep FILE as it was."""
        if self.fh is not None and not self.fh.closed:
            try:
                self.fh.close()
            except OSError:
                pass
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self.fh = self.tmp = None
