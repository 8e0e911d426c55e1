"""API schemas shared by every app."""

from ninja import Schema


class ErrorOut(Schema):
    """Every API error: a message and the errors per field."""

    detail: str
    errors: dict[str, list[str]] = {}
