"""Demo people: the employer "Société Durance Numérique" with an admin and two employees."""

from django.db import transaction
from django.utils import timezone

from coopconnect.accounts.models import Organisation, OrganisationMembership, OrganisationRole, User

DEMO_ORGANISATION = "Société Durance Numérique"
DEMO_PASSWORD = "coop-connect-demo"
DEMO_PEOPLE = [
    ("admin@durance-numerique.example", "Delphine", "Arnaud", OrganisationRole.ADMIN),
    ("julien@durance-numerique.example", "Julien", "Martel", OrganisationRole.EMPLOYEE),
    ("sofia@durance-numerique.example", "Sofia", "Benali", OrganisationRole.EMPLOYEE),
]


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
