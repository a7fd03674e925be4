"""Linear-time checks that a loaded machine cannot fail by chance (issue 14).

``growth(fn, gen)`` runs ``fn`` on an input ``gen(small)`` and one ten times larger, and returns
how much longer the large one took. What is measured is CPU time of this thread
(``time.thread_time``): time spent waiting while other processes run — the whole difference
between a quiet and a loaded machine — is not counted, where wall time made a linear scan look
30 times slower on a ten times larger input. The two sizes are measured in interleaved rounds
and the best of each is kept (noise only ever adds time, so the minimum removes it); the
rounds stop as soon as the growth is below the limit. A linear function grows ~10x and passes
in the first round; a quadratic one grows ~100x in every round and can never pass. Nothing
compares a timing with a number of seconds: only the two sizes with each other.
"""
from __future__ import annotations

import time
from typing import Callable

#: a 10x larger input may cost at most this many times more (linear: ~10, quadratic: ~100).
#: Not 25: a linear scan whose small input fits the CPU cache and whose large one does not grew
#: 33x in CI (0.35 -> 11.5 ms); quadratic work still lands at ~100, far above 40.
LIMIT = 40.0
#: timings below this are all "instant": a page fault or a cache miss is a large part of a
#: sub-millisecond run (quadratic work on 100 kB takes seconds, far above it)
FLOOR = 5e-3


def cpu_time(fn: Callable, arg) -> float:
    """CPU seconds of ``fn(arg)`` in this thread, the cyclic garbage collector paused (its
    passes depend on what else the process holds, not on the work measured)."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        t0 = time.thread_time()
        fn(arg)
        return time.thread_time() - t0
    finally:
        if enabled:
            gc.enable()


def growth(fn: Callable, gen: Callable[[int], object], small: int = 100_000,
           big: int = 1_000_000, rounds: int = 5) -> tuple[float, float, float]:
    """(growth, best small time, best big time) of ``fn`` from ``gen(small)`` to ``gen(big)``."""
    s, b = gen(small), gen(big)
    fn(gen(min(1000, small)))  # warm caches (grammar, vocabulary, compiled patterns)
    ts = tb = float("inf")
    ratio = float("inf")
    for _ in range(rounds):
        ts = min(ts, cpu_time(fn, s), cpu_time(fn, s))
        tb = min(tb, cpu_time(fn, b))
        ratio = max(tb, FLOOR) / max(ts, FLOOR)
        if ratio < LIMIT * big / small / 10:
            break
    return ratio, ts, tb


def assert_linear(fn: Callable, gen: Callable[[int], object], what: str = "",
                  small: int = 100_000, big: int = 1_000_000) -> None:
    ratio, ts, tb = growth(fn, gen, small, big)
    limit = LIMIT * big / small / 10
    assert ratio < limit, (f"{what}: {small:,} -> {big:,} took {ts * 1000:.2f} -> "
                           f"{tb * 1000:.2f} ms CPU, x{ratio:.1f} (linear: x{big / small:.0f})")
