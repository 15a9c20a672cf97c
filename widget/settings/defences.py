"""Spam and flood defences (README, "Spam and flood defences")."""

from widget.i18n import N_

from .setting import Setting

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "CHECK_EMAIL_DELIVERABILITY",
        False,
        N_("Also check that the email's domain accepts mail (a DNS lookup per post)."),
    ),
    Setting(
        "FORM_TOKEN_MAX_AGE",
        7200,
        N_(
            "Seconds a form token from `GET /api/form-token` stays valid. A token is also bound "
            "to the network that fetched it (IPv4 /24, IPv6 /64); the widget fetches a fresh one "
            "when a post is refused for either, keeping the reader's text."
        ),
        minimum=1,
    ),
    Setting(
        "FORM_TOKEN_MIN_AGE",
        3,
        N_(
            "Seconds that must pass between fetching a form token and posting with it "
            "(people do not write a comment in under three seconds; bots do)."
        ),
    ),
    Setting(
        "THREAD_RATE_LIMIT",
        "3 per hour",
        N_("Top-level comments per client address in one thread (replies are not counted)."),
    ),
    Setting(
        "EMAIL_RATE_LIMIT",
        "10 per hour",
        N_("Comments per email address, on every thread and site."),
    ),
    Setting(
        "DUPLICATE_WINDOW_MINUTES",
        10,
        N_(
            "The same text from the same email or address in one thread within this many "
            "minutes is refused with 409 (0 turns the check off)."
        ),
    ),
    Setting(
        "HOLD_LINK_COUNT",
        2,
        N_("A comment with this many links or more waits for moderation (0 turns the rule off)."),
    ),
    Setting(
        "REPORT_HOLD_COUNT",
        3,
        N_(
            "A published comment reported by this many distinct readers waits for moderation "
            "(0: reports never hold a comment). Readers are counted by network, an IPv4 /24 or an "
            "IPv6 /48 (what one household or office gets), so one person's many addresses "
            "count once."
        ),
    ),
    Setting(
        "HONEYPOT",
        True,
        N_(
            "Add a field people cannot see; a post that fills it looks accepted but is kept "
            "as spam."
        ),
    ),
    Setting(
        "SPAM_CHECKER",
        "",
        N_(
            "An external spam checker: empty for none (no network call), `akismet`, or "
            "`module:function` of your own (see README)."
        ),
    ),
    Setting(
        "AKISMET_API_KEY",
        "",
        N_("Akismet's key, when `WIDGET_SPAM_CHECKER` is `akismet`."),
    ),
    Setting(
        "AKISMET_URL",
        "https://rest.akismet.com/1.1/comment-check",
        N_("Akismet's comment-check endpoint (a test points it at a local stand-in)."),
    ),
)
