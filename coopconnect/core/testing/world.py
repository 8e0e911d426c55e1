"""A small world of objects around the base fixtures, for the cross-cutting sweeps.

Everything that belongs to the host's side hangs off ``place`` (hosted by ``host``, in ``network``
coordinated by ``coordinator``): a booking of ``member``, a waitlist hold, an issued invoice, a
subscription, an API token, an organisation administered by ``member``, a business plan and a
needs survey owned by ``host``. ``outsider`` and ``other_host`` (host of ``other_place``) own none
of it, so every page or endpoint about these objects must refuse them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from coopconnect.core.testing.world_identity import identity_objects


@dataclass
class World:
    """Handles on every object a route parameter may point to."""

    users: dict[str, Any]
    place: Any
    other_place: Any
    network: Any
    commune: Any
    seats: Any
    meeting_room: Any
    booking: Any
    hold: Any
    feed: Any
    organisation: Any
    employee_membership: Any
    token: Any
    token_secret: str
    issuer: Any
    invoice: Any
    tariff: Any
    subscription: Any
    plan: Any
    scenario: Any
    survey: Any
    question: Any
    invited: Any
    event: Any = None
    registration: Any = None
    forum: Any = None
    topic: Any = None
    post: Any = None
    skill_profile: Any = None
    contact: Any = None
    mission: Any = None
    mission_response: Any = None
    webhook_endpoint: Any = None
    webhook_delivery: Any = None
    mandate: Any = None
    collection: Any = None
    personal_token: Any = None
    oauth_app: Any = None

    @property
    def secrets(self) -> dict[str, str]:
        """Strings that only the owners of these objects may ever see on a page."""
        return {
            "booking code": self.booking.short_code,
            "invoice number": self.invoice.number,
            "API token prefix": self.token.prefix,
            "calendar feed token": self.feed.token,
            "business plan share token": self.plan.share_token,
            "business plan name": self.plan.name,
            "survey answer token": self.survey.public_token,
            "organisation name": self.organisation.name,
            "member's e-mail": self.users["member"].email,
            "forum topic title": self.topic.title if self.topic else "",
            "mission answer": self.mission_response.message if self.mission_response else "",
            "webhook secret": self.webhook_endpoint.secret if self.webhook_endpoint else "",
            "webhook URL": self.webhook_endpoint.url if self.webhook_endpoint else "",
            "SEPA mandate reference": self.mandate.reference if self.mandate else "",
            "personal token prefix": self.personal_token.prefix if self.personal_token else "",
        }

    @property
    def verify_token(self) -> str:
        from coopconnect.accounts.services import email_verification_token

        return email_verification_token(self.users["member"])

    def reset_kwargs(self, user_key: str = "member") -> dict[str, str]:
        user = self.users[user_key]
        return {
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        }


def build_world(
    *,
    host: Any,
    other_host: Any,
    member: Any,
    outsider: Any,
    coordinator: Any,
    place: Any,
    other_place: Any,
    network: Any,
    pertuis: Any,
    seats: Any,
    meeting_room: Any,
) -> World:
    """Create one object of each kind around ``place`` (plain ORM: no rule of a service is under test)."""
    from coopconnect.accounts.models import Organisation, OrganisationMembership, OrganisationRole, User
    from coopconnect.accounts.services import api_token_create
    from coopconnect.billing.models import Issuer, Subscription, Tariff
    from coopconnect.billing.models.tariffs import TariffKind
    from coopconnect.billing.pricing.lines import Line
    from coopconnect.billing.services.invoicing.issue import issue_invoice
    from coopconnect.bookings.models import (
        Booking,
        BookingStatus,
        CalendarFeed,
        FeedKind,
        Hold,
        WaitlistEntry,
    )
    from coopconnect.businessplans.models import BusinessPlan, Scenario
    from coopconnect.core.testing.images import store_sample_photo
    from coopconnect.surveys.models import Question, QuestionKind, Survey, SurveyStatus

    now = timezone.now()
    start = (now + dt.timedelta(days=2)).replace(hour=8, minute=0, second=0, microsecond=0)
    end = start + dt.timedelta(hours=4)
    booking = Booking.objects.create(
        resource=seats,
        person=member,
        booked_by=member,
        start=start,
        end=end,
        status=BookingStatus.CONFIRMED,
        short_code="SWEEP1",
    )
    entry = WaitlistEntry.objects.create(
        resource=meeting_room, person=member, start=start, end=end, status="offered"
    )
    hold = Hold.objects.create(
        entry=entry,
        resource=meeting_room,
        person=member,
        start=start,
        end=end,
        expires_at=now + dt.timedelta(hours=2),
    )
    feed = CalendarFeed.objects.create(owner=member, kind=FeedKind.PERSON)

    organisation = Organisation.objects.create(name="Durance Numérique (balayage)")
    OrganisationMembership.objects.create(organisation=organisation, user=member, role=OrganisationRole.ADMIN)
    employee = User.objects.create_user("salarie@example.org", "mot-de-passe-salarie", first_name="Sam")
    employee_membership = OrganisationMembership.objects.create(
        organisation=organisation, user=employee, role=OrganisationRole.EMPLOYEE
    )
    invited = User.objects.create_user("invite@example.org", None, first_name="Inès", is_active=False)

    token, token_secret = api_token_create(place=place, name="Porte d'entrée", created_by=host)
    store_sample_photo(place)

    issuer = Issuer.objects.create(
        place=place,
        name="Pépinière Bâticom SAS",
        siren="732829320",
        vat_number="FR44732829320",
        address="Zone d'activités",
        postcode="84120",
        city="Pertuis",
        number_prefix="BAT",
    )
    today = timezone.localdate()
    invoice = issue_invoice(
        issuer=issuer,
        lines=[
            (
                Line(
                    label="Journée de coworking",
                    quantity=Decimal("1"),
                    unit_price=Decimal("20.00"),
                    amount=Decimal("20.00"),
                    vat_rate=Decimal("20"),
                    vat_exempt=False,
                    place_id=place.pk,
                    code="day",
                ),
                member,
            )
        ],
        period_start=today.replace(day=1),
        period_end=today,
        person=member,
    )
    tariff = Tariff.objects.create(
        place=place,
        code="adhesion",
        label="Adhésion annuelle",
        kind=TariffKind.MEMBERSHIP,
        price=Decimal("30.00"),
        valid_from=today.replace(month=1, day=1),
    )
    subscription = Subscription.objects.create(tariff=tariff, person=member, start=today.replace(day=1))

    plan = BusinessPlan.objects.create(owner=host, name="Plan confidentiel de Pertuis", commune=pertuis)
    scenario = Scenario.objects.create(plan=plan, name="Exemple de l'étude")
    survey = Survey.objects.create(
        owner=host,
        network=network,
        title="Besoins du pays d'Aigues",
        territory="84089",
        consent_text="J'accepte.",
        status=SurveyStatus.PUBLISHED,
        published_at=now,
    )
    question = Question.objects.create(
        survey=survey, code="home_commune", kind=QuestionKind.COMMUNE, label="Où habitez-vous ?"
    )
    event, registration = _events(host=host, member=member, place=place, now=now)
    community = _community(
        host=host, member=member, network=network, organisation=organisation, pertuis=pertuis
    )
    payments = _payments(issuer=issuer, member=member, invoice=invoice)
    return World(
        users={
            "host": host,
            "other_host": other_host,
            "member": member,
            "outsider": outsider,
            "coordinator": coordinator,
        },
        place=place,
        other_place=other_place,
        network=network,
        commune=pertuis,
        seats=seats,
        meeting_room=meeting_room,
        booking=booking,
        hold=hold,
        feed=feed,
        organisation=organisation,
        employee_membership=employee_membership,
        token=token,
        token_secret=token_secret,
        issuer=issuer,
        invoice=invoice,
        tariff=tariff,
        subscription=subscription,
        plan=plan,
        scenario=scenario,
        survey=survey,
        question=question,
        invited=invited,
        event=event,
        registration=registration,
        **community,
        **payments,
        **_webhooks(host=host, place=place),
        **identity_objects(member=member),
    )


def _events(*, host: Any, member: Any, place: Any, now: Any) -> tuple[Any, Any]:
    """A published meetup at ``place`` organised by ``host``, with ``member`` registered."""
    from coopconnect.events.models import Event, EventKind, EventStatus, Registration, RegistrationStatus

    start = (now + dt.timedelta(days=3)).replace(hour=9, minute=30, second=0, microsecond=0)
    event = Event.objects.create(
        kind=EventKind.MEETUP,
        title="Petit-déjeuner des indépendants",
        place=place,
        venue=place,
        start=start,
        end=start + dt.timedelta(hours=2, minutes=30),
        capacity=20,
        status=EventStatus.PUBLISHED,
        organiser=host,
        published_at=now,
    )
    registration = Registration.objects.create(
        event=event, person=member, status=RegistrationStatus.CONFIRMED, registered_at=now
    )
    return event, registration


def _community(*, host: Any, member: Any, network: Any, organisation: Any, pertuis: Any) -> dict[str, Any]:
    """The network's forum with a topic opened by ``member``; ``member``'s skills profile (network
    members only) that ``host`` contacted; a mission ``member`` posted for ``organisation``, answered
    by ``host``."""
    from coopconnect.forums.models import Forum, Post, Topic
    from coopconnect.missions.models import Mission, MissionResponse
    from coopconnect.skills.models import ContactRequest, Skill, SkillProfile, Visibility

    forum = Forum.objects.create(network=network)
    topic = Topic.objects.create(forum=forum, author=member, title="Covoiturage vers Pertuis (balayage)")
    post = Post.objects.create(topic=topic, author=member, body="Qui monte de Cadenet le mardi ?")
    topic.followers.add(member)
    skill = Skill.objects.create(key="comptabilite", label="Comptabilité", curated=True)
    profile = SkillProfile.objects.create(
        person=member, headline="Comptable indépendante", commune=pertuis, visibility=Visibility.NETWORK
    )
    profile.skills.add(skill)
    contact = ContactRequest.objects.create(
        sender=host,
        recipient=member,
        subject="Bilan de l'association",
        body="Bonjour, auriez-vous du temps ?",
    )
    mission = Mission.objects.create(
        network=network,
        posted_by=member,
        organisation=organisation,
        title="Site web d'un gîte (balayage)",
        description="Refaire le site du gîte.",
        commune=pertuis,
        expires_on=timezone.localdate() + dt.timedelta(days=30),
    )
    mission.skills.add(skill)
    response = MissionResponse.objects.create(
        mission=mission, author=host, message="Réponse confidentielle de l'hôte (balayage)"
    )
    return {
        "forum": forum,
        "topic": topic,
        "post": post,
        "skill_profile": profile,
        "contact": contact,
        "mission": mission,
        "mission_response": response,
    }


def _payments(*, issuer: Any, member: Any, invoice: Any) -> dict[str, Any]:
    """``member``'s SEPA mandate to the place's issuer, and the issuer's collection debiting it."""
    import hashlib

    from coopconnect.payments.models import Collection, Creditor, Debit, Mandate, SequenceType

    Creditor.objects.create(issuer=issuer, identifier="FR72ZZZ123456")
    today = timezone.localdate()
    mandate = Mandate.objects.create(
        reference="BAT-SWEEP-0001",
        issuer=issuer,
        person=member,
        signed_by=member,
        signed_on=today,
        holder_name="Marie Membre",
        iban="FR1420041010050500013M02606",
    )
    content = b"<?xml version='1.0' encoding='utf-8'?><Document/>"
    collection = Collection.objects.create(
        issuer=issuer,
        month=today.replace(day=1),
        collection_date=today,
        message_id="SWEEP",
        file=content,
        sha256=hashlib.sha256(content).hexdigest(),
        total=invoice.total_ttc,
    )
    Debit.objects.create(
        collection=collection,
        mandate=mandate,
        invoice=invoice,
        amount=invoice.total_ttc,
        sequence_type=SequenceType.FIRST,
        end_to_end_id="SWEEP-E2E-1",
    )
    return {"mandate": mandate, "collection": collection}


def _webhooks(*, host: Any, place: Any) -> dict[str, Any]:
    """A webhook endpoint of ``place`` registered by ``host``, with one failed delivery in its log."""
    from coopconnect.webhooks.models import Delivery, DeliveryStatus, Endpoint

    endpoint = Endpoint.objects.create(
        place=place,
        url="https://portail.example.org/hooks",
        events=["booking.created"],
        secret="whsec_c3dlZXAtc2VjcmV0LW5ldmVyLXNob3du",
        created_by=host,
    )
    delivery = Delivery.objects.create(
        endpoint=endpoint,
        event_type="booking.created",
        msg_id="msg_sweep",
        body='{"type":"booking.created","timestamp":"2026-12-02T09:00:00+00:00","data":{}}',
        status=DeliveryStatus.FAILED,
        attempts=1,
    )
    return {"webhook_endpoint": endpoint, "webhook_delivery": delivery}
