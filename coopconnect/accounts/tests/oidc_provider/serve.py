"""Run the test provider: ``python -m coopconnect.accounts.tests.oidc_provider.serve``.

Reads PROVIDER_PORT, PROVIDER_DB, PROVIDER_RSA_KEY and PROVIDER_SETUP (JSON: ``users`` with
username, password, email, groups; ``clients`` with client_id, client_secret, redirect_uri).
"""

import json
import os

os.environ["DJANGO_SETTINGS_MODULE"] = "coopconnect.accounts.tests.oidc_provider.settings"

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.servers.basehttp import run  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from oauth2_provider.models import Application  # noqa: E402


def setup(spec: dict) -> None:
    call_command("migrate", verbosity=0)
    for person in spec.get("users", []):
        user = User.objects.create_user(person["username"], person["email"], person["password"])
        user.first_name, user.last_name = person.get("first_name", ""), person.get("last_name", "")
        user.save()
        for name in person.get("groups", []):
            user.groups.add(Group.objects.get_or_create(name=name)[0])
    for client in spec.get("clients", []):
        Application.objects.create(
            name=client["client_id"],
            client_id=client["client_id"],
            client_secret=client["client_secret"],
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
            redirect_uris=client["redirect_uri"],
            algorithm=Application.RS256_ALGORITHM,
            skip_authorization=True,
        )


if __name__ == "__main__":
    setup(json.loads(os.environ.get("PROVIDER_SETUP", "{}")))
    run("127.0.0.1", int(os.environ["PROVIDER_PORT"]), get_wsgi_application(), threading=True)
