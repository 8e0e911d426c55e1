"""Page routes of the needs surveys (under /territoire/): the coordinator's pages and the public form."""

from django.urls import path

from coopconnect.surveys import views

app_name = "surveys"

urlpatterns = [
    path("enquetes/", views.survey_list, name="survey_list"),
    path("enquetes/<int:pk>/", views.survey_manage, name="survey_manage"),
    path("enquetes/<int:pk>/statut/", views.survey_status, name="survey_status"),
    path("enquetes/<int:pk>/questions/", views.question_save, name="question_add"),
    path("enquetes/<int:pk>/questions/<int:qid>/", views.question_save, name="question_save"),
    path(
        "enquetes/<int:pk>/questions/<int:qid>/supprimer/",
        views.question_delete,
        name="question_delete",
    ),
    path("enquetes/<int:pk>/resultats/", views.survey_results_view, name="survey_results"),
    path("enquetes/<int:pk>/export.csv", views.survey_csv, name="survey_csv"),
    path("enquetes/<int:pk>/qr.svg", views.survey_qr, name="survey_qr"),
    path("e/<str:token>/", views.survey_answer, name="survey_answer"),
    path("e/<str:token>/merci/", views.survey_thanks, name="survey_thanks"),
]
