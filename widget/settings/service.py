"""Where the service keeps its data and how it meets the web: folder, database, secret, proxies."""

from widget.i18n import N_

from .setting import Setting

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "INSTANCE_PATH",
        None,
        N_(
            "Folder for the SQLite database and the generated secret key; unset means "
            "`instance/` in the checkout."
        ),
    ),
    Setting(
        "TRANSLATIONS_PATH",
        None,
        N_(
            "A folder of the site's own catalogues (`<lang>/LC_MESSAGES/messages.po`), searched "
            "before Tertulia's: a site rewords a string there (docs/translating.md); unset: "
            "none."
        ),
    ),
    Setting(
        "DATABASE_URL",
        None,
        N_(
            "SQLAlchemy URL of the database; unset means a SQLite file `tertulia.sqlite3` "
            "in the instance folder. PostgreSQL: `postgresql+psycopg://user@host/dbname`."
        ),
    ),
    Setting(
        "SECRET_KEY",
        None,
        N_(
            "Key for signatures and keyed hashes; unset means one is generated on first "
            "start and kept in the instance folder (`secret_key`)."
        ),
    ),
    Setting(
        "TRUSTED_PROXIES",
        0,
        N_(
            "How many reverse proxies in front of the service set `X-Forwarded-For` and "
            "`X-Forwarded-Proto`; 0 means the headers are ignored. `X-Forwarded-Host` never counts."
        ),
    ),
    Setting(
        "PUBLIC_URL",
        None,
        N_(
            "The service's public base URL, such as `https://comments.example.org`: the base of "
            "absolute links in pages, fragments and mail. Unset means relative links (and no mail: "
            "mail needs absolute links)."
        ),
    ),
    Setting(
        "METRICS_TOKEN",
        None,
        N_(
            "Bearer token that `GET /metrics` (Prometheus's format) asks for; unset means no "
            "metrics and no endpoint. Under gunicorn, set `PROMETHEUS_MULTIPROC_DIR` too "
            "(docs/deploy.md)."
        ),
    ),
    Setting(
        "MAX_CONTENT_LENGTH",
        64 * 1024,
        N_("Largest request body in bytes; larger bodies get 413 before they are read."),
        minimum=1,
    ),
    Setting(
        "ADMIN_SESSION_HOURS",
        12,
        N_("Hours a moderator stays signed in (sets Flask's `PERMANENT_SESSION_LIFETIME`)."),
        minimum=1,
    ),
    Setting(
        "SESSION_COOKIE_SAMESITE",
        "Lax",
        N_("SameSite of the moderators' session cookie: `Lax` or `Strict` (Flask sets none)."),
    ),
    Setting(
        "SESSION_COOKIE_SECURE",
        False,
        N_(
            "Always mark the session cookie Secure (it is anyway on requests that arrive "
            "over https)."
        ),
    ),
    Setting(
        "RETENTION_DAYS",
        0,
        N_(
            "Days after which `tertulia privacy prune` clears a comment's truncated network, "
            "address hash and browser (0: kept)."
        ),
    ),
    Setting(
        "DEMO_PORT",
        8081,
        N_("Port of the demo article site served by `tertulia demo`."),
    ),
)
