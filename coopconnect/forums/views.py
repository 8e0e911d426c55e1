"""Forum pages, and the community home page that leads to the forums, skills and missions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors
from coopconnect.forums import selectors
from coopconnect.forums.forms import PostEditForm, ReasonForm, ReplyForm, ReportForm, TopicForm
from coopconnect.forums.models import Post
from coopconnect.forums.permissions import can_edit_post, can_moderate_forum
from coopconnect.forums.services import (
    post_create,
    post_delete,
    post_edit,
    post_hide,
    post_report,
    post_unhide,
    topic_create,
    topic_follow,
    topic_moderate,
)

PER_PAGE = 20


def home(request: HttpRequest) -> HttpResponse:
    """The community hub: forums, skills, missions board and events."""
    forums = selectors.forums_of(request.user) if request.user.is_authenticated else []
    return render(request, "forums/home.html", {"forums": forums})


@login_required
def forum(request: HttpRequest, pk: int) -> HttpResponse:
    """A forum's topics, pinned first, paginated."""
    found = selectors.forum_readable(request.user, pk)
    if found is None:
        raise Http404
    page = Paginator(selectors.forum_topics(found), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "forums/forum.html", {"forum": found, "page": page, "form": TopicForm()})


@login_required
def topic_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a topic in a forum."""
    found = selectors.forum_readable(request.user, pk)
    if found is None:
        raise Http404
    form = TopicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            topic = topic_create(forum=found, author=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Sujet publié."))
            return redirect("forums:topic", pk=topic.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "forums/topic_new.html", {"forum": found, "form": form}, status=status)


@login_required
def topic(request: HttpRequest, pk: int) -> HttpResponse:
    """A topic's messages, paginated; members reply with the form at the bottom."""
    found = selectors.topic_readable(request.user, pk)
    if found is None:
        raise Http404
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            post = post_create(topic=found, author=request.user, body=form.cleaned_data["body"])
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Réponse publiée."))
            count = found.posts.filter(pk__lte=post.pk).count()
            last_page = (count - 1) // PER_PAGE + 1
            return redirect(f"{request.path}?page={last_page}#message-{post.pk}")
    page = Paginator(selectors.topic_posts(found), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "topic": found,
        "page": page,
        "form": form,
        "moderator": can_moderate_forum(request.user, found.forum),
        "following": found.followers.filter(pk=request.user.pk).exists(),
        "editable": {p.pk for p in page if can_edit_post(request.user, p)},
    }
    return render(request, "forums/topic.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def topic_follow_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow or stop following a topic."""
    found = selectors.topic_readable(request.user, pk)
    if found is None:
        raise Http404
    follow = request.POST.get("follow") == "1"
    topic_follow(topic=found, person=request.user, follow=follow)
    messages.success(request, _("Vous suivez ce sujet.") if follow else _("Vous ne suivez plus ce sujet."))
    return redirect("forums:topic", pk=found.pk)


@login_required
@require_POST
def topic_moderate_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Pin, unpin, lock or unlock a topic (moderators)."""
    found = selectors.topic_readable(request.user, pk)
    if found is None or not can_moderate_forum(request.user, found.forum):
        raise Http404
    action = request.POST.get("action", "")
    flags = {
        "pin": {"pinned": True},
        "unpin": {"pinned": False},
        "lock": {"locked": True},
        "unlock": {"locked": False},
    }.get(action)
    if flags is None:
        messages.error(request, _("Action inconnue."))
    else:
        topic_moderate(topic=found, by=request.user, **flags)
        messages.success(request, _("Sujet mis à jour."))
    return redirect("forums:topic", pk=found.pk)


@login_required
def post_hide_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Hide a post with a reason, or show it again (moderators)."""
    post = selectors.post_readable(request.user, pk)
    if post is None or not can_moderate_forum(request.user, post.topic.forum):
        raise Http404
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and request.POST.get("action") == "unhide":
        post_unhide(post=post, by=request.user)
        messages.success(request, _("Message de nouveau visible."))
        return redirect("forums:topic", pk=post.topic_id)
    if request.method == "POST" and form.is_valid():
        try:
            post_hide(post=post, by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Message masqué."))
            return redirect("forums:topic", pk=post.topic_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "forums/post_hide.html", {"post": post, "form": form}, status=status)


@login_required
def post_report_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Report a post to the moderators."""
    post = selectors.post_readable(request.user, pk)
    if post is None:
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            post_report(post=post, reporter=request.user, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Merci : les modérateurs ont reçu votre signalement."))
            return redirect("forums:topic", pk=post.topic_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "forums/post_report.html", {"post": post, "form": form}, status=status)


def _own_post(request: HttpRequest, pk: int) -> Post:
    post = selectors.post_readable(request.user, pk)
    if post is None or post.author_id != request.user.pk:
        raise Http404
    return post


@login_required
def post_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct one's own post, within 24 hours of writing it."""
    post = _own_post(request, pk)
    form = PostEditForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            post_edit(post=post, by=request.user, body=form.cleaned_data["body"])
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Message modifié."))
            return redirect(_post_url(post))
    status = 400 if request.method == "POST" else 200
    context = {"post": post, "form": form, "editable": can_edit_post(request.user, post)}
    return render(request, "forums/post_edit.html", context, status=status)


@login_required
def post_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete one's own post (it shows « message supprimé par son auteur »); GET asks to confirm."""
    post = _own_post(request, pk)
    if request.method == "POST":
        try:
            post_delete(post=post, by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Message supprimé."))
        return redirect(_post_url(post))
    return render(request, "forums/post_delete.html", {"post": post})


def _post_url(post: Post) -> str:
    count = post.topic.posts.filter(pk__lte=post.pk).count()
    page = (count - 1) // PER_PAGE + 1
    return f"{reverse('forums:topic', args=[post.topic_id])}?page={page}#message-{post.pk}"
