"""Every page fits a phone: no sideways scrolling at 390 px, one h1, and the key pages pass axe-core.

The pages are those of the route registry (``coopconnect/core/testing/routes/``), opened as in the
pages sweep (public pages anonymously, the others by their owner in the fixture world). One browser
walks them all per test, so the fixture world is built once:

* every HTML page at 390 px in French: the page is never wider than the window, it has one h1;
* the key pages at 390 px and 1280 px, in French and in English: the same, plus axe-core, and a
  screenshot in ``var/screenshots/`` (gitignored) for a person to look at.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from coopconnect.core.testing import routes
from coopconnect.core.testing.axe import axe_violations, format_violations
from coopconnect.core.testing.world import World
from coopconnect.core.tests.test_pages_sweep import NEEDS_SETUP, NOT_PAGES, QUERY

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("_fast_passwords"),
]

PHONE, DESKTOP = 390, 1280
TILES = re.compile(r"tile\.openstreetmap\.org|/\{z\}/")
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
# (route name, query string): what a person looks at first, screenshotted at both widths.
KEY_PAGES = [
    ("places:home", ""),
    ("places:search", "q=Pertuis"),
    ("places:place", ""),
    ("bookings:confirm", ""),
    ("bookings:detail", ""),
    ("bookings:mine", ""),
    ("billing:invoices", ""),
    ("planning:criteria", ""),
    ("planning:coverage", ""),
]
MEASURE = """() => {
  const width = window.innerWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => {
      if (e.getBoundingClientRect().right <= width + 1) return false;
      for (let a = e.parentElement; a; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') return false;
      }
      return true;
    })
    .slice(0, 3)
    .map(e => [e.tagName.toLowerCase(), ...(e.getAttribute('class') || '').split(' ').slice(0, 1)]
      .filter(Boolean).join('.'));
  return {scroll: document.documentElement.scrollWidth, inner: width,
          h1: document.querySelectorAll('h1').length, wide};
}"""


def _url(name: str, world: World, query: str = "") -> tuple[str, str | None]:
    access = routes.PAGES.get(name) or routes.signed_in()
    url = reverse(name, kwargs=access.params(world) if access.params else None)
    query = query or QUERY.get(name, "")
    return (f"{url}?{query}" if query else url), access.owner


def _registry_pages(world: World) -> list[tuple[str, str, str | None]]:
    """Return (name, url, owner) of every page of the registry the sweeps open as a page."""
    found = []
    for route in routes.page_routes():
        if route.is_admin or routes.classify(route) is None or route.name in NOT_PAGES | NEEDS_SETUP.keys():
            continue
        found.append((route.name, *_url(route.name, world)))
    return sorted(found, key=lambda p: str(p[2]))


class Browser:
    """One page, signed in as whoever a route needs, in one language."""

    def __init__(self, page: Any, live_server: Any, world: World, lang: str) -> None:
        self.page, self.base, self.world = page, live_server.url, world
        self.sessions: dict[str, str] = {}
        self.who: str | None = "?"
        page.route(TILES, lambda route: route.abort())
        page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": lang, "url": self.base}])

    def sign_in(self, owner: str | None) -> None:
        if owner == self.who:
            return
        self.page.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)
        if owner:
            if owner not in self.sessions:
                client = Client()
                client.force_login(self.world.users[owner])
                self.sessions[owner] = client.cookies[settings.SESSION_COOKIE_NAME].value
            cookie = {"name": settings.SESSION_COOKIE_NAME, "value": self.sessions[owner], "url": self.base}
            self.page.context.add_cookies([cookie])
        self.who = owner

    def is_html_page(self, url: str, owner: str | None) -> bool:
        """Whether ``url`` answers a page (not a file, nor an action refusing GET)."""
        self.sign_in(owner)
        response = self.page.request.get(self.base + url, max_redirects=0)
        return response.status == 200 and response.headers.get("content-type", "").startswith("text/html")

    def open(self, url: str, owner: str | None) -> dict[str, Any]:
        self.sign_in(owner)
        response = self.page.goto(self.base + url, wait_until="load")
        assert response is not None and response.status == 200, f"{url}: {response and response.status}"
        return self.page.evaluate(MEASURE)


def _problems(name: str, url: str, m: dict[str, Any]) -> list[str]:
    problems = []
    if m["scroll"] > m["inner"]:
        problems.append(f"{name} {url}: {m['scroll']} px wide at {m['inner']} px (too wide: {m['wide']})")
    if m["h1"] != 1:
        problems.append(f"{name} {url}: {m['h1']} h1")
    return problems


def test_every_page_fits_a_phone_in_french(world: World, live_server, page):
    page.set_viewport_size({"width": PHONE, "height": 844})
    browser = Browser(page, live_server, world, "fr")
    pages = [p for p in _registry_pages(world) if browser.is_html_page(p[1], p[2])]
    assert len(pages) > 60, f"only {len(pages)} HTML pages found in the route registry"
    problems = []
    for name, url, owner in pages:
        problems += _problems(name, url, browser.open(url, owner))
    assert not problems, f"{len(problems)} page(s) of {len(pages)} do not fit 390 px:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_key_pages_fit_pass_axe_and_are_screenshotted(width: int, lang: str, world: World, live_server, page):
    page.set_viewport_size({"width": width, "height": 844 if width == PHONE else 900})
    browser = Browser(page, live_server, world, lang)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for name, query in KEY_PAGES:
        url, owner = _url(name, world, query)
        problems += _problems(name, url, browser.open(url, owner))
        assert page.locator("html").get_attribute("lang") == lang
        violations = axe_violations(page)
        if violations:
            problems.append(f"{name} {url}: axe-core\n{format_violations(violations)}")
        shot = SCREENSHOTS / f"{name.replace(':', '-')}-{width}-{lang}.png"
        page.screenshot(path=str(shot), full_page=True)
    assert not problems, "\n".join(problems)


def test_the_measure_catches_a_page_wider_than_a_phone(page):
    """The check above can fail: a 600 px block on a 390 px window is reported."""
    page.set_viewport_size({"width": PHONE, "height": 844})
    page.set_content(
        '<html lang="fr"><body style="margin:0"><h1>x</h1><div style="width:600px">large</div></body></html>'
    )
    m = page.evaluate(MEASURE)
    assert _problems("t", "/", m) == ["t /: 600 px wide at 390 px (too wide: ['div'])"]


def test_the_menu_folds_on_a_phone_and_opens_without_javascript(live_server, browser):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.set_viewport_size({"width": PHONE, "height": 844})
    page.goto(f"{live_server.url}/")
    menu_link = page.get_by_role("link", name="Agenda")
    expect(page.get_by_role("link", name="Réserver", exact=True)).to_be_visible()
    expect(menu_link).to_be_hidden()
    page.get_by_text("Menu", exact=True).click()
    expect(menu_link).to_be_visible()
    assert page.evaluate("document.querySelector('header').offsetHeight") < 80
    page.set_viewport_size({"width": DESKTOP, "height": 900})
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("link", name="Agenda")).to_be_visible()
    expect(page.get_by_text("Menu", exact=True)).to_be_hidden()
    context.close()
