"""Exponential back-off between attempts of a durable sender (mail, webhooks)."""

from __future__ import annotations

from datetime import timedelta


def doubling_pause(attempts: int, first: timedelta, longest: timedelta) -> timedelta:
    """`first` after the first failed attempt, doubling after each further one, at most
    `longest`."""
    return min(first * 2 ** max(attempts - 1, 0), longest)
