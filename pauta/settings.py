"""Pauta settings: one module, driven by environment variables (see .env.example)."""

from pathlib import Path

import environ
from csp.constants import NONCE as CSP_NONCE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env (never committed) is read if present; real environment wins.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
DEMO_MODE = env.bool("DEMO_MODE", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (see .env.example)."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
DATA_DIR = Path(env.str("DATA_DIR", default=str(BASE_DIR / "var")))
# The embedded defaults (SQLite database, huey queue, uploads) live here.
DATA_DIR.mkdir(parents=True, exist_ok=True)

# The audit trail (audit/chain.py): rows are hashed with HMAC-SHA256 under this key, kept
# outside the database. Empty: a key derived from SECRET_KEY (a deploy check warns).
AUDIT_HMAC_KEY = env.str("AUDIT_HMAC_KEY", default="")
# Append-only checkpoints of the chain (count + head hash, MAC'd) and the last verification;
# keep it off the database server (audit/anchor.py).
AUDIT_CHECKPOINT_DIR = Path(env.str("AUDIT_CHECKPOINT_DIR",
                                    default=str(DATA_DIR / "audit-checkpoints")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "guardian",
    "huey.contrib.djhuey",
    "axes",
    "csp",
    "viewflow.workflow",
    "pauta",
    "audit",
    "org",
    "plans",
    "workflows",
    "campaigns",
    "ideas",
    "publishing",
    "press",
    "surveys",
    "approvals",
    "notifications",
    "calendars",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
    "reports",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "twofactor",
    "clipping",
    "media",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "pauta.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "twofactor.middleware.TwoFactorMiddleware",
    "org.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "pauta.upload_limits.RequestSizeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "pauta.edge.MalformedInputMiddleware",
    "audit.middleware.LookupsPerRequest",
]

ROOT_URLCONF = "pauta.urls"
WSGI_APPLICATION = "pauta.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "pauta" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pauta.context_processors.site",
                "pauta.navigation.menu",
                "workflows.context_processors.notifications",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'pauta.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout let the web server and the huey consumer share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20,
         "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
# Connections are kept between requests on either database: a new SQLite connection runs the
# PRAGMAs above and registers Django's SQL functions: ~4 ms, a quarter of a cached dashboard.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Every form renders through one field template (pauta/templates/pauta/forms/field.html).
FORM_RENDERER = "pauta.forms.PautaFormRenderer"
CSRF_FAILURE_VIEW = "pauta.views_ui.csrf_failure"

AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# django-guardian: the anonymous user row exists but is never granted anything.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

# Uploads (pauta/upload_limits.py): one attachment at most ATTACHMENT_MAX_BYTES; a request body
# larger than UPLOAD_MAX_REQUEST_BYTES is refused (413) before it is read.
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=25 * 1024 * 1024)
UPLOAD_MAX_REQUEST_BYTES = env.int("UPLOAD_MAX_REQUEST_BYTES",
                                   default=ATTACHMENT_MAX_BYTES + 1024 * 1024)
FILE_UPLOAD_HANDLERS = ["pauta.upload_limits.SizeLimitUploadHandler",
                        "django.core.files.uploadhandler.MemoryFileUploadHandler",
                        "django.core.files.uploadhandler.TemporaryFileUploadHandler"]

# django-axes: login throttling.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# Behind a reverse proxy the client's address comes from X-Forwarded-For, believed only when
# the request comes from one of these proxies (addresses or networks; pauta/login_throttle.py).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=["127.0.0.1", "::1"])
AXES_CLIENT_IP_CALLABLE = "pauta.login_throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "pauta.login_throttle.lockout_response"
# TOTP two-factor (django-otp, app twofactor/): offered to approvers and managers; required
# for them when this is on. OTP_TOTP_ISSUER is the name shown in the authenticator app.
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=False)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Pauta")

LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="pt-br")
LANGUAGES = [("pt-br", _("Portuguese (Brazil)")), ("pt-pt", _("Portuguese (Portugal)")),
             ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="America/Sao_Paulo")
USE_I18N = True
# The SLA clock's holidays (docs/calendars.md, "Holidays"): the national calendar computed for
# HOLIDAYS_COUNTRY ("BR", "PT" or "" for none), the state and municipal ones of LOCAL_HOLIDAYS
# ("MM-DD Name" or "easter+N Name" entries), and whether a ponto facultativo stops the clock.
HOLIDAYS_COUNTRY = env.str("HOLIDAYS_COUNTRY", default="BR").upper()
LOCAL_HOLIDAYS = env.list("LOCAL_HOLIDAYS", default=[])
HOLIDAYS_OPTIONAL_STOP_SLA = env.bool("HOLIDAYS_OPTIONAL_STOP_SLA", default=False)
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
# Production serves the hashed, compressed files of `collectstatic`; the demo, the tests
# and development serve straight from the apps' static folders.
STATIC_FROM_APPS = env.bool("STATIC_FROM_APPS", default=DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if STATIC_FROM_APPS
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# The media bank (docs/media.md): files on the local disk (MEDIA_ROOT) by default; with
# MEDIA_STORAGE=s3, on an S3-compatible bucket through django-storages, so several web servers
# and huey workers share one library.
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="local")
if MEDIA_STORAGE == "s3":  # django-storages (libcloud backend): media/storage.py
    STORAGES["default"] = {"BACKEND": "media.storage.S3CompatibleStorage", "OPTIONS": {
        "bucket": env.str("S3_BUCKET"), "endpoint_url": env.str("S3_ENDPOINT_URL"),
        "access_key": env.str("S3_ACCESS_KEY_ID", default=""),
        "secret_key": env.str("S3_SECRET_ACCESS_KEY", default=""),
        "region": env.str("S3_REGION", default="")}}
MEDIA_MAX_BYTES = env.int("MEDIA_MAX_BYTES", default=ATTACHMENT_MAX_BYTES)
MEDIA_BATCH_MAX_FILES = env.int("MEDIA_BATCH_MAX_FILES", default=500)
MEDIA_FROM_ATTACHMENTS = env.bool("MEDIA_FROM_ATTACHMENTS", default=True)
WHITENOISE_USE_FINDERS = STATIC_FROM_APPS
WHITENOISE_AUTOREFRESH = STATIC_FROM_APPS

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="smtp://localhost:25")
if "EMAIL_URL" in env:
    vars().update(EMAIL_CONFIG)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Pauta <pauta@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where people report accessibility barriers (the accessibility statement); default: the sender.
ACCESSIBILITY_CONTACT = env.str("ACCESSIBILITY_CONTACT", default="")
# Staff ideas (docs/ideas.md): whether a person may propose one anonymously.
IDEAS_ANONYMOUS = env.bool("IDEAS_ANONYMOUS", default=False)
# Surveys (docs/surveys.md): answers accepted per hour from one address (hashed, never stored).
SURVEY_ANSWERS_PER_HOUR = env.int("SURVEY_ANSWERS_PER_HOUR", default=20)

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    HUEY = {
        "name": env.str("HUEY_NAME", default="pauta"),
        "huey_class": "huey.RedisHuey",
        "connection": {"url": REDIS_URL},
        "immediate": env.bool("HUEY_IMMEDIATE", default=False),
        "consumer": {"workers": env.int("HUEY_WORKERS", default=2), "worker_type": "thread"},
    }
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL, "KEY_PREFIX": "pauta"}}
else:
    HUEY = {
        "name": env.str("HUEY_NAME", default="pauta"),
        "huey_class": "huey.SqliteHuey",
        "filename": str(DATA_DIR / "huey.sqlite3"),
        "immediate": env.bool("HUEY_IMMEDIATE", default=False),
        "consumer": {"workers": env.int("HUEY_WORKERS", default=2), "worker_type": "thread"},
    }
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Security: production (DEBUG off) gets the strict defaults; each can be relaxed by env.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 10)
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# django-csp: no inline script or style anywhere; every asset is served by Pauta itself.
# The style nonce is sent only on pages that read request.csp_nonce: FullCalendar injects its
# <style> with the nonce of <meta name="csp-nonce">. Style attributes stay forbidden.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", CSP_NONCE],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],  # FullCalendar's icon font is a data: URI
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"},
        # Its own handler and no propagation: `run_huey` adds a handler only to a huey logger
        # that has none, and one that also propagated to the root would print every line twice.
        "huey": {"handlers": ["console"], "propagate": False,
                 "level": env.str("HUEY_LOG_LEVEL", default=env.str("LOG_LEVEL", default="INFO"))},
    },
}

# The JSON API (api/, docs/api.md): token or session auth, pages, cache-backed throttles.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.TokenAuthentication",
                                       "rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttles.UserThrottle", "api.throttles.AnonThrottle"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
}
API_THROTTLE_USER = env.str("API_THROTTLE_USER", default="1000/hour")
API_THROTTLE_ANON = env.str("API_THROTTLE_ANON", default="100/hour")
SPECTACULAR_SETTINGS = {
    "TITLE": "Pauta API",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "RequestKindEnum": "workflows.models.requests.RequestKind",
        "RequestStateEnum": "workflows.models.requests.RequestState",
        "EventKindEnum": "calendars.models.EventKind",
        "PlanStateEnum": "plans.models.PlanState",
    },
}
# Webhooks may only target global unicast addresses (api/webhooks/safety.py) unless this is on.
WEBHOOKS_ALLOW_PRIVATE = env.bool("WEBHOOKS_ALLOW_PRIVATE", default=False)
# Clipping (clipping/fetch.py): hosts a source may point at even when they are not public
# (an intranet outlet; loopback in tests), the fetch timeout and the daily clipping's hour.
CLIPPING_FETCH_ALLOWED_HOSTS = env.list("CLIPPING_FETCH_ALLOWED_HOSTS", default=[])
CLIPPING_FETCH_TIMEOUT = env.float("CLIPPING_FETCH_TIMEOUT", default=15.0)
CLIPPING_DIGEST_HOUR = env.int("CLIPPING_DIGEST_HOUR", default=7)
# The press desk's office hours (installation time zone, business days): the response time
# to the press is counted in these working hours (docs/press.md).
PRESS_OFFICE_HOURS = env.str("PRESS_OFFICE_HOURS", default="08:00-18:00")
# Distributions: the envelope sender whose "+<distribution>-<contact>" variants receive the
# bounces (VERP; empty: bounces go to DEFAULT_FROM_EMAIL and are read by their Message-ID),
# and how long the links to a release's files work.
PRESS_BOUNCE_ADDRESS = env.str("PRESS_BOUNCE_ADDRESS", default="")
PRESS_FILE_LINK_DAYS = env.int("PRESS_FILE_LINK_DAYS", default=30)
# Alert when a theme's negative clips of the last 7 days reach this many and this multiple of
# its weekly average over the 8 weeks before.
CLIPPING_NEGATIVE_SPIKE_MIN = env.int("CLIPPING_NEGATIVE_SPIKE_MIN", default=5)
CLIPPING_NEGATIVE_SPIKE_FACTOR = env.float("CLIPPING_NEGATIVE_SPIKE_FACTOR", default=2.0)
# Proof of publication (publishing/proof.py): hosts a published address may be fetched from
# even when they are not public (loopback in tests), the fetch timeout, how often a live piece
# is checked again, and the share of the approved words the page must contain.
PUBLISHING_PROOF_ALLOWED_HOSTS = env.list("PUBLISHING_PROOF_ALLOWED_HOSTS", default=[])
PUBLISHING_PROOF_TIMEOUT = env.float("PUBLISHING_PROOF_TIMEOUT", default=15.0)
PUBLISHING_PROOF_RECHECK_HOURS = env.int("PUBLISHING_PROOF_RECHECK_HOURS", default=24)
PUBLISHING_PROOF_MIN_CONTAINMENT = env.float("PUBLISHING_PROOF_MIN_CONTAINMENT", default=0.95)
WEBHOOKS_TIMEOUT = env.float("WEBHOOKS_TIMEOUT", default=10.0)
WEBHOOKS_MAX_ATTEMPTS = env.int("WEBHOOKS_MAX_ATTEMPTS", default=6)
WEBHOOKS_RETRY_BASE_SECONDS = env.int("WEBHOOKS_RETRY_BASE_SECONDS", default=60)
# Notification e-mails (notifications/emails.py): an e-mail left pending or being sent
# this many seconds (its worker died) is queued again; after this many attempts it is failed.
# Keep the timeout well above the mail server's (EMAIL_TIMEOUT): a send still under way when
# it elapses would be repeated.
NOTIFICATION_EMAIL_TIMEOUT = env.int("NOTIFICATION_EMAIL_TIMEOUT", default=600)
NOTIFICATION_EMAIL_MAX_ATTEMPTS = env.int("NOTIFICATION_EMAIL_MAX_ATTEMPTS", default=5)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=globals().get("EMAIL_TIMEOUT") or 60)
# KPI exports (reports app): workbooks built in the background are deleted after this many
# hours; exports of more requests than the threshold run in the background.
KPI_EXPORT_KEEP_HOURS = env.int("KPI_EXPORT_KEEP_HOURS", default=48)
KPI_EXPORT_ASYNC_ROWS = env.int("KPI_EXPORT_ASYNC_ROWS", default=5000)
# A computed dashboard is kept this long per (filters, language, day, KPI facts cursor); 0: off.
KPI_DASHBOARD_CACHE_SECONDS = env.int("KPI_DASHBOARD_CACHE_SECONDS", default=60)
# A background export waiting or running with no heartbeat (one every few thousand rows) for
# this many seconds lost its worker: it is failed and the person told to generate it again.
# Keep it above the longest queue wait and the longest gap between two heartbeats.
KPI_EXPORT_HEARTBEAT_TIMEOUT = env.int("KPI_EXPORT_HEARTBEAT_TIMEOUT", default=900)

SILENCED_SYSTEM_CHECKS = env.list("SILENCED_SYSTEM_CHECKS", default=[])

# The installation's brand (docs/ui.md): the name, logo, accent colour and footer that every
# page shows on the gov.br Design System. A Portuguese or non-federal installation leaves
# BRAND_GOVBR off and shows no gov.br marks. The demo is the fictional Vale Verde.
_DEMO_BRAND = DEMO_MODE
BRAND_NAME = env.str("BRAND_NAME", default="Prefeitura Municipal de Vale Verde" if _DEMO_BRAND
                     else "Pauta")
BRAND_UNIT = env.str("BRAND_UNIT", default="Secretaria de Comunicação" if _DEMO_BRAND else "")
# A path under the static files (e.g. "brand/logo.svg" in STATIC_ROOT's sources) or an https URL.
BRAND_LOGO = env.str("BRAND_LOGO", default="pauta/brand/vale-verde.svg" if _DEMO_BRAND
                     else "pauta/brand/pauta.svg")
BRAND_COLOR = env.str("BRAND_COLOR", default="#1351b4")
BRAND_ADDRESS = env.str("BRAND_ADDRESS", default="Praça da Matriz, 100 — Centro — Vale Verde"
                        if _DEMO_BRAND else "")
BRAND_OMBUDSMAN_URL = env.str("BRAND_OMBUDSMAN_URL", default="")
BRAND_OMBUDSMAN_PHONE = env.str("BRAND_OMBUDSMAN_PHONE", default="156" if _DEMO_BRAND else "")
BRAND_GOVBR = env.bool("BRAND_GOVBR", default=False)
# The currency of amounts (budgets, spend), an ISO 4217 code: BRL shows "R$ 130.000,00".
CURRENCY = env.str("CURRENCY", default="BRL")
