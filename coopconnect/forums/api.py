"""JSON API of the forums (mounted under /api/v1/): topics of a forum, replies."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.security import django_auth

from coopconnect.core.errors import NotFound
from coopconnect.core.schemas import ErrorOut
from coopconnect.forums import selectors
from coopconnect.forums.names import display_name
from coopconnect.forums.services import post_create, topic_create

router = Router(tags=["forums"])


class TopicOut(Schema):
    id: int
    title: str
    author: str
    pinned: bool
    locked: bool
    posts: int
    last_post_at: dt.datetime


class TopicIn(Schema):
    title: str = Field(..., max_length=160)
    body: str = Field(..., max_length=10000)


class PostIn(Schema):
    body: str = Field(..., max_length=10000)


class PostOut(Schema):
    id: int
    topic_id: int
    author: str
    body: str
    created_at: dt.datetime


class PageQuery(Schema):
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


def _readable_forum(request: HttpRequest, forum_id: int):  # noqa: ANN202 - a Forum
    forum = selectors.forum_readable(request.auth, forum_id)
    if forum is None:
        raise NotFound("Forum introuvable.")
    return forum


@router.get(
    "/forums/{forum_id}/topics",
    auth=django_auth,
    response={200: list[TopicOut], 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Sujets d'un forum",
)
def forum_topics(request: HttpRequest, forum_id: int, page: Query[PageQuery]):
    """The topics of a forum one belongs to, pinned first then by last activity."""
    topics = selectors.forum_topics(_readable_forum(request, forum_id))[
        page.offset : page.offset + page.limit
    ]
    return [
        TopicOut(
            id=t.pk,
            title=t.title,
            author=display_name(t.author),
            pinned=t.pinned,
            locked=t.locked,
            posts=t.post_count,
            last_post_at=t.last_post_at,
        )
        for t in topics
    ]


@router.post(
    "/forums/{forum_id}/topics",
    auth=django_auth,
    response={201: TopicOut, 401: ErrorOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Ouvrir un sujet",
)
def forum_topic_create(request: HttpRequest, forum_id: int, payload: TopicIn):
    """Open a topic (with its first message) in a forum one belongs to."""
    topic = topic_create(
        forum=_readable_forum(request, forum_id), author=request.auth, title=payload.title, body=payload.body
    )
    return Status(
        201,
        TopicOut(
            id=topic.pk,
            title=topic.title,
            author=display_name(topic.author),
            pinned=topic.pinned,
            locked=topic.locked,
            posts=1,
            last_post_at=topic.last_post_at,
        ),
    )


@router.post(
    "/topics/{topic_id}/posts",
    auth=django_auth,
    response={
        201: PostOut,
        401: ErrorOut,
        400: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
    },
    summary="Répondre à un sujet",
)
def topic_reply(request: HttpRequest, topic_id: int, payload: PostIn):
    """Reply to a topic of a forum one belongs to (409 when it is locked)."""
    topic = selectors.topic_readable(request.auth, topic_id)
    if topic is None:
        raise NotFound("Sujet introuvable.")
    post = post_create(topic=topic, author=request.auth, body=payload.body)
    return Status(
        201,
        PostOut(
            id=post.pk,
            topic_id=topic.pk,
            author=display_name(post.author),
            body=post.body,
            created_at=post.created_at,
        ),
    )
