"""Page routes of the places directory (mounted at /)."""

from django.urls import path

from coopconnect.places.views import directory, photo

app_name = "places"
urlpatterns = [
    path("", directory.home, name="home"),
    path("recherche/", directory.search, name="search"),
    path("recherche/communes/", directory.commune_options, name="commune_options"),
    path("carte/lieux.json", directory.map_points, name="map_points"),
    path("lieux/<slug:slug>/", directory.place_page, name="place"),
    path("lieux/<slug:slug>/photo/", photo.edit, name="photo_edit"),
    path("lieux/<slug:slug>/photos/<str:name>", photo.image, name="photo"),
    path("reseaux/<slug:slug>/", directory.network_page, name="network"),
]
