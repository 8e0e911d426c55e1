"""Page forms (labels in French; services do the business validation)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coopconnect.billing.models import PaymentMethod
from coopconnect.core.forms import LocalDecimalField


def date_widget() -> forms.DateInput:
    """A native date picker; ISO value, since a type=date input drops the French "26/11/2026"."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PaymentForm(forms.Form):
    amount = LocalDecimalField(label=_("Montant reçu (€)"), min_value=0.01, max_digits=12, decimal_places=2)
    method = forms.ChoiceField(label=_("Moyen de paiement"), choices=PaymentMethod.choices)
    received_on = forms.DateField(label=_("Reçu le"), widget=date_widget())
    reference = forms.CharField(label=_("Référence (n° de chèque…)"), required=False, max_length=100)


class RefundForm(forms.Form):
    amount = LocalDecimalField(
        label=_("Montant remboursé (€)"), min_value=0.01, max_digits=12, decimal_places=2
    )
    method = forms.ChoiceField(label=_("Moyen de remboursement"), choices=PaymentMethod.choices)
    refunded_on = forms.DateField(label=_("Remboursé le"), widget=date_widget())
    reference = forms.CharField(
        label=_("Référence (n° de chèque, de virement…)"), required=False, max_length=100
    )


class CreditNoteForm(forms.Form):
    reason = forms.CharField(label=_("Motif de l'avoir"), max_length=300)
    amount_ht = LocalDecimalField(
        label=_("Montant HT (vide : toute la facture)"),
        required=False,
        min_value=0.01,
        max_digits=12,
        decimal_places=2,
    )


class UsageForm(forms.Form):
    member_code = forms.CharField(label=_("Code membre"), max_length=20)
    service_code = forms.ChoiceField(
        label=_("Service"),
        choices=[("print", _("Impressions (pages)")), ("coffee", _("Café")), ("scan", _("Numérisation"))],
    )
    quantity = LocalDecimalField(label=_("Quantité"), min_value=0.01, max_digits=10, decimal_places=2)


class ExportForm(forms.Form):
    start = forms.DateField(label=_("Du"), widget=date_widget())
    end = forms.DateField(label=_("Au"), widget=date_widget())


class QuoteForm(forms.Form):
    resource = forms.IntegerField(label=_("Ressource"), widget=forms.HiddenInput)
    start = forms.DateTimeField(
        label=_("Début"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    end = forms.DateTimeField(label=_("Fin"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    mode = forms.ChoiceField(
        label=_("Chiffrer"),
        required=False,
        initial="marginal",
        choices=[
            ("marginal", _("ce que le créneau ajoute à ma facture (avec mes réservations déjà faites)")),
            ("slots", _("le créneau seul")),
        ],
    )


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail de la personne"))
    tariff = forms.ModelChoiceField(label=_("Formule"), queryset=None)  # type: ignore[arg-type]
    start = forms.DateField(label=_("Début"), widget=date_widget())
    employer_siren = forms.CharField(
        label=_("Payé par l'employeur (SIREN, facultatif)"),
        required=False,
        max_length=9,
        help_text=_("L'employeur doit compter la personne parmi ses membres."),
    )

    def __init__(self, *args, tariffs=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["tariff"].queryset = tariffs


class SubscriptionActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("renew", _("Renouveler")),
            ("pause", _("Mettre en pause")),
            ("resume", _("Reprendre")),
            ("end", _("Terminer")),
        ]
    )
    start = forms.DateField(label=_("À partir du"), required=False, widget=date_widget())
    until = forms.DateField(label=_("Jusqu'au"), required=False, widget=date_widget())


class SelfSubscribeForm(forms.Form):
    """A signed-in person subscribes themself, optionally paid by an employer they administer."""

    tariff = forms.ModelChoiceField(label=_("Formule"), queryset=None)  # type: ignore[arg-type]
    start = forms.DateField(label=_("Début"), widget=date_widget())
    employer = forms.ModelChoiceField(
        label=_("Payée par mon employeur (facultatif)"),
        queryset=None,  # type: ignore[arg-type]
        required=False,
    )

    def __init__(self, *args, tariffs=None, employers=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["tariff"].queryset = tariffs
        self.fields["employer"].queryset = employers
        if not employers.exists():
            del self.fields["employer"]


class EReportingForm(forms.Form):
    start = forms.DateField(label=_("Du"), widget=date_widget())
    end = forms.DateField(label=_("Au"), widget=date_widget())
    format = forms.ChoiceField(label=_("Format"), choices=[("csv", "CSV"), ("json", "JSON")], initial="csv")


class IssuerForm(forms.ModelForm):
    """What future invoices will say of their issuer (the service validates the whole)."""

    share_capital = LocalDecimalField(
        label=_("Capital social (€)"), required=False, min_value=0, max_digits=14, decimal_places=2
    )

    class Meta:
        from coopconnect.billing.models import Issuer

        model = Issuer
        fields = [
            "name", "legal_form", "share_capital", "rcs", "siret", "vat_number", "vat_exempt",
            "vat_on_debits", "address", "postcode", "city", "email", "electronic_address", "iban", "bic",
            "payment_terms_days",
        ]  # fmt: skip

    def _post_clean(self) -> None:
        """Model validation is the service's (``issuer_update``), shown through add_domain_errors."""
