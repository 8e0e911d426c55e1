"""Public API of the price lists (mounted under /api/v1/): a place's tariffs, HT and VAT included."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from coopconnect.billing.price_list import public_tariffs
from coopconnect.billing.schemas import PlaceTariffsOut
from coopconnect.core.errors import NotFound
from coopconnect.core.schemas import ErrorOut
from coopconnect.places.models import Place

router = Router(tags=["billing"])


@router.get(
    "/places/{int:place_id}/tariffs",
    response={200: PlaceTariffsOut, 404: ErrorOut},
    summary="Tarifs d'un lieu (HT pour les entreprises, TTC pour les particuliers)",
)
def place_tariffs(request: HttpRequest, place_id: int) -> dict[str, Any]:
    """Return the tariffs valid today at a published place: its own and its networks'."""
    place = Place.objects.filter(pk=place_id, is_published=True).first()
    if place is None:
        raise NotFound("Lieu introuvable.", {"place_id": ["Aucun lieu publié ne porte cet identifiant."]})
    rows = []
    for row in public_tariffs(place):
        t = row.tariff
        rows.append(
            {
                "code": t.code,
                "label": t.label,
                "kind": t.kind,
                "unit": t.unit,
                "resource_kind": t.resource_kind,
                "audience": t.audience,
                "price_ht": row.price_ht,
                "vat_rate": t.vat_rate,
                "vat_exempt": t.vat_exempt,
                "price_ttc": row.price_ttc,
                "days_per_month": t.days_per_month,
                "days_per_week": t.days_per_week,
                "min_commitment_months": t.min_commitment_months,
                "network": t.network.name if t.network is not None else None,
                "valid_from": t.valid_from,
                "valid_until": t.valid_until,
            }
        )
    return {"place_id": place.pk, "place": place.name, "tariffs": rows}
