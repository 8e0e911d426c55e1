"""Page routes of the webhooks (mounted at /integrations/)."""

from django.urls import path

from coopconnect.webhooks import views

app_name = "webhooks"
urlpatterns = [
    path("lieux/<slug:slug>/webhooks/", views.place_endpoints, name="place_endpoints"),
    path("reseaux/<slug:slug>/webhooks/", views.network_endpoints, name="network_endpoints"),
    path("webhooks/<int:pk>/", views.endpoint_page, name="endpoint"),
    path("webhooks/<int:pk>/action/", views.endpoint_action, name="endpoint_action"),
    path("webhooks/livraisons/<int:pk>/rejouer/", views.replay, name="replay"),
]
