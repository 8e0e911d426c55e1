"""API of a person's data rights: export of everything about me, erasure (mounted by accounts.api)."""

from typing import Any, Literal

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.security import django_auth
from pydantic import Field

from coopconnect.accounts.models import User
from coopconnect.accounts.privacy import selectors, services
from coopconnect.core.schemas import ErrorOut

router = Router(tags=["accounts"])


class EraseIn(Schema):
    password: str = Field(max_length=128, description="Le mot de passe du compte, pour confirmer.")


class ErasedOut(Schema):
    detail: str


@router.get(
    "/me/export",
    response={200: dict[str, Any], 401: ErrorOut},
    auth=django_auth,
    summary="Mes données : tout ce que Coop-connect conserve sur moi",
    description=(
        "Par défaut une archive ZIP (JSON, un CSV par table, les factures émises en PDF) ; "
        "`format=json` rend les tables seules, en JSON."
    ),
    openapi_extra={"x-media": {"200": ["application/zip", "application/json"]}},
)
def export_my_data(request: HttpRequest, format: Literal["zip", "json"] = "zip") -> Any:
    user: User = request.auth  # type: ignore[attr-defined]
    if format == "json":
        return selectors.export_json(user)
    response = HttpResponse(selectors.export_archive(user), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{selectors.export_filename(user)}"'
    return response


@router.post(
    "/me/erase",
    response={200: ErasedOut, 400: ErrorOut, 401: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    auth=django_auth,
    summary="Effacer mes données (les factures restent conservées 10 ans)",
)
def erase_my_data(request: HttpRequest, payload: EraseIn) -> ErasedOut:
    services.person_erase(person=request.auth, password=payload.password)  # type: ignore[attr-defined]
    logout(request)
    return ErasedOut(
        detail=_("Vos données sont effacées. Vos factures restent conservées 10 ans, comme la loi l'exige.")
    )
