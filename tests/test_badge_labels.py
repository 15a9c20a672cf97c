"""Badges' labels in every language readers get: the site's lines, what a comment stores, what
each reader sees (the API, the HTML fragment, the page without JavaScript), what an export
carries."""

from __future__ import annotations

from html import unescape

import pytest

from tests.actions import ARTICLE
from tests.conftest import BLOG
from tests.identity import Reader, sso_secret, sso_token
from tests.nojs import get_page, html
from widget.identity.badges import from_file, label, parse_labels

LABELS = "\n".join(
    [
        "subscriber = Subscriber | Suscriptor | fr: Abonné | de: Abonnent | pt_BR: Assinante",
        "founder = Founder",
    ]
)


# ---- the site's lines ------------------------------------------------------------------


def test_the_two_language_lines_mean_what_they_meant():
    assert parse_labels("subscriber = Subscriber | Suscriptor\n\n  founder=Founder  ") == {
        "subscriber": {"en": "Subscriber", "es": "Suscriptor"},
        "founder": {"en": "Founder", "es": "Founder"},
    }
    # A colon in a label is no language code: a code is lower case, one of the readers'.
    assert parse_labels("vip = VIP: Gold | VIP: Oro")["vip"] == {
        "en": "VIP: Gold",
        "es": "VIP: Oro",
    }
    assert parse_labels("it-staff = IT: Staff | Personal de TI")["it-staff"]["en"] == "IT: Staff"
    assert parse_labels("x = no: 1 fan | De: prensa")["x"] == {
        "en": "no: 1 fan",
        "es": "De: prensa",
    }
    # Before codes, a Spanish label could hold a `|`: it still does, where no part has a code.
    assert parse_labels("x = A | B | C")["x"] == {"en": "A", "es": "B | C"}


def test_other_languages_are_named_by_code_and_only_those_given_are_kept():
    labels = parse_labels(LABELS)
    assert labels["subscriber"] == {
        "en": "Subscriber",
        "es": "Suscriptor",
        "fr": "Abonné",
        "de": "Abonnent",
        "pt-BR": "Assinante",
    }
    # Codes as a page writes them, `es:` and `en:` written out, in any order.
    line = "x = en: Member | pt-PT: Sócio | pt_br: Membro | it: Socio | es: Socio | fr : Membre"
    assert parse_labels(line)["x"] == {
        "en": "Member",
        "es": "Socio",
        "fr": "Membre",
        "it": "Socio",
        "pt-BR": "Membro",
        "pt-PT": "Sócio",
    }
    assert parse_labels("x = Member | pt: Membro")["x"]["pt-BR"] == "Membro"  # pt: Brazil's
    assert parse_labels("x = Member | fr: Membre")["x"]["es"] == "Member"  # as before


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("x = Member | Socio | xx: Mitglied", "Line 2: “xx” is not one of the readers' languages"),
        ("x = Member | ja: 会員", "“ja” is not one of the readers' languages (en, es, fr, de"),
        ("x = Member | fr: " + "M" * 41, "Line 2: “" + "M" * 41 + "” is longer than 40"),
        ("x = " + "M" * 41, "Line 2: “" + "M" * 41 + "” is longer than 40 characters."),
        ("x = Member | Socio | fr: Membre | Mitglied", "Line 2: write `key = English | Español`"),
        ("x = Member | fr: Membre | Socio", "Line 2: write `key = English | Español`"),
        ("x = fr: Membre", "Line 2: write"),  # no English
        ("x = Member | fr: Membre | fr: Adhérent", "Line 2: write"),
        ("x = Member | es: Socio | Socia", "Line 2: write"),
        ("x = Member | en: Member", "Line 2: write"),
        ("x = Member | fr:", "Line 2: write"),
        ("x = Member |", "Line 2: write"),
        ("X = Member", "Line 2: write"),
    ],
)
def test_a_line_that_is_not_one_is_refused_by_its_number(line, said):
    with pytest.raises(ValueError, match="^Line 2: ") as refused:
        parse_labels(f"ok = Fine\n{line}\nlater = Later")
    assert said in str(refused.value)


def test_a_label_in_the_readers_language_else_its_fallback_else_english():
    [badge] = [{"key": "subscriber", **parse_labels(LABELS)["subscriber"]}]
    shown = {code: label(badge, code) for code in ("en", "es", "fr", "de", "it", "pt_BR")}
    assert shown == {
        "en": "Subscriber",
        "es": "Suscriptor",
        "fr": "Abonné",
        "de": "Abonnent",
        "it": "Subscriber",
        "pt_BR": "Assinante",
    }
    assert label(badge, "pt-PT") == label(badge, "pt_PT") == "Assinante"  # pt_PT → pt_BR
    assert label({"key": "x", "en": "X", "es": "X", "pt-PT": "Sócio"}, "pt_BR") == "X"


# ---- what readers see ---------------------------------------------------------------------


@pytest.fixture
def posted(app, admin, client, runner) -> int:
    """A subscriber's comment, after the site named its badges on the admin's site page."""
    secret = sso_secret(runner, BLOG)[0]
    form = {
        "name": "Blog",
        "origins": BLOG,
        "moderation": "none",
        "who_may_comment": "everyone",
        "badge_labels": LABELS,
    }
    assert admin.post("/admin/sites/1", **form).status_code == 303
    reader = Reader(client, BLOG, sso_token(secret, badges=["subscriber", "founder"]))
    assert [b.get("fr") for b in reader.sign_in().get_json()["user"]["badges"]] == ["Abonné", None]
    response = reader.post_as_signed_in(text="Signed in.", lang="fr")
    assert response.status_code == 201, response.get_json()
    return response.get_json()["comment"]["id"]


def test_the_api_carries_the_labels_the_site_gave(posted, api):
    [comment] = api.thread(lang="fr").get_json()["comments"]  # checked against the spec
    assert comment["id"] == posted
    assert comment["badges"] == [
        {
            "key": "subscriber",
            "en": "Subscriber",
            "es": "Suscriptor",
            "fr": "Abonné",
            "de": "Abonnent",
            "pt-BR": "Assinante",
        },
        {"key": "founder", "en": "Founder", "es": "Founder"},
    ]


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        ("fr", ["Abonné", "Founder"]),  # the founder badge has no French: English
        ("fr-CA", ["Abonné", "Founder"]),
        ("es", ["Suscriptor", "Founder"]),
        ("pt-PT", ["Assinante", "Founder"]),  # through pt-BR
        ("it", ["Subscriber", "Founder"]),
        ("en", ["Subscriber", "Founder"]),
    ],
)
def test_the_fragment_and_the_page_show_the_readers_language(posted, api, client, lang, labels):
    fragment = html(api.get("/api/threads.html", url=ARTICLE, lang=lang))
    page = html(get_page(client, lang=lang))
    for doc in (fragment, page):
        article = doc.find(id=f"comment-{posted}")
        assert [b.text for b in article.find_all("span", **{"class": "badge"})] == labels


def test_the_page_follows_the_browsers_language(posted, client):
    page = html(get_page(client, headers={"Accept-Language": "de-AT,de;q=0.9"}))
    assert [b.text for b in page.find_all("span", **{"class": "badge"})] == ["Abonnent", "Founder"]


# ---- the admin's form ---------------------------------------------------------------------


def test_the_admin_form_says_the_format_and_refuses_a_bad_line(app, admin):
    page = admin.get("/admin/sites/1").get_data(as_text=True)
    assert "key = English | Español | fr: Français" in page
    form = {"name": "Blog", "origins": BLOG, "moderation": "none", "who_may_comment": "everyone"}
    refused = admin.post("/admin/sites/1", **form, badge_labels="ok = Fine\nx = X | ko: 회원")
    assert refused.status_code == 400
    said = unescape(refused.get_data(as_text=True))
    assert "Line 2: “ko” is not one of the readers' languages" in said


# ---- an export's badges -------------------------------------------------------------------


def test_a_file_may_carry_any_of_the_readers_languages_beyond_english():
    assert from_file([{"key": "vip", "en": "VIP", "es": "VIP"}]) == (
        '[{"key": "vip", "en": "VIP", "es": "VIP"}]'  # version 2 as written
    )
    rebuilt = from_file([{"pt-BR": "Sócio", "key": "vip", "fr": "Membre ", "en": "Member"}])
    assert rebuilt == (
        '[{"key": "vip", "en": "Member", "es": "Member", "fr": "Membre", "pt-BR": "Sócio"}]'
    )


@pytest.mark.parametrize(
    ("badge", "said"),
    [
        ({"key": "vip", "en": "V", "pt_BR": "P"}, "the badge `vip` has 'pt_BR': a badge has"),
        ({"key": "vip", "en": "V", "fr-FR": "P", "x": 1}, "has 'fr-FR', 'x'"),
        ({"key": "vip", "es": "V"}, "lacks an English label"),
        ({"key": "vip", "en": "V", "fr": "F" * 41}, "longer than 40 characters"),
        ({"key": "vip", "en": "V", "de": ""}, "longer than 40 characters"),
        ({"key": "vip", "en": "V", "es": None}, "lacks an English label"),
    ],
)
def test_a_file_with_anything_else_is_refused(badge, said):
    with pytest.raises(ValueError) as refused:
        from_file([badge])
    assert said in str(refused.value)


def test_a_stored_line_the_parser_no_longer_takes_costs_only_its_own_badge(app, client, runner):
    """Lines are checked when saved; one saved under older rules must not drop the others."""
    from widget.storage.database import db
    from widget.storage.models import Site

    secret = sso_secret(runner, BLOG)[0]
    with app.app_context():
        db.session.get(Site, 1).badge_labels = "subscriber = Subscriber | Suscriptor\nold = | x"
        db.session.commit()
    reader = Reader(client, BLOG, sso_token(secret, badges=["subscriber", "old"]))
    badges = reader.sign_in().get_json()["user"]["badges"]
    assert badges == [
        {"key": "subscriber", "en": "Subscriber", "es": "Suscriptor"},
        {"key": "old", "en": "Old", "es": "Old"},
    ]
