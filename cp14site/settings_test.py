"""With these settings, tests run fast and never reach out.

The database and broker still come from DATABASE_URL and REDIS_URL, so CI runs the
suite on PostgreSQL and Redis while a fresh machine uses SQLite.
"""

from __future__ import annotations

import os

os.environ.setdefault("SECRET_KEY", "test-only-key-" + "x" * 40)

from cp14site.settings import *  # noqa: E402, F403
from cp14site.settings import DATABASES, STORAGES, VAR_DIR  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# Production-like headers and cookies, but the test client speaks plain HTTP.
SECURE_SSL_REDIRECT = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory, so a real Celery worker process can share the test database;
    # one per test run, so two runs at once don't trip over each other.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
# Serve static files straight from the source folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# CI always provides Redis; a test that needs it fails there instead of quietly using less.
CI_REQUIRES_REDIS = os.environ.get("CI", "").lower() == "true"
# One cache per test process (rate limits must not leak between tests through Redis).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
