"""Extensions, created unbound and bound to each app in `create_app`.

The rate limiter is not here: each app gets its own (`limits.install`).
"""

from flask_wtf import CSRFProtect

from widget.storage.database import Database

db = Database()
csrf = CSRFProtect()
