"""Form fields shared by the apps' pages.

Decimal numbers on pages are typed the French way ("12,50", "1 234,50"). A browser's
``<input type="number">`` refuses a comma (Chromium then sends an empty value and the person reads
"Ce champ est obligatoire."), so decimal fields use a text input with a numeric keypad and accept
both separators; they show values in the active language's format ("12,50" in French).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils import formats

_SPACES = re.compile(r"\s+")  # also the no-break and narrow no-break spaces of French grouping


def normalize_number(value: str) -> str:
    """Return ``value`` with "." as decimal separator and no grouping ("1 234,50" -> "1234.50").

    The last of "," and "." is the decimal separator when both are there ("1.234,50", "1,234.50");
    a lone comma is a decimal comma. A trailing euro sign is dropped. What stays unparsable is left
    for the field to refuse.
    """
    text = _SPACES.sub("", value.strip().removesuffix("€")).replace("\u2212", "-")
    if "," in text and "." in text:
        grouping = "." if text.rfind(",") > text.rfind(".") else ","
        text = text.replace(grouping, "")
    if text.count(",") == 1:
        text = text.replace(",", ".")
    return text


class DecimalInput(forms.TextInput):
    """A text input with the numeric keypad (comma included) on phones; no browser-side parsing."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, str) and self.is_localized:
            # A re-shown form echoes what was typed: put a valid number back in the local format.
            try:
                number = Decimal(normalize_number(value))
            except InvalidOperation:
                return value
            return formats.localize_input(number) if number.is_finite() else value
        return super().format_value(value)


class _LocalizedNumber:
    widget = DecimalInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)  # type: ignore[call-arg]

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = normalize_number(value)
        return super().to_python(value)  # type: ignore[misc]


class LocalDecimalField(_LocalizedNumber, forms.DecimalField):
    """A DecimalField for pages: "12,50", "12.50" and "1 234,50" give the same Decimal."""


class LocalFloatField(_LocalizedNumber, forms.FloatField):
    """A FloatField for pages (speeds, Mb/s), with the same French-friendly input."""


class IntegerInput(DecimalInput):
    """A text input with the digits keypad: "20 000" can be typed, which ``type=number`` refuses."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "numeric", **(attrs or {})})


class LocalIntegerField(forms.IntegerField):
    """An IntegerField for pages: "20 000", "20\u202f000" and "20000" give 20000."""

    widget = IntegerInput

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = _SPACES.sub("", value.strip())
        return super().to_python(value)


def add_domain_errors(
    form: forms.Form, exc: Any, *, fields: dict[str, str] | None = None, always_summary: bool = False
) -> None:
    """Show a service's refusal (a ``DomainError``) on a page form, in French, where it belongs.

    Errors about a field of the form go under that field, the others on top of the form; the
    summary message is shown too when no error landed on a field (unless it repeats one of them),
    or first on top whatever the errors with ``always_summary``. ``fields`` names the form field of
    a service's field when they differ (``{"password": "password1"}``).
    """
    if always_summary:
        form.add_error(None, exc.message)
    placed = always_summary
    for name, messages in (exc.errors or {}).items():
        field = (fields or {}).get(name, name)
        on_field = field in form.fields
        placed = placed or on_field
        for message in messages:
            form.add_error(field if on_field else None, message)
    listed = [str(m) for msgs in (exc.errors or {}).values() for m in msgs]
    if not placed and str(exc.message) not in listed:
        form.add_error(None, exc.message)
