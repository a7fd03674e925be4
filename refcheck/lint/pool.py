"""Worker processes of a folder or archive run: how many (the cores idle now) and a pool
that leaves Ctrl-C to the parent. Split from ``runner`` (which had reached the 500-line
limit) unchanged."""
from __future__ import annotations

import os
from typing import Optional


def open_pool(ctx, jobs: int, initializer=None, initargs: tuple = ()):
    """A process pool whose workers leave Ctrl-C to the parent. A terminal sends SIGINT to
    the whole process group: a worker interrupted while it holds the task queue's lock left
    the parent's ``Pool.terminate`` waiting for that lock forever, and each printed its
    traceback. Each worker ignores SIGINT; while they are forked the parent only notes one
    (a worker interrupted while it starts would die of it) and raises it once they are."""
    import signal

    args = dict(initializer=_worker_init, initargs=(initializer, initargs))
    noted: list = []
    fork = ctx.get_start_method() == "fork"  # a spawned child would reset a handler
    try:
        previous = signal.signal(signal.SIGINT, (lambda *_: noted.append(1)) if fork
                                 else signal.SIG_IGN)
    except ValueError:  # not the main thread: signals are not ours to handle
        return ctx.Pool(jobs, **args)
    try:
        pool = ctx.Pool(jobs, **args)
    finally:
        signal.signal(signal.SIGINT, previous)
    if noted:
        pool.terminate()
        raise KeyboardInterrupt
    return pool


def _worker_init(initializer, initargs: tuple) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a worker replaced later forks unprotected
    from refcheck.lint.signals import reset_in_worker

    reset_in_worker()  # the parent's SIGTERM handler is the parent's
    if initializer is not None:
        initializer(*initargs)


def default_jobs() -> int:
    """Worker processes when ``--jobs`` is not given: the cores not busy now, at least one.
    On a machine whose cores are taken, more processes only compete with each other
    (measured: ``--jobs 2`` slower than ``--jobs 1`` at load 5 on two cores); the output is
    the same either way. "Now" is the kernel's count of runnable tasks (``/proc/loadavg``,
    this process one of them): the one-minute load average still counts a command that
    ended seconds ago, so right after one it gave one worker on an idle two-core machine.
    Without that count, the load average decides."""
    cores = resolve_jobs(0)
    busy = busy_now()
    if busy is None:
        try:
            busy = os.getloadavg()[0]
        except OSError:  # pragma: no cover - no load average
            return cores
    return max(1, min(cores, int(cores - busy + 0.5)))


def busy_now(path: str = "/proc/loadavg") -> Optional[int]:
    """Tasks running or ready to run, besides this process (None: not Linux)."""
    try:
        with open(path, "rb") as f:
            running = int(f.read().split()[3].split(b"/")[0])
    except (OSError, ValueError, IndexError):
        return None
    return max(0, running - 1)


def resolve_jobs(jobs: Optional[int]) -> int:
    if not jobs:
        try:
            return len(os.sched_getaffinity(0))
        except AttributeError:  # pragma: no cover - not Linux
            return os.cpu_count() or 1
    return jobs
