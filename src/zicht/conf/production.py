"""Production: every secret from the environment, HTTPS only, and never demo mode."""

from django.core.exceptions import ImproperlyConfigured

from zicht.conf.base import *  # noqa: F403
from zicht.conf.base import ZICHT_DEMO
from zicht.conf.env import env_bool, env_list, env_required

if ZICHT_DEMO:
    raise ImproperlyConfigured(
        "ZICHT_DEMO=1 is not allowed with production settings: demo mode has known "
        "logins and second factors."
    )

DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
