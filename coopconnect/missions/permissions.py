"""Who sees and who manages a mission of a network's board (built on coopconnect.core.permissions)."""

from __future__ import annotations

from typing import Any

from coopconnect.core import permissions as perms
from coopconnect.missions.models import Mission


def can_see_mission(user: Any, mission: Mission) -> bool:
    """Members of the mission's network see it (while on the board), its poster always."""
    return can_manage_mission(user, mission) or perms.is_network_member(user, mission.network)


def can_manage_mission(user: Any, mission: Mission) -> bool:
    """The poster, the admins of the organisation it is posted for, and platform staff manage a
    mission and read its answers."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.pk == mission.posted_by_id or perms.is_platform_staff(user):
        return True
    return mission.organisation is not None and perms.is_organisation_admin(user, mission.organisation)
