"""Admin for territory reference data (read-mostly: loaded by load_communes, written by the platform team)."""

from django.contrib import admin

from coopconnect.core.admin import ReferenceAdmin
from coopconnect.territory.models import Commune, Department, Epci, Region


@admin.register(Commune)
class CommuneAdmin(ReferenceAdmin):
    list_display = ["insee", "name", "department", "population", "coords_approximate"]
    list_filter = ["region", "coords_approximate"]
    search_fields = ["insee", "name", "search_name"]
    readonly_fields = ["search_name"]


@admin.register(Epci)
class EpciAdmin(ReferenceAdmin):
    search_fields = ["code", "name"]


admin.site.register(Region, ReferenceAdmin)
admin.site.register(Department, ReferenceAdmin)
