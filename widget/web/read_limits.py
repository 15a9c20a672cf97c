"""The read limit without a storage round trip per read: counted here, sent on in batches.

Reads are most of the traffic, and each one used to ask the limiter's storage (Redis, or
the process's own memory) to add one to the reader's counter. Here each process counts
a reader's reads itself and adds them to the same counter (flask-limiter's key, its
fixed window) every `batch` reads: at most 1% of the limit (64 at most), so a small
limit is still counted read by read. The process decides from the shared count it last
saw plus its own unsent reads, and asks the storage whenever that would reach the
limit, so a refusal always rests on the shared count.

What this gives up: reads another process has not sent yet (fewer than `batch` per
process). With the default 600 per minute that is 5 reads per worker.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from flask import Flask
from limits import RateLimitItem, parse_many
from limits.strategies import FixedWindowRateLimiter

SCOPE = "read"  # flask-limiter's shared scope of every read (web/limits.py)
MAX_BATCH = 64
FORGET_AFTER = 120.0  # seconds without a read: the reader's local count is dropped
SWEEP_EVERY = 4096  # reads between sweeps of forgotten readers


@dataclass
class _Count:
    shared: int = 0  # the storage's count when this process last sent
    unsent: int = 0
    seen: float = 0.0


class ReadAllowance:
    """One process's view of every reader's read count, for each item of READ_RATE_LIMIT."""

    def __init__(self, limiter, items: list[RateLimitItem], prefix: str) -> None:
        self.limiter = limiter
        self.items = items
        self.prefix = prefix
        self.batches = [min(MAX_BATCH, max(1, item.amount // 100)) for item in items]
        self._counts: dict[tuple[int, str], _Count] = {}
        self._lock = threading.Lock()
        self._reads = 0

    def hit(self, key: str) -> bool:
        """Count one read of `key`; False when a limit refuses it (the caller refuses it)."""
        now = time.monotonic()
        with self._lock:
            self._reads += 1
            if self._reads % SWEEP_EVERY == 0:
                self._sweep(now)
            return all(self._hit(index, key, now) for index in range(len(self.items)))

    def _hit(self, index: int, key: str, now: float) -> bool:
        item = self.items[index]
        count = self._counts.get((index, key))
        if count is None:
            count = self._counts[(index, key)] = _Count()
        count.seen = now
        count.unsent += 1
        if count.unsent < self.batches[index] and count.shared + count.unsent < item.amount:
            return True
        storage = self.limiter.storage
        identifiers = [self.prefix, key, SCOPE] if self.prefix else [key, SCOPE]
        count.shared = storage.incr(
            item.key_for(*identifiers), item.get_expiry(), amount=count.unsent
        )
        count.unsent = 0
        return count.shared <= item.amount

    def _sweep(self, now: float) -> None:
        stale = [key for key, count in self._counts.items() if now - count.seen > FORGET_AFTER]
        for key in stale:
            del self._counts[key]


def read_allowance(app: Flask) -> ReadAllowance | None:
    """The app's read allowance in this process; None when it cannot stand in for the
    limiter (limits off, rate-limit headers asked for, a strategy other than fixed window)."""
    extensions = app.extensions
    if "tertulia.read_allowance" not in extensions:
        config = app.config
        limiter = extensions["tertulia.limiter"]
        allowance = None
        if (
            config["RATELIMIT_ENABLED"]
            and not config["RATELIMIT_HEADERS_ENABLED"]
            and isinstance(limiter.limiter, FixedWindowRateLimiter)
        ):
            items = parse_many(config["READ_RATE_LIMIT"])
            allowance = ReadAllowance(limiter, items, config["RATELIMIT_KEY_PREFIX"])
        extensions["tertulia.read_allowance"] = allowance
    return extensions["tertulia.read_allowance"]
