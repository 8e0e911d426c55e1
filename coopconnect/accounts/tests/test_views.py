import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from coopconnect.accounts import services
from coopconnect.accounts.models import ApiToken, OrganisationMembership, User

SIGNUP = {
    "email": "nina@example.org",
    "first_name": "Nina",
    "last_name": "Roux",
    "password1": "un-mot-de-passe-solide",
    "password2": "un-mot-de-passe-solide",
    "home_commune": "Pertuis",
    "language": "fr",
}


def _link(body: str) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", body).group(1)


# Sign-up, verification, login


def test_signup_page_in_french(client, db):
    response = client.get(reverse("accounts:signup"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Créer un compte" in html
    assert '<label for="id_password2"' in html


def test_signup_creates_account_and_mails_link(
    client, pertuis, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:signup"), SIGNUP)
    assert response.status_code == 302
    assert response.url == reverse("accounts:signup_done")
    user = User.objects.get(email="nina@example.org")
    assert user.home_commune == pertuis and not user.email_verified
    response = client.get(_link(mailoutbox[0].body))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email_verified


def test_signup_errors_shown_in_french_nothing_written(client, pertuis):
    data = {**SIGNUP, "password2": "autre", "home_commune": "Atlantide", "email": "pas-une-adresse"}
    response = client.post(reverse("accounts:signup"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Les deux mots de passe ne sont pas identiques." in html
    assert "Aucune commune ne correspond à « Atlantide »." in html
    assert "Saisissez une adresse de courriel valide." in html
    assert 'aria-invalid="true"' in html
    assert not User.objects.exists()


def test_signup_weak_password_and_duplicate(client, member, pertuis):
    response = client.post(
        reverse("accounts:signup"), {**SIGNUP, "password1": "12345678", "password2": "12345678"}
    )
    assert response.status_code == 400
    assert "Ce mot de passe est trop courant." in response.content.decode()
    # A known address answers as a free one (its owner gets a mail): the page tells no one who is a member.
    response = client.post(reverse("accounts:signup"), {**SIGNUP, "email": "membre@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:signup_done")


def test_verify_with_bad_token_shows_error(client, db):
    response = client.get(reverse("accounts:verify_email", args=["garbage"]))
    assert response.status_code == 400
    assert "n&#x27;est pas valide" in response.content.decode()


def test_unverified_person_sees_banner_and_can_resend(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    user = User.objects.create_user("nv@example.org", "un-mot-de-passe-solide", first_name="Noé")
    assert client.login(email="nv@example.org", password="un-mot-de-passe-solide")
    assert "pas encore vérifiée" in client.get(reverse("accounts:profile")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:resend_verification"))
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    client.get(_link(mailoutbox[0].body))
    user.refresh_from_db()
    assert user.email_verified
    assert "pas encore vérifiée" not in client.get(reverse("accounts:profile")).content.decode()


def test_resend_requires_login_and_post(client, member):
    assert client.post(reverse("accounts:resend_verification")).status_code == 302
    client.force_login(member)
    assert client.get(reverse("accounts:resend_verification")).status_code == 405


def test_login_switches_to_person_language(client, member):
    member.language = "en"
    member.save()
    response = client.post(
        reverse("accounts:login"), {"username": "membre@example.org", "password": "mot-de-passe-membre"}
    )
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"


def test_login_wrong_password_in_french(client, member):
    response = client.post(reverse("accounts:login"), {"username": "membre@example.org", "password": "faux"})
    assert response.status_code == 200
    assert "et un mot de passe valides." in response.content.decode()


def test_logout(client, member):
    client.force_login(member)
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 302


# Profile


def test_profile_requires_login(client, db):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_profile_edit_switches_language(client, member, pertuis):
    client.force_login(member)
    response = client.post(
        reverse("accounts:profile"),
        {"first_name": "Marie", "last_name": "Curie", "home_commune": "84089", "language": "en"},
    )
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
    member.refresh_from_db()
    assert (member.last_name, member.home_commune, member.language) == ("Curie", pertuis, "en")
    html = client.get(reverse("accounts:profile")).content.decode()
    assert "My account" in html and "Pertuis (84)" in html


def test_profile_edits_the_work_commune(client, member, pertuis):
    client.force_login(member)
    url = reverse("accounts:profile")
    form = client.get(url).content.decode()
    assert 'name="work_commune"' in form and "Commune de travail habituelle (facultatif)" in form
    response = client.post(url, {"first_name": "Marie", "work_commune": "84089", "language": "fr"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.work_commune, member.home_commune) == (pertuis, None)
    assert 'value="Pertuis (84)"' in client.get(url).content.decode()
    bad = client.post(url, {"first_name": "Marie", "work_commune": "Atlantide", "language": "fr"})
    assert bad.status_code == 400 and "Aucune commune ne correspond" in bad.content.decode()
    member.refresh_from_db()
    assert member.work_commune == pertuis
    client.post(url, {"first_name": "Marie", "work_commune": "", "language": "fr"})
    member.refresh_from_db()
    assert member.work_commune is None


def test_profile_error_in_french(client, member):
    client.force_login(member)
    response = client.post(
        reverse("accounts:profile"), {"first_name": "", "language": "fr", "home_commune": "Atlantide"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ce champ est obligatoire." in html
    assert "Aucune commune ne correspond" in html


# Password reset


def test_password_reset_journey(client, member, mailoutbox):
    member.language = "en"
    member.save()
    response = client.post(reverse("accounts:password_reset"), {"email": "membre@example.org"})
    assert response.status_code == 302
    assert mailoutbox[0].subject == "Reset your password — Coop-connect"
    response = client.get(_link(mailoutbox[0].body), follow=True)
    assert response.status_code == 200
    set_url = response.redirect_chain[-1][0]
    response = client.post(
        set_url, {"new_password1": "nouveau-mot-de-passe-1", "new_password2": "nouveau-mot-de-passe-1"}
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_complete")
    member.refresh_from_db()
    assert member.check_password("nouveau-mot-de-passe-1")


def test_password_reset_pages_in_french(client, db):
    assert "Mot de passe oublié" in client.get(reverse("accounts:password_reset")).content.decode()
    assert "Lien envoyé" in client.get(reverse("accounts:password_reset_done")).content.decode()
    assert "Mot de passe changé" in client.get(reverse("accounts:password_reset_complete")).content.decode()
    bad = client.get(reverse("accounts:password_reset_confirm", args=["MQ", "bad-token"]))
    assert "Ce lien de réinitialisation n'est plus valide" in bad.content.decode()


# Invitations


def test_invitation_accept_page(client, employer, employer_admin):
    person = services.organisation_invite(
        organisation=employer, email="neo@durance.example", invited_by=employer_admin
    ).user
    url = reverse(
        "accounts:invitation_accept",
        args=[urlsafe_base64_encode(force_bytes(person.pk)), default_token_generator.make_token(person)],
    )
    assert "Durance Numérique" in client.get(url).content.decode()
    response = client.post(
        url, {"first_name": "Néo", "last_name": "", "password1": "x", "password2": "y", "language": "fr"}
    )
    assert response.status_code == 400
    data = {
        "first_name": "Néo",
        "last_name": "Blanc",
        "password1": "un-mot-de-passe-solide",
        "password2": "un-mot-de-passe-solide",
        "language": "fr",
    }
    assert client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert person.is_active and person.email_verified
    assert client.get(url).status_code == 400


def test_invitation_bad_link(client, member):
    response = client.get(reverse("accounts:invitation_accept", args=["zzz", "nope"]))
    assert response.status_code == 400
    # an active account cannot be taken over through an invitation link
    url = reverse(
        "accounts:invitation_accept",
        args=[urlsafe_base64_encode(force_bytes(member.pk)), default_token_generator.make_token(member)],
    )
    assert client.get(url).status_code == 400


# Employer organisations


def test_organisations_list(client, employer, employer_admin, member):
    client.force_login(employer_admin)
    html = client.get(reverse("accounts:organisations")).content.decode()
    assert reverse("accounts:organisation_detail", args=[employer.pk]) in html
    client.force_login(member)
    html = client.get(reverse("accounts:organisations")).content.decode()
    assert "Durance Numérique" in html
    assert reverse("accounts:organisation_detail", args=[employer.pk]) not in html


def test_organisation_detail_lists_employees(client, employer, employer_admin):
    client.force_login(employer_admin)
    response = client.get(reverse("accounts:organisation_detail", args=[employer.pk]))
    assert response.status_code == 200
    assert "membre@example.org" in response.content.decode()


@pytest.mark.parametrize("intruder", ["member", "outsider", "other_employer_admin", "other_host"])
def test_organisation_pages_refuse_others(client, request, employer, intruder):
    user = request.getfixturevalue(intruder)
    client.force_login(user)
    membership = OrganisationMembership.objects.get(organisation=employer, user__email="membre@example.org")
    assert client.get(reverse("accounts:organisation_detail", args=[employer.pk])).status_code == 403
    invite = client.post(
        reverse("accounts:organisation_invite", args=[employer.pk]), {"email": "x@example.org"}
    )
    assert invite.status_code == 403
    remove = client.post(reverse("accounts:organisation_member_remove", args=[employer.pk, membership.pk]))
    assert remove.status_code == 403
    assert OrganisationMembership.objects.filter(pk=membership.pk).exists()
    assert not User.objects.filter(email="x@example.org").exists()


def test_organisation_pages_require_login(client, employer):
    assert client.get(reverse("accounts:organisation_detail", args=[employer.pk])).status_code == 302
    assert client.get(reverse("accounts:organisations")).status_code == 302


def test_invite_and_remove_through_pages(
    client, employer, employer_admin, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(employer_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:organisation_invite", args=[employer.pk]),
            {"email": "neo@durance.example", "role": "employee"},
        )
    assert response.status_code == 302
    membership = OrganisationMembership.objects.get(organisation=employer, user__email="neo@durance.example")
    assert "/compte/invitation/" in mailoutbox[0].body
    response = client.post(
        reverse("accounts:organisation_invite", args=[employer.pk]),
        {"email": "neo@durance.example", "role": "employee"},
    )
    assert response.status_code == 400
    assert "fait déjà partie" in response.content.decode()
    response = client.post(reverse("accounts:organisation_member_remove", args=[employer.pk, membership.pk]))
    assert response.status_code == 302
    assert not OrganisationMembership.objects.filter(pk=membership.pk).exists()


def test_remove_membership_of_another_organisation_is_404(client, employer, employer_admin, other_employer):
    client.force_login(employer_admin)
    foreign = other_employer.memberships.get()
    url = reverse("accounts:organisation_member_remove", args=[employer.pk, foreign.pk])
    assert client.post(url).status_code == 404


def test_remove_last_admin_shows_message(client, employer, employer_admin):
    client.force_login(employer_admin)
    own = OrganisationMembership.objects.get(organisation=employer, user=employer_admin)
    response = client.post(
        reverse("accounts:organisation_member_remove", args=[employer.pk, own.pk]), follow=True
    )
    assert "dernier administrateur" in response.content.decode()
    assert OrganisationMembership.objects.filter(pk=own.pk).exists()


# API tokens


def test_tokens_page_create_shows_secret_once(client, host, place):
    client.force_login(host)
    assert client.get(reverse("accounts:tokens")).status_code == 200
    response = client.post(
        reverse("accounts:token_create"), {"place": place.pk, "name": "Porte"}, follow=True
    )
    html = response.content.decode()
    token = ApiToken.objects.get(place=place)
    raw = re.search(r'value="(cc_[^"]+)"', html).group(1)
    assert raw.startswith(f"cc_{token.prefix}_")
    assert "cc_" + token.prefix + "_" in html
    assert raw not in client.get(reverse("accounts:tokens")).content.decode()


def test_tokens_page_refuses_people_without_places(client, outsider, member):
    for user in (outsider, member):
        client.force_login(user)
        assert client.get(reverse("accounts:tokens")).status_code == 403
        assert client.post(reverse("accounts:token_create"), {"name": "x"}).status_code == 403


def test_other_host_cannot_create_or_revoke_for_place(client, host, other_host, place, other_place):
    token, _ = services.api_token_create(place=place, name="Porte", created_by=host)
    client.force_login(other_host)
    assert "Porte" not in client.get(reverse("accounts:tokens")).content.decode()
    response = client.post(reverse("accounts:token_create"), {"place": place.pk, "name": "Pirate"})
    assert response.status_code == 400
    assert not ApiToken.objects.filter(name="Pirate").exists()
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None


def test_outsider_cannot_revoke(client, host, outsider, place):
    token, _ = services.api_token_create(place=place, name="Porte", created_by=host)
    client.force_login(outsider)
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 403


def test_host_and_coordinator_revoke(client, host, coordinator, place):
    token, _ = services.api_token_create(place=place, name="Porte", created_by=host)
    client.force_login(coordinator)
    assert client.get(reverse("accounts:token_revoke", args=[token.pk])).status_code == 405
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_token_create_requires_name(client, host, place):
    client.force_login(host)
    response = client.post(reverse("accounts:token_create"), {"place": place.pk, "name": ""})
    assert response.status_code == 400
    assert "Ce champ est obligatoire." in response.content.decode()


def test_signup_done_page(client, db):
    response = client.get(reverse("accounts:signup_done"))
    assert response.status_code == 200
    assert "Si cette adresse est libre, un e-mail de vérification vient d" in response.content.decode()


def test_signup_page_redirects_signed_in_person(client, member):
    client.force_login(member)
    assert client.get(reverse("accounts:signup")).url == reverse("accounts:profile")
