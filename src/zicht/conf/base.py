"""Settings shared by every configuration. Everything deployment-specific comes from env vars."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from zicht.conf.env import env_bool, env_list

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(os.environ.get("ZICHT_HOME", Path.cwd())).resolve()
VAR_DIR = Path(os.environ.get("ZICHT_VAR_DIR", BASE_DIR / "var")).resolve()

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
ZICHT_DEMO = env_bool("ZICHT_DEMO", False)
ZICHT_ORGANISATIE = os.environ.get("ZICHT_ORGANISATIE", "Veilig Thuis Noord-Holland Noord")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "zicht.core",
    "zicht.audit",
    "zicht.accounts",
    "zicht.people",
    "zicht.casework",
    "zicht.intake",
    "zicht.assessment",
    "zicht.diensten",
    "zicht.planning",
    "zicht.reporting",
    "zicht.privacy",
    "zicht.api",
    "zicht.radar",
    "zicht.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "zicht.accounts.middleware.IdleTimeoutMiddleware",
    "zicht.accounts.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zicht.conf.urls"
WSGI_APPLICATION = "zicht.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zicht.accounts.context_processors.navigation",
                "zicht.casework.context_processors.noodtoegang",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'zicht.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent use of SQLite: WAL journal, wait for locks instead of failing,
    # and take the write lock at BEGIN so that transactions never deadlock on upgrade.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering indexes (INCLUDE) are a PostgreSQL optimisation; SQLite simply ignores the extra
# columns, which is fine for the embedded default.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# Callables that a lower app receives from a higher one (ADR 0004): the phase of an open casus
# for the CBS classification of a new melding (intake <- assessment).
ZICHT_FASE_BEPALER = "zicht.diensten.inhoud_services.fase_bepaler"
# Sections of the casus page owned by higher apps (casework <- diensten).
ZICHT_CASUS_PANELEN = ("zicht.diensten.inhoud_views.casus_paneel",)

# Radar (docs/radar.md): the path of the region's joining file (register URL, organisation code,
# signing secret, shared pseudonym key). Empty = radar off, the default (also in demo mode).
ZICHT_RADAR = os.environ.get("ZICHT_RADAR", "")
# Optional: the shared pseudonym key (hex) from the environment instead of the joining file.
ZICHT_RADAR_PSEUDONIEMSLEUTEL = os.environ.get("ZICHT_RADAR_PSEUDONIEMSLEUTEL", "")
# Told about the destruction of casussen, inside its transaction (privacy <- radar: the
# register forgets the involvement).
ZICHT_VERNIETIGING_HAKEN = ("zicht.radar.services.casussen_vernietigd",)
# The hour norms per planning service for caseload estimates (diensten <- planning).
ZICHT_URENNORMEN = "zicht.planning.selectors.urennormen"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "zicht.accounts.backends.ZichtBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Pages reachable without login (DESIGN: healthz, login and 2FA pages, static files).
# /api/ has its own authentication and answers problem+json.
ZICHT_LOGIN_EXEMPT_PREFIXES = ("/healthz", "/inloggen/", "/static/", "/api/")

SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "zicht.accounts.csrf.csrf_failure"  # Dutch 403, and audited

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [PACKAGE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "bestanden"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Two-factor authentication (django-otp, TOTP)
OTP_TOTP_ISSUER = "Zicht"
OTP_TOTP_THROTTLE_FACTOR = 1

# Lockout (django-axes): 5 failed attempts per user name and address, 15 minutes cool-off.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "zicht.accounts.views.lockout"
AXES_VERBOSE = False
AXES_ENABLED = env_bool("AXES_ENABLED", True)

# Content Security Policy: everything from our own origin, nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "zicht.api.authentication.BearerTokenAuthentication",
        "zicht.api.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "zicht.api.base.ScopePermission",
    ],
    "DEFAULT_PARSER_CLASSES": ["zicht.api.base.StrictJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_CLASSES": ["zicht.api.base.ApiThrottle"],
    # Requests per API client and per user (browser session, personal token). Counted in the
    # default cache: per process unless CACHES points at a shared cache (docs/api.md).
    "DEFAULT_THROTTLE_RATES": {
        "api_client": os.environ.get("ZICHT_API_RATE_CLIENT", "600/min"),
        "api_gebruiker": os.environ.get("ZICHT_API_RATE_GEBRUIKER", "300/min"),
    },
    "DEFAULT_SCHEMA_CLASS": "zicht.api.schema.ProblemAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "zicht.api.pagination.Pagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "zicht.api.base.Sortering",
    ],
    "EXCEPTION_HANDLER": "zicht.api.problems.exception_handler",
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "ALLOWED_VERSIONS": ["v1"],
    "DEFAULT_VERSION": "v1",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# The largest JSON body the API reads; larger → 413 problem+json.
ZICHT_API_MAX_BODY_BYTES = int(os.environ.get("ZICHT_API_MAX_BODY_BYTES", str(256 * 1024)))
SPECTACULAR_SETTINGS = {
    "TITLE": "Zicht API",
    "DESCRIPTION": (
        "REST-API van Zicht, het registratie- en sturingssysteem voor Veilig Thuis. "
        "Fouten volgen RFC 9457 (application/problem+json)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "KanaalEnum": "zicht.intake.models.KANAAL_CHOICES",
        "MeldingStatusEnum": "zicht.intake.models.MeldingStatus",
        "CorvStatusEnum": "zicht.intake.models.CorvStatus",
        "CasusStatusEnum": "zicht.casework.models.CasusStatus",
        "BeoordelingStatusEnum": "zicht.assessment.models.STATUS_CHOICES",
        "BesluitStatusEnum": "zicht.assessment.models.BesluitStatus",
        "DienstStatusEnum": "zicht.diensten.models.DienstStatus",
        "DienstSoortEnum": "zicht.diensten.models.DienstSoort",
        "PlanRegelSoortEnum": "zicht.diensten.models.PlanRegelSoort",
        "PlanRegelStatusEnum": "zicht.diensten.models.PlanRegelStatus",
        "BesluitSoortEnum": "zicht.assessment.models.BESLUIT_CHOICES",
        "ExportSoortEnum": "zicht.reporting.models.ExportSoort",
        "UrensoortEnum": "zicht.diensten.models_werk.URENSOORT_CHOICES",
        "OpleggerEnum": "zicht.diensten.models_werk.OPLEGGER_CHOICES",
    },
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Outgoing mail (feedback to melders): SMTP from the environment in production.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Veilig Thuis <noreply@zicht.invalid>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "zicht.core.logging.RedactPersonalData"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

ZICHT_AUDIT_CHECKPOINT = Path(
    os.environ.get("ZICHT_AUDIT_CHECKPOINT", VAR_DIR / "audit-checkpoint.jsonl")
)

# Privacy (issue 9, docs/privacy.md). Break-the-glass grants last this many hours.
ZICHT_NOODTOEGANG_UREN = float(os.environ.get("ZICHT_NOODTOEGANG_UREN", "4"))
# Retention: years after closing (and never before the youngest child is 18; DOMAIN §4).
ZICHT_BEWAARTERMIJN_JAREN = int(os.environ.get("ZICHT_BEWAARTERMIJN_JAREN", "20"))
# Idle sessions end after this many minutes without a request (zicht.accounts.middleware).
ZICHT_SESSIE_INACTIEF_MINUTEN = int(os.environ.get("ZICHT_SESSIE_INACTIEF_MINUTEN", "30"))
# Terms of the registers and data-subject requests (documented in docs/privacy.md).
ZICHT_PRIVACY_TERMIJNEN = {
    "inzage_maanden": 1,  # AVG art. 12(3)
    "correctie_maanden": 1,  # AVG art. 12(3)
    "vernietiging_maanden": 3,  # DOMAIN §4: destroy on request
    "klacht_weken": 6,  # Awb art. 9:11 (complaints procedure, Wmo 2015 art. 4.2.2)
    "calamiteit_dagen": 3,  # "at once": the inspectorate's 3-working-day practice
}
