"""Moderation: the rules, holds and their reasons, defences, reports, notices, newsroom tools."""
