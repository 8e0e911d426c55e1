"""Who may create needs surveys and manage one (built on coopconnect.core.permissions)."""

from __future__ import annotations

from typing import Any

from coopconnect.core import permissions
from coopconnect.surveys.models import Survey


def can_create_survey(user: Any) -> bool:
    """Tell whether the user may create surveys: a network coordinator or platform staff."""
    if not getattr(user, "is_authenticated", False):
        return False
    return permissions.is_platform_staff(user) or user.coordinated_networks.exists()


def can_manage_survey(user: Any, survey: Survey) -> bool:
    """Tell whether the user may edit the survey and see its answers: owner, network coordinators,
    platform staff."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if permissions.is_platform_staff(user) or survey.owner_id == user.pk:
        return True
    return survey.network is not None and permissions.is_coordinator_of(user, survey.network)
