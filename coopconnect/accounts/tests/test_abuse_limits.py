"""Abuse limits on the account pages and API: login lockout, reset, sign-up, verification resend,
API writes; a known address answers like a free one."""

import time_machine
from django.urls import reverse

from coopconnect.accounts.lockout import unlock
from coopconnect.accounts.models import User
from coopconnect.core.testing.problems import detail_and_errors

LOGIN = "/compte/connexion/"
SIGNUP = {
    "email": "nina@example.org",
    "first_name": "Nina",
    "last_name": "Roux",
    "password1": "un-mot-de-passe-solide",
    "password2": "un-mot-de-passe-solide",
    "home_commune": "",
    "language": "fr",
}


def _login(client, email, password):
    return client.post(LOGIN, {"username": email, "password": password})


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_sixth_wrong_password_locks_the_account_even_for_the_right_password(client, member):
    with time_machine.travel("2027-03-15 09:00 +01:00", tick=False):
        for _ in range(5):
            assert _login(client, "membre@example.org", "pas-le-bon").status_code == 200
        sixth = _login(client, "membre@example.org", "pas-le-bon")
        assert sixth.status_code == 429
        assert sixth["Retry-After"] == "900"  # 15 minutes of cool-off
        html = sixth.content.decode()
        assert "Trop de tentatives de connexion pour ce compte : réessayez dans 15 minutes" in html
        # During the lockout the right password is refused, whatever the spelling of the address.
        for spelling in ("membre@example.org", " MEMBRE@Example.org"):
            right = _login(client, spelling, "mot-de-passe-membre")
            assert right.status_code == 429
            assert not _signed_in(client)
    # Each attempt while locked restarted the 15 minutes: 16 minutes later the door opens again.
    with time_machine.travel("2027-03-15 09:16 +01:00", tick=False):
        assert _login(client, "membre@example.org", "mot-de-passe-membre").status_code == 302
        assert _signed_in(client)


def test_a_lockout_is_per_account_not_per_room(client, member, host):
    # Everyone at a third place shares one address: Marie's lockout does not lock Hélène out.
    for _ in range(6):
        _login(client, "membre@example.org", "pas-le-bon")
    assert _login(client, "hote@example.org", "mot-de-passe-hote-1").status_code == 302


def test_a_new_password_ends_the_lockout(client, member):
    for _ in range(6):
        _login(client, "membre@example.org", "pas-le-bon")
    assert _login(client, "membre@example.org", "mot-de-passe-membre").status_code == 429
    unlock("membre@example.org")  # what choosing a new password from the mailed link does
    assert _login(client, "membre@example.org", "mot-de-passe-membre").status_code == 302


def test_the_reset_page_mails_at_most_three_times_an_hour_per_address(client, member, mailoutbox):
    url = reverse("accounts:password_reset")
    statuses = [client.post(url, {"email": "membre@example.org"}).status_code for _ in range(10)]
    # 3 a hour per address: 3 mails, then 429 with the wait and a French message.
    assert statuses == [302] * 3 + [429] * 7
    assert len(mailoutbox) == 3
    refused = client.post(url, {"email": "membre@example.org"})
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert "Trop de tentatives : réessayez dans" in refused.content.decode()


def test_the_reset_page_answers_the_same_for_an_unknown_address(client, member, mailoutbox):
    url = reverse("accounts:password_reset")
    known = client.post(url, {"email": "membre@example.org"})
    unknown = client.post(url, {"email": "personne@example.org"})
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert [m.to for m in mailoutbox] == [["membre@example.org"]]


def test_anonymous_api_sign_ups_are_limited_per_address(client, db, mailoutbox):
    # 15 sign-ups in a row from one address: 10 an hour go through, the rest answer 429.
    answers = [
        client.post(
            "/api/v1/auth/register",
            data={"email": f"robot{i}@example.org", "password": "un-mot-de-passe-solide", "first_name": "R"},
            content_type="application/json",
        )
        for i in range(15)
    ]
    assert [a.status_code for a in answers] == [202] * 10 + [429] * 5
    refused = answers[-1]
    assert refused.json()["errors"] == {}
    assert refused.json()["detail"].startswith("Trop de tentatives : réessayez dans")
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert User.objects.filter(email__startswith="robot").count() == 10


def test_signup_page_is_limited_per_mailbox(client, db, settings):
    url = reverse("accounts:signup")
    statuses = [client.post(url, SIGNUP).status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]  # 3 an hour for one address


def test_known_address_sign_up_answers_like_a_new_one_and_mails_the_owner(
    client, member, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        new = client.post(reverse("accounts:signup"), SIGNUP)
        known = client.post(reverse("accounts:signup"), {**SIGNUP, "email": "Membre@example.org"})
    assert (
        (new.status_code, new.url) == (known.status_code, known.url) == (302, reverse("accounts:signup_done"))
    )
    assert [m.to for m in mailoutbox] == [["nina@example.org"], ["membre@example.org"]]
    assert mailoutbox[1].subject == "Quelqu'un a voulu créer un compte avec votre adresse — Coop-connect"
    api = [
        client.post(
            "/api/v1/auth/register",
            data={"email": email, "password": "un-mot-de-passe-solide", "first_name": "Ada"},
            content_type="application/json",
        )
        for email in ("ada@example.org", "membre@example.org")
    ]
    assert api[0].status_code == api[1].status_code == 202
    assert api[0].json() == api[1].json()


def test_verification_resend_is_limited(client, db):
    person = User.objects.create_user("nv@example.org", "un-mot-de-passe-solide", first_name="N")
    client.force_login(person)
    url = reverse("accounts:resend_verification")
    assert [client.post(url).status_code for _ in range(4)] == [302, 302, 302, 429]


def test_api_writes_are_limited_per_person_reads_are_not(client, member, settings):
    settings.RATE_LIMITS = {"api_write": (("client", "3/m"),)}
    client.force_login(member)

    def patch():
        return client.patch("/api/v1/me", data={"first_name": "Marie"}, content_type="application/json")

    assert [patch().status_code for _ in range(4)] == [200, 200, 200, 429]
    refused = patch()
    assert detail_and_errors(refused.json()) == {"detail": refused.json()["detail"], "errors": {}}
    assert "Trop de tentatives" in refused.json()["detail"]
    assert 0 < int(refused["Retry-After"]) <= 60
    assert client.get("/api/v1/me").status_code == 200


def test_the_limit_message_is_in_english_for_an_english_speaker(client, member, settings):
    settings.RATE_LIMITS = {"api_write": (("client", "1/m"),)}
    client.force_login(member)
    for _ in range(2):
        refused = client.patch(
            "/api/v1/me", data={}, content_type="application/json", headers={"accept-language": "en"}
        )
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Too many attempts: try again in")


def test_the_known_address_mail_is_in_english_with_an_html_part(
    db, mailoutbox, django_capture_on_commit_callbacks, settings
):
    from coopconnect.accounts import services

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    User.objects.create_user("ann@example.org", "un-mot-de-passe-solide", first_name="Ann", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.user_register(email="ann@example.org", password="un-autre-mot-de-passe", first_name="X")
    [message] = mailoutbox
    assert message.subject == "Someone tried to create an account with your address — Coop-connect"
    assert message.body.startswith("Hello Ann,")
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html" and '<html lang="en">' in html
