"""Every query of the service lives in this package; handlers never touch the session.

`from widget import storage` and call `storage.<verb_noun>`: the modules split the
queries by subject, this file gathers their names.
"""

from .batches import (
    CommentBatch,
    find_imported_many,
    has_imported,
    imported_threads_changed,
)
from .comments import (
    Poster,
    add_comment,
    comments_after,
    count_recent,
    find_comment,
    list_own_unpublished,
    list_visible,
    nth_newest_time,
)
from .database import context_memo, db
from .health import count_queue_by_site, outbox_backlog, ping_database
from .identity import (
    add_email_sign_in,
    add_site_user,
    count_email_sign_ins_since,
    delete_email_sign_ins,
    delete_site_user,
    find_email_sign_in,
    find_site_user,
    find_site_user_by_id,
    list_email_sign_ins_by_email,
    list_site_users_by_email,
    list_user_comments,
    user_statuses,
)
from .imports import (
    create_site_with_settings,
    create_thread,
    find_imported,
    find_placed,
    find_same_comment,
    import_comment,
)
from .likes import (
    add_like,
    forget_likers_before,
    has_standing_like,
    list_latest_published,
    remove_likes,
    site_state,
)
from .locks import begin_locked, commit, rollback
from .mail import (
    add_outbox_message,
    add_subscription,
    claim_due_mail,
    count_failed_mail,
    count_mail_since,
    count_outbox_by_status,
    delete_subscriptions,
    find_claimed_mail,
    find_confirmed_subscriber,
    find_mail_address,
    find_mail_address_by_id,
    find_outbox_message,
    finish_mail,
    get_or_add_mail_address,
    has_mail_about,
    list_mail_moderators,
    list_outbox,
    requeue_mail,
)
from .moderation import (
    add_ban,
    add_moderator,
    add_moderator_session,
    add_sign_in_attempt,
    count_with_status,
    delete_ban,
    delete_expired_sessions,
    delete_moderator,
    delete_moderator_session,
    delete_sign_in_attempt,
    find_ban,
    find_comments,
    find_moderator,
    find_moderator_by_email,
    find_session_moderator,
    list_active_bans,
    list_audit,
    list_bans,
    list_for_moderation,
    list_moderators,
    list_pending_by_toxicity,
    moderator_display_names,
    recent_sign_in_attempts,
    record_action,
)
from .newsroom import (
    History,
    add_hold_reasons,
    add_notice,
    add_report,
    clear_notifier,
    commenter_history,
    count_featured,
    count_open_confirmed_notices,
    count_open_notices,
    count_reporting_networks,
    count_reports,
    delete_hold_reasons,
    delete_reports,
    find_notice,
    find_open_notice,
    has_report,
    hold_codes,
    hold_reasons,
    list_featured,
    list_notices,
    list_notices_by_email,
    list_reported,
    notices_in_id_order,
    open_notices,
    report_summaries,
)
from .outbox import note_queued as note_outbox_queued
from .privacy import (
    blank_comments,
    clear_networks_before,
    delete_bans_by_email,
    delete_comments_without_replies,
    delete_mail_address,
    delete_mail_to,
    list_audit_mentioning,
    list_bans_by_email,
    list_comments_by_email,
    list_mail_to,
    list_subscribed_thread_urls,
    record_event,
    scrub_audit,
)
from .proofs import (
    add_proven_address,
    commenter_statuses,
    forget_proven_address,
    proven_keys,
)
from .sanctions import (
    add_sanction,
    delete_sanctions_by_email,
    delete_sanctions_of_user,
    find_sanction,
    list_active_sanctions,
    list_sanctions,
    list_sanctions_by_email,
    sanctioned_sites,
)
from .sites import (
    create_site,
    find_site,
    find_site_by_origin,
    list_sites,
    load_sites,
    taken_origins,
    update_site,
)
from .sorting import (
    list_listed_since,
    list_newest_roots,
    list_replies_below,
    list_top_roots,
    newest_listed_id,
)
from .threads import (
    answered_ids,
    count_published_by_urls,
    find_thread,
    find_thread_by_id,
    find_thread_by_url,
    get_or_create_thread,
    list_threads,
    merge_threads,
    move_thread,
    set_thread_closed,
)
from .tokens import (
    add_api_token,
    find_api_token,
    find_api_token_by_hash,
    list_api_tokens,
    record_token_use,
)
from .versions import ThreadState, sites_changed, sites_version, thread_changed, thread_state
from .webhooks import (
    add_webhook_delivery,
    add_webhook_endpoint,
    claim_due_webhooks,
    count_webhook_deliveries,
    delete_webhook_deliveries_about,
    delete_webhook_deliveries_before,
    delete_webhook_endpoint,
    find_claimed_webhooks,
    find_webhook_delivery,
    find_webhook_endpoint,
    finish_webhook,
    has_webhook_endpoints,
    list_unsealed_webhook_endpoints,
    list_webhook_deliveries,
    list_webhook_endpoints,
)
