"""Reads of the forums: the forums one may read, their topics and posts."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from coopconnect.accounts.privacy.registry import PersonalData
from coopconnect.forums.models import Forum, Post, Report, Topic
from coopconnect.forums.permissions import can_read_forum, readable_forums


def forums_of(user: Any) -> list[Forum]:
    """Return the forums the user may read, networks first, with their topic counts."""
    qs = readable_forums(user).select_related("network", "place").annotate(topic_count=Count("topics"))
    return sorted(qs, key=lambda f: (f.network_id is None, str(f).lower()))


def forum_readable(user: Any, pk: int) -> Forum | None:
    """Return the forum when the user may read it, else None (a stranger cannot tell it exists)."""
    forum = Forum.objects.select_related("network", "place").filter(pk=pk).first()
    return forum if forum is not None and can_read_forum(user, forum) else None


def forum_topics(forum: Forum) -> QuerySet[Topic]:
    """Return the forum's topics, pinned first then by last activity, with their reply counts."""
    return (
        forum.topics.select_related("author")
        .annotate(post_count=Count("posts"))
        .order_by("-pinned", "-last_post_at", "-pk")
    )


def topic_readable(user: Any, pk: int) -> Topic | None:
    """Return the topic when the user may read its forum, else None."""
    topic = (
        Topic.objects.select_related("forum", "forum__network", "forum__place", "author")
        .filter(pk=pk)
        .first()
    )
    return topic if topic is not None and can_read_forum(user, topic.forum) else None


def topic_posts(topic: Topic) -> QuerySet[Post]:
    """Return the topic's posts in order, with their authors."""
    return (
        topic.posts.select_related("author")
        .annotate(open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)))
        .order_by("created_at", "pk")
    )


def post_readable(user: Any, pk: int) -> Post | None:
    """Return the post when the user may read its forum, else None."""
    post = Post.objects.select_related("topic", "topic__forum", "author").filter(pk=pk).first()
    return post if post is not None and can_read_forum(user, post.topic.forum) else None


def personal_data(person: Any) -> PersonalData:
    """Return what the person wrote in the forums: topics opened, posts, reports, topics followed."""
    topics = Topic.objects.filter(author=person).select_related("forum__network", "forum__place")
    posts = Post.objects.filter(author=person).select_related("topic").order_by("created_at", "pk")
    return PersonalData(
        tables={
            "topics": [{"forum": str(t.forum), "title": t.title, "created_at": t.created_at} for t in topics],
            "posts": [
                {
                    "topic": p.topic.title,
                    "body": p.body,
                    "created_at": p.created_at,
                    "edited_at": p.edited_at,
                    "deleted_at": p.deleted_at,
                    "hidden_at": p.hidden_at,
                }
                for p in posts
            ],
            "reports": [
                {"post": r.post_id, "reason": r.reason, "created_at": r.created_at}
                for r in Report.objects.filter(reporter=person)
            ],
            "followed_topics": [{"topic": t.title} for t in person.followed_topics.all()],
        }
    )
