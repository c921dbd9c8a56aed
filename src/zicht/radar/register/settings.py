"""Settings of the radar register service; everything deployment-specific from env vars.

``RADAR_DATABASE_URL`` (default: SQLite ``var/radar-register.sqlite3``), ``RADAR_SECRET_KEY``,
``RADAR_ALLOWED_HOSTS``, ``RADAR_HTTPS`` (behind a TLS-terminating proxy: trust its
``X-Forwarded-Proto`` and redirect plain HTTP), ``RADAR_VENSTER_SECONDEN`` (replay window).
"""

import os
from pathlib import Path

import dj_database_url

from zicht.radar.domain.ondertekening import VENSTER_SECONDEN


def _bool(naam: str, standaard: bool = False) -> bool:
    waarde = os.environ.get(naam)
    return standaard if waarde is None else waarde.strip().lower() in {"1", "true", "yes", "ja"}


BASE_DIR = Path(os.environ.get("ZICHT_HOME", Path.cwd())).resolve()
VAR_DIR = Path(os.environ.get("ZICHT_VAR_DIR", BASE_DIR / "var")).resolve()

# The register has no sessions, cookies or forms; Django still wants a key.
SECRET_KEY = os.environ.get("RADAR_SECRET_KEY") or "radar-register-zonder-sessies"
DEBUG = _bool("RADAR_DEBUG")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("RADAR_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
]

INSTALLED_APPS = ["zicht.radar.register"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
ROOT_URLCONF = "zicht.radar.register.urls"
WSGI_APPLICATION = "zicht.radar.register.wsgi.application"
TEMPLATES: list[dict[str, object]] = []

DATABASES = {
    "default": dj_database_url.config(
        env="RADAR_DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'radar-register.sqlite3'}",
        conn_max_age=int(os.environ.get("RADAR_DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "Europe/Amsterdam"
LANGUAGE_CODE = "nl"
USE_I18N = False

if _bool("RADAR_HTTPS"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
SECURE_REDIRECT_EXEMPT = [r"^gezond$"]

RADAR_VENSTER_SECONDEN = int(os.environ.get("RADAR_VENSTER_SECONDEN", str(VENSTER_SECONDEN)))
#: Organisations may not push more than this many pseudonyms in one involvement.
RADAR_MAX_PSEUDONIEMEN = 4

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
