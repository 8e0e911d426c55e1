"""Knowledge swap pages: search profiles, my profile, contact a person, my messages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors
from coopconnect.core.ratelimit import limit_posts
from coopconnect.skills import selectors
from coopconnect.skills.forms import (
    AnswerForm,
    ContactForm,
    ProfileForm,
    SkillSearchForm,
    resolve_commune_field,
)
from coopconnect.skills.models import SkillProfile, Visibility
from coopconnect.skills.services import contact_answer, contact_send, parse_tags, profile_save
from coopconnect.skills.vocabulary import VOCABULARY


def skills(request: HttpRequest) -> HttpResponse:
    """Search the profiles one may see by skill, near a commune (GET form)."""
    from coopconnect.places.selectors import resolve_origin

    form = SkillSearchForm(request.GET or None, initial={"within_minutes": 30})
    hits = None
    origin = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            origin = resolve_origin(data["near"]) if data["near"].strip() else None
            hits = selectors.profile_search(
                viewer=request.user,
                skill=data["skill"],
                origin=origin,
                within_minutes=data["within_minutes"] or 30,
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
    elif not request.GET:
        hits = selectors.profile_search(viewer=request.user, limit=20)
    page = Paginator(hits or [], 20).get_page(request.GET.get("page"))
    mine = getattr(request.user, "skill_profile", None) if request.user.is_authenticated else None
    status = 400 if request.GET and not form.is_valid() else 200
    return render(
        request,
        "skills/skills.html",
        {"form": form, "page": page, "origin": origin, "mine": mine},
        status=status,
    )


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    """Create or update my skills profile (opt-in)."""
    current: SkillProfile | None = getattr(request.user, "skill_profile", None)
    initial: dict[str, Any] = {"visibility": Visibility.NETWORK, "is_active": True}
    if current is not None:
        initial = {
            "headline": current.headline,
            "skills": ", ".join(s.label for s in current.skills.all()),
            "offers": current.offers,
            "seeks": current.seeks,
            "commune": current.commune.name if current.commune else "",
            "visibility": current.visibility,
            "is_active": current.is_active,
        }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            commune = resolve_commune_field(data["commune"])
            profile_save(
                person=request.user,
                headline=data["headline"],
                skills=parse_tags(data["skills"]),
                offers=data["offers"],
                seeks=data["seeks"],
                commune=commune,
                visibility=data["visibility"],
                is_active=data["is_active"],
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Profil enregistré."))
            return redirect("skills:profile_edit")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "current": current, "vocabulary": [label for label, _syn in VOCABULARY]}
    return render(request, "skills/profile_edit.html", context, status=status)


def profile(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's skills profile, when one may see it."""
    found = selectors.profile_visible(request.user, pk)
    if found is None:
        raise Http404
    return render(request, "skills/profile.html", {"profile": found})


@login_required
@limit_posts("contact")
def contact(request: HttpRequest, pk: int) -> HttpResponse:
    """Write to the person of a profile through the platform; neither address is shown."""
    found = selectors.profile_visible(request.user, pk)
    if found is None:
        raise Http404
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = contact_send(sender=request.user, profile=found, **form.cleaned_data)
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Message envoyé. Vous recevrez sa réponse par e-mail."))
            return redirect("skills:message", pk=sent.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "skills/contact.html", {"profile": found, "form": form}, status=status)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """Messages I received and sent through the profiles."""
    received, sent = selectors.inbox(request.user)
    return render(request, "skills/inbox.html", {"received": received[:100], "sent": sent[:100]})


@login_required
def message(request: HttpRequest, pk: int) -> HttpResponse:
    """One contact message; the person contacted answers it here."""
    found = selectors.contact_visible(request.user, pk)
    if found is None:
        raise Http404
    is_recipient = found.recipient_id == request.user.pk
    form = AnswerForm(request.POST or None)
    if request.method == "POST":
        if not is_recipient:
            raise Http404
        if form.is_valid():
            try:
                contact_answer(contact=found, by=request.user, answer=form.cleaned_data["answer"])
            except DomainError as exc:
                add_domain_errors(form, exc)
            else:
                messages.success(
                    request, _("Réponse envoyée : vos adresses e-mail sont maintenant partagées.")
                )
                return redirect("skills:message", pk=found.pk)
    context = {"contact": found, "form": form, "is_recipient": is_recipient}
    return render(request, "skills/message.html", context, status=400 if request.method == "POST" else 200)
