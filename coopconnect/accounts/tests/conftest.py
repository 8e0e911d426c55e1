"""Account mails run at once, and employer fixtures: Durance Numérique (admin `employer_admin`, employee
`member`) and a rival."""

import pytest

from coopconnect.accounts.models import Organisation, OrganisationMembership, OrganisationRole, User


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """Run the queued mail tasks as they are enqueued, so the tests read the mails in ``mailoutbox``."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    return settings


@pytest.fixture
def employer_admin(db) -> User:
    return User.objects.create_user(
        "rh@durance.example", "mot-de-passe-rh-1", first_name="Rose", email_verified=True
    )


@pytest.fixture
def employer(employer_admin: User, member: User) -> Organisation:
    org = Organisation.objects.create(name="Durance Numérique")
    OrganisationMembership.objects.create(organisation=org, user=employer_admin, role=OrganisationRole.ADMIN)
    OrganisationMembership.objects.create(organisation=org, user=member, role=OrganisationRole.EMPLOYEE)
    return org


@pytest.fixture
def other_employer_admin(db) -> User:
    return User.objects.create_user(
        "rh@rival.example", "mot-de-passe-rh-2", first_name="Raoul", email_verified=True
    )


@pytest.fixture
def other_employer(other_employer_admin: User) -> Organisation:
    org = Organisation.objects.create(name="Rival SARL")
    OrganisationMembership.objects.create(
        organisation=org, user=other_employer_admin, role=OrganisationRole.ADMIN
    )
    return org
