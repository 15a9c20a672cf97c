"""Webhooks: which addresses deliveries may reach, and how long they are retried."""

from widget.i18n import N_

from .setting import Setting

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "WEBHOOK_ALLOW_PRIVATE",
        False,
        N_(
            "Let webhook endpoints be `http://` URLs and reach private, loopback, link-local and "
            "reserved addresses (a receiver on the same machine or network). Off: only `https://` "
            "endpoints on public addresses, checked when each delivery resolves the host."
        ),
    ),
    Setting(
        "WEBHOOK_RETRY_HOURS",
        24,
        N_(
            "Hours a webhook delivery is retried, with growing pauses (30 s doubling, at most "
            "4 h), before it is marked failed in the endpoint's delivery log."
        ),
        minimum=1,
    ),
)
