"""Who may open the pages of the tool to convince: business plans, needs surveys, territory dossier."""

from __future__ import annotations

from coopconnect.core.testing.routes.access import (
    SECRET_LINK,
    TERRITORY_TOOL,
    Access,
    owned,
    public,
    signed_in,
)
from coopconnect.core.testing.routes.params import plan_pk, scenario_pks, survey_pk

PAGES: dict[str, Access] = {
    # Business plans
    "businessplans:plan_template": public(TERRITORY_TOOL),
    "businessplans:plan_list": signed_in(),
    "businessplans:plan_detail": owned(plan_pk, owner="host"),
    "businessplans:plan_edit": owned(plan_pk, owner="host"),
    "businessplans:plan_share_reset": owned(plan_pk, owner="host"),
    "businessplans:plan_delete": owned(plan_pk, owner="host"),
    "businessplans:scenario_edit": owned(scenario_pks, owner="host"),
    "businessplans:scenario_duplicate": owned(scenario_pks, owner="host"),
    "businessplans:scenario_delete": owned(scenario_pks, owner="host"),
    "businessplans:scenario_from_survey": owned(
        plan_pk, owner="host", body=lambda w: {"survey": w.survey.pk}
    ),
    "businessplans:plan_shared": public(SECRET_LINK, lambda w: {"token": w.plan.share_token}),
    # Needs surveys
    "surveys:survey_list": signed_in(),
    "surveys:survey_manage": owned(survey_pk, owner="host"),
    "surveys:survey_status": owned(survey_pk, owner="host"),
    "surveys:question_add": owned(survey_pk, owner="host"),
    "surveys:question_save": owned(lambda w: {"pk": w.survey.pk, "qid": w.question.pk}, owner="host"),
    "surveys:question_delete": owned(lambda w: {"pk": w.survey.pk, "qid": w.question.pk}, owner="host"),
    "surveys:survey_results": owned(survey_pk, owner="host"),
    "surveys:survey_csv": owned(survey_pk, owner="host"),
    "surveys:survey_qr": owned(survey_pk, owner="host"),
    "surveys:survey_answer": public(
        "public survey answer form: " + SECRET_LINK, lambda w: {"token": w.survey.public_token}
    ),
    "surveys:survey_thanks": public(
        "thanks page after answering: " + SECRET_LINK, lambda w: {"token": w.survey.public_token}
    ),
    # Territory: dossier and the tool to convince
    "planning:home": public(TERRITORY_TOOL),
    "planning:dossier_pick": public(TERRITORY_TOOL),
    "planning:dossier": public(TERRITORY_TOOL, lambda w: {"insee": w.commune.insee}),
    "planning:dossier_pdf": public(TERRITORY_TOOL, lambda w: {"insee": w.commune.insee}),
    "planning:catchment": public(TERRITORY_TOOL),
    "planning:criteria": public(TERRITORY_TOOL),
    "planning:coverage": public(TERRITORY_TOOL),
    "planning:siting": public(TERRITORY_TOOL),
    "planning:commute": public(TERRITORY_TOOL),
    "planning:accessibility": public(TERRITORY_TOOL),
    "planning:accessibility_csv": public(TERRITORY_TOOL),
    "planning:coverage_geojson": public(TERRITORY_TOOL),
    "planning:catchment_geojson": public(TERRITORY_TOOL),
}
