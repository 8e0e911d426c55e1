"""The embeddable booking page of a place (free slots this week, tariffs)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmbedsConfig(AppConfig):
    name = "coopconnect.embeds"
    label = "embeds"
    verbose_name = _("Page à intégrer")
