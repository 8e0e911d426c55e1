"""seed_demo step "community" (order 80): the Gers Soho-Solo intranet, skills profiles, missions.

Built on the services, so the demo obeys the rules (only members post; the membership comes from the
network's free "Adhésion au réseau Soho Solo", subscribed through the billing service). Safe to run
twice: people, topics and missions are looked up before being created.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from coopconnect.accounts.models import Organisation, User
from coopconnect.community.models import Mission, SkillProfile, Topic, Visibility
from coopconnect.community.services_forums import forum_for, post_create, topic_create, topic_moderate
from coopconnect.community.services_missions import mission_create
from coopconnect.community.services_skills import profile_save
from coopconnect.core.errors import DomainError
from coopconnect.places.models import Network
from coopconnect.places.seed import COORDINATOR_GROUP, DEMO_PASSWORD, SeedContext, register
from coopconnect.territory.models import Commune

GERS = "reseau-soho-solo-gers"
PACA = "coop-connect-paca"
# The study's Gers network gathers some 340 independents; two of them stand for the others here.
GERS_PEOPLE = [
    ("sophie.graphiste@soho-solo.example", "Sophie", "Laffitte", "32296"),  # Nogaro
    ("jean.comptable@soho-solo.example", "Jean", "Dupouy", "32013"),  # Auch
]
PROFILES: dict[str, dict[str, Any]] = {
    "sophie.graphiste@soho-solo.example": {
        "headline": "Graphiste et webdesigner à Nogaro",
        "skills": ["graphisme", "WordPress", "photo"],
        "offers": "Logos, plaquettes, sites WordPress pour les artisans et les gîtes.",
        "seeks": "Un coup de main en comptabilité contre une identité visuelle (troc).",
        "insee": "32296",
        "visibility": Visibility.PUBLIC,
    },
    "jean.comptable@soho-solo.example": {
        "headline": "Expert-comptable indépendant, associations et TPE",
        "skills": ["compta", "gestion associative", "Excel"],
        "offers": "Clôture des comptes, tableaux de bord, formation des trésoriers.",
        "seeks": "Quelqu'un pour refaire mon site.",
        "insee": "32013",
        "visibility": Visibility.NETWORK,
    },
    "membre@coop-connect.fr": {
        "headline": "Rédactrice et traductrice anglais-français",
        "skills": ["rédaction", "traduction", "anglais"],
        "offers": "Relecture, traduction de plaquettes et de sites.",
        "seeks": "Des conseils pour mes réseaux sociaux.",
        "insee": "84089",
        "visibility": Visibility.PUBLIC,
    },
    "hote.pertuis@coop-connect.fr": {
        "headline": "Hôte de Bâticom Pertuis, animateur numérique",
        "skills": ["animation", "informatique", "formation"],
        "offers": "Ateliers de prise en main des outils numériques.",
        "seeks": "",
        "insee": "84089",
        "visibility": Visibility.NETWORK,
    },
    "coordination@coop-connect.fr": {
        "headline": "Coordinatrice du réseau Coop-connect PACA",
        "skills": ["gestion de projet", "animation"],
        "offers": "Mise en relation entre lieux et indépendants.",
        "seeks": "",
        "insee": "",
        "visibility": Visibility.NETWORK,
    },
}
TOPICS = [
    (
        "Bienvenue sur l'intranet du réseau Soho Solo",
        "sophie.graphiste@soho-solo.example",
        "Présentez-vous ici : votre métier, votre télécentre, ce que vous pouvez partager.\n"
        "Charte : bienveillance, pas de publicité.",
        ["Jean, comptable à Auch, au télécentre d'InnoParc deux jours par semaine."],
        True,
    ),
    (
        "Covoiturage Nogaro – Auch le jeudi",
        "jean.comptable@soho-solo.example",
        "Je monte à Auch tous les jeudis pour le petit-déjeuner des indépendants. Deux places libres.",
        ["Partante pour le 12 ! Je passe par Vic-Fezensac."],
        False,
    ),
    (
        "Fibre et 4G : vos retours par télécentre",
        "sophie.graphiste@soho-solo.example",
        "Le débit de Nogaro a doublé depuis l'été. Et chez vous ?\nCarte : https://www.arcep.fr",
        [],
        False,
    ),
]


def _person(email: str, first: str, last: str, insee: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email,
            DEMO_PASSWORD,
            first_name=first,
            last_name=last,
            language="fr",
            email_verified=True,
            email_verified_at=timezone.now(),
            home_commune=Commune.objects.filter(insee=insee).first(),
        )
    return user


def _join_gers(person: User, network: Network) -> None:
    """Subscribe to the network's free membership when billing configured it."""
    from coopconnect.billing.models import Tariff
    from coopconnect.billing.services.subscriptions import subscribe
    from coopconnect.core.permissions import is_network_member

    tariff = Tariff.objects.filter(network=network, code="soho-solo-adhesion").first()
    if tariff is None or is_network_member(person, network):
        return
    try:
        subscribe(person=person, tariff=tariff, start=timezone.localdate())
    except DomainError:
        pass


# What coordinators may do in the community admin (it shows them their own networks only).
COORDINATOR_PERMISSIONS = [
    "view_forum",
    "view_topic",
    "change_topic",
    "view_post",
    "change_post",
    "view_report",
    "change_report",
    "view_skill",
    "view_skillprofile",
    "view_mission",
    "change_mission",
    "view_missionresponse",
]


def coordinator_group_grant_community() -> None:
    """Give the coordinators' group (made by the places seed) the community admin permissions."""
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.filter(name=COORDINATOR_GROUP).first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="community", codename__in=COORDINATOR_PERMISSIONS
            )
        )


@transaction.atomic
def seed_community(ctx: SeedContext | None = None) -> dict[str, int]:
    """Create the demo forums, profiles and missions; return counts of what exists."""
    gers = Network.objects.filter(slug=GERS).first()
    paca = Network.objects.filter(slug=PACA).first()
    people = {email: _person(email, first, last, insee) for email, first, last, insee in GERS_PEOPLE}
    for email in ("membre@coop-connect.fr", "hote.pertuis@coop-connect.fr", "coordination@coop-connect.fr"):
        user = User.objects.filter(email=email).first()
        if user is not None:
            people[email] = user
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    coordinator_group_grant_community()
    if gers is not None:
        for email in (*[p[0] for p in GERS_PEOPLE], "membre@coop-connect.fr"):
            if email in people:
                _join_gers(people[email], gers)
    for email, spec in PROFILES.items():
        if email in people and not SkillProfile.objects.filter(person=people[email]).exists():
            profile_save(
                person=people[email],
                headline=spec["headline"],
                skills=spec["skills"],
                offers=spec["offers"],
                seeks=spec["seeks"],
                commune=Commune.objects.filter(insee=spec["insee"]).first() if spec["insee"] else None,
                visibility=spec["visibility"],
            )
    if gers is not None:
        forum = forum_for(network=gers)
        for title, author, body, replies, pinned in TOPICS:
            if Topic.objects.filter(forum=forum, title=title).exists():
                continue
            try:
                topic = topic_create(forum=forum, author=people[author], title=title, body=body)
                others = [people[e] for e, *_rest in GERS_PEOPLE if e != author]
                for reply, who in zip(replies, others, strict=False):
                    post_create(topic=topic, author=who, body=reply)
                if pinned and admin is not None:
                    topic_moderate(topic=topic, by=admin, pinned=True)
            except DomainError:
                continue  # billing not seeded: the people do not belong to the network
    if paca is not None:
        forum_for(network=paca)
    _missions(gers, paca, people)
    counts = {
        "topics": Topic.objects.count(),
        "profiles": SkillProfile.objects.count(),
        "missions": Mission.objects.count(),
    }
    if ctx is not None:
        ctx.say(
            f"  sujets : {counts['topics']}, profils : {counts['profiles']}, missions : {counts['missions']}"
        )
    return counts


def _missions(gers: Network | None, paca: Network | None, people: dict[str, User]) -> None:
    today = timezone.localdate()
    specs = []
    host = people.get("hote.pertuis@coop-connect.fr")
    if paca is not None and host is not None:
        specs.append(
            {
                "poster": host,
                "network": paca,
                "title": "Site web pour un gîte dans le Luberon",
                "description": "Un gîte de 5 chambres près de Lourmarin cherche un site simple : "
                "présentation, photos, calendrier des disponibilités, en français et en anglais.",
                "skills": ["site web", "WordPress", "traduction"],
                "commune": Commune.objects.filter(insee="84068").first(),  # Lourmarin
                "remote": True,
                "budget": Decimal("1500.00"),
                "deadline": today + dt.timedelta(days=45),
            }
        )
    org = Organisation.objects.filter(name="Société Durance Numérique").first()
    org_admin = org.memberships.filter(role="admin").select_related("user").first() if org else None
    if paca is not None and org_admin is not None and org_admin.user.email_verified:
        from coopconnect.core.permissions import is_network_member

        if is_network_member(org_admin.user, paca):
            specs.append(
                {
                    "poster": org_admin.user,
                    "organisation": org,
                    "network": paca,
                    "title": "Aide comptable pour l'association du tiers-lieu",
                    "description": "Clôture des comptes annuels et mise en place d'un tableau de suivi.",
                    "skills": ["compta", "gestion associative"],
                    "commune": Commune.objects.filter(insee="84089").first(),
                    "budget": Decimal("400.00"),
                }
            )
    sophie = people.get("sophie.graphiste@soho-solo.example")
    if gers is not None and sophie is not None:
        specs.append(
            {
                "poster": sophie,
                "network": gers,
                "title": "Traduction anglaise d'une plaquette touristique",
                "description": "Plaquette de 8 pages pour un domaine viticole de l'Armagnac.",
                "skills": ["traduction", "anglais"],
                "remote": True,
                "budget": Decimal("350.00"),
            }
        )
    for spec in specs:
        if Mission.objects.filter(title=spec["title"]).exists():
            continue
        try:
            mission_create(**spec)
        except DomainError:
            continue


register("community", order=80)(seed_community)
