"""Row ids: anything outside the range of the integer columns is simply not found."""

MAX_ROW_ID = 2**31 - 1  # PostgreSQL's integer; SQLite's is wider


def is_row_id(value: object) -> bool:
    """True for an int that can be a row id (so a huge URL id is a 404, not a 500)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ROW_ID
