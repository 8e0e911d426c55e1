from coopconnect.accounts.models import Organisation, OrganisationMembership, User
from coopconnect.accounts.seed import DEMO_PASSWORD, seed_accounts
from coopconnect.core.permissions import is_employer_admin_of


def test_seed_accounts_is_idempotent(db):
    org = seed_accounts()
    seed_accounts()
    assert Organisation.objects.filter(name="Société Durance Numérique").count() == 1
    assert OrganisationMembership.objects.filter(organisation=org).count() == 3
    admin = User.objects.get(email="admin@durance-numerique.example")
    assert admin.check_password(DEMO_PASSWORD) and admin.email_verified
    employee = User.objects.get(email="julien@durance-numerique.example")
    assert is_employer_admin_of(admin, employee)
    assert not is_employer_admin_of(employee, admin)
