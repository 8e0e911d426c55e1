"""Page routes of the knowledge swap (mounted at /communaute/)."""

from django.urls import path

from coopconnect.skills import views

app_name = "skills"
urlpatterns = [
    path("competences/", views.skills, name="skills"),
    path("competences/mon-profil/", views.profile_edit, name="profile_edit"),
    path("competences/<int:pk>/", views.profile, name="profile"),
    path("competences/<int:pk>/contacter/", views.contact, name="contact"),
    path("messages/", views.inbox, name="inbox"),
    path("messages/<int:pk>/", views.message, name="message"),
]
