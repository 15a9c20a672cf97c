"""Identicons from avatar seeds: the same drawing embed.js makes, for server pages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Identicon:
    color: str
    background: str
    filled: list[tuple[int, int]]


def identicon(seed: str) -> Identicon:
    """A 5x5 left-right mirrored pattern; hue from the first 4 hex digits, cells from the next 15.

    embed.js draws the same (tests/browser/test_identicon.py compares them on many seeds).
    """
    digits = [int(char, 16) for char in seed if char in "0123456789abcdef"]
    digits += [0] * (19 - len(digits))
    hue = (digits[0] << 12 | digits[1] << 8 | digits[2] << 4 | digits[3]) % 360
    filled = []
    for row in range(5):
        for column in range(3):
            if digits[4 + row * 3 + column] % 2:
                filled.append((column, row))
                if column < 2:
                    filled.append((4 - column, row))
    return Identicon(f"hsl({hue} 55% 42%)", f"hsl({hue} 45% 92%)", filled)
