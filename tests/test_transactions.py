"""One transaction per use case: what a use case stores is stored whole, or not at all."""

from sqlalchemy import event, func, select

from tests.actions import Api
from tests.conftest import BLOG
from widget.storage.database import db
from widget.storage.models import AuditEntry, Comment, Site

WRITES = ("INSERT", "UPDATE", "DELETE")


def _commits(app):
    """The commits of transactions that wrote something, from now on (one entry each)."""
    seen, wrote = [], []

    def statement(connection, cursor, sql, *args):
        if sql.lstrip().upper().startswith(WRITES):
            wrote.append(sql)

    def commit(connection):
        if wrote:
            seen.append(list(wrote))
        wrote.clear()

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", statement)
        event.listen(db.engine, "commit", commit)
    return seen


def test_adding_a_site_stores_it_its_settings_and_its_audit_entry_at_once(app, admin):
    commits = _commits(app)
    admin.csrf()  # read the token first: its page commits nothing, but count from here
    commits.clear()
    response = admin.post_raw(
        "/admin/sites/add",
        csrf_token=admin.csrf(),
        name="Ledger",
        origins="https://ledger.example.org",
        moderation="first",
        close_after_days="30",
        hold_words="casino",
        spam_words="",
    )
    assert response.status_code == 303
    assert len(commits) == 1
    with app.app_context():
        site = db.session.scalars(select(Site).where(Site.name == "Ledger")).one()
        assert (site.close_after_days, site.hold_words) == (30, "casino")
        assert db.session.scalar(select(func.count()).where(AuditEntry.action == "add-site")) == 1


def test_a_post_is_one_transaction(app):
    api = Api(app.test_client(), origin=BLOG)
    token = api.form_token()
    commits = _commits(app)
    assert api.post_comment(form_token=token).status_code == 201
    assert len(commits) == 1
    with app.app_context():
        assert db.session.scalar(select(func.count(Comment.id))) == 1
