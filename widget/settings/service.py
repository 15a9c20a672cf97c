"""Where the service keeps its data and how it meets the web: folder, database, secret, proxies."""

from .setting import Setting

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "INSTANCE_PATH",
        None,
        "Folder for the SQLite database and the generated secret key; unset means "
        "`instance/` in the checkout.",
    ),
    Setting(
        "TRANSLATIONS_PATH",
        None,
        "A folder of the site's own catalogues (`<lang>/LC_MESSAGES/messages.po`), searched "
        "before Tertulia's: a site rewords a string there (docs/translating.md); unset: "
        "none.",
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
        "METRICS_TOKEN",
        None,
        "Bearer token that `GET /metrics` (Prometheus's format) asks for; unset means no "
        "metrics and no endpoint. Under gunicorn, set `PROMETHEUS_MULTIPROC_DIR` too "
        "(docs/deploy.md).",
    ),
    Setting(
        "MAX_CONTENT_LENGTH",
        64 * 1024,
        "Largest request body in bytes; larger bodies get 413 before they are read.",
        minimum=1,
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
        "RETENTION_DAYS",
        0,
        "Days after which `tertulia privacy prune` clears a comment's truncated network, "
        "address hash and browser (0: kept).",
    ),
    Setting(
        "DEMO_PORT",
        8081,
        "Port of the demo article site served by `tertulia demo`.",
    ),
)
