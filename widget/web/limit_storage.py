"""The limiter's counters in this process's memory, without a thread per expiry.

limits' MemoryStorage starts a `threading.Timer` to drop expired counters whenever
its previous one has finished, 10 ms after it started: under steady traffic that is
a new thread every few requests, and each request that starts one waits for it to
begin (a stall of a millisecond or more on a busy machine). Counters are checked for
expiry whenever they are read anyway; here the sweep of the ones nobody reads any
more runs inline, every SWEEP_EVERY counts or SWEEP_SECONDS, whichever comes first.
"""

from __future__ import annotations

import time

from limits.storage import MemoryStorage

SCHEME = "tertulia-memory"
SWEEP_EVERY = 1024
SWEEP_SECONDS = 10.0


class ProcessMemoryStorage(MemoryStorage):
    """`memory://` as limits has it, the expired counters swept inline."""

    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self._counted = 0
        self._swept_at = time.monotonic()

    # MemoryStorage calls this (by its private name) on every count; instead of a timer
    # thread, sweep here now and then.
    def _MemoryStorage__schedule_expiry(self) -> None:  # noqa: N802 - limits' own name
        self._counted += 1
        now = time.monotonic()
        if self._counted >= SWEEP_EVERY or now - self._swept_at >= SWEEP_SECONDS:
            self._counted, self._swept_at = 0, now
            self._MemoryStorage__expire_events()
