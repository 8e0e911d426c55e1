"""Forms of the tool-to-convince pages (GET forms: the pages compute, they change nothing)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coopconnect.core.errors import DomainError
from coopconnect.core.forms import LocalDecimalField, LocalFloatField, LocalIntegerField
from coopconnect.places.models import Place
from coopconnect.planning.catchment.inputs import DEFAULT_MINUTES, MAX_MINUTES, MIN_MINUTES, parse_site
from coopconnect.planning.commute.break_even import BATICOM_SESSION_PRICE
from coopconnect.planning.commute.params import DEFAULT_PARAMS
from coopconnect.planning.criteria.inputs import Thresholds
from coopconnect.planning.criteria.spacing import resolve_pilot_sites
from coopconnect.planning.demand import CHOICES as DEMAND_CHOICES
from coopconnect.planning.demand import DEFAULTS as DEMAND_DEFAULTS
from coopconnect.planning.demand import Demand, choose
from coopconnect.planning.siting.candidates import DEFAULT_MIN_POPULATION, MAX_K
from coopconnect.planning.territories import TERRITORY_HELP, AmbiguousTerritory, parse_territory
from coopconnect.territory import demand as commuting

_T = Thresholds()
TRI_STATE = [("", _("Non renseigné")), ("oui", _("Oui")), ("non", _("Non"))]


def _tri(value: str) -> bool | None:
    return {"oui": True, "non": False}.get(value)


def minutes_field(**kwargs: Any) -> LocalIntegerField:
    """A duration in minutes (1 to 120); left empty, the caller uses the default."""
    kwargs.setdefault("required", False)
    return LocalIntegerField(
        label=kwargs.pop("label", _("Durée maximale en voiture (minutes, 20 par défaut)")),
        min_value=MIN_MINUTES,
        max_value=MAX_MINUTES,
        initial=kwargs.pop("initial", DEFAULT_MINUTES),
        **kwargs,
    )


class SiteField(forms.CharField):
    """A commune (name, INSEE code) or a point "latitude,longitude", cleaned into a Site."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Commune ou point"))
        kwargs.setdefault(
            "help_text", _("Nom de commune, code INSEE ou « latitude,longitude » (ex. 43.6942,5.5017).")
        )
        kwargs.setdefault("max_length", 120)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        if not value:
            return None
        try:
            return parse_site(value)
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc


class CommuneField(SiteField):
    """A commune only (name or INSEE code)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("Nom de commune ou code INSEE."))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Any:
        site = super().clean(value)
        if site is not None and site.is_point:
            raise forms.ValidationError(_("Indiquez une commune (nom ou code INSEE), pas des coordonnées."))
        return None if site is None else site.commune


DEMAND_FIELDS = ["demand", "demand_minutes", "teleworkable_share", "telework_days"]


class DemandFields(forms.Form):
    """The demand choice shared by the planning pages (population, long commuters, potential users)."""

    demand = forms.ChoiceField(
        label=_("Demande à compter"), choices=DEMAND_CHOICES, required=False, initial="population"
    )
    demand_minutes = LocalFloatField(
        label=_("Trajet domicile-travail de plus de (minutes)"),
        min_value=0,
        max_value=240,
        initial=DEMAND_DEFAULTS.min_minutes,
        required=False,
    )
    teleworkable_share = LocalFloatField(
        label=_("Part des emplois télétravaillables (%)"),
        min_value=0,
        max_value=100,
        initial=100 * DEMAND_DEFAULTS.teleworkable_share,
        required=False,
    )
    telework_days = LocalFloatField(
        label=_("Jours par semaine hors du bureau"),
        min_value=0,
        max_value=5,
        initial=DEMAND_DEFAULTS.days_per_week,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields([n for n in self.fields if n not in DEMAND_FIELDS] + DEMAND_FIELDS)
        self.fields["demand"].help_text = (
            _("Fichier MOBPRO de l'Insee importé : les trois demandes sont disponibles.")
            if commuting.source() == "mobpro"
            else _("Aucun fichier MOBPRO importé : la population est comptée quel que soit le choix.")
        )

    def demand_choice(self) -> Demand:
        """Return the chosen demand (DomainError with field errors on a bad parameter)."""
        d = self.cleaned_data
        share = d.get("teleworkable_share")
        return choose(
            d.get("demand") or "population",
            min_minutes=d.get("demand_minutes"),
            teleworkable_share=None if share is None else share / 100,
            days_per_week=d.get("telework_days"),
        )


class AccessForm(DemandFields):
    pass


class CatchmentForm(DemandFields):
    site = SiteField()
    minutes = minutes_field()


class CriteriaForm(DemandFields):
    site = SiteField()
    broadband_mbps = LocalFloatField(label=_("Débit internet du local (Mb/s)"), min_value=0, required=False)
    schools_nearby = forms.ChoiceField(
        label=_("Écoles, collèges ou lycées à proximité"), choices=TRI_STATE, required=False
    )
    shops_nearby = forms.ChoiceField(
        label=_("Commerces du quotidien à proximité"), choices=TRI_STATE, required=False
    )
    transport_or_parking = forms.ChoiceField(
        label=_("Arrêt de transport en commun ou stationnement facile"), choices=TRI_STATE, required=False
    )
    elected_technician_pair = forms.ChoiceField(
        label=_("Couple élu / technicien motivé"), choices=TRI_STATE, required=False
    )
    core_users = LocalIntegerField(label=_("Nombre d'utilisateurs motivés"), min_value=0, required=False)
    need_identified = forms.ChoiceField(
        label=_("Besoin identifié par une enquête"), choices=TRI_STATE, required=False
    )
    pilot_sites = forms.CharField(
        label=_("Autres sites pilotes (un par ligne)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Pour vérifier la règle « un site pilote par département »."),
    )
    min_commune_population = LocalIntegerField(
        label=_("Seuil : habitants de la commune"),
        min_value=0,
        initial=_T.min_commune_population,
        required=False,
    )
    min_catchment_population = LocalIntegerField(
        label=_("Seuil : habitants du bassin de vie"),
        min_value=0,
        initial=_T.min_catchment_population,
        required=False,
    )
    catchment_minutes = minutes_field(
        label=_("Seuil : durée du bassin de vie (minutes)"), initial=_T.catchment_minutes, required=False
    )
    min_broadband_mbps = LocalFloatField(
        label=_("Seuil : débit minimal (Mb/s)"), min_value=0, initial=_T.min_broadband_mbps, required=False
    )
    min_core_users = LocalIntegerField(
        label=_("Seuil : noyau d'utilisateurs"), min_value=0, initial=_T.min_core_users, required=False
    )
    min_spacing_minutes = minutes_field(
        label=_("Seuil : écart minimal avec un autre tiers-lieu (minutes)"),
        initial=_T.min_spacing_minutes,
        required=False,
    )

    def clean_pilot_sites(self) -> list[str]:
        lines = [
            line.strip() for line in self.cleaned_data.get("pilot_sites", "").splitlines() if line.strip()
        ]
        try:
            resolve_pilot_sites(lines)
        except DomainError as exc:
            raise forms.ValidationError(exc.errors.get("pilot_sites", [exc.message])) from exc
        return lines

    def thresholds(self) -> Thresholds:
        d = self.cleaned_data
        values = {
            name: d.get(name)
            for name in (
                "min_commune_population",
                "min_catchment_population",
                "catchment_minutes",
                "min_broadband_mbps",
                "min_core_users",
                "min_spacing_minutes",
            )
        }
        return Thresholds(**{k: v for k, v in values.items() if v is not None})

    def tri(self, name: str) -> bool | None:
        return _tri(self.cleaned_data.get(name, ""))


class TerritoryField(forms.CharField):
    """A territory by name or code; when several match, ``offered`` holds the (key, label) to pick."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Territoire"))
        kwargs.setdefault("help_text", TERRITORY_HELP)
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)
        self.offered: list[tuple[str, str]] = []

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        try:
            return parse_territory(value)
        except AmbiguousTerritory as exc:
            self.offered = exc.choices
            raise forms.ValidationError(exc.message) from exc
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc


class CoverageForm(DemandFields):
    territory = TerritoryField()
    minutes = minutes_field()


class SitingForm(DemandFields):
    territory = TerritoryField()
    k = LocalIntegerField(label=_("Nombre de sites à proposer (K)"), min_value=1, max_value=MAX_K, initial=5)
    minutes = minutes_field()
    min_population = LocalIntegerField(
        label=_("Population minimale d'une commune candidate (5 000 par défaut)"),
        min_value=0,
        initial=DEFAULT_MIN_POPULATION,
        required=False,
    )
    min_spacing_minutes = LocalIntegerField(
        label=_("Écartement minimal (minutes, 0 par défaut)"),
        min_value=0,
        max_value=MAX_MINUTES,
        initial=0,
        required=False,
        help_text=_(
            "Entre deux sites proposés, et entre un site et un lieu existant ; 0 = pas de contrainte."
        ),
    )
    solve = forms.ChoiceField(
        label=_("Méthode"),
        choices=[
            ("exact", _("solution exacte quand elle est à portée (sinon glouton)")),
            ("greedy", _("algorithme glouton seul")),
        ],
        required=False,
        initial="exact",
    )


class ParamsFields(forms.Form):
    cost_per_km = LocalDecimalField(
        label=_("Coût au kilomètre (€/km)"),
        min_value=0,
        max_value=10,
        decimal_places=3,
        initial=DEFAULT_PARAMS.cost_per_km,
        required=False,
    )
    kg_co2e_per_km = LocalDecimalField(
        label=_("Facteur d'émission (kg CO₂e/km)"),
        min_value=0,
        max_value=5,
        decimal_places=4,
        initial=DEFAULT_PARAMS.kg_co2e_per_km,
        required=False,
    )
    working_weeks = LocalIntegerField(
        label=_("Semaines travaillées par an"),
        min_value=1,
        max_value=52,
        initial=DEFAULT_PARAMS.working_weeks,
        required=False,
    )
    speed_kmh = LocalFloatField(
        label=_("Vitesse moyenne (km/h, facultatif)"), min_value=5, max_value=130, required=False
    )


class CommuteForm(ParamsFields, DemandFields):
    home = CommuneField(label=_("Commune de résidence"))
    work = CommuneField(label=_("Commune du lieu de travail"))
    days_per_week = LocalDecimalField(
        label=_("Jours par semaine au tiers-lieu"),
        min_value=Decimal("0.5"),
        max_value=7,
        decimal_places=1,
        initial=2,
    )
    place = forms.CharField(
        label=_("Tiers-lieu (facultatif)"),
        required=False,
        max_length=200,
        help_text=_("Nom du lieu ; vide : le tiers-lieu publié le plus proche du domicile."),
    )

    field_order = [
        "home",
        "work",
        "days_per_week",
        "place",
        "cost_per_km",
        "kg_co2e_per_km",
        "working_weeks",
        "speed_kmh",
    ]

    def clean_place(self) -> Any:
        name = self.cleaned_data.get("place", "").strip()
        if not name:
            return None
        found = list(
            Place.objects.filter(is_published=True, name__icontains=name).select_related("commune")[:6]
        )
        exact = [p for p in found if p.name.lower() == name.lower()]
        if len(exact) == 1 or len(found) == 1:
            return (exact or found)[0]
        if not found:
            raise forms.ValidationError(_("Aucun tiers-lieu publié ne porte ce nom."))
        raise forms.ValidationError(
            _("Plusieurs lieux correspondent : %(names)s. Précisez.")
            % {"names": ", ".join(p.name for p in found[:5])}
        )


class VideoForm(forms.Form):
    session_price = LocalDecimalField(
        label=_("Prix de la séance de visioconférence (€)"),
        min_value=0,
        decimal_places=2,
        initial=BATICOM_SESSION_PRICE,
        help_text=_("Bâticom (Pertuis, 2012) : 49 € la salle 2 h + 49 € la séance."),
    )
    origin = CommuneField(label=_("Départ du trajet remplacé"), required=False, initial="Pertuis")
    destination = CommuneField(label=_("Destination"), required=False, initial="Marseille")
    km_one_way = LocalFloatField(label=_("Ou distance aller (km)"), min_value=0, required=False)
    travellers = LocalIntegerField(
        label=_("Personnes qui se déplaceraient"), min_value=1, max_value=100, initial=1
    )
    tolls = LocalDecimalField(
        label=_("Péages aller-retour (€)"), min_value=0, decimal_places=2, initial=0, required=False
    )
    cost_per_km = LocalDecimalField(
        label=_("Coût au kilomètre (€/km)"),
        min_value=0,
        max_value=10,
        decimal_places=3,
        initial=DEFAULT_PARAMS.cost_per_km,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("km_one_way") is None
            and not (data.get("origin") and data.get("destination"))
            and not (self.errors.get("origin") or self.errors.get("destination"))
        ):
            raise forms.ValidationError(
                _("Indiquez la distance aller ou les communes de départ et d'arrivée.")
            )
        return data
