"""Django settings for skillsnet: one file, driven by environment variables.

Development needs no variables at all (SQLite in var/, console email, immediate tasks).
Production (SKILLSNET_ENV=production) refuses to start without a secret key or a shared cache and turns on every
protection that `manage.py check --deploy` looks for. See docs/OPERATIONS.md for the full list.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from skillsnet.env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(env_str("SKILLSNET_VAR_DIR", str(PROJECT_DIR / "var")))
DATA_DIR = Path(env_str("SKILLSNET_DATA_DIR", str(PROJECT_DIR / "data")))
# The CV reader's sentence model (data/cv_sentence_model.npz, docs/decisions/0011-cv-sentence-model.md): off, the
# reader uses its phrases alone, finding fewer skills but reading several times as many CVs a second.
CV_SENTENCE_MODEL = env_bool("SKILLSNET_CV_SENTENCE_MODEL", True)

ENV = env_str("SKILLSNET_ENV", "development")
if ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured(f"SKILLSNET_ENV must be development, production or test; got {ENV!r}.")
PRODUCTION = ENV == "production"

SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY (or SECRET_KEY_FILE) must be set when SKILLSNET_ENV=production: "
            "generate one with `python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    SECRET_KEY = "development-only-insecure-key-do-not-use-in-production-0123456789abcdef"  # noqa: S105

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when SKILLSNET_ENV=production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "skillsnet.accounts",
    "skillsnet.catalogue",
    "skillsnet.centres",
    "skillsnet.converter",
    "skillsnet.learning",
    "skillsnet.industry",
    "skillsnet.insights",
    "skillsnet.orgkeys",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # 413 for a body above SKILLSNET_MAX_REQUEST_BYTES, before anything reads it (skillsnet/middleware.py).
    "skillsnet.middleware.RequestSizeLimitMiddleware",
    # A clean 503 with Retry-After while the database is unreachable (skillsnet/middleware.py).
    "skillsnet.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Signed-in API writes need the CSRF token too, whatever the operation declares (skillsnet/middleware.py).
    "skillsnet.middleware.ApiCsrfMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Our own 404 page for an unknown credential address, with DEBUG on too (skillsnet/middleware.py).
    "skillsnet.middleware.PublicNotFoundMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Axes must come last: it reads the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # WhiteNoise serves the collected static files in production; runserver does it in development.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "skillsnet.urls"
WSGI_APPLICATION = "skillsnet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "skillsnet.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
# SQLite in var/ by default, so one command runs the service; PostgreSQL through DATABASE_URL.
_default_db = f"sqlite:///{VAR_DIR / 'skillsnet.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", _default_db),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60 if PRODUCTION else 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh checkout has no var/ yet: create the database's folder rather than fail with
    # "unable to open database file".
    if DATABASES["default"]["NAME"] not in {"", ":memory:"}:
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers work while a writer writes; the busy timeout makes writers queue instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and authentication ------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if ENV == "test":
    # Argon2 is deliberately slow; the test suite hashes hundreds of passwords.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # The length rule also audits each saved password change (its `password_changed` hook).
    {"NAME": "skillsnet.accounts.passwords.AuditedMinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "accounts:account"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3

# Sign-in throttling: after 5 failures for one email from one address, wait 15 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
# Failures and lockouts count per normalised email (stripped, NFKC, case-folded): `Mallory@` is `mallory@`.
AXES_USERNAME_CALLABLE = "skillsnet.accounts.emails.axes_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# --- Cache and abuse limits (skillsnet/ratelimit.py; docs/SECURITY.md) ----------------------------
# The rate-limit counts live in Django's cache, so every process must share it. REDIS_URL selects Redis
# (needs the `redis` extra: pip install 'skillsnet[redis]'); SKILLSNET_CACHE=database keeps the counters in a
# table of the database (create it once with `skillsnet createcachetable`). Development and tests may use
# local memory, counted per process; production refuses to start with it.
REDIS_URL = env_str("REDIS_URL")
SKILLSNET_CACHE = env_str("SKILLSNET_CACHE", "redis" if REDIS_URL else "")
if SKILLSNET_CACHE not in {"", "redis", "database", "local"}:
    raise ImproperlyConfigured(f"SKILLSNET_CACHE must be redis, database or local; got {SKILLSNET_CACHE!r}.")
if SKILLSNET_CACHE == "redis" and not REDIS_URL:
    raise ImproperlyConfigured("SKILLSNET_CACHE=redis needs REDIS_URL, e.g. redis://127.0.0.1:6379/0.")
if PRODUCTION and SKILLSNET_CACHE not in {"redis", "database"}:
    raise ImproperlyConfigured(
        "A shared cache must be set when SKILLSNET_ENV=production: set REDIS_URL (e.g. redis://127.0.0.1:6379/0), "
        "or SKILLSNET_CACHE=database and run `skillsnet createcachetable` once. Rate limits count in the cache, "
        "and a cache in each worker's memory lets every worker allow the whole limit."
    )
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if SKILLSNET_CACHE == "redis"
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "skillsnet_cache"}
        if SKILLSNET_CACHE == "database"
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "skillsnet"}
    )
}
# How many reverse proxies in front of the service append to X-Forwarded-For; 0 trusts REMOTE_ADDR only.
SKILLSNET_TRUSTED_PROXY_COUNT = env_int("SKILLSNET_TRUSTED_PROXY_COUNT", 0)
SKILLSNET_RATE_LIMITS_ENABLED = env_bool("SKILLSNET_RATE_LIMITS_ENABLED", True)
# Webhook receivers on this machine or a private network (127.0.0.1, 10.x, 169.254.x...) are refused in
# production, where such an address could reach internal services; development and tests use local receivers.
WEBHOOK_ALLOW_PRIVATE_HOSTS = env_bool("WEBHOOK_ALLOW_PRIVATE_HOSTS", not PRODUCTION)


def _rate_limits(raw: str) -> dict[str, dict[str, int]]:
    """`register=5/30,sign-in=20/200`: per scope, requests per minute / per hour (either may be empty)."""
    limits: dict[str, dict[str, int]] = {}
    for item in filter(None, (part.strip() for part in raw.split(","))):
        scope, _, counts = item.partition("=")
        minute, _, hour = counts.partition("/")
        numbers = [v for v in (minute, hour) if v.strip()]
        if not scope.strip() or not numbers or not all(v.strip().isdigit() for v in numbers):
            raise ImproperlyConfigured(
                f"SKILLSNET_RATE_LIMITS must look like 'register=5/30,sign-in=20/200'; could not read {item!r}."
            )
        limits[scope.strip()] = {
            name: int(value) for name, value in (("per_minute", minute), ("per_hour", hour)) if value.strip()
        }
    return limits


# Overrides of the limits each view declares (see docs/SECURITY.md for the defaults).
SKILLSNET_RATE_LIMITS = _rate_limits(env_str("SKILLSNET_RATE_LIMITS"))
if ENV == "test" and not SKILLSNET_RATE_LIMITS:
    # The suite registers and signs in hundreds of times from 127.0.0.1: limits stay on, but out of the way.
    # tests/trust/test_rate_limits.py sets real ones.
    SKILLSNET_RATE_LIMITS = {
        scope: {"per_minute": 100_000, "per_hour": 100_000}
        for scope in ("sign-in", "register", "password-reset", "cv-upload", "converter-api-user")
    }
CONVERTER_ANON_RATE_PER_MINUTE = env_int("CONVERTER_ANON_RATE_PER_MINUTE", 30)
CONVERTER_USER_RATE_PER_MINUTE = env_int("CONVERTER_USER_RATE_PER_MINUTE", 60)

# --- Sessions, cookies and HTTP security -----------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content Security Policy: everything from our own origin, no inline script anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- Static files ----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
# Request bodies: above SKILLSNET_MAX_REQUEST_BYTES (default 24 MB: a 20 MB lesson file and its form) the
# request is refused with 413 before it is read; form fields other than files may hold at most
# DATA_UPLOAD_MAX_MEMORY_SIZE; an uploaded file above FILE_UPLOAD_MAX_MEMORY_SIZE is streamed to a temporary
# file (deleted at the end of the request) instead of being held in memory.
SKILLSNET_MAX_REQUEST_BYTES = env_int("SKILLSNET_MAX_REQUEST_BYTES", 24 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Uploaded CVs are read in a separate process with these caps (skillsnet/converter/sandbox.py).
SKILLSNET_DOCUMENT_MEMORY_MB = env_int("SKILLSNET_DOCUMENT_MEMORY_MB", 512)
SKILLSNET_DOCUMENT_CPU_SECONDS = env_int("SKILLSNET_DOCUMENT_CPU_SECONDS", 8)
SKILLSNET_DOCUMENT_SECONDS = env_int("SKILLSNET_DOCUMENT_SECONDS", 10)

# --- Email -----------------------------------------------------------------------------------------
# Development writes each email as a file in EMAIL_FILE_PATH (var/mail/) instead of printing it among the
# server's output; production sends through SMTP.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
# Where EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend writes, one .log file per connection.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "skillsnet <no-reply@skillsnet.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks (Django's Tasks API through django-tasks) ------------------------------------
# Development and tests run a task at once, inside the request; production queues it in the database
# and `skillsnet db_worker` runs it. A Redis/RQ backend would be configuration only.
TASKS = {
    "default": {
        "BACKEND": env_str(
            "TASKS_BACKEND",
            "django_tasks_db.DatabaseBackend" if PRODUCTION else "django_tasks.backends.immediate.ImmediateBackend",
        )
    }
}

# --- Internationalisation --------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Logging ---------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Each task's RUNNING/SUCCESSFUL line helps in production; in development it buries `make run`'s output.
    "loggers": {"axes": {"level": "WARNING"}, "django_tasks": {"level": "INFO" if PRODUCTION else "WARNING"}},
}

SKILLSNET_SITE_NAME = "skillsnet"

# Example content (docs/DATA.md, "Real and example content"): the fictional providers, courses and centres
# shipped in data/ so that plans and bookings work out of the box. Shown in development, hidden in
# production unless turned on explicitly.
SKILLSNET_SHOW_EXAMPLE_CONTENT = env_bool("SKILLSNET_SHOW_EXAMPLE_CONTENT", default=not PRODUCTION)

# Training centres: how long a waiting-list offer holds a seat (a run may set its own).
CENTRES_OFFER_HOURS = env_int("CENTRES_OFFER_HOURS", 48)
# How long a booking waiting for the centre's or the employer's approval holds its seat before it expires.
CENTRES_APPROVAL_HOURS = env_int("CENTRES_APPROVAL_HOURS", 120)

# Online learning: credentials and learning records (see "Online learning" in docs/ARCHITECTURE.md).
# The public address of the service: the issuer of credentials and the base of xAPI activity ids.
# Every absolute link (emails, credentials, learning records) starts from it, never from a request's Host.
# Unset, it follows PORT (the port `make run` serves on).
SKILLSNET_BASE_URL = env_str("SKILLSNET_BASE_URL", f"http://127.0.0.1:{env_int('PORT', 8000)}").rstrip("/")
# Ed25519 private key (PEM) that signs Open Badges credentials; development generates one in var/.
CREDENTIALS_SIGNING_KEY = env_secret("CREDENTIALS_SIGNING_KEY")
CREDENTIALS_SIGNING_KEY_PATH = VAR_DIR / "credentials-ed25519.pem"
# An external Learning Record Store to forward xAPI statements to; empty means keep them here only.
XAPI_LRS_ENDPOINT = env_str("XAPI_LRS_ENDPOINT").rstrip("/")
XAPI_LRS_USERNAME = env_str("XAPI_LRS_USERNAME")
XAPI_LRS_PASSWORD = env_secret("XAPI_LRS_PASSWORD")

# Privacy: how long personal data nobody needs is kept (days; `skillsnet purge_expired_data` applies them).
SKILLSNET_ANON_RETENTION_DAYS = env_int("SKILLSNET_ANON_RETENTION_DAYS", 30)
SKILLSNET_SIGNIN_LOG_RETENTION_DAYS = env_int("SKILLSNET_SIGNIN_LOG_RETENTION_DAYS", 90)
SKILLSNET_DECLINED_CONTACT_RETENTION_DAYS = env_int("SKILLSNET_DECLINED_CONTACT_RETENTION_DAYS", 90)
SKILLSNET_WITHDRAWN_CONSENT_RETENTION_DAYS = env_int("SKILLSNET_WITHDRAWN_CONSENT_RETENTION_DAYS", 365)
SKILLSNET_SENT_EMAIL_RETENTION_DAYS = env_int("SKILLSNET_SENT_EMAIL_RETENTION_DAYS", 30)
