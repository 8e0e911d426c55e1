"""seed_demo step "forums" (order 80): the Gers Soho-Solo intranet, and the demo members of the network.

Built on the services, so the demo obeys the rules (only members post; the membership comes from the
network's free "Adhésion au réseau Soho Solo", subscribed through the billing service). Safe to run
twice: people and topics are looked up before being created. The skills and missions steps reuse
``demo_people``.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from coopconnect.accounts.models import User
from coopconnect.accounts.seed import COORDINATOR_GROUP, DEMO_PASSWORD
from coopconnect.core.errors import DomainError
from coopconnect.core.seed import SeedContext, register
from coopconnect.forums.models import Topic
from coopconnect.forums.services import forum_for, post_create, topic_create, topic_moderate
from coopconnect.places.models import Network
from coopconnect.territory.models import Commune

GERS = "reseau-soho-solo-gers"
PACA = "coop-connect-paca"
# The study's Gers network gathers some 340 independents; two of them stand for the others here.
GERS_PEOPLE = [
    ("sophie.graphiste@soho-solo.example", "Sophie", "Laffitte", "32296"),  # Nogaro
    ("jean.comptable@soho-solo.example", "Jean", "Dupouy", "32013"),  # Auch
]
DEMO_MEMBERS = ("membre@coop-connect.fr", "hote.pertuis@coop-connect.fr", "coordination@coop-connect.fr")
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


def demo_people() -> dict[str, User]:
    """Return the demo people of community life by e-mail: the Gers independents (created on first
    use, members of the Gers network) and the demo accounts of the accounts step."""
    people = {email: _person(email, first, last, insee) for email, first, last, insee in GERS_PEOPLE}
    for email in DEMO_MEMBERS:
        user = User.objects.filter(email=email).first()
        if user is not None:
            people[email] = user
    gers = Network.objects.filter(slug=GERS).first()
    if gers is not None:
        for email in (*[p[0] for p in GERS_PEOPLE], "membre@coop-connect.fr"):
            if email in people:
                _join_gers(people[email], gers)
    return people


def grant_coordinators(app_label: str, codenames: list[str]) -> None:
    """Give the coordinators' group (made by the places seed) these admin permissions of an app."""
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.filter(name=COORDINATOR_GROUP).first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


# What coordinators may do in the forums admin (it shows them their own networks only).
COORDINATOR_PERMISSIONS = [
    "view_forum",
    "view_topic",
    "change_topic",
    "view_post",
    "change_post",
    "view_report",
    "change_report",
]


@transaction.atomic
def seed_forums(ctx: SeedContext | None = None) -> dict[str, int]:
    """Create the demo forums and their topics; return how many topics exist."""
    gers = Network.objects.filter(slug=GERS).first()
    paca = Network.objects.filter(slug=PACA).first()
    people = demo_people()
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    grant_coordinators("forums", COORDINATOR_PERMISSIONS)
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
    counts = {"topics": Topic.objects.count()}
    if ctx is not None:
        ctx.say(f"  sujets : {counts['topics']}")
    return counts


register("forums", order=80)(seed_forums)
