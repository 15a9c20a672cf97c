"""Reader pages without JavaScript, the mails, and the admin in every language, at 320 px
(issue 26): no English left where the catalogue has the words, nothing sticking out
sideways, axe-core at 0, and `<html lang>` a BCP 47 tag (pt-BR, never pt_BR).

The mails go through the real SMTP server of the tests; their HTML bodies are rendered in
the browser; the pages their links open are checked too. The admin speaks the moderator's
language (moderators.lang). Screenshots: tests/artifacts/languages-admin-<lang>.png.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTICLE_PATH, shot
from tests.browser.languages import (
    LANGUAGES,
    MAIL_EXEMPT_RULES,
    Findings,
    bcp47,
    make_app,
    start_live,
    stop_live,
    words,
)
from tests.mailbox import SmtpServer, html_part, text_part
from widget import storage
from widget.accounts.moderators import create_moderator

pytestmark = pytest.mark.browser

PASSWORD = "a long moderation passphrase"
# The admin is checked against the strings its own code and templates use (and the labels it
# shares with the reader pages): a word it shares with a reader page ("Email") counts once the
# admin's templates mark it for translation.
ADMIN = ("templates/admin/", "widget/web/admin/", "widget/i18n/labels.py")


@pytest.fixture(scope="module")
def smtp_server():
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def live(tmp_path_factory, sqlite_template, smtp_server):
    """One service (mailing to the test's SMTP server) and news site for all languages."""
    app = make_app(
        tmp_path_factory.mktemp("languages-pages"),
        sqlite_template,
        SMTP_URL=smtp_server.url,
        PUBLIC_URL="http://placeholder",
        TRUSTED_HOSTS=["comments.test", "localhost"],
        MAIL_SENDER="off",
        HOLD_LINK_COUNT=2,
    )
    served = start_live(app)
    yield served
    stop_live(served)


@pytest.fixture
def phone(browser):
    """Pages at 320 px; axe-core goes in past the pages' Content-Security-Policy."""
    context = browser.new_context(bypass_csp=True, viewport={"width": 320, "height": 720})
    yield context.new_page()
    context.close()


def deliver(app) -> None:
    result = app.test_cli_runner().invoke(args=["mail", "worker", "--once"])
    assert result.exit_code == 0, result.output


def expect_lang(page, language: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", bcp47(language))


def link(message, service_url: str, prefix: str) -> str:
    found = re.search(re.escape(service_url) + re.escape(prefix) + r"\S+", text_part(message))
    assert found, f"no {prefix} link in the mail"
    return found.group(0)


def check_mail(page, findings: Findings, message, state: str, language: str) -> None:
    page.goto("about:blank")
    page.set_content(html_part(message))
    expect_lang(page, language)
    findings.check(page, state, exempt=MAIL_EXEMPT_RULES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_reader_pages_and_mail_in_every_language(live, phone, smtp_server, language):
    page, findings = phone, Findings(language, pages=True)
    url = f"{live.blog.url}{ARTICLE_PATH}{language}/"
    email = f"lectora.{language.lower()}@example.org"
    posted = live.api().post_comment(
        url=url,
        name="Lectora Quinta",
        email=email,
        text="Primeira leitura.",
        notify=True,
        lang=bcp47(language),
        title="Acción encubierta",
    )
    assert posted.status_code == 201, posted.get_json()
    parent = posted.get_json()["comment"]["id"]

    # The thread without JavaScript, and its reply form.
    page.goto(f"{live.service.url}/threads?url={url}&lang={bcp47(language)}")
    expect_lang(page, language)
    findings.check(page, "thread page")
    page.goto(f"{live.service.url}/threads?url={url}&lang={bcp47(language)}&replytocom={parent}")
    findings.check(page, "thread page, reply form")
    page.locator("form[novalidate] button[type=submit]").click()  # every field empty
    expect(page.locator("[aria-invalid=true]").first).to_be_visible()
    expect_lang(page, language)
    findings.check(page, "thread page, form with errors")

    # The newsroom's report page and the DSA notice form.
    page.goto(f"{live.service.url}/comments/{parent}/report?lang={bcp47(language)}")
    expect_lang(page, language)
    findings.check(page, "report page")
    page.locator("#reason-spam").check()
    page.locator("form button[type=submit]").click()
    expect(page.locator("form")).to_have_count(0)
    expect_lang(page, language)
    findings.check(page, "report sent")
    page.goto(f"{live.service.url}/notices/new?comment={parent}&lang={bcp47(language)}")
    expect_lang(page, language)
    findings.check(page, "notice page")
    page.locator("form button[type=submit]").click()
    expect(page.locator("[aria-invalid=true]").first).to_be_visible()
    findings.check(page, "notice page with errors")

    # The confirmation mail, its page, the page after the button.
    deliver(live.app)
    confirmation = [m for m in smtp_server.inbox.to(email)][-1]
    check_mail(page, findings, confirmation, "confirmation mail", language)
    page.goto(link(confirmation, live.service.url, "/mail/confirm/"))
    expect_lang(page, language)
    findings.check(page, "confirm page")
    page.locator("form button[type=submit]").first.click()
    expect(page.get_by_role("status")).to_be_visible()
    findings.check(page, "confirmed page")

    # A reply: its mail, and the unsubscribe page it links to.
    replied = live.api().post_comment(
        url=url,
        name="Ben Replier",
        email="ben@example.org",
        text="Vejo de outra forma.",
        parent_id=parent,
    )
    assert replied.status_code == 201
    deliver(live.app)
    reply_mail = smtp_server.inbox.to(email)[-1]
    assert reply_mail is not confirmation
    check_mail(page, findings, reply_mail, "reply mail", language)
    page.goto(link(reply_mail, live.service.url, "/mail/unsubscribe/"))
    expect_lang(page, language)
    findings.check(page, "unsubscribe page")

    # A legal notice, last (it may hide the comment): sent, its confirmation mail and page.
    page.goto(f"{live.service.url}/notices/new?comment={parent}&lang={bcp47(language)}")
    page.locator("input[name=category]").first.check()
    page.locator("#explanation").fill("Dieser Kommentar verletzt meine Rechte, siehe Absatz 2.")
    page.locator("#name").fill("Nora Notifier")
    page.locator("#email").fill(f"nora.{language.lower()}@example.org")
    page.locator("#good_faith").check()
    page.locator("form button[type=submit]").click()
    expect(page.locator("#explanation")).to_have_count(0)
    expect_lang(page, language)
    findings.check(page, "notice sent")
    deliver(live.app)
    notice_mail = smtp_server.inbox.to(f"nora.{language.lower()}@example.org")[-1]
    check_mail(page, findings, notice_mail, "notice mail", language)
    page.goto(link(notice_mail, live.service.url, "/mail/notices/"))
    expect_lang(page, language)
    findings.check(page, "notice confirmation page")
    findings.assert_none()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_admin_in_the_moderators_language(live, browser, language):
    email = f"editor.{language.lower()}@border-ledger.example"
    with live.app.app_context():
        moderator = create_moderator(email, PASSWORD)
        moderator.lang = language
        storage.commit()
        site_id = storage.find_site_by_origin(live.blog.url).id
    url = f"{live.blog.url}{ARTICLE_PATH}admin-{language}/"
    held = live.api().post_comment(
        url=url,
        name="Pedro Alves",
        text="Ver https://example.org/a e https://example.org/b",
    )
    comment_id = held.get_json()["comment"]["id"]
    findings = Findings(language, pages=True, where=ADMIN)
    # Before signing in the browser's language speaks; after, the account's.
    context = browser.new_context(
        locale=bcp47(language), bypass_csp=True, viewport={"width": 320, "height": 720}
    )
    page = context.new_page()
    page.goto(f"{live.service.url}/admin/login")
    expect_lang(page, language)
    findings.check(page, "login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page.locator("li.item").first).to_be_visible()
    expect_lang(page, language)
    findings.check(page, "queue")
    shot(page, f"languages-admin-{language}", full_page=True)
    for state, path in [
        ("comment", f"/admin/comments/{comment_id}"),
        ("site", f"/admin/sites/{site_id}"),
        ("account", "/admin/account"),
        ("notices", "/admin/notices"),
    ]:
        page.goto(live.service.url + path)
        findings.check(page, state)
    notice = page.locator("main a[href*='/admin/notices/']").first  # the reader test's notices
    if notice.count():
        notice.click()
        expect(page.locator("main h1")).to_be_visible()
        findings.check(page, "notice")
    context.close()
    findings.assert_none()


@pytest.mark.parametrize("language", LANGUAGES)
def test_signing_in_by_email_in_every_language(live, phone, smtp_server, language):
    """The widget's sign-in bits, the sign-in mail and the page its link opens (run last:
    the site lets only signed-in readers comment while it runs)."""
    page, findings, t = phone, Findings(language), words(language, ("embed-sign-in",))
    email = f"rosa.{language.lower()}@example.org"
    with live.app.app_context():
        storage.find_site_by_origin(live.blog.url).who_may_comment = "verified"
        storage.commit()
    try:
        page.goto(live.host_page(f"sign-in-{language}", lang=bcp47(language)))
        widget = page.locator("#comments")
        expect(widget.locator(".gate")).to_contain_text(t["only"])
        findings.check(page, "sign-in gate")
        widget.get_by_role("button", name=t["byMail"], exact=True).click()
        widget.get_by_role("textbox", name=t["name"], exact=True).last.fill("Rosa Lectora")
        widget.get_by_role("textbox", name=t["email"], exact=True).last.fill(email)
        widget.get_by_role("button", name=t["send"], exact=True).click()
        expect(widget.locator(".status").first).to_have_text(t["sent"])
        findings.check(page, "sign-in link sent")
        deliver(live.app)
        mail = smtp_server.inbox.to(email)[-1]
        check_mail(page, findings, mail, "sign-in mail", language)
        page.goto(link(mail, live.service.url, "/mail/sign-in/"))
        expect_lang(page, language)
        findings.check(page, "sign-in page")
    finally:
        with live.app.app_context():
            storage.find_site_by_origin(live.blog.url).who_may_comment = "everyone"
            storage.commit()
    findings.assert_none()
