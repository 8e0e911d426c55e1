"""Page routes of this app (mounted at /communaute/)."""

from django.urls import path

from coopconnect.community import views, views_missions, views_skills

app_name = "community"
urlpatterns = [
    path("", views.home, name="home"),
    path("forums/<int:pk>/", views.forum, name="forum"),
    path("forums/<int:pk>/nouveau-sujet/", views.topic_new, name="topic_new"),
    path("sujets/<int:pk>/", views.topic, name="topic"),
    path("sujets/<int:pk>/suivre/", views.topic_follow_view, name="topic_follow"),
    path("sujets/<int:pk>/moderer/", views.topic_moderate_view, name="topic_moderate"),
    path("messages-forum/<int:pk>/masquer/", views.post_hide_view, name="post_hide"),
    path("messages-forum/<int:pk>/signaler/", views.post_report_view, name="post_report"),
    path("messages-forum/<int:pk>/modifier/", views.post_edit_view, name="post_edit"),
    path("messages-forum/<int:pk>/supprimer/", views.post_delete_view, name="post_delete"),
    path("competences/", views_skills.skills, name="skills"),
    path("competences/mon-profil/", views_skills.profile_edit, name="profile_edit"),
    path("competences/<int:pk>/", views_skills.profile, name="profile"),
    path("competences/<int:pk>/contacter/", views_skills.contact, name="contact"),
    path("messages/", views_skills.inbox, name="inbox"),
    path("messages/<int:pk>/", views_skills.message, name="message"),
    path("missions/", views_missions.board, name="missions"),
    path("missions/nouvelle/", views_missions.mission_new, name="mission_new"),
    path("missions/<int:pk>/", views_missions.mission, name="mission"),
    path("missions/<int:pk>/reponses/", views_missions.mission_responses, name="mission_responses"),
    path("missions/<int:pk>/modifier/", views_missions.mission_edit, name="mission_edit"),
    path("missions/<int:pk>/etat/", views_missions.mission_status, name="mission_status"),
]
