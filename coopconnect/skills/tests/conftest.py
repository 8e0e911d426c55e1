"""Fixtures of the knowledge swap tests (shared by the community apps: forums/tests/fixtures.py)."""

from coopconnect.forums.tests.fixtures import (  # noqa: F401 - pytest finds fixtures by name
    apt,
    belongs,
    cadenet,
    fast_password_hashing,
    forum,
    immediate_tasks,
    second_member,
)
