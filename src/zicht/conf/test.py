"""Test settings: fast hashing, lockout tuned per test, nothing leaves the machine."""

import os
import tempfile
from pathlib import Path

from zicht.conf.base import *  # noqa: F403
from zicht.conf.base import DATABASES

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
