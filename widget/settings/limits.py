"""Request-rate limits: where the counters live, and how many requests each client may make."""

from widget.i18n import N_

from .setting import Setting

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "RATELIMIT_STORAGE_URI",
        "memory://",
        N_(
            "Where the request-rate counters (reads, write attempts) live: `memory://` is one "
            "process's own; `redis://host:6379/0` shares them between processes and instances."
        ),
    ),
    Setting(
        "RATELIMIT_KEY_PREFIX",
        "tertulia",
        N_("Prefix of the rate-limit keys, so several services can share one Redis."),
    ),
    Setting(
        "RATELIMIT_ENABLED",
        True,
        N_("Turn every rate limit on or off."),
    ),
    Setting(
        "POST_RATE_LIMIT",
        "3 per minute;50 per day",
        N_(
            "Accepted comments per client address (IPv6: per /64), counted in the database, so "
            "exact in every process and instance; `;` separates limits."
        ),
    ),
    Setting(
        "WRITE_ATTEMPT_RATE_LIMIT",
        "30 per minute",
        N_(
            "Every write per client address (posts, authors' edits and deletions), accepted or "
            "not, so probing is bounded too."
        ),
    ),
    Setting(
        "READ_RATE_LIMIT",
        "600 per minute",
        N_("Reads (threads, counts) per client address."),
    ),
    Setting(
        "LOGIN_RATE_LIMIT",
        "5 per minute;20 per hour",
        N_(
            "Failed sign-ins to /admin, counted in the database per address and per account "
            "(a browser that signed in to the account before has an allowance of its own)."
        ),
    ),
    Setting(
        "RATELIMIT_HEADERS_ENABLED",
        False,
        N_(
            "Add flask-limiter's `X-RateLimit-*` headers to every response (our 429s always carry "
            "`Retry-After`)."
        ),
    ),
)
