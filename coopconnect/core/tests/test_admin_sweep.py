"""Every admin page is scoped like the rest of the product.

For every registered ModelAdmin, a coordinator of another network and a host of another place (both
staff, in the coordinators' group and even given every model permission, so that the scope alone keeps
them out) open the changelist, the change page of an object of the world's ``place`` side, the add
page and the delete page: the object is not listed, its pages answer 403 or as if it did not exist
(302 to the admin index), the add page offers none of the place side's objects, and nothing is written.
The right coordinator sees their network's invoices and cannot change an issued one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Permission
from django.db.models import Model
from django.forms import ModelChoiceField
from django.urls import reverse
from django.utils import timezone

from coopconnect.accounts.models import User
from coopconnect.accounts.seed import coordinator_group_grant
from coopconnect.core.testing.world import World
from coopconnect.places.models import Network

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_fast_passwords")]

ADMINS = sorted(admin.site._registry, key=lambda model: model._meta.label)
# Shared reference data: every staff member with the view permission reads it, nobody but the
# platform team writes it.
REFERENCE = {
    "territory.Commune",
    "territory.Department",
    "territory.Region",
    "territory.Epci",
    "places.Service",
    "events.Theme",
    "skills.Skill",
}
ELSEWHERE = ("coordinator elsewhere", "host elsewhere")


@dataclass
class Sweep:
    world: World
    objects: dict[type[Model], Model]
    place_side: dict[type[Model], set[Any]]
    attackers: dict[str, User]


def _staff(user: User) -> User:
    """Staff in the coordinators' group, with every model permission on top."""
    coordinator_group_grant(user)
    user.user_permissions.add(*Permission.objects.all())
    return user


def _place_side_objects(world: World) -> dict[str, Model]:
    """One object of the ``place`` side for every registered model (beyond those the world has)."""
    from django.contrib.auth.models import Group
    from django_tasks_db.models import DBTaskResult

    from coopconnect.billing.models import (
        BillingProfile,
        BuyerDetails,
        FreePeriod,
        InvoiceCounter,
        Payment,
        Refund,
        SettlementStatement,
        UsageRecord,
    )
    from coopconnect.bookings.models import AccessCheck, AccessGrant, BookingPolicy, BookingSeries
    from coopconnect.events.models import Theme, ThemeSubscription
    from coopconnect.forums.models import Report
    from coopconnect.places.models import Service
    from coopconnect.territory.models import Epci

    member, place, today, now = world.users["member"], world.place, timezone.localdate(), timezone.now()
    theme = Theme.objects.create(slug="numerique", name="Numérique")
    commune = world.commune
    return {
        "auth.Group": Group.objects.get_or_create(name="Coordinateurs de réseau")[0],
        "django_tasks_db.DBTaskResult": DBTaskResult.objects.create(
            args_kwargs={"args": [member.pk], "kwargs": {}},
            task_path="coopconnect.accounts.tasks.send_verification_email",
            backend_name="default",
            run_after=now,
        ),
        "territory.Commune": commune,
        "territory.Department": commune.department,
        "territory.Region": commune.region,
        "territory.Epci": Epci.objects.create(code="248400251", name="CC Cotelub"),
        "places.Network": world.network,
        "places.Place": place,
        "places.Resource": world.seats,
        "places.Service": Service.objects.first() or Service.objects.create(code="wifi", label="Wi-Fi"),
        "accounts.User": member,
        "accounts.Organisation": world.organisation,
        "accounts.ApiToken": world.token,
        "businessplans.BusinessPlan": world.plan,
        "surveys.Survey": world.survey,
        "bookings.BookingPolicy": BookingPolicy.objects.get_or_create(place=place)[0],
        "bookings.AccessGrant": AccessGrant.objects.create(place=place, person=member, valid_from=today),
        "bookings.Booking": world.booking,
        "bookings.BookingSeries": BookingSeries.objects.create(
            person=member, resource=world.seats, rule="FREQ=WEEKLY;COUNT=2"
        ),
        "bookings.WaitlistEntry": world.hold.entry,
        "bookings.Hold": world.hold,
        "bookings.AccessCheck": AccessCheck.objects.create(
            place=place, code="4321", allowed=True, reason="ok"
        ),
        "bookings.CalendarFeed": world.feed,
        "billing.Tariff": world.tariff,
        "billing.Subscription": world.subscription,
        "billing.FreePeriod": FreePeriod.objects.create(
            person=member, place=place, start=today, end=today + dt.timedelta(days=30), reason="Formation"
        ),
        "billing.Issuer": world.issuer,
        "billing.Invoice": world.invoice,
        "billing.Payment": Payment.objects.create(
            invoice=world.invoice, amount=Decimal("10.00"), method="transfer", received_on=today
        ),
        "billing.Refund": Refund.objects.create(
            invoice=world.invoice, amount=Decimal("1.00"), method="transfer", refunded_on=today
        ),
        "billing.InvoiceCounter": InvoiceCounter.objects.get(issuer=world.issuer),
        "billing.SettlementStatement": SettlementStatement.objects.create(
            issuer=world.issuer,
            place=place,
            period_start=today.replace(day=1),
            period_end=today,
            total_ht=Decimal("20.00"),
            total_vat=Decimal("4.00"),
        ),
        "billing.BillingProfile": BillingProfile.objects.create(person=member, member_code="BALAYAGE1"),
        "billing.InvoiceDocument": world.invoice.document,
        "billing.InvoiceStatusEvent": world.invoice.status_events.get(),
        "billing.BuyerDetails": BuyerDetails.objects.create(
            organisation=world.organisation, service_code="SERV-BALAYAGE"
        ),
        "billing.UsageRecord": UsageRecord.objects.create(
            place=place, person=member, service_code="print", quantity=Decimal("3"), at=now
        ),
        "events.Event": world.event,
        "events.Registration": world.registration,
        "events.Theme": theme,
        "events.ThemeSubscription": ThemeSubscription.objects.create(person=member, theme=theme),
        "forums.Forum": world.forum,
        "forums.Topic": world.topic,
        "forums.Post": world.post,
        "forums.Report": Report.objects.create(post=world.post, reporter=member, reason="Hors sujet"),
        "skills.Skill": world.skill_profile.skills.get(),
        "skills.SkillProfile": world.skill_profile,
        "missions.Mission": world.mission,
        "missions.MissionResponse": world.mission_response,
        "webhooks.Endpoint": world.webhook_endpoint,
        "webhooks.Delivery": world.webhook_delivery,
        **_payment_objects(world),
        **_identity_objects(world),
    }


def _payment_objects(world: World) -> dict[str, Model]:
    """SEPA and bank-statement objects of the place's issuer (the world has the mandate)."""
    from coopconnect.payments.models import Creditor, Debit, Statement, StatementLine

    issuer = world.issuer
    statement = Statement.objects.create(issuer=issuer, format="camt053", sha256="a" * 64, reference="REL-1")
    line = StatementLine.objects.create(
        statement=statement,
        issuer=issuer,
        identity="b" * 64,
        booked_on=timezone.localdate(),
        amount=Decimal("10.00"),
        remittance="Virement",
    )
    return {
        "payments.Creditor": Creditor.objects.get(issuer=issuer),
        "payments.Mandate": world.mandate,
        "payments.Collection": world.collection,
        "payments.Debit": Debit.objects.filter(collection=world.collection).first(),
        "payments.Statement": statement,
        "payments.StatementLine": line,
    }


def _identity_objects(world: World) -> dict[str, Model]:
    """Sign-in and OAuth2 objects of ``member`` (platform staff only in the admin)."""
    from allauth.account.models import EmailAddress
    from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
    from oauth2_provider.models import AccessToken, Grant, IDToken, RefreshToken

    member, app, now = world.users["member"], world.oauth_app, timezone.now()
    later = now + dt.timedelta(days=1)
    social_app = SocialApp.objects.create(provider="openid_connect", provider_id="acme", name="Acme")
    account = SocialAccount.objects.create(user=member, provider="acme", uid="sub-balayage")
    access = AccessToken.objects.filter(user=member, application=app).first()
    id_token = IDToken.objects.create(user=member, application=app, expires=later)
    return {
        "account.EmailAddress": EmailAddress.objects.create(
            user=member, email=member.email, verified=True, primary=True
        ),
        "accounts.PersonalToken": world.personal_token,
        "oauth2_provider.Application": app,
        "oauth2_provider.AccessToken": access,
        "oauth2_provider.Grant": Grant.objects.create(
            user=member,
            application=app,
            code="sweep-grant-code",
            expires=later,
            redirect_uri="https://appli.example/retour",
            code_challenge="x" * 43,
            code_challenge_method="S256",
        ),
        "oauth2_provider.IDToken": id_token,
        "oauth2_provider.RefreshToken": RefreshToken.objects.create(
            user=member, application=app, token="sweep-refresh-token", access_token=access
        ),
        "socialaccount.SocialApp": social_app,
        "socialaccount.SocialAccount": account,
        "socialaccount.SocialToken": SocialToken.objects.create(app=social_app, account=account, token="t"),
    }


@pytest.fixture
def sweep(world: World) -> Sweep:
    by_label = _place_side_objects(world)
    objects = {type(obj): obj for obj in by_label.values()}
    place_side: dict[type[Model], set[Any]] = {model: {obj.pk} for model, obj in objects.items()}
    place_side[User] |= {world.users[key].pk for key in ("host", "coordinator", "member")}
    place_side[type(world.seats)].add(world.meeting_room.pk)
    other_network = Network.objects.create(name="Réseau voisin", slug="reseau-voisin")
    world.other_place.networks.add(other_network)
    elsewhere = User.objects.create_user(
        "coord-voisin@example.org", "mot-de-passe-voisin", first_name="Vera", email_verified=True
    )
    other_network.coordinators.add(elsewhere)
    attackers = {
        "coordinator elsewhere": _staff(elsewhere),
        "host elsewhere": _staff(world.users["other_host"]),
    }
    return Sweep(world=world, objects=objects, place_side=place_side, attackers=attackers)


def _url(model: type[Model], view: str, obj: Model | None = None) -> str:
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"
    return reverse(name, args=[quote(obj.pk)] if obj is not None else [])


def _row(obj: Model) -> list[dict[str, Any]]:
    return list(type(obj)._default_manager.filter(pk=obj.pk).values())


def _refused(response: Any) -> bool:
    """403, 404, or the admin's answer for a missing object: back to the admin index."""
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and response["Location"] == reverse("admin:index")


def _offered_place_side(response: Any, sweep: Sweep) -> list[str]:
    """The place side's objects offered by the choice fields of an add page (form and inlines)."""
    forms = [response.context["adminform"].form]
    forms += [formset.formset.empty_form for formset in response.context["inline_admin_formsets"]]
    found = []
    for form in forms:
        for name, field in form.fields.items():
            # An inline row's own id field points at rows of the parent being edited, not choices.
            if not isinstance(field, ModelChoiceField) or name == form._meta.model._meta.pk.name:
                continue
            model = field.queryset.model
            if model._meta.label in REFERENCE or model not in sweep.place_side:
                continue
            leaked = field.queryset.filter(pk__in=sweep.place_side[model])
            if leaked.exists():
                found.append(f"{type(form).__name__}.{name}: {list(leaked)}")
    return found


@pytest.mark.parametrize("model", ADMINS, ids=lambda model: model._meta.label)
def test_staff_of_another_side_cannot_reach_it(client, sweep: Sweep, model: type[Model]) -> None:
    assert model in sweep.objects, f"give the admin sweep an object of {model._meta.label} on the place side"
    obj = sweep.objects[model]
    shared = model._meta.label in REFERENCE
    before, count = _row(obj), model._default_manager.count()
    problems: list[str] = []
    for who in ELSEWHERE:
        client.force_login(sweep.attackers[who])

        listing = client.get(_url(model, "changelist"))
        if listing.status_code == 200:
            if not shared and listing.context["cl"].queryset.filter(pk=obj.pk).exists():
                problems.append(f"{who}: the changelist lists {obj!r}")
        elif listing.status_code != 403:
            problems.append(f"{who}: changelist answered {listing.status_code}")

        page = client.get(_url(model, "change", obj))
        if shared and page.status_code == 200:
            if 'name="_save"' in page.content.decode():
                problems.append(f"{who}: the change page of shared {obj!r} can be saved")
        elif not _refused(page):
            problems.append(f"{who}: change page of {obj!r} answered {page.status_code}")
        if not _refused(client.post(_url(model, "change", obj), {})):
            problems.append(f"{who}: posting the change page of {obj!r} was not refused")
        history = client.get(_url(model, "history", obj))
        if not (shared and history.status_code == 200) and not _refused(history):
            problems.append(f"{who}: history of {obj!r} answered {history.status_code}")
        if model is User:
            password = reverse("admin:auth_user_password_change", args=[obj.pk])
            if not _refused(client.post(password, {"password1": "x" * 20, "password2": "x" * 20})):
                problems.append(f"{who}: could set the password of {obj!r}")

        for method in ("get", "post"):
            gone = getattr(client, method)(_url(model, "delete", obj), {"post": "yes"})
            if not _refused(gone):
                problems.append(f"{who}: delete page ({method}) of {obj!r} answered {gone.status_code}")

        adding = client.get(_url(model, "add"))
        if adding.status_code == 200:
            problems += [f"{who}: add page offers {leak}" for leak in _offered_place_side(adding, sweep)]
        elif adding.status_code != 403:
            problems.append(f"{who}: add page answered {adding.status_code}")

    assert _row(obj) == before and model._default_manager.count() == count, "the sweep wrote something"
    assert not problems, "\n".join(problems)


@pytest.fixture
def right_coordinator(world: World) -> User:
    """The place's network coordinator, with the coordinators' group and the billing view rights."""
    user = world.users["coordinator"]
    coordinator_group_grant(user)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="billing",
            codename__in=["view_invoice", "change_invoice", "delete_invoice", "view_invoiceline"],
        )
    )
    return user


def test_coordinator_sees_their_networks_invoices_and_cannot_change_an_issued_one(
    client, world: World, right_coordinator: User
) -> None:
    from coopconnect.billing.models import Invoice, Issuer
    from coopconnect.billing.pricing.lines import Line
    from coopconnect.billing.services.invoicing.issue import issue_invoice

    other_issuer = Issuer.objects.create(
        place=world.other_place,
        name="Voisins SCIC",
        siren="552100554",
        vat_number="FR96552100554",
        address="Place du marché",
        postcode="84120",
        city="Pertuis",
        number_prefix="VOI",
    )
    line = Line(
        label="Journée de coworking",
        quantity=Decimal("1"),
        unit_price=Decimal("20.00"),
        amount=Decimal("20.00"),
        vat_rate=Decimal("20"),
        vat_exempt=False,
        place_id=world.other_place.pk,
        code="day",
    )
    elsewhere = issue_invoice(
        issuer=other_issuer,
        lines=[(line, world.users["other_host"])],
        period_start=timezone.localdate().replace(day=1),
        period_end=timezone.localdate(),
        person=world.users["other_host"],
    )
    invoice = world.invoice
    client.force_login(right_coordinator)

    listing = client.get(_url(Invoice, "changelist"))
    assert listing.status_code == 200
    listed = set(listing.context["cl"].queryset.values_list("pk", flat=True))
    assert invoice.pk in listed and elsewhere.pk not in listed
    assert invoice.number in listing.content.decode() and elsewhere.number not in listing.content.decode()

    before = _row(invoice)
    page = client.get(_url(Invoice, "change", invoice))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert (
        client.post(_url(Invoice, "change", invoice), {"buyer_name": "Quelqu'un d'autre"}).status_code == 403
    )
    assert client.post(_url(Invoice, "delete", invoice), {"post": "yes"}).status_code == 403
    assert client.get(_url(Invoice, "add")).status_code == 403
    assert _row(invoice) == before
    # Another network's invoice answers as if it did not exist.
    assert _refused(client.get(_url(Invoice, "change", elsewhere)))


def test_superuser_sees_every_invoice_and_cannot_change_an_issued_one(client, world: World) -> None:
    from coopconnect.billing.models import Invoice

    root = User.objects.create_superuser("racine@example.org", "mot-de-passe-racine")
    client.force_login(root)
    before = _row(world.invoice)
    assert client.get(_url(Invoice, "changelist")).status_code == 200
    page = client.get(_url(Invoice, "change", world.invoice))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(_url(Invoice, "delete", world.invoice), {"post": "yes"}).status_code == 403
    assert _row(world.invoice) == before


def test_coordinator_is_offered_only_their_own_places(client, world: World, right_coordinator: User) -> None:
    from coopconnect.places.models import Resource

    client.force_login(right_coordinator)
    page = client.get(_url(Resource, "add"))
    assert page.status_code == 200
    offered = set(page.context["adminform"].form.fields["place"].queryset)
    assert offered == {world.place}


def test_a_row_keeps_the_values_its_editor_does_not_see(
    client, world: World, right_coordinator: User
) -> None:
    from coopconnect.events.models import Registration

    right_coordinator.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="events", codename__in=["change_registration"])
    )
    stranger = world.users["outsider"]
    registration = Registration.objects.create(
        event=world.event, person=stranger, registered_at=timezone.now()
    )
    client.force_login(right_coordinator)
    page = client.get(_url(Registration, "change", registration))
    assert page.status_code == 200
    people = page.context["adminform"].form.fields["person"].queryset
    # The current person stays a valid choice; nobody else from elsewhere is offered.
    assert people.filter(pk=stranger.pk).exists()
    assert not people.filter(pk=world.users["other_host"].pk).exists()
