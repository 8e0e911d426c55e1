"""Demo people: the demo admin, coordinator, host and member (with the demo password and the
coordinators' admin group), and the employer "Société Durance Numérique" with an admin and two employees.
"""

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from coopconnect.accounts.models import Organisation, OrganisationMembership, OrganisationRole, User
from coopconnect.core.seed import SeedContext, register
from coopconnect.places import reference as ref
from coopconnect.places.models import Network, Place
from coopconnect.places.seed import COORDINATED_NETWORK, HOST_PLACE

DEMO_PASSWORD = "coop-connect-demo"
DEMO_USERS: dict[str, dict[str, Any]] = {
    "admin": {
        "email": "admin@coop-connect.fr",
        "first_name": "Adèle",
        "last_name": "Admin",
        "superuser": True,
    },
    "coordinator": {
        "email": "coordination@coop-connect.fr",
        "first_name": "Chloé",
        "last_name": "Coordination",
    },
    "host": {"email": "hote.pertuis@coop-connect.fr", "first_name": "Guillaume", "last_name": "Hôte"},
    "member": {"email": "membre@coop-connect.fr", "first_name": "Marie", "last_name": "Membre"},
    # The tool to convince is open to all; these two show it from the side of those who use it:
    # a project holder with a business plan of their own, an elected official with no special rights.
    "project_holder": {
        "email": "porteur.projet@coop-connect.fr",
        "first_name": "Paul",
        "last_name": "Porteur",
    },
    "elected": {"email": "elue@coop-connect.fr", "first_name": "Élise", "last_name": "Élue"},
}

DEMO_ORGANISATION = "Société Durance Numérique"
DEMO_PEOPLE = [
    ("admin@durance-numerique.example", "Delphine", "Arnaud", OrganisationRole.ADMIN),
    ("julien@durance-numerique.example", "Julien", "Martel", OrganisationRole.EMPLOYEE),
    ("sofia@durance-numerique.example", "Sofia", "Benali", OrganisationRole.EMPLOYEE),
]


COORDINATOR_GROUP = "Coordinateurs de réseau"
COORDINATOR_PERMISSIONS = [
    "view_network",
    "change_network",
    "view_place",
    "add_place",
    "change_place",
    "view_resource",
    "add_resource",
    "change_resource",
    "delete_resource",
    "view_service",
    # The place form's commune autocomplete needs to read communes.
    "view_commune",
    # The network's invoices, read-only (the admin lists only the issuers the coordinator manages).
    "view_invoice",
    "view_invoiceline",
    "view_payment",
]


@transaction.atomic
def coordinator_group_grant(user: Any) -> Group:
    """Make ``user`` staff in the coordinators' group (the admin then limits them to their networks)."""
    group, _ = Group.objects.get_or_create(name=COORDINATOR_GROUP)
    perms = Permission.objects.filter(
        content_type__app_label__in=["places", "territory", "billing"], codename__in=COORDINATOR_PERMISSIONS
    )
    group.permissions.add(*perms)
    user.groups.add(group)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return group


@transaction.atomic
def seed_accounts() -> Organisation:
    """Create (or keep) the demo employer and its people; safe to run again."""
    organisation, _ = Organisation.objects.get_or_create(
        name=DEMO_ORGANISATION,
        defaults={
            "siren": "912345675",
            "siret": "91234567500017",
            "vat_number": "FR32912345675",
            "address": "12 avenue de la Durance",
            "postcode": "84120",
            "city": "Pertuis",
            "billing_email": "compta@durance-numerique.example",
            "is_business": True,
        },
    )
    for email, first_name, last_name, role in DEMO_PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email,
                DEMO_PASSWORD,
                first_name=first_name,
                last_name=last_name,
                language="fr",
                email_verified=True,
                email_verified_at=timezone.now(),
            )
        OrganisationMembership.objects.get_or_create(
            organisation=organisation, user=user, defaults={"role": role}
        )
    return organisation


def _demo_user(spec: dict[str, Any]) -> User:
    user = User.objects.filter(email=spec["email"]).first()
    if user is None:
        create = User.objects.create_superuser if spec.get("superuser") else User.objects.create_user
        user = create(
            spec["email"],
            DEMO_PASSWORD,
            first_name=spec["first_name"],
            last_name=spec["last_name"],
            language="fr",
            email_verified=True,
            email_verified_at=timezone.now(),
        )
    return user


@register("demo_users", order=40)
@transaction.atomic
def seed_demo_users(ctx: SeedContext) -> dict[str, User]:
    """Create the demo accounts of DEMO_USERS, one per role (password "coop-connect-demo")."""
    users = {role: _demo_user(spec) for role, spec in DEMO_USERS.items()}
    Network.objects.get(slug=COORDINATED_NETWORK).coordinators.add(users["coordinator"])
    coordinator_group_grant(users["coordinator"])
    Place.objects.get(source=ref.REFERENCE_SOURCE, source_id=HOST_PLACE).hosts.add(users["host"])
    ctx.results["users"] = users
    for role, spec in DEMO_USERS.items():
        ctx.say(f"  {role} : {spec['email']} / {DEMO_PASSWORD}")
    return users


@register("accounts", order=45)
def seed_accounts_step(ctx: SeedContext) -> None:
    """Create the demo employer and its people."""
    ctx.results["organisation"] = seed_accounts()
    ctx.say(f"  employeur de démonstration : {ctx.results['organisation']}")
