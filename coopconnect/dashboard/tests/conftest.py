import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The test world creates users with passwords: PBKDF2 would make each test take a second.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
