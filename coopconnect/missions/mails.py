"""E-mails of the missions board, in each recipient's language (templates in ``missions/mail/``)."""

from __future__ import annotations

from django.urls import reverse

from coopconnect.core import mail
from coopconnect.missions.models import Mission, MissionResponse
from coopconnect.missions.selectors import profiles_matching_mission


def send_mission_match_emails(*, mission_id: int) -> int:
    """E-mail the members of the mission's network whose skills match; return how many were sent."""
    mission = Mission.objects.select_related("network").filter(pk=mission_id).first()
    if mission is None or not mission.is_on_board():
        return 0
    context = {
        "mission": mission,
        "skills": ", ".join(s.label for s in mission.skills.all()),
        "url": mail.absolute_url(reverse("missions:mission", kwargs={"pk": mission.pk})),
    }
    sent = 0
    for profile in profiles_matching_mission(mission):
        sent += mail.send_to_person(person=profile.person, template="missions/mail/match", context=context)
    return sent


def send_mission_response_email(*, response_id: int) -> bool:
    """Tell the poster of the mission that someone answered."""
    response = (
        MissionResponse.objects.select_related("mission", "mission__posted_by", "author")
        .filter(pk=response_id)
        .first()
    )
    if response is None:
        return False
    url = mail.absolute_url(reverse("missions:mission_responses", kwargs={"pk": response.mission_id}))
    return mail.send_to_person(
        person=response.mission.posted_by,
        template="missions/mail/response",
        context={"response": response, "mission": response.mission, "url": url},
    )
