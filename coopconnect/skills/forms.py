"""Plain forms of the knowledge swap pages (they work without JavaScript)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coopconnect.core.errors import DomainError
from coopconnect.forums.forms import text_field
from coopconnect.skills.models import Visibility


def resolve_commune_field(value: str) -> Any:
    """Return the commune typed (name or INSEE code), None when empty; raise DomainError when unknown."""
    from coopconnect.territory.selectors import commune_by_insee, resolve_commune

    value = (value or "").strip()
    if not value:
        return None
    commune = commune_by_insee(value)
    if commune is None:
        commune, suggestions = resolve_commune(value)
    if commune is None:
        hint = ", ".join(f"{c.name} ({c.department_id})" for c in suggestions[:5])
        message = gettext("Commune inconnue ou ambiguë : « %(q)s ».") % {"q": value}
        raise DomainError(message, {"commune": [message + (f" {hint}" if hint else "")]})
    return commune


class SkillSearchForm(forms.Form):
    skill = forms.CharField(label=_("Compétence"), max_length=80, required=False)
    near = forms.CharField(label=_("Près de (commune)"), max_length=80, required=False)
    within_minutes = forms.IntegerField(
        label=_("À moins de (minutes en voiture)"), min_value=5, max_value=120, required=False, initial=30
    )


class ProfileForm(forms.Form):
    headline = forms.CharField(label=_("Accroche"), max_length=140, help_text=_("Ex. : Graphiste à Nogaro"))
    skills = forms.CharField(
        label=_("Compétences"),
        max_length=1000,
        help_text=_("Séparées par des virgules. Ex. : graphisme, WordPress, comptabilité"),
    )
    offers = text_field(_("Ce que je propose"), 2000, required=False)
    seeks = text_field(_("Ce que je cherche"), 2000, required=False)
    commune = forms.CharField(
        label=_("Commune (facultatif)"), max_length=80, required=False, help_text=_("Nom ou code INSEE")
    )
    visibility = forms.ChoiceField(label=_("Qui voit mon profil ?"), choices=Visibility.choices)
    is_active = forms.BooleanField(label=_("Publier mon profil"), required=False, initial=True)


class ContactForm(forms.Form):
    subject = forms.CharField(label=_("Objet"), max_length=140)
    body = text_field(_("Message"), 4000)


class AnswerForm(forms.Form):
    answer = text_field(_("Votre réponse"), 4000)
