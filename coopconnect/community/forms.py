"""Plain forms of the community pages (they work without JavaScript)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coopconnect.community.models import MissionStatus, Visibility
from coopconnect.core.forms import LocalDecimalField


def _text(label: Any, max_length: int, **kw: Any) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, widget=forms.Textarea(attrs={"rows": 6}), **kw)


class TopicForm(forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=160)
    body = _text(_("Message"), 10000)


class ReplyForm(forms.Form):
    body = _text(_("Votre réponse"), 10000)


class PostEditForm(forms.Form):
    body = _text(_("Message"), 10000)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Motif"), max_length=300)


class ReportForm(forms.Form):
    reason = _text(_("Qu'est-ce qui pose problème ?"), 500)


class SkillSearchForm(forms.Form):
    skill = forms.CharField(label=_("Compétence"), max_length=80, required=False)
    near = forms.CharField(label=_("Près de (commune)"), max_length=80, required=False)
    within_minutes = forms.IntegerField(
        label=_("À moins de (minutes en voiture)"), min_value=5, max_value=120, required=False, initial=30
    )


class ProfileForm(forms.Form):
    headline = forms.CharField(label=_("Accroche"), max_length=140, help_text=_("Ex. : Graphiste à Nogaro"))
    skills = forms.CharField(
        label=_("Compétences"),
        max_length=1000,
        help_text=_("Séparées par des virgules. Ex. : graphisme, WordPress, comptabilité"),
    )
    offers = _text(_("Ce que je propose"), 2000, required=False)
    seeks = _text(_("Ce que je cherche"), 2000, required=False)
    commune = forms.CharField(
        label=_("Commune (facultatif)"), max_length=80, required=False, help_text=_("Nom ou code INSEE")
    )
    visibility = forms.ChoiceField(label=_("Qui voit mon profil ?"), choices=Visibility.choices)
    is_active = forms.BooleanField(label=_("Publier mon profil"), required=False, initial=True)


class ContactForm(forms.Form):
    subject = forms.CharField(label=_("Objet"), max_length=140)
    body = _text(_("Message"), 4000)


class AnswerForm(forms.Form):
    answer = _text(_("Votre réponse"), 4000)


class MissionSearchForm(forms.Form):
    skill = forms.CharField(label=_("Compétence"), max_length=80, required=False)


class DateInput(forms.DateInput):
    input_type = "date"


class MissionForm(forms.Form):
    network = forms.TypedChoiceField(label=_("Réseau"), coerce=int)
    organisation = forms.TypedChoiceField(
        label=_("Publiée pour"), coerce=int, required=False, empty_value=None
    )
    title = forms.CharField(label=_("Titre"), max_length=160)
    description = _text(_("Description"), 8000)
    skills = forms.CharField(
        label=_("Compétences recherchées"),
        max_length=1000,
        required=False,
        help_text=_("Séparées par des virgules"),
    )
    commune = forms.CharField(
        label=_("Commune"), max_length=80, required=False, help_text=_("Nom ou code INSEE")
    )
    remote = forms.BooleanField(label=_("À distance"), required=False)
    start = forms.DateField(label=_("Début souhaité"), required=False, widget=DateInput)
    deadline = forms.DateField(label=_("Échéance"), required=False, widget=DateInput)
    budget = LocalDecimalField(
        label=_("Budget (€, facultatif)"), required=False, min_value=0, max_digits=10, decimal_places=2
    )
    expires_on = forms.DateField(
        label=_("Visible jusqu'au"), required=False, widget=DateInput, help_text=_("Par défaut : 60 jours")
    )

    def __init__(self, *args: Any, networks: Any = (), organisations: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].choices = [(n.pk, n.name) for n in networks]
        self.fields["organisation"].choices = [("", _("Moi-même"))] + [(o.pk, o.name) for o in organisations]


class MissionEditForm(MissionForm):
    """The mission form without the network and the organisation, which do not change."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["network"]
        del self.fields["organisation"]


class ResponseForm(forms.Form):
    message = _text(_("Votre message"), 4000)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=MissionStatus.choices)
