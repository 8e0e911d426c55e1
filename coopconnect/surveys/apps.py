"""Needs surveys of the inhabitants: questions, public answers, results."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "coopconnect.surveys"
    label = "surveys"
    verbose_name = _("Enquêtes de besoins")

    def ready(self) -> None:
        # accounts sits below this app: the app hands it its part of a person's data rights.
        from coopconnect.accounts.privacy.registry import Holder, register
        from coopconnect.surveys import selectors

        register(Holder(app="surveys", export=selectors.personal_data))
