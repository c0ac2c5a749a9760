"""Settings shared by every environment; each value comes from the environment.

`local.py` (the default, used by `make serve`) and `production.py` build on this;
`test.py` is what pytest uses. Every variable is documented in `.env.example`.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "parler",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    # Ours, from the ground floor up; each imports only those listed before it
    # (the import-linter contract in .importlinter holds them to it).
    "core",
    "treatments",
    "conditions",
    "hospitals",
    "doctors",
    "journey",
    "stories",
    "search",
    "consult",
    # Demo content for `make serve`; production leaves it out.
    "demo",
]

MIDDLEWARE = [
    "core.http.head_without_body",
    # Next, so a cache hit skips everything below; it stores finished responses.
    "core.page_cache.PageCacheMiddleware",
    "core.http.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gobroad_site.urls"
WSGI_APPLICATION = "gobroad_site.wsgi.application"

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
                "core.context_processors.site",
            ],
        },
    },
]

# SQLite by default. WAL lets readers work while one worker writes; IMMEDIATE takes
# the write lock when a transaction starts, so a transaction that reads and then
# writes never fails with "database is locked" under concurrent gunicorn workers.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
    ),
}
# PostgreSQL with DATABASE_URL (production). Each gunicorn thread keeps its connection for
# ten minutes, checked before reuse. Measured against Django's connection pool
# (psycopg_pool, min 2, max 4 per process) behind nginx with three app servers: the same
# throughput within 5% on rendered pages, the form and /healthz, while holding 18
# PostgreSQL connections instead of 12 and needing one more package.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Every public page, form and email exists in these languages, under /en/, /zh-hans/ and
# /ru/. Each is named in its own script, as the language switcher shows it.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文"), ("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Content in every language (django-parler): English is the source, and a page whose
# translation is missing or incomplete is shown whole in English (core/translation.py).
PARLER_DEFAULT_LANGUAGE_CODE = LANGUAGE_CODE
PARLER_LANGUAGES = {
    None: tuple({"code": code} for code, _name in LANGUAGES),
    "default": {"fallbacks": [LANGUAGE_CODE], "hide_untranslated": False},
}
# Pages are prefetched with their translations; parler's own per-process cache would go
# stale on the other app servers after an edit.
PARLER_ENABLE_CACHING = False
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads: story and doctor photos in "default", consultation attachments in "private"
# (consult/storage.py: no public URL, streamed by a permission-checked view). Folders on
# this host by default, which several app servers can share as one mounted directory;
# with S3_BUCKET set, an S3-compatible bucket (its public/ and private/ folders), the
# credentials read by boto3 from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. The bucket
# itself stays private: photos are addressed under MEDIA_URL and served through the site.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "consult.storage.PrivateStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if os.environ.get("S3_BUCKET"):
    _bucket = {"bucket_name": os.environ["S3_BUCKET"],
               "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
               "region_name": os.environ.get("S3_REGION") or None}
    STORAGES["default"] = {"BACKEND": "core.s3.PublicMediaS3Storage", "OPTIONS": _bucket}
    STORAGES["private"] = {"BACKEND": "consult.s3.PrivateS3Storage", "OPTIONS": _bucket}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "GoBroad consultations <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Sessions (staff, and the consult thanks page's reference) end after 8 hours or when the
# browser closes.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp 4): nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Failed admin logins are counted in the database (django-axes), so the limit holds
# across every gunicorn worker: 5 failures for a username from one address lock it for an hour.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"

# The page cache (core.page_cache.PageCacheMiddleware), with the fragments of pages and the
# tables' versions (core.content_versions), must be shared by every gunicorn worker and app
# server, so that an edit reaches them all: a file cache by default, Redis when REDIS_URL is
# set. Give Redis a database of its own (e.g. redis://host:6379/2). IGNORE_EXCEPTIONS and
# short timeouts: with Redis down or slow, pages are rendered uncached instead of failing.
PAGE_CACHE_REDIS_OPTIONS = {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5}
if os.environ.get("REDIS_URL"):
    _page_cache = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": os.environ["REDIS_URL"],
                   "OPTIONS": PAGE_CACHE_REDIS_OPTIONS}
else:
    _page_cache = {"BACKEND": "core.cache.SharedFileCache",
                   "LOCATION": os.environ.get("PAGE_CACHE_DIR", str(BASE_DIR / ".page_cache")),
                   "OPTIONS": {"MAX_ENTRIES": 5000}}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Nothing uses the default cache: every piece of shared state (sessions, rate limits,
# failed logins, tasks) is in the database, so it holds across app servers.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": _page_cache,
}
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_BROWSER_SECONDS = 60
# A page that is no longer current is rendered by one request while the others get the previous
# copy, kept this long; a renderer that vanished gives way after PAGE_CACHE_RENDER_SECONDS.
PAGE_CACHE_KEEP_SECONDS = 24 * 3600
PAGE_CACHE_RENDER_SECONDS = 30
# Tables whose rows never shape what a page shows (who is signed in, sessions, sign-in attempts,
# tasks, the requests families send): writing them makes no cached page or fragment stale. SQLite's
# search index (search_document_fts_<language>) is written only by triggers on search_searchdocument,
# whose version covers it (search reads that one): its own would never change, and reading it cost
# every search a cache read.
CONTENT_VERSIONS_IGNORED_TABLES = ["django_session", "auth_", "axes_", "django_tasks", "django_admin_log",
                                   "core_renderlock", "consult_", "search_document_fts"]

# Background tasks (Django's tasks API through the django-tasks backport): rows in the
# database, run by `manage.py db_worker` (started by `make serve`; its own service in production).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"without_traceback": {"()": "core.security.SecurityEventFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "security": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["without_traceback"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "pikepdf": {"level": "WARNING"},
        # Anyone can cause these (a wrong Host header, an oversized body): one line each, no traceback.
        "django.security": {"handlers": ["security"], "level": "WARNING", "propagate": False},
    },
}

# The admin lives under a path that is not guessable from outside when set.
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"

# Consultation requests (see consult/). The privacy-notice version is stored with
# every request; change it whenever templates/pages/privacy.html changes.
PRIVACY_NOTICE_VERSION = "2026-11-26"
CONSULT_RETENTION_DAYS = int(os.environ.get("CONSULT_RETENTION_DAYS", "730"))
CONSULT_NOTIFY_EMAILS = env_list("CONSULT_NOTIFY_EMAILS", "coordinators@localhost")
# The language of the coordinators' notification (one of LANGUAGES), whatever the family wrote in.
CONSULT_COORDINATOR_LANGUAGE = os.environ.get("CONSULT_COORDINATOR_LANGUAGE", "en")
CONSULT_RATE_LIMIT_PER_HOUR = int(os.environ.get("CONSULT_RATE_LIMIT_PER_HOUR", "5"))
# Posts carrying files from one address per hour, saved or not (each costs decoding).
CONSULT_UPLOAD_ATTEMPTS_PER_HOUR = int(os.environ.get("CONSULT_UPLOAD_ATTEMPTS_PER_HOUR", "10"))
# Looks on the "follow your request" page from one address per hour (each compares an email address).
CONSULT_STATUS_LOOKUPS_PER_HOUR = int(os.environ.get("CONSULT_STATUS_LOOKUPS_PER_HOUR", "10"))
# The reply time promised to families, in working days (Monday to Friday in
# CONSULT_REPLY_TIME_ZONE). Unset, no page or email promises any time: only staff may set
# a promise (checked by consult/checks.py).
CONSULT_REPLY_WORKING_DAYS = (int(os.environ["CONSULT_REPLY_WORKING_DAYS"])
                              if os.environ.get("CONSULT_REPLY_WORKING_DAYS", "").strip() else None)
CONSULT_REPLY_TIME_ZONE = os.environ.get("CONSULT_REPLY_TIME_ZONE", "Asia/Shanghai")
# The Reply-To of the emails families receive, so they can answer them. Empty: the first of
# CONSULT_NOTIFY_EMAILS.
CONSULT_REPLY_TO_EMAIL = os.environ.get("CONSULT_REPLY_TO_EMAIL", "").strip()
# How many reverse proxies in front of the site append to X-Forwarded-For. 0 means
# the client address is REMOTE_ADDR and the header is ignored.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Public uploads are served by Django only where no web server does it (make serve).
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", True)

# Consultation uploads (consult/uploads.py). Files are judged by content. Pictures are
# decoded one at a time, each under CONSULT_MAX_IMAGE_PIXELS (a phone photo of a document
# is 12-16 megapixels) and all of one request under CONSULT_MAX_REQUEST_PIXELS; a file
# name longer than CONSULT_MAX_FILE_NAME_BYTES (UTF-8) is refused by name.
CONSULT_MAX_FILES = 5
CONSULT_MAX_FILE_BYTES = 10 * 1024 * 1024
CONSULT_MAX_IMAGE_PIXELS = 40_000_000
CONSULT_MAX_REQUEST_PIXELS = 100_000_000
CONSULT_MAX_FILE_NAME_BYTES = 255
# Django's request limits, stated so they are visible. Text fields together stay far
# below 2.5 MB; more files than this in one POST are refused before they reach disk
# (the consult form answers both with a clear message, never a 500). Consult uploads
# beyond CONSULT_MAX_FILE_BYTES are discarded while streaming, not spooled.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 10
