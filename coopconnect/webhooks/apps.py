"""Signed webhooks: other systems told what happens at a place or in a network."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "coopconnect.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")
