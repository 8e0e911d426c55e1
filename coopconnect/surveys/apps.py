"""Needs surveys of the inhabitants: questions, public answers, results."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "coopconnect.surveys"
    label = "surveys"
    verbose_name = _("Enquêtes de besoins")
