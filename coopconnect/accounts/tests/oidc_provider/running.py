"""Start the test provider in a subprocess on a free port, with a fresh RSA key and database."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[4]


@dataclass
class Provider:
    url: str  # the issuer, e.g. http://127.0.0.1:40123/o

    def env(self, provider_id: str, client_id: str, client_secret: str, **extra: str) -> dict[str, str]:
        """The environment variables Coop-connect reads to offer this provider."""
        key = provider_id.upper()
        env = {
            "OIDC_PROVIDERS": provider_id,
            f"OIDC_{key}_SERVER_URL": self.url,
            f"OIDC_{key}_CLIENT_ID": client_id,
            f"OIDC_{key}_CLIENT_SECRET": client_secret,
        }
        env.update({f"OIDC_{key}_{name}": value for name, value in extra.items()})
        return env


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _rsa_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


@contextmanager
def running_provider(setup: dict) -> Iterator[Provider]:
    """Run the provider until the block ends; ``setup`` lists its users and clients (see serve.py)."""
    port = _free_port()
    with TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "PROVIDER_PORT": str(port),
            "PROVIDER_DB": str(Path(tmp) / "provider.sqlite3"),
            "PROVIDER_RSA_KEY": _rsa_pem(),
            "PROVIDER_SETUP": json.dumps(setup),
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        log = open(Path(tmp) / "provider.log", "wb")  # noqa: SIM115
        process = subprocess.Popen(
            [sys.executable, "-m", "coopconnect.accounts.tests.oidc_provider.serve"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}/o"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(url + "/.well-known/openid-configuration", timeout=2):
                        break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        log.flush()
                        raise RuntimeError((Path(tmp) / "provider.log").read_text()) from None
                    time.sleep(0.2)
            yield Provider(url=url)
        finally:
            process.terminate()
            process.wait(timeout=10)
            log.close()
