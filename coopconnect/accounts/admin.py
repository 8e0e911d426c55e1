"""Admin for people, employer organisations and API tokens.

People's accounts are changed by the platform team only; a coordinator or a host given staff status
sees, read-only, the people they deal with (``core.permissions.people_known_to``). Organisations are
seen through their people and changed by their admins; tokens by the managers of their place.
"""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from coopconnect.accounts.models import ApiToken, Organisation, OrganisationMembership, PersonalToken, User
from coopconnect.core.admin import ScopedAdmin, ScopedInline
from coopconnect.core.permissions import (
    can_administer_organisation,
    can_manage_place,
    is_platform_staff,
    organisations_administered_by,
    people_known_to,
    places_managed_by,
)


@admin.register(User)
class UserAdmin(ScopedAdmin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "email_verified", "is_active", "is_staff"]
    list_filter = ["email_verified", "is_active", "is_staff", "language"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Identité", {"fields": ("first_name", "last_name", "home_commune", "work_commune", "language")}),
        ("Vérification", {"fields": ("email_verified", "email_verified_at")}),
        ("Droits", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    autocomplete_fields = ["home_commune", "work_commune"]

    def scope(self, request: HttpRequest) -> Q:
        return Q(pk__in=people_known_to(request.user))

    def may_change(self, request: HttpRequest, obj: Any | None) -> bool:
        # Changing an account (address, password, rights) is taking it over: the platform team only.
        return is_platform_staff(request.user)

    def may_add(self, request: HttpRequest) -> bool:
        return is_platform_staff(request.user)


class OrganisationMembershipInline(ScopedInline):
    model = OrganisationMembership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(ScopedAdmin):
    list_display = ["name", "siren", "city", "is_business"]
    search_fields = ["name", "siren", "siret"]
    inlines = [OrganisationMembershipInline]

    def scope(self, request: HttpRequest) -> Q:
        return Q(pk__in=organisations_administered_by(request.user)) | Q(
            memberships__user__in=people_known_to(request.user)
        )

    def may_change(self, request: HttpRequest, obj: Organisation | None) -> bool:
        return obj is None or can_administer_organisation(request.user, obj)

    def may_add(self, request: HttpRequest) -> bool:
        return is_platform_staff(request.user)


@admin.action(description="Révoquer les jetons choisis", permissions=["change"])
def revoke_tokens(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
    queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


@admin.register(ApiToken)
class ApiTokenAdmin(ScopedAdmin):
    """Tokens are created on the host page (the secret is shown once there); here they are read or revoked."""

    list_display = ["name", "place", "prefix", "created_by", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "prefix", "place__name"]
    readonly_fields = ["place", "prefix", "secret_hash", "created_by", "created_at", "last_used_at"]
    fields = [
        "place",
        "name",
        "prefix",
        "secret_hash",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    actions = [revoke_tokens]

    def scope(self, request: HttpRequest) -> Q:
        return Q(place__in=places_managed_by(request.user))

    def may_change(self, request: HttpRequest, obj: ApiToken | None) -> bool:
        return obj is None or can_manage_place(request.user, obj.place)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.action(description="Révoquer les jetons personnels choisis", permissions=["change"])
def revoke_personal_tokens(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[PersonalToken]
) -> None:
    queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


@admin.register(PersonalToken)
class PersonalTokenAdmin(ScopedAdmin):
    """A person's own tokens: made on their account page; here the platform team only reads or revokes
    them (the default scope shows nobody else's rows to other staff)."""

    list_display = [
        "name",
        "user",
        "prefix",
        "scopes",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at"]
    search_fields = ["name", "prefix", "user__email"]
    readonly_fields = [
        "user",
        "name",
        "prefix",
        "secret_hash",
        "scopes",
        "created_at",
        "expires_at",
        "last_used_at",
    ]
    fields = [*readonly_fields, "revoked_at"]
    actions = [revoke_personal_tokens]

    def may_change(self, request: HttpRequest, obj: PersonalToken | None) -> bool:
        return is_platform_staff(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
