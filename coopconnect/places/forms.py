"""Forms of the places admin."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from coopconnect.core.forms import LocalFloatField
from coopconnect.places.models import Place

PLACE_ADMIN_FIELDS = [
    "name", "slug", "typology", "popup_start", "popup_end", "networks", "is_published",
    "carrier_name", "legal_form", "siret", "vat_number",
    "address", "postcode", "commune", "latitude", "longitude", "how_to_get_there",
    "opening_hours", "access_mode", "services", "wifi_mbps",
    "description", "phone", "email", "website", "hosts",
]  # fmt: skip


class PlaceAdminForm(forms.ModelForm):
    """Place form; given ``allowed_networks`` (a coordinator's), the place must belong to one of them.

    Opening hours, coordinates and popup dates are checked by the model (validator and ``clean``).
    """

    class Meta:
        model = Place
        fields = PLACE_ADMIN_FIELDS
        # "43,6942" as a French coordinator types it (a number input would drop the comma).
        field_classes = {"latitude": LocalFloatField, "longitude": LocalFloatField}
        widgets = {
            "opening_hours": forms.TextInput(
                attrs={"size": 70, "placeholder": "Mo-Fr 08:30-12:00,13:30-18:00; PH off"}
            ),
        }

    add_host_email = forms.EmailField(
        label=_("Ajouter un hôte par son adresse e-mail"),
        required=False,
        help_text=_("Adresse exacte d'un compte existant, pour une personne absente de la liste."),
    )

    def __init__(self, *args, allowed_networks=None, allowed_hosts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed_networks = allowed_networks
        if allowed_hosts is not None and "hosts" in self.fields:
            self.fields["hosts"].queryset = allowed_hosts
        if allowed_networks is not None and "networks" in self.fields:
            self.fields["networks"].queryset = allowed_networks
            self.fields["networks"].required = True
            self.fields["networks"].help_text = _("Au moins un des réseaux que vous coordonnez.")

    def clean_add_host_email(self) -> str:
        email = (self.cleaned_data.get("add_host_email") or "").strip()
        self.cleaned_data["add_host"] = None
        if email:
            user = get_user_model().objects.filter(email__iexact=email).first()
            if user is None:
                raise forms.ValidationError(_("Aucun compte n'a cette adresse e-mail."))
            self.cleaned_data["add_host"] = user
        return email
