"""Where to open third places: catchment, criteria, coverage, siting, commute savings, dossier."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "coopconnect.planning"
    label = "planning"
    verbose_name = _("Planification")
