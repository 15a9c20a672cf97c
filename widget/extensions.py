"""Extensions, created unbound and bound to each app in `create_app`."""

from flask import Flask
from flask_limiter import Limiter
from flask_wtf import CSRFProtect

from .db import Database
from .security import rate_limit_key


class AppLimiter(Limiter):
    """A Limiter that reads RATELIMIT_KEY_PREFIX anew for every app it is bound to.

    flask-limiter keeps the first app's prefix; several apps in one process (the
    tests, two instances sharing one Redis) must each keep their own.
    """

    def init_app(self, app: Flask) -> None:
        self._key_prefix = ""
        super().init_app(app)


db = Database()
csrf = CSRFProtect()
# Storage, key prefix and on/off come from the RATELIMIT_* settings at init_app.
limiter = AppLimiter(key_func=rate_limit_key)
