"""Forms of the survey pages: the coordinator's forms and the public answer form built from the questions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coopconnect.surveys.models import QuestionKind, Survey

HONEYPOT = "site_web"


class SurveyCreateForm(forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=200)
    territory = forms.CharField(
        label=_("Territoire (codes INSEE)"),
        max_length=500,
        help_text=_("Codes de communes, de départements ou d'EPCI séparés par des espaces, ex. : 84089 84"),
    )


class SurveyEditForm(forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=200)
    territory = forms.CharField(label=_("Territoire (codes INSEE)"), max_length=500)
    introduction = forms.CharField(
        label=_("Introduction"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    consent_text = forms.CharField(label=_("Texte de consentement"), widget=forms.Textarea(attrs={"rows": 4}))
    results_public = forms.BooleanField(
        label=_("Montrer les totaux (anonymes) dans les dossiers"), required=False
    )


class QuestionForm(forms.Form):
    label = forms.CharField(label=_("Question"), max_length=300)
    kind = forms.ChoiceField(label=_("Type"), choices=QuestionKind.choices)
    required = forms.BooleanField(label=_("Obligatoire"), required=False)
    help_text = forms.CharField(label=_("Aide"), max_length=300, required=False)
    choices = forms.CharField(
        label=_("Choix (un par ligne, « valeur | libellé » ou libellé seul)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class AnswerForm(forms.Form):
    """The public form: one field per question, the consent box and a honeypot left empty by people."""

    def __init__(self, survey: Survey, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.survey = survey
        for q in survey.questions.all():
            common = {"label": q.label, "required": False, "help_text": q.help_text}
            if q.kind == QuestionKind.SINGLE:
                field = forms.ChoiceField(
                    choices=[tuple(c) for c in q.choices], widget=forms.RadioSelect, **common
                )
            elif q.kind == QuestionKind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    choices=[tuple(c) for c in q.choices], widget=forms.CheckboxSelectMultiple, **common
                )
            elif q.kind == QuestionKind.INTEGER:
                field = forms.IntegerField(min_value=0, max_value=1000, **common)
            elif q.kind == QuestionKind.TEXT:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, **common)
            else:
                field = forms.CharField(max_length=120, **common)
                field.widget.attrs["autocomplete"] = "address-level2"
            # Required is checked by the service (one French message, nothing saved), but shown here.
            field.is_required_question = q.required
            self.fields[q.code] = field
        self.fields["consent"] = forms.BooleanField(label=survey.consent_text, required=False)
        self.fields[HONEYPOT] = forms.CharField(
            label=_("Ne pas remplir ce champ"),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )

    def answers(self) -> dict:
        data = self.cleaned_data
        return {q.code: data.get(q.code) for q in self.survey.questions.all()}
