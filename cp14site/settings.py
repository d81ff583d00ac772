"""Settings for CP14 Helper, read from environment variables.

With nothing set, this is a safe production configuration that refuses to start
without SECRET_KEY. `make run` sets DEBUG=true, which gives a development set-up
that needs nothing installed: SQLite, a folder-based Celery broker and email
written to the console and to var/outbox/. Every variable is listed in .env.example.
"""

from __future__ import annotations

import hmac
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from cp14site.env import SettingsError, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

# GENERAL
DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise SettingsError(
            "SECRET_KEY is not set. Production (DEBUG off) needs a long random SECRET_KEY; "
            "see .env.example."
        )
    SECRET_KEY = "development-only-key-never-use-in-production"  # noqa: S105

SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
_site = urlsplit(SITE_URL)
if _site.scheme not in ("http", "https") or not _site.hostname:
    raise SettingsError(f"SITE_URL must look like https://example.org (got {SITE_URL!r}).")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", _site.hostname])
CSRF_TRUSTED_ORIGINS = [f"{_site.scheme}://{_site.netloc}"]

# Served over TLS (directly or behind a proxy that sets X-Forwarded-Proto).
HTTPS = env_bool("HTTPS", default=not DEBUG)

# The admin's address. Bots try /admin/ on every site, so production uses a path nobody can
# guess unless ADMIN_URL says otherwise: made from SECRET_KEY, the same in every process.
# Print it with: manage.py shell -c "from django.conf import settings; print(settings.ADMIN_URL)"
_admin_default = (
    "admin/"
    if DEBUG
    else "admin-" + hmac.new(SECRET_KEY.encode(), b"cp14.admin-url", "sha256").hexdigest()[:24]
)
ADMIN_URL = (env_str("ADMIN_URL") or _admin_default).strip("/") + "/"
if not re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._~-]*/)+", ADMIN_URL):
    raise SettingsError(
        f"ADMIN_URL must be a path like staff-7kq2m/ made of letters, digits, '-', '_', '.' "
        f"and '/' (got {env_str('ADMIN_URL')!r})."
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    "template_partials",
    "csp",
    "allauth",
    "allauth.account",
    "notices",
    "guidance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cp14site.middleware.browser_permissions",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages for visitors come from the cache before the session and CSRF middleware.
    "cp14site.page_cache.page_cache",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cp14site.middleware.session_timeout",
    "cp14site.middleware.no_store_when_signed_in",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "cp14site.urls"
WSGI_APPLICATION = "cp14site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cp14site.context.site",
            ],
        },
    },
]

# DATABASE: SQLite under var/ unless DATABASE_URL names another database.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
except ValueError as error:
    raise SettingsError(f"DATABASE_URL is not a database URL we understand: {error}") from None
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's, with a health check that skips the round trip when the socket shows the
    # connection is fine (cp14site/postgres/base.py).
    DATABASES["default"]["ENGINE"] = "cp14site.postgres"
    # Parameters bound by the server, and a statement run 5 times on a connection is
    # prepared: PostgreSQL then skips parsing and planning it (a case's letter download
    # went from about 240 to 45 microseconds of server time). Django leaves this off for
    # connection poolers that can't keep prepared statements; we run none.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# INTERNATIONALISATION: English at /…, Spanish at /es/… (cp14site/urls.py). The URL decides
# the language, never the browser's Accept-Language: LocaleMiddleware (after the session,
# before CommonMiddleware) reads the /es/ prefix, and an address without one is English.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env_str("TIME_ZONE", "America/New_York")
USE_TZ = True

# STATIC FILES: WhiteNoise serves hashed, compressed files with far-future caching.
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# FILES: each letter's PDF, made once by a worker and kept (notices/letters/rendering.py).
# Private: no MEDIA_URL serves them; every download goes through the owner-checked view.
# FILE_STORAGE_BACKEND names another Django storage class (an S3-compatible one, say) and
# FILE_STORAGE_OPTIONS its options as a JSON object; both processes, web and worker, need them.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
try:
    _storage_options = json.loads(env_str("FILE_STORAGE_OPTIONS") or "{}")
except ValueError:
    _storage_options = None
if not isinstance(_storage_options, dict):
    raise SettingsError('FILE_STORAGE_OPTIONS must be a JSON object, like {"bucket_name": "x"}.')
STORAGES["default"] = {
    "BACKEND": env_str("FILE_STORAGE_BACKEND") or "django.core.files.storage.FileSystemStorage"
}
if _storage_options:
    STORAGES["default"]["OPTIONS"] = _storage_options  # type: ignore[assignment]
# A letter's render stops politely after the soft limit (it is marked failed, with a "Try
# again" button) and is killed at the hard one. A letter still waiting this long after the
# hard limit plus LETTER_RENDER_MARGIN is queued again when its page asks how it is doing.
LETTER_RENDER_SOFT_SECONDS = env_int("LETTER_RENDER_SOFT_SECONDS", 30)
LETTER_RENDER_HARD_SECONDS = env_int("LETTER_RENDER_HARD_SECONDS", 40)
LETTER_RENDER_MARGIN = 20
if not 0 < LETTER_RENDER_SOFT_SECONDS < LETTER_RENDER_HARD_SECONDS:
    raise SettingsError("LETTER_RENDER_SOFT_SECONDS must be above 0 and below the hard limit.")

# EMAIL: SMTP when EMAIL_HOST is set; otherwise the console and var/outbox/.
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=EMAIL_PORT == 587)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=EMAIL_PORT == 465)
    if EMAIL_USE_TLS and EMAIL_USE_SSL:
        raise SettingsError("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be true.")
else:
    EMAIL_BACKEND = "cp14site.mail.ConsoleAndFileBackend"
    EMAIL_FILE_PATH = VAR_DIR / "outbox"
# A hung mail server must not block a worker until Celery's hard limit kills it.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "CP14 Helper <reminders@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# CELERY: Redis in production; a folder-based broker when REDIS_URL is unset.
REDIS_URL = env_str("REDIS_URL")
BROKER_DIR = VAR_DIR / "broker"
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object]
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "socket_connect_timeout": 5,
        "socket_timeout": 10,
        # Longer than any task; we never use ETA tasks, so nothing waits in Redis for long.
        "visibility_timeout": 3600,
    }
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
    # kombu does not create its folders; every process that sends or receives needs them.
    for folder in ("queue", "processed", "control"):
        (BROKER_DIR / folder).mkdir(parents=True, exist_ok=True)
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True
# Lose nothing when a worker dies mid-task: acknowledge only after the task ran,
# and hand the message back if the worker process was killed.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 60
CELERY_TASK_SOFT_TIME_LIMIT = 45
CELERY_WORKER_SOFT_SHUTDOWN_TIMEOUT = 10
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A page that enqueues work must not hang when the broker is down.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Celery's Django fixup closes the database connection around every task unless this is set:
# a new PostgreSQL connection per reminder email. Kept instead for up to this many tasks;
# cp14site/celery.py drops one that failed or outlived CONN_MAX_AGE before the next task,
# and CONN_HEALTH_CHECKS tests it before its first query.
CELERY_DB_REUSE_MAX = 1000
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# REMINDERS (notices/reminders.py): sent at this hour in each person's time zone. A claimed
# row whose worker vanished is retried once its lease runs out: two minutes, so a killed
# worker delays a reminder by minutes, not ten. The lease outlasts the send task's hard time
# limit (60 s); a message still queued when it runs out is queued again, and the send's
# compare-and-set makes the second copy do nothing.
REMINDER_HOUR = 8
REMINDER_LEASE_SECONDS = env_int("REMINDER_LEASE_SECONDS", 120)
REMINDER_DISPATCH_SECONDS = env_int("REMINDER_DISPATCH_SECONDS", 60)
# Claimed per dispatch run: small enough that the workers send them all well inside a lease.
REMINDER_DISPATCH_MAX = env_int("REMINDER_DISPATCH_MAX", 1000)
REMINDER_MAX_ATTEMPTS = 5
REMINDER_LATE_AFTER_SECONDS = 15 * 60

# Static and code-reviewed: nothing about the schedule lives only in a database.
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "notices.tasks.record_heartbeat", "schedule": 60.0},
    "dispatch-reminders": {
        "task": "notices.tasks.dispatch_reminders",
        "schedule": float(REMINDER_DISPATCH_SECONDS),
    },
    # Plans kept by private link last 90 days (notices/checkup/saved.py).
    "delete-expired-plans": {"task": "notices.tasks.delete_expired_plans", "schedule": 3600.0},
}

# SECURITY
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Powerful browser features no page here uses, turned off for every page
# (Permissions-Policy, sent by cp14site/middleware.py with Cross-Origin-Resource-Policy).
PERMISSIONS_POLICY_DENY = [
    "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture", "geolocation",
    "gyroscope", "hid", "idle-detection", "local-fonts", "magnetometer", "microphone", "midi",
    "payment", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
]  # fmt: skip
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The __Host- prefix pins cookies to this exact host, over HTTPS, for the whole site.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # Scripts only from our own files: no inline script, even with a nonce. Pages then
        # hold nothing per response, so public ones can be cached whole. JSON-LD is data,
        # not script; browsers never run it, and CSP does not apply to it.
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [NONE],
    }
}

# ACCOUNTS (django-allauth): sign in with email; reminders go only to a verified address,
# but a new user may start tracking a notice before verifying.
AUTHENTICATION_BACKENDS = [
    "cp14site.signin.ModelBackend",
    "cp14site.signin.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
# "strict": signing up with a taken address looks exactly like a new sign-up (no enumeration)
# and makes a separate account whose unconfirmed address can never get reminders, because
# allauth will not confirm an address that another account already confirmed.
ACCOUNT_PREVENT_ENUMERATION = "strict"
# An emailed one-time code signs a person in without the password: the way back in after too
# many wrong passwords, instead of a hard lock.
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "CP14 Helper: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if HTTPS else "http"
# Stop password guessing without letting anyone lock the owner out: 5 failed logins per
# account from one address in 5 minutes (our adapter makes the "key" the account and the
# address), and 10 a minute and 50 an hour per address, whatever the account. The message
# offers the emailed reset link. The admin login goes through the same checks
# (see cp14site/urls.py).
ACCOUNT_ADAPTER = "cp14site.ratelimit.AccountAdapter"
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,50/h/ip,5/300s/key"}
# The client's address for per-address limits: the Nth address from the right of
# X-Forwarded-For when N proxies we run sit in front (0: none, use the socket's address).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "notices:dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

# SESSIONS: signed out after 30 minutes idle and 12 hours in all (cp14site/middleware.py).
SESSION_IDLE_SECONDS = 30 * 60
# Django's database sessions, read with plain SQL (cp14site/sessions.py).
SESSION_ENGINE = "cp14site.sessions"
SESSION_COOKIE_AGE = 12 * 60 * 60
# Flash messages live in the session, not in a cookie of their own: Django's "messages"
# cookie can't take the __Host- prefix, and some messages name the email address.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# CACHE: shared through Redis in production, so rate limits hold across processes. While
# Redis is down they fall back to a cache in each process (cp14site/ratelimit.py).
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cp14site.ratelimit.FallbackRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whole public pages for visitors who are not signed in (cp14site/page_cache.py): kept an
# hour in the cache above (a deploy that changes the content makes new keys), and five
# minutes in browsers and the nginx front, which may serve a stale copy for a minute more
# while it fetches a fresh one.
PAGE_CACHE_SECONDS = 3600
PAGE_CACHE_MAX_AGE = 300
PAGE_CACHE_STALE_SECONDS = 60
# A signed-in person's case page and dashboard, kept rendered for a day at most
# (notices/kept.py): any change to what they show makes a new key, so this only bounds
# how long an unused copy takes room.
KEPT_PAGE_SECONDS = 24 * 3600

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    # Blank, repeated, the site's name, or a common password padded (notices/passwords.py).
    {"NAME": "notices.passwords.GuessablePasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in ("DEBUG", "INFO", "WARNING", "ERROR"):
    raise SettingsError(f"LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR (got {LOG_LEVEL!r}).")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # WeasyPrint logs every layout step at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
