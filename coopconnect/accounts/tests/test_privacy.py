"""A member's rights over their data: export of everything about them, erasure that keeps the invoices,
retention periods, and the legal pages.

The world (``coopconnect.core.testing.world``) gives ``member`` a booking, a waitlist hold, a calendar
feed, an issued invoice, a subscription, an organisation they administer, an event registration, a
forum topic and post, a skills profile contacted by ``host``, and a mission answered by ``host``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coopconnect.accounts.models import OrganisationMembership, User
from coopconnect.accounts.privacy import registry, selectors, services
from coopconnect.billing.models import Invoice, InvoiceLine, Subscription
from coopconnect.bookings.models import AccessCheck, Booking, BookingStatus, CalendarFeed, Hold, WaitlistEntry
from coopconnect.core.errors import Conflict, DomainError
from coopconnect.core.testing.world import World
from coopconnect.events.models import Registration, RegistrationStatus
from coopconnect.forums.models import Post
from coopconnect.missions.models import Mission, MissionResponse, MissionStatus
from coopconnect.skills.models import ContactRequest, SkillProfile

PASSWORD = "mot-de-passe-membre"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def dumped(data: object) -> str:
    return json.dumps(data, ensure_ascii=False)


# Export


def test_every_app_holding_personal_data_is_registered():
    assert [h.app for h in registry.holders()] == [
        "businessplans",
        "surveys",
        "bookings",
        "billing",
        "payments",
        "events",
        "forums",
        "skills",
        "missions",
    ]
    assert [h.app for h in registry.erasure_order()][0] == "missions"


def test_export_holds_my_data_and_nobody_elses(world: World):
    data = selectors.export_json(world.users["member"])
    assert data["accounts"]["profile"][0]["email"] == "membre@example.org"
    assert data["accounts"]["organisations"] == [{"organisation": world.organisation.name, "role": "admin"}]
    assert [b["code"] for b in data["bookings"]["bookings"]] == ["SWEEP1"]
    assert len(data["bookings"]["waitlist"]) == 1
    assert [i["number"] for i in data["billing"]["invoices"]] == [world.invoice.number]
    assert data["billing"]["invoices"][0]["total_ttc"] == "24.00"  # 20 € HT + 20 % VAT
    assert [s["tariff"] for s in data["billing"]["subscriptions"]] == ["Adhésion annuelle"]
    assert [r["event"] for r in data["events"]["registrations"]] == [world.event.title]
    assert [p["body"] for p in data["forums"]["posts"]] == ["Qui monte de Cadenet le mardi ?"]
    assert data["skills"]["skills_profile"][0]["skills"] == ["Comptabilité"]
    assert data["missions"]["missions_posted"][0]["answers_received"] == 1
    text = dumped(data)
    # Other people's words and identities stay out: the host's answer to my mission, the host's
    # message to me, the host's address, the other members.
    for foreign in (
        "Réponse confidentielle de l'hôte",
        "Bonjour, auriez-vous du temps ?",
        "hote@example.org",
        "intrus@example.org",
        "salarie@example.org",
        "Plan confidentiel de Pertuis",
    ):
        assert foreign not in text, foreign


def test_export_of_someone_else_holds_none_of_mine(world: World):
    text = dumped(selectors.export_json(world.users["outsider"]))
    assert "membre@example.org" not in text and "SWEEP1" not in text and world.invoice.number not in text


def test_archive_has_json_csv_and_my_invoices_as_pdf(world: World):
    archive = zipfile.ZipFile(io.BytesIO(selectors.export_archive(world.users["member"])))
    names = set(archive.namelist())
    assert {"LISEZMOI.txt", "donnees.json", "csv/bookings_bookings.csv", "csv/billing_invoices.csv"} <= names
    pdf = archive.read(f"billing/factures/{world.invoice.number}.pdf")
    assert pdf.startswith(b"%PDF")
    assert "SWEEP1" in archive.read("csv/bookings_bookings.csv").decode()
    assert json.loads(archive.read("donnees.json"))["accounts"]["profile"][0]["first_name"] == "Marie"


def test_export_page_and_api_are_mine_only(world: World):
    page = signed_in(world.users["member"]).get(reverse("accounts:privacy_export"))
    assert page.status_code == 200 and page["Content-Type"] == "application/zip"
    assert page["Content-Disposition"].startswith('attachment; filename="coop-connect-mes-donnees-')
    api = signed_in(world.users["outsider"]).get("/api/v1/me/export?format=json")
    assert api.status_code == 200
    assert api.json()["accounts"]["profile"][0]["email"] == "intrus@example.org"
    assert "SWEEP1" not in api.content.decode()
    assert Client().get("/api/v1/me/export").status_code == 401
    anonymous = Client().get(reverse("accounts:privacy_export"))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("accounts:login"))


def test_privacy_page_says_what_is_kept_and_why(world: World):
    response = signed_in(world.users["member"]).get(reverse("accounts:privacy"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "10 ans" in html and "L123-22" in html
    assert reverse("accounts:privacy_export") in html and reverse("accounts:privacy_erase") in html


# Erasure


def test_wrong_password_erases_nothing(world: World):
    member = world.users["member"]
    with pytest.raises(DomainError) as exc:
        services.person_erase(person=member, password="pas-le-bon")
    assert exc.value.errors == {"password": ["Mot de passe incorrect."]}
    member.refresh_from_db()
    assert member.email == "membre@example.org" and member.is_active and member.erased_at is None


def test_erasure_anonymises_everywhere_and_keeps_the_invoices(world: World):
    member, host = world.users["member"], world.users["host"]
    invoice_before = Invoice.objects.values().get(pk=world.invoice.pk)
    lines_before = list(InvoiceLine.objects.filter(invoice=world.invoice).values())
    host_token = world.token
    member_session = signed_in(member).session.session_key

    services.person_erase(person=member, password=PASSWORD)

    member.refresh_from_db()
    assert member.first_name == "Membre supprimé" and member.last_name == ""
    assert member.email == f"membre-supprime-{member.pk}@anonyme.invalid"
    assert not member.is_active and not member.has_usable_password() and member.erased_at is not None
    assert str(member) == "Membre supprimé" and not member.is_invited
    # Invoices, their lines and their PDF stay exactly as issued (buyer snapshot included).
    assert Invoice.objects.values().get(pk=world.invoice.pk) == invoice_before
    assert list(InvoiceLine.objects.filter(invoice=world.invoice).values()) == lines_before
    assert invoice_before["buyer_name"] and bytes(Invoice.objects.get(pk=world.invoice.pk).document.pdf)
    # Everything else about the person is gone or anonymised.
    world.booking.refresh_from_db()
    assert world.booking.status == BookingStatus.CANCELLED
    assert not Hold.objects.filter(person=member).exists()
    assert not WaitlistEntry.objects.filter(person=member).exists()
    assert not CalendarFeed.objects.filter(owner=member).exists()
    assert not OrganisationMembership.objects.filter(user=member).exists()
    assert Subscription.objects.get(pk=world.subscription.pk).end == timezone.localdate()
    assert Registration.objects.get(pk=world.registration.pk).status == RegistrationStatus.CANCELLED
    assert not SkillProfile.objects.filter(person=member).exists()
    assert not member.followed_topics.exists()
    assert Post.objects.get(pk=world.post.pk).author_id == member.pk  # shown as "Membre supprimé"
    assert Mission.objects.get(pk=world.mission.pk).status == MissionStatus.CLOSED
    assert not Session.objects.filter(session_key=member_session).exists()
    # Other people's data is untouched.
    host.refresh_from_db()
    assert host.email == "hote@example.org" and host.is_active
    assert MissionResponse.objects.filter(pk=world.mission_response.pk).exists()
    assert ContactRequest.objects.get(pk=world.contact.pk).body == "Bonjour, auriez-vous du temps ?"
    host_token.refresh_from_db()
    assert host_token.revoked_at is None
    assert OrganisationMembership.objects.filter(pk=world.employee_membership.pk).exists()


def test_erased_person_cannot_sign_in(world: World):
    services.person_erase(person=world.users["member"], password=PASSWORD)
    client = Client()
    assert not client.login(email="membre@example.org", password=PASSWORD)
    response = client.post(
        reverse("accounts:login"), {"username": "membre@example.org", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 400, 429)
    with pytest.raises(Conflict):
        services.person_erase(person=User.objects.get(pk=world.users["member"].pk), password=PASSWORD)


def test_erasure_is_whole_or_nothing(world: World, monkeypatch):
    def refuse(*, person: User) -> None:
        raise RuntimeError("a holder failed")

    failing = registry.Holder(app="failing", export=lambda person: registry.PersonalData(), erase=refuse)
    # The failure comes last, after every app has erased its part: all of it must roll back.
    monkeypatch.setattr(services, "erasure_order", lambda: iter([*reversed(registry.holders()), failing]))
    with pytest.raises(RuntimeError):
        services.person_erase(person=world.users["member"], password=PASSWORD)
    member = User.objects.get(pk=world.users["member"].pk)
    assert member.email == "membre@example.org" and member.erased_at is None
    assert Booking.objects.get(pk=world.booking.pk).status == BookingStatus.CONFIRMED
    assert SkillProfile.objects.filter(person=member).exists()
    assert Hold.objects.filter(person=member).exists()


def test_erasure_page_asks_the_password_then_signs_out(world: World):
    member = world.users["member"]
    client = signed_in(member)
    wrong = client.post(reverse("accounts:privacy_erase"), {"password": "pas-le-bon", "confirm": "on"})
    assert wrong.status_code == 400 and "Mot de passe incorrect." in wrong.content.decode()
    unchecked = client.post(reverse("accounts:privacy_erase"), {"password": PASSWORD})
    assert unchecked.status_code == 400
    member.refresh_from_db()
    assert member.erased_at is None
    done = client.post(reverse("accounts:privacy_erase"), {"password": PASSWORD, "confirm": "on"})
    assert done.status_code == 302 and done["Location"] == reverse("accounts:privacy_erased")
    page = client.get(done["Location"])
    assert page.status_code == 200 and "10 ans" in page.content.decode()
    assert client.get(reverse("accounts:profile")).status_code == 302  # signed out
    member.refresh_from_db()
    assert member.erased_at is not None


def test_erasure_api_only_erases_me(world: World):
    outsider = world.users["outsider"]
    client = signed_in(outsider)
    wrong = client.post("/api/v1/me/erase", {"password": "x"}, content_type="application/json")
    assert wrong.status_code == 400 and wrong.json()["errors"] == {"password": ["Mot de passe incorrect."]}
    ok = client.post("/api/v1/me/erase", {"password": "mot-de-passe-intrus"}, content_type="application/json")
    assert ok.status_code == 200 and "10 ans" in ok.json()["detail"]
    outsider.refresh_from_db()
    assert outsider.erased_at is not None
    member = User.objects.get(pk=world.users["member"].pk)
    assert member.erased_at is None and member.email == "membre@example.org"
    again = client.post(
        "/api/v1/me/erase", {"password": "mot-de-passe-intrus"}, content_type="application/json"
    )
    assert again.status_code == 401
    assert (
        Client().post("/api/v1/me/erase", {"password": "x"}, content_type="application/json").status_code
        == 401
    )


# Retention


def test_purge_deletes_only_what_is_past_its_period(world: World, settings):
    settings.PRIVACY_UNVERIFIED_ACCOUNT_DAYS = 30
    settings.PRIVACY_WAITLIST_DAYS = 90
    settings.PRIVACY_ACCESS_LOG_DAYS = 365
    now = timezone.now()
    stale = User.objects.create_user("jamais-verifie@example.org", "x-y-z-123456", first_name="Jo")
    User.objects.filter(pk=stale.pk).update(date_joined=now - dt.timedelta(days=31))
    fresh = User.objects.create_user("tout-neuf@example.org", "x-y-z-123456", first_name="Tom")
    old_start = now - dt.timedelta(days=100)
    old_entry = WaitlistEntry.objects.create(
        resource=world.seats,
        person=world.users["outsider"],
        start=old_start,
        end=old_start + dt.timedelta(hours=4),
    )
    old_check = AccessCheck.objects.create(place=world.place, code="X", allowed=False, reason="inconnu")
    AccessCheck.objects.filter(pk=old_check.pk).update(checked_at=now - dt.timedelta(days=366))
    recent_check = AccessCheck.objects.create(place=world.place, code="Y", allowed=False, reason="inconnu")
    Session.objects.create(session_key="expiree", session_data="x", expire_date=now - dt.timedelta(days=1))

    counts = services.expired_data_purge(now=now)

    assert (
        counts["unverified_accounts"] == 1
        and counts["waitlist_entries"] == 1
        and counts["access_checks"] == 1
    )
    assert counts["sessions"] >= 1
    assert not User.objects.filter(pk=stale.pk).exists() and User.objects.filter(pk=fresh.pk).exists()
    assert User.objects.filter(pk=world.users["member"].pk).exists()  # verified
    assert not WaitlistEntry.objects.filter(pk=old_entry.pk).exists()
    assert WaitlistEntry.objects.filter(pk=world.hold.entry_id).exists()  # still to come
    assert AccessCheck.objects.filter(pk=recent_check.pk).exists()
    assert not Session.objects.filter(session_key="expiree").exists()


def test_purge_command_reports_counts(db, capsys):
    call_command("purge_expired_data")
    out = capsys.readouterr().out
    assert "unverified_accounts : 0 supprimé(s)" in out and "task_results" in out


# Legal pages


@pytest.mark.parametrize(
    ("name", "french", "english"),
    [
        ("core:privacy_policy", "Politique de confidentialité", "Privacy policy"),
        ("core:legal_notice", "Mentions légales", "Legal notice"),
        ("core:accessibility_statement", "partiellement conforme", "partially compliant"),
    ],
)
def test_legal_pages_in_french_and_english(db, settings, name: str, french: str, english: str):
    settings.LEGAL_HOST = "Hébergeur Exemple SAS, 1 rue du Serveur, 84000 Avignon"
    fr = Client().get(reverse(name))
    assert fr.status_code == 200 and french in fr.content.decode()
    en = Client(headers={"accept-language": "en"}).get(reverse(name))
    assert en.status_code == 200 and english in en.content.decode()
    if name != "core:accessibility_statement":
        assert settings.LEGAL_HOST in fr.content.decode()


def test_privacy_policy_lists_only_necessary_cookies_and_the_periods(db, settings):
    settings.PRIVACY_UNVERIFIED_ACCOUNT_DAYS = 45
    html = Client().get(reverse("core:privacy_policy")).content.decode()
    for cookie in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME):
        assert f"<code>{cookie}</code>" in html
    assert "strictement nécessaires" in html and "45 jours" in html


def test_footer_links_the_legal_pages(db):
    html = Client().get("/").content.decode()
    for name in ("core:privacy_policy", "core:legal_notice", "core:accessibility_statement"):
        assert f'href="{reverse(name)}"' in html
