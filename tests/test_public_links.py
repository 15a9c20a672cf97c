"""No header decides a link or a host: Host and X-Forwarded-Host never reach a response."""

import pytest

from tests.actions import ARTICLE, Api
from tests.conftest import BLOG

EVIL = "evil.example"
PAGES = [
    ("/api/threads.html", {"url": ARTICLE}),
    ("/threads", {"url": ARTICLE}),
    ("/api/threads", {"url": ARTICLE}),
    ("/admin/", {}),
    ("/admin/login", {}),
    ("/nothing-here", {}),
]


def _everything(response) -> str:
    return response.get_data(as_text=True) + "\n" + str(response.headers)


@pytest.mark.parametrize(("path", "params"), PAGES)
@pytest.mark.parametrize("proxies", [0, 1])
def test_a_forged_host_appears_in_no_response(app_factory, app, api, path, params, proxies):
    api.post_comment()
    proxied = app_factory(TRUSTED_PROXIES=proxies)
    client = proxied.test_client()
    headers = {"Host": EVIL, "X-Forwarded-Host": EVIL, "Origin": BLOG}
    response = client.get(path, query_string=params, headers=headers)
    assert response.status_code < 500
    assert EVIL not in _everything(response)


def test_without_a_public_url_the_fragment_links_relatively(api):
    api.post_comment()
    html = api.get("/api/threads.html", url=ARTICLE).get_data(as_text=True)
    assert 'href="/threads?url=' in html


def test_with_a_public_url_links_are_absolute_and_other_hosts_are_refused(app_factory, app):
    served = app_factory(PUBLIC_URL="https://comments.example.org/")
    ours = Api(served.test_client(), origin=BLOG, headers={"Host": "comments.example.org"})
    ours.post_comment()
    html = ours.get("/api/threads.html", url=ARTICLE).get_data(as_text=True)
    assert 'href="https://comments.example.org/threads?url=' in html
    forged = served.test_client().get(
        "/api/threads.html", query_string={"url": ARTICLE}, headers={"Host": EVIL}
    )
    assert forged.status_code == 400 and EVIL not in _everything(forged)


def test_a_public_url_that_is_not_a_base_url_stops_the_start(app_factory):
    with pytest.raises(RuntimeError, match="WIDGET_PUBLIC_URL"):
        app_factory(PUBLIC_URL="comments.example.org")
