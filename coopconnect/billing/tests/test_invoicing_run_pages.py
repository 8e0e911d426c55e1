"""Invoicing a month from an issuer's pages and the API: preview, background run, progress, refusals."""

import html
from datetime import date

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from coopconnect.accounts.models import User
from coopconnect.billing.models import Invoice
from coopconnect.core.testing.tasks import run_queued_tasks
from coopconnect.places.models import Network

NOV = "2026-11"


@pytest.fixture(autouse=True)
def _december():
    with time_machine.travel("2026-12-01 06:00 +0100", tick=True):
        yield


@pytest.fixture
def other_coordinator(db, other_place) -> User:
    """The coordinator of another network (the one of ``other_place``)."""
    user = User.objects.create_user("coord-ailleurs@example.org", "mot-de-passe-c2", email_verified=True)
    net = Network.objects.create(name="Réseau Durance", slug="reseau-durance")
    net.coordinators.add(user)
    other_place.networks.add(net)
    return user


def work() -> None:
    """Let the worker run what is queued, then return (as ``manage.py db_worker`` does)."""
    run_queued_tasks()


def test_host_previews_the_month_per_employer_and_person(client, november, host, member, place_issuer):
    client.force_login(host)
    r = client.get(reverse("billing:run_preview", args=[place_issuer.pk]), {"mois": NOV})
    page = r.content.decode()
    assert r.status_code == 200
    # Green Ivory: 1 day 20 € HT -> 24,00 € TTC; Marie: 2 days 40 € HT -> 48,00 € TTC; together 72,00 €.
    assert "Green Ivory" in page and str(member) in page
    assert "24,00\xa0€" in page and "48,00\xa0€" in page and "72,00\xa0€" in page
    assert "Émettre les 2 factures de 11/2026" in page
    assert Invoice.objects.count() == 0


def test_default_month_is_last_month(client, november, host, place_issuer):
    client.force_login(host)
    r = client.get(reverse("billing:run_preview", args=[place_issuer.pk]))
    assert r.status_code == 200 and 'value="2026-11"' in r.content.decode()


def test_issue_from_the_page_runs_in_the_background_and_shows_progress(
    client, november, host, place_issuer, network_issuer
):
    client.force_login(host)
    r = client.post(reverse("billing:run_start", args=[place_issuer.pk]), {"mois": NOV})
    progress_url = reverse("billing:run_progress", args=[place_issuer.pk, NOV])
    assert r.status_code == 302 and r["Location"] == progress_url
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["kwargs"] == {"month": NOV, "issuer_id": place_issuer.pk, "planned": 2}
    waiting = client.get(progress_url).content.decode()
    assert "En attente" in waiting and "0 facture(s) émise(s) sur 2" in waiting
    assert "Actualiser" in waiting and 'hx-trigger="every 2s"' in waiting
    work()
    done = client.get(progress_url).content.decode()
    assert "Émission terminée." in done and "2 facture(s) émise(s) sur 2" in done
    assert "hx-trigger" not in done  # polling stops once finished
    # Only Bâticom's invoices: the network's own run is another issuer's business.
    assert Invoice.objects.filter(issuer=place_issuer).count() == 2
    assert not Invoice.objects.filter(issuer=network_issuer).exists()


def test_issuing_twice_issues_nothing_twice(client, november, host, place_issuer):
    client.force_login(host)
    for _ in range(2):
        client.post(reverse("billing:run_start", args=[place_issuer.pk]), {"mois": NOV})
    work()
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2
    assert Invoice.objects.filter(issuer=place_issuer).count() == 2
    preview = client.get(reverse("billing:run_preview", args=[place_issuer.pk]), {"mois": NOV})
    assert "Toutes les factures de ce mois sont émises." in preview.content.decode()


def test_htmx_polling_gets_the_partial_only(client, november, host, place_issuer):
    client.force_login(host)
    r = client.get(
        reverse("billing:run_progress", args=[place_issuer.pk, NOV]), headers={"HX-Request": "true"}
    )
    part = r.content.decode()
    assert r.status_code == 200 and part.lstrip().startswith('<div id="run-progress"') and "<html" not in part


@pytest.mark.parametrize("month", ["2026-12", "2027-03"])
def test_current_or_future_month_is_refused_on_the_page(client, november, host, place_issuer, month):
    client.force_login(host)
    r = client.post(reverse("billing:run_start", args=[place_issuer.pk]), {"mois": month})
    assert r.status_code == 400
    assert f"Le mois {month} n'est pas terminé" in html.unescape(r.content.decode())
    assert not DBTaskResult.objects.exists() and not Invoice.objects.exists()


@pytest.mark.parametrize("month", ["", "novembre", "2026-13", "2026-11-01"])
def test_malformed_month_is_a_french_message(client, place_issuer, host, month):
    client.force_login(host)
    r = client.get(reverse("billing:run_preview", args=[place_issuer.pk]), {"mois": month or " "})
    assert r.status_code == 400 and "Mois invalide" in r.content.decode()
    r = client.post(reverse("billing:run_start", args=[place_issuer.pk]), {"mois": month})
    assert r.status_code == 400 and not DBTaskResult.objects.exists()
    assert (
        client.get(f"/facturation/emetteurs/{place_issuer.pk}/facturation/{month or 'x'}/").status_code == 404
    )


def test_coordinator_of_the_network_may_invoice_its_issuer(client, november, coordinator, network_issuer):
    client.force_login(coordinator)
    assert (
        client.get(reverse("billing:run_preview", args=[network_issuer.pk]), {"mois": NOV}).status_code == 200
    )
    r = client.post(reverse("billing:run_start", args=[network_issuer.pk]), {"mois": NOV})
    assert r.status_code == 302


@pytest.mark.parametrize("who", ["outsider", "other_host", "other_coordinator", "member"])
def test_strangers_are_refused_everywhere(client, november, place_issuer, network_issuer, who, request):
    client.force_login(request.getfixturevalue(who))
    for issuer in (place_issuer, network_issuer):
        assert client.get(reverse("billing:run_preview", args=[issuer.pk]), {"mois": NOV}).status_code == 404
        assert client.post(reverse("billing:run_start", args=[issuer.pk]), {"mois": NOV}).status_code == 404
        assert client.get(reverse("billing:run_progress", args=[issuer.pk, NOV])).status_code == 404
        base = f"/api/v1/issuers/{issuer.pk}/invoicing/{NOV}"
        assert client.get(base).status_code == 404
        assert client.post(base).status_code == 404
        assert client.get(base + "/progress").status_code == 404
    assert not DBTaskResult.objects.exists() and not Invoice.objects.exists()


def test_api_preview_start_and_progress(client, november, host, place_issuer, member):
    client.force_login(host)
    base = f"/api/v1/issuers/{place_issuer.pk}/invoicing/{NOV}"
    body = client.get(base).json()
    assert (body["planned"], body["issued"], body["to_issue"], body["total_ttc"]) == (2, 0, 2, "72.00")
    assert [(i["buyer_kind"], i["total_ttc"]) for i in body["invoices"]] == [
        ("employer", "24.00"),
        ("person", "48.00"),
    ]
    started = client.post(base)
    assert started.status_code == 202
    assert started.json()["state"] == "waiting" and started.json()["planned"] == 2
    work()
    progress = client.get(base + "/progress").json()
    assert (progress["state"], progress["issued"], progress["percent"]) == ("done", 2, 100)


def test_api_refuses_the_current_month_with_field_errors(client, november, host, place_issuer):
    client.force_login(host)
    r = client.post(f"/api/v1/issuers/{place_issuer.pk}/invoicing/2026-12")
    assert r.status_code == 400
    assert r.json()["errors"] == {"month": ["Mois en cours ou à venir."]}
    assert "n'est pas terminé" in r.json()["detail"]
    bad = client.get(f"/api/v1/issuers/{place_issuer.pk}/invoicing/douze")
    assert bad.status_code == 400 and bad.json()["errors"] == {"month": ["Format AAAA-MM attendu."]}
    assert not DBTaskResult.objects.exists()


def test_links_from_the_host_pages(client, november, host, coordinator, place, network, place_issuer):
    client.force_login(host)
    preview = reverse("billing:run_preview", args=[place_issuer.pk])
    assert preview in client.get(reverse("billing:issuer_invoices", args=[place_issuer.pk])).content.decode()
    assert preview in client.get(reverse("billing:invoices")).content.decode()
    assert preview in client.get(reverse("places:place", args=[place.slug])).content.decode()
    client.force_login(coordinator)
    network_page = client.get(reverse("places:network", args=[network.slug])).content.decode()
    assert reverse("billing:run_preview", args=[network.issuer.pk]) in network_page
    client.logout()
    assert preview not in client.get(reverse("places:place", args=[place.slug])).content.decode()


def test_command_refuses_the_current_month_without_traceback(november):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Le mois 2026-12 n'est pas terminé"):
        call_command("run_invoicing", month="2026-12")
    with pytest.raises(CommandError, match="Mois invalide"):
        call_command("run_invoicing", month="décembre")
    assert not Invoice.objects.exists()


def test_command_invoices_one_issuer(november, place_issuer, network_issuer, capsys):
    call_command("run_invoicing", month=NOV, issuer=network_issuer.pk)
    assert "1 facture(s) émise(s)" in capsys.readouterr().out
    assert Invoice.objects.filter(issuer=network_issuer).count() == 1
    assert not Invoice.objects.filter(issuer=place_issuer).exists()


def test_command_exits_non_zero_with_a_message(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    month = f"{date.today():%Y-%m}"
    env = {**os.environ, "COOP_VAR_DIR": str(tmp_path), "DEBUG": "1", "SECRET_KEY": "k"}
    env.pop("DATABASE_URL", None)
    proc = subprocess.run(
        [sys.executable, "manage.py", "run_invoicing", "--month", month],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    assert "n'est pas terminé" in proc.stderr and "Traceback" not in proc.stderr
