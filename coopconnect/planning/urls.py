"""Page routes of the tool to convince: catchment, criteria, coverage, siting, dossier."""

from django.urls import path

from coopconnect.planning.views import (
    access,
    catchment,
    commute,
    coverage,
    criteria,
    dossier,
    geojson,
    home,
    siting,
)

app_name = "planning"
urlpatterns = [
    path("", home.home, name="home"),
    path("dossier/", dossier.dossier_pick, name="dossier_pick"),
    path("dossier/<str:insee>/", dossier.dossier, name="dossier"),
    path("dossier/<str:insee>/pdf/", dossier.dossier_pdf, name="dossier_pdf"),
    path("bassin-de-vie/", catchment.catchment_view, name="catchment"),
    path("criteres/", criteria.criteria_view, name="criteria"),
    path("couverture/", coverage.coverage_view, name="coverage"),
    path("couverture.geojson", geojson.coverage_geojson, name="coverage_geojson"),
    path("bassin-de-vie.geojson", geojson.catchment_geojson, name="catchment_geojson"),
    path("accessibilite/", access.accessibility_view, name="accessibility"),
    path("accessibilite.csv", access.accessibility_csv, name="accessibility_csv"),
    path("implantation/", siting.siting_view, name="siting"),
    path("trajets/", commute.commute_view, name="commute"),
]
