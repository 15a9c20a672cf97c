"""The demo's "Subscriber sign-in": a fake account form on the demo's own origin.

It shows SSO end to end: the demo's server signs a token (JWT, HS256) for its signed-in
reader with the demo site's SSO secret, and its article pages hand it to the widget with
`data-sso-token`, as a newsroom's backend would. No password: any name signs in (a demo).
"""

from __future__ import annotations

import secrets
import time
import unicodedata
from collections.abc import Callable

import jwt
from flask import Flask, redirect, render_template, request, session, url_for

TOKEN_LIFETIME = 3600  # seconds; a page view signs a fresh one
NAME_MAX = 80


def _subject(name: str) -> str:
    """The demo account's id: the same name is the same account, from any browser."""
    return "demo:" + "-".join(unicodedata.normalize("NFKC", name).casefold().split())


def add_subscriber_sign_in(site: Flask, secret: Callable[[], str | None]) -> None:
    """Add /account (sign in, sign out) to the demo site; `secret` gives its SSO secret."""
    site.secret_key = secrets.token_hex(32)
    site.config.update(SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_NAME="demo_account")

    @site.route("/account", methods=["GET", "POST"])
    def account():
        """The fake account form: a name, and whether the reader is a subscriber."""
        lang = "es" if request.args.get("lang") == "es" else "en"
        back = request.args.get("next", "")
        back = back if back.startswith("/") and not back.startswith("//") else url_for("index")
        error = ""
        if request.method == "POST":
            name = " ".join((request.form.get("name") or "").split())[:NAME_MAX]
            if name:
                session["account"] = {
                    "sub": _subject(name),
                    "name": name,
                    "subscriber": request.form.get("subscriber") == "on",
                }
                return redirect(back, 303)
            error = "Escribe tu nombre." if lang == "es" else "Please enter your name."
        return render_template(
            "demo/account.html",
            lang=lang,
            back=back,
            error=error,
            account=session.get("account"),
        ), 400 if error else 200

    @site.post("/account/sign-out")
    def sign_out():
        session.pop("account", None)
        back = request.form.get("next", "")
        return redirect(back if back.startswith("/") and not back.startswith("//") else "/", 303)

    @site.context_processor
    def signed_in_reader():
        return {"account": session.get("account"), "sso_token": sso_token(secret)}


def sso_token(secret: Callable[[], str | None]) -> str | None:
    """A token for the demo's signed-in reader, signed now (None when nobody is)."""
    account = session.get("account")
    key = secret()
    if not account or not key:
        return None
    now = int(time.time())
    claims = {
        "sub": account["sub"],
        "name": account["name"],
        "badges": ["subscriber"] if account.get("subscriber") else [],
        "iat": now,
        "exp": now + TOKEN_LIFETIME,
    }
    return jwt.encode(claims, key, algorithm="HS256")
