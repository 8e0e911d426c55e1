"""Opt-in skills profiles of members and contact through the platform."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkillsConfig(AppConfig):
    name = "coopconnect.skills"
    label = "skills"
    verbose_name = _("Compétences")

    def ready(self) -> None:
        # accounts sits below this app: the app hands it its part of a person's data rights.
        from coopconnect.accounts.privacy.registry import Holder, register
        from coopconnect.skills import selectors, services

        register(Holder(app="skills", export=selectors.personal_data, erase=services.anonymise_person))
