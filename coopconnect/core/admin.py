"""The admin shows a staff member only what the product lets them see.

Superusers (the platform team) see everything. A coordinator or a host given staff status sees a
model's rows through its admin's ``scope`` (built on the apps' permissions modules): a row outside it
is not listed, and its change or delete page answers as if it did not exist. A foreign-key or
many-to-many field offers only the rows the related model's admin would list for that person.
Django's model permissions still apply on top (``view_``/``change_``… given by the coordinators' group).

- ``ScopedAdmin``: rows of one network, place or person; ``may_change``/``may_delete``/``may_add``
  narrow writes further (a coordinator sees a booking but does not change it, an issued invoice is
  read-only).
- ``ReferenceAdmin``: shared reference data (communes, the services bouquet, themes, skills) read by
  every staff member with the view permission, written by the platform team only.
- ``RecordAdmin``: records written by the product itself (payments, counters, access logs), shown
  read-only to everyone, the platform team included.
- ``PlatformOnlyAdmin``: the platform team's tools (groups and their permissions, the task queue).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.forms import BaseForm, ModelChoiceField
from django.http import HttpRequest
from django_tasks_db.admin import DBTaskResultAdmin as BaseTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from coopconnect.core.permissions import is_platform_staff


def scoped_choices(site: admin.AdminSite, model: type[Model], request: HttpRequest) -> QuerySet | None:
    """Return the rows of ``model`` a form field may offer to the requesting person, or None for all.

    The related model's own admin decides (its ``get_queryset``); a model without an admin is offered to
    the platform team only.
    """
    if is_platform_staff(request.user):
        return None
    related = site._registry.get(model)
    if related is None:
        return model._default_manager.none()
    if isinstance(related, ScopedAdmin):
        return related.get_queryset(request)
    return None


def keep_current_choices(form: Any) -> None:
    """Let a form bound to an existing row keep the values it already has in its choice fields.

    A row may point at something its editor does not see (a registration of a person from elsewhere,
    an event relayed by another network's place): without this, saving would refuse the row or drop
    the link silently. Only the current values are added, never anything new.
    """
    instance = getattr(form, "instance", None)
    if instance is None or instance.pk is None:
        return
    for name, field in form.fields.items():
        if not isinstance(field, ModelChoiceField):
            continue
        try:
            model_field = instance._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if model_field.many_to_many:
            key = "pk"
            current = list(getattr(instance, name).values_list("pk", flat=True))
        elif model_field.many_to_one or model_field.one_to_one:
            key = model_field.target_field.name
            value = getattr(instance, model_field.attname)
            current = [] if value is None else [value]
        else:
            continue
        if current:
            model = field.queryset.model
            field.queryset = model._default_manager.filter(
                Q(pk__in=field.queryset.values("pk")) | Q(**{f"{key}__in": current})
            )


def keeping_current_choices(form_class: type[BaseForm]) -> type[BaseForm]:
    """Return ``form_class`` whose forms keep their current choices (see ``keep_current_choices``)."""

    class KeepingCurrentChoices(form_class):  # type: ignore[valid-type, misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            keep_current_choices(self)

    KeepingCurrentChoices.__name__ = form_class.__name__
    return KeepingCurrentChoices


class ScopedChoicesMixin:
    """Foreign-key and many-to-many fields offer only what the person may see (see ``scoped_choices``)."""

    admin_site: admin.AdminSite

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if "queryset" not in kwargs:
            choices = scoped_choices(self.admin_site, db_field.remote_field.model, request)
            if choices is not None:
                kwargs["queryset"] = choices
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if "queryset" not in kwargs:
            choices = scoped_choices(self.admin_site, db_field.remote_field.model, request)
            if choices is not None:
                kwargs["queryset"] = choices
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


class ScopedInline(ScopedChoicesMixin, admin.TabularInline):
    """An inline whose choices are scoped; its rows hang off a parent the person may already see."""

    def get_formset(self, request: HttpRequest, obj: Any | None = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        if not is_platform_staff(request.user):
            formset.form = keeping_current_choices(formset.form)
        return formset


class ScopedAdmin(ScopedChoicesMixin, admin.ModelAdmin):
    """An admin showing a non-superuser only the rows matched by ``scope``."""

    def scope(self, request: HttpRequest) -> Q:
        """Return the rows the requesting (non-superuser) person may see; nothing unless overridden."""
        return Q(pk__in=[])

    def may_change(self, request: HttpRequest, obj: Any | None) -> bool:
        """Say whether the person may change this visible row (``obj`` None: some row of the model)."""
        return True

    def may_delete(self, request: HttpRequest, obj: Any | None) -> bool:
        """Say whether the person may delete this visible row; like changing unless overridden."""
        return self.may_change(request, obj)

    def may_add(self, request: HttpRequest) -> bool:
        """Say whether the person may add a row here at all."""
        return True

    def get_form(
        self, request: HttpRequest, obj: Any | None = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form_class = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or is_platform_staff(request.user):
            return form_class
        return keeping_current_choices(form_class)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        qs = super().get_queryset(request)
        if is_platform_staff(request.user):
            return qs
        # A subquery rather than the filter itself: joins through networks would repeat rows.
        return qs.filter(pk__in=self.model._default_manager.filter(self.scope(request)).values("pk"))

    def in_scope(self, request: HttpRequest, obj: Any | None) -> bool:
        """Say whether ``obj`` is one of the rows the person sees (always, without an object)."""
        if obj is None or is_platform_staff(request.user):
            return True
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_view_permission(self, request: HttpRequest, obj: Any | None = None) -> bool:
        return super().has_view_permission(request, obj) and self.in_scope(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any | None = None) -> bool:
        return (
            super().has_change_permission(request, obj)
            and self.in_scope(request, obj)
            and self.may_change(request, obj)
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any | None = None) -> bool:
        return (
            super().has_delete_permission(request, obj)
            and self.in_scope(request, obj)
            and self.may_delete(request, obj)
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and self.may_add(request)


class ReferenceAdmin(admin.ModelAdmin):
    """Shared reference data: read by staff with the view permission, written by the platform team."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_platform_staff(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any | None = None) -> bool:
        return is_platform_staff(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any | None = None) -> bool:
        return is_platform_staff(request.user) and super().has_delete_permission(request, obj)


class RecordAdmin(ScopedAdmin):
    """Records the product writes itself (money received, counters, logs): read-only for everyone."""

    def may_change(self, request: HttpRequest, obj: Any | None) -> bool:
        return False

    def may_add(self, request: HttpRequest) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any | None = None) -> list[str]:
        return [field.name for field in self.model._meta.fields]


class PlatformOnlyAdmin(admin.ModelAdmin):
    """The platform team's tools: invisible to every other staff member."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_platform_staff(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any | None = None) -> bool:
        return is_platform_staff(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_platform_staff(request.user) and super().has_add_permission(request, *args)

    def has_change_permission(self, request: HttpRequest, obj: Any | None = None) -> bool:
        return is_platform_staff(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any | None = None) -> bool:
        return is_platform_staff(request.user) and super().has_delete_permission(request, obj)


# Groups hold the permissions themselves (giving one is giving the admin), and task results carry the
# arguments of every queued mail: both stay with the platform team.
class GroupAdmin(PlatformOnlyAdmin, BaseGroupAdmin):
    pass


class TaskResultAdmin(PlatformOnlyAdmin, BaseTaskResultAdmin):
    pass


for _model, _admin_class in ((Group, GroupAdmin), (DBTaskResult, TaskResultAdmin)):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _admin_class)


# Sign-in identities (allauth) and OAuth2 apps and tokens (django-oauth-toolkit) come with admins of
# their own that any staff member with the model permissions could use on anybody's account.
THIRD_PARTY_PLATFORM_APPS = ("account", "socialaccount", "oauth2_provider")


def restrict_third_party_admins(app_labels: tuple[str, ...] = THIRD_PARTY_PLATFORM_APPS) -> None:
    """Give the platform team alone the admins that libraries register (run once every app is loaded)."""
    for model, model_admin in list(admin.site._registry.items()):
        if model._meta.app_label not in app_labels or isinstance(model_admin, PlatformOnlyAdmin):
            continue
        restricted = type(
            f"PlatformOnly{type(model_admin).__name__}", (PlatformOnlyAdmin, type(model_admin)), {}
        )
        admin.site.unregister(model)
        admin.site.register(model, restricted)
