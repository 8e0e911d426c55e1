"""Page routes of the forums and of the community home page (mounted at /communaute/)."""

from django.urls import path

from coopconnect.forums import views

app_name = "forums"
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
]
