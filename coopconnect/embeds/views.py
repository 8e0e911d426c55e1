"""The embeddable booking page of a place, and the page giving its host the iframe snippet.

The embeddable page is the only one that other sites may frame (``frame-ancestors *`` and no
X-Frame-Options): it holds links only, no form, so a framing site can make it do nothing. Its
links open the booking flow in a new tab, where the site's own cookies and protections apply.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET

from coopconnect.core.permissions import can_manage_place
from coopconnect.embeds import selectors
from coopconnect.places.models import Place

FRAMEABLE_CSP = {**settings.SECURE_CSP, "frame-ancestors": ["*"]}
LANGS = {code for code, _name in settings.LANGUAGES}


def _first_day(raw: str | None, today: dt.date) -> dt.date:
    """The day the week starts: ``du`` when it is a date within the coming year, else today."""
    try:
        day = dt.date.fromisoformat((raw or "")[:10])
    except ValueError:
        return today
    return day if today <= day <= today + dt.timedelta(days=365) else today


@require_GET
@xframe_options_exempt
@csp_override(FRAMEABLE_CSP)
def embed(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_object_or_404(Place, slug=slug, is_published=True)
    lang = request.GET.get("lang", "")
    with translation.override(lang if lang in LANGS else translation.get_language()):
        today = timezone.localdate()
        first = _first_day(request.GET.get("du"), today)
        days = selectors.week_slots(place, first)
        response = render(
            request,
            "embeds/embed.html",
            {
                "place": place,
                "days": days,
                "tariffs": selectors.current_tariffs(place, today),
                "next_week": first + dt.timedelta(days=selectors.DAYS),
                "previous_week": max(today, first - dt.timedelta(days=selectors.DAYS))
                if first > today
                else None,
                "lang_param": f"&lang={lang}" if lang in LANGS else "",
                "site_url": settings.SITE_URL.rstrip("/"),
            },
        )
    response["Cache-Control"] = "public, max-age=60"
    return response


@login_required
@require_GET
def snippet(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_object_or_404(Place, slug=slug)
    if not can_manage_place(request.user, place):
        raise Http404(_("Page introuvable."))
    url = settings.SITE_URL.rstrip("/") + reverse("embeds:embed", kwargs={"slug": place.slug})
    title = escape(_("Réserver chez %(name)s") % {"name": place.name})
    code = (
        f'<iframe src="{url}" title="{title}" width="100%" height="640" '
        'style="border:0;max-width:100%" loading="lazy"></iframe>'
    )
    return render(request, "embeds/snippet.html", {"place": place, "url": url, "code": code})
