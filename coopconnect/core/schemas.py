"""API schemas shared by every app."""

from ninja import Schema
from pydantic import Field


class ErrorOut(Schema):
    """Every API error: an RFC 9457 problem (type, title, status, detail) and the errors per field."""

    type: str = Field("about:blank", description="URI du type de problème (RFC 9457).")
    title: str = Field("", description="Intitulé court du statut.", examples=["Données invalides"])
    status: int = Field(0, description="Statut HTTP de la réponse.", examples=[422])
    detail: str = Field(description="Ce qui s'est passé, en français.", examples=["Données invalides."])
    errors: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Messages par champ (nom du champ → liste de messages).",
        examples=[{"date": ["Saisissez une date valide."]}],
    )
