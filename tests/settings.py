"""Settings for the test suite: duban's own, with a fast password hasher and a fixed clock."""

from duban.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
