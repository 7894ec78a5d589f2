"""Deployment settings, read from the environment through typed readers (see README, Configuration).

SAFEHARBOR_ENV is ``production`` unless said otherwise: a forgotten variable must fail safe.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from safeharbor.audit.keys import env_checkpoint_keys
from safeharbor.env import (
    ConfigurationError,
    env_bool,
    env_choice,
    env_directory,
    env_int,
    env_list,
    env_secret_key,
    env_str,
    env_time_zone,
)
from safeharbor.protected.keys import env_field_keys

SRC_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = SRC_DIR.parent.parent
NODE_MODULES = Path(env_str("SAFEHARBOR_NODE_MODULES", str(BASE_DIR / "node_modules")))

SAFEHARBOR_ENV = env_choice("SAFEHARBOR_ENV", "production", ("production", "development", "test"))
PRODUCTION = SAFEHARBOR_ENV == "production"

SECRET_KEY = env_secret_key("SECRET_KEY", production=PRODUCTION)
DEBUG = env_bool("DEBUG", False)
if PRODUCTION and DEBUG:
    raise ConfigurationError("DEBUG=true is refused when SAFEHARBOR_ENV=production")
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)

_default_db = f"sqlite:///{BASE_DIR / 'var' / 'safeharbor.sqlite3'}"
_database_url = env_str("DATABASE_URL", _default_db)
try:
    # Kept connections are checked before their first query in a request, so one cut while idle
    # (a database restart, a failover) is replaced without an error (web/unavailable.py).
    DATABASES = {
        "default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
    }
except ValueError as exc:
    raise ConfigurationError(f"DATABASE_URL is not a database URL Django can use: {exc}") from None
if DATABASES["default"]["ENGINE"] not in {
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
}:
    raise ConfigurationError("DATABASE_URL must point at PostgreSQL or SQLite")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A busy timeout lets the escalation worker and the web app share the embedded database.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "safeharbor.ui",
    "safeharbor.accounts",
    "safeharbor.audit",
    "safeharbor.cases",
    "safeharbor.missing",
    "safeharbor.notifications",
    "safeharbor.partners",
    "safeharbor.intake",
    "safeharbor.obligations",
    "safeharbor.screenings",
    "safeharbor.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "safeharbor.web.middleware.SessionMiddleware",  # Django's, minus a query on error pages
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "safeharbor.audit.middleware.RequestOriginMiddleware",
    "safeharbor.web.middleware.NoStoreForAuthenticatedMiddleware",
    "safeharbor.web.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    # Every page needs a signed-in person (but those marked login_not_required) ...
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # ... whose session is within its absolute limit and whose second factor is verified.
    "safeharbor.accounts.middleware.SessionLimitMiddleware",
    "safeharbor.accounts.middleware.RequireSecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "safeharbor.config.urls"
WSGI_APPLICATION = "safeharbor.config.wsgi.application"
ASGI_APPLICATION = "safeharbor.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "safeharbor.web.context.navigation",
            ],
            "builtins": [
                "safeharbor.web.templatetags.safeharbor_tags",
                "safeharbor.screenings.templatetags.screening_words",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 15},
    },
    {"NAME": "safeharbor.accounts.passwords.BlocklistValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]
# NIST SP 800-63B: length and a blocklist; no composition rules, no forced rotation.

# Sign-in throttling (django-axes): 5 failures for one username within 15 minutes pause that
# username for 15 minutes. The sign-in page answers alike for a wrong password, an unknown
# username and a paused account (accounts.views.axes_lockout_response).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_USE_ATTEMPT_EXPIRATION = True  # a sliding 15-minute window of failures
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the pause ends 15 minutes after it began
AXES_LOCKOUT_PARAMETERS = ["username"]
# Not by network address: staff share an office's address, and five mistakes by five people must
# not lock the whole office out. Spraying one password across usernames gains nothing without
# each person's second factor (docs/security.md, "Throttling").
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # the audit trail records sign-ins
AXES_LOCKOUT_CALLABLE = "safeharbor.accounts.views.axes_lockout_response"
AXES_VERBOSE = False

# A set-password link (accounts/tokens.py) works for at most an hour, once, and only until another
# link is sent for the same account.
PASSWORD_RESET_TIMEOUT = 60 * 60

# The second factor (django-otp, TOTP only: no SMS or e-mail codes).
OTP_TOTP_ISSUER = "SafeHarbor"
OTP_TOTP_THROTTLE_FACTOR = 1  # after n wrong codes, wait 2^(n-1) seconds

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_time_zone("TIME_ZONE", "America/Chicago")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [
    ("uswds", NODE_MODULES / "@uswds" / "uswds" / "dist"),
    ("htmx", NODE_MODULES / "htmx.org" / "dist"),
]
# The demo serves straight from node_modules without collectstatic; production collects.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 15, minimum=1, maximum=30) * 60
# However active, a session ends this many hours after sign-in.
SAFEHARBOR_SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 12, minimum=1, maximum=12)
SAFEHARBOR_SESSION_WARNING_SECONDS = 120  # the warning before the idle timeout
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"  # "no-referrer" would make browsers send Origin: null
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No inline script or style anywhere: scripts carry a per-response nonce (django-csp).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # __Host- cookies are refused by browsers unless Secure, host-only and for the whole site.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # A load balancer's liveness check speaks plain HTTP to the app; /healthz shows nothing.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Proxies whose X-Forwarded-For the audit trail believes (the agency's own, e.g. 127.0.0.1).
SAFEHARBOR_TRUSTED_PROXIES = env_list("SAFEHARBOR_TRUSTED_PROXIES", [])

# Keys for protected fields (placement addresses, narratives): comma-separated Fernet keys, the
# first encrypts, all decrypt. Required in production; see docs/security.md for rotation.
SAFEHARBOR_FIELD_KEYS = env_field_keys("SAFEHARBOR_FIELD_KEYS", production=PRODUCTION)

# Keys that sign the audit trail's checkpoints (HMAC-SHA256; docs/adr/0011): comma-separated
# secrets, the first signs, all verify. Required in production; never stored in the database.
SAFEHARBOR_AUDIT_CHECKPOINT_KEYS = env_checkpoint_keys(
    "SAFEHARBOR_AUDIT_CHECKPOINT_KEYS", production=PRODUCTION
)
# Where checkpoints are exported (a JSON Lines file per day), outside the database: keep it on
# other storage than the database's and copy it off the host (docs/security.md).
SAFEHARBOR_AUDIT_CHECKPOINT_DIR = Path(
    env_str("SAFEHARBOR_AUDIT_CHECKPOINT_DIR", str(BASE_DIR / "var" / "audit-checkpoints"))
)

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1, maximum=65535)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "safeharbor@localhost")
# Links in e-mails point here (no trailing slash), e.g. https://safeharbor.agency.example
SAFEHARBOR_BASE_URL = env_str("SAFEHARBOR_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# A folder of agency instrument versions (<id>/<version>.toml) added to the bundled ones.
SAFEHARBOR_INSTRUMENTS_DIR = env_directory("SAFEHARBOR_INSTRUMENTS_DIR")

# Caseload pages: how many youth per page.
SAFEHARBOR_PAGE_SIZE = env_int("SAFEHARBOR_PAGE_SIZE", 25, minimum=5, maximum=200)

# Uploads (a youth's photo, a note's document) are case content: held in memory, never written to
# a temporary file; a file past the largest limit (10 MB) is counted, not kept (ui/uploads.py).
FILE_UPLOAD_HANDLERS = ["safeharbor.ui.uploads.InMemoryUploadHandler"]
SAFEHARBOR_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 5

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # django-axes logs every sign-in at INFO; the audit trail already records them.
    "loggers": {"axes": {"level": "WARNING"}},
}
