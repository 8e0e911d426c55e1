"""Home of the tool to convince (``/territoire/``): what each part answers, in an elected official's words."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

# (URL name, title, the question it answers), in the order a project usually takes them.
TOOLS = (
    ("planning:catchment", _("Bassin de vie"), _("Qui habite à moins de 20 minutes du lieu envisagé ?")),
    (
        "planning:criteria",
        _("Critères de l'étude"),
        _("Le site réunit-il ce qui fait réussir un tiers-lieu : débit, écoles, commerces, élus, usagers ?"),
    ),
    (
        "planning:coverage",
        _("Couverture d'un territoire"),
        _("Quelles communes ont déjà un tiers-lieu à moins de 20 minutes, lesquelles n'en ont pas ?"),
    ),
    (
        "planning:accessibility",
        _("Accessibilité"),
        _("Quelle part des habitants, région par région, a un tiers-lieu à 10, 20 ou 30 minutes ?"),
    ),
    (
        "planning:siting",
        _("Proposer des sites"),
        _("Où ouvrir de nouveaux lieux pour couvrir le plus d'habitants ?"),
    ),
    (
        "planning:commute",
        _("Économies de trajets"),
        _("Combien de kilomètres, d'euros, d'heures et de CO₂ un télétravailleur économise-t-il par an ?"),
    ),
    (
        "businessplans:plan_template",
        _("Plan d'affaires"),
        _("Combien coûte le lieu, combien rapporte-t-il, quand est-il à l'équilibre ?"),
    ),
    (
        "surveys:survey_list",
        _("Enquêtes"),
        _("Le besoin existe-t-il ? Interrogez les habitants et les entreprises du territoire."),
    ),
    (
        "planning:dossier_pick",
        _("Dossier"),
        _("Tout réunir en un dossier à présenter au conseil municipal ou communautaire."),
    ),
)


# The sub-menu's tab of each part (``tab`` in the pages' context marks the current one).
TABS = {
    "planning:catchment": "catchment",
    "planning:criteria": "criteria",
    "planning:coverage": "coverage",
    "planning:accessibility": "access",
    "planning:siting": "siting",
    "planning:commute": "commute",
    "businessplans:plan_template": "plan",
    "surveys:survey_list": "survey",
    "planning:dossier_pick": "dossier",
}


def home(request: HttpRequest) -> HttpResponse:
    """The parts of the tool, each with the question it answers and a link to it."""
    return render(request, "planning/convince/home.html", {"tools": TOOLS, "tab": "home"})
