"""Mail: the SMTP server, the sender, retries and caps."""

from widget.i18n import N_

from .setting import Setting

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "SMTP_URL",
        None,
        N_(
            "Where mail goes: `smtp://host:25`, `smtp+starttls://user:password@host:587` or "
            "`smtps://user:password@host:465`; `console://` prints it instead (the demo). "
            "Unset means no mail, and the widget offers no notifications. Needs "
            "`WIDGET_PUBLIC_URL`."
        ),
    ),
    Setting(
        "MAIL_FROM",
        None,
        N_(
            "The From of every mail, such as `Comments <comments@example.org>`; unset means "
            "`Tertulia <noreply@HOST>`, HOST being the host of `WIDGET_PUBLIC_URL`."
        ),
    ),
    Setting(
        "MAIL_SENDER",
        "thread",
        N_(
            "`thread`: each web process sends queued mail and webhook deliveries from a background "
            "thread; `off`: only `tertulia mail worker` sends them (run it apart)."
        ),
    ),
    Setting(
        "MAIL_POLL_SECONDS",
        10,
        N_("How often a sender looks for due mail when nothing wakes it sooner."),
        kind=float,
    ),
    Setting(
        "MAIL_RETRY_HOURS",
        48,
        N_(
            "Hours a message is retried, with growing pauses, before it is marked failed "
            "(the admin lists failures)."
        ),
    ),
    Setting(
        "MAIL_CONFIRMATIONS_PER_DAY",
        3,
        N_("Confirmation mails one email address may receive in 24 hours."),
    ),
    Setting(
        "EMAIL_SIGN_INS_PER_NETWORK_PER_DAY",
        20,
        N_(
            'Sign-in links (README "Sign in with your email") one client network (IPv4 /24, '
            "IPv6 /48) may ask for in 24 hours; each address also gets at most "
            "`WIDGET_MAIL_CONFIRMATIONS_PER_DAY` of them."
        ),
    ),
    Setting(
        "SMTP_TIMEOUT",
        30,
        N_("Seconds to wait on the SMTP server before a delivery attempt counts as failed."),
    ),
)
