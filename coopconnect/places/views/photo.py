"""A place's photo: hosts and coordinators upload or remove it; anyone gets the stored WebP files."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as Forbidden
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from coopconnect.core import permissions
from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors
from coopconnect.places import photos, selectors, services
from coopconnect.places.models import Place


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=gettext_lazy("Photo du lieu (JPEG, PNG ou WebP, 10 Mo au plus)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )


@login_required
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Upload a new photo (resized to WebP) or remove the current one."""
    place = get_object_or_404(Place, slug=slug)
    if not permissions.can_manage_place(request.user, place):
        raise Forbidden
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "remove":
                services.place_remove_photo(place=place, by=request.user)
                messages.success(request, _("La photo est retirée."))
                return redirect("places:photo_edit", slug=place.slug)
            upload = request.FILES.get("photo")
            if upload is None:
                form.add_error("photo", _("Choisissez une photo à envoyer."))
            elif upload.size > photos.MAX_BYTES:
                form.add_error("photo", _("Photo trop lourde : 10 Mo au plus."))
            else:
                services.place_set_photo(place=place, data=upload.read(), by=request.user)
                messages.success(request, _("La photo est enregistrée et redimensionnée pour le web."))
                return redirect("places:photo_edit", slug=place.slug)
        except DomainError as exc:
            add_domain_errors(form, exc)
    status = 400 if form.errors else 200
    return render(request, "places/photo_edit.html", {"place": place, "form": form}, status=status)


@require_GET
def image(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    """Serve one of the stored WebP files of a published place's photo, cached for good (hashed name)."""
    place = selectors.place_detail(slug)
    if place is None:
        raise Http404
    files = {f.name.rsplit("/", 1)[-1]: f.name for f in (place.photo, place.photo_small) if f}
    if name not in files:
        raise Http404
    response = FileResponse(default_storage.open(files[name]), content_type="image/webp")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
