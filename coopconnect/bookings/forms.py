"""Forms of the booking pages (plain HTML forms: everything works without JavaScript)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopconnect.places.models import ResourceKind

SLOT_CHOICES = [("morning", _("Matin")), ("afternoon", _("Après-midi")), ("day", _("Journée"))]


def _date_input() -> forms.DateInput:
    # An <input type="date"> only accepts ISO dates, whatever the page's language.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def tomorrow() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=1)


class FindForm(forms.Form):
    near = forms.CharField(label=_("Près de (commune ou code INSEE)"), max_length=120)
    date = forms.DateField(label=_("Jour"), widget=_date_input())
    slot = forms.ChoiceField(label=_("Créneau"), choices=SLOT_CHOICES, initial="morning")
    kind = forms.ChoiceField(label=_("Type"), choices=ResourceKind.choices, initial=ResourceKind.SEAT)
    within_minutes = forms.IntegerField(
        label=_("Temps de trajet maximal (minutes)"), min_value=5, max_value=120, initial=20
    )


class ConfirmForm(forms.Form):
    date = forms.DateField(label=_("Jour"), widget=_date_input())
    slot = forms.ChoiceField(label=_("Créneau"), choices=[*SLOT_CHOICES, ("hours", _("Horaires précis"))])
    start_time = forms.TimeField(
        label=_("De (horaires précis)"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label=_("À (horaires précis)"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    last_date = forms.DateField(
        label=_("Jusqu'au (plusieurs jours, facultatif)"),
        required=False,
        widget=_date_input(),
    )
    weekly_until = forms.DateField(
        label=_("Chaque semaine jusqu'au (facultatif)"), required=False, widget=_date_input()
    )
    layout = forms.CharField(label=_("Disposition"), required=False, max_length=40)
    attendees = forms.IntegerField(label=_("Participants"), min_value=1, max_value=500, initial=1)
    person = forms.TypedChoiceField(label=_("Pour"), coerce=int, required=False)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=80)

    def __init__(self, *args, resource=None, people=(), **kwargs):  # noqa: ANN001
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", _("Moi-même"))] + [(p.pk, str(p)) for p in people]
        if not people:
            del self.fields["person"]
        if resource is not None and resource.is_pool:
            del self.fields["layout"]
            del self.fields["attendees"]
        elif resource is not None and resource.layouts:
            self.fields["layout"] = forms.ChoiceField(
                label=_("Disposition"),
                required=False,
                choices=[("", "—")] + [(k, f"{k} ({v})") for k, v in resource.layouts.items()],
            )

    def clean(self):  # noqa: ANN201
        data = super().clean()
        if data.get("slot") == "hours" and not (data.get("start_time") and data.get("end_time")):
            raise forms.ValidationError(_("Indiquez l'heure de début et de fin."))
        return data


class ModifyForm(forms.Form):
    """Move a booking: a day with a half-day slot, or the same day's exact start and end times."""

    date = forms.DateField(label=_("Nouveau jour"), widget=_date_input())
    slot = forms.ChoiceField(
        label=_("Nouveau créneau"), choices=[*SLOT_CHOICES, ("hours", _("Horaires précis"))]
    )
    start_time = forms.TimeField(label=_("De (horaires précis)"), required=False, widget=_time_input())
    end_time = forms.TimeField(label=_("À (horaires précis)"), required=False, widget=_time_input())

    def clean(self):  # noqa: ANN201
        data = super().clean()
        if data.get("slot") == "hours" and not (data.get("start_time") and data.get("end_time")):
            raise forms.ValidationError(_("Indiquez l'heure de début et de fin."))
        return data


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Code de réservation"), max_length=20)


class WalkInForm(forms.Form):
    email = forms.EmailField(label=_("Courriel de la personne (compte existant)"))
    resource = forms.TypedChoiceField(label=_("Ressource"), coerce=int)
    slot = forms.ChoiceField(label=_("Jusqu'à la fin de"), choices=SLOT_CHOICES)

    def __init__(self, *args, place=None, **kwargs):  # noqa: ANN001
        super().__init__(*args, **kwargs)
        if place is not None:
            self.fields["resource"].choices = [(r.pk, r.name) for r in place.resources.filter(is_active=True)]


class PeriodForm(forms.Form):
    first_day = forms.DateField(label=_("Du"), widget=_date_input())
    last_day = forms.DateField(label=_("Au"), widget=_date_input())
