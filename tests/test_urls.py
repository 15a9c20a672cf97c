"""Canonical page URLs: one thread however the article's link was shared."""

import pytest

from widget.core.urls import canonical_url, normalize_origin, origin_of

SAME_ARTICLE = [
    "https://blog.example.org/2026/11/border-talks",
    "https://blog.example.org/2026/11/border-talks/",
    "HTTPS://Blog.Example.ORG/2026/11/border-talks/",
    "https://blog.example.org:443/2026/11/border-talks/",
    "https://blog.example.org/2026/11/border-talks/#comments",
    "https://blog.example.org/2026/11/border-talks/index.html",
    "https://blog.example.org/2026/11/border-talks/?utm_source=tw&utm_medium=social",
    "https://blog.example.org/2026/11/border-talks?fbclid=abc&gclid=def&mc_cid=1&mc_eid=2",
    "https://blog.example.org/2026/11/border-talks?UTM_Campaign=x",
]


@pytest.mark.parametrize("url", SAME_ARTICLE)
def test_variants_of_one_article_share_a_key(url):
    assert canonical_url(url) == "https://blog.example.org/2026/11/border-talks"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://blog.example.org/?p=2&a=1", "https://blog.example.org/?a=1&p=2"),
        ("https://blog.example.org/index.html", "https://blog.example.org/"),
        ("https://blog.example.org", "https://blog.example.org/"),
        ("http://blog.example.org:80/a", "http://blog.example.org/a"),
        ("http://blog.example.org:8080/a", "http://blog.example.org:8080/a"),
        ("https://blog.example.org/a?id=7&utm_id=3", "https://blog.example.org/a?id=7"),
        ("https://blog.example.org/a?q=a%20b", "https://blog.example.org/a?q=a%20b"),
        ("https://blog.example.org/año/niño", "https://blog.example.org/a%C3%B1o/ni%C3%B1o"),
        ("https://blog.example.org/a%C3%B1o", "https://blog.example.org/a%C3%B1o"),
        ("https://bücher.example/x", "https://xn--bcher-kva.example/x"),
        ("http://[::1]:8080/x", "http://[::1]:8080/x"),
    ],
)
def test_every_spelling_of_a_page_url_gives_one_canonical_thread_key(url, expected):
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "",
        "   ",
        "/relative/path",
        "ftp://example.org/x",
        "javascript:alert(1)",
        "https://",
        "https://example.org:99999/",
        "x" * 3000,
        None,
        42,
    ],
)
def test_invalid_page_urls_are_refused(url):
    with pytest.raises(ValueError):
        canonical_url(url)


def test_the_origin_of_a_page_is_its_lower_cased_scheme_host_and_port():
    assert origin_of("https://Blog.Example.org:443/a/b?c") == "https://blog.example.org"
    assert origin_of("http://127.0.0.1:8081/x") == "http://127.0.0.1:8081"


@pytest.mark.parametrize("value", ["https://blog.example.org/path", "https://a.org/?q=1", "blog"])
def test_an_origin_is_only_scheme_host_and_port(value):
    with pytest.raises(ValueError):
        normalize_origin(value)
