"""What every reader hands to the importer: threads and comments in plain values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


class ImportRefused(Exception):
    """The file cannot be imported as asked; the message says why and what to do."""


@dataclass
class IncomingSite:
    """A site as our own export describes it (only `import tertulia` has these)."""

    name: str
    origins: list[str]
    settings: dict = field(default_factory=dict)


@dataclass
class IncomingThread:
    """An article: its link in the other system, title, and whether comments are closed."""

    link: str
    title: str = ""
    closed: bool = False
    key: str | None = None  # an explicit thread id (our export); else the canonical URL
    created_at: datetime | None = None
    site: IncomingSite | None = None


@dataclass
class IncomingComment:
    """One comment as the file has it, before our checks."""

    ref: str  # its id within the file, which replies name as their parent
    parent_ref: str | None
    name: str
    email: str
    website: str
    text: str
    created_at: datetime
    status: str
    markup: str = "markdown"
    kind: str = "comment"  # or pingback, trackback
    address: str = ""  # the raw address the file gives; truncated before storing
    user_agent: str = ""
    source: tuple[str, str] | None = None  # (system, id) remembered against re-imports
    # Only from our own export, where they were stored already:
    network: str | None = None
    avatar: str | None = None
    edited_at: datetime | None = None
    client_key: str | None = None  # the keyed hash per-address limits count
    pending_text: str | None = None  # an author's edit waiting for a moderator
    featured: bool = False  # marks moderators set (newsroom)
    staff: bool = False
    # The pre-screen's (language, toxicity, model) when it scored it (issue 25).
    scores: tuple[str | None, float | None, str | None] = (None, None, None)
