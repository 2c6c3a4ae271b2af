"""Settings for Fuyuan, read from the environment (django-environ); see .env.example."""

from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# The fallback key only serves a developer's machine; `check --deploy` flags it (security.W009).
SECRET_KEY = env.str("SECRET_KEY", default="") or "django-insecure-fuyuan-development-key-do-not-use-in-production"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "fuyuan.apps.FuyuanAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # runserver (DEBUG on or off) serves static files through WhiteNoise, as production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_htmx",
    "axes",
    "auditlog",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "fuyuan",
    "fuyuan.units",
    "fuyuan.accounts",
    "fuyuan.audit",
    "fuyuan.assessment",
    "fuyuan.documents",
    "fuyuan.workdays",
    "fuyuan.messaging",
    "fuyuan.jobs",
    "django_tasks_db",
    "tasks",
    "meetings",
    "suggestions",
    "cases",
    "indicators",
]

MIDDLEWARE = [
    # First: every later component reads the client address this middleware validated.
    "fuyuan.audit.middleware.ClientAddressMiddleware",
    "fuyuan.lib.params.RejectNulMiddleware",
    "fuyuan.lib.upload_policy.UploadSizeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's AuthenticationMiddleware and django-otp's OTPMiddleware in one, the device checked when asked.
    "fuyuan.accounts.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "fuyuan.accounts.middleware.IdleTimeoutMiddleware",
    "fuyuan.accounts.middleware.SecondFactorMiddleware",
    "fuyuan.accounts.middleware.PasswordChangeRequiredMiddleware",
    "fuyuan.accounts.middleware.AdministratorScopeMiddleware",
    "fuyuan.accounts.middleware.NoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "fuyuan.audit.middleware.PermissionDeniedAuditMiddleware",
    # AxesMiddleware must be last: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fuyuan.urls"
WSGI_APPLICATION = "fuyuan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fuyuan.context_processors.navigation",
            ],
        },
    },
]

# Database: an SQLite file by default (WAL + IMMEDIATE for concurrent writers); PostgreSQL via DATABASE_URL.
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;", "timeout": 20}
    )
elif env.bool("DATABASE_POOL", default=False):
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = True
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env.bool("DATABASE_JIT", default=False):
    # PostgreSQL's JIT compiles the ledger's and dashboard's aggregates on every request and costs more than it
    # saves at this size (dashboard 2.5 s → 0.7 s at 10,000 items with it off). DATABASE_JIT=true restores it.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

# Nothing is kept in process memory between requests: sessions live in the database, and with REDIS_URL set
# (several app servers) the cache is Redis and sessions are read through it (still written to the database).
REDIS_URL = env.str("REDIS_URL", default="")
# Django's database sessions, read with one plain statement (fuyuan.accounts.sessions).
SESSION_ENGINE = "fuyuan.accounts.sessions"
if REDIS_URL:
    # Django's Redis cache, its client made once per connection pool (fuyuan.lib.redis_cache).
    CACHES = {"default": {"BACKEND": "fuyuan.lib.redis_cache.RedisCache", "LOCATION": REDIS_URL,
                          "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="fuyuan")}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Two roles on PostgreSQL: DATABASE_URL signs in as the application's role (it owns nothing; audit tables are
# INSERT/SELECT only), DATABASE_MIGRATE_URL as the owner, used by `migrate` and `grant_app_role` only.
if env.str("DATABASE_MIGRATE_URL", default=""):
    DATABASES["owner"] = {**env.db_url("DATABASE_MIGRATE_URL"), "TEST": {"MIRROR": "default"}}
# The role DATABASE_URL signs in as: granted its rights after every migrate (fuyuan.audit.roles).
DATABASE_APP_ROLE = env.str("DATABASE_APP_ROLE", default="")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend, loading the account with its unit (the layout's) in one query per request.
    "fuyuan.accounts.backends.AccountBackend",
]

# Password hashing: PBKDF2-HMAC-SHA256 (default) or PBKDF2-HMAC-SM3 for 密评; the other still verifies and is
# upgraded at sign-in. Costs: README, Security (OWASP 2023: 600,000 for PBKDF2-HMAC-SHA256).
PASSWORD_HASHER = env.str("PASSWORD_HASHER", default="pbkdf2_sha256")
PASSWORD_PBKDF2_ITERATIONS = env.int("PASSWORD_PBKDF2_ITERATIONS", default=600_000)
PASSWORD_SM3_ITERATIONS = env.int("PASSWORD_SM3_ITERATIONS", default=350_000)
_HASHERS = {"pbkdf2_sha256": "fuyuan.accounts.hashers.PBKDF2SHA256Hasher",
            "pbkdf2_sm3": "fuyuan.accounts.hashers.PBKDF2SM3Hasher"}
PASSWORD_HASHERS = [_HASHERS[PASSWORD_HASHER], *(path for name, path in _HASHERS.items() if name != PASSWORD_HASHER)]

# Password policy in the spirit of 等保 2.0 level 3 (GB/T 22239-2019 8.1.4.1); every value configurable.
PASSWORD_MIN_LENGTH = env.int("PASSWORD_MIN_LENGTH", default=8)
PASSWORD_MIN_CHARACTER_CLASSES = env.int("PASSWORD_MIN_CHARACTER_CLASSES", default=3)
PASSWORD_MAX_AGE_DAYS = env.int("PASSWORD_MAX_AGE_DAYS", default=90)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "fuyuan.accounts.validators.CharacterClassesValidator",
        "OPTIONS": {"min_classes": PASSWORD_MIN_CHARACTER_CLASSES},
    },
    {"NAME": "fuyuan.accounts.validators.NoUsernameValidator"},
    {
        "NAME": "fuyuan.accounts.validators.PasswordHistoryValidator",
        "OPTIONS": {"history": env.int("PASSWORD_HISTORY", default=5)},
    },
]

# Login failures: lock the account after N failures for M minutes (django-axes).
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username"]
# Per client address as well (fuyuan.accounts.throttle): higher, since an office shares one NAT address.
LOGIN_IP_FAILURE_LIMIT = env.int("LOGIN_IP_FAILURE_LIMIT", default=30)
# Lockout is per account (等保 8.1.4.1): offices sit behind one NAT address, so an IP lockout would lock out
# every colleague at once. Axes warns about that choice (axes.W006); it is deliberate.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Axes reads the address ClientAddressMiddleware established, never a raw forwarded header.
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AXES_VERBOSE = False

# Two-factor sign-in (TOTP + recovery codes, fuyuan.accounts.otp): roles that must use it. Anyone else may enrol.
# Production default: the three administrators and the office; a developer's machine (DEBUG, `make run`) none.
_OTP_DEFAULT = [] if DEBUG else ["sysadmin", "secadmin", "auditor", "office"]
OTP_REQUIRED_ROLES = [r for r in env.list("OTP_REQUIRED_ROLES", default=_OTP_DEFAULT) if r]
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="府院联动督办平台")

# Idle sessions end after this many minutes without a request.
SESSION_IDLE_TIMEOUT_MINUTES = env.int("SESSION_IDLE_TIMEOUT_MINUTES", default=30)
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=12 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Security headers. With DEBUG off the secure defaults apply; each can be overridden for plain-HTTP intranets.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
# Reverse proxies (addresses or networks) whose X-Forwarded-For is believed; from anyone else it is ignored.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content Security Policy: every asset comes from this host; no inline scripts.
# A filter's empty choice reads 全部, not django-filter's "---------".
from django.utils.translation import gettext_lazy  # noqa: E402

FILTERS_EMPTY_CHOICE_LABEL = gettext_lazy("All")

from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE", default="whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Serve files straight from static/ when collectstatic has not run (development and tests).
WHITENOISE_USE_FINDERS = DEBUG or env.bool("WHITENOISE_USE_FINDERS", default=False)
WHITENOISE_MANIFEST_STRICT = False

# Mail (Django 6.1 MAILERS), from one EMAIL_URL: consolemail://, smtp://user:pass@host:25, smtp+tls://, smtp+ssl://
# Default: the console on a developer's machine, the local MTA (smtp://localhost:25) in production.
_email = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
_SMTP_OPTIONS = {"EMAIL_HOST": "host", "EMAIL_PORT": "port", "EMAIL_HOST_USER": "username",
                 "EMAIL_HOST_PASSWORD": "password", "EMAIL_USE_TLS": "use_tls", "EMAIL_USE_SSL": "use_ssl"}
if "smtp" in _email["EMAIL_BACKEND"]:
    _mail_options = {option: _email[key] for key, option in _SMTP_OPTIONS.items() if key in _email}
elif "filebased" in _email["EMAIL_BACKEND"]:
    _mail_options = {"file_path": _email.get("EMAIL_FILE_PATH", "")}
else:
    _mail_options = {}
MAILERS = {"default": {"BACKEND": _email["EMAIL_BACKEND"], "OPTIONS": _mail_options}}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="fuyuan@localhost")

# Uploads: one size cap for every file (attachments, minutes, imports); types follow fuyuan.lib.upload_policy.
UPLOAD_MAX_MB = env.int("UPLOAD_MAX_MB", default=10)

# Audit trail (django-auditlog): record who changed what, from where.
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

# Business rules the office may tune.
DUE_SOON_DAYS = env.int("DUE_SOON_DAYS", default=7)
# A long-term or periodic item's report for a period is due this many days after the period ends.
REPORT_GRACE_DAYS = env.int("REPORT_GRACE_DAYS", default=10)

# Who signs the documents and workbooks (公文 发文机关, 机关代字 of the 发文字号, the place in titles).
REGION_NAME = env.str("REGION_NAME", default="")
OFFICE_NAME = env.str("OFFICE_NAME", default=f"{REGION_NAME}府院联动联席会议办公室")
DOCUMENT_CODE = env.str("DOCUMENT_CODE", default="府院联办")

# Messaging (fuyuan.messaging): the office's own group robots receive every message; units' robots and
# mobiles are set per unit on its page. Empty disables a channel.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
WECOM_WEBHOOK_URL = env.str("WECOM_WEBHOOK_URL", default="")
DINGTALK_WEBHOOK_URL = env.str("DINGTALK_WEBHOOK_URL", default="")
DINGTALK_SECRET = env.str("DINGTALK_SECRET", default="")
SMS_GATEWAY_URL = env.str("SMS_GATEWAY_URL", default="")
SMS_METHOD = env.str("SMS_METHOD", default="POST")
SMS_AUTH_HEADER = env.str("SMS_AUTH_HEADER", default="")
SMS_CONTENT_TYPE = env.str("SMS_CONTENT_TYPE", default="application/json; charset=utf-8")
SMS_BODY_TEMPLATE = env.str("SMS_BODY_TEMPLATE", default='{"mobile": "{mobile}", "content": "{text}"}')
SMS_SUCCESS_TEXT = env.str("SMS_SUCCESS_TEXT", default="")
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=5)
OUTBOX_RETRY_SECONDS = env.int("OUTBOX_RETRY_SECONDS", default=60)
ESCALATE_UNREAD_WORKING_DAYS = env.int("ESCALATE_UNREAD_WORKING_DAYS", default=3)
ESCALATE_OVERDUE_DAYS = env.int("ESCALATE_OVERDUE_DAYS", default=7)

# Background work (django.tasks): the database backend of django-tasks-db, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
