"""Page routes of the places directory (mounted at /)."""

from django.urls import path

from coopconnect.places import views

app_name = "places"
urlpatterns = [
    path("", views.home, name="home"),
    path("recherche/", views.search, name="search"),
    path("recherche/communes/", views.commune_options, name="commune_options"),
    path("carte/lieux.json", views.map_points, name="map_points"),
    path("lieux/<slug:slug>/", views.place_page, name="place"),
    path("reseaux/<slug:slug>/", views.network_page, name="network"),
]
