"""Local development and demo (``make run``)."""

from zicht.conf.base import *  # noqa: F403
from zicht.conf.base import SECRET_KEY as _SECRET_KEY

DEBUG = True
SECRET_KEY = _SECRET_KEY or "dev-only-insecure-key-not-for-production"

# Demo and development: mail is written to files under var/mail, never sent.
from zicht.conf.base import VAR_DIR  # noqa: E402

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = VAR_DIR / "mail"
