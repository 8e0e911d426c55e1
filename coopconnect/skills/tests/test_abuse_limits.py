"""Writing to people through their skills profiles counts in the contact limit."""

from django.urls import reverse

from coopconnect.skills.models import ContactRequest
from coopconnect.skills.services import profile_save


def test_contact_messages_are_limited_per_person(member, host, belongs, client, settings):
    settings.COMMUNITY_CONTACTS_PER_DAY = 100
    settings.RATE_LIMITS = {"contact": (("user", "2/h"),)}
    profile = profile_save(person=member, headline="Comptable", skills=["compta"])
    client.force_login(host)
    url = reverse("skills:contact", args=[profile.pk])
    statuses = [client.post(url, {"subject": f"Bilan {i}", "body": "Bonjour"}).status_code for i in range(3)]
    assert statuses == [302, 302, 429]
    refused = client.post(url, {"subject": "Encore", "body": "Bonjour"})
    assert "Trop de tentatives : réessayez dans" in refused.content.decode()
    assert refused["Retry-After"]
    assert ContactRequest.objects.count() == 2
    assert client.get(url).status_code == 200  # the form still shows
