"""Business plans of a third place: charges, income, scenarios, sensitivity."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BusinessplansConfig(AppConfig):
    name = "coopconnect.businessplans"
    label = "businessplans"
    verbose_name = _("Plans d'affaires")
