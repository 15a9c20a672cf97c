"""Extensions, created unbound and bound to each app in `create_app`."""

from flask_limiter import Limiter
from flask_wtf import CSRFProtect

from .db import Database
from .security import rate_limit_key

db = Database()
csrf = CSRFProtect()
# Storage, key prefix and on/off come from RATELIMIT_* settings at init_app.
limiter = Limiter(key_func=rate_limit_key)
