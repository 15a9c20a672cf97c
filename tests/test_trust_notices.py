"""Issue 19, items 1 and 4: one anonymous person cannot hide a comment with legal notices.

A notice holds its comment only once its sender confirmed their address through the
receipt's link; one open notice per comment and sender (by email, and by network); mail to
senders is capped per day; a decision gives the comment back the status it had before
the first notice that held it, once no other notice holds it.
"""

from __future__ import annotations

from tests.actions import csrf_token_in
from tests.mailbox import link_to, text_part
from tests.newsroom import (
    confirm_notice,
    post,
    public_ids,
    reader,
    reference_in,
    report,
    send_notice,
    text_of,
)
from tests.test_mail_readers import deliver
from widget import storage
from widget.storage.models.newsroom import Notice


def _notices(app) -> list[Notice]:
    with app.app_context():
        return storage.db.session.query(Notice).order_by(Notice.id).all()


def _status(app, comment_id: int) -> str:
    with app.app_context():
        return storage.find_comment(comment_id).status


def test_an_unconfirmed_notice_holds_nothing_and_waits_as_unconfirmed(app, client, admin):
    ana = reader(client, 1)
    comment = post(ana, text="The mayor is a thief.")
    # The reproduction: five anonymous notices used to hide the comment at once.
    responses = [
        send_notice(client, comment["id"], category="defamation", explanation="x", name="")
        for _ in range(5)
    ]
    assert responses[0].status_code == 201
    assert comment["id"] in public_ids(ana)
    assert _status(app, comment["id"]) == "published"
    assert len(_notices(app)) == 1  # the same sender: one open notice
    page = text_of(admin.get("/admin/notices"))
    assert "unconfirmed" in page
    assert "unconfirmed" in text_of(admin.get("/admin/notices/1"))


def test_a_second_notice_from_the_same_sender_answers_with_the_first_reference(app, client):
    comment = post(reader(client, 1))
    first = reference_in(send_notice(client, comment["id"]))
    # Same email from another network; same network with another email; neither counts.
    by_email = send_notice(client, comment["id"], address="198.51.100.44")
    by_network = send_notice(client, comment["id"], address="192.0.2.99", email="other@example.org")
    for again in (by_email, by_network):
        assert again.status_code == 200
        assert reference_in(again) == first
    assert len(_notices(app)) == 1
    # Another sender, elsewhere: a notice of its own.
    other = send_notice(client, comment["id"], address="198.51.100.45", email="b@example.org")
    assert other.status_code == 201 and reference_in(other) != first
    # A notice on another comment from the first sender is its own too.
    second_comment = post(reader(client, 1), text="Another one")
    assert send_notice(client, second_comment["id"]).status_code == 201


def test_the_receipt_link_confirms_with_a_button_and_then_the_notice_holds(mail_app, smtp):
    client = mail_app.test_client()
    ana = reader(client, 1)
    comment = post(ana, text="Libel here")
    reference = reference_in(send_notice(client, comment["id"]))
    deliver(mail_app)
    (receipt,) = smtp.inbox.to("notifier@example.org")
    assert reference in text_part(receipt)
    path = link_to(receipt, "/mail/notices/")
    page = client.get(path)  # a mail scanner's GET changes nothing
    assert page.status_code == 200 and "Confirm" in text_of(page)
    assert comment["id"] in public_ids(ana)
    done = client.post(path, data={"csrf_token": csrf_token_in(page.get_data(as_text=True))})
    assert done.status_code == 200
    assert comment["id"] not in public_ids(ana)
    with mail_app.app_context():
        (notice,) = storage.db.session.query(Notice).all()
        assert notice.confirmed_at is not None and notice.status_before == "published"
    # Confirming again changes nothing; a tampered link is refused.
    assert (
        client.post(path, data={"csrf_token": csrf_token_in(page.get_data(True))}).status_code
        == 200
    )
    assert client.get(path[:-3] + "xyz").status_code == 400


def test_mail_to_a_notice_sender_is_capped_per_day(make_mail_app, smtp):
    app = make_mail_app(MAIL_CONFIRMATIONS_PER_DAY=2)
    client = app.test_client()
    victim = "victim@example.org"
    for number in range(4):  # four comments, four notices naming one victim's address
        comment = post(reader(client, 1), text=f"Comment {number}")
        sent = send_notice(client, comment["id"], address=f"198.51.{number}.9", email=victim)
        assert sent.status_code == 201
    deliver(app)
    assert len(smtp.inbox.to(victim)) == 2


def test_keep_after_several_notices_publishes_again_only_after_the_last(app, client, admin):
    ana = reader(client, 1)
    comment = post(ana, text="Heated but lawful")
    references = []
    for number in range(5):  # five senders, five networks, all confirmed
        response = send_notice(
            client, comment["id"], address=f"198.51.{number}.7", email=f"n{number}@example.org"
        )
        references.append(reference_in(response))
        confirm_notice(app, client, references[-1])
    assert _status(app, comment["id"]) == "pending"
    for notice_id in range(1, 5):
        kept = admin.post(f"/admin/notices/{notice_id}", decision="keep", statement="Lawful.")
        assert kept.status_code == 303
        assert _status(app, comment["id"]) == "pending"  # others still hold it
    admin.post("/admin/notices/5", decision="keep", statement="Lawful.")
    assert _status(app, comment["id"]) == "published"
    assert comment["id"] in public_ids(ana)


def test_a_decision_restores_the_status_before_the_first_notice(app_factory):
    """A second notice, confirmed while the first holds the comment, restores "published"."""
    from widget.sites.editing import register_site

    app = app_factory(REPORT_HOLD_COUNT=2)
    with app.app_context():
        register_site("Blog", ["https://blog.example.org"], "none")
    client = app.test_client()
    comment = post(reader(client, 1))
    confirm_notice(app, client, reference_in(send_notice(client, comment["id"])))
    with app.app_context():
        assert storage.find_notice(1).status_before == "published"
    # Held by a notice, it is not reportable; a second notice comes while the first holds it.
    second = send_notice(client, comment["id"], address="198.51.100.3", email="x@example.org")
    confirm_notice(app, client, reference_in(second))
    with app.app_context():
        assert storage.find_notice(2).status_before == "published"  # not "pending"
    from tests.actions import Admin
    from tests.conftest import MODERATOR_PASSWORD
    from widget.accounts.moderators import create_moderator

    with app.app_context():
        create_moderator("mod@example.org", MODERATOR_PASSWORD)
    admin = Admin(client)
    admin.login("mod@example.org", MODERATOR_PASSWORD)
    admin.post("/admin/notices/2", decision="keep", statement="Lawful.")
    admin.post("/admin/notices/1", decision="keep", statement="Lawful.")
    assert _status(app, comment["id"]) == "published"


def Api_at(client, address: str):  # noqa: N802 - a reader at any address
    from tests.actions import Api
    from tests.conftest import BLOG

    return Api(client, origin=BLOG, address=address)


def test_keeping_an_unconfirmed_notice_never_publishes_a_held_comment(app, client, admin):
    comment = post(reader(client, 1))
    report(reader(client, 2), comment["id"])
    report(Api_at(client, "198.51.100.2"), comment["id"])
    report(Api_at(client, "198.51.101.2"), comment["id"])
    assert _status(app, comment["id"]) == "pending"
    # Not noticeable while reports hold it (readers do not see it).
    assert client.get(f"/notices/new?comment={comment['id']}").status_code == 404
    with app.app_context():
        storage.find_comment(comment["id"]).status = "published"
        storage.commit()
    reference_in(send_notice(client, comment["id"]))  # unconfirmed
    with app.app_context():
        storage.find_comment(comment["id"]).status = "pending"
        storage.commit()
    admin.post("/admin/notices/1", decision="keep", statement="Lawful.")
    assert _status(app, comment["id"]) == "pending"


def test_the_done_page_says_what_confirming_does(app, client):
    comment = post(reader(client, 1))
    page = send_notice(client, comment["id"])
    assert "confirm" in text_of(page).lower()
    anonymous = send_notice(client, comment["id"], address="198.51.100.5", email="")
    assert anonymous.status_code == 201
    assert "stays up" in text_of(anonymous) or "review" in text_of(anonymous)
