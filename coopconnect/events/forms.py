"""Forms of the events pages (plain HTML forms: everything works without JavaScript)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coopconnect.core.forms import LocalDecimalField
from coopconnect.events.models import Event, EventKind, Theme
from coopconnect.events.permissions import organisable_networks, organisable_places
from coopconnect.places.models import Place, Resource, ResourceKind

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _datetime_field(label: Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
    )


class AgendaForm(forms.Form):
    near = forms.CharField(label=_("Près de (commune ou code INSEE)"), max_length=120, required=False)
    within_minutes = forms.IntegerField(
        label=_("Temps de trajet maximal (minutes)"), min_value=5, max_value=180, initial=30, required=False
    )
    kind = forms.ChoiceField(label=_("Type"), choices=[("", _("Tous"))] + EventKind.choices, required=False)
    theme = forms.ChoiceField(label=_("Thème"), required=False)
    date_from = forms.DateField(label=_("Du"), required=False, widget=_date_input())
    date_to = forms.DateField(label=_("Au"), required=False, widget=_date_input())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        themes = Theme.objects.filter(events__isnull=False).distinct().order_by("name")
        self.fields["theme"].choices = [("", _("Tous"))] + [(t.slug, t.name) for t in themes]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("La date de fin précède la date de début."))
        return data


class EventForm(forms.Form):
    organiser = forms.ChoiceField(label=_("Organisé par"))
    title = forms.CharField(label=_("Titre"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=EventKind.choices)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    themes = forms.CharField(
        label=_("Thèmes (séparés par des virgules)"),
        required=False,
        max_length=500,
        help_text=_("Par exemple : prospection, relation client"),
    )
    start = _datetime_field(_("Début"))
    end = _datetime_field(_("Fin"))
    venue = forms.ModelChoiceField(
        label=_("Lieu de l'événement"), queryset=Place.objects.none(), required=False
    )
    room = forms.ModelChoiceField(
        label=_("Salle (réservée pour l'événement)"), queryset=Resource.objects.none(), required=False
    )
    is_online = forms.BooleanField(label=_("En ligne (visio)"), required=False)
    online_url = forms.URLField(label=_("Lien de la visio"), required=False, max_length=200)
    relay_places = forms.ModelMultipleChoiceField(
        label=_("Lieux relais de la visio"),
        queryset=Place.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    capacity = forms.IntegerField(label=_("Nombre de places"), min_value=1, max_value=10_000, initial=20)
    price = LocalDecimalField(
        label=_("Prix TTC en euros (0 = gratuit)"), min_value=0, max_digits=8, decimal_places=2, initial=0
    )
    grants_free_months = forms.IntegerField(
        label=_("Formation : mois gratuits accordés aux participants présents"),
        min_value=0,
        max_value=60,
        initial=0,
        required=False,
    )

    def __init__(self, *args: Any, user: Any, event: Event | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Platform staff may organise anywhere, but offering all ~1,500 census places would make the
        # page too heavy for a 2 Mb/s line: the choices keep the places someone runs (a host or a
        # network); a hostless census place has nobody to welcome an event anyway.
        places = list(
            organisable_places(user).filter(Q(hosts__isnull=False) | Q(networks__isnull=False)).distinct()
        )
        networks = list(organisable_networks(user))
        choices = [(f"place:{p.pk}", _("Lieu : %(n)s") % {"n": p.name}) for p in places]
        choices += [(f"network:{n.pk}", _("Réseau : %(n)s") % {"n": n.name}) for n in networks]
        if event is not None:
            key = f"place:{event.place_id}" if event.place_id else f"network:{event.network_id}"
            choices = [(key, event.organiser_label)]
            self.fields["organiser"].disabled = True
            self.fields["organiser"].initial = key
        self.fields["organiser"].choices = choices
        self.organisers = {"place": {p.pk: p for p in places}, "network": {n.pk: n for n in networks}}
        reach = Place.objects.filter(
            Q(pk__in=[p.pk for p in places]) | Q(networks__in=networks)
            | Q(pk=getattr(event, "venue_id", None) or 0)
        ).distinct().order_by("name")  # fmt: skip
        self.fields["venue"].queryset = reach
        self.fields["room"].queryset = Resource.objects.filter(
            place__in=reach, kind=ResourceKind.MEETING_ROOM, is_active=True
        ).select_related("place")
        self.fields["room"].label_from_instance = lambda r: f"{r.name} — {r.place.name} ({r.capacity})"
        relay_networks = set(n.pk for n in networks)
        for p in places:
            relay_networks.update(p.networks.values_list("pk", flat=True))
        if event is not None:
            relay_networks.update(
                n.pk for n in ([event.network] if event.network else event.place.networks.all())
            )
        self.fields["relay_places"].queryset = (
            Place.objects.filter(networks__in=relay_networks, is_published=True).distinct().order_by("name")
        )

    def clean_organiser(self) -> tuple[str, Any]:
        raw = self.cleaned_data["organiser"]
        kind, _sep, pk = str(raw).partition(":")
        found = self.organisers.get(kind, {}).get(int(pk)) if pk.isdigit() else None
        if found is None and not self.fields["organiser"].disabled:
            raise forms.ValidationError(_("Choisissez un lieu ou un réseau que vous gérez."))
        return kind, found

    def clean_themes(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data.get("themes", "").split(",") if t.strip()]

    def service_kwargs(self) -> dict[str, Any]:
        """Return the cleaned data as keyword arguments of the event services (organiser aside)."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "kind": data["kind"],
            "description": data.get("description") or "",
            "themes": data.get("themes") or [],
            "start": data["start"],
            "end": data["end"],
            "venue": data.get("venue"),
            "room": data.get("room"),
            "is_online": bool(data.get("is_online")),
            "online_url": data.get("online_url") or "",
            "relay_places": list(data.get("relay_places") or []),
            "capacity": data["capacity"],
            "price": data["price"],
            "grants_free_months": data.get("grants_free_months") or 0,
        }

    @staticmethod
    def initial_for(event: Event) -> dict[str, Any]:
        return {
            "title": event.title,
            "kind": event.kind,
            "description": event.description,
            "themes": ", ".join(t.name for t in event.themes.all()),
            "start": event.start,
            "end": event.end,
            "venue": event.venue_id,
            "room": event.room_id,
            "is_online": event.is_online,
            "online_url": event.online_url,
            "relay_places": list(event.relay_places.values_list("pk", flat=True)),
            "capacity": event.capacity,
            "price": event.price,
            "grants_free_months": event.grants_free_months,
        }


class ThemesForm(forms.Form):
    themes = forms.ModelMultipleChoiceField(
        label=_("Thèmes suivis"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
