"""Page routes of the embeddable booking page (mounted at /widget/)."""

from django.urls import path

from coopconnect.embeds import views

app_name = "embeds"
urlpatterns = [
    path("<slug:slug>/", views.embed, name="embed"),
    path("<slug:slug>/integrer/", views.snippet, name="snippet"),
]
