"""Page forms (labels in French; services do the business validation)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from coopconnect.payments.models import StatementFormat
from coopconnect.payments.services.collections import RETURN_LABELS

SELF = "self"


class MandateForm(forms.Form):
    issuer = forms.TypedChoiceField(label=_("Créancier"), coerce=int)
    debtor = forms.ChoiceField(label=_("Débiteur"))
    holder_name = forms.CharField(label=_("Titulaire du compte"), max_length=70)
    iban = forms.CharField(label=_("IBAN"), max_length=42)
    bic = forms.CharField(label=_("BIC (facultatif)"), max_length=11, required=False)
    accepted = forms.BooleanField(label=_("J'accepte les termes du mandat ci-dessus."), required=False)

    def __init__(self, *args: Any, issuers: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuer"].choices = [(i.pk, i.name) for i in issuers]
        self.fields["debtor"].choices = [(SELF, _("Moi-même")), *[(str(o.pk), o.name) for o in organisations]]


class CreditorForm(forms.Form):
    identifier = forms.CharField(label=_("Identifiant créancier SEPA (ICS)"), max_length=35)


def date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReturnForm(forms.Form):
    debit = forms.TypedChoiceField(label=_("Prélèvement"), coerce=int)
    returned_on = forms.DateField(label=_("Rejeté le"), widget=date_widget())
    reason_code = forms.ChoiceField(
        label=_("Motif"),
        choices=[(code, format_lazy("{} — {}", code, label)) for code, label in RETURN_LABELS.items()],
    )

    def __init__(self, *args: Any, debits: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["debit"].choices = [
            (d.pk, f"{d.invoice.number} — {d.mandate.holder_name}") for d in debits
        ]


class StatementForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=StatementFormat.choices)
    file = forms.FileField(label=_("Relevé bancaire"))


class AssignForm(forms.Form):
    line = forms.IntegerField(widget=forms.HiddenInput)
    invoice = forms.CharField(label=_("N° de facture"), max_length=30)


class IgnoreForm(forms.Form):
    line = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Motif"), max_length=200, required=False)
