"""The cheapest query there is, for the health check."""

from sqlalchemy import text

from .database import db


def ping_database() -> None:
    """One round trip to the database; raises when it does not answer."""
    try:
        db.session.execute(text("SELECT 1"))
    finally:
        db.session.rollback()
