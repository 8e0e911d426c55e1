"""Demo events at the study's reference places, built on the events services (idempotent).

Club Soho Solo (Auch): a breakfast meetup once a month, 9:30-12:00, 20-25 people. Murat: the telework
training (2 years free at the télécentre for those who followed it) and the Forum du Télétravail in
October. Gers network: a breakfast conference broadcast by video to the other télécentres. A pop-up
third place (tiers-lieu éphémère) for three days during a local event, with its workshops.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from coopconnect.core.seed import SeedContext, register
from coopconnect.events.models import Event, EventKind, Registration
from coopconnect.events.services.events import event_create
from coopconnect.events.services.registrations import registration_create
from coopconnect.places import reference as ref
from coopconnect.places.models import Network, Place, Resource, Typology

PARIS = ZoneInfo("Europe/Paris")
POPUP_SLUG = "tiers-lieu-ephemere-forum-des-usages-pertuis"


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


def _first_weekday(year: int, month: int, weekday: int) -> dt.date:
    day = dt.date(year, month, 1)
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def _months_after(today: dt.date, count: int) -> list[tuple[int, int]]:
    out, y, m = [], today.year, today.month
    for _i in range(count):
        m += 1
        if m > 12:
            y, m = y + 1, 1
        out.append((y, m))
    return out


def _place(key: str) -> Place | None:
    return Place.objects.filter(source=ref.REFERENCE_SOURCE, source_id=key).first()


def _event(by: Any, *, title: str, start: dt.datetime, **fields: Any) -> Event:
    # Found by title and organiser, not by date: the dates follow today, so a rerun another day
    # must find the events made the first time rather than add new ones.
    existing = Event.objects.filter(
        title=title, place=fields.get("place"), network=fields.get("network")
    ).first()
    if existing is not None:
        return existing
    return event_create(by=by, title=title, start=start, publish=True, **fields)


def _demo_users(ctx: SeedContext) -> dict[str, Any]:
    """Return the demo accounts: from the demo_users step, or from the database (``--only events``)."""
    from coopconnect.accounts.models import User
    from coopconnect.accounts.seed import DEMO_USERS

    users = dict(ctx.results.get("users") or {})
    for role, spec in DEMO_USERS.items():
        if users.get(role) is None:
            users[role] = User.objects.filter(email=spec["email"]).first()
    return users


def _register(event: Event, person: Any) -> None:
    if person is None or event.start <= timezone.now():  # a rerun after the event: nothing to add
        return
    if not Registration.objects.filter(event=event, person=person).exists():
        registration_create(event=event, person=person)


def _popup_place(host: Any, network: Network | None) -> Place:
    from coopconnect.places.services import place_create

    today = timezone.localdate()
    place = Place.objects.filter(slug=POPUP_SLUG).first()
    if place is None:
        pertuis = _place("pertuis")
        place = place_create(
            name="Tiers-lieu éphémère du Forum des usages — Pertuis",
            slug=POPUP_SLUG,
            latitude=pertuis.latitude if pertuis else 43.694,
            longitude=pertuis.longitude if pertuis else 5.502,
            commune=pertuis.commune if pertuis else None,
            typology=Typology.POPUP,
            popup_start=today + dt.timedelta(days=20),
            popup_end=today + dt.timedelta(days=22),
            address="Halle du marché",
            postcode="84120",
            opening_hours="Mo-Su 08:30-18:30",
            description=(
                "Un tiers-lieu installé trois jours pendant le Forum des usages : coworking, fablab mobile, "
                "plateau de mini-débats ; une conciergerie accueille, oriente et anime."
            ),
            source=ref.REFERENCE_SOURCE,
            source_id="popup-pertuis",
        )
    if network is not None:
        place.networks.add(network)
    if host is not None:
        place.hosts.add(host)
    return place


@register("events", order=80)
@transaction.atomic
def seed_events(ctx: SeedContext) -> dict[str, int]:
    """Create the study's animations (Club Soho Solo, Murat, visio, pop-up place) and a few registrations."""
    users = _demo_users(ctx)
    admin, host, member = users.get("admin"), users.get("host"), users.get("member")
    if admin is None:
        ctx.say("  événements : comptes de démonstration absents, étape sautée.")
        return {}
    today = timezone.localdate()
    made: list[Event] = []
    auch, murat = _place("auch"), _place("murat")
    themes = [["prospection"], ["relation client"], ["outils collaboratifs", "numérique"]]
    if auch is not None:
        room = Resource.objects.filter(place=auch, name="Salle de réunion 25 places").first()
        for (year, month), theme in zip(_months_after(today, 3), themes, strict=True):
            day = _first_weekday(year, month, 1)  # the first Tuesday of the month
            room_free = (day - today).days < 85
            made.append(
                _event(
                    admin,
                    title=f"Club Soho Solo : {theme[0]}",
                    start=_at(day, 9, 30),
                    end=_at(day, 12, 0),
                    kind=EventKind.MEETUP,
                    place=auch,
                    room=room if room_free else None,
                    capacity=25,
                    themes=theme,
                    description=(
                        "Une matinée entre indépendants : petit-déjeuner, présentation et questions-réponses."
                    ),
                )
            )
    if murat is not None:
        training_day = today + dt.timedelta(days=21)
        while training_day.weekday() >= 5:
            training_day += dt.timedelta(days=1)
        made.append(
            _event(
                admin,
                title="Se former au télétravail en pays de Murat",
                start=_at(training_day, 9, 0),
                end=_at(training_day, 17, 0),
                kind=EventKind.TRAINING,
                place=murat,
                capacity=15,
                price=Decimal("50.00"),
                grants_free_months=24,
                themes=["télétravail"],
                description="La formation au télétravail indépendant ; 2 ans gratuits au télécentre ensuite.",
            )
        )
        year = today.year if today.month < 10 else today.year + 1
        forum_day = _first_weekday(year, 10, 4)  # a Friday in October
        made.append(
            _event(
                admin,
                title=f"Forum du Télétravail {year}",
                start=_at(forum_day, 14, 0),
                end=_at(forum_day, 17, 0),
                kind=EventKind.FORUM,
                place=murat,
                capacity=200,
                themes=["télétravail", "numérique"],
                description="Atelier-débat « Les bonnes recettes du télétravail », ateliers, bourse.",
            )
        )
    gers = Network.objects.filter(slug="reseau-soho-solo-gers").first()
    if gers is not None and auch is not None:
        day = today + dt.timedelta(days=10)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        relays = list(gers.places.exclude(pk=auch.pk))
        made.append(
            _event(
                admin,
                title="Conférence-petit-déjeuner : la propriété intellectuelle des indépendants",
                start=_at(day, 8, 30),
                end=_at(day, 10, 0),
                kind=EventKind.BROADCAST,
                network=gers,
                venue=auch,
                is_online=True,
                relay_places=relays,
                capacity=60,
                themes=["propriété intellectuelle"],
            )
        )
    paca = Network.objects.filter(slug="coop-connect-paca").first()
    if paca is not None:
        popup = _popup_place(host, paca)
        assert popup.popup_start is not None
        for offset, (title, theme) in enumerate(
            [
                ("Atelier : ouvrir un tiers-lieu dans sa commune", "tiers-lieux"),
                ("Mini-débat élus et coworkers", "territoire"),
            ]
        ):
            day = popup.popup_start + dt.timedelta(days=offset)
            made.append(
                _event(
                    admin,
                    title=title,
                    start=_at(day, 10, 0),
                    end=_at(day, 12, 0),
                    kind=EventKind.WORKSHOP,
                    network=paca,
                    venue=popup,
                    capacity=30,
                    themes=[theme],
                )
            )
    for event in made[:1] + [e for e in made if e.kind == EventKind.TRAINING]:
        _register(event, member)
    for event in [e for e in made if e.kind == EventKind.FORUM]:
        _register(event, host)
    ctx.say(f"  événements : {len(made)} ({', '.join(e.title for e in made[:3])}...).")
    return {"events": len(made)}
