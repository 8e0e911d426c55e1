"""Page routes of the personal home (mounted at /mon-espace/)."""

from django.urls import path

from coopconnect.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.home, name="home"),
]
