"""Fixtures of the QA sweeps of coopconnect/core/tests (the test world is in coopconnect/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def _fast_passwords(settings):
    """MD5 hashing for speed. Not autouse: a sweep opts in with
    ``pytestmark = pytest.mark.usefixtures("_fast_passwords")``, so the other core tests keep the
    default hashers."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
