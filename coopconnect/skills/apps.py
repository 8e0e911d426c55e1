"""Opt-in skills profiles of members and contact through the platform."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkillsConfig(AppConfig):
    name = "coopconnect.skills"
    label = "skills"
    verbose_name = _("Compétences")
