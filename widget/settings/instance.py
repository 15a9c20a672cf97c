"""What the instance folder supplies when the settings leave it out: the key, the database."""

from __future__ import annotations

import secrets
from pathlib import Path


def ensure_secret_key(instance_path: str) -> str:
    """Return the instance's secret key, creating it (mode 0600) on first start."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    # O_EXCL: two workers starting at once must not both write a different key.
    try:
        with open(path, "x", encoding="ascii") as handle:
            handle.write(key)
        path.chmod(0o600)
    except FileExistsError:
        return path.read_text().strip()
    return key


def default_database_url(instance_path: str) -> str:
    """SQLite file in the instance folder."""
    return f"sqlite:///{Path(instance_path) / 'tertulia.sqlite3'}"
