"""Test settings: fast hashing, lockout tuned per test, nothing leaves the machine."""

import os
import tempfile
from pathlib import Path

from zicht.conf.base import *  # noqa: F403
from zicht.conf.base import DATABASES, REST_FRAMEWORK

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]
_TMP = Path(tempfile.mkdtemp(prefix="zicht-test-"))
MEDIA_ROOT = _TMP / "bestanden"
STATIC_ROOT = _TMP / "static"
STATIC_ROOT.mkdir()
ZICHT_AUDIT_CHECKPOINT = _TMP / "audit-checkpoint.jsonl"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not os.environ.get(
    "DATABASE_URL"
):
    DATABASES["default"]["NAME"] = str(_TMP / "test.sqlite3")
    DATABASES["default"]["TEST"] = {"NAME": str(_TMP / "test-db.sqlite3")}
# No API rate limits across tests (the counts live in the process-wide cache); the throttle
# tests switch a low rate on with override_settings.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"api_client": None, "api_gebruiker": None},
}
# Tests travel in time (time_machine) across logged-in requests; the idle timeout would log
# them out. Its own test sets the real value (privacy/tests/test_hardening.py).
ZICHT_SESSIE_INACTIEF_MINUTEN = 60 * 24 * 365 * 200
