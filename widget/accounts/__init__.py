"""Moderator accounts: creating them, their passwords, signing in and out."""
