"""Writes of the knowledge swap: skills profiles, contacting a person through the platform."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from coopconnect.core.queue import after_commit
from coopconnect.skills import tasks
from coopconnect.skills.models import ContactQuota, ContactRequest, Skill, SkillProfile, Visibility
from coopconnect.skills.selectors import visible_profiles
from coopconnect.skills.vocabulary import canonical

MAX_SKILLS = 20
_SPLIT = re.compile(r"[,;\n]+")


class TooManyContacts(Conflict):
    """The sender reached the daily number of contacts."""

    status_code = 429


def contacts_per_day() -> int:
    """Return how many people one person may contact a day (setting COMMUNITY_CONTACTS_PER_DAY)."""
    return int(getattr(settings, "COMMUNITY_CONTACTS_PER_DAY", 5))


def parse_tags(text: str) -> list[str]:
    """Split what a person typed ("web, compta; photo") into tags, without empties or duplicates."""
    tags: list[str] = []
    for raw in _SPLIT.split((text or "").replace("\x00", "")):
        tag = " ".join(raw.split())
        if tag and tag.lower() not in (t.lower() for t in tags):
            tags.append(tag)
    return tags


def skills_for(labels: list[str]) -> list[Skill]:
    """Return the skills for these tags: the shared vocabulary's when they match it, free tags otherwise."""
    skills: dict[str, Skill] = {}
    for label in labels:
        key, clean, curated = canonical(label)
        if not key:
            continue
        skill, _created = Skill.objects.get_or_create(key=key, defaults={"label": clean, "curated": curated})
        skills[key] = skill
    return list(skills.values())


@transaction.atomic
def profile_save(
    *,
    person: Any,
    headline: str,
    skills: list[str],
    offers: str = "",
    seeks: str = "",
    commune: Any = None,
    visibility: str = Visibility.NETWORK,
    is_active: bool = True,
) -> SkillProfile:
    """Create or update the person's skills profile (opt-in: nothing is shown before this)."""
    errors: dict[str, list[str]] = {}
    headline = (headline or "").strip()
    if not headline:
        errors["headline"] = [_("Ce champ est obligatoire.")]
    elif len(headline) > 140:
        errors["headline"] = [_("%(n)s caractères au plus.") % {"n": 140}]
    if not skills:
        errors["skills"] = [_("Indiquez au moins une compétence.")]
    elif len(skills) > MAX_SKILLS:
        errors["skills"] = [_("%(n)s compétences au plus.") % {"n": MAX_SKILLS}]
    elif any(len(s) > 80 for s in skills):
        errors["skills"] = [_("Une compétence tient en %(n)s caractères au plus.") % {"n": 80}]
    if visibility not in Visibility.values:
        errors["visibility"] = [_("Choix de visibilité inconnu.")]
    for field, value in (("offers", offers), ("seeks", seeks)):
        if len(value or "") > 2000:
            errors[field] = [_("%(n)s caractères au plus.") % {"n": 2000}]
    if errors:
        raise DomainError(_("Le profil n'a pas été enregistré : corrigez les champs signalés."), errors)
    profile, _created = SkillProfile.objects.update_or_create(
        person=person,
        defaults={
            "headline": headline,
            "offers": (offers or "").strip(),
            "seeks": (seeks or "").strip(),
            "commune": commune,
            "visibility": visibility,
            "is_active": is_active,
        },
    )
    profile.skills.set(skills_for(skills))
    return profile


def _take_quota(sender: Any, day: Any) -> None:
    """Count one more contact for the sender today, or refuse when the limit is reached.

    The check and the increment are one conditional UPDATE: two requests at the same instant cannot
    both see "4 of 5" and both pass (PostgreSQL re-checks the condition on the row it waited for;
    SQLite serialises writers).
    """
    try:
        with transaction.atomic():
            ContactQuota.objects.get_or_create(sender=sender, day=day)
    except IntegrityError:
        pass  # created at the same instant by a parallel request: the row exists, that is all we need
    limit = contacts_per_day()
    taken = ContactQuota.objects.filter(sender=sender, day=day, count__lt=limit).update(count=F("count") + 1)
    if not taken:
        raise TooManyContacts(
            _("Vous avez déjà contacté %(n)s personnes aujourd'hui : réessayez demain.") % {"n": limit}
        )


@transaction.atomic
def contact_send(*, sender: Any, profile: SkillProfile, subject: str, body: str) -> ContactRequest:
    """Write to the person of a profile through the platform (limited per sender and day)."""
    if not visible_profiles(sender).filter(pk=profile.pk).exists():
        raise NotFound(_("Profil introuvable."))
    if profile.person_id == sender.pk:
        raise DomainError(_("Vous ne pouvez pas vous écrire à vous-même."))
    errors: dict[str, list[str]] = {}
    subject = (subject or "").replace("\x00", "").strip()
    body = (body or "").replace("\x00", "").strip()
    if not subject:
        errors["subject"] = [_("Ce champ est obligatoire.")]
    elif len(subject) > 140:
        errors["subject"] = [_("%(n)s caractères au plus.") % {"n": 140}]
    if not body:
        errors["body"] = [_("Ce champ est obligatoire.")]
    elif len(body) > 4000:
        errors["body"] = [_("%(n)s caractères au plus.") % {"n": 4000}]
    if errors:
        raise DomainError(_("Le message n'a pas été envoyé : corrigez les champs signalés."), errors)
    _take_quota(sender, timezone.localdate())
    contact = ContactRequest.objects.create(
        sender=sender, recipient_id=profile.person_id, subject=subject, body=body
    )
    after_commit(tasks.send_contact_email, contact.pk)
    return contact


@transaction.atomic
def contact_answer(*, contact: ContactRequest, by: Any, answer: str) -> ContactRequest:
    """Answer a contact message: the sender gets the answer and both addresses are shared."""
    contact = ContactRequest.objects.select_for_update().get(pk=contact.pk)
    if contact.recipient_id != by.pk:
        raise PermissionDenied(_("Seule la personne contactée peut répondre."))
    if contact.answered_at is not None:
        raise Conflict(_("Vous avez déjà répondu à ce message."))
    answer = (answer or "").replace("\x00", "").strip()
    if not answer:
        raise DomainError(_("La réponse est vide."), {"answer": [_("Ce champ est obligatoire.")]})
    if len(answer) > 4000:
        raise DomainError(
            _("La réponse est trop longue."), {"answer": [_("%(n)s caractères au plus.") % {"n": 4000}]}
        )
    contact.answer, contact.answered_at = answer, timezone.now()
    contact.save(update_fields=["answer", "answered_at"])
    after_commit(tasks.send_contact_answer_email, contact.pk)
    return contact


@transaction.atomic
def anonymise_person(*, person: Any) -> None:
    """Delete the person's skills profile and the messages they sent; blank their answers to others."""
    SkillProfile.objects.filter(person=person).delete()
    ContactRequest.objects.filter(sender=person).delete()
    ContactRequest.objects.filter(recipient=person).exclude(answer="").update(answer="")
    ContactQuota.objects.filter(sender=person).delete()
