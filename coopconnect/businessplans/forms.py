"""Forms of the business-plan pages."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from coopconnect.businessplans.compute import ChargeLine, MemberLine, OccasionalLine, PlanInput
from coopconnect.businessplans.models import ChargeKind, IncomeKind
from coopconnect.core.forms import LocalDecimalField

MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": Decimal(0)}


class PlanForm(forms.Form):
    name = forms.CharField(label=_("Nom du plan"), max_length=200)
    commune = forms.CharField(
        label=_("Commune du site (nom, code postal ou code INSEE)"), max_length=120, required=False
    )
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ScenarioForm(forms.Form):
    name = forms.CharField(label=_("Nom du scénario"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    occupancy_rate = LocalDecimalField(
        label=_("Taux de remplissage (%)"), max_digits=5, decimal_places=2, min_value=0, max_value=100
    )
    seats = forms.IntegerField(label=_("Nombre de places"), min_value=1, required=False)
    open_days_per_week = LocalDecimalField(
        label=_("Jours d'ouverture par semaine"),
        max_digits=3,
        decimal_places=1,
        min_value=Decimal("0.5"),
        max_value=7,
    )


class ChargeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=ChargeKind.choices)
    label = forms.CharField(label=_("Libellé"), max_length=200, required=False)
    amount = LocalDecimalField(label=_("Montant annuel (€)"), required=False, **MONEY)
    investment = LocalDecimalField(label=_("Investissement (€)"), required=False, **MONEY)
    years = forms.IntegerField(label=_("Durée (ans)"), min_value=1, max_value=50, required=False)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("investment") is not None and not data.get("years"):
            self.add_error("years", _("Indiquez la durée d'amortissement."))
        return data


class IncomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=[("", "—"), *IncomeKind.choices])
    label = forms.CharField(label=_("Libellé"), max_length=200)
    count = forms.IntegerField(label=_("Nombre"), min_value=0)
    unit_price = LocalDecimalField(label=_("Prix (€)"), **MONEY)
    months = forms.IntegerField(label=_("Mois facturés"), min_value=0, max_value=12, required=False)
    days_per_week = LocalDecimalField(
        label=_("Jours par semaine"), max_digits=3, decimal_places=1, min_value=0, max_value=7, required=False
    )


ChargeFormSet = forms.formset_factory(ChargeForm, extra=0, can_delete=True)
IncomeFormSet = forms.formset_factory(IncomeForm, extra=2, can_delete=True)


def plan_input_from_forms(
    scenario_form: ScenarioForm, charges: forms.BaseFormSet, income: forms.BaseFormSet
) -> PlanInput:
    """Build the computation input from valid forms (deleted and blank rows skipped)."""
    charge_lines = []
    for f in charges:
        d = f.cleaned_data
        if not d or d.get("DELETE"):
            continue
        charge_lines.append(
            ChargeLine(
                d["kind"],
                d.get("label") or "",
                d.get("amount") or Decimal(0),
                d.get("investment"),
                d.get("years"),
            )
        )
    members, occasional = [], []
    for f in income:
        d = f.cleaned_data
        if not d or d.get("DELETE"):
            continue
        if d["kind"] == IncomeKind.MEMBER:
            months = d["months"] if d.get("months") is not None else 12
            members.append(
                MemberLine(
                    d["label"], d["count"], d["unit_price"], months, d.get("days_per_week") or Decimal(0)
                )
            )
        else:
            occasional.append(OccasionalLine(d["label"], d["count"], d["unit_price"], d["kind"]))
    s = scenario_form.cleaned_data
    return PlanInput(
        name=s["name"],
        charges=tuple(charge_lines),
        members=tuple(members),
        occasional=tuple(occasional),
        occupancy_rate=s["occupancy_rate"],
        seats=s.get("seats"),
        open_days_per_week=s["open_days_per_week"],
    )
