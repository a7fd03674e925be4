"""SIGTERM and SIGHUP handled as Ctrl-C is: ``timeout``, ``kill``, a CI runner cancelling a
job or a closed terminal stop refcheck through the same clean-up (the temporary ``-o`` file
and a half-written fix are removed, workers are terminated), and the run exits 128 + the
signal's number, as the shell reports a process killed by it. Imported by the command at
start-up, so it holds nothing heavy."""
from __future__ import annotations

import os
import signal
from contextlib import contextmanager
from typing import Iterator

_STOPS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Terminated(KeyboardInterrupt):
    """A stop signal, raised where Ctrl-C's KeyboardInterrupt would be."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


@contextmanager
def stops_as_interrupts() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise :class:`Terminated` in this process. A
    signal that was ignored when refcheck started (``nohup``) stays ignored; a forked worker
    that has not yet reset the handler dies of the signal as it would by default."""
    main_pid = os.getpid()

    def stop(signum, frame):
        if os.getpid() != main_pid:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise Terminated(signum)

    previous = {}
    try:
        for sig in _STOPS:
            if signal.getsignal(sig) is not signal.SIG_IGN:
                previous[sig] = signal.signal(sig, stop)
    except ValueError:  # not the main thread: signals are not ours to handle
        pass
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def reset_in_worker() -> None:
    """A pool worker dies of a stop signal (``Pool.terminate`` sends SIGTERM)."""
    for sig in _STOPS:
        signal.signal(sig, signal.SIG_DFL)


@contextmanager
def deferred_stops() -> Iterator[None]:
    """Hold Ctrl-C and the stop signals while a temporary file is created and handed to its
    owner: a signal between the file's creation and the assignment that lets the clean-up
    find it would leave the file behind. Delivered when the block ends."""
    block = getattr(signal, "pthread_sigmask", None)
    if block is None:
        yield
        return
    held = {signal.SIGINT, *_STOPS}
    try:
        previous = block(signal.SIG_BLOCK, held)
    except (OSError, ValueError):
        yield
        return
    try:
        yield
    finally:
        block(signal.SIG_SETMASK, previous)
