"""Places as plain data: API rows, GeoJSON, CSV and the data·inclusion structure schema."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from pydantic import TypeAdapter, ValidationError
from pydantic.networks import EmailStr, HttpUrl

from coopconnect.places import hours
from coopconnect.places.models import LegalForm, Place, Typology
from coopconnect.places.selectors import PlaceHit

DATA_INCLUSION_SOURCE = "coop-connect"
CENSUS_CREDIT = "CGET – Mission Coworking, base des tiers-lieux 2019 (Licence Ouverte 2.0)"

_URL = TypeAdapter(HttpUrl)
_EMAIL = TypeAdapter(EmailStr)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)

# data·inclusion's ``reseaux_porteurs`` values that our typologies and legal forms imply.
_RESEAUX_BY_TYPOLOGY: dict[str, str] = {
    Typology.PUBLIC_SERVICES.value: "france-service",
    Typology.EPN.value: "espaces-publics-numeriques",
}
_RESEAUX_BY_LEGAL_FORM: dict[str, str] = {
    LegalForm.COMMUNE.value: "communes",
    LegalForm.CHAMBER.value: "chambres-consulaires",
}


def place_url(place: Place) -> str:
    """Return the path of the public page of a place."""
    return reverse("places:place", kwargs={"slug": place.slug})


def photo_ref(place: Place) -> dict[str, Any] | None:
    """Return the paths and size of a place's photo (WebP, two widths), or None."""
    if not place.photo:
        return None

    def path(field: Any) -> str:
        return reverse("places:photo", kwargs={"slug": place.slug, "name": field.name.rsplit("/", 1)[-1]})

    return {
        "url": path(place.photo),
        "small_url": path(place.photo_small or place.photo),
        "width": place.photo_width,
        "height": place.photo_height,
    }


def commune_ref(place: Place) -> dict[str, str] | None:
    """Return the commune of a place as a small dict, or None."""
    c = place.commune
    return None if c is None else {"insee": c.insee, "name": c.name, "department": c.department_id}


def place_row(place: Place, hit: PlaceHit | None = None) -> dict[str, Any]:
    """Return the list fields of a place (and its travel leg when found by a search)."""
    return {
        "id": place.pk,
        "slug": place.slug,
        "name": place.name,
        "typology": place.typology,
        "typology_label": str(place.get_typology_display()),
        "commune": commune_ref(place),
        "postcode": place.postcode,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "services": [s.code for s in place.services.all()],
        "url": place_url(place),
        "travel_minutes": hit.travel_minutes if hit else None,
        "distance_km": hit.distance_km if hit else None,
        "travel_method": hit.method if hit else None,
    }


def place_full(place: Place, *, lang: str = "fr") -> dict[str, Any]:
    """Return every public field of a place, hours in words and whether it is open now."""
    return {
        **place_row(place),
        "carrier_name": place.carrier_name,
        "legal_form": place.legal_form,
        "address": place.address,
        "opening_hours": place.opening_hours,
        "hours_text": hours.describe(place.opening_hours, lang, department=hours.department_of(place)),
        "open_now": hours.is_open_at(
            place.opening_hours, timezone.now(), department=hours.department_of(place)
        ),
        "access_mode": place.access_mode,
        "wifi_mbps": place.wifi_mbps,
        "description": place.description,
        "phone": place.phone,
        "email": place.email,
        "website": place.website,
        "how_to_get_there": place.how_to_get_there,
        "popup_start": place.popup_start.isoformat() if place.popup_start else None,
        "popup_end": place.popup_end.isoformat() if place.popup_end else None,
        "by_appointment": place.by_appointment,
        "photo": photo_ref(place),
        "networks": [{"id": n.pk, "slug": n.slug, "name": n.name} for n in place.networks.all()],
        "resources": [
            {
                "id": r.pk,
                "kind": r.kind,
                "kind_label": str(r.get_kind_display()),
                "name": r.name,
                "capacity": r.capacity,
                "layouts": {str(k): int(v) for k, v in (r.layouts or {}).items()},
            }
            for r in place.resources.all()
        ],
    }


def _rows(places: Sequence[Place] | Sequence[PlaceHit]) -> Iterable[tuple[Place, PlaceHit | None]]:
    for item in places:
        if isinstance(item, PlaceHit):
            yield item.place, item
        else:
            yield item, None


def to_geojson(places: Sequence[Place] | Sequence[PlaceHit]) -> dict[str, Any]:
    """Return a GeoJSON FeatureCollection (RFC 7946: coordinates are [longitude, latitude])."""
    features = []
    for place, hit in _rows(places):
        props = place_row(place, hit)
        props["url"] = settings.SITE_URL.rstrip("/") + props["url"]
        features.append(
            {
                "type": "Feature",
                "id": place.pk,
                "geometry": {"type": "Point", "coordinates": [place.longitude, place.latitude]},
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": features}


CSV_COLUMNS = [
    "id", "slug", "name", "typology", "commune_insee", "commune", "postcode", "address", "latitude",
    "longitude", "services", "opening_hours", "phone", "email", "website", "url", "travel_minutes",
    "distance_km", "travel_method",
]  # fmt: skip


def to_csv(places: Sequence[Place] | Sequence[PlaceHit]) -> str:
    """Return the places as UTF-8 CSV text with a header row (services joined by "|")."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    base = settings.SITE_URL.rstrip("/")
    for place, hit in _rows(places):
        writer.writerow(
            [
                place.pk, place.slug, place.name, place.typology,
                place.commune.insee if place.commune else "", place.commune.name if place.commune else "",
                place.postcode, place.address, place.latitude, place.longitude,
                "|".join(s.code for s in place.services.all()), place.opening_hours, place.phone,
                place.email, place.website, base + place_url(place),
                hit.travel_minutes if hit else "", hit.distance_km if hit else "", hit.method if hit else "",
            ]
        )  # fmt: skip
    return out.getvalue()


def _valid_url(value: str) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    if not _SCHEME.match(value):
        value = "https://" + value
    try:
        return str(_URL.validate_python(value))
    except ValidationError:
        return None


def _valid_email(value: str) -> str | None:
    try:
        return str(_EMAIL.validate_python(value)) if value else None
    except ValidationError:
        return None


def _di_name(place: Place) -> str:
    # The schema wants 3 to 150 characters not ending with a full stop.
    name = " ".join(place.name.split()).rstrip(". ")
    if len(name) < 3 and place.commune is not None:
        name = f"{name} – {place.commune.name}"
    if len(name) < 3:
        name = f"{name} – tiers-lieu"
    return name[:150].rstrip(". ")


def to_data_inclusion(place: Place) -> dict[str, Any]:
    """Return a place as a data·inclusion ``Structure`` (v1) dict; invalid optional values are left out."""
    reseaux = sorted(
        {
            r
            for r in (_RESEAUX_BY_TYPOLOGY.get(place.typology), _RESEAUX_BY_LEGAL_FORM.get(place.legal_form))
            if r
        }
    )
    postcode = place.postcode if re.fullmatch(r"\d{5}", place.postcode or "") else None
    return {
        "source": DATA_INCLUSION_SOURCE,
        "id": f"{DATA_INCLUSION_SOURCE}--{place.pk}",
        "nom": _di_name(place),
        "date_maj": timezone.localdate(place.updated_at).isoformat(),
        "description": place.description or None,
        "lien_source": settings.SITE_URL.rstrip("/") + place_url(place),
        "siret": place.siret if re.fullmatch(r"\d{14}", place.siret or "") else None,
        "commune": place.commune.name if place.commune else None,
        "code_postal": postcode,
        "code_insee": place.commune.insee if place.commune else None,
        "adresse": place.address or None,
        "complement_adresse": None,
        "longitude": place.longitude,
        "latitude": place.latitude,
        "telephone": place.phone or None,
        "courriel": _valid_email(place.email),
        "site_web": _valid_url(place.website),
        "horaires_accueil": place.opening_hours or None,
        "accessibilite_lieu": None,
        "reseaux_porteurs": reseaux or None,
    }
