"""The tables, one module per subject on one Base; this file gathers their names.

`from widget.storage.models import Comment`: importing the package registers every table
with `Base.metadata` (Alembic compares against it).
"""

from .base import Base, UTCDateTime, utcnow
from .comments import COMMENT_STATUSES, MARKUPS, THREAD_MODES, Comment, CommentSource, Thread
from .identity import SITE_USER_KINDS, WHO_MAY_COMMENT, SiteUser
from .likes import CommentLike
from .mail import MAIL_KINDS, MAIL_STATUSES, MailAddress, OutboxMessage, Subscription
from .moderators import AuditEntry, Ban, Moderator, ModeratorSession, SignInAttempt
from .newsroom import (
    HOLD_CODES,
    NOTICE_CATEGORIES,
    NOTICE_DECISIONS,
    REPORT_REASONS,
    HoldReason,
    Notice,
    Report,
)
from .proofs import ProvenAddress
from .sanctions import SANCTION_KEYS, SANCTION_KINDS, Sanction
from .sites import MODERATION_MODES, THREAD_MODERATION_MODES, Counter, Site, SiteOrigin
from .tokens import TOKEN_SCOPES, ApiToken
from .webhooks import (
    DELIVERY_STATUSES,
    WEBHOOK_EVENTS,
    WEBHOOK_FORMATS,
    WebhookDelivery,
    WebhookEndpoint,
)

__all__ = [
    "ApiToken",
    "THREAD_MODERATION_MODES",
    "THREAD_MODES",
    "TOKEN_SCOPES",
    "AuditEntry",
    "Ban",
    "Base",
    "COMMENT_STATUSES",
    "Comment",
    "CommentLike",
    "CommentSource",
    "Counter",
    "HOLD_CODES",
    "HoldReason",
    "MAIL_KINDS",
    "MAIL_STATUSES",
    "MARKUPS",
    "MODERATION_MODES",
    "MailAddress",
    "Moderator",
    "ModeratorSession",
    "NOTICE_CATEGORIES",
    "NOTICE_DECISIONS",
    "Notice",
    "OutboxMessage",
    "REPORT_REASONS",
    "ProvenAddress",
    "SANCTION_KEYS",
    "SANCTION_KINDS",
    "Sanction",
    "Report",
    "SignInAttempt",
    "Site",
    "SITE_USER_KINDS",
    "SiteUser",
    "WHO_MAY_COMMENT",
    "SiteOrigin",
    "Subscription",
    "Thread",
    "UTCDateTime",
    "DELIVERY_STATUSES",
    "WEBHOOK_EVENTS",
    "WEBHOOK_FORMATS",
    "WebhookDelivery",
    "WebhookEndpoint",
    "utcnow",
]
