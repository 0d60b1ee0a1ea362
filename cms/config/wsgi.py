"""WSGI entry point (granian --interface wsgi cms.config.wsgi:application, in docker-compose.yml)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.config.settings")

application = get_wsgi_application()
