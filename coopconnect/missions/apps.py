"""The missions board (bourse d'échanges): missions posted by people and employers, answers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MissionsConfig(AppConfig):
    name = "coopconnect.missions"
    label = "missions"
    verbose_name = _("Missions")
