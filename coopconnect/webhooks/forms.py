"""Forms of the webhook pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coopconnect.webhooks.models import EventType


class EndpointForm(forms.Form):
    url = forms.URLField(
        label=_("Adresse qui recevra les événements (https://…)"),
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url", "inputmode": "url"}),
    )
    description = forms.CharField(label=_("Description (facultative)"), max_length=120, required=False)
    events = forms.MultipleChoiceField(
        label=_("Événements à envoyer"), choices=EventType.choices, widget=forms.CheckboxSelectMultiple
    )
