"""Forums: topics, replies, followers' e-mails, moderation, reports, escaping, pages and API."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.urls import reverse

from coopconnect.core.errors import Conflict, DomainError, PermissionDenied
from coopconnect.core.testing.problems import detail_and_errors
from coopconnect.forums.models import Post, Report, Topic
from coopconnect.forums.services import (
    forum_for,
    post_create,
    post_hide,
    post_report,
    topic_create,
    topic_moderate,
)

pytestmark = pytest.mark.django_db


def test_member_opens_a_topic_and_follows_it(forum, member):
    topic = topic_create(forum=forum, author=member, title="  Covoiturage  ", body="Qui vient mardi ?")
    assert topic.title == "Covoiturage"
    assert list(topic.posts.values_list("body", flat=True)) == ["Qui vient mardi ?"]
    assert list(topic.followers.all()) == [member]


def test_strangers_cannot_write(forum, outsider, other_host):
    for who in (outsider, other_host):
        with pytest.raises(PermissionDenied):
            topic_create(forum=forum, author=who, title="Spam", body="Spam")
    assert not Topic.objects.exists()


def test_empty_fields_are_refused_nothing_written(forum, member):
    with pytest.raises(DomainError) as exc:
        topic_create(forum=forum, author=member, title=" ", body="")
    assert exc.value.errors == {"title": ["Ce champ est obligatoire."], "body": ["Ce champ est obligatoire."]}
    assert not Topic.objects.exists()


def test_reply_mails_the_followers_but_not_the_author(
    forum, member, second_member, django_capture_on_commit_callbacks
):
    topic = topic_create(forum=forum, author=member, title="Fibre à Pertuis", body="Des nouvelles ?")
    with django_capture_on_commit_callbacks(execute=True):
        post_create(topic=topic, author=second_member, body="Raccordement en mars.")
    assert [m.to for m in mail.outbox] == [["membre@example.org"]]
    assert "Raccordement en mars." in mail.outbox[0].body
    assert "paul@example.org" not in mail.outbox[0].body  # the replier's address is never shown
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post_create(topic=topic, author=member, body="Merci !")
    # second_member follows since replying; the author of this reply gets nothing.
    assert [m.to for m in mail.outbox] == [["paul@example.org"]]


def test_locked_topic_refuses_replies_except_to_moderators(forum, member, host):
    topic = topic_create(forum=forum, author=member, title="Règlement", body="À lire.")
    topic_moderate(topic=topic, by=host, locked=True, pinned=True)
    with pytest.raises(Conflict, match="verrouillé"):
        post_create(topic=topic, author=member, body="Encore un mot")
    post_create(topic=topic, author=host, body="Précision de l'hôte")
    assert topic.posts.count() == 2


def test_only_moderators_pin_lock_and_hide(forum, member, host, coordinator):
    topic = topic_create(forum=forum, author=member, title="Sujet", body="Texte")
    with pytest.raises(PermissionDenied):
        topic_moderate(topic=topic, by=member, pinned=True)
    post = topic.posts.get()
    with pytest.raises(DomainError, match="pourquoi"):
        post_hide(post=post, by=coordinator, reason="  ")
    post_report(post=post, reporter=host, reason="Hors sujet")
    post_hide(post=post, by=coordinator, reason="Publicité")
    post.refresh_from_db()
    assert post.hidden_reason == "Publicité" and post.hidden_by == coordinator
    assert Report.objects.get().resolved_at is not None


def test_a_post_is_reported_once_per_person(forum, member, host):
    topic = topic_create(forum=forum, author=member, title="Sujet", body="Texte")
    post = topic.posts.get()
    post_report(post=post, reporter=host, reason="Ton agressif")
    with pytest.raises(Conflict, match="déjà signalé"):
        post_report(post=post, reporter=host, reason="Encore")
    assert Report.objects.count() == 1


def test_pinned_topics_come_first(forum, member, host, client):
    old = topic_create(forum=forum, author=member, title="Ancien mais épinglé", body="x")
    topic_create(forum=forum, author=member, title="Récent", body="y")
    topic_moderate(topic=old, by=host, pinned=True)
    client.force_login(member)
    html = client.get(reverse("forums:forum", args=[forum.pk])).content.decode()
    assert html.index("Ancien mais épinglé") < html.index("Récent")


def test_script_in_a_post_is_shown_escaped_and_links_work(forum, member, client):
    body = '<script>alert("x")</script>\nVoir https://example.org/page'
    topic = topic_create(forum=forum, author=member, title="<b>Titre</b>", body=body)
    client.force_login(member)
    html = client.get(reverse("forums:topic", args=[topic.pk])).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>" in html
    assert "&lt;b&gt;Titre&lt;/b&gt;" in html and "<b>Titre</b>" not in html
    assert '<a href="https://example.org/page" rel="nofollow">https://example.org/page</a>' in html


def test_no_js_reply_prg_and_french_errors(forum, member, client):
    topic = topic_create(forum=forum, author=member, title="Sujet", body="Texte")
    client.force_login(member)
    url = reverse("forums:topic", args=[topic.pk])
    bad = client.post(url, {"body": "   "})
    assert bad.status_code == 400
    assert "Ce champ est obligatoire." in bad.content.decode()
    assert topic.posts.count() == 1
    good = client.post(url, {"body": "Bonne idée"})
    assert good.status_code == 302 and good["Location"].startswith(url + "?page=1#message-")
    assert topic.posts.count() == 2


def test_topic_pages_paginate_and_survive_a_bad_page_number(forum, member, client):
    topic = topic_create(forum=forum, author=member, title="Long fil", body="1")
    Post.objects.bulk_create([Post(topic=topic, author=member, body=f"n°{i}") for i in range(2, 26)])
    client.force_login(member)
    url = reverse("forums:topic", args=[topic.pk])
    # 25 posts at 20 a page -> 2 pages; the second holds n°21..n°25.
    second = client.get(url + "?page=2").content.decode()
    assert "n°25" in second and "n°19" not in second
    assert client.get(url + "?page=abc").status_code == 200
    assert client.get(url + "?page=99").status_code == 200


def test_moderation_pages(forum, member, host, client):
    topic = topic_create(forum=forum, author=member, title="Sujet", body="Message à masquer")
    post = topic.posts.get()
    client.force_login(member)
    assert (
        client.post(reverse("forums:topic_moderate", args=[topic.pk]), {"action": "lock"}).status_code == 404
    )
    assert client.post(reverse("forums:post_hide", args=[post.pk]), {"reason": "x"}).status_code == 404
    client.force_login(host)
    client.post(reverse("forums:topic_moderate", args=[topic.pk]), {"action": "lock"})
    topic.refresh_from_db()
    assert topic.locked
    missing = client.post(reverse("forums:post_hide", args=[post.pk]), {"reason": ""})
    assert missing.status_code == 400 and "Ce champ est obligatoire." in missing.content.decode()
    client.post(reverse("forums:post_hide", args=[post.pk]), {"reason": "Hors charte"})
    client.force_login(member)
    html = client.get(reverse("forums:topic", args=[topic.pk])).content.decode()
    assert "Message à masquer" not in html and "Hors charte" in html
    assert "verrouillé" in html and "Publier la réponse" not in html


def test_report_page(forum, member, host, client):
    topic = topic_create(forum=forum, author=member, title="Sujet", body="Texte")
    post = topic.posts.get()
    client.force_login(host)
    url = reverse("forums:post_report", args=[post.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Hors sujet"}).status_code == 302
    again = client.post(url, {"reason": "Hors sujet"})
    assert "déjà signalé" in again.content.decode() and Report.objects.count() == 1


def test_place_forum_is_for_the_place_members(place, other_place, host, other_host, member, outsider, seats):
    forum = forum_for(place=place)
    topic_create(forum=forum, author=host, title="Travaux", body="Salle fermée lundi")
    with pytest.raises(PermissionDenied):
        topic_create(forum=forum_for(place=other_place), author=host, title="x", body="y")
    with pytest.raises(PermissionDenied):
        topic_create(forum=forum, author=outsider, title="x", body="y")


def test_community_home_lists_my_forums_only(forum, member, outsider, client):
    client.force_login(member)
    assert forum.network.name in client.get(reverse("forums:home")).content.decode()
    client.force_login(outsider)
    assert forum.network.name not in client.get(reverse("forums:home")).content.decode()


def test_strangers_get_404_on_every_forum_page_and_endpoint(forum, member, outsider, other_host, client):
    topic = topic_create(forum=forum, author=member, title="Sujet", body="Texte")
    post = topic.posts.get()
    pages = [
        reverse("forums:forum", args=[forum.pk]),
        reverse("forums:topic_new", args=[forum.pk]),
        reverse("forums:topic", args=[topic.pk]),
        reverse("forums:post_report", args=[post.pk]),
        reverse("forums:post_hide", args=[post.pk]),
    ]
    for who in (outsider, other_host):
        client.force_login(who)
        for url in pages:
            assert client.get(url).status_code == 404, url
            assert client.post(url, {"title": "x", "body": "y", "reason": "z"}).status_code == 404, url
        assert client.get(f"/api/v1/forums/{forum.pk}/topics").status_code == 404
        posted = client.post(
            f"/api/v1/topics/{topic.pk}/posts", json.dumps({"body": "x"}), content_type="application/json"
        )
        assert posted.status_code == 404
    assert topic.posts.count() == 1


def test_api_topics_and_posts(forum, member, host, client):
    client.force_login(member)
    created = client.post(
        f"/api/v1/forums/{forum.pk}/topics",
        json.dumps({"title": "API", "body": "Bonjour"}),
        content_type="application/json",
    )
    assert created.status_code == 201
    topic_id = created.json()["id"]
    empty = client.post(
        f"/api/v1/topics/{topic_id}/posts", json.dumps({"body": " "}), content_type="application/json"
    )
    assert empty.status_code == 400
    assert detail_and_errors(empty.json()) == {
        "detail": "La réponse n'a pas été publiée : corrigez les champs signalés.",
        "errors": {"body": ["Ce champ est obligatoire."]},
    }
    topic_moderate(topic=Topic.objects.get(pk=topic_id), by=host, locked=True)
    locked = client.post(
        f"/api/v1/topics/{topic_id}/posts", json.dumps({"body": "Encore"}), content_type="application/json"
    )
    assert locked.status_code == 409
    listed = client.get(f"/api/v1/forums/{forum.pk}/topics").json()
    assert [(t["title"], t["posts"], t["locked"], t["author"]) for t in listed] == [("API", 1, True, "Marie")]
    assert client.get(f"/api/v1/forums/{forum.pk}/topics?limit=0").status_code == 422
