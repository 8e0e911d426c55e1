"""WSGI entry point."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Each server process builds what every travel-time search reads before its first request.
from coopconnect.territory.travel import warm_up  # noqa: E402 - needs the apps loaded above

warm_up()
