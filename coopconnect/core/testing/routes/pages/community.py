"""Who may open the pages of community life: events, forums, skills, missions."""

from __future__ import annotations

from coopconnect.core.testing.routes.access import Access, owned, public, signed_in
from coopconnect.core.testing.routes.params import (
    event_pk,
    forum_pk,
    mission_pk,
    place_slug,
    post_pk,
    profile_pk,
    topic_pk,
)

PAGES: dict[str, Access] = {
    # Events (community life)
    "events:agenda": public("public agenda of the networks' events"),
    "events:popups": public("public list of pop-up third places and their events"),
    "events:detail": public("public page of a published event", event_pk),
    "events:ics": public("public .ics of a published event", event_pk),
    "events:place_feed": public("public iCalendar feed of a place's published events", place_slug),
    "events:network_feed": public(
        "public iCalendar feed of a network's published events", lambda w: {"slug": w.network.slug}
    ),
    "events:register": signed_in(event_pk, reason="anyone signed in (verified e-mail) may register"),
    "events:unregister": signed_in(event_pk, reason="one cancels one's own registration"),
    "events:mine": signed_in(),
    "events:themes": signed_in(),
    "events:manage": signed_in(),
    "events:create": signed_in(
        owner="host", also_refused=("outsider",), reason="hosts and coordinators only"
    ),
    "events:edit": owned(event_pk, owner="host"),
    "events:publish": owned(event_pk, owner="host"),
    "events:cancel": owned(event_pk, owner="host"),
    "events:attendees": owned(event_pk, owner="host"),
    "events:attendees_csv": owned(event_pk, owner="host"),
    "events:sign_in_sheet": owned(event_pk, owner="coordinator"),
    # Community: forums, skills, missions board (members of the network only, see core.permissions)
    "forums:home": public("community hub: links; a visitor's forums are listed only when signed in"),
    "forums:forum": owned(forum_pk, owner="member"),
    "forums:topic_new": owned(forum_pk, owner="member"),
    "forums:topic": owned(topic_pk, owner="member"),
    "forums:topic_follow": owned(topic_pk, owner="member"),
    "forums:topic_moderate": owned(topic_pk, owner="host", body=lambda w: {"action": "pin"}),
    "forums:post_hide": owned(post_pk, owner="coordinator"),
    "forums:post_report": owned(post_pk, owner="host"),
    "forums:post_edit": owned(post_pk, owner="member"),
    "forums:post_delete": owned(post_pk, owner="member"),
    "skills:skills": public("skills search: anonymous visitors see only the profiles made public"),
    "skills:profile_edit": signed_in(reason="one's own skills profile"),
    "skills:profile": owned(profile_pk, owner="host"),
    "skills:contact": owned(profile_pk, owner="host"),
    "skills:inbox": signed_in(),
    "skills:message": owned(lambda w: {"pk": w.contact.pk}, owner="member"),
    "missions:missions": signed_in(reason="the board shows only the missions of one's networks"),
    "missions:mission_new": signed_in(reason="the form offers only one's networks"),
    "missions:mission": owned(mission_pk, owner="host"),
    "missions:mission_responses": owned(mission_pk, owner="member"),
    "missions:mission_edit": owned(mission_pk, owner="member"),
    "missions:mission_status": owned(mission_pk, owner="member", body=lambda w: {"status": "open"}),
}
