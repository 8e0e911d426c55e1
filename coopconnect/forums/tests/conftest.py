"""Fixtures of the forums tests (shared with the other community apps: see forums/tests/fixtures.py)."""

from coopconnect.forums.tests.fixtures import (  # noqa: F401 - pytest finds fixtures by name
    apt,
    belongs,
    cadenet,
    fast_password_hashing,
    forum,
    immediate_tasks,
    second_member,
)
