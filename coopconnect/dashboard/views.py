"""The personal home: one section per role the signed-in person holds."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from coopconnect.dashboard import selectors


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Show the member's part to everyone, then the host's, coordinator's and employer's parts."""
    user = request.user
    now = timezone.now()
    return render(
        request,
        "dashboard/home.html",
        {
            "member": selectors.member_home(user, now=now),
            "hosting": selectors.host_home(user, now=now),
            "networks": selectors.network_homes(user, now=now),
            "employers": selectors.employer_homes(user, now=now),
        },
    )
