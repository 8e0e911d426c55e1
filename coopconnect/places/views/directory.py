"""Directory pages: search form, results by travel time, place and network pages (all work without JS)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from coopconnect.core import formatting, permissions
from coopconnect.core.errors import DomainError
from coopconnect.core.forms import LocalDecimalField
from coopconnect.core.geo import parse_latlon
from coopconnect.places import hours, selectors
from coopconnect.places.exports import place_url
from coopconnect.places.models import Service, Typology
from coopconnect.territory.selectors import commune_search
from coopconnect.territory.timezones import PARIS, for_department
from coopconnect.territory.travel import get_engine

MAX_MINUTES = 240
# A page of results stays light on a rural connection even in a city with hundreds of places.
PAGE_SIZE = 50


class SearchForm(forms.Form):
    """What a person fills in to find a place: a commune or a position, a time, optional filters."""

    q = forms.CharField(
        label=_("Votre commune"), required=False, max_length=120,
        help_text=_("Nom ou code postal, par exemple « Pertuis » ou « st remy »."),
        widget=forms.TextInput(attrs={"list": "communes-list", "autocomplete": "off"}),
    )  # fmt: skip
    position = forms.CharField(
        label=_("Ou vos coordonnées (latitude,longitude)"), required=False, max_length=60,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "43.694,5.502"}),
    )  # fmt: skip
    minutes = forms.IntegerField(
        label=_("À combien de minutes de route au plus ?"), min_value=1, max_value=MAX_MINUTES, initial=20,
        required=False,
    )  # fmt: skip
    typology = forms.MultipleChoiceField(
        label=_("Type de lieu"), choices=Typology.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    services = forms.MultipleChoiceField(
        label=_("Services souhaités"), choices=(), required=False, widget=forms.CheckboxSelectMultiple
    )
    open_on = forms.DateField(
        label=_("Ouvert le"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    max_day_price = LocalDecimalField(
        label=_("Prix maximal d'une journée (€ TTC)"), required=False, min_value=0, max_value=10000,
        max_digits=7, decimal_places=2,
        help_text=_("Journée de coworking au tarif ouvert à tous, par exemple 15."),
        error_messages={"invalid": _("Indiquez un prix en euros, par exemple 15 ou 12,50.")},
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lang = (get_language() or "fr")[:2]
        self.fields["services"].choices = [
            (s.code, s.label_en if lang == "en" and s.label_en else s.label) for s in Service.objects.all()
        ]

    def clean_position(self) -> tuple[float, float] | None:
        value = self.cleaned_data.get("position", "").strip()
        if not value:
            return None
        try:
            return parse_latlon(value)
        except ValueError as exc:
            raise forms.ValidationError(
                _("Coordonnées invalides : écrivez « latitude,longitude », par exemple 43.694,5.502.")
            ) from exc

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("q", "").strip() and data.get("position") is None and "position" not in self.errors:
            self.add_error("q", _("Indiquez votre commune ou vos coordonnées."))
        return data


def _map_points(items: list[Any]) -> list[dict[str, Any]]:
    places = [x.place if isinstance(x, selectors.PlaceHit) else x for x in items]
    return [{"lat": p.latitude, "lon": p.longitude, "name": p.name, "url": place_url(p)} for p in places]


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Show the search form and a map of the places."""
    return render(request, "places/home.html", {"form": SearchForm(), "with_map": True})


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """List the places within N minutes of a commune or a position, nearest first (GET, no JS needed)."""
    params = request.GET.copy()
    if not params.get("minutes"):
        params["minutes"] = str(SearchForm.base_fields["minutes"].initial)
    form = SearchForm(params)
    if not form.is_valid():
        return render(request, "places/home.html", {"form": form, "with_map": False}, status=400)
    data = form.cleaned_data
    minutes = data["minutes"]
    if data["position"] is not None:
        origin = selectors.Origin(point=data["position"], commune=None, label=str(_("votre position")))
    else:
        try:
            origin = selectors.resolve_origin(data["q"])
        except selectors.UnknownPlaceOrigin as exc:
            return render(
                request,
                "places/suggestions.html",
                {
                    "form": form,
                    "query": data["q"],
                    "suggestions": exc.suggestions,
                    "params": _without(request, "q", "position", "page"),
                },
            )
        except DomainError as exc:
            form.add_error("q", exc.errors.get("near", [exc.message])[0])
            return render(request, "places/home.html", {"form": form, "with_map": False}, status=400)
    hits = selectors.places_near(
        origin=origin.point,
        origin_elevation=origin.elevation,
        within_minutes=minutes,
        typologies=data["typology"],
        services=data["services"],
        open_on=data["open_on"],
        max_day_price=data.get("max_day_price"),
    )
    page = Paginator(hits, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "origin": origin,
        "minutes": minutes,
        "count": len(hits),
        "hits": page.object_list,
        "page": page,
        "page_query": _without(request, "page"),
        "engine": get_engine().name,
        "points": _map_points(list(page.object_list)),
        "center": {"lat": origin.point[0], "lon": origin.point[1]},
        "with_map": bool(hits),
        "filtered": bool(
            data["typology"] or data["services"] or data["open_on"] or data.get("max_day_price")
        ),
    }
    return render(request, "places/results.html", context)


def _without(request: HttpRequest, *names: str) -> str:
    """Return the query string without the parameters named, to build links to other pages."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@require_GET
def commune_options(request: HttpRequest) -> HttpResponse:
    """Return <option> elements for the commune <datalist> (fetched as the person types)."""
    communes = commune_search(request.GET.get("q", "")[:120], limit=8)
    return render(request, "places/partials/_commune_options.html", {"communes": communes})


@require_GET
def map_points(request: HttpRequest) -> JsonResponse:
    """Return every visible place as [lat, lon, name, url], compact, for the home page map."""
    places = selectors.visible_places().values_list("latitude", "longitude", "name", "slug")
    prefix = reverse("places:place", kwargs={"slug": "x"})[:-2]
    rows = [[round(lat, 5), round(lon, 5), name, f"{prefix}{slug}/"] for lat, lon, name, slug in places]
    return JsonResponse({"places": rows})


LAYOUT_LABELS = {
    "coworking": _("en coworking"),
    "reunion": _("en réunion"),
    "meeting": _("en réunion"),
    "conference": _("en conférence"),
    "classroom": _("en classe"),
    "classe": _("en classe"),
    "u": _("en U"),
    "theatre": _("en théâtre"),
}


def _layouts(layouts: dict[str, Any] | None) -> list[tuple[str, Any]]:
    return [(str(LAYOUT_LABELS.get(k.lower(), k)), n) for k, n in (layouts or {}).items()]


@require_GET
def place_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Show a place: services, hours in words and open now, resources, contact, how to get there."""
    place = selectors.place_detail(slug)
    if place is None:
        raise Http404
    lang = (get_language() or "fr")[:2]
    context = {
        "place": place,
        "services": list(place.services.all()),
        "lang": lang,
        "hours_text": hours.describe(place.opening_hours, lang, department=hours.department_of(place)),
        "open_now": hours.is_open_at(
            place.opening_hours, timezone.now(), department=hours.department_of(place)
        ),
        "resources": [(r, _layouts(r.layouts)) for r in place.resources.all()],
        "points": [{"lat": place.latitude, "lon": place.longitude, "name": place.name, "url": ""}],
        "center": {"lat": place.latitude, "lon": place.longitude},
        "with_map": True,
        "can_manage": permissions.can_manage_place(request.user, place),
    }
    zone = for_department(hours.department_of(place))
    if zone != PARIS:
        with timezone.override(zone):
            context["local_time"] = formatting.time(timezone.now())
    with timezone.override(zone):
        return render(request, "places/place_detail.html", context)


@require_GET
def network_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Show a network and its places."""
    network = selectors.network_detail(slug)
    if network is None:
        raise Http404
    places = getattr(network, "visible_places", [])
    context = {
        "network": network,
        "places": places,
        "points": _map_points(places),
        "with_map": bool(places),
        "can_oversee": permissions.can_oversee_network(request.user, network),
    }
    return render(request, "places/network_detail.html", context)
