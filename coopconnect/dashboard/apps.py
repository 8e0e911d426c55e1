"""Each person's home after sign-in ("Mon espace"): a section per role, read from the other apps."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "coopconnect.dashboard"
    label = "dashboard"
    verbose_name = _("Mon espace")
