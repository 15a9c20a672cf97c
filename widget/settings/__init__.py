"""Every setting, declared once: name, default and a one-line help.

Order of precedence when the app is assembled: these defaults, then the
Python file named by ``WIDGET_CONFIG``, then ``WIDGET_*`` environment
variables, then the ``test_config`` dict handed to ``create_app``.
The README's configuration table is generated from ``SETTINGS``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
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


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "INSTANCE_PATH",
        None,
        "Folder for the SQLite database and the generated secret key; unset means "
        "`instance/` in the checkout.",
    ),
    Setting(
        "DATABASE_URL",
        None,
        "SQLAlchemy URL of the database; unset means a SQLite file `tertulia.sqlite3` "
        "in the instance folder. PostgreSQL: `postgresql+psycopg://user@host/dbname`.",
    ),
    Setting(
        "SECRET_KEY",
        None,
        "Key for signatures and keyed hashes; unset means one is generated on first "
        "start and kept in the instance folder (`secret_key`).",
    ),
    Setting(
        "RATELIMIT_STORAGE_URI",
        "memory://",
        "Where the request-rate counters (reads, write attempts) live: `memory://` is one "
        "process's own; `redis://host:6379/0` shares them between processes and instances.",
    ),
    Setting(
        "RATELIMIT_KEY_PREFIX",
        "tertulia",
        "Prefix of the rate-limit keys, so several services can share one Redis.",
    ),
    Setting(
        "RATELIMIT_ENABLED",
        True,
        "Turn every rate limit on or off.",
    ),
    Setting(
        "POST_RATE_LIMIT",
        "3 per minute;50 per day",
        "Accepted comments per client address (IPv6: per /64), counted in the database, so "
        "exact in every process and instance; `;` separates limits.",
    ),
    Setting(
        "WRITE_ATTEMPT_RATE_LIMIT",
        "30 per minute",
        "Every write per client address (posts, authors' edits and deletions), accepted or "
        "not, so probing is bounded too.",
    ),
    Setting(
        "READ_RATE_LIMIT",
        "600 per minute",
        "Reads (threads, counts) per client address.",
    ),
    Setting(
        "LOGIN_RATE_LIMIT",
        "5 per minute;20 per hour",
        "Failed sign-ins to /admin, counted in the database per address and per account "
        "(a browser that signed in to the account before has an allowance of its own).",
    ),
    Setting(
        "RATELIMIT_HEADERS_ENABLED",
        False,
        "Add flask-limiter's `X-RateLimit-*` headers to every response (our 429s always carry "
        "`Retry-After`).",
    ),
    Setting(
        "ADMIN_SESSION_HOURS",
        12,
        "Hours a moderator stays signed in (sets Flask's `PERMANENT_SESSION_LIFETIME`).",
        minimum=1,
    ),
    Setting(
        "SESSION_COOKIE_SAMESITE",
        "Lax",
        "SameSite of the moderators' session cookie: `Lax` or `Strict` (Flask sets none).",
    ),
    Setting(
        "SESSION_COOKIE_SECURE",
        False,
        "Always mark the session cookie Secure (it is anyway on requests that arrive over https).",
    ),
    Setting(
        "TRUSTED_PROXIES",
        0,
        "How many reverse proxies in front of the service set `X-Forwarded-For` and "
        "`X-Forwarded-Proto`; 0 means the headers are ignored. `X-Forwarded-Host` never counts.",
    ),
    Setting(
        "PUBLIC_URL",
        None,
        "The service's public base URL, such as `https://comments.example.org`: the base of "
        "absolute links in pages, fragments and mail. Unset means relative links (and no mail: "
        "mail needs absolute links).",
    ),
    Setting(
        "MAX_REPLY_DEPTH",
        5,
        "Deepest nesting level of replies; a reply to the deepest level joins that level.",
        minimum=1,
    ),
    Setting(
        "MAX_COMMENT_LENGTH",
        10000,
        "Longest comment text, in characters.",
        minimum=1,
    ),
    Setting(
        "PAGE_SIZE",
        100,
        "Comments per page of a thread when the client does not ask for a `limit`.",
        minimum=1,
    ),
    Setting(
        "MAX_PAGE_SIZE",
        500,
        "Largest `limit` a client may ask for.",
        minimum=1,
    ),
    Setting(
        "READ_CACHE_PAGES",
        1000,
        "Rendered thread pages each worker keeps in memory (checked against the thread's "
        "version on every read, so never stale); 0 turns the cache off.",
    ),
    Setting(
        "READ_MAX_AGE",
        0,
        "Seconds browsers and CDNs may reuse a thread read without asking; 0 sends "
        "`Cache-Control: no-cache` (they revalidate every time, an empty 304 when unchanged).",
    ),
    Setting(
        "READ_STALE_WHILE_REVALIDATE",
        0,
        "With `READ_MAX_AGE`, seconds a CDN may serve a thread read while it fetches a fresh one.",
    ),
    Setting(
        "CHECK_EMAIL_DELIVERABILITY",
        False,
        "Also check that the email's domain accepts mail (a DNS lookup per post).",
    ),
    Setting(
        "FORM_TOKEN_MAX_AGE",
        86400,
        "Seconds a form token from `GET /api/threads` stays valid.",
        minimum=1,
    ),
    Setting(
        "FORM_TOKEN_MIN_AGE",
        3,
        "Seconds that must pass between fetching a form token and posting with it "
        "(people do not write a comment in under three seconds; bots do).",
    ),
    Setting(
        "EDIT_WINDOW_MINUTES",
        15,
        "Minutes during which authors may edit or delete their comment (with its edit token).",
    ),
    Setting(
        "THREAD_RATE_LIMIT",
        "3 per hour",
        "Top-level comments per client address in one thread (replies are not counted).",
    ),
    Setting(
        "EMAIL_RATE_LIMIT",
        "10 per hour",
        "Comments per email address, on every thread and site.",
    ),
    Setting(
        "DUPLICATE_WINDOW_MINUTES",
        10,
        "The same text from the same email or address in one thread within this many "
        "minutes is refused with 409 (0 turns the check off).",
    ),
    Setting(
        "HOLD_LINK_COUNT",
        2,
        "A comment with this many links or more waits for moderation (0 turns the rule off).",
    ),
    Setting(
        "REPORT_HOLD_COUNT",
        3,
        "A published comment reported by this many distinct readers waits for moderation "
        "(0: reports never hold a comment).",
    ),
    Setting(
        "HONEYPOT",
        True,
        "Add a field people cannot see; a post that fills it looks accepted but is kept as spam.",
    ),
    Setting(
        "SPAM_CHECKER",
        "",
        "An external spam checker: empty for none (no network call), `akismet`, or "
        "`module:function` of your own (see README).",
    ),
    Setting(
        "AKISMET_API_KEY",
        "",
        "Akismet's key, when `WIDGET_SPAM_CHECKER` is `akismet`.",
    ),
    Setting(
        "AKISMET_URL",
        "https://rest.akismet.com/1.1/comment-check",
        "Akismet's comment-check endpoint (a test points it at a local stand-in).",
    ),
    Setting(
        "MAX_CONTENT_LENGTH",
        64 * 1024,
        "Largest request body in bytes; larger bodies get 413 before they are read.",
        minimum=1,
    ),
    Setting(
        "RETENTION_DAYS",
        0,
        "Days after which `flask --app app privacy prune` clears a comment's truncated network, "
        "address hash and browser (0: kept).",
    ),
    Setting(
        "SMTP_URL",
        None,
        "Where mail goes: `smtp://host:25`, `smtp+starttls://user:password@host:587` or "
        "`smtps://user:password@host:465`; `console://` prints it instead (the demo). "
        "Unset means no mail, and the widget offers no notifications. Needs `WIDGET_PUBLIC_URL`.",
    ),
    Setting(
        "MAIL_FROM",
        None,
        "The From of every mail, such as `Comments <comments@example.org>`; unset means "
        "`Tertulia <noreply@HOST>`, HOST being the host of `WIDGET_PUBLIC_URL`.",
    ),
    Setting(
        "MAIL_SENDER",
        "thread",
        "`thread`: each web process sends queued mail from a background thread; `off`: only "
        "`flask --app app mail worker` sends it (run it apart).",
    ),
    Setting(
        "MAIL_POLL_SECONDS",
        10,
        "How often a sender looks for due mail when nothing wakes it sooner.",
        kind=float,
    ),
    Setting(
        "MAIL_RETRY_HOURS",
        48,
        "Hours a message is retried, with growing pauses, before it is marked failed "
        "(the admin lists failures).",
    ),
    Setting(
        "MAIL_CONFIRMATIONS_PER_DAY",
        3,
        "Confirmation mails one email address may receive in 24 hours.",
    ),
    Setting(
        "SMTP_TIMEOUT",
        30,
        "Seconds to wait on the SMTP server before a delivery attempt counts as failed.",
    ),
    Setting(
        "DEMO_PORT",
        8081,
        "Port of the demo article site served by `flask --app app demo`.",
    ),
)

DEFAULTS: dict[str, Any] = {s.name: s.default for s in SETTINGS}


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


def settings_table() -> str:
    """The Markdown table of settings that README's configuration section shows."""
    lines = [
        "| Environment variable | Default | What it does |",
        "| --- | --- | --- |",
    ]
    for setting in SETTINGS:
        default = "unset" if setting.default is None else f"`{setting.default}`"
        lines.append(f"| `{setting.env}` | {default} | {setting.help} |")
    return "\n".join(lines)
