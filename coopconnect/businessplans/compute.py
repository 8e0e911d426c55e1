"""Business plan of a third place: yearly charges, income, result, break-even and sensitivity.

Pure computation on dataclasses (no database). Every amount is a ``Decimal`` in euros.

The model, stated once so that every figure can be explained:

- a charge line is a yearly amount; equipment depreciation is ``investment / years``;
- a member category brings ``count × monthly price × months``; occasional days and half-days bring
  ``count × unit price``;
- ``occupancy_rate`` is the average filling (0–100 %) at which the member lines are expected, as in the
  study ("pour un taux de remplissage à 70 % en moyenne, sur la base des travailleurs réguliers en
  contrat annuel"); with ``seats`` and ``open_days_per_week`` the filling implied by the regular members
  (``Σ count × days a week / (seats × open days)``) is computed too and compared with it;
- the sensitivity of the result to occupancy assumes member income proportional to occupancy
  (``member income × o / occupancy_rate``), occasional income and charges unchanged;
- the break-even number of members is the smallest number of regular members, each bringing the plan's
  average yearly subscription, whose income covers the charges left after occasional income.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopconnect.core import formatting
from coopconnect.core.errors import DomainError
from coopconnect.core.money import round_cents

StrOrPromise = str | Promise
HUNDRED = Decimal(100)

# (key, label, group): group "place" is the study's "Sous-total lieu équipé", "operation" its "Sous-total 2".
CHARGE_KINDS: tuple[tuple[str, StrOrPromise, str], ...] = (
    ("rent", gettext_lazy("Loyer"), "place"),
    ("insurance", gettext_lazy("Assurances"), "place"),
    ("energy", gettext_lazy("Énergie (dont chauffage)"), "place"),
    ("water", gettext_lazy("Eau"), "place"),
    ("cleaning", gettext_lazy("Ménage"), "place"),
    ("telecom", gettext_lazy("Internet haut débit et téléphone"), "place"),
    ("copier", gettext_lazy("Copieur connecté"), "place"),
    ("depreciation", gettext_lazy("Amortissement aménagement / équipement"), "place"),
    ("consumables", gettext_lazy("Consommables"), "place"),
    ("staff", gettext_lazy("Personnel"), "operation"),
    ("communication", gettext_lazy("Communication"), "operation"),
    ("contingency", gettext_lazy("Imprévus"), "operation"),
)
CHARGE_GROUP = {key: group for key, _label, group in CHARGE_KINDS}
CHARGE_LABEL = {key: label for key, label, _group in CHARGE_KINDS}

OCCASIONAL_KINDS: tuple[tuple[str, StrOrPromise], ...] = (
    ("day", gettext_lazy("Journée")),
    ("half_day", gettext_lazy("Demi-journée")),
)
SENSITIVITY_STEPS = tuple(range(0, 101, 10))
OCCUPANCY_GAP_WARNING = Decimal(10)


@dataclass(frozen=True)
class ChargeLine:
    """A yearly charge; a depreciation line may give ``investment`` and ``years`` instead of ``amount``."""

    kind: str
    label: str = ""
    amount: Decimal = Decimal(0)
    investment: Decimal | None = None
    years: int | None = None

    def yearly(self) -> Decimal:
        if self.investment is not None and self.years:
            return round_cents(self.investment / Decimal(self.years))
        return round_cents(self.amount)


@dataclass(frozen=True)
class MemberLine:
    """A category of regular members on a yearly contract: count × monthly price × months."""

    label: str
    count: int
    monthly_price: Decimal
    months: int = 12
    days_per_week: Decimal = Decimal(0)


@dataclass(frozen=True)
class OccasionalLine:
    """Occasional days or half-days sold in a year: count × unit price."""

    label: str
    count: int
    unit_price: Decimal
    kind: str = "day"


@dataclass(frozen=True)
class PlanInput:
    """One scenario of a business plan."""

    name: str
    charges: tuple[ChargeLine, ...]
    members: tuple[MemberLine, ...]
    occasional: tuple[OccasionalLine, ...]
    occupancy_rate: Decimal = Decimal(70)
    seats: int | None = None
    open_days_per_week: Decimal = Decimal(5)


@dataclass(frozen=True)
class LineOut:
    """A computed line: its label, its yearly amount and how it was obtained."""

    label: str
    amount: Decimal
    formula: str
    kind: str = ""


@dataclass(frozen=True)
class SensitivityPoint:
    occupancy: Decimal
    result: Decimal


@dataclass(frozen=True)
class PlanResult:
    """Everything a business-plan page, chart or API answer shows."""

    name: str
    charges: list[LineOut]
    place_subtotal: Decimal
    operation_subtotal: Decimal
    total_charges: Decimal
    members: list[LineOut]
    occasional: list[LineOut]
    member_income: Decimal
    occasional_income: Decimal
    total_income: Decimal
    result: Decimal
    occupancy_rate: Decimal
    members_count: int
    average_member_income: Decimal | None
    break_even_members: int | None
    break_even_occupancy: Decimal | None
    implied_occupancy: Decimal | None
    sensitivity: list[SensitivityPoint]
    warnings: list[str] = field(default_factory=list)


def validate(plan: PlanInput) -> dict[str, list[str]]:
    """Return the field errors of a scenario (empty when it can be computed)."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if not Decimal(0) <= plan.occupancy_rate <= HUNDRED:
        add("occupancy_rate", _("Le taux de remplissage doit être compris entre 0 et 100 %."))
    if plan.seats is not None and plan.seats < 1:
        add("seats", _("Le nombre de places doit être d'au moins 1."))
    if not Decimal(0) < plan.open_days_per_week <= 7:
        add(
            "open_days_per_week",
            _("Le nombre de jours d'ouverture par semaine doit être compris entre 1 et 7."),
        )
    for i, c in enumerate(plan.charges):
        if c.kind not in CHARGE_GROUP:
            add(f"charges.{i}.kind", _("Type de charge inconnu : %(kind)s.") % {"kind": c.kind})
        if c.amount < 0:
            add(f"charges.{i}.amount", _("Un montant ne peut pas être négatif."))
        if c.investment is not None and c.investment < 0:
            add(f"charges.{i}.investment", _("Un investissement ne peut pas être négatif."))
        if c.investment is not None and (c.years is None or c.years < 1):
            add(f"charges.{i}.years", _("La durée d'amortissement doit être d'au moins 1 an."))
    for i, m in enumerate(plan.members):
        if m.count < 0:
            add(f"members.{i}.count", _("Un nombre d'adhérents ne peut pas être négatif."))
        if m.monthly_price < 0:
            add(f"members.{i}.monthly_price", _("Un prix ne peut pas être négatif."))
        if not 0 <= m.months <= 12:
            add(f"members.{i}.months", _("Le nombre de mois doit être compris entre 0 et 12."))
        if not Decimal(0) <= m.days_per_week <= 7:
            add(
                f"members.{i}.days_per_week",
                _("Le nombre de jours par semaine doit être compris entre 0 et 7."),
            )
    for i, o in enumerate(plan.occasional):
        if o.count < 0:
            add(f"occasional.{i}.count", _("Un nombre de journées ne peut pas être négatif."))
        if o.unit_price < 0:
            add(f"occasional.{i}.unit_price", _("Un prix ne peut pas être négatif."))
    if plan.occupancy_rate == 0 and any(m.count * m.monthly_price * m.months > 0 for m in plan.members):
        add(
            "occupancy_rate",
            _("Un taux de remplissage nul est incompatible avec des adhérents réguliers payants."),
        )
    return errors


def compute(plan: PlanInput) -> PlanResult:
    """Compute a scenario; raise DomainError with field errors when an input is out of range."""
    errors = validate(plan)
    if errors:
        raise DomainError(_("Le plan d'affaires contient des valeurs invalides."), errors)

    charges: list[LineOut] = []
    subtotals = {"place": Decimal(0), "operation": Decimal(0)}
    for c in plan.charges:
        amount = c.yearly()
        label = c.label or str(CHARGE_LABEL[c.kind])
        if c.investment is not None and c.years:
            formula = _("%(investment)s sur %(years)s ans") % {
                "investment": formatting.money(c.investment),
                "years": c.years,
            }
        else:
            formula = _("montant annuel")
        charges.append(LineOut(label=label, amount=amount, formula=formula, kind=c.kind))
        subtotals[CHARGE_GROUP[c.kind]] += amount
    total_charges = subtotals["place"] + subtotals["operation"]

    members: list[LineOut] = []
    for m in plan.members:
        amount = round_cents(m.count * m.monthly_price * m.months)
        formula = _("%(count)s × %(price)s par mois × %(months)s mois") % {
            "count": m.count,
            "price": formatting.money(m.monthly_price),
            "months": m.months,
        }
        members.append(LineOut(label=m.label, amount=amount, formula=formula, kind="member"))
    occasional: list[LineOut] = []
    for o in plan.occasional:
        amount = round_cents(o.count * o.unit_price)
        formula = _("%(count)s × %(price)s") % {"count": o.count, "price": formatting.money(o.unit_price)}
        occasional.append(LineOut(label=o.label, amount=amount, formula=formula, kind=o.kind))
    member_income = sum((line.amount for line in members), Decimal(0))
    occasional_income = sum((line.amount for line in occasional), Decimal(0))
    total_income = member_income + occasional_income
    result = total_income - total_charges

    members_count = sum(m.count for m in plan.members)
    average = round_cents(member_income / members_count) if members_count and member_income else None
    to_cover = total_charges - occasional_income
    if average is None:
        break_even_members = None if to_cover > 0 else 0
    elif to_cover <= 0:
        break_even_members = 0
    else:
        # Exact division (not the rounded average) so that 11 040 € over 11 members gives 11, not 12.
        break_even_members = math.ceil(to_cover * members_count / member_income)
    break_even_occupancy = None
    if member_income > 0 and plan.occupancy_rate > 0:
        break_even_occupancy = (max(to_cover, Decimal(0)) * plan.occupancy_rate / member_income).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    warnings: list[str] = []
    implied = None
    if plan.seats:
        used = sum((m.count * m.days_per_week for m in plan.members), Decimal(0))
        implied = (used * HUNDRED / (plan.seats * plan.open_days_per_week)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
        if implied > HUNDRED:
            warnings.append(
                _(
                    "Les adhérents réguliers occupent %(implied)s %% des places : "
                    "plus que la capacité du lieu."
                )
                % {"implied": formatting.number(implied, decimals=1)}
            )
        elif abs(implied - plan.occupancy_rate) > OCCUPANCY_GAP_WARNING:
            warnings.append(
                _(
                    "Les adhérents réguliers occupent %(implied)s %% des places, loin du taux de remplissage "
                    "retenu (%(rate)s %%)."
                )
                % {
                    "implied": formatting.number(implied, decimals=1),
                    "rate": formatting.number(plan.occupancy_rate, decimals=1),
                }
            )
    if result < 0:
        warnings.append(_("Le résultat annuel est négatif : les produits ne couvrent pas les charges."))

    sensitivity = []
    for step in SENSITIVITY_STEPS:
        occupancy = Decimal(step)
        scaled = member_income * occupancy / plan.occupancy_rate if plan.occupancy_rate else Decimal(0)
        sensitivity.append(
            SensitivityPoint(
                occupancy=occupancy, result=round_cents(scaled + occasional_income - total_charges)
            )
        )

    return PlanResult(
        name=plan.name,
        charges=charges,
        place_subtotal=subtotals["place"],
        operation_subtotal=subtotals["operation"],
        total_charges=total_charges,
        members=members,
        occasional=occasional,
        member_income=member_income,
        occasional_income=occasional_income,
        total_income=total_income,
        result=result,
        occupancy_rate=plan.occupancy_rate,
        members_count=members_count,
        average_member_income=average,
        break_even_members=break_even_members,
        break_even_occupancy=break_even_occupancy,
        implied_occupancy=implied,
        sensitivity=sensitivity,
        warnings=warnings,
    )
