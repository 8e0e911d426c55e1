"""Knowledge swap: profiles, vocabulary, visibility, search near a commune, contact by the platform."""

from __future__ import annotations

import json

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from coopconnect.core.errors import DomainError, NotFound, PermissionDenied
from coopconnect.places.selectors import Origin
from coopconnect.skills.models import ContactQuota, ContactRequest, Skill, SkillProfile, Visibility
from coopconnect.skills.selectors import profile_search
from coopconnect.skills.services import (
    TooManyContacts,
    contact_answer,
    contact_send,
    parse_tags,
    profile_save,
)
from coopconnect.skills.vocabulary import canonical

pytestmark = pytest.mark.django_db


def test_tags_fold_onto_the_shared_vocabulary():
    assert canonical("compta") == ("comptabilite", "Comptabilité", True)
    assert canonical("  Développement WEB ") == ("developpement web", "Développement web", True)
    assert canonical("site internet")[1] == "Développement web"
    assert canonical("Apiculture  bio") == ("apiculture bio", "Apiculture bio", False)
    assert parse_tags("web, compta;  ; Web\nphoto") == ["web", "compta", "photo"]


def test_profile_save_is_opt_in_and_normalises_skills(member):
    assert not SkillProfile.objects.exists()
    profile = profile_save(
        person=member, headline="Comptable", skills=["compta", "Comptabilité", "Apiculture"]
    )
    assert sorted(s.label for s in profile.skills.all()) == ["Apiculture", "Comptabilité"]
    assert Skill.objects.get(key="comptabilite").curated
    assert not Skill.objects.get(key="apiculture").curated
    with pytest.raises(DomainError) as exc:
        profile_save(person=member, headline="", skills=[])
    assert exc.value.errors == {
        "headline": ["Ce champ est obligatoire."],
        "skills": ["Indiquez au moins une compétence."],
    }


def test_visibility_network_or_public(member, host, outsider, other_host, belongs):
    profile = profile_save(
        person=member, headline="Comptable", skills=["compta"], visibility=Visibility.NETWORK
    )
    from django.contrib.auth.models import AnonymousUser

    assert [h.profile for h in profile_search(viewer=host, skill="comptable")] == [profile]
    for who in (outsider, other_host, AnonymousUser()):
        assert profile_search(viewer=who, skill="compta") == []
    profile_save(person=member, headline="Comptable", skills=["compta"], visibility=Visibility.PUBLIC)
    assert [h.profile for h in profile_search(viewer=AnonymousUser(), skill="compta")] == [profile]
    profile_save(person=member, headline="Comptable", skills=["compta"], is_active=False)
    assert profile_search(viewer=host, skill="compta") == []


def test_search_near_a_commune_within_minutes(member, host, second_member, pertuis, cadenet, apt, belongs):
    near = profile_save(person=member, headline="Graphiste", skills=["graphisme"], commune=cadenet)
    profile_save(person=second_member, headline="Graphiste", skills=["graphisme"], commune=apt)
    origin = Origin(point=(pertuis.latitude, pertuis.longitude), commune=pertuis, label="Pertuis")
    # Estimate: Cadenet 11.2 km as the crow flies x 1.2 = 13.4 km of road -> 1 + 4 (2 km at 30 km/h)
    # + 8.7 (8 km at 55) + 2.4 (3.4 km at 85) = 16.1 min. Apt: 21.9 km x 1.2 = 26.3 km -> 25.3 min > 25.
    hits = profile_search(viewer=host, skill="graphiste", origin=origin, within_minutes=25)
    assert [h.profile for h in hits] == [near]
    assert hits[0].travel_minutes == 16
    assert len(profile_search(viewer=host, skill="graphisme", origin=origin, within_minutes=90)) == 2


def test_skills_page_search_and_garbage(member, host, pertuis, cadenet, belongs, client):
    profile_save(person=member, headline="Graphiste", skills=["graphisme"], commune=cadenet)
    client.force_login(host)
    url = reverse("skills:skills")
    html = client.get(url, {"skill": "graphisme", "near": "Pertuis", "within_minutes": 30}).content.decode()
    assert "Graphiste" in html and "Cadenet" in html and "min en voiture" in html
    unknown = client.get(url, {"near": "Nullepart-sur-Mer", "within_minutes": "20"})
    assert unknown.status_code == 400 and "Commune inconnue" in unknown.content.decode()
    garbage = client.get(url, {"near": "Pertuis", "within_minutes": "abc"})
    assert garbage.status_code == 400 and "Saisissez un nombre entier." in garbage.content.decode()


def test_profile_edit_page_prg_and_errors(member, pertuis, client):
    client.force_login(member)
    url = reverse("skills:profile_edit")
    bad = client.post(
        url, {"headline": "Photographe", "skills": "photo", "commune": "Atlantide", "visibility": "public"}
    )
    assert bad.status_code == 400 and "Commune inconnue" in bad.content.decode()
    assert not SkillProfile.objects.exists()
    ok = client.post(
        url,
        {
            "headline": "Photographe",
            "skills": "photo, vidéo",
            "commune": "84089",
            "visibility": "public",
            "is_active": "on",
        },
    )
    assert ok.status_code == 302
    profile = SkillProfile.objects.get()
    assert profile.commune == pertuis and profile.visibility == "public"
    assert sorted(s.label for s in profile.skills.all()) == ["Photographie", "Vidéo"]


def test_contact_mail_hides_both_addresses_until_the_answer(
    member, host, belongs, django_capture_on_commit_callbacks
):
    profile = profile_save(person=member, headline="Comptable", skills=["compta"])
    with django_capture_on_commit_callbacks(execute=True):
        contact = contact_send(sender=host, profile=profile, subject="Bilan", body="Auriez-vous du temps ?")
    (first,) = mail.outbox
    assert first.to == ["membre@example.org"]
    assert "hote@example.org" not in first.body + first.subject and not first.reply_to
    assert f"/communaute/messages/{contact.pk}/" in first.body
    mail.outbox.clear()
    with pytest.raises(PermissionDenied):
        contact_answer(contact=contact, by=host, answer="Je me réponds")
    with django_capture_on_commit_callbacks(execute=True):
        contact_answer(contact=contact, by=member, answer="Oui, jeudi.")
    (answer,) = mail.outbox
    assert answer.to == ["hote@example.org"] and answer.reply_to == ["membre@example.org"]
    assert "Oui, jeudi." in answer.body and "membre@example.org" in answer.body


def test_contact_rules(member, host, outsider, belongs, settings):
    settings.COMMUNITY_CONTACTS_PER_DAY = 2
    profile = profile_save(person=member, headline="Comptable", skills=["compta"])
    with pytest.raises(NotFound):
        contact_send(sender=outsider, profile=profile, subject="x", body="y")  # network-only profile
    with pytest.raises(DomainError, match="vous-même"):
        contact_send(sender=member, profile=profile, subject="x", body="y")
    with pytest.raises(DomainError):
        contact_send(sender=host, profile=profile, subject="", body="")
    assert not ContactQuota.objects.filter(count__gt=0).exists()  # refused before counting
    with time_machine.travel("2027-03-15 09:00 +01:00", tick=False):
        contact_send(sender=host, profile=profile, subject="1", body="a")
        contact_send(sender=host, profile=profile, subject="2", body="b")
        with pytest.raises(TooManyContacts, match="déjà contacté 2 personnes"):
            contact_send(sender=host, profile=profile, subject="3", body="c")
    assert ContactRequest.objects.count() == 2
    with time_machine.travel("2027-03-16 09:00 +01:00", tick=False):
        contact_send(sender=host, profile=profile, subject="3", body="c")  # a new day, a new quota
    assert ContactRequest.objects.count() == 3


def test_contact_page_and_inbox(member, host, belongs, client, settings):
    settings.COMMUNITY_CONTACTS_PER_DAY = 1
    profile = profile_save(person=member, headline="Comptable", skills=["compta"])
    client.force_login(host)
    url = reverse("skills:contact", args=[profile.pk])
    assert client.post(url, {"subject": "", "body": ""}).status_code == 400
    sent = client.post(url, {"subject": "Bilan", "body": "Bonjour"})
    assert sent.status_code == 302
    limited = client.post(url, {"subject": "Encore", "body": "Bonjour"})
    assert limited.status_code == 400 and "réessayez demain" in limited.content.decode()
    assert ContactRequest.objects.count() == 1
    contact = ContactRequest.objects.get()
    page = client.get(sent["Location"]).content.decode()
    assert "membre@example.org" not in page  # no answer yet
    assert client.post(sent["Location"], {"answer": "x"}).status_code == 404  # only the recipient answers
    client.force_login(member)
    assert "Bilan" in client.get(reverse("skills:inbox")).content.decode()
    assert "hote@example.org" not in client.get(sent["Location"]).content.decode()
    client.post(reverse("skills:message", args=[contact.pk]), {"answer": "Avec plaisir"})
    assert "hote@example.org" in client.get(sent["Location"]).content.decode()


def test_strangers_cannot_see_or_contact_a_network_profile(member, outsider, other_host, belongs, client):
    profile = profile_save(person=member, headline="Comptable", skills=["compta"])
    for who in (outsider, other_host):
        client.force_login(who)
        for name in ("skills:profile", "skills:contact"):
            url = reverse(name, args=[profile.pk])
            assert client.get(url).status_code == 404
            assert client.post(url, {"subject": "x", "body": "y"}).status_code == 404
        assert client.get("/api/v1/community/skills?skill=compta").json() == []
    assert not ContactRequest.objects.exists()


def test_api_skills_search(member, host, belongs, client):
    profile_save(
        person=member, headline="Comptable", skills=["compta", "Excel"], visibility=Visibility.PUBLIC
    )
    anonymous = client.get("/api/v1/community/skills?skill=comptabilité").json()
    assert anonymous == [
        {
            "id": SkillProfile.objects.get().pk,
            "name": "Marie",
            "headline": "Comptable",
            "skills": ["Bureautique", "Comptabilité"],
            "commune": None,
            "travel_minutes": None,
        }
    ]
    bad = client.get("/api/v1/community/skills?near=Atlantide")
    assert bad.status_code == 400 and "near" in bad.json()["errors"]
    assert client.get("/api/v1/community/skills?within_minutes=500").status_code == 422
    assert "membre@example.org" not in json.dumps(anonymous)
