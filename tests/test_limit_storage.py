"""The limiter's memory storage counts without starting a thread per expiry, and still
forgets expired counters (web/limit_storage.py)."""

from __future__ import annotations

import time

import limits.storage.memory as memory_module
import pytest
from limits import parse
from limits.strategies import FixedWindowRateLimiter

from widget.web import limit_storage
from widget.web.limit_storage import ProcessMemoryStorage


@pytest.fixture
def timers(monkeypatch):
    """Every threading.Timer limits' memory storage starts."""
    started = []
    original = memory_module.threading.Timer

    def counting(*args, **kwargs):
        timer = original(*args, **kwargs)
        started.append(timer)
        return timer

    monkeypatch.setattr(memory_module.threading, "Timer", counting)
    return started


def _hits(storage, count: int) -> list[bool]:
    limiter = FixedWindowRateLimiter(storage)
    item = parse("1000 per minute")
    results = []
    for _ in range(count):
        results.append(limiter.hit(item, "203.0.113.5", "read"))
        time.sleep(0.012)  # longer than the stock storage's 10 ms timer
    return results


def test_counting_starts_no_thread(timers):
    storage = ProcessMemoryStorage("tertulia-memory://")
    timers.clear()  # the one timer limits starts when the storage is made
    assert all(_hits(storage, 30))
    assert timers == []


def test_the_stock_memory_storage_would_start_one_per_count(timers):
    """What the test above guards against (and that it would see it)."""
    storage = memory_module.MemoryStorage("memory://")
    timers.clear()
    _hits(storage, 30)
    assert len(timers) >= 10


def test_expired_counters_are_swept_inline(monkeypatch):
    monkeypatch.setattr(limit_storage, "SWEEP_EVERY", 5)
    storage = ProcessMemoryStorage("tertulia-memory://")
    for number in range(3):
        storage.incr(f"old-{number}", 1)
    time.sleep(1.1)
    for _ in range(5):
        storage.incr("new", 60)
    assert set(storage.storage) == {"new"}


def test_the_app_counts_in_it(app_factory, app):
    limited = app_factory(RATELIMIT_ENABLED=True)
    assert isinstance(limited.extensions["tertulia.limiter"].storage, ProcessMemoryStorage)
