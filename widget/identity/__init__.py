"""Verified commenters: the site's own accounts (SSO by a signed token) and sign-in by email.

A verified commenter is a `site_users` row. Trust, avatars, history and sanctions key on it
(comments/proof.py); a guest's typed name and email prove nothing.
"""
