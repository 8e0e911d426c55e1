from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.db.models import QuerySet
from django.utils import timezone

from coopconnect.accounts import services
from coopconnect.accounts.models import OrganisationMembership, OrganisationRole, User
from coopconnect.core.errors import Conflict, DomainError, PermissionDenied
from coopconnect.territory.models import Commune


def _register(**kwargs):
    data = {
        "email": "Nouvelle@Example.org",
        "password": "un-mot-de-passe-solide",
        "first_name": "Nina",
        "last_name": "Roux",
        "language": "fr",
    }
    data.update(kwargs)
    return services.user_register(**data)


def test_register_creates_unverified_account_and_mails_link(
    db, pertuis, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = _register(home_commune=pertuis)
    user.refresh_from_db()
    assert user.email == "nouvelle@example.org"
    assert user.is_active and not user.email_verified
    assert user.home_commune == pertuis
    assert user.check_password("un-mot-de-passe-solide")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["nouvelle@example.org"]
    assert mailoutbox[0].subject == "Vérifiez votre adresse e-mail — Coop-connect"
    assert "/compte/verification/" in mailoutbox[0].body


def test_register_mail_in_english_when_chosen(db, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _register(language="en")
    assert mailoutbox[0].subject == "Verify your e-mail address — Coop-connect"
    assert "Hello Nina," in mailoutbox[0].body


def test_register_with_a_known_address_mails_its_owner_and_creates_nothing(
    member, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert _register(email="MEMBRE@example.org") is None
    assert User.objects.filter(email__iexact="membre@example.org").count() == 1
    member.refresh_from_db()
    assert member.check_password("mot-de-passe-membre")  # the known account is untouched
    [message] = mailoutbox
    assert message.to == ["membre@example.org"]
    assert message.subject == "Quelqu'un a voulu créer un compte avec votre adresse — Coop-connect"
    assert "Bonjour Marie," in message.body
    assert "/compte/connexion/" in message.body and "/compte/mot-de-passe/oubli/" in message.body


def test_register_with_an_invited_address_mails_the_invitation_link(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    invited = User(email="invitee@example.org", is_active=False)
    invited.set_unusable_password()
    invited.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert _register(email="invitee@example.org") is None
    [message] = mailoutbox
    assert message.to == ["invitee@example.org"]
    assert "/compte/invitation/" in message.body
    invited.refresh_from_db()
    assert invited.is_invited


def test_register_refuses_weak_password_and_writes_nothing(db):
    with pytest.raises(DomainError) as exc:
        _register(password="12345678")
    assert "password" in exc.value.errors
    assert not User.objects.exists()


def test_register_refuses_unknown_language_and_bad_email(db):
    with pytest.raises(DomainError, match="Langue inconnue"):
        _register(language="de")
    with pytest.raises(DomainError) as exc:
        _register(email="pas-une-adresse")
    assert exc.value.errors == {"email": ["Saisissez une adresse e-mail valide."]}


def test_verify_email(db):
    user = _register()
    token = services.email_verification_token(user)
    assert services.user_verify_email(token=token) == user
    user.refresh_from_db()
    assert user.email_verified and user.email_verified_at is not None
    # a second click is harmless
    services.user_verify_email(token=token)


def test_verify_email_expires_after_seven_days(db):
    with time_machine.travel("2026-03-02 09:00 +01:00", tick=False):
        user = _register()
        token = services.email_verification_token(user)
    with (
        time_machine.travel("2026-03-09 09:01 +01:00", tick=False),
        pytest.raises(DomainError, match="expiré"),
    ):
        services.user_verify_email(token=token)
    user.refresh_from_db()
    assert not user.email_verified


def test_verify_email_refuses_forged_token_and_other_salt(db):
    user = _register()
    with pytest.raises(DomainError, match="n'est pas valide"):
        services.user_verify_email(token="garbage")
    forged = signing.dumps({"u": user.pk, "e": user.email}, salt="autre-chose")
    with pytest.raises(DomainError, match="n'est pas valide"):
        services.user_verify_email(token=forged)


def test_verify_email_refuses_token_for_old_address(db):
    user = _register()
    token = services.email_verification_token(user)
    User.objects.filter(pk=user.pk).update(email="changee@example.org")
    with pytest.raises(DomainError, match="n'est pas valide"):
        services.user_verify_email(token=token)


def test_profile_update(member, pertuis):
    services.profile_update(
        user=member,
        first_name=" Marie ",
        last_name="Curie",
        home_commune=pertuis,
        work_commune=pertuis,
        language="en",
    )
    member.refresh_from_db()
    assert (
        member.first_name,
        member.last_name,
        member.home_commune,
        member.work_commune,
        member.language,
    ) == (
        "Marie",
        "Curie",
        pertuis,
        pertuis,
        "en",
    )
    services.profile_update(
        user=member,
        first_name="Marie",
        last_name="Curie",
        home_commune=pertuis,
        work_commune=None,
        language="en",
    )
    member.refresh_from_db()
    assert member.work_commune is None and member.home_commune == pertuis


def test_profile_update_refuses_empty_first_name(member):
    with pytest.raises(DomainError) as exc:
        services.profile_update(
            user=member, first_name="  ", last_name="", home_commune=None, work_commune=None, language="fr"
        )
    assert exc.value.errors == {"first_name": ["Indiquez votre prénom."]}
    member.refresh_from_db()
    assert member.first_name == "Marie"


def test_invite_new_person_creates_inactive_account_and_mails_link(
    employer, employer_admin, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.organisation_invite(
            organisation=employer, email="Nouveau@Durance.example", invited_by=employer_admin
        )
    person = membership.user
    assert person.email == "nouveau@durance.example"
    assert person.is_invited and not person.is_active
    assert membership.role == OrganisationRole.EMPLOYEE
    assert mailoutbox[0].subject == "Durance Numérique vous invite sur Coop-connect"
    assert "/compte/invitation/" in mailoutbox[0].body


def test_invite_existing_person_adds_membership(
    employer, employer_admin, outsider, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.organisation_invite(
            organisation=employer, email=outsider.email, invited_by=employer_admin
        )
    assert membership.user == outsider
    assert mailoutbox[0].subject == "Vous faites partie de Durance Numérique sur Coop-connect"


def test_invite_refuses_duplicate_and_non_admins(
    employer, employer_admin, member, outsider, other_employer_admin
):
    with pytest.raises(Conflict, match="fait déjà partie"):
        services.organisation_invite(organisation=employer, email=member.email, invited_by=employer_admin)
    for intruder in (member, outsider, other_employer_admin):
        with pytest.raises(PermissionDenied):
            services.organisation_invite(organisation=employer, email="x@example.org", invited_by=intruder)
    assert not User.objects.filter(email="x@example.org").exists()


def test_invitation_accept_activates_and_verifies(employer, employer_admin):
    person = services.organisation_invite(
        organisation=employer, email="neo@durance.example", invited_by=employer_admin
    ).user
    token = default_token_generator.make_token(person)
    services.invitation_accept(
        user=person,
        token=token,
        first_name="Néo",
        last_name="Blanc",
        password="un-mot-de-passe-solide",
        language="en",
    )
    person.refresh_from_db()
    assert person.is_active and person.email_verified and not person.is_invited
    assert person.check_password("un-mot-de-passe-solide")
    # the link served once: the password changed, so the token no longer checks
    with pytest.raises(DomainError, match="plus valide"):
        services.invitation_accept(
            user=person,
            token=token,
            first_name="X",
            last_name="",
            password="autre-mot-de-passe-1",
            language="fr",
        )


def test_register_does_not_claim_an_invited_address(employer, employer_admin):
    # Claiming it here would join the organisation without proving the address.
    services.organisation_invite(
        organisation=employer, email="neo@durance.example", invited_by=employer_admin
    )
    assert _register(email="neo@durance.example") is None
    assert User.objects.get(email="neo@durance.example").is_invited


def test_remove_member_and_keep_last_admin(employer, employer_admin, member, other_employer_admin):
    admin_membership = OrganisationMembership.objects.get(organisation=employer, user=employer_admin)
    with pytest.raises(Conflict, match="dernier administrateur"):
        services.organisation_member_remove(membership=admin_membership, removed_by=employer_admin)
    employee = OrganisationMembership.objects.get(organisation=employer, user=member)
    with pytest.raises(PermissionDenied):
        services.organisation_member_remove(membership=employee, removed_by=other_employer_admin)
    services.organisation_member_remove(membership=employee, removed_by=employer_admin)
    assert not OrganisationMembership.objects.filter(pk=employee.pk).exists()
    assert User.objects.filter(pk=member.pk).exists()


def test_removing_pending_invite_deletes_the_empty_account(employer, employer_admin):
    membership = services.organisation_invite(
        organisation=employer, email="neo@durance.example", invited_by=employer_admin
    )
    services.organisation_member_remove(membership=membership, removed_by=employer_admin)
    assert not User.objects.filter(email="neo@durance.example").exists()


def test_api_token_create_stores_only_a_hash(place, host):
    token, raw = services.api_token_create(place=place, name="Porte d'entrée", created_by=host)
    assert raw.startswith(f"cc_{token.prefix}_")
    secret = raw.split("_", 2)[2]
    assert secret not in token.secret_hash
    assert token.secret_hash == services.hash_secret(secret)
    assert len(token.secret_hash) == 64


def test_api_token_create_refuses_other_host_and_empty_name(place, host, other_host):
    with pytest.raises(PermissionDenied):
        services.api_token_create(place=place, name="Porte", created_by=other_host)
    with pytest.raises(DomainError) as exc:
        services.api_token_create(place=place, name="  ", created_by=host)
    assert list(exc.value.errors) == ["name"]


def test_api_token_revoke(place, host, other_host):
    token, _ = services.api_token_create(place=place, name="Porte", created_by=host)
    with pytest.raises(PermissionDenied):
        services.api_token_revoke(token=token, revoked_by=other_host)
    services.api_token_revoke(token=token, revoked_by=host)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert token.revoked_at <= timezone.now() + timedelta(seconds=1)


def test_home_commune_from_text(pertuis, vaucluse):
    from coopconnect.accounts.selectors import home_commune_from_text

    assert home_commune_from_text("pertuis") == pertuis
    assert home_commune_from_text("") is None
    with pytest.raises(DomainError) as exc:
        home_commune_from_text("Atlantide")
    assert exc.value.errors == {"home_commune": ["Aucune commune ne correspond à « Atlantide »."]}
    for insee, dep in (("84001", vaucluse), ("84002", vaucluse)):
        Commune.objects.create(
            insee=insee,
            name="Villeneuve",
            search_name="villeneuve",
            department=dep,
            region=dep.region,
            population=100 if insee == "84001" else 50,
            latitude=44.0,
            longitude=5.0,
        )
    with pytest.raises(DomainError, match="Plusieurs communes correspondent"):
        home_commune_from_text("Villeneuve")


def test_register_race_on_same_address_creates_one_account(member):
    # Simulate the other sign-up committing between our check and our insert: the check sees nobody,
    # the unique index refuses the second row, and the answer is the same as for a free address.
    with mock.patch.object(QuerySet, "first", return_value=None):
        assert _register(email="membre@example.org") is None
    assert User.objects.filter(email="membre@example.org").count() == 1
