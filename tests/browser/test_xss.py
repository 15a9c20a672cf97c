"""A corpus of XSS vectors in every field, through every write path, rendered in Chromium.

Write paths: the JSON API, the no-JavaScript form, the author's edit and the moderator's
edit. Pages: the widget, the no-JavaScript page, the HTML fragment in a host page, and the
moderators' pages. A trap records any alert or assignment to window.__pwned; then every
element and attribute is checked: nothing from a comment may become a live element.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.xss_vectors import VECTORS, WEBSITES
from widget.accounts.moderators import create_moderator

pytestmark = pytest.mark.browser

TRAP = """
window.__fired = [];
for (const name of ["alert", "prompt", "confirm", "print"]) {
  window[name] = (...args) => { window.__fired.push(name + ":" + args.join(",")); };
}
Object.defineProperty(window, "__pwned", {
  set(value) { window.__fired.push("__pwned=" + value); }, get() { return undefined; },
});
"""

# What a comment's content may contain once rendered: the sanitiser's allowlist.
CONTENT_CHECK = """
([selectors, nameSelectors]) => {
  const allowed = new Set(["P","BR","EM","STRONG","CODE","PRE","BLOCKQUOTE","UL","OL","LI","A"]);
  const roots = [document];
  const host = document.getElementById("comments");
  if (host && host.shadowRoot) roots.push(host.shadowRoot);
  const problems = [];
  for (const root of roots) {
    for (const el of root.querySelectorAll("*")) {
      if (el.closest("head")) continue;  // the host page's own head (icons, styles)
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name)) problems.push(el.tagName + " has " + attr.name);
        const url = /href|src|action|data/i.test(attr.name);
        if (url && /^\\s*(javascript|data|vbscript):/i.test(attr.value))
          problems.push(el.tagName + " " + attr.name + "=" + attr.value);
      }
      if (/^(IFRAME|OBJECT|EMBED|IMG|BASE|MATH|DETAILS|TEMPLATE|FRAME|APPLET)$/.test(el.tagName))
        problems.push("live " + el.tagName);
    }
    for (const box of root.querySelectorAll(selectors)) {
      for (const el of box.querySelectorAll("*")) {
        if (!allowed.has(el.tagName)) problems.push("in content: " + el.tagName);
        for (const attr of el.attributes) {
          const ok = (el.tagName === "A" && ["href", "rel"].includes(attr.name))
            || (el.tagName === "OL" && attr.name === "start");
          if (!ok) problems.push("in content: " + el.tagName + "[" + attr.name + "]");
          if (attr.name === "href" && !/^(https?:|mailto:)/i.test(attr.value))
            problems.push("in content: href=" + attr.value);
        }
      }
    }
    for (const box of root.querySelectorAll(nameSelectors)) {
      for (const el of box.querySelectorAll("*")) {
        if (!["A", "SPAN"].includes(el.tagName)) problems.push("in a name: " + el.tagName);
        for (const attr of el.attributes) {
          if (!["href", "rel"].includes(attr.name)) problems.push("in a name: [" + attr.name + "]");
          if (attr.name === "href" && !/^https?:/i.test(attr.value))
            problems.push("in a name: href=" + attr.value);
        }
      }
    }
  }
  return problems;
}
"""


def _assert_harmless(page, content: str, names: str) -> None:
    problems = page.evaluate(CONTENT_CHECK, [content, names])
    assert problems == []
    assert page.evaluate("() => window.__fired") == []


def _form_tokens(html: str) -> tuple[str, str]:
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    form_token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    return csrf, form_token


@pytest.fixture
def hostile_thread(live):
    """The article's thread, filled with vectors by every write path."""
    api = live.api()
    url = live.article_url
    tokens = []
    for number, vector in enumerate(VECTORS):
        website = WEBSITES[number % len(WEBSITES)]
        name = " ".join(vector.split())[:80]  # names are one line
        response = api.post_comment(
            url=url,
            name=name,
            text=vector,
            title=vector[:300],
            website=website,
            email=f"x{number}@example.org",
        )
        if response.status_code == 400:  # a refused website: post the rest without it
            assert set(response.get_json()["fields"]) == {"website"}
            response = api.post_comment(
                url=url, name=name, text=vector, email=f"x{number}@example.org"
            )
        assert response.status_code == 201, response.get_json()
        tokens.append(response.get_json())

    # The author's edit.
    client = live.app.test_client()
    for created, vector in zip(tokens[:8], reversed(VECTORS), strict=False):
        edited = client.patch(
            f"/api/comments/{created['comment']['id']}",
            json={"edit_token": created["edit_token"], "text": "edited: " + vector},
            headers={"Origin": live.blog.url},
        )
        assert edited.status_code == 200

    # The no-JavaScript form.
    page_url = "/threads?url=" + quote(url, safe="")
    for vector in VECTORS[:8]:
        csrf, form_token = _form_tokens(client.get(page_url).get_data(as_text=True))
        posted = client.post(
            "/threads",
            data={
                "csrf_token": csrf,
                "form_token": form_token,
                "url": url,
                "name": " ".join(vector.split())[:80],
                "email": "nojs@example.org",
                "text": vector,
                "website": WEBSITES[0],
            },
        )
        assert posted.status_code in (303, 400)

    # The moderator's edit.
    with live.app.app_context():
        create_moderator("mod@example.org", "a long moderation passphrase")
    admin = live.app.test_client()
    login = admin.get("/admin/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login).group(1)
    admin.post(
        "/admin/login",
        data={
            "csrf_token": csrf,
            "email": "mod@example.org",
            "password": "a long moderation passphrase",
        },
    )
    page = admin.get("/admin/").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    for created, vector in zip(tokens[8:16], VECTORS, strict=False):
        edited = admin.post(
            f"/admin/comments/{created['comment']['id']}/edit",
            data={"csrf_token": csrf, "text": "moderated: " + vector},
        )
        assert edited.status_code == 303
    return live


def test_the_widget_renders_every_vector_harmlessly(hostile_thread, page):
    live = hostile_thread
    page.add_init_script(TRAP)
    page.goto(live.article_url)
    widget = page.locator("#comments")
    expect(widget.locator("article.comment").first).to_be_visible()
    while widget.get_by_role("button", name="Load more comments").is_visible():
        widget.get_by_role("button", name="Load more comments").click()
    expect(widget.locator("article.comment")).to_have_count(len(VECTORS) + 8)
    expect(widget.get_by_text("<script>alert('xss-1')</script>").first).to_be_visible()
    _assert_harmless(page, ".body", ".author")
    page.mouse.move(200, 300)
    page.keyboard.press("Tab")
    shot(widget, "xss-widget")
    _assert_harmless(page, ".body", ".author")


def test_the_nojs_page_and_the_fragment_render_every_vector_harmlessly(hostile_thread, page):
    live = hostile_thread
    page.add_init_script(TRAP)
    page.goto(f"{live.service.url}/threads?url={quote(live.article_url, safe='')}")
    expect(page.locator("li.comment")).to_have_count(len(VECTORS) + 8)
    _assert_harmless(page, ".comment-body", ".comment-author")
    assert page.locator("script").count() == 0

    fragment = (
        live.app.test_client()
        .get("/api/threads.html", query_string={"url": live.article_url})
        .get_data(as_text=True)
    )
    live.pages["fragment"] = (
        "<!doctype html><html lang='en'><head><title>Fragment</title></head><body><main>"
        + fragment
        + "</main></body></html>"
    )
    page.goto(live.blog.url + "/t/fragment")
    expect(page.locator("li.comment")).to_have_count(len(VECTORS) + 8)
    _assert_harmless(page, ".comment-body", ".comment-author")


def test_the_moderators_pages_render_every_vector_harmlessly(hostile_thread, page):
    live = hostile_thread
    page.add_init_script(TRAP)
    page.goto(live.service.url + "/admin/login")
    page.get_by_label("Email").fill("mod@example.org")
    page.get_by_label("Password").fill("a long moderation passphrase")
    page.get_by_role("button", name="Sign in").click()
    page.goto(live.service.url + "/admin/comments")
    expect(page.locator("li.item")).to_have_count(len(VECTORS) + 8)
    _assert_harmless(page, ".text", ".name, .website")
    page.locator("li.item a.name").first.click()
    expect(page.get_by_role("heading", name=re.compile("^Comment"))).to_be_visible()
    _assert_harmless(page, ".text", ".name, .website")
    page.goto(live.service.url + "/admin/threads")
    _assert_harmless(page, ".text", ".name, .website")
