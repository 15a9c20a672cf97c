"""Helpers of the sign-in tests."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from tests.actions import Admin, csrf_token_in

# Deprecations in widget/ (reported, not ours to fix here): widget/web/admin/forms.py passes
# SelectField choices as tuples (WTForms 3.3); widget/cli/ calls click.get_text_stream.

PASSWORD = "a long enough passphrase"
SIGN_IN_LIMIT = re.compile(r"please wait (\d+) seconds", re.I)


def _to_login(response) -> bool:
    location = urlsplit(response.headers.get("Location", "")).path
    return response.status_code in (302, 303) and location == "/admin/login"


def _signed_out_token(client) -> str:
    """A valid CSRF token of a session that has not signed in."""
    return csrf_token_in(Admin(client).get("/admin/login").get_data(as_text=True))
