"""Forms of the account pages; they parse input, the services decide."""

from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from coopconnect.accounts import tasks
from coopconnect.accounts.scopes import SCOPE_LABELS
from coopconnect.accounts.selectors import home_commune_from_text
from coopconnect.core.errors import DomainError

LANGUAGE_CHOICES = [("fr", "Français"), ("en", "English")]


class Form(forms.Form):
    """A form whose labels have no trailing colon (cleaner names for screen readers)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class HomeCommuneField(forms.CharField):
    """A commune typed as text ("Pertuis", "84089", "Saint-Rémy (13)"), resolved by the territory selector."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Commune de résidence (facultatif)"))
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("Nom, code postal ou code INSEE. Sert à vous proposer les lieux les plus proches.")
        )
        kwargs.setdefault("max_length", 120)
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "address-level2"}))
        super().__init__(**kwargs)


class _CommuneMixin:
    cleaned_data: dict[str, Any]

    def clean_home_commune(self) -> Any:
        try:
            return home_commune_from_text(self.cleaned_data.get("home_commune", ""))
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc


class SignupForm(_CommuneMixin, Form):
    email = forms.EmailField(
        label=_("Adresse e-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    first_name = forms.CharField(
        label=_("Prénom"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Nom"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    password1 = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        help_text=_("Au moins 8 caractères, pas uniquement des chiffres ni un mot de passe courant."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Mot de passe (confirmation)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    home_commune = HomeCommuneField()
    language = forms.ChoiceField(label=_("Langue des messages"), choices=LANGUAGE_CHOICES, initial="fr")

    def clean_password2(self) -> str:
        p1, p2 = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if p1 and p2 and p1 != p2:
            raise forms.ValidationError(_("Les deux mots de passe ne sont pas identiques."))
        return p2 or ""


class WorkCommuneField(HomeCommuneField):
    """The commune where the person usually works, typed as text like the home commune."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Commune de travail habituelle (facultatif)"))
        kwargs.setdefault(
            "help_text",
            _(
                "Nom, code postal ou code INSEE. Sert à estimer les trajets évités en "
                "travaillant près de chez vous."
            ),
        )
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "off"}))
        super().__init__(**kwargs)


class ProfileForm(_CommuneMixin, Form):
    first_name = forms.CharField(
        label=_("Prénom"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Nom"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    home_commune = HomeCommuneField()
    work_commune = WorkCommuneField()
    language = forms.ChoiceField(label=_("Langue"), choices=LANGUAGE_CHOICES)

    def clean_work_commune(self) -> Any:
        try:
            return home_commune_from_text(self.cleaned_data.get("work_commune", ""), field="work_commune")
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc


class InvitationAcceptForm(Form):
    first_name = SignupForm.base_fields["first_name"]
    last_name = SignupForm.base_fields["last_name"]
    password1 = SignupForm.base_fields["password1"]
    password2 = SignupForm.base_fields["password2"]
    language = SignupForm.base_fields["language"]
    clean_password2 = SignupForm.clean_password2


class InviteForm(Form):
    email = forms.EmailField(
        label=_("Adresse e-mail de la personne"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    role = forms.ChoiceField(
        label=_("Rôle"),
        choices=[("employee", _("Salarié")), ("admin", _("Administrateur"))],
        initial="employee",
    )


class TokenCreateForm(Form):
    place = forms.ModelChoiceField(label=_("Lieu"), queryset=None, empty_label=None)  # type: ignore[arg-type]
    name = forms.CharField(
        label=_("Nom du jeton"),
        max_length=100,
        help_text=_("Par exemple : porte d'entrée, imprimante, borne."),
    )

    def __init__(self, *args: Any, places: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places  # type: ignore[attr-defined]


class LocalizedPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending the mail (text and HTML) in the language the person chose."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        # Nothing is written before this mail (the reset token derives from the account as it is), so
        # there is no transaction to wait for: the task is queued at once.
        fields = {key: value for key, value in context.items() if key != "user"}
        tasks.send_password_reset.enqueue(context["user"].pk, to_email, fields)


class PersonalTokenForm(Form):
    name = forms.CharField(
        label=_("Nom du jeton"),
        max_length=100,
        help_text=_("Par exemple : application mobile, script de réservation."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Ce que le jeton peut faire"),
        choices=list(SCOPE_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    days = forms.TypedChoiceField(
        label=_("Durée de validité"),
        coerce=int,
        choices=[(30, _("30 jours")), (90, _("90 jours")), (365, _("1 an"))],
        initial=90,
    )
