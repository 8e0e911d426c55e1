"""Page routes of the business plans (included under /territoire/)."""

from django.urls import path

from coopconnect.businessplans import views

app_name = "businessplans"

urlpatterns = [
    path("plan-d-affaires/modele/", views.plan_template, name="plan_template"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/modifier/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/lien/", views.plan_share_reset, name="plan_share_reset"),
    path("plans/<int:pk>/supprimer/", views.plan_delete, name="plan_delete"),
    path("plans/<int:pk>/scenarios/<int:sid>/", views.scenario_edit, name="scenario_edit"),
    path(
        "plans/<int:pk>/scenarios/<int:sid>/copier/",
        views.scenario_duplicate,
        name="scenario_duplicate",
    ),
    path("plans/<int:pk>/scenarios/<int:sid>/supprimer/", views.scenario_delete, name="scenario_delete"),
    path("plans/partage/<str:token>/", views.plan_shared, name="plan_shared"),
    path("plans/<int:pk>/depuis-enquete/", views.scenario_from_survey, name="scenario_from_survey"),
]
