"""Forum posts: the author edits (within 24 hours) and softly deletes their own post; moderators are
e-mailed once per post, at its first report. Strangers refused; bad input in French, nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from coopconnect.core.errors import Conflict, DomainError, PermissionDenied
from coopconnect.forums.models import Post
from coopconnect.forums.services import (
    post_create,
    post_delete,
    post_edit,
    post_report,
    topic_create,
    topic_moderate,
)

pytestmark = pytest.mark.django_db

# Monday 15 March 2027, 10:00 UTC (11:00 in Paris).
NOW = dt.datetime(2027, 3, 15, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def topic(forum, member, frozen):
    return topic_create(forum=forum, author=member, title="Covoiturage", body="Qui monte de Cadenet ?")


@pytest.fixture
def post(topic):
    return topic.posts.get()


def test_author_edits_within_24_hours_then_no_more(post, member, frozen):
    frozen.move_to(NOW + dt.timedelta(hours=23, minutes=59))  # 23 h 59 after writing: still allowed
    post_edit(post=post, by=member, body="  Qui monte de Cadenet mardi ?  ")
    post.refresh_from_db()
    assert post.body == "Qui monte de Cadenet mardi ?" and post.edited_at is not None
    frozen.move_to(NOW + dt.timedelta(hours=24, minutes=1))  # 24 h 01: too late
    with pytest.raises(Conflict, match="24 heures"):
        post_edit(post=post, by=member, body="Trop tard")
    post.refresh_from_db()
    assert post.body == "Qui monte de Cadenet mardi ?"


def test_others_cannot_edit_or_delete(post, host, coordinator, outsider, other_host, second_member):
    # Even a moderator (host, coordinator) does not rewrite someone's words: they hide instead.
    for who in (host, coordinator, outsider, other_host, second_member):
        with pytest.raises(PermissionDenied):
            post_edit(post=post, by=who, body="Réécrit")
        with pytest.raises(PermissionDenied):
            post_delete(post=post, by=who)
    post.refresh_from_db()
    assert post.body == "Qui monte de Cadenet ?" and post.edited_at is None and post.deleted_at is None


def test_bad_input_and_locked_topic_write_nothing(post, topic, member, host):
    with pytest.raises(DomainError) as exc:
        post_edit(post=post, by=member, body="   ")
    assert exc.value.errors == {"body": ["Ce champ est obligatoire."]}
    topic_moderate(topic=topic, by=host, locked=True)
    with pytest.raises(Conflict, match="verrouillé"):
        post_edit(post=post, by=member, body="Nouveau")
    post.refresh_from_db()
    assert post.body == "Qui monte de Cadenet ?" and post.edited_at is None


def test_soft_delete_shows_a_placeholder_and_cannot_be_undone_twice(
    post, topic, member, second_member, client
):
    reply = post_create(topic=topic, author=second_member, body="Moi, à 8 h.")
    post_delete(post=post, by=member)
    with pytest.raises(Conflict, match="déjà supprimé"):
        post_delete(post=post, by=member)
    with pytest.raises(Conflict, match="plus affiché"):
        post_edit(post=post, by=member, body="Retour")
    with pytest.raises(Conflict, match="supprimé par son auteur"):
        post_report(post=post, reporter=second_member, reason="Spam")
    client.force_login(second_member)
    html = client.get(reverse("forums:topic", args=[topic.pk])).content.decode()
    assert "Message supprimé par son auteur." in html
    assert "Qui monte de Cadenet ?" not in html and "Moi, à 8 h." in html
    assert Post.objects.filter(pk=reply.pk, deleted_at__isnull=True).exists()


def test_pages_edit_and_delete_without_javascript(post, topic, member, client, frozen):
    client.force_login(member)
    topic_html = client.get(reverse("forums:topic", args=[topic.pk])).content.decode()
    assert reverse("forums:post_edit", args=[post.pk]) in topic_html
    url = reverse("forums:post_edit", args=[post.pk])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"body": "  "})
    assert bad.status_code == 400 and "Ce champ est obligatoire." in bad.content.decode()
    response = client.post(url, {"body": "Qui monte de Cadenet jeudi ?"})
    assert response.status_code == 302 and response["Location"].endswith(f"#message-{post.pk}")
    html = client.get(reverse("forums:topic", args=[topic.pk])).content.decode()
    assert "Qui monte de Cadenet jeudi ?" in html and "Modifié le" in html
    frozen.move_to(NOW + dt.timedelta(days=2))
    late = client.post(url, {"body": "Trop tard"})
    assert late.status_code == 400 and "24 heures" in late.content.decode()
    delete_url = reverse("forums:post_delete", args=[post.pk])
    assert "Supprimer mon message" in client.get(delete_url).content.decode()
    assert client.post(delete_url).status_code == 302
    post.refresh_from_db()
    assert post.deleted_at is not None and post.body == "Qui monte de Cadenet jeudi ?"


@pytest.mark.parametrize("who", ["outsider", "other_host", "host", "second_member"])
def test_pages_refuse_everyone_but_the_author(post, who, request, client):
    client.force_login(request.getfixturevalue(who))
    for name in ("post_edit", "post_delete"):
        url = reverse(f"forums:{name}", args=[post.pk])
        assert client.get(url).status_code in (403, 404)
        assert client.post(url, {"body": "Pirate"}).status_code in (403, 404)
    post.refresh_from_db()
    assert post.body == "Qui monte de Cadenet ?" and post.deleted_at is None


def test_moderators_are_emailed_once_at_the_first_report(
    post, host, coordinator, second_member, outsider, other_host, django_capture_on_commit_callbacks
):
    # The forum is the network's: its coordinator and the hosts of its places moderate it
    # (host of `place`); other_host's place is not in the network.
    with django_capture_on_commit_callbacks(execute=True):
        post_report(post=post, reporter=second_member, reason="Propos déplacés")
    assert sorted(m.to[0] for m in mail.outbox) == ["coord@example.org", "hote@example.org"]
    assert "Propos déplacés" in mail.outbox[0].body and "Message signalé" in mail.outbox[0].subject
    assert other_host.email not in {m.to[0] for m in mail.outbox}
    # A second report of the same post: no new e-mail.
    with django_capture_on_commit_callbacks(execute=True):
        post_report(post=post, reporter=host, reason="Je confirme")
    assert len(mail.outbox) == 2
    # A stranger cannot report (and so cannot trigger e-mails).
    with pytest.raises(PermissionDenied):
        post_report(post=post, reporter=outsider, reason="x")
