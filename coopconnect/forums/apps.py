"""Forums of the networks and places: topics, posts, moderation, reports."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "coopconnect.forums"
    label = "forums"
    verbose_name = _("Forums")
