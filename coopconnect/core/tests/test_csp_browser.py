"""Pages outside the main journeys still work under the Content-Security-Policy: API docs, admin."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _watch(page) -> list[str]:
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    return refused


def test_api_docs_run_swagger_ui_from_the_site(live_server, page):
    refused = _watch(page)
    page.goto(f"{live_server.url}/api/v1/docs")
    expect(page.locator("#swagger-ui .info .title")).to_contain_text("Coop-connect API")
    assert not refused, refused


def test_admin_change_list_under_the_policy(live_server, page, django_user_model):
    admin = django_user_model.objects.create_superuser(email="root@example.org", password="x-long-pass-123")
    client = Client()
    client.force_login(admin)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    refused = _watch(page)
    page.goto(f"{live_server.url}/admin/accounts/user/")
    expect(page.locator("#result_list")).to_be_visible()
    page.goto(f"{live_server.url}/admin/accounts/user/{admin.pk}/change/")
    expect(page.locator("#user_form, form").first).to_be_visible()
    assert not refused, refused
