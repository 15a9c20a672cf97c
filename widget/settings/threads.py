"""Threads as readers get them: lengths, depth, pages, the read cache, the edit window."""

from widget.i18n import N_

from .setting import Setting

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "MAX_REPLY_DEPTH",
        5,
        N_("Deepest nesting level of replies; a reply to the deepest level joins that level."),
        minimum=1,
    ),
    Setting(
        "MAX_COMMENT_LENGTH",
        10000,
        N_("Longest comment text, in characters."),
        minimum=1,
    ),
    Setting(
        "PAGE_SIZE",
        100,
        N_("Comments per page of a thread when the client does not ask for a `limit`."),
        minimum=1,
    ),
    Setting(
        "MAX_PAGE_SIZE",
        500,
        N_("Largest `limit` a client may ask for."),
        minimum=1,
    ),
    Setting(
        "READ_CACHE_PAGES",
        1000,
        N_(
            "Rendered thread pages each worker keeps in memory at most (checked against the "
            "thread's version on every read, so never stale); 0 turns the cache off."
        ),
    ),
    Setting(
        "READ_CACHE_MB",
        64,
        N_(
            "Memory each worker's cache of rendered pages may take, in MB (bodies, compressed "
            "forms and keys; the least recently read go first). A page larger than this is "
            "served but not kept."
        ),
        kind=float,
    ),
    Setting(
        "READ_MAX_AGE",
        0,
        N_(
            "Seconds browsers and CDNs may reuse a thread read without asking; 0 sends "
            "`Cache-Control: no-cache` (they revalidate every time, an empty 304 when unchanged)."
        ),
    ),
    Setting(
        "READ_STALE_WHILE_REVALIDATE",
        0,
        N_(
            "With `READ_MAX_AGE`, seconds a CDN may serve a thread read while it fetches a "
            "fresh one."
        ),
    ),
    Setting(
        "EDIT_WINDOW_MINUTES",
        15,
        N_("Minutes during which authors may edit or delete their comment (with its edit token)."),
    ),
)
