"""Admin for territory reference data (read-mostly: loaded by load_communes)."""

from django.contrib import admin

from coopconnect.territory.models import Commune, Department, Epci, Region


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["insee", "name", "department", "population", "coords_approximate"]
    list_filter = ["region", "coords_approximate"]
    search_fields = ["insee", "name", "search_name"]
    readonly_fields = ["search_name"]


@admin.register(Epci)
class EpciAdmin(admin.ModelAdmin):
    search_fields = ["code", "name"]


admin.site.register(Region)
admin.site.register(Department)
