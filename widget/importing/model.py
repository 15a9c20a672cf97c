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
    # Its comments are not for everyone: a WordPress post with a password, private or a
    # draft (held unless --include-protected); a thread Disqus deleted (imported deleted).
    protected: bool = False
    deleted: bool = False
    # Story settings from our own export, checked (sites/stories.check_changes).
    story: dict | None = None


@dataclass
class IncomingComment:
    """One comment as the file has it, before our checks."""

    ref: str  # its id within the file, which replies name as their parent
    parent_ref: str | None
    name: str
    email: str
    website: str
    text: str
    created_at: datetime | None  # None: the file's date is unreadable (reported)
    status: str
    markup: str = "markdown"
    kind: str = "comment"  # or pingback, trackback
    address: str = ""  # the raw address the file gives; truncated before storing
    user_agent: str = ""
    source: tuple[str, str] | None = None  # (system, id) remembered against re-imports
    # The other system's install (a WordPress blog's URL, a Disqus forum…): ids are unique
    # only within one, so it is part of the key remembered (`--source NAME` replaces it).
    install: str = ""
    # Only from our own export, where they were stored already:
    network: str | None = None
    avatar: str | None = None
    edited_at: datetime | None = None  # when its author last changed the text
    updated_at: datetime | None = None  # when anything of it last changed (else edited_at)
    client_key: str | None = None  # the keyed hash per-address limits count
    pending_text: str | None = None  # an author's edit waiting for a moderator
    featured: bool = False  # marks moderators set (newsroom)
    staff: bool = False
    commenter_key: str | None = None
    reports_cleared: bool = False
    likes: int = 0  # a count: who liked is not carried over
    badges: str = ""  # the author's badges when posting, as stored (a JSON list)
    hold_reasons: list[tuple[str, str, datetime | None]] = field(default_factory=list)
    # What the reader or the checks changed on its way in, counted once it is stored.
    changes: list[str] = field(default_factory=list)
    # The pre-screen's (language, toxicity, model) when it scored it (issue 25).
    scores: tuple[str | None, float | None, str | None] = (None, None, None)
