"""Readers' extras: likes, and a site's latest comments (the box and the feeds)."""
