"""Django settings, read from typed SKILLFRAME_* environment variables (see conf.py and README)."""

from pathlib import Path

from skillframe import conf, inputs
from skillframe.importing import problems as import_problems
from skillframe.importing import spreadsheets
from skillframe.sso import config as sso_config

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = conf.private_dir(conf.data_dir())  # mode 0700; its database and key files are 0600

DEBUG = conf.env_bool("DEBUG", False)
SECRET_KEY = conf.secret_key(DATA_DIR)
ALLOWED_HOSTS = conf.env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
# Whether anonymous visitors may read the catalogue (frameworks, elements, search).
PUBLIC_CATALOGUE = conf.env_bool("PUBLIC_CATALOGUE", True)
# Origins whose web pages may read the CASE provider (CORS); any for a public catalogue by default.
CASE_CORS_ORIGINS = conf.origins(
    "CASE_CORS_ORIGINS", conf.env_list("CASE_CORS_ORIGINS", ["*"] if PUBLIC_CATALOGUE else [])
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "ninja",  # so /api/docs uses Swagger UI from ninja's static files, not a CDN (works offline)
    "skillframe.frameworks",
    "skillframe.api",
    "skillframe.people",
    "skillframe.assessments",
    "skillframe.evidence",
    "skillframe.notifications",
    "skillframe.audit",
    "skillframe.insights",
    "skillframe.development",
    "skillframe.reminders",
    "skillframe.quality",
    "skillframe.authoring",  # framework editing, versions, carry-forward (docs/versions.md)
    "skillframe.matching",
    "skillframe.demo",  # on top of every other app: the demo organisation and `serve`
    "skillframe.ops",  # top layer: static storage, security middleware, backup and restore
    "skillframe.sso",  # top layer: OpenID Connect sign-in and invitations
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # An upload past the import limit: 413 from its Content-Length, before a byte is read.
    "skillframe.importing.uploads.UploadLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Remembers the request's own address for links in e-mails when SKILLFRAME_SITE_URL is unset.
    "skillframe.notifications.site.SiteAddressMiddleware",
    # CSP, Permissions-Policy, no-store on personal pages and the API; then idle sign-out.
    "skillframe.ops.middleware.SecurityHeadersMiddleware",
    "skillframe.ops.middleware.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Control characters in the address, query or API JSON body, and JSON nested too deep: 4xx.
    "skillframe.http.InputGuardMiddleware",
    # A write that still meets a database lock after the retries: 503 + Retry-After, not 500.
    "skillframe.database.locks.LockConflictMiddleware",
    # A bearer token opens the PDF report download (the API's tokens; api/middleware.py).
    "skillframe.api.middleware.ReportBearerMiddleware",
    # Login throttling: must come last so it sees the authentication outcome.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock a username+address pair out for 15 minutes after 5 failed logins, and an address after
# 20 failures whatever the usernames (spraying one password over many accounts).
LOGIN_FAILURE_LIMIT = conf.env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_ADDRESS_FAILURE_LIMIT = conf.env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 20, minimum=1)
AXES_FAILURE_LIMIT = "skillframe.ops.throttle.failure_limit"
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

ROOT_URLCONF = "skillframe.urls"
WSGI_APPLICATION = "skillframe.wsgi.application"

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
                "skillframe.notifications.context.unread_count",
                "skillframe.people.context.navigation",
                "skillframe.web.navigation.navigation",
            ],
        },
    },
]

DATABASE = conf.database()
DATABASES = {"default": DATABASE.django()}
if DATABASE.engine == "sqlite":
    conf.private_sqlite_file(Path(DATABASE.name))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Seconds a writer keeps retrying SQLite's write lock (after each try's own 5 s busy timeout)
# before the request gets 503; see skillframe/database/base.py.
DATABASE_LOCK_WAIT = conf.env_int("DATABASE_LOCK_WAIT", 15, minimum=0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# `skillframe serve` collects here (hashed names and gzip copies) for its production server;
# everything else serves straight from the apps' static folders (ops/storage.py says why).
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns at start-up about a missing one
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "skillframe.ops.storage.CollectedStaticStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Secure defaults; HTTPS-only cookies and HSTS are switched on where TLS terminates in front of us.
SECURE_HTTPS = conf.env_bool("HTTPS", False)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = SECURE_HTTPS
if SECURE_HTTPS:
    # TLS ends at the reverse proxy, which must set this header (README, "Deploying"): without
    # it every proxied request looks like plain HTTP and is redirected to HTTPS for ever.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000 if SECURE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# A session ends after this long without a request (ops/middleware.py), instead of 14 days.
SESSION_IDLE_SECONDS = conf.env_int("SESSION_IDLE_MINUTES", 60, minimum=1) * 60
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS
X_FRAME_OPTIONS = "DENY"
if not SECURE_HTTPS:
    # Plain-HTTP local serving is the documented default (http://127.0.0.1:8000); these deploy
    # checks only make sense behind TLS, which SKILLFRAME_HTTPS=1 switches on.
    SILENCED_SYSTEM_CHECKS = [
        "security.W004",
        "security.W008",
        "security.W012",
        "security.W016",
    ]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"  # the home page: what to do now
LOGOUT_REDIRECT_URL = "frameworks:home"
# Validated ratings are due for review this many months after they are given.
REVIEW_MONTHS = conf.env_int("REVIEW_MONTHS", 12, minimum=1)
# Public base address of links in e-mails (https://skills.example.org); when empty, the address
# of the request being served (notifications/site.py), which a command line run does not have.
SITE_URL = conf.env_str("SITE_URL", "").rstrip("/")
# E-mail: SMTP once a host is set, else the console (prints e-mails; development and demos).
EMAIL_HOST = conf.env_str("EMAIL_HOST", "")
EMAIL_PORT = conf.env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = conf.env_str("EMAIL_USER", "")
# A file holding the password, so the secret is not in the environment `ps` and crash reports show.
EMAIL_HOST_PASSWORD = conf.env_file_text("EMAIL_PASSWORD_FILE")
EMAIL_USE_TLS = conf.env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 30  # seconds: a dead mail server must not hang a request or `skillframe remind`
EMAIL_BACKEND = conf.env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
# Organisation views (docs/org-insights.md): a unit aggregate of fewer people is hidden from
# viewers outside the unit, so that it cannot reveal an individual.
MIN_GROUP_SIZE = conf.env_int("MIN_GROUP_SIZE", 5, minimum=1)
DEFAULT_FROM_EMAIL = conf.env_str("FROM_EMAIL", "skillframe@localhost")
# Single sign-on (OpenID Connect, docs/sso.md): off unless an issuer and a client id are given.
OIDC = sso_config.from_environment(
    issuer=conf.env_str("OIDC_ISSUER", ""),
    discovery_url=conf.env_str("OIDC_DISCOVERY_URL", ""),
    authorization_endpoint=conf.env_str("OIDC_AUTHORIZATION_ENDPOINT", ""),
    token_endpoint=conf.env_str("OIDC_TOKEN_ENDPOINT", ""),
    jwks_uri=conf.env_str("OIDC_JWKS_URI", ""),
    client_id=conf.env_str("OIDC_CLIENT_ID", ""),
    client_secret_file=conf.env_str("OIDC_CLIENT_SECRET_FILE", ""),
    scopes=conf.env_str("OIDC_SCOPES", "openid email profile"),
    match=conf.env_str("OIDC_MATCH", "email"),
    groups_claim=conf.env_str("OIDC_GROUPS_CLAIM", "groups"),
    group_permissions=conf.env_str("OIDC_GROUP_PERMISSIONS", ""),
    name=conf.env_str("OIDC_NAME", "single sign-on"),
)
# An invitation's link to set a first password works once, for this many days.
INVITATION_DAYS = conf.env_int("INVITATION_DAYS", 7, minimum=1)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Reminders (`skillframe remind`, docs/reminders.md): lead times in days.
REMIND_CYCLE_DAYS = conf.env_int("REMIND_CYCLE_DAYS", 14, minimum=0)
REMIND_REVIEW_DAYS = conf.env_int("REMIND_REVIEW_DAYS", 3, minimum=0)
REMIND_OBJECTIVE_DAYS = conf.env_int("REMIND_OBJECTIVE_DAYS", 0, minimum=0)
REMIND_RATING_DAYS = conf.env_int("REMIND_RATING_DAYS", 0, minimum=0)
# `skillframe serve`: the production server's processes and threads per process (README,
# "Deploying"); the default suits a small machine: one process per core, a few threads each.
SERVE_WORKERS = conf.env_int("WORKERS", 2, minimum=1)
SERVE_THREADS = conf.env_int("THREADS", 4, minimum=1)
NINJA_PAGINATION_PER_PAGE = 100
NINJA_PAGINATION_MAX_LIMIT = 1000
# Input limits (text lengths per kind of field, JSON depth, weights, levels, paging): defined and
# checked once in skillframe/inputs.py, listed in README ("Input limits"); named here to be found.
SKILLFRAME_INPUT_LIMITS = inputs.LIMITS

# Limits on input (README "File and volume limits"). Imports: the file, an XLSX workbook
# unpacked, rows per file, and how many problems a report lists; the import kernel is plain
# Python and gets them from here.
MiB = 1024 * 1024
IMPORT_MAX_FILE_BYTES = conf.env_int("IMPORT_MAX_FILE_MB", 20, minimum=1) * MiB
IMPORT_MAX_UNPACKED_BYTES = conf.env_int("IMPORT_MAX_UNPACKED_MB", 100, minimum=1) * MiB
IMPORT_MAX_ROWS = conf.env_int("IMPORT_MAX_ROWS", 200_000, minimum=2)
IMPORT_MAX_PROBLEMS = conf.env_int("IMPORT_MAX_PROBLEMS", 100, minimum=1)
spreadsheets.configure(
    spreadsheets.Limits(
        max_file_bytes=IMPORT_MAX_FILE_BYTES,
        max_rows=IMPORT_MAX_ROWS,
        max_unpacked_bytes=IMPORT_MAX_UNPACKED_BYTES,
    )
)
import_problems.configure(IMPORT_MAX_PROBLEMS)
# Evidence files (docs/evidence.md): the largest file, the types taken (sniffed from the bytes,
# skillframe/evidence/sniffing.py), where they are kept (random names, never served as media)
# and which side declares first at sign-off.
EVIDENCE_MAX_FILE_BYTES = conf.env_int("EVIDENCE_MAX_FILE_MB", 10, minimum=1) * MiB
EVIDENCE_FILE_TYPES = conf.env_list(
    "EVIDENCE_FILE_TYPES",
    ["pdf", "png", "jpeg", "gif", "webp", "text", "docx", "xlsx", "pptx", "odt"],
)
EVIDENCE_DIR = DATA_DIR / "evidence"
EVIDENCE_SIGN_OFF_ORDER = conf.env_str("SIGN_OFF_ORDER", "assessor-first")
if EVIDENCE_SIGN_OFF_ORDER not in ("assessor-first", "learner-first"):
    raise conf.ConfigError(
        "SKILLFRAME_SIGN_OFF_ORDER must be assessor-first or learner-first, "
        f"not {EVIDENCE_SIGN_OFF_ORDER!r}"
    )
# A request body may carry one file up to the import (or evidence) limit, plus its form fields.
UPLOAD_MAX_BYTES = max(IMPORT_MAX_FILE_BYTES, EVIDENCE_MAX_FILE_BYTES) + MiB
# Django's own bounds, named: form fields and JSON bodies (not files) held in memory, and the
# size above which an uploaded file goes to a temporary file instead of memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * MiB)
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * MiB)
# A framework's description (shown on its page; the catalogue list never reads it).
FRAMEWORK_DESCRIPTION_MAX_CHARS = conf.env_int("FRAMEWORK_DESCRIPTION_MAX_CHARS", 20_000, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
