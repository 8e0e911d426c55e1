"""Admin (French) for networks, places, resources and the services bouquet.

Superusers see everything. A coordinator (staff, in the "Coordinateurs de réseau" group) sees and edits
only the networks they coordinate and the places and resources of those networks; a host given staff
status sees their places (read-only: they run them from the host pages) and edits their resources; the
bouquet is read-only for both (``coopconnect.core.admin``). Picking a place's hosts, a coordinator is
offered only the people already related to their networks (see ``host_candidates``); anyone else is
added by typing their exact e-mail address.
"""

from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from coopconnect.core.admin import ReferenceAdmin, ScopedAdmin, ScopedInline
from coopconnect.core.permissions import (
    can_manage_place,
    can_oversee_place,
    is_platform_staff,
    places_managed_by,
)
from coopconnect.places.forms import PlaceAdminForm
from coopconnect.places.hours import department_of, describe
from coopconnect.places.models import Network, Place, Resource, Service


def coordinated_networks(request: HttpRequest) -> QuerySet[Network]:
    """Networks the requesting user may manage (all of them for a superuser)."""
    if request.user.is_superuser:
        return Network.objects.all()
    return Network.objects.filter(coordinators=request.user)


def host_candidates(request: HttpRequest, place: Place | None = None) -> QuerySet:
    """People a coordinator may pick as hosts (everyone for a superuser).

    They are the hosts of their networks' places, the people who booked a resource there, those with a
    subscription to a tariff of one of those places or networks, and the place's current hosts; the
    rest of the platform's accounts (and their e-mail addresses) stay out of the picker.
    """
    user_model = get_user_model()
    if request.user.is_superuser:
        return user_model.objects.all()
    networks = coordinated_networks(request)
    places = Place.objects.filter(networks__in=networks)
    booking = apps.get_model("bookings", "Booking")
    subscription = apps.get_model("billing", "Subscription")
    related = (
        Q(pk__in=Place.hosts.through.objects.filter(place__in=places).values("user_id"))
        | Q(pk__in=booking.objects.filter(resource__place__in=places).values("person_id"))
        | Q(
            pk__in=subscription.objects.filter(
                Q(tariff__place__in=places) | Q(tariff__network__in=networks)
            ).values("person_id")
        )
    )
    if place is not None and place.pk:
        related |= Q(pk__in=Place.hosts.through.objects.filter(place=place).values("user_id"))
    return user_model.objects.filter(related).order_by("email")


@admin.register(Network)
class NetworkAdmin(ScopedAdmin):
    list_display = ["name", "slug", "place_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["coordinators"]

    def scope(self, request: HttpRequest) -> Q:
        return Q(coordinators=request.user)

    def may_add(self, request: HttpRequest) -> bool:
        return is_platform_staff(request.user)

    def may_delete(self, request: HttpRequest, obj: Network | None) -> bool:
        return is_platform_staff(request.user)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Network]:
        return super().get_queryset(request).annotate(_place_count=Count("places"))

    def get_readonly_fields(self, request: HttpRequest, obj: Network | None = None) -> list[str]:
        return [] if request.user.is_superuser else ["slug", "coordinators"]

    def get_prepopulated_fields(self, request: HttpRequest, obj: Network | None = None) -> dict:
        return self.prepopulated_fields if request.user.is_superuser else {}

    @admin.display(description=_("lieux"), ordering="_place_count")
    def place_count(self, obj: Network) -> int:
        return obj._place_count


class ResourceInline(ScopedInline):
    model = Resource
    extra = 0
    fields = ["kind", "name", "capacity", "layouts", "surface_m2", "is_active"]


@admin.register(Place)
class PlaceAdmin(ScopedAdmin):
    form = PlaceAdminForm
    inlines = [ResourceInline]
    list_display = ["name", "typology", "commune", "access_mode", "is_published", "source"]
    list_filter = [
        "typology",
        "access_mode",
        "legal_form",
        "is_published",
        ("networks", admin.RelatedOnlyFieldListFilter),
        "source",
        "services",
    ]
    search_fields = ["name", "postcode", "commune__name", "carrier_name"]
    filter_horizontal = ["services", "networks", "hosts"]
    autocomplete_fields = ["commune"]
    readonly_fields = ["hours_in_words", "source", "source_id", "created_at", "updated_at"]
    list_select_related = ["commune"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "typology",
                    ("popup_start", "popup_end"),
                    "networks",
                    "is_published",
                ]
            },
        ),
        (_("Structure porteuse"), {"fields": ["carrier_name", "legal_form", "siret", "vat_number"]}),
        (
            _("Adresse"),
            {"fields": ["address", "postcode", "commune", ("latitude", "longitude"), "how_to_get_there"]},
        ),
        (_("Horaires et accès"), {"fields": ["opening_hours", "hours_in_words", "access_mode"]}),
        (_("Services"), {"fields": ["services", "wifi_mbps"]}),
        (
            _("Présentation et contact"),
            {"fields": ["description", "phone", "email", "website", "hosts", "add_host_email"]},
        ),
        (
            _("Origine"),
            {"fields": ["source", "source_id", "created_at", "updated_at"], "classes": ["collapse"]},
        ),
    ]
    prepopulated_fields = {"slug": ["name"]}

    def scope(self, request: HttpRequest) -> Q:
        return Q(pk__in=places_managed_by(request.user))

    def may_change(self, request: HttpRequest, obj: Place | None) -> bool:
        # Hosts run their place from the host pages; its networks and hosts are the coordinators' call.
        return obj is None or can_oversee_place(request.user, obj)

    def may_delete(self, request: HttpRequest, obj: Place | None) -> bool:
        return is_platform_staff(request.user)

    def may_add(self, request: HttpRequest) -> bool:
        # A new place belongs to one of the coordinator's networks (see PlaceAdminForm).
        return is_platform_staff(request.user) or coordinated_networks(request).exists()

    def get_form(self, request: HttpRequest, obj: Place | None = None, change: bool = False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        allowed = None if request.user.is_superuser else coordinated_networks(request)
        hosts = None if request.user.is_superuser else host_candidates(request, obj)

        class ScopedForm(form_class):  # type: ignore[valid-type, misc]
            def __init__(self, *args, **kw):
                super().__init__(*args, allowed_networks=allowed, allowed_hosts=hosts, **kw)

        return ScopedForm

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        if not request.user.is_superuser and form.instance.pk:
            # A coordinator cannot detach the place from networks they do not coordinate.
            kept = form.instance.networks.exclude(pk__in=coordinated_networks(request))
            form.cleaned_data["networks"] = list(form.cleaned_data["networks"]) + list(kept)
        super().save_related(request, form, formsets, change)
        if form.cleaned_data.get("add_host"):
            form.instance.hosts.add(form.cleaned_data["add_host"])

    @admin.display(description=_("horaires en clair"))
    def hours_in_words(self, obj: Place) -> str:
        lines = (
            describe(obj.opening_hours, department=department_of(obj)) if obj and obj.opening_hours else []
        )
        return format_html_join("", "{}<br>", ((line,) for line in lines)) or "—"


@admin.register(Resource)
class ResourceAdmin(ScopedAdmin):
    list_display = ["name", "place", "kind", "capacity", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "place__name"]
    autocomplete_fields = ["place"]
    list_select_related = ["place"]

    def scope(self, request: HttpRequest) -> Q:
        return Q(place__in=places_managed_by(request.user))

    def may_change(self, request: HttpRequest, obj: Resource | None) -> bool:
        return obj is None or can_manage_place(request.user, obj.place)


@admin.register(Service)
class ServiceAdmin(ReferenceAdmin):
    list_display = ["code", "label", "label_en", "position"]
    ordering = ["position"]

    def get_readonly_fields(self, request: HttpRequest, obj: Service | None = None) -> list[str]:
        return [] if obj is None else ["code"]
