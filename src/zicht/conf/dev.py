"""Local development and demo (``make run``)."""

from zicht.conf.base import *  # noqa: F403
from zicht.conf.base import SECRET_KEY as _SECRET_KEY

DEBUG = True
SECRET_KEY = _SECRET_KEY or "dev-only-insecure-key-not-for-production"
