"""Page routes of this app."""

from django.urls import path

from coopconnect.territory import views_dossier, views_plans, views_surveys

app_name = "territory"
urlpatterns: list = []

# Business plans (views_plans.py).
urlpatterns += [
    path("plan-d-affaires/modele/", views_plans.plan_template, name="plan_template"),
    path("plans/", views_plans.plan_list, name="plan_list"),
    path("plans/<int:pk>/", views_plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/modifier/", views_plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/lien/", views_plans.plan_share_reset, name="plan_share_reset"),
    path("plans/<int:pk>/supprimer/", views_plans.plan_delete, name="plan_delete"),
    path("plans/<int:pk>/scenarios/<int:sid>/", views_plans.scenario_edit, name="scenario_edit"),
    path(
        "plans/<int:pk>/scenarios/<int:sid>/copier/",
        views_plans.scenario_duplicate,
        name="scenario_duplicate",
    ),
    path(
        "plans/<int:pk>/scenarios/<int:sid>/supprimer/", views_plans.scenario_delete, name="scenario_delete"
    ),
    path("plans/partage/<str:token>/", views_plans.plan_shared, name="plan_shared"),
    path("plans/<int:pk>/depuis-enquete/", views_plans.scenario_from_survey, name="scenario_from_survey"),
]

# Needs surveys (views_surveys.py).
urlpatterns += [
    path("enquetes/", views_surveys.survey_list, name="survey_list"),
    path("enquetes/<int:pk>/", views_surveys.survey_manage, name="survey_manage"),
    path("enquetes/<int:pk>/statut/", views_surveys.survey_status, name="survey_status"),
    path("enquetes/<int:pk>/questions/", views_surveys.question_save, name="question_add"),
    path("enquetes/<int:pk>/questions/<int:qid>/", views_surveys.question_save, name="question_save"),
    path(
        "enquetes/<int:pk>/questions/<int:qid>/supprimer/",
        views_surveys.question_delete,
        name="question_delete",
    ),
    path("enquetes/<int:pk>/resultats/", views_surveys.survey_results_view, name="survey_results"),
    path("enquetes/<int:pk>/export.csv", views_surveys.survey_csv, name="survey_csv"),
    path("enquetes/<int:pk>/qr.svg", views_surveys.survey_qr, name="survey_qr"),
    path("e/<str:token>/", views_surveys.survey_answer, name="survey_answer"),
    path("e/<str:token>/merci/", views_surveys.survey_thanks, name="survey_thanks"),
]

# Dossier of a candidate site (views_dossier.py).
urlpatterns += [
    path("dossier/", views_dossier.dossier_pick, name="dossier_pick"),
    path("dossier/<str:insee>/", views_dossier.dossier, name="dossier"),
    path("dossier/<str:insee>/pdf/", views_dossier.dossier_pdf, name="dossier_pdf"),
]

# Tool to convince: catchment, criteria, coverage, siting, commute savings (views_convince.py).
from coopconnect.territory import views_convince  # noqa: E402

urlpatterns += [
    path("bassin-de-vie/", views_convince.catchment_view, name="catchment"),
    path("criteres/", views_convince.criteria_view, name="criteria"),
    path("couverture/", views_convince.coverage_view, name="coverage"),
    path("implantation/", views_convince.siting_view, name="siting"),
    path("trajets/", views_convince.commute_view, name="commute"),
]
