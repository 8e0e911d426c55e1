"""Writes of a sign-in through an OpenID Connect provider (called by ``sso/adapter.py``)."""

from django.db import transaction
from django.utils import timezone

from coopconnect.accounts.models import Organisation, OrganisationMembership, OrganisationRole, User


@transaction.atomic
def sso_sign_in(*, user: User, organisation_siren: str = "", employee: bool | None = None) -> User:
    """Record what a provider vouched for: the e-mail address (verified), and, for an employer's
    provider (``organisation_siren``), whether the person works there (``employee``, from its claim).

    A local account still unverified loses its password: whoever chose it never proved the address,
    the provider's sign-in did (and a password reset gives one back).
    """
    # The same instance is updated (the sign-in that follows keeps a hash of its password).
    User.objects.select_for_update().filter(pk=user.pk).first()
    if not user.email_verified:
        user.email_verified = True
        user.email_verified_at = timezone.now()
        if user.has_usable_password():
            user.set_unusable_password()
        user.save(update_fields=["email_verified", "email_verified_at", "password"])
    if organisation_siren and employee is not None:
        organisation = Organisation.objects.filter(siren=organisation_siren).first()
        if organisation is not None:
            _sync_membership(user=user, organisation=organisation, employee=employee)
    return user


def _sync_membership(*, user: User, organisation: Organisation, employee: bool) -> None:
    membership = OrganisationMembership.objects.filter(organisation=organisation, user=user).first()
    if employee and membership is None:
        OrganisationMembership.objects.create(
            organisation=organisation, user=user, role=OrganisationRole.EMPLOYEE
        )
    elif not employee and membership is not None and membership.role == OrganisationRole.EMPLOYEE:
        # The employer's provider says the person left: an admin's rights are changed by hand only.
        membership.delete()
