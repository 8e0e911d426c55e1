"""The erasure form: the password proves it is the person, the box that they understood."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ErasureForm(forms.Form):
    password = forms.CharField(
        label=_("Votre mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("Je comprends que l'effacement est définitif et que je ne pourrai plus me connecter."),
        required=True,
    )
