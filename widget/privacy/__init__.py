"""Commenters' personal data without accounts: export, erase, prune with age (GDPR)."""
