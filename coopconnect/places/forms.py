"""Forms of the places admin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coopconnect.places.models import Place

PLACE_ADMIN_FIELDS = [
    "name", "slug", "typology", "popup_start", "popup_end", "networks", "is_published",
    "carrier_name", "legal_form", "siret", "vat_number",
    "address", "postcode", "commune", "latitude", "longitude", "how_to_get_there",
    "opening_hours", "access_mode", "services", "wifi_mbps",
    "description", "phone", "email", "website", "photo", "hosts",
]  # fmt: skip


class PlaceAdminForm(forms.ModelForm):
    """Place form; given ``allowed_networks`` (a coordinator's), the place must belong to one of them.

    Opening hours, coordinates and popup dates are checked by the model (validator and ``clean``).
    """

    class Meta:
        model = Place
        fields = PLACE_ADMIN_FIELDS
        widgets = {
            "opening_hours": forms.TextInput(
                attrs={"size": 70, "placeholder": "Mo-Fr 08:30-12:00,13:30-18:00; PH off"}
            ),
        }

    def __init__(self, *args, allowed_networks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed_networks = allowed_networks
        if allowed_networks is not None and "networks" in self.fields:
            self.fields["networks"].queryset = allowed_networks
            self.fields["networks"].required = True
            self.fields["networks"].help_text = _("Au moins un des réseaux que vous coordonnez.")
