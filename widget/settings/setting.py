"""One setting: its name, default and a one-line help (the README's table is made of them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    # The value's type when the default does not show it (a None default means text).
    kind: type | None = None
    # Smallest value of a whole-number setting.
    minimum: int = 0

    @property
    def env(self) -> str:
        return f"WIDGET_{self.name}"

    @property
    def type(self) -> type:
        return self.kind or (str if self.default is None else type(self.default))
