"""Reading threads: unknown threads, canonical keys, explicit ids, paging, counts."""

from tests.actions import ARTICLE
from tests.conftest import BLOG
from widget import storage
from widget.storage.models import Thread


def test_an_unknown_thread_is_empty_and_not_created(api, app):
    response = api.thread("https://blog.example.org/never-commented?utm_source=x")
    assert response.status_code == 200
    body = response.get_json()
    assert body["thread"] == {
        "url": "https://blog.example.org/never-commented",
        "title": "",
        "closed": False,
        "count": 0,
        "moderation": "none",  # the site's, with no story settings (issue 24)
        "closed_reason": None,
        "close_after_days": None,
        "closes_at": None,
        "message": None,
        "mode": "comments",
    }
    assert body["comments"] == [] and body["next"] is None
    assert "form_token" not in body  # the same answer for every reader: see /api/form-token
    with app.app_context():
        assert storage.db.session.query(Thread).count() == 0


def test_the_first_comment_creates_the_thread_with_its_title(api, app):
    api.post_comment(title="Border talks resume")
    body = api.thread().get_json()
    assert body["thread"]["title"] == "Border talks resume"
    assert body["thread"]["count"] == 1
    with app.app_context():
        thread = storage.db.session.query(Thread).one()
        assert thread.url == "https://blog.example.org/2026/11/border-talks"


def test_shared_links_reach_the_same_thread(api):
    api.post_comment(url=ARTICLE + "?utm_source=newsletter#comments")
    api.post_comment(url="HTTPS://BLOG.example.org:443/2026/11/border-talks/index.html")
    body = api.thread("https://blog.example.org/2026/11/border-talks?fbclid=zz").get_json()
    assert body["thread"]["count"] == 2


def test_an_explicit_thread_id_wins_over_the_url(api):
    api.post_comment(url="https://blog.example.org/a", thread="story-1234")
    api.post_comment(url="https://blog.example.org/a-renamed", thread="story-1234")
    by_id = api.thread("https://blog.example.org/a-renamed", thread="story-1234").get_json()
    assert by_id["thread"]["count"] == 2
    assert api.thread("https://blog.example.org/a").get_json()["thread"]["count"] == 0


def test_a_thread_on_another_origin_of_the_site_is_readable(client):
    from tests.actions import Api

    www = Api(client, origin="https://www.blog.example.org")
    www.post_comment(url="https://www.blog.example.org/x")
    assert www.thread("https://www.blog.example.org/x").get_json()["thread"]["count"] == 1


def test_comments_come_oldest_first_with_public_fields(api):
    for number in range(3):
        api.post_comment(text=f"Comment {number}")
    comments = api.thread().get_json()["comments"]
    assert [c["html"] for c in comments] == [f"<p>Comment {n}</p>" for n in range(3)]
    assert set(comments[0]) == {
        "id",
        "parent_id",
        "name",
        "website",
        "avatar",
        "html",
        "created_at",
        "edited_at",
        "status",
        "likes",
        "featured",
        "staff",
        "badges",
        "verified",
    }
    assert comments[0]["created_at"].endswith("Z")


def test_pages_follow_the_keyset_cursor(api):
    ids = [api.post_comment(text=f"n{n}").get_json()["comment"]["id"] for n in range(7)]
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        body = api.thread(**params).get_json()
        seen += [comment["id"] for comment in body["comments"]]
        pages += 1
        cursor = body["next"]
        if cursor is None:
            break
    assert seen == ids
    assert pages == 3


def test_the_default_page_size_is_a_setting(api, app):
    app.config["PAGE_SIZE"] = 2
    for n in range(3):
        api.post_comment(text=f"n{n}")
    body = api.thread().get_json()
    assert len(body["comments"]) == 2 and body["next"]


def test_pending_comments_are_not_public(api, app):
    with app.app_context():
        site = storage.find_site_by_origin(BLOG)
        site.moderation = "all"
        storage.db.session.commit()
    posted = api.post_comment().get_json()["comment"]
    assert posted["status"] == "pending"
    body = api.thread().get_json()
    assert body["comments"] == [] and body["thread"]["count"] == 0
    assert api.counts(ARTICLE).get_json() == {"counts": {ARTICLE: 0}}


def test_counts_are_keyed_by_the_urls_as_given(api):
    api.post_comment()
    api.post_comment()
    api.post_comment(url="https://blog.example.org/other")
    given = [
        ARTICLE + "?utm_campaign=x",
        "https://blog.example.org/other/",
        "https://blog.example.org/none",
    ]
    assert api.counts(*given).get_json() == {"counts": {given[0]: 2, given[1]: 1, given[2]: 0}}


def test_counts_include_threads_with_an_explicit_id(api):
    api.post_comment(url="https://blog.example.org/b", thread="story-9")
    assert api.counts("https://blog.example.org/b").get_json()["counts"] == {
        "https://blog.example.org/b": 1
    }


def test_counts_need_one_to_a_hundred_urls(api):
    assert api.counts().status_code == 400
    many = [f"https://blog.example.org/p{n}" for n in range(101)]
    assert api.counts(*many).status_code == 400


def test_bad_paging_parameters_are_400(api):
    assert api.thread(limit=0).status_code == 400
    assert api.thread(limit="many").status_code == 400
    assert api.thread(limit=100000).status_code == 400
    response = api.thread(cursor="not-a-cursor")
    assert response.status_code == 400
    assert response.get_json()["error"] == "invalid_cursor"


def test_head_requests_count_against_the_read_limit(app_factory, app):
    limited = app_factory(RATELIMIT_ENABLED=True, READ_RATE_LIMIT="2 per minute")
    client = limited.test_client()
    statuses = [
        client.head("/api/threads", query_string={"url": ARTICLE}).status_code for _ in range(3)
    ]
    assert statuses == [200, 200, 429]


def test_the_page_tells_clients_the_limits_to_check(api, app):
    app.config.update(MAX_COMMENT_LENGTH=2000, MAX_REPLY_DEPTH=3, EDIT_WINDOW_MINUTES=5)
    limits = api.thread().get_json()["limits"]
    assert limits == {"max_length": 2000, "max_depth": 3, "edit_minutes": 5}
