"""Plain forms of the forum pages (they work without JavaScript)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


def text_field(label: Any, max_length: int, **kw: Any) -> forms.CharField:
    """Return a required-by-default text area of at most ``max_length`` characters."""
    return forms.CharField(label=label, max_length=max_length, widget=forms.Textarea(attrs={"rows": 6}), **kw)


class TopicForm(forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=160)
    body = text_field(_("Message"), 10000)


class ReplyForm(forms.Form):
    body = text_field(_("Votre réponse"), 10000)


class PostEditForm(forms.Form):
    body = text_field(_("Message"), 10000)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Motif"), max_length=300)


class ReportForm(forms.Form):
    reason = text_field(_("Qu'est-ce qui pose problème ?"), 500)
