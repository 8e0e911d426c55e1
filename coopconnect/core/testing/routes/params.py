"""Where an object of the fixture world sits in a URL: functions of :class:`World` returning the
keyword arguments of ``reverse()``.
"""

from __future__ import annotations

from typing import Any

from coopconnect.core.testing.world import World


def place_slug(w: World) -> dict[str, Any]:
    return {"slug": w.place.slug}


def booking_pk(w: World) -> dict[str, Any]:
    return {"pk": w.booking.pk}


def invoice_pk(w: World) -> dict[str, Any]:
    return {"pk": w.invoice.pk}


def plan_pk(w: World) -> dict[str, Any]:
    return {"pk": w.plan.pk}


def scenario_pks(w: World) -> dict[str, Any]:
    return {"pk": w.plan.pk, "sid": w.scenario.pk}


def survey_pk(w: World) -> dict[str, Any]:
    return {"pk": w.survey.pk}


def event_pk(w: World) -> dict[str, Any]:
    return {"pk": w.event.pk}


def forum_pk(w: World) -> dict[str, Any]:
    return {"pk": w.forum.pk}


def topic_pk(w: World) -> dict[str, Any]:
    return {"pk": w.topic.pk}


def post_pk(w: World) -> dict[str, Any]:
    return {"pk": w.post.pk}


def profile_pk(w: World) -> dict[str, Any]:
    return {"pk": w.skill_profile.pk}


def mission_pk(w: World) -> dict[str, Any]:
    return {"pk": w.mission.pk}


def organisation_pk(w: World) -> dict[str, Any]:
    return {"pk": w.organisation.pk}


def uid(user: Any) -> str:
    """Return the base64 user id of an account link."""
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    return urlsafe_base64_encode(force_bytes(user.pk))


def reset_token(user: Any) -> str:
    """Return a valid password-reset (or invitation) token of ``user``."""
    from django.contrib.auth.tokens import default_token_generator

    return default_token_generator.make_token(user)
