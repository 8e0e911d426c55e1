"""WSGI entry point."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Each server process builds what every search reads before its first request (about a second
# together): the mountain grid of the travel times and the public holidays calendar.
from coopconnect.places import public_holidays  # noqa: E402 - needs the apps loaded above
from coopconnect.territory import travel  # noqa: E402

travel.warm_up()
public_holidays.warm_up()
