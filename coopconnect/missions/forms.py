"""Plain forms of the missions board pages (they work without JavaScript)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coopconnect.core.forms import LocalDecimalField
from coopconnect.forums.forms import text_field
from coopconnect.missions.models import MissionStatus


class MissionSearchForm(forms.Form):
    skill = forms.CharField(label=_("Compétence"), max_length=80, required=False)


class DateInput(forms.DateInput):
    input_type = "date"


class MissionForm(forms.Form):
    network = forms.TypedChoiceField(label=_("Réseau"), coerce=int)
    organisation = forms.TypedChoiceField(
        label=_("Publiée pour"), coerce=int, required=False, empty_value=None
    )
    title = forms.CharField(label=_("Titre"), max_length=160)
    description = text_field(_("Description"), 8000)
    skills = forms.CharField(
        label=_("Compétences recherchées"),
        max_length=1000,
        required=False,
        help_text=_("Séparées par des virgules"),
    )
    commune = forms.CharField(
        label=_("Commune"), max_length=80, required=False, help_text=_("Nom ou code INSEE")
    )
    remote = forms.BooleanField(label=_("À distance"), required=False)
    start = forms.DateField(label=_("Début souhaité"), required=False, widget=DateInput)
    deadline = forms.DateField(label=_("Échéance"), required=False, widget=DateInput)
    budget = LocalDecimalField(
        label=_("Budget (€, facultatif)"), required=False, min_value=0, max_digits=10, decimal_places=2
    )
    expires_on = forms.DateField(
        label=_("Visible jusqu'au"), required=False, widget=DateInput, help_text=_("Par défaut : 60 jours")
    )

    def __init__(self, *args: Any, networks: Any = (), organisations: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].choices = [(n.pk, n.name) for n in networks]
        self.fields["organisation"].choices = [("", _("Moi-même"))] + [(o.pk, o.name) for o in organisations]


class MissionEditForm(MissionForm):
    """The mission form without the network and the organisation, which do not change."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["network"]
        del self.fields["organisation"]


class ResponseForm(forms.Form):
    message = text_field(_("Votre message"), 4000)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=MissionStatus.choices)
