"""WSGI entry of the radar register (``gunicorn zicht.radar.register.wsgi:application``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.radar.register.settings")
application = get_wsgi_application()
